package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/source"
)

// Compile compiles the schema document at rootURL for validation. Documents are read with load, never from
// the network: load returns the bytes of a document by absolute URL (embedded schemas, a repository's
// template files). A reference to a URL load does not know is an error naming the reference and where it is.
// When the schemas use a keyword the built-in evaluator does not implement, the Validator validates with
// github.com/santhosh-tekuri/jsonschema/v5 instead, with the same findings and positions.
//
// Every document is read whole before anything is compiled, and every
// subschema of it checked, referenced or not: a keyword in a $defs entry no
// $ref reaches decides the engine as much as one at the root, a malformed
// keyword value is an error wherever it is, and a $ref cycle that never reads
// into the value is an error here rather than a recursion at validation. An
// error is a *SchemaError: the document, the JSON pointer and, where the
// document's text is known, the line and column.
func Compile(rootURL string, load func(url string) ([]byte, error)) (*Validator, error) {
	s := newSet(func(u string) (*doc, error) {
		b, err := load(u)
		if err != nil {
			return nil, err
		}
		return strictDoc(u, b)
	})
	return s.compile(rootURL, nil)
}

// SchemaError is a schema that cannot be compiled: where, and why.
type SchemaError struct {
	URL          string // the schema document
	Pointer      string // JSON pointer in the document; "" for the whole document
	Line, Column int    // 1-based; 0 when not known
	Msg          string
}

