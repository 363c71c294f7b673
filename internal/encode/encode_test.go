package encode_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/schema"
)

var shipped = filepath.Join("..", "..", "testdata", "factsheets")

func loadShipped(t *testing.T, name string) (*model.Factsheet, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(shipped, name))
	if err != nil {
		t.Fatal(err)
	}
	res := load.Bytes(name, raw, load.Options{})
	if res.Model == nil {
		t.Fatalf("%s: %v", name, res.Findings)
	}
	return res.Model, raw
}

// TestYAMLOfTheShippedFactsheet: writing the model of BE.yaml gives BE.yaml
// back byte for byte, and the published document gives the same YAML.
func TestYAMLOfTheShippedFactsheet(t *testing.T) {
	m, raw := loadShipped(t, "BE.yaml")
	if got := encode.YAML(m); !bytes.Equal(got, raw) {
		t.Errorf("YAML(BE.yaml) differs from BE.yaml (%d vs %d bytes)", len(got), len(raw))
	}
	doc, _ := loadShipped(t, "BE.txt")
	if got := encode.YAML(doc); !bytes.Equal(got, raw) {
		t.Errorf("YAML(BE.txt) differs from BE.yaml")
	}
}

// TestDeterministic: maps iterate in random order; the bytes must not.
func TestDeterministic(t *testing.T) {
	m, _ := loadShipped(t, "BE.yaml")
	y, j := encode.YAML(m), encode.JSON(m)
	for range 20 {
		if !bytes.Equal(encode.YAML(m), y) || !bytes.Equal(encode.JSON(m), j) {
			t.Fatal("two writes of the same model differ")
		}
	}
}

