package lint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// TestRulesDocUpToDate fails when docs/rules.md no longer matches the
// registry.
func TestRulesDocUpToDate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("docs/rules.md is out of date: run go test ./internal/lint -update")
	}
}

// TestRegistryComplete: every rule is documented and in a known category.
func TestRegistryComplete(t *testing.T) {
	known := map[string]bool{}
	for _, c := range Categories {
		known[c] = true
		if categoryTitles[c] == "" {
			t.Errorf("category %s has no title in docs/rules.md", c)
		}
	}
	for _, r := range All() {
		if r.Summary == "" || r.Rationale == "" {
			t.Errorf("%s: summary and rationale are required", r.ID)
		}
		if !known[r.Category] {
			t.Errorf("%s: unknown category %q", r.ID, r.Category)
		}
		if r.check == nil && r.Category != "input" && r.Category != "schema" && r.Category != "document" && r.Category != "word" && r.Category != "config" && r.Bad == "" {
			t.Errorf("%s: a lint rule needs a bad example", r.ID)
		}
	}
}
