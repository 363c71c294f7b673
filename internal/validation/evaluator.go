package validation

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/source"
)

// The evaluator runs JSON Schemas (draft 2020-12) that use only the
// keywords the embedded schemas need (builtin, in compile.go); a schema
// that uses any other keyword of the draft, anywhere, is validated by v5
// instead (fallback.go), so no keyword is ever ignored.
//
// Why not the schema library for everything: santhosh-tekuri/jsonschema v5
// compiles the meta-schemas of five drafts before its first schema (1 MB)
// and allocates 3.9 MB to compile ours; on the reference machine, where wall
// time follows the memory a process touches, that is 20-40 ms per process,
// twice the whole of a one-file lint (docs/performance.md). v5 stays the reference: the tests require this
// evaluator to give exactly its verdicts, keyword by keyword and location
// by location, on every test document and on generated variants.

// node is one compiled subschema. Its absolute location, the URL of the
// resource that holds it and the JSON pointer of the subschema in that
// resource ("https://.../defs.schema.json#/$defs/term"), which the keyword
// locations of failures extend as the reference validator's do, is made
// from at when a keyword fails: most subschemas never do.
type node struct {
	set        *set  // to name the location of a failing keyword
	always     *bool // a boolean schema
	types      []string
	props      map[string]*node
	required   []string
	addFalse   bool
	additional *node
	items      *node
	enum       []any
	enumSet    map[string]bool // the scalar members of a long enum, by scalarKey
	enumOther  []any           // and its lists and objects
	constant   any
	hasConst   bool
	pattern    *regexp.Regexp
	format     func(string) bool
	minItems   int
	minLength  int
	minimum    *decimal
	ref        *node
	hasRef     bool  // whose target the builder looks up by at
	at         place // where the subschema is
}

// leaf is one failing keyword: what the phraser turns into a finding.
type leaf struct {
	Keyword                 string // "required", "type", ...; "false" for the schema false
	AbsoluteKeywordLocation string // node location + "/" + keyword
	InstanceLocation        string // JSON pointer of the failing value
	Extra                   string // what the reference validator says, for keywords the phraser has no words for
}

// engine validates a value: the built-in program or v5.
type engine interface {
	validate(v any) []leaf
}

// program is a compiled root schema.
type program struct {
	root *node
}

// builder compiles the walked set into nodes.
type builder struct {
	s     *set
	nodes map[place]*node
}

// program compiles the root. Only what the root reaches is compiled; the
// walk has checked everything else.
func (s *set) program(rootURL string) (*program, error) {
	b := &builder{s: s, nodes: map[place]*node{}}
	rp := s.resources[rootURL].place
	root, err := b.compile(rp, rp.doc.value)
	if err != nil {
		return nil, err
	}
	refs := make(map[place]*ref, len(s.refs))
	for i := range s.refs {
		refs[s.refs[i].from] = &s.refs[i]
	}
	// Resolve references until none is left: resolving one compiles its
	// target, which may hold more (schemas may refer to each other in cycles,
	// through keywords that read into the value: the walk refused the rest).
	for {
		var pending []*node
		for _, n := range b.nodes {
			if n.hasRef && n.ref == nil {
				pending = append(pending, n)
			}
		}
		if len(pending) == 0 {
			return &program{root: root}, nil
		}
		for _, n := range pending {
			r := refs[n.at]
			t, err := b.compile(r.to, r.toValue)
			if err != nil {
				return nil, err
			}
			n.ref = t
		}
	}
}

// location is the absolute location of a place: the innermost resource that
// holds it, and the pointer from that resource's root.
func (s *set) location(p place) string {
	ptr := p.ptr
	for {
		if r, ok := s.byPlace[place{p.doc, ptr}]; ok {
			return r.url + "#" + p.ptr[len(ptr):]
		}
		if ptr == "" {
			return p.doc.url + "#" + p.ptr
		}
		ptr = ptr[:strings.LastIndexByte(ptr, '/')]
	}
}

