package validation

// The schemas and values in this file are SYNTHETIC test data.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

const testBase = "https://schemas.example.invalid/"

// mapLoader serves documents from a map, by name under testBase.
func mapLoader(docs map[string]string) func(string) ([]byte, error) {
	return func(u string) ([]byte, error) {
		name, ok := strings.CutPrefix(u, testBase)
		if d, found := docs[name]; ok && found {
			return []byte(d), nil
		}
		return nil, fmt.Errorf("unknown document %s", u)
	}
}

func compileOne(t *testing.T, schema string) (*Validator, error) {
	t.Helper()
	return Compile(testBase+"root.json", mapLoader(map[string]string{"root.json": schema}))
}

// TestCompileBadSchemas: every bad schema is one error naming the document,
// the pointer and the line and column, and why; nothing panics or recurses.
func TestCompileBadSchemas(t *testing.T) {
	deep := strings.Repeat(`{"properties": {"a": `, 10000) + `{}` + strings.Repeat(`}}`, 10000)
	deepItems := strings.Repeat(`{"items": `, 10000) + `true` + strings.Repeat(`}`, 10000)
	cases := []struct {
		name, schema string
		want         []string // substrings of the error
	}{
		{"not JSON", `{"type": "object",}`, []string{"root.json:1:", "invalid JSON"}},
		{"not text", "\x97\x00\x01", []string{"root.json"}},
		{"empty", "", []string{"root.json", "empty"}},
		{"duplicate key", "{\"type\": \"object\",\n \"type\": \"string\"}", []string{"root.json:2:", "duplicate"}},
		{"type is a number", `{"type": 5}`, []string{"root.json:1:10", "/type", "type must be one of"}},
		{"type unknown name", `{"type": "text"}`, []string{"/type", "not \"text\""}},
		{"properties a list", `{"properties": []}`, []string{"/properties", "must be an object of schemas"}},
		{"a schema that is a string", `{"properties": {"a": "string"}}`, []string{"/properties/a", "a schema must be an object or a boolean"}},
		{"required not strings", `{"required": [1]}`, []string{"/required", "list of property names"}},
		{"minItems negative", `{"minItems": -1}`, []string{"/minItems", "non-negative integer"}},
		{"minLength decimal fraction", `{"minLength": 1.5}`, []string{"/minLength", "non-negative integer"}},
		{"ref cycle", `{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`,
			[]string{"$ref cycle", "never reads into the value", "/$defs/a/$ref"}},
		{"ref to itself", `{"$ref": "#"}`, []string{"root.json:1:", "/$ref", "$ref cycle"}},
		{"cycle through allOf (v5's keywords)", `{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "properties": {"x": {"$ref": "#/$defs/a"}}}`,
			[]string{"$ref cycle"}},
		{"remote ref", `{"properties": {"a": {"$ref": "https://elsewhere.example.invalid/s.json"}}}`,
			[]string{"root.json:1:", "/properties/a/$ref", "https://elsewhere.example.invalid/s.json", "never fetched"}},
		{"missing pointer", `{"$defs": {}, "$ref": "#/$defs/nope"}`, []string{"/$ref", "nothing at /$defs/nope"}},
		{"missing anchor", `{"$ref": "#nope"}`, []string{"/$ref", `no anchor "nope"`}},
		{"bad regex (RE2 refuses look-ahead)", `{"pattern": "^(?=a)"}`, []string{"/pattern", "RE2"}},
		{"bad regex in patternProperties", `{"patternProperties": {"(?<=x)": {}}}`, []string{"/patternProperties", "RE2"}},
		{"deep properties", deep, []string{"root.json:1:", "nesting deeper than"}},
		{"deep items", deepItems, []string{"root.json:1:", "nesting deeper than"}},
		{"v5 keyword with a bad value", "{\n  \"maxLength\": \"ten\"\n}", []string{"root.json:2:", "/maxLength"}},
		{"duplicate $id", `{"$defs": {"a": {"$id": "x.json"}, "b": {"$id": "x.json"}}}`, []string{"/$defs/b/$id", "also the $id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := compileOne(t, tc.schema)
			if err == nil {
				t.Fatalf("compiled (engine %T); want an error", v.engine)
			}
			var se *SchemaError
			if !errors.As(err, &se) {
				t.Errorf("error %T %v is not a *SchemaError", err, err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || len(msg) > 400 {
				t.Errorf("error is not one short line: %q", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
		})
	}
}

// TestCompileHugeEnum: a 50 000-value enum compiles and validates in
// linear time, and its message lists a bounded number of values.
func TestCompileHugeEnum(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"enum": [`)
	for i := range 50000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"value-%d"`, i)
	}
	b.WriteString(`]}`)
	start := time.Now()
	v, err := compileOne(t, b.String())
	if err != nil {
		t.Fatal(err)
	}
	fs := v.Validate("value-x", source.Map{}, "t.json")
	if len(fs) != 1 {
		t.Fatalf("findings %v", fs)
	}
	if len(fs[0].Message) > 600 {
		t.Errorf("message of %d bytes: %.200s...", len(fs[0].Message), fs[0].Message)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if fs := v.Validate("value-49999", source.Map{}, "t.json"); len(fs) != 0 {
		t.Errorf("a listed value fails: %v", fs)
	}
	// Past the reader's limit of values the schema is refused, with a place.
	over := `{"enum": [` + strings.Repeat(`1,`, 100_000) + `1]}`
	if _, err := compileOne(t, over); err == nil || !strings.Contains(err.Error(), "root.json:1:") || !strings.Contains(err.Error(), "100000 values") {
		t.Errorf("a 100 001-value enum: %v", err)
	}
}

// TestBuiltinFixes: the cases the suite measurement found wrong in the
// evaluator, each compiled by the built-in evaluator (not v5) and right.
func TestBuiltinFixes(t *testing.T) {
	cases := []struct {
		name, schema   string
		valid, invalid []string // JSON values
	}{
		{"minItems 1.0", `{"minItems": 1.0}`, []string{`[1]`}, []string{`[]`}},
		{"minLength 2.0", `{"minLength": 2.0}`, []string{`"ab"`}, []string{`"a"`}},
		{"plain-name fragment", `{"$defs": {"i": {"$anchor": "items", "type": "integer"}}, "items": {"$ref": "#items"}}`,
			[]string{`[1, 2]`}, []string{`[1, "x"]`}},
		{"anchor in another resource", `{"$defs": {"d": {"$id": "other.json", "$defs": {"s": {"$anchor": "s", "type": "string"}}}}, "$ref": "other.json#s"}`,
			[]string{`"x"`}, []string{`1`}},
		{"nested $id is a base URI", `{"$id": "https://schemas.example.invalid/a/root.json", "$defs": {"n": {"$id": "sub/n.json", "$defs": {"t": {"type": "null"}}, "$ref": "#/$defs/t"}}, "$ref": "sub/n.json"}`,
			[]string{`null`}, []string{`0`}},
		{"percent-encoded pointer", `{"$defs": {"a%b": {"type": "string"}, "c~d/e": {"type": "integer"}}, "properties": {"x": {"$ref": "#/$defs/a%25b"}, "y": {"$ref": "#/$defs/c~0d~1e"}}}`,
			[]string{`{"x": "s", "y": 1}`}, []string{`{"x": 1}`, `{"y": "s"}`}},
		{"absolute-path reference", `{"$id": "https://schemas.example.invalid/a/b/root.json", "$defs": {"s": {"$id": "/other/s.json", "type": "boolean"}}, "$ref": "/other/s.json"}`,
			[]string{`true`}, []string{`"true"`}},
		{"integer written 1.0", `{"type": "integer"}`, []string{`1.0`, `-3`}, []string{`1.5`}},
		{"date", `{"format": "date"}`, []string{`"2025-10-31"`, `5`}, []string{`"2025-10-32"`, `"2025-1-3"`, `"31.10.2025"`}},
		{"date-time", `{"format": "date-time"}`, []string{`"2025-10-31T12:00:00Z"`, `"2025-10-31T12:00:00.5+02:00"`}, []string{`"2025-10-31 12:00"`, `"2025-10-31T25:00:00Z"`}},
		{"uri", `{"format": "uri"}`, []string{`"https://ecanplus.example/a?b=c#d"`, `"urn:isbn:0451450523"`}, []string{`"/relative/path"`, `"https://a b.example/"`, `"www.example.org"`}},
		{"email and every label of its host", `{"format": "email"}`, []string{`"ecan@goeg.at"`}, []string{`"ecan@goeg.-at.example"`, `"ecan@goeg-.at"`, `"ecan@-goeg.at"`, `"not an email"`}},
		{"hostname", `{"format": "hostname"}`, []string{`"goeg.at"`}, []string{`"goeg.-at.example"`}},
		{"unknown format is an annotation", `{"format": "country-code"}`, []string{`"anything"`}, nil},
		{"unknown keyword is an annotation", `{"x-factsheet-label": {"type": "object"}, "type": "string"}`, []string{`"s"`}, []string{`1`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := compileOne(t, tc.schema)
			if err != nil {
				t.Fatal(err)
			}
			if v.Fallback != "" {
				t.Fatalf("went to v5 for %s", v.Fallback)
			}
			for _, d := range tc.valid {
				if l := v.engine.validate(decodeJSON(t, []byte(d))); len(l) != 0 {
					t.Errorf("%s: want valid, got %v", d, l)
				}
			}
			for _, d := range tc.invalid {
				if l := v.engine.validate(decodeJSON(t, []byte(d))); len(l) == 0 {
					t.Errorf("%s: want invalid", d)
				}
			}
		})
	}
}

// TestUnsupportedAnywhereGoesToV5: a keyword the evaluator does not
// implement sends the schema to v5 wherever it is, referenced or not.
func TestUnsupportedAnywhereGoesToV5(t *testing.T) {
	for _, schema := range []string{
		`{"maxLength": 3}`,
		`{"$defs": {"unused": {"maxLength": 3}}, "type": "string"}`,
		`{"properties": {"a": {"items": {"oneOf": [{"type": "string"}]}}}}`,
		`{"$schema": "http://json-schema.org/draft-07/schema#"}`,
		`{"format": "ipv4"}`,
	} {
		v, err := compileOne(t, schema)
		if err != nil {
			t.Fatalf("%s: %v", schema, err)
		}
		if v.Fallback == "" {
			t.Errorf("%s: the built-in evaluator took it", schema)
		}
	}
}

// TestV5Findings: a schema with keywords only v5 checks gives findings
// like the built-in ones: rule, pointer, position and words.
func TestV5Findings(t *testing.T) {
	schema := `{
  "type": "object",
  "properties": {
    "kind": {"enum": ["app", "service"]},
    "url": {"type": "string", "maxLength": 20},
    "count": {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": "^[0-9]+$"}]},
    "extra": {"type": "object", "properties": {"a": true}, "unevaluatedProperties": false},
    "contact": {"type": "object", "dependentRequired": {"email": ["name"]}}
  },
  "if": {"properties": {"kind": {"const": "app"}}, "required": ["kind"]},
  "then": {"required": ["store"]}
}`
	v, err := compileOne(t, schema)
	if err != nil {
		t.Fatal(err)
	}
	if v.Fallback == "" {
		t.Fatal("the built-in evaluator took it")
	}
	doc := `kind: app
url: https://a-long-address.example/
count: true
extra:
  a: 1
  b: 2
contact:
  email: x@y.example
`
	f, _ := source.Decode("t.yaml", []byte(doc))
	r := decode.YAML(f)
	got := v.Validate(r.Value, r.Map, "t.yaml")
	want := []string{
		`t.yaml:1:1: error [schema-required] /store: required field "store" is missing`,
		`t.yaml:2:6: error [schema-value] /url: url must be at most 20 character(s) long, not 31`,
		`t.yaml:3:8: error [schema-type] /count: count must be a whole number or text, not true`,
		`t.yaml:6:3: error [schema-unknown-field] /extra/b: unknown field "b" in extra`,
		`t.yaml:7:1: error [schema-required] /contact/name: required field "name" is missing in contact (it is required when "email" is there)`,
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, f.String())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range got {
		if f.Severity != finding.Error || f.Line == 0 {
			t.Errorf("%v: not an error with a position", f)
		}
	}
}

// TestV5Numbers: v5 reads numbers into big.Rat, which refuses exponents
// beyond ±10^6 (v5 then drops the bound, or panics on the value) and takes
// 30 ms to build one just inside. A schema that goes to v5 with such a
// number is refused at the number's place; values are brought inside the
// range and keep their order against every bound a schema may hold.
func TestV5Numbers(t *testing.T) {
	_, err := compileOne(t, "{\"if\": true,\n \"properties\": {\"n\": {\"minimum\": 1e1000010}}}")
	var se *SchemaError
	if !errors.As(err, &se) || se.Pointer != "/properties/n/minimum" || se.Line != 2 || !strings.Contains(se.Msg, "out of range") {
		t.Fatalf("error %#v", err)
	}
	v, err := compileOne(t, `{"if": true, "properties": {"big": {"minimum": 1e999}, "small": {"exclusiveMaximum": -1e-999}, "m": {"multipleOf": 7}}}`)
	if err != nil || v.Fallback == "" {
		t.Fatalf("%v, fallback %q", err, v.Fallback)
	}
	for _, c := range []struct {
		value string
		valid bool
	}{
		{`{"big": 1e1000010}`, true},
		{`{"big": -1e1000010}`, false},
		{`{"big": 1e-1000010}`, false},
		{`{"small": -1e-1000010}`, false},
		{`{"small": -2e-999}`, true},
		{`{"m": 7e99999999}`, true},
		{`{"m": 3e-99999999}`, false},
	} {
		dec := json.NewDecoder(strings.NewReader(c.value))
		dec.UseNumber()
		var value any
		if err := dec.Decode(&value); err != nil {
			t.Fatal(err)
		}
		fs := v.Validate(value, nil, "t.json")
		if (len(fs) == 0) != c.valid {
			t.Errorf("%s: findings %v, want valid=%v", c.value, fs, c.valid)
		}
		for _, f := range fs {
			if strings.Contains(f.Message, "library failed") {
				t.Errorf("%s: %v", c.value, f)
			}
		}
	}
}

// TestCompileNeverFetches: v5's loader is the set's, so a reference v5
// would follow that the set did not read is never fetched.
func TestCompileRemoteInSecondDocument(t *testing.T) {
	_, err := Compile(testBase+"root.json", mapLoader(map[string]string{
		"root.json": `{"$ref": "defs.json#/$defs/a"}`,
		"defs.json": "{\"$defs\": {\"a\": {\n \"$ref\": \"http://remote.example.invalid/x.json\"}}}",
	}))
	if err == nil || !strings.Contains(err.Error(), "defs.json:2:") || !strings.Contains(err.Error(), "http://remote.example.invalid/x.json") {
		t.Errorf("error %v", err)
	}
}

// TestPhraseInNestedResource: the phraser finds the schema of a failing
// keyword inside a nested $id resource of a compiled (not embedded)
// document, as it does for the embedded ones: the allowed values, the
// suggestion, the description.
func TestPhraseInNestedResource(t *testing.T) {
	v, err := compileOne(t, `{
  "properties": {
    "status": {"$ref": "vocab.json#status"},
    "code": {"$ref": "vocab.json#/$defs/code"}
  },
  "$defs": {
    "vocab": {
      "$id": "vocab.json",
      "$defs": {
        "s": {"$anchor": "status", "enum": ["done", "ongoing"]},
        "code": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "Two capital letters."}
      }
    }
  }
}`)
	if err != nil {
		t.Fatal(err)
	}
	if v.Fallback != "" {
		t.Fatalf("went to v5 for %s", v.Fallback)
	}
	fs := v.Validate(decodeJSON(t, []byte(`{"status": "dnoe", "code": "be"}`)), source.Map{}, "t.json")
	var got []string
	for _, f := range fs {
		got = append(got, f.Pointer+": "+f.Message)
	}
	want := []string{
		`/code: code "be" is not valid: expected two capital letters`,
		`/status: status must be one of "done", "ongoing", not "dnoe" (did you mean "done"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPhrasePatternWithoutDescription names the pattern a value misses when
// the schema says nothing else about it (a repository template's pattern
// under if/then, or with no description): the finding said only "is not
// valid", with nothing for the author to go on. Both engines phrase it.
func TestPhrasePatternWithoutDescription(t *testing.T) {
	for _, schema := range []string{
		`{"properties": {"title": {"type": "string", "pattern": "^Z"}}}`,
		`{"properties": {"title": {"type": "string", "if": {"minLength": 5}, "then": {"pattern": "^Z"}}}}`,
	} {
		v, err := compileOne(t, schema)
		if err != nil {
			t.Fatal(err)
		}
		fs := v.Validate(decodeJSON(t, []byte(`{"title": "POLICY MAPPING"}`)), source.Map{}, "t.json")
		want := `/title: title "POLICY MAPPING" is not valid: it must match the pattern ^Z`
		if len(fs) != 1 || fs[0].Pointer+": "+fs[0].Message != want {
			t.Errorf("%s (fallback %q): findings %v, want %s", schema, v.Fallback, fs, want)
		}
	}
}
