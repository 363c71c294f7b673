// Package validation checks JSON-shaped values against the embedded JSON
// Schemas and turns the schema library's errors into findings a person can
// act on: flattened to the failing leaves, placed at the key or value to edit,
// sorted by position, and phrased in words ("question
// governance.national_board is missing", `unknown field "answr" (did you mean
// "answer"?)`) instead of keyword paths.
//
// The schema library (santhosh-tekuri/jsonschema v5) is used only here, so a
// later move to v6 touches one package.
package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/schema"
)

// Rule IDs of the findings this package produces.
const (
	RuleRequired     = "schema-required"
	RuleUnknownField = "schema-unknown-field"
	RuleType         = "schema-type"
	RuleValue        = "schema-value"
	RuleMissing      = "template-missing"
	RuleUnknown      = "template-unknown"
)

// Validator validates values against one compiled root schema. Compiling
// takes milliseconds, so each root is compiled once per process; Validate is
// safe for concurrent use.
type Validator struct {
	root     string
	compiled *jsonschema.Schema
	// Namer phrases findings about template items (questions, terms...);
	// nil for schemas without a template.
	Namer Namer
}

// Namer names template items for messages. It is implemented by the
// factsheet layer so this package stays ignorant of the template.
type Namer interface {
	// Missing phrases a missing member `name` of the object at ptr; ok is
	// false when the member is not a template item.
	Missing(ptr, name string) (msg string, ok bool)
	// Unknown phrases an unknown member `name` of the object at ptr when the
	// object holds template items (a question that is not in the template).
	Unknown(ptr, name string) (msg string, ok bool)
}

var (
	compileMu sync.Mutex
	compiled  = map[string]*jsonschema.Schema{}
)

// New returns a validator for an embedded root schema ("factsheet.schema.json").
func New(root string) (*Validator, error) {
	compileMu.Lock()
	defer compileMu.Unlock()
	if s, ok := compiled[root]; ok {
		return &Validator{root: root, compiled: s}, nil
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	// Never fetch: every schema is embedded, and a $ref to anything else is a
	// bug in our schemas, not a reason to go on the network.
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s is not embedded; remote schemas are never fetched", u)
	}
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		if err := c.AddResource(schema.Base+name, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("embedded schema %s: %w", name, err)
		}
	}
	s, err := c.Compile(schema.Base + root)
	if err != nil {
		return nil, fmt.Errorf("embedded schema %s: %w", root, err)
	}
	compiled[root] = s
	return &Validator{root: root, compiled: s}, nil
}

// Validate checks value and returns findings for file, positioned with m.
func (v *Validator) Validate(value any, m source.Map, file string) []finding.Finding {
	err := v.compiled.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []finding.Finding{{
			Rule: RuleValue, Severity: finding.Error,
			Location: finding.Location{File: file},
			Message:  "cannot validate: " + err.Error(),
		}}
	}
	p := phraser{file: file, m: m, value: value, namer: v.Namer}
	var out []finding.Finding
	for _, leaf := range leaves(ve, nil) {
		out = append(out, p.phrase(leaf)...)
	}
	return finding.Sort(out)
}

func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// rawSchemas holds the embedded schemas decoded as plain JSON, to read the
// keywords around a failing one (the allowed properties for a suggestion,
// the description of a pattern). Decoded only when a file has errors.
var rawSchemas = sync.OnceValue(func() map[string]any {
	out := map[string]any{}
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		var v any
		if err := json.Unmarshal(b, &v); err == nil {
			out[schema.Base+name] = v
		}
	}
	return out
})

// schemaAt returns the schema object that holds the failing keyword, given
// an absolute keyword location "https://.../x.schema.json#/$defs/a/required".
func schemaAt(absKeywordLoc string) (map[string]any, string) {
	url, frag, _ := strings.Cut(absKeywordLoc, "#")
	doc := rawSchemas()[url]
	tokens := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if frag == "" {
		tokens = nil
	}
	keyword := ""
	if len(tokens) > 0 {
		keyword = tokens[len(tokens)-1]
		tokens = tokens[:len(tokens)-1]
	}
	cur := doc
	for _, t := range tokens {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, keyword
		}
		cur = obj[source.Unescape(t)]
	}
	obj, _ := cur.(map[string]any)
	return obj, keyword
}

// ValueAt returns the value at a JSON pointer.
func ValueAt(v any, ptr string) (any, bool) {
	if ptr == "" {
		return v, true
	}
	for _, t := range strings.Split(ptr[1:], "/") {
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[source.Unescape(t)]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			i := 0
			for _, r := range t {
				if r < '0' || r > '9' {
					return nil, false
				}
				i = i*10 + int(r-'0')
				if i > len(c) {
					return nil, false
				}
			}
			if i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}