func (e *SchemaError) Error() string {
	var b strings.Builder
	b.WriteString(e.URL)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if ptr := e.Pointer; ptr != "" {
		if len(ptr) > 120 {
			// A pointer thousands of levels deep says no more than its ends.
			ptr = ptr[:60] + "..." + ptr[len(ptr)-50:]
		}
		b.WriteString(ptr)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxSchemaDepth bounds the nesting of subschemas the compiler follows; JSON
// nesting is bounded before that by the decoders.
const maxSchemaDepth = 200

// doc is one schema document as read.
type doc struct {
	url   string
	raw   []byte
	value any
	m     source.Map // positions; nil until an error needs one (embedded documents)
}

// strictDoc decodes a document with positions, refusing what encoding/json
// would let pass (duplicate keys), with decode's depth and size limits.
func strictDoc(u string, b []byte) (*doc, error) {
	f, fs := source.Decode(u, b)
	var r decode.Result
	if f != nil { // nil: not text (its findings say why)
		r = decode.JSON(f)
		fs = append(fs, r.Findings...)
	}
	if f == nil || r.State != decode.Read || len(fs) > 0 {
		if len(fs) == 0 {
			return nil, &SchemaError{URL: u, Msg: "not a JSON document"}
		}
		f := fs[0]
		return nil, &SchemaError{URL: u, Pointer: f.Pointer, Line: f.Line, Column: f.Column, Msg: f.Message}
	}
	return &doc{url: u, raw: b, value: r.Value, m: r.Map}, nil
}

// fastDoc decodes a document known to be well formed (embedded, checked by
// the tests), without the cost of positions.
func fastDoc(u string, b []byte) (*doc, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &SchemaError{URL: u, Msg: err.Error()}
	}
	return &doc{url: u, raw: b, value: v}, nil
}

// at returns the position of ptr in the document (decoding it again with
// positions when it was read without).
func (d *doc) at(ptr string) (line, col int) {
	if d.m == nil && d.raw != nil {
		if s, err := strictDoc(d.url, d.raw); err == nil {
			d.m = s.m
		}
	}
	if d.m == nil {
		return 0, 0
	}
	return d.m.At(ptr, false)
}

// place is a location in a document: the document and a JSON pointer.
type place struct {
	doc *doc
	ptr string
}

func (p place) key() string { return p.doc.url + "#" + p.ptr }

// resource is a schema resource: a document, or a subschema with its own $id.
type resource struct {
	url   string
	place place
}

// set is every document a root reaches, indexed.
type set struct {
	read      func(url string) (*doc, error)
	docs      map[string]*doc
	resources map[string]*resource // by URL
	byPlace   map[place]*resource  // by the place of its root
	anchors   map[string]place     // "resourceURL#name"
	// refs are the $refs found, in the order found.
	refs []ref
	// inPlace are the edges from a subschema to the subschemas that apply
	// to the same value (its $ref target, allOf, anyOf, not, if...): a
	// cycle of them never ends.
	inPlace map[place][]inPlaceEdge
	// unsupported is the first keyword the built-in evaluator does not
	// implement, "" when there is none.
	unsupported      string
	unsupportedPlace place
	resolved         map[[2]string]string
	// metaRefs are the $schema values that name a meta-schema of the
	// schema's own, which v5 reads with the loader.
	metaRefs []ref
}

// isMeta tells the meta-schemas (and their vocabularies) v5 knows without
// reading them.
func isMeta(u string) bool {
	u = strings.TrimSuffix(u, "#")
	return metaSchemas[u] || strings.HasPrefix(u, "https://json-schema.org/draft/2020-12/meta/") ||
		strings.HasPrefix(u, "https://json-schema.org/draft/2019-09/meta/")
}

// metaSchemas are the meta-schemas v5 knows without reading them.
var metaSchemas = map[string]bool{
	"https://json-schema.org/draft/2020-12/schema": true, "https://json-schema.org/draft/2019-09/schema": true,
	"http://json-schema.org/draft-07/schema": true, "http://json-schema.org/draft-06/schema": true,
	"http://json-schema.org/draft-04/schema": true, "https://json-schema.org/schema": true,
}

type ref struct {
	from    place // the subschema holding the $ref
	base    string
	value   string
	target  string // absolute URL, resolved against base
	to      place  // filled when resolved
	toValue any    // the target subschema
}

type inPlaceEdge struct {
	to  place
	ref int // index in set.refs; -1 for an applicator
}

func newSet(read func(string) (*doc, error)) *set {
	return &set{
		read: read, docs: map[string]*doc{}, resources: map[string]*resource{},
		byPlace: map[place]*resource{}, anchors: map[string]place{},
		inPlace: map[place][]inPlaceEdge{}, refs: make([]ref, 0, 64),
		resolved: map[[2]string]string{},
	}
}

func (s *set) errAt(p place, format string, a ...any) *SchemaError {
	line, col := p.doc.at(p.ptr)
	return &SchemaError{URL: p.doc.url, Pointer: p.ptr, Line: line, Column: col, Msg: fmt.Sprintf(format, a...)}
}

// addDoc reads and walks a document (once).
func (s *set) addDoc(u string) (*doc, error) {
	if d, ok := s.docs[u]; ok {
		return d, nil
	}
	d, err := s.read(u)
	if err != nil {
		return nil, err
	}
	s.docs[u] = d
	r := &resource{url: u, place: place{d, ""}}
	if _, dup := s.resources[u]; !dup {
		s.resources[u] = r
	}
	s.byPlace[r.place] = r
	if err := s.walk(place{d, ""}, d.value, u, 0); err != nil {
		return nil, err
	}
	return d, nil
}

// The keywords of draft 2020-12, by what their value holds.
var (
	// singleSchema keywords hold one subschema.
	singleSchema = map[string]bool{
		"additionalProperties": true, "items": true, "contains": true, "propertyNames": true,
		"not": true, "if": true, "then": true, "else": true, "unevaluatedItems": true,
		"unevaluatedProperties": true, "contentSchema": true, "additionalItems": true,
	}
	// schemaMap keywords hold subschemas by name.
	schemaMap = map[string]bool{
		"properties": true, "patternProperties": true, "$defs": true, "dependentSchemas": true,
		"definitions": true, "dependencies": true,
	}
	// schemaList keywords hold a list of subschemas.
	schemaList = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true}
	// inPlaceKeywords apply their subschemas to the value itself.
	inPlaceKeywords = map[string]bool{
		"allOf": true, "anyOf": true, "oneOf": true, "not": true, "if": true, "then": true,
		"else": true, "dependentSchemas": true, "dependencies": true,
	}
	// vocabulary is every other keyword a validator may act on (draft
	// 2020-12 and the earlier drafts' that v5 still reads). A keyword that
	// is in none of these lists is an annotation (x-factsheet-..., a typo):
	// every validator ignores it.
	vocabulary = map[string]bool{
		"$schema": true, "$id": true, "$ref": true, "$anchor": true, "$dynamicRef": true,
		"$dynamicAnchor": true, "$vocabulary": true, "$comment": true, "$recursiveRef": true,
		"$recursiveAnchor": true,
		"type":             true, "const": true, "enum": true, "multipleOf": true, "maximum": true,
		"exclusiveMaximum": true, "minimum": true, "exclusiveMinimum": true, "maxLength": true,
		"minLength": true, "pattern": true, "maxItems": true, "minItems": true, "uniqueItems": true,
		"maxContains": true, "minContains": true, "maxProperties": true, "minProperties": true,
		"required": true, "dependentRequired": true, "format": true,
		"contentEncoding": true, "contentMediaType": true,
		"title": true, "description": true, "default": true, "deprecated": true,
		"readOnly": true, "writeOnly": true, "examples": true,
	}
	// builtin lists the keywords the built-in evaluator implements;
	// annotations are accepted and ignored, as validators do.
	builtin = map[string]bool{
		"$schema": true, "$id": true, "$defs": true, "$ref": true, "$comment": true, "$anchor": true,
		"title": true, "description": true, "examples": true, "default": true, "deprecated": true,
		"readOnly": true, "writeOnly": true, "contentEncoding": true, "contentMediaType": true,
		"type": true, "properties": true, "required": true, "additionalProperties": true,
		"items": true, "enum": true, "const": true, "pattern": true, "format": true,
		"minItems": true, "minLength": true, "minimum": true,
	}
)

