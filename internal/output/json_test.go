package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecanplus/factsheet/schema"
)

const findingsSchema = "findings.schema.json"

// compileFindingsSchema compiles schema/findings.schema.json as the binary
// embeds it (with the other embedded schemas as resources, as the
// validation package does), never fetching anything.
func compileFindingsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	if _, ok := schema.File(findingsSchema); !ok {
		t.Fatalf("%s is not embedded (have %s)", findingsSchema, strings.Join(schema.Names(), ", "))
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("refusing to fetch %s: tests never use the network", u)
	}
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		if err := c.AddResource(schema.Base+name, bytes.NewReader(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	s, err := c.Compile(schema.Base + findingsSchema)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The JSON output validates against schema/findings.schema.json: the sample
// findings, the real findings of the shipped factsheets, an empty run.
func TestJSONValidatesAgainstFindingsSchema(t *testing.T) {
	s := compileFindingsSchema(t)
	b, _ := schema.File(findingsSchema)
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["$id"] != schema.Base+findingsSchema || raw["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$id %v, $schema %v", raw["$id"], raw["$schema"])
	}
	for name, reports := range map[string][]Report{
		"sample":   sampleReports(),
		"real":     realReports(t),
		"no files": nil,
		"clean":    {{Name: "clean.yaml"}},
	} {
		t.Run(name, func(t *testing.T) {
			validateJSON(t, s, render(t, "json", Options{}, reports))
		})
	}
}

// The schema is strict enough to catch a change in the output's shape.
func TestFindingsSchemaRejects(t *testing.T) {
	s := compileFindingsSchema(t)
	good := func() map[string]any {
		return map[string]any{
			"findings": []any{map[string]any{
				"rule": "date-past-due", "severity": "warning",
				"file": "BE.yaml", "line": 3, "column": 1, "pointer": "/a/b~1c",
				"message": "m", "hint": "h",
				"related": []any{map[string]any{"file": "BE.yaml", "line": 1, "column": 1, "pointer": "", "message": ""}},
			}},
			"summary": map[string]any{"files": 1, "errors": 0, "warnings": 1, "infos": 0},
		}
	}
	if err := s.Validate(good()); err != nil {
		t.Fatalf("the reference document does not validate: %v", err)
	}
	finding0 := func(v map[string]any) map[string]any { return v["findings"].([]any)[0].(map[string]any) }
	for name, breakIt := range map[string]func(map[string]any){
		"findings null":      func(v map[string]any) { v["findings"] = nil },
		"no summary":         func(v map[string]any) { delete(v, "summary") },
		"extra top level":    func(v map[string]any) { v["version"] = 1 },
		"extra in summary":   func(v map[string]any) { v["summary"].(map[string]any)["total"] = 1 },
		"bad severity":       func(v map[string]any) { finding0(v)["severity"] = "fatal" },
		"no rule":            func(v map[string]any) { delete(finding0(v), "rule") },
		"no pointer":         func(v map[string]any) { delete(finding0(v), "pointer") },
		"negative line":      func(v map[string]any) { finding0(v)["line"] = -1 },
		"line as text":       func(v map[string]any) { finding0(v)["line"] = "3" },
		"extra in finding":   func(v map[string]any) { finding0(v)["url"] = "x" },
		"empty hint":         func(v map[string]any) { finding0(v)["hint"] = "" },
		"empty related":      func(v map[string]any) { finding0(v)["related"] = []any{} },
		"bad pointer":        func(v map[string]any) { finding0(v)["pointer"] = "a/b" },
		"related no message": func(v map[string]any) { delete(finding0(v)["related"].([]any)[0].(map[string]any), "message") },
		"extra in related":   func(v map[string]any) { finding0(v)["related"].([]any)[0].(map[string]any)["hint"] = "x" },
	} {
		v := good()
		breakIt(v)
		if err := s.Validate(v); err == nil {
			t.Errorf("%s: validates", name)
		}
	}
}
