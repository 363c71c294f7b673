package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommandDocsUpToDate fails when docs/commands no longer matches the
// command tree: run make docs.
func TestCommandDocsUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir, ""); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		want, err := os.ReadFile(filepath.Join("..", "..", "docs", "commands", e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/commands/%s is out of date: run make docs", e.Name())
		}
	}
}
