package template

import (
	"testing"

	"github.com/ecanplus/factsheet/schema"
)

func ecan(t *testing.T) *Template {
	t.Helper()
	tpl, ok := Builtin().Lookup(DefaultName)
	if !ok {
		_, err := Parse("ecan-plus-2025.schema.json", schema.Base+"ecan-plus-2025.schema.json", mustFile(t, "ecan-plus-2025.schema.json"))
		t.Fatalf("built-in template does not parse: %v", err)
	}
	return tpl
}

func mustFile(t *testing.T, name string) []byte {
	b, ok := schema.File(name)
	if !ok {
		t.Fatalf("%s is not embedded", name)
	}
	return b
}

// TestTemplateShape pins the counts of the published template, so an
// accidental edit that drops a question fails loudly.
func TestTemplateShape(t *testing.T) {
	want := map[int]int{1: 7, 2: 8, 3: 11, 4: 4, 5: 6, 6: 5}
	tpl := ecan(t)
	if len(tpl.Chapters) != 5 {
		t.Fatalf("chapters = %d, want 5", len(tpl.Chapters))
	}
	for _, tb := range tpl.Tables() {
		if got := len(tb.Items); got != want[tb.Number] {
			t.Errorf("table %d: %d items, want %d", tb.Number, got, want[tb.Number])
		}
	}
	if got := len(tpl.Table("solutions").Types); got != 7 {
		t.Errorf("table 5: %d solution types, want 7", got)
	}
}

// TestIDsUniqueAndDependencies checks that IDs are unique per table, are
// lower-case snake case, and that every conditional question depends on an
// earlier question of the same table.
func TestIDsUniqueAndDependencies(t *testing.T) {
	for _, tb := range ecan(t).Tables() {
		seen := map[string]int{}
		for i, it := range append(append([]Item{}, tb.Items...), tb.Types...) {
			if _, dup := seen[it.ID]; dup {
				t.Errorf("table %d: duplicate ID %q", tb.Number, it.ID)
			}
			seen[it.ID] = i
			for _, r := range it.ID {
				if !(r >= 'a' && r <= 'z' || r == '_') {
					t.Errorf("table %d: ID %q is not snake case", tb.Number, it.ID)
					break
				}
			}
			if it.Wording == "" {
				t.Errorf("table %d: %s has no wording", tb.Number, it.ID)
			}
		}
		for i, it := range tb.Items {
			if it.DependsOn == "" {
				if it.Condition != Always {
					t.Errorf("%s: condition without parent", tb.ID(it.ID))
				}
				continue
			}
			j, ok := seen[it.DependsOn]
			if !ok || j >= i {
				t.Errorf("%s depends on %q, which is not an earlier question of table %d", tb.ID(it.ID), it.DependsOn, tb.Number)
			}
		}
	}
}