// compile compiles the subschema v at p (once).
func (b *builder) compile(p place, v any) (*node, error) {
	if n, ok := b.nodes[p]; ok {
		return n, nil
	}
	n := &node{set: b.s, at: p, minItems: -1, minLength: -1}
	b.nodes[p] = n
	if t, ok := v.(bool); ok {
		n.always = &t
		return n, nil
	}
	m := v.(map[string]any) // the walk checked it is a schema
	child := func(sub any, keys ...string) (*node, error) {
		ptr := p.ptr
		for _, k := range keys {
			ptr += "/" + source.Escape(k)
		}
		return b.compile(place{p.doc, ptr}, sub)
	}
	var err error
	if _, ok := m["$ref"].(string); ok {
		n.hasRef = true
	}
	switch t := m["type"].(type) {
	case string:
		n.types = []string{t}
	case []any:
		for _, x := range t {
			n.types = append(n.types, x.(string))
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		n.props = make(map[string]*node, len(props))
		for name, sub := range props {
			if n.props[name], err = child(sub, "properties", name); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range asList(m["required"]) {
		n.required = append(n.required, r.(string))
	}
	switch a := m["additionalProperties"].(type) {
	case bool:
		n.addFalse = !a
	case map[string]any:
		if n.additional, err = child(a, "additionalProperties"); err != nil {
			return nil, err
		}
	}
	if it, ok := m["items"]; ok {
		if n.items, err = child(it, "items"); err != nil {
			return nil, err
		}
	}
	if e, ok := m["enum"]; ok {
		n.enum = asList(e)
		if len(n.enum) > 8 {
			// A long vocabulary is looked up, not scanned: a long list of
			// values against it must not cost their product.
			n.enumSet = make(map[string]bool, len(n.enum))
			for _, x := range n.enum {
				if k, ok := scalarKey(x); ok {
					n.enumSet[k] = true
				} else {
					n.enumOther = append(n.enumOther, x)
				}
			}
		}
	}
	if cv, ok := m["const"]; ok {
		n.constant, n.hasConst = cv, true
	}
	if pat, ok := m["pattern"].(string); ok {
		if n.pattern, err = compilePattern(pat); err != nil {
			return nil, err // the walk checked it: not reached
		}
	}
	if f, ok := m["format"].(string); ok {
		n.format = formats[f]
	}
	if c, ok := count(m["minItems"]); ok {
		n.minItems = c
	}
	if c, ok := count(m["minLength"]); ok {
		n.minLength = c
	}
	if x, ok := m["minimum"].(json.Number); ok {
		if d, ok := parseDecimal(x); ok {
			n.minimum = &d
		}
	}
	// Subschemas under $defs are compiled when a $ref reaches them.
	return n, nil
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// validate evaluates v against the program and returns the failing
// keywords, in no particular order (the caller sorts findings).
func (p *program) validate(v any) []leaf {
	var out []leaf
	p.root.eval(v, "", &out)
	return out
}

func (n *node) fail(out *[]leaf, keyword, inst string) {
	*out = append(*out, leaf{Keyword: keyword, AbsoluteKeywordLocation: n.set.location(n.at) + "/" + keyword, InstanceLocation: inst})
}

// eval checks one value. As in the reference validator, a value of the
// wrong type reports only that, and every other keyword is checked and
// reported independently.
func (n *node) eval(v any, inst string, out *[]leaf) {
	if n.always != nil {
		if !*n.always {
			*out = append(*out, leaf{Keyword: "false", AbsoluteKeywordLocation: n.set.location(n.at), InstanceLocation: inst})
		}
		return
	}
	if len(n.types) > 0 && !typeMatches(n.types, v) {
		n.fail(out, "type", inst)
		return
	}
	if n.hasConst && !equal(v, n.constant) {
		n.fail(out, "const", inst)
	}
	if n.enum != nil && !n.inEnum(v) {
		n.fail(out, "enum", inst)
	}
	switch x := v.(type) {
	case map[string]any:
		n.evalObject(x, inst, out)
	case []any:
		if n.minItems >= 0 && len(x) < n.minItems {
			n.fail(out, "minItems", inst)
		}
		if n.items != nil {
			for i, it := range x {
				n.items.eval(it, fmt.Sprintf("%s/%d", inst, i), out)
			}
		}
	case string:
		if n.minLength >= 0 && utf8.RuneCountInString(x) < n.minLength {
			n.fail(out, "minLength", inst)
		}
		if n.pattern != nil && !n.pattern.MatchString(x) {
			n.fail(out, "pattern", inst)
		}
		if n.format != nil && !n.format(x) {
			n.fail(out, "format", inst)
		}
	case json.Number:
		if n.minimum != nil {
			if d, ok := parseDecimal(x); ok && d.cmp(*n.minimum) < 0 {
				n.fail(out, "minimum", inst)
			}
		}
	}
	if n.ref != nil {
		n.ref.eval(v, inst, out)
	}
}

func (n *node) evalObject(m map[string]any, inst string, out *[]leaf) {
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			n.fail(out, "required", inst)
			break
		}
	}
	extra := false
	for k, x := range m {
		child := inst + "/" + source.Escape(k)
		if p, ok := n.props[k]; ok {
			p.eval(x, child, out)
			continue
		}
		switch {
		case n.addFalse:
			extra = true
		case n.additional != nil:
			n.additional.eval(x, child, out)
		}
	}
	if extra {
		n.fail(out, "additionalProperties", inst)
	}
}

// inEnum tells whether v is one of the enum's values (JSON equality).
func (n *node) inEnum(v any) bool {
	if n.enumSet != nil {
		if k, ok := scalarKey(v); ok {
			return n.enumSet[k]
		}
		for _, e := range n.enumOther {
			if equal(v, e) {
				return true
			}
		}
		return false
	}
	for _, e := range n.enum {
		if equal(v, e) {
			return true
		}
	}
	return false
}

// scalarKey is a key equal for JSON-equal scalars: numbers by value
// ("1.0" and "1" are one key), strings, booleans and null; ok is false for
// lists and objects.
func scalarKey(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "n", true
	case bool:
		if x {
			return "t", true
		}
		return "f", true
	case string:
		return "s" + x, true
	case json.Number:
		d, ok := parseDecimal(x)
		if !ok {
			return "#" + string(x), true
		}
		return "#" + d.key(), true
	}
	return "", false
}

func typeMatches(types []string, v any) bool {
	t := jsonType(v)
	for _, want := range types {
		if want == t {
			return true
		}
		if want == "integer" && t == "number" {
			if d, ok := parseDecimal(v.(json.Number)); ok && d.isInt() {
				return true
			}
		}
	}
	return false
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// equal is JSON equality; numbers compare by value.
func equal(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		dx, okx := parseDecimal(x)
		dy, oky := parseDecimal(y)
		return okx && oky && dx.cmp(dy) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}
