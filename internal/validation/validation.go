// Package validation checks JSON-shaped values against the embedded JSON
// Schemas and turns the schema library's errors into findings a person can
// act on: flattened to the failing leaves, placed at the key or value to edit,
// sorted by position, and phrased in words ("question
// governance.national_board is missing", `unknown field "answr" (did you mean
// "answer"?)`) instead of keyword paths.
//
// The schemas are evaluated by a small evaluator for the keywords they use
// (evaluator.go); the reference validator, santhosh-tekuri/jsonschema v5,
// checks it in the tests.
package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/schema"
)

// Rule IDs of the findings this package produces.
const (
	RuleRequired     = rules.SchemaRequired
	RuleUnknownField = rules.SchemaUnknownField
	RuleType         = rules.SchemaType
	RuleValue        = rules.SchemaValue
	RuleMissing      = rules.TemplateMissing
	RuleUnknown      = rules.TemplateUnknown
)

// Validator validates values against one compiled root schema. Compiling
// takes well under a millisecond; each root is compiled once per process and
// Validate is safe for concurrent use.
type Validator struct {
	root string
	prog *program
	// docs returns the published (annotated) schema documents the phraser
	// reads around a failing keyword; nil for the embedded ones.
	docs func(url string) (any, error)
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
	compiled  = map[string]*program{}
)

// New returns a validator for an embedded root schema ("factsheet.schema.json").
func New(root string) (*Validator, error) {
	compileMu.Lock()
	defer compileMu.Unlock()
	if p, ok := compiled[root]; ok {
		return &Validator{root: root, prog: p}, nil
	}
	p, err := compileRoot(leanSchema, schema.Base+root)
	if err != nil {
		return nil, fmt.Errorf("embedded schema %s: %w", root, err)
	}
	compiled[root] = p
	return &Validator{root: root, prog: p}, nil
}

// Validate checks value and returns findings for file, positioned with m.
func (v *Validator) Validate(value any, m source.Map, file string) []finding.Finding {
	leaves := v.prog.validate(value)
	if len(leaves) == 0 {
		return nil
	}
	p := phraser{file: file, m: m, value: value, namer: v.Namer, docs: v.docs}
	var out []finding.Finding
	for _, l := range leaves {
		out = append(out, p.phrase(l)...)
	}
	return finding.Sort(out)
}

// rawSchema returns an embedded schema document, decoded on first use: the
// evaluator compiles from it, and the phraser reads the keywords around a
// failing one (the allowed properties for a suggestion, the description of
// a pattern). Only the documents a root reaches are ever decoded.
func rawSchema(url string) (any, error) { return decoded(url, schema.File, raw) }

// leanSchema returns the annotation-free copy of a schema document, which
// the evaluator compiles: a quarter of the bytes to decode on every run.
func leanSchema(url string) (any, error) { return decoded(url, schema.Lean, lean) }

func decoded(url string, file func(string) ([]byte, bool), cache map[string]any) (any, error) {
	rawMu.Lock()
	defer rawMu.Unlock()
	if v, ok := cache[url]; ok {
		return v, nil
	}
	name, ok := strings.CutPrefix(url, schema.Base)
	b, found := file(name)
	if !ok || !found {
		return nil, fmt.Errorf("schema %s is not embedded", url)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("embedded schema %s: %w", name, err)
	}
	cache[url] = v
	return v, nil
}

var (
	rawMu sync.Mutex
	raw   = map[string]any{}
	lean  = map[string]any{}
)

// schemaAt returns the schema object that holds the failing keyword, given
// an absolute keyword location "https://.../x.schema.json#/$defs/a/required".
func schemaAt(docs func(string) (any, error), absKeywordLoc string) (map[string]any, string) {
	url, frag, _ := strings.Cut(absKeywordLoc, "#")
	if docs == nil {
		docs = rawSchema
	}
	doc, _ := docs(url)
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
