package validation

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/mail"
	"net/netip"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/source"
)

// The evaluator runs the embedded JSON Schemas (draft 2020-12) for the
// keywords they use, and refuses any other keyword when compiling, so a
// schema edit that needs more fails the tests instead of being ignored.
//
// Why not the schema library at run time: santhosh-tekuri/jsonschema v5
// compiles the meta-schemas of six drafts in its package initialisation
// (1 MB) and allocates 3.9 MB to compile our schema; on the reference
// machine, where wall time follows the memory a process touches, that is
// about 30 ms per process, three times the whole budget of a one-file lint
// (docs/performance.md). v5 stays the reference: the tests require this
// evaluator to give exactly its verdicts, keyword by keyword and location
// by location, on every test document and on generated variants.

// supported lists the keywords the evaluator implements; annotations are
// accepted and ignored, as validators do.
var supported = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true, "$comment": true,
	"title": true, "description": true, "examples": true, "default": true,
	"type": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "enum": true, "const": true, "pattern": true, "format": true,
	"minItems": true, "minLength": true, "minimum": true,
}

// node is one compiled subschema. loc is its absolute location, the
// resource URL and the JSON pointer of the subschema ("https://.../defs.schema.json#/$defs/term"),
// which the keyword locations of failures extend.
type node struct {
	loc        string
	types      []string
	props      map[string]*node
	required   []string
	addFalse   bool
	additional *node
	items      *node
	enum       []any
	constant   any
	hasConst   bool
	pattern    *regexp.Regexp
	format     string
	minItems   int
	minLength  int
	minimum    *big.Rat
	ref        *node
	refTarget  string
}

// leaf is one failing keyword: what the phraser turns into a finding.
type leaf struct {
	Keyword                 string // "required", "type", ...
	AbsoluteKeywordLocation string // node location + "/" + keyword
	InstanceLocation        string // JSON pointer of the failing value
}

// program is a compiled root schema.
type program struct {
	root *node
}

// compiler builds nodes from the raw embedded schemas.
type compiler struct {
	docs  func(url string) (any, error) // resource URL -> decoded schema document
	nodes map[string]*node
}

func compileRoot(docs func(string) (any, error), rootURL string) (*program, error) {
	c := &compiler{docs: docs, nodes: map[string]*node{}}
	root, err := c.at(rootURL + "#")
	if err != nil {
		return nil, err
	}
	// Resolve references until none is left: resolving one compiles its
	// target, which may hold more (schemas may refer to each other in cycles).
	for {
		var pending []*node
		for _, n := range c.nodes {
			if n.refTarget != "" && n.ref == nil {
				pending = append(pending, n)
			}
		}
		if len(pending) == 0 {
			return &program{root: root}, nil
		}
		for _, n := range pending {
			t, err := c.at(n.refTarget)
			if err != nil {
				return nil, err
			}
			n.ref = t
		}
	}
}

// at compiles (once) the subschema at an absolute location "URL#/pointer".
func (c *compiler) at(loc string) (*node, error) {
	if n, ok := c.nodes[loc]; ok {
		return n, nil
	}
	url, frag, _ := strings.Cut(loc, "#")
	doc, err := c.docs(url)
	if err != nil {
		return nil, err
	}
	v := doc
	if frag != "" {
		for _, t := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: no such subschema", loc)
			}
			if v, ok = m[source.Unescape(t)]; !ok {
				return nil, fmt.Errorf("%s: no such subschema", loc)
			}
		}
	}
	return c.compile(url, frag, v)
}

