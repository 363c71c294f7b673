package model_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/template"
)

// value is a factsheet as the decoders give it: maps, lists, strings and
// json.Number.
func value() map[string]any {
	return map[string]any{
		"template": "ecan-plus-2025",
		"country":  map[string]any{"code": "BE", "name": "Belgium"},
		"title":    "POLICY MAPPING",
		"contact":  "ecan@goeg.at",
		"rounds": []any{
			map[string]any{"kind": "prefill", "date": "2023/2024", "contributors": []any{
				map[string]any{"name": "Linda Justi", "role": "Region Syddanmark", "organisation": "RSD", "country": "Denmark"},
			}},
			map[string]any{"kind": "review", "date": "2025-10"},
		},
		"governance": map[string]any{
			"questions": map[string]any{
				"ministry": map[string]any{"answer": "Yes", "comments": "See [^1]."},
			},
			"further_information": []any{"one", "two"},
		},
		"definitions": map[string]any{"terms": map[string]any{
			"ehealth": map[string]any{"definition": "WHO", "deviation": "None"},
		}},
		"solutions": map[string]any{"cells": map[string]any{
			"treatment": map[string]any{"telemonitoring": "Yes", "login_websites": ""},
		}},
		"footnotes": []any{
			map[string]any{"label": json.Number("1"), "text": "[WHO](https://who.int)"},
			map[string]any{"label": "a", "text": "letter"},
		},
		"wording": map[string]any{"solutions.treatment": "Treatment", "bad": 3},
	}
}

func TestFromValue(t *testing.T) {
	f := model.FromValueOf(value(), nil)
	if f.Template != "ecan-plus-2025" || f.Country != (model.Country{Code: "BE", Name: "Belgium"}) || f.Title != "POLICY MAPPING" || f.Contact != "ecan@goeg.at" {
		t.Errorf("header %+v", f)
	}
	if len(f.Rounds) != 2 || f.Rounds[0].Kind != model.Prefill || f.Rounds[1].Date != "2025-10" ||
		len(f.Rounds[0].Contributors) != 1 || f.Rounds[0].Contributors[0] != (model.Contributor{"Linda Justi", "Region Syddanmark", "RSD", "Denmark"}) {
		t.Errorf("rounds %+v", f.Rounds)
	}
	g := f.Section("governance")
	if q := g.Questions["ministry"]; q == nil || q.Answer != "Yes" || q.Comments != "See [^1]." || len(g.FurtherInformation) != 2 {
		t.Errorf("governance %+v", g)
	}
	if d := f.Section("definitions").Terms["ehealth"]; d == nil || d.Definition != "WHO" || d.Deviation != "None" {
		t.Errorf("terms %+v", f.Section("definitions").Terms)
	}
	s := f.Section("solutions")
	if s.Cells["treatment"]["telemonitoring"] != "Yes" || !s.HasCells["treatment"]["login_websites"] || s.HasCells["treatment"]["ehr"] {
		t.Errorf("cells %+v present %+v: an empty cell is present, a missing one is not", s.Cells, s.HasCells)
	}
	if len(f.Footnotes) != 2 || f.Footnotes[0] != (model.Footnote{"1", "[WHO](https://who.int)"}) || f.Footnotes[1].Label != "a" {
		t.Errorf("footnotes %+v", f.Footnotes)
	}
	if len(f.Wording) != 1 || f.Wording["solutions.treatment"] != "Treatment" {
		t.Errorf("wording %+v (a non-text entry must be skipped)", f.Wording)
	}
	// Absent sections: nil in the map, empty through Section.
	if f.Sections["legislation"] != nil || f.Section("legislation") == nil || len(f.Section("legislation").Questions) != 0 {
		t.Error("an absent section")
	}
}

// TestFromValueIsLenient: whatever does not have the expected shape is
// skipped, never a panic, so the lint rules still run on a file with
// schema errors.
func TestFromValueIsLenient(t *testing.T) {
	for name, v := range map[string]any{
		"nil":        nil,
		"a list":     []any{"x"},
		"a string":   "factsheet",
		"bad shapes": map[string]any{"template": 42, "country": "BE", "rounds": "none", "footnotes": []any{"x", map[string]any{"label": true}}, "governance": []any{}, "solutions": map[string]any{"cells": map[string]any{"treatment": "Yes"}}},
		"bad rows":   map[string]any{"governance": map[string]any{"questions": map[string]any{"ministry": "Yes", "board": map[string]any{"answer": 1}}}},
	} {
		t.Run(name, func(t *testing.T) {
			f := model.FromValueOf(v, nil)
			if f == nil || f.Sections == nil {
				t.Fatal("no factsheet")
			}
			if f.TemplateOrDefault() != template.Builtin().Default() {
				t.Error("the default template is not used")
			}
		})
	}
	f := model.FromValueOf(map[string]any{"governance": map[string]any{"questions": map[string]any{"ministry": "Yes", "board": map[string]any{"answer": 1}}}}, nil)
	qs := f.Section("governance").Questions
	if _, ok := qs["ministry"]; ok {
		t.Error("a question that is not a mapping was read")
	}
	if q := qs["board"]; q == nil || q.Answer != "" {
		t.Errorf("an answer that is not text: %+v", q)
	}
}

func TestTemplateOrDefault(t *testing.T) {
	if got := (&model.Factsheet{Template: "ecan-plus-2025"}).TemplateOrDefault(); got != template.Builtin().Default() {
		t.Errorf("known template: %v", got.Version)
	}
	if got := (&model.Factsheet{Template: "ecan-2099"}).TemplateOrDefault(); got != template.Builtin().Default() {
		t.Errorf("unknown template: %v", got.Version)
	}
}

// TestPointers are the JSON pointers of the YAML and JSON forms: the source
// maps and the findings of every form use them.
func TestPointers(t *testing.T) {
	tpl := template.Builtin().Default()
	gov, sol := tpl.Table("governance"), tpl.Table("solutions")
	for _, tc := range []struct{ got, want string }{
		{model.SectionPtr("governance"), "/governance"},
		{model.ItemPtr(gov, "ministry"), "/governance/questions/ministry"},
		{model.ItemPtr(tpl.Table("definitions"), "ehealth"), "/definitions/terms/ehealth"},
		{model.CellPtr(sol, "treatment", "telemonitoring"), "/solutions/cells/treatment/telemonitoring"},
		{model.FurtherPtr("uptake", 2), "/uptake/further_information/2"},
		{model.RoundPtr(0), "/rounds/0"},
		{model.FootnotePtr(15), "/footnotes/15"},
		{model.WordingPtr("solutions.treatment"), "/wording/solutions.treatment"},
		{model.WordingPtr("a/b~c"), "/wording/a~1b~0c"},
	} {
		if tc.got != tc.want {
			t.Errorf("pointer %q, want %q", tc.got, tc.want)
		}
	}
	// The pointers name values that exist in the shipped factsheet.
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res := load.Bytes("BE.yaml", raw, load.Options{})
	for _, p := range []string{model.ItemPtr(gov, "national_board"), model.CellPtr(sol, "treatment", "telemonitoring"), model.RoundPtr(2), model.FootnotePtr(15)} {
		if _, found := res.Map.Find(p); found != p {
			t.Errorf("%s is not in BE.yaml's source map (nearest: %q)", p, found)
		}
	}
}
