// Package validation checks JSON-shaped values against JSON Schemas (the
// embedded ones, or a repository's, through Compile) and turns the failing
// keywords into findings a person can
// act on: flattened to the failing leaves, placed at the key or value to edit,
// sorted by position, and phrased in words ("question
// governance.national_board is missing", `unknown field "answr" (did you mean
// "answer"?)`) instead of keyword paths.
//
// Schemas that use only the keywords the embedded ones need are evaluated by
// a small evaluator (evaluator.go), right on the JSON-Schema-Test-Suite for
// all it accepts; any other schema by santhosh-tekuri/jsonschema v5
// (fallback.go), whose initialisation is deferred until a schema needs it.
// Both give the same leaves, phrased by one phraser (phrase.go); the stock v5
// is the reference in the tests. docs/schemas.md is the user's account.
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
// the embedded factsheet schema takes well under a millisecond; each root is
// compiled once per process and Validate is safe for concurrent use.
type Validator struct {
	root    string
	engine  engine
	schemas *schemaIndex
	// Fallback is the keyword that made the validator use v5 instead of the
	// built-in evaluator ("" when it does not): the first one found, in
	// document and key order.
	Fallback string
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
	compiled  = map[string]*Validator{}
)

// New returns a validator for an embedded root schema ("factsheet.schema.json").
// It compiles from the annotation-free copies of the embedded schemas (a
// quarter of the bytes to decode on every run), and phrases from the
// published ones.
func New(root string) (*Validator, error) {
	compileMu.Lock()
	defer compileMu.Unlock()
	if v, ok := compiled[root]; ok {
		return &Validator{root: v.root, engine: v.engine, schemas: v.schemas, Fallback: v.Fallback}, nil
	}
	s := newSet(func(u string) (*doc, error) {
		name, ok := strings.CutPrefix(u, schema.Base)
		b, found := schema.Lean(name)
		if !ok || !found {
			return nil, fmt.Errorf("schema %s is not embedded", u)
		}
		return fastDoc(u, b)
	})
	v, err := s.compile(schema.Base+root, rawSchema)
	if err != nil {
		return nil, fmt.Errorf("embedded schema %s: %w", root, err)
	}
	compiled[root] = v
	return &Validator{root: v.root, engine: v.engine, schemas: v.schemas, Fallback: v.Fallback}, nil
}

// EmbeddedLoader reads the embedded schemas by their absolute URL (under
// schema.Base), for Compile.
func EmbeddedLoader(u string) ([]byte, error) {
	name, ok := strings.CutPrefix(u, schema.Base)
	b, found := schema.File(name)
	if !ok || !found {
		return nil, fmt.Errorf("schema %s is not embedded", u)
	}
	return b, nil
}

// Validate checks value and returns findings for file, positioned with m.
func (v *Validator) Validate(value any, m source.Map, file string) []finding.Finding {
	leaves := v.engine.validate(value)
	if len(leaves) == 0 {
		return nil
	}
	p := phraser{file: file, m: m, value: value, namer: v.Namer, schemas: v.schemas}
	var out []finding.Finding
	seen := map[string]bool{}
	for _, l := range leaves {
		for _, f := range p.phrase(l) {
			// Two paths to one failing keyword (a $ref reached twice) say it once.
			k := f.Rule + "\x00" + f.Pointer + "\x00" + f.Message
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return finding.Sort(out)
}

// schemaIndex finds the schema documents again for the phraser, which reads
// the keywords around a failing one (the allowed properties for a
// suggestion, the description of a pattern): resources by URL, and the
// documents, read on first use.
type schemaIndex struct {
	resources map[string]place // resource URL -> its root (a *doc with no value when raw reads it)
	docs      map[string]*doc
	raw       func(url string) (any, error) // nil: the documents as compiled
}

func (s *set) phraseIndex(raw func(string) (any, error)) *schemaIndex {
	ix := &schemaIndex{resources: map[string]place{}, docs: s.docs, raw: raw}
	for u, r := range s.resources {
		ix.resources[u] = r.place
	}
	return ix
}

// schemaAt returns the schema object that holds keyword, given the absolute
// location of a failing keyword ("https://.../x.schema.json#/$defs/a/required"),
// and the tokens after the keyword ("b", "0" for ".../dependentRequired/b/0").
func (ix *schemaIndex) schemaAt(absKeywordLoc, keyword string) (map[string]any, []string) {
	u, frag, _ := strings.Cut(absKeywordLoc, "#")
	r, ok := ix.resources[u]
	if !ok {
		return nil, nil
	}
	var docValue any
	if ix.raw != nil {
		docValue, _ = ix.raw(r.doc.url)
	} else {
		docValue = r.doc.value
	}
	cur, ok := ValueAt(docValue, r.ptr)
	if !ok {
		return nil, nil
	}
	var tokens []string
	if frag != "" {
		tokens = strings.Split(strings.TrimPrefix(frag, "/"), "/")
	}
	end := len(tokens)
	for i := len(tokens) - 1; i >= 0; i-- {
		if tokens[i] == keyword {
			end = i
			break
		}
	}
	var extra []string
	if end < len(tokens) {
		extra = tokens[end+1:]
	}
	for _, t := range tokens[:end] {
		obj, ok := cur.(map[string]any)
		if !ok {
			if l, isList := cur.([]any); isList {
				if i, ok := index(t, len(l)); ok {
					cur = l[i]
					continue
				}
			}
			return nil, extra
		}
		cur = obj[source.Unescape(t)]
	}
	obj, _ := cur.(map[string]any)
	return obj, extra
}

// rawSchema returns an embedded schema document, decoded on first use: the
// phraser reads it when something fails. Only the documents a failure
// reaches are ever decoded.
func rawSchema(url string) (any, error) {
	rawMu.Lock()
	defer rawMu.Unlock()
	if v, ok := raw[url]; ok {
		return v, nil
	}
	name, ok := strings.CutPrefix(url, schema.Base)
	b, found := schema.File(name)
	if !ok || !found {
		return nil, fmt.Errorf("schema %s is not embedded", url)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("embedded schema %s: %w", name, err)
	}
	raw[url] = v
	return v, nil
}

var (
	rawMu sync.Mutex
	raw   = map[string]any{}
)

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
