package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// FuzzCompile compiles arbitrary schema text and, when it compiles,
// validates an arbitrary value with it. Nothing may panic or recurse without
// bound; where the built-in evaluator compiles the schema and the stock v5
// compiles it too, both must give the same verdict.
//
//	go test ./internal/validation -run '^$' -fuzz FuzzCompile -fuzztime 10s
func FuzzCompile(f *testing.F) {
	seeds := [][2]string{
		{`{"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "minLength": 1.0}}}`, `{"a": ""}`},
		{`{"$defs": {"i": {"$anchor": "items", "type": "integer"}}, "items": {"$ref": "#items"}}`, `[1, 2.0, "x"]`},
		{`{"$ref": "#"}`, `1`},
		{`{"$defs": {"a%b": {"enum": [1, "x", null]}}, "$ref": "#/$defs/a%25b"}`, `1.0`},
		{`{"$id": "https://schemas.example.invalid/a/root.json", "$defs": {"n": {"$id": "n.json", "minItems": 2}}, "$ref": "n.json"}`, `[1]`},
		{`{"additionalProperties": false, "properties": {"a": true, "b": false}}`, `{"b": 1, "c": 2}`},
		{`{"format": "email"}`, `"ecan@goeg.-at.example"`},
		{`{"format": "date-time"}`, `"2025-10-31T23:59:60Z"`},
		{`{"pattern": "^[0-9]{4}-[0-9]{2}$", "type": ["string", "null"]}`, `"2025-1"`},
		{`{"oneOf": [{"type": "integer"}, {"maxLength": 2}], "if": {"const": 1}, "then": false}`, `1`},
		{`{"minimum": 1e400}`, `1e401`},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, schemaText, valueText string) {
		if len(schemaText) > 1<<14 || len(valueText) > 1<<14 {
			return
		}
		dec := json.NewDecoder(strings.NewReader(valueText))
		dec.UseNumber()
		var value any
		if dec.Decode(&value) != nil {
			return
		}
		v, err := compileOne(t, schemaText)
		if err != nil {
			var se *SchemaError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SchemaError: %v", err, err)
			}
			return
		}
		leaves := v.engine.validate(value)
		_ = v.Validate(value, nil, "t.json") // the phraser words whatever comes
		if v.Fallback != "" {
			return
		}
		ref := stockV5(schemaText)
		if ref == nil {
			return
		}
		// Stock v5 ignores a bound beyond ±1e1000000 and panics on such a
		// value: the comparison is made where the product gives v5 numbers,
		// inside v5MaxExp (v5Numbers, v5Value).
		sd := json.NewDecoder(strings.NewReader(schemaText))
		sd.UseNumber()
		var sv any
		if sd.Decode(&sv) != nil || (&set{}).v5Numbers(&doc{value: sv}) != nil {
			return
		}
		clamped, _ := v5Value(value)
		want, ok := stockVerdict(ref, clamped)
		if !ok {
			return
		}
		if got := len(leaves) == 0; got != want {
			t.Fatalf("schema %s, value %s: the built-in evaluator says valid=%v, v5 %v (%v)", schemaText, valueText, got, want, leaves)
		}
	})
}

// stockVerdict validates with the stock v5, or says it panicked: a v5 bug
// on a strange value is not the evaluator's (the product recovers it too).
func stockVerdict(ref *jsonschema.Schema, value any) (valid, ok bool) {
	defer func() {
		if recover() != nil {
			valid, ok = false, false
		}
	}()
	return ref.Validate(value) == nil, true
}

// stockV5 compiles a schema with the stock v5 and the evaluator's formats,
// or returns nil when v5 refuses it or fails.
func stockV5(schemaText string) (s *jsonschema.Schema) {
	defer func() {
		if recover() != nil {
			s = nil // a v5 bug on a strange schema is not the evaluator's
		}
	}()
	installReferenceFormats()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, errors.New("no network: " + u) }
	if err := c.AddResource(testBase+"root.json", bytes.NewReader([]byte(schemaText))); err != nil {
		return nil
	}
	sch, err := c.Compile(testBase + "root.json")
	if err != nil {
		return nil
	}
	return sch
}
