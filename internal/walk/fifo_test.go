//go:build unix

package walk_test

import (
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/walk"
)

// TestNamedPipesInAWalk: a named pipe is not a factsheet, even with a
// factsheet's extension, and is never opened (opening it would wait for a
// writer). Named explicitly it is passed on: the command layer refuses it.
func TestNamedPipesInAWalk(t *testing.T) {
	dir := tree(t, "f/BE.yaml")
	for _, name := range []string{"pipe.yaml", "fs-pipe.md"} {
		if err := syscall.Mkfifo(filepath.Join(dir, "f", name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan []string, 1)
	go func() { done <- expand(t, dir, walk.Options{Sniff: sniff}, "f") }()
	select {
	case got := <-done:
		if !slices.Equal(got, []string{"f/BE.yaml"}) {
			t.Errorf("walk took %v", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the walk blocked on a named pipe")
	}
	if got := expand(t, dir, walk.Options{}, "f/pipe.yaml"); !slices.Equal(got, []string{"f/pipe.yaml"}) {
		t.Errorf("named pipe named explicitly: %v", got)
	}
}
