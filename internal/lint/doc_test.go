package lint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/internal/rules"
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
	for _, c := range rules.Categories {
		known[c] = true
		if categoryTitles[c] == "" {
			t.Errorf("category %s has no title in docs/rules.md", c)
		}
	}
	for _, r := range rules.All() {
		if r.Summary == "" || r.Rationale == "" {
			t.Errorf("%s: summary and rationale are required", r.ID)
		}
		if !known[r.Category] {
			t.Errorf("%s: unknown category %q", r.ID, r.Category)
		}
		if (r.IsLint() || r.Category == "suppressions") && r.Bad == "" {
			t.Errorf("%s: a lint rule needs a bad example", r.ID)
		}
	}
}

// TestChecksMatchCatalogue: the checks attach to the catalogue by ID. Every
// rule a check reports is a lint rule of the catalogue, and every lint rule
// of the catalogue has a check that reports it.
func TestChecksMatchCatalogue(t *testing.T) {
	checked := map[string]bool{}
	for _, chk := range checks {
		for _, r := range chk.rules {
			checked[r.ID] = true
			if got, ok := rules.Lookup(r.ID); !ok || got != r {
				t.Errorf("a check reports %s, which is not the catalogue's entry", r.ID)
			} else if !r.IsLint() {
				t.Errorf("a check reports %s, which the catalogue does not mark as a lint rule", r.ID)
			}
		}
	}
	n := 0
	for _, r := range rules.All() {
		if r.IsLint() {
			n++
			if !checked[r.ID] {
				t.Errorf("lint rule %s has no check", r.ID)
			}
		}
	}
	if n == 0 {
		t.Fatal("the catalogue marks no rule as a lint rule")
	}
}