// draft2020 is the meta-schema URL of the draft the built-in evaluator reads.
const draft2020 = "https://json-schema.org/draft/2020-12/schema"

var (
	anchorName = regexp.MustCompile(`^[A-Za-z_][-A-Za-z0-9._]*$`)
	typeNames  = map[string]bool{"null": true, "boolean": true, "object": true, "array": true, "number": true, "integer": true, "string": true}
)

// walk checks the subschema v at p, whose base URI is base, and everything
// below it.
func (s *set) walk(p place, v any, base string, depth int) error {
	if depth > maxSchemaDepth {
		return s.errAt(p, "subschemas nested more than %d deep", maxSchemaDepth)
	}
	key := p
	if _, ok := v.(bool); ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return s.errAt(p, "a schema must be an object or a boolean, not %s", describe(v))
	}
	at := func(k string) place { return place{p.doc, p.ptr + "/" + source.Escape(k)} }
	if id, ok := m["$id"]; ok {
		str, ok := id.(string)
		if !ok {
			return s.errAt(at("$id"), "$id must be a string")
		}
		u, err := resolve(base, str)
		if err != nil {
			return s.errAt(at("$id"), "$id %q: %v", str, err)
		}
		u, frag, _ := strings.Cut(u, "#")
		if frag != "" {
			return s.errAt(at("$id"), "$id %q must not have a fragment", str)
		}
		if p.ptr != "" || u != base {
			if old, dup := s.resources[u]; dup && old.place != key {
				return s.errAt(at("$id"), "$id %q is also the $id of %s", str, old.place.key())
			}
			r := &resource{url: u, place: p}
			s.resources[u] = r
			s.byPlace[key] = r
		}
		base = u
	}
	if sch, ok := m["$schema"]; ok {
		str, ok := sch.(string)
		if !ok {
			return s.errAt(at("$schema"), "$schema must be a string")
		}
		if u := strings.TrimSuffix(str, "#"); u != draft2020 {
			s.markUnsupported(at("$schema"), "$schema")
			if !isMeta(u) {
				// A meta-schema of its own: v5 reads it, from the loader.
				s.metaRefs = append(s.metaRefs, ref{from: p, base: base, value: str, target: u})
			}
		}
	}
	for _, k := range []string{"$anchor", "$dynamicAnchor"} {
		a, ok := m[k]
		if !ok {
			continue
		}
		str, ok := a.(string)
		if !ok || !anchorName.MatchString(str) {
			return s.errAt(at(k), "%s must be a name (a letter or _, then letters, digits, -, _ or .)", k)
		}
		name := base + "#" + str
		if old, dup := s.anchors[name]; dup && old != key {
			return s.errAt(at(k), "anchor %q is defined twice in %s", str, base)
		}
		s.anchors[name] = p
	}
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // errors and the first unsupported keyword in a stable order
	for _, k := range keys {
		val := m[k]
		var kp place
		if singleSchema[k] || schemaMap[k] || schemaList[k] {
			kp = at(k)
		} else {
			kp = place{p.doc, ""} // made when needed: most keywords hold no schema
		}
		kpAt := func() place {
			if kp.ptr == "" {
				kp = at(k)
			}
			return kp
		}
		switch {
		case singleSchema[k]:
			if err := s.walk(kp, val, base, depth+1); err != nil {
				return err
			}
			if inPlaceKeywords[k] {
				s.inPlace[key] = append(s.inPlace[key], inPlaceEdge{to: kp, ref: -1})
			}
		case schemaMap[k]:
			sub, ok := val.(map[string]any)
			if !ok {
				if k == "dependencies" {
					break // v5 reads string lists there too: its meta-schema decides
				}
				return s.errAt(kp, "%s must be an object of schemas, not %s", k, describe(val))
			}
			names := make([]string, 0, len(sub))
			for n := range sub {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				np := place{p.doc, kp.ptr + "/" + source.Escape(n)}
				if k == "dependencies" {
					if _, ok := sub[n].([]any); ok {
						continue
					}
				}
				if k == "patternProperties" {
					if _, err := regexp.Compile(n); err != nil {
						return s.errAt(kp, "patternProperties %q is not a regular expression Go's regexp (RE2) accepts: %v", n, err)
					}
				}
				if err := s.walk(np, sub[n], base, depth+1); err != nil {
					return err
				}
				if inPlaceKeywords[k] {
					s.inPlace[key] = append(s.inPlace[key], inPlaceEdge{to: np, ref: -1})
				}
			}
		case schemaList[k]:
			list, ok := val.([]any)
			if !ok || len(list) == 0 {
				return s.errAt(kp, "%s must be a non-empty list of schemas", k)
			}
			for i, sub := range list {
				ip := place{p.doc, fmt.Sprintf("%s/%d", kp.ptr, i)}
				if err := s.walk(ip, sub, base, depth+1); err != nil {
					return err
				}
				if inPlaceKeywords[k] {
					s.inPlace[key] = append(s.inPlace[key], inPlaceEdge{to: ip, ref: -1})
				}
			}
		case k == "$ref":
			str, ok := val.(string)
			if !ok {
				return s.errAt(kpAt(), "$ref must be a string")
			}
			t, err := s.resolve(base, str)
			if err != nil {
				return s.errAt(kpAt(), "$ref %q: %v", str, err)
			}
			s.refs = append(s.refs, ref{from: p, base: base, value: str, target: t})
		default:
			if err := checkKeyword(k, val); err != nil {
				return s.errAt(kpAt(), "%v", err)
			}
		}
		if !builtin[k] && (vocabulary[k] || singleSchema[k] || schemaMap[k] || schemaList[k]) {
			s.markUnsupported(kpAt(), k)
		}
	}
	if f, ok := m["format"].(string); ok && formats[f] == nil && v5Formats[f] {
		s.markUnsupported(at("format"), "format "+f)
	}
	return nil
}