func (c *compiler) compile(url, ptr string, v any) (*node, error) {
	loc := url + "#" + ptr
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object here", loc)
	}
	n := &node{loc: loc, minItems: -1, minLength: -1}
	c.nodes[loc] = n
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !supported[k] {
			return nil, fmt.Errorf("%s: keyword %q is not supported by internal/validation's evaluator", loc, k)
		}
	}
	child := func(key string, sub any) (*node, error) {
		return c.compile(url, ptr+"/"+source.Escape(key), sub)
	}
	var err error
	if r, ok := m["$ref"].(string); ok {
		n.refTarget = resolveRef(url, r)
	}
	switch t := m["type"].(type) {
	case string:
		n.types = []string{t}
	case []any:
		for _, x := range t {
			n.types = append(n.types, fmt.Sprint(x))
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		n.props = map[string]*node{}
		for name, sub := range props {
			if n.props[name], err = c.compile(url, ptr+"/properties/"+source.Escape(name), sub); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range asList(m["required"]) {
		n.required = append(n.required, fmt.Sprint(r))
	}
	switch a := m["additionalProperties"].(type) {
	case bool:
		n.addFalse = !a
	case map[string]any:
		if n.additional, err = child("additionalProperties", a); err != nil {
			return nil, err
		}
	}
	if it, ok := m["items"]; ok {
		if n.items, err = child("items", it); err != nil {
			return nil, err
		}
	}
	if e, ok := m["enum"]; ok {
		n.enum = asList(e)
	}
	if cv, ok := m["const"]; ok {
		n.constant, n.hasConst = cv, true
	}
	if p, ok := m["pattern"].(string); ok {
		if n.pattern, err = regexp.Compile(p); err != nil {
			return nil, fmt.Errorf("%s: pattern: %v", loc, err)
		}
	}
	if f, ok := m["format"].(string); ok {
		n.format = f
	}
	n.minItems = intOr(m["minItems"], -1)
	n.minLength = intOr(m["minLength"], -1)
	if x, ok := m["minimum"].(json.Number); ok {
		n.minimum, _ = new(big.Rat).SetString(string(x))
	}
	// Subschemas under $defs are compiled when a $ref reaches them.
	return n, nil
}

func resolveRef(base, ref string) string {
	if strings.HasPrefix(ref, "#") {
		return base + ref
	}
	file, frag, _ := strings.Cut(ref, "#")
	if strings.Contains(file, "://") {
		return file + "#" + frag
	}
	i := strings.LastIndexByte(base, '/')
	return base[:i+1] + path.Clean(file) + "#" + frag
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func intOr(v any, def int) int {
	n, ok := v.(json.Number)
	if !ok {
		return def
	}
	i, err := n.Int64()
	if err != nil {
		return def
	}
	return int(i)
}

// validate evaluates v against the program and returns the failing
// keywords, in no particular order (the caller sorts findings).
func (p *program) validate(v any) []leaf {
	var out []leaf
	p.root.eval(v, "", &out)
	return out
}

func (n *node) fail(out *[]leaf, keyword, inst string) {
	*out = append(*out, leaf{Keyword: keyword, AbsoluteKeywordLocation: n.loc + "/" + keyword, InstanceLocation: inst})
}

// eval checks one value. As in the reference validator, a value of the
// wrong type reports only that, and every other keyword is checked and
// reported independently.
func (n *node) eval(v any, inst string, out *[]leaf) {
	if len(n.types) > 0 && !typeMatches(n.types, v) {
		n.fail(out, "type", inst)
		return
	}
	if n.hasConst && !equal(v, n.constant) {
		n.fail(out, "const", inst)
	}
	if n.enum != nil {
		found := false
		for _, e := range n.enum {
			if equal(v, e) {
				found = true
				break
			}
		}
		if !found {
			n.fail(out, "enum", inst)
		}
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
		if n.format == "email" && !isEmail(x) {
			n.fail(out, "format", inst)
		}
	case json.Number:
		if n.minimum != nil {
			if r, ok := new(big.Rat).SetString(string(x)); ok && r.Cmp(n.minimum) < 0 {
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

func typeMatches(types []string, v any) bool {
	t := jsonType(v)
	for _, want := range types {
		if want == t {
			return true
		}
		if want == "integer" && t == "number" {
			if r, ok := new(big.Rat).SetString(string(v.(json.Number))); ok && r.IsInt() {
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
		rx, okx := new(big.Rat).SetString(string(x))
		ry, oky := new(big.Rat).SetString(string(y))
		return okx && oky && rx.Cmp(ry) == 0
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

// isEmail follows the reference validator's "email" format: at most 254
// characters, a local part of at most 64, a valid host name after the last
// "@", and an address net/mail accepts.
func isEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 || at > 64 {
		return false
	}
	domain := s[at+1:]
	if len(domain) >= 2 && domain[0] == '[' && domain[len(domain)-1] == ']' {
		ip := domain[1 : len(domain)-1]
		if v6, ok := strings.CutPrefix(ip, "IPv6:"); ok {
			a, err := netip.ParseAddr(v6)
			return err == nil && a.Is6()
		}
		a, err := netip.ParseAddr(ip)
		return err == nil && a.Is4()
	}
	if !isHostname(domain) {
		return false
	}
	_, err := mail.ParseAddress(s)
	return err == nil
}

func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if l := len(label); l < 1 || l > 63 {
			return false
		}
		if s[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
				return false
			}
		}
	}
	return true
}