// canonical re-encodes a JSON-shaped value with sorted keys.
func canonical(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestJSONIsTheSameTree: the two writers walk one tree, so the two forms
// never drift apart; the JSON reads back to the same model.
func TestJSONIsTheSameTree(t *testing.T) {
	m, _ := loadShipped(t, "BE.yaml")
	var fromYAML any
	if err := yaml.Unmarshal(encode.YAML(m), &fromYAML); err != nil {
		t.Fatal(err)
	}
	j := encode.JSON(m)
	var fromJSON any
	if err := json.Unmarshal(j, &fromJSON); err != nil {
		t.Fatalf("JSON output does not parse: %v", err)
	}
	if canonical(t, fromYAML) != canonical(t, fromJSON) {
		t.Error("the YAML and JSON forms hold different trees")
	}
	back := load.Bytes("BE.json", j, load.Options{})
	for _, f := range back.Findings {
		if f.Severity == finding.Error {
			t.Errorf("the JSON form has an error: %s", f)
		}
	}
	if back.Model == nil || !bytes.Equal(encode.YAML(back.Model), encode.YAML(m)) {
		t.Error("the JSON form does not read back to the same model")
	}
	if !bytes.HasSuffix(j, []byte("}\n")) || bytes.Contains(j, []byte(`\u003c`)) {
		t.Errorf("JSON ends %q; HTML escaping used: %v", j[len(j)-3:], bytes.Contains(j, []byte(`\u003c`)))
	}
}

func TestModeline(t *testing.T) {
	want := "# yaml-language-server: $schema=" + schema.Base + schema.Root + "\n"
	if encode.SchemaURL() != schema.Base+schema.Root {
		t.Errorf("SchemaURL = %q", encode.SchemaURL())
	}
	if y := encode.YAML(&model.Factsheet{}); !strings.HasPrefix(string(y), want) {
		t.Errorf("YAML starts %q, want the modeline %q", y[:min(len(y), 80)], want)
	}
}

// factsheet is a small model with one answered question.
func factsheet(answer, comments string) *model.Factsheet {
	return &model.Factsheet{
		Template: "ecan-plus-2025",
		Country:  model.Country{Code: "BE", Name: "Belgium"},
		Title:    "T",
		Sections: map[string]*model.Section{"governance": {Questions: map[string]*model.Question{
			"ministry": {Answer: answer, Comments: comments},
		}}},
	}
}

// question reads back the answer and comments of the YAML form with a YAML
// parser of its own.
func question(t *testing.T, y []byte) (string, string) {
	t.Helper()
	var v struct {
		Governance struct {
			Questions map[string]struct{ Answer, Comments any }
		}
	}
	if err := yaml.Unmarshal(y, &v); err != nil {
		t.Fatalf("%v\n%s", err, y)
	}
	q := v.Governance.Questions["ministry"]
	a, ok := q.Answer.(string)
	if !ok {
		t.Errorf("answer read back as %T %v, not text", q.Answer, q.Answer)
	}
	c, _ := q.Comments.(string)
	return a, c
}

// TestYAMLKeepsTextText: every string reads back as the same string with a
// YAML parser — "Yes" stays an answer, not a boolean (YAML 1.1 readers),
// and long or multi-line text is a block scalar.
func TestYAMLKeepsTextText(t *testing.T) {
	for _, answer := range []string{"Yes", "No", "yes", "on", "Off", "true", "null", "~", "N/A", "Yes, some", "42", "1.5", "2025-10"} {
		y := encode.YAML(factsheet(answer, ""))
		if got, _ := question(t, y); got != answer {
			t.Errorf("answer %q reads back as %q", answer, got)
		}
	}
	if y := string(encode.YAML(factsheet("Yes", ""))); !strings.Contains(y, `answer: "Yes"`) {
		t.Errorf("Yes is not quoted:\n%s", y)
	}
	long := strings.Repeat("word ", 30) + "end."
	for _, comments := range []string{
		long,
		"line one\nline two",
		"ends with a newline\n",
		"  leading spaces",
		"trailing spaces  ",
		"a: b # not a comment",
		"- not a list",
		"tab\there",
		"<b>bold</b> & [^3]",
		"Sønderskov “quoted” ‘single’",
	} {
		y := encode.YAML(factsheet("Yes", comments))
		if _, got := question(t, y); got != comments {
			t.Errorf("comments %q read back as %q", comments, got)
		}
	}
	if y := string(encode.YAML(factsheet("Yes", long))); !strings.Contains(y, "comments: |") {
		t.Errorf("long text is not a block scalar:\n%s", y)
	}
	if y := string(encode.YAML(factsheet("Yes", ""))); strings.Contains(y, "comments:") {
		t.Errorf("empty comments are written:\n%s", y)
	}
}

// TestOrder: rows in the template's order whatever the map order; IDs the
// template does not know come last, sorted.
func TestOrder(t *testing.T) {
	f := factsheet("Yes", "")
	qs := f.Sections["governance"].Questions
	for _, id := range []string{"public_agency", "zzz_unknown", "national_board", "aaa_unknown", "ministry_unit"} {
		qs[id] = &model.Question{Answer: "No"}
	}
	y := string(encode.YAML(f))
	last := -1
	for _, id := range []string{"ministry:", "ministry_unit:", "national_board:", "public_agency:", "aaa_unknown:", "zzz_unknown:"} {
		i := strings.Index(y, "    "+id)
		if i < 0 || i < last {
			t.Fatalf("%s out of order in\n%s", id, y)
		}
		last = i
	}
}

func TestFootnoteLabelsAndEmptyLists(t *testing.T) {
	f := &model.Factsheet{Template: "ecan-plus-2025", Footnotes: []model.Footnote{
		{Label: "1", Text: "a"}, {Label: "01", Text: "b"}, {Label: "0", Text: "c"}, {Label: "x", Text: "d"},
	}}
	j := string(encode.JSON(f))
	for _, want := range []string{`"label": 1,`, `"label": "01",`, `"label": 0,`, `"label": "x",`, `"rounds": []`} {
		if !strings.Contains(j, want) {
			t.Errorf("JSON lacks %s:\n%s", want, j)
		}
	}
	y := string(encode.YAML(f))
	for _, want := range []string{"- label: 1\n", `- label: "01"`, "rounds: []"} {
		if !strings.Contains(y, want) {
			t.Errorf("YAML lacks %q:\n%s", want, y)
		}
	}
}