func (s *set) markUnsupported(p place, what string) {
	if s.unsupported == "" {
		s.unsupported, s.unsupportedPlace = what, p
	}
}

// checkKeyword checks the value of a keyword the built-in evaluator reads
// (v5 checks the others against the meta-schema).
func checkKeyword(k string, v any) error {
	switch k {
	case "type":
		names, ok := []any{v}, true
		if l, isList := v.([]any); isList {
			names = l
			ok = len(l) > 0
		}
		for _, n := range names {
			str, isStr := n.(string)
			ok = ok && isStr && typeNames[str]
		}
		if !ok {
			return fmt.Errorf(`type must be one of "null", "boolean", "object", "array", "number", "integer", "string", or a list of them, not %s`, describe(v))
		}
	case "required":
		l, ok := v.([]any)
		for _, n := range l {
			if _, isStr := n.(string); !isStr {
				ok = false
			}
		}
		if !ok {
			return fmt.Errorf("required must be a list of property names, not %s", describe(v))
		}
	case "enum":
		if _, ok := v.([]any); !ok {
			return fmt.Errorf("enum must be a list, not %s", describe(v))
		}
	case "pattern":
		str, ok := v.(string)
		if !ok {
			return fmt.Errorf("pattern must be a string, not %s", describe(v))
		}
		if _, err := compilePattern(str); err != nil {
			return fmt.Errorf("pattern %q is not a regular expression Go's regexp (RE2 syntax) accepts: %v", str, err)
		}
	case "format", "$comment", "title", "description", "contentEncoding", "contentMediaType":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s must be a string, not %s", k, describe(v))
		}
	case "minItems", "minLength", "maxItems", "maxLength", "minProperties", "maxProperties", "minContains", "maxContains":
		if _, ok := count(v); !ok {
			return fmt.Errorf("%s must be a non-negative integer, not %s", k, describe(v))
		}
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s must be a number, not %s", k, describe(v))
		}
		if _, ok := parseDecimal(n); !ok {
			return fmt.Errorf("%s: %s is not a number", k, n)
		}
	}
	return nil
}

