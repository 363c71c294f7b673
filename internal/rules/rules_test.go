package rules

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeaf: the packages that only need to know about rules - the printers,
// the configuration, the readers - do not link the lint pipeline, and the
// catalogue itself imports nothing of the tool but internal/finding.
func TestLeaf(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/ecanplus/factsheet/internal/"
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	for _, pkg := range []string{"output", "config", "load", "validation", "decode", "document", "docx", "source"} {
		for _, d := range deps(pkg) {
			if d == mod+"lint" {
				t.Errorf("internal/%s depends on internal/lint", pkg)
			}
		}
	}
	for _, d := range deps("rules") {
		if strings.HasPrefix(d, mod) && d != mod+"rules" && d != mod+"finding" {
			t.Errorf("internal/rules depends on %s: it must stay a leaf", d)
		}
	}
}

// TestCatalogue: every rule is documented, in a known category, and makes
// no automatic fix unless one is declared.
func TestCatalogue(t *testing.T) {
	known := map[string]bool{}
	for _, c := range Categories {
		known[c] = true
	}
	ids := IDs()
	if len(ids) != len(All()) || len(ids) < 50 {
		t.Fatalf("%d IDs, %d rules", len(ids), len(All()))
	}
	for _, r := range All() {
		if got, ok := Lookup(r.ID); !ok || got != r {
			t.Errorf("Lookup(%q) does not return the rule", r.ID)
		}
		if !known[r.Category] {
			t.Errorf("%s: unknown category %q", r.ID, r.Category)
		}
		if r.Summary == "" || r.Rationale == "" {
			t.Errorf("%s: summary and rationale are required", r.ID)
		}
		if r.Fatal && r.IsLint() {
			t.Errorf("%s: a lint rule cannot be fatal (it needs a readable file)", r.ID)
		}
	}
	for _, id := range []string{InputSyntax, SchemaRequired, TemplateMissing, DocumentCountry, DocxComment, WaiverUnused, SuppressionUnused, BaselineFixed} {
		if _, ok := Lookup(id); !ok {
			t.Errorf("%s is declared but not catalogued", id)
		}
	}
	if r, _ := Lookup("footnote-unresolved"); r == nil || !r.IsLint() {
		t.Error("footnote-unresolved is not marked as a lint rule")
	}
	if r, _ := Lookup(SchemaRequired); r == nil || r.IsLint() {
		t.Error("schema-required is marked as a lint rule")
	}
	if NoFix.String() != "none" || SafeFix.String() != "safe" || UnsafeFix.String() != "unsafe" {
		t.Error("Applicability names")
	}
}