// patterns are the compiled regular expressions, by their text: the walk
// compiles each once to check it, the evaluator uses it (the template
// repeats a few patterns dozens of times). Compiled expressions are safe for
// concurrent use.
var (
	patternsMu sync.Mutex
	patterns   = map[string]*regexp.Regexp{}
)

func compilePattern(p string) (*regexp.Regexp, error) {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if re, ok := patterns[p]; ok {
		return re, nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	if len(patterns) < 10_000 { // bounded, whatever schemas a process compiles
		patterns[p] = re
	}
	return re, nil
}

// count reads a non-negative integer keyword value; "1.0" is the integer 1
// (draft 2020-12 counts numbers with a zero fraction as integers).
func count(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	if len(n) < 10 && strings.Trim(string(n), "0123456789") == "" {
		i, _ := strconv.Atoi(string(n)) // the usual case: a few digits
		return i, true
	}
	d, ok := parseDecimal(n)
	if !ok || !d.isInt() || d.sign() < 0 {
		return 0, false
	}
	if d.digits == "" {
		return 0, true
	}
	if d.exp > 9 {
		return 1 << 31, true // beyond any count this tool reads
	}
	i, _ := strconv.Atoi(d.digits + strings.Repeat("0", int(d.exp)-len(d.digits)))
	return i, true
}

// resolve is resolve, once per base and reference: the template's 150 $refs
// are a dozen distinct ones.
func (s *set) resolve(base, refStr string) (string, error) {
	k := [2]string{base, refStr}
	if u, ok := s.resolved[k]; ok {
		return u, nil
	}
	u, err := resolve(base, refStr)
	if err == nil {
		s.resolved[k] = u
	}
	return u, err
}

// resolve resolves a URI reference against a base URI (RFC 3986).
func resolve(base, refStr string) (string, error) {
	if strings.HasPrefix(refStr, "#") && !strings.Contains(base, "#") {
		return base + refStr, nil // the common case, without parsing
	}
	r, err := url.Parse(refStr)
	if err != nil {
		return "", errors.New("not a URI reference")
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", errors.New("the base URI is not valid")
	}
	u := b.ResolveReference(r)
	out := u.String()
	// Keep the fragment as written: url.URL re-encodes it.
	if i := strings.IndexByte(refStr, '#'); i >= 0 {
		out, _, _ = strings.Cut(out, "#")
		out += refStr[i:]
	} else {
		out, _, _ = strings.Cut(out, "#")
	}
	return out, nil
}

// resolveRefs reads the documents the $refs name and finds each target,
// until every $ref (the new documents' too) is resolved.
func (s *set) resolveRefs() error {
	for i := 0; i < len(s.refs); i++ {
		// find may read more documents, whose $refs are appended to s.refs:
		// no pointer into s.refs is kept across it.
		r := s.refs[i]
		to, v, err := s.find(&r)
		if err == errMeta {
			continue
		}
		if err != nil {
			return err
		}
		s.refs[i].to, s.refs[i].toValue = to, v
		s.inPlace[r.from] = append(s.inPlace[r.from], inPlaceEdge{to: to, ref: i})
	}
	return nil
}

// errMeta is find's answer for a $ref to a draft's meta-schema, which only
// v5 validates with.
var errMeta = errors.New("a meta-schema")

// find locates a $ref's target.
func (s *set) find(r *ref) (place, any, error) {
	u, frag, _ := strings.Cut(r.target, "#")
	refAt := place{r.from.doc, r.from.ptr + "/$ref"}
	res, ok := s.resources[u]
	if !ok && isMeta(u) {
		// A meta-schema: v5 has it built in (and it uses keywords the
		// built-in evaluator does not implement).
		s.markUnsupported(refAt, "$ref to the meta-schema")
		return place{}, nil, errMeta
	}
	if !ok {
		if _, err := s.addDoc(u); err != nil {
			var se *SchemaError
			if errors.As(err, &se) && se.URL == u {
				return place{}, nil, err // the document was read but is not a schema
			}
			return place{}, nil, s.errAt(refAt, "$ref %q: %s cannot be read (schemas are never fetched from the network): %v", r.value, u, err)
		}
		res = s.resources[u]
	}
	if frag == "" {
		v, _ := valueAtPlace(res.place)
		return res.place, v, nil
	}
	if frag[0] != '/' {
		name, err := url.PathUnescape(frag)
		if err != nil {
			return place{}, nil, s.errAt(refAt, "$ref %q: the fragment is not valid percent-encoding", r.value)
		}
		p, ok := s.anchors[u+"#"+name]
		if !ok {
			return place{}, nil, s.errAt(refAt, "$ref %q: %s has no anchor %q", r.value, u, name)
		}
		v, _ := valueAtPlace(p)
		return p, v, nil
	}
	ptr, err := url.PathUnescape(frag)
	if err != nil {
		return place{}, nil, s.errAt(refAt, "$ref %q: the fragment is not valid percent-encoding", r.value)
	}
	v := any(nil)
	if rv, ok := valueAtPlace(res.place); ok {
		v = rv
	}
	for t := range strings.SplitSeq(ptr[1:], "/") {
		t = source.Unescape(t)
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[t]
			if !ok {
				return place{}, nil, s.errAt(refAt, "$ref %q: %s has nothing at %s", r.value, u, ptr)
			}
			v = x
		case []any:
			i, ok := index(t, len(c))
			if !ok {
				return place{}, nil, s.errAt(refAt, "$ref %q: %s has nothing at %s", r.value, u, ptr)
			}
			v = c[i]
		default:
			return place{}, nil, s.errAt(refAt, "$ref %q: %s has nothing at %s", r.value, u, ptr)
		}
	}
	suffix := frag
	if ptr != frag {
		suffix = escapePointer(ptr) // written with percent-escapes
	}
	to := place{res.place.doc, res.place.ptr + suffix}
	if !schemaPath(ptr) {
		// A place no keyword marks as a schema (inside an unknown keyword):
		// walk it now, in the resource that holds it.
		if err := s.walk(to, v, u, 0); err != nil {
			return place{}, nil, err
		}
	}
	return to, v, nil
}

// schemaPath tells whether a pointer from a resource's root leads through
// keywords that hold subschemas only (the places the walk has checked):
// "/properties/a/items" does, "/x-extra/a" does not.
func schemaPath(ptr string) bool {
	name := false // the next token names a subschema of a map or list
	for t := range strings.SplitSeq(ptr[1:], "/") {
		if name {
			name = false
			continue
		}
		t = source.Unescape(t)
		switch {
		case singleSchema[t]:
		case schemaMap[t] || schemaList[t]:
			name = true
		default:
			return false
		}
	}
	return !name
}

// escapePointer re-escapes a decoded JSON pointer token by token (the
// tokens were decoded from percent-encoding, not from ~-escapes).
func escapePointer(ptr string) string {
	var b strings.Builder
	for _, t := range strings.Split(ptr[1:], "/") {
		b.WriteByte('/')
		b.WriteString(source.Escape(source.Unescape(t)))
	}
	return b.String()
}

func index(t string, n int) (int, bool) {
	if t == "" || (len(t) > 1 && t[0] == '0') {
		return 0, false
	}
	i := 0
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
		if i >= n {
			return 0, false
		}
	}
	return i, true
}

func valueAtPlace(p place) (any, bool) {
	return ValueAt(p.doc.value, p.ptr)
}

// frame is a subschema on the cycle search's stack, and its next edge.
type frame struct {
	at   place
	next int
}

// cycles finds a cycle of subschemas that apply to the same value (a $ref
// chain, or allOf/anyOf/not... reaching back): validation would never end.
func (s *set) cycles() error {
	const (
		unseen = iota
		active
		done
	)
	state := make(map[place]int, len(s.inPlace))
	starts := make([]place, 0, len(s.inPlace))
	for k := range s.inPlace {
		starts = append(starts, k)
	}
	sort.Slice(starts, func(i, j int) bool {
		if starts[i].doc.url != starts[j].doc.url {
			return starts[i].doc.url < starts[j].doc.url
		}
		return starts[i].ptr < starts[j].ptr
	})
	for _, start := range starts {
		if state[start] != unseen {
			continue
		}
		// Iterative depth-first search: a long chain must not grow the stack.
		stack := []frame{{at: start}}
		state[start] = active
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			edges := s.inPlace[top.at]
			if top.next == len(edges) {
				state[top.at] = done
				stack = stack[:len(stack)-1]
				continue
			}
			e := edges[top.next]
			top.next++
			switch state[e.to] {
			case active:
				return s.cycleError(stack, e.to)
			case unseen:
				state[e.to] = active
				stack = append(stack, frame{at: e.to})
			}
		}
	}
	return nil
}

// cycleError reports the cycle that closes at to, the search's stack from
// to up: at its first $ref, naming every subschema on the way.
func (s *set) cycleError(stack []frame, to place) error {
	var cycle []place
	for _, f := range stack {
		if f.at == to || len(cycle) > 0 {
			cycle = append(cycle, f.at)
		}
	}
	chain := make([]string, 0, len(cycle)+1)
	for _, c := range cycle {
		chain = append(chain, s.location(c))
	}
	chain = append(chain, s.location(to))
	in := map[place]bool{}
	for _, c := range cycle {
		in[c] = true
	}
	for _, c := range cycle {
		for _, ed := range s.inPlace[c] {
			if ed.ref >= 0 && in[ed.to] {
				from := s.refs[ed.ref].from
				return s.errAt(place{from.doc, from.ptr + "/$ref"}, "a $ref cycle that never reads into the value: %s", strings.Join(chain, " -> "))
			}
		}
	}
	return s.errAt(cycle[0], "a cycle of subschemas that never reads into the value: %s", strings.Join(chain, " -> "))
}

// compile reads the root and everything it reaches, checks it, and builds
// the validator: the built-in program when every keyword is one it
// implements, v5 otherwise. raw, when not nil, reads the annotated copy of
// a document for the phraser (the embedded schemas compile from a lean copy).
func (s *set) compile(rootURL string, raw func(url string) (any, error)) (*Validator, error) {
	rootURL = strings.TrimSuffix(rootURL, "#")
	if _, err := s.addDoc(rootURL); err != nil {
		var se *SchemaError
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, &SchemaError{URL: rootURL, Msg: err.Error()}
	}
	if err := s.resolveRefs(); err != nil {
		return nil, err
	}
	for _, r := range s.metaRefs {
		if _, ok := s.resources[r.target]; ok {
			continue
		}
		if _, err := s.addDoc(r.target); err != nil {
			return nil, s.errAt(place{r.from.doc, r.from.ptr + "/$schema"}, "$schema %q: %s cannot be read (schemas are never fetched from the network): %v", r.value, r.target, err)
		}
	}
	if len(s.metaRefs) > 0 {
		// The meta-schemas' own references.
		if err := s.resolveRefs(); err != nil {
			return nil, err
		}
	}
	if err := s.cycles(); err != nil {
		return nil, err
	}
	v := &Validator{root: rootURL, schemas: s.phraseIndex(raw)}
	if s.unsupported != "" {
		e, err := compileV5(s, rootURL)
		if err != nil {
			return nil, err
		}
		v.engine = e
		v.Fallback = s.unsupported
		return v, nil
	}
	p, err := s.program(rootURL)
	if err != nil {
		return nil, err
	}
	v.engine = p
	return v, nil
}
