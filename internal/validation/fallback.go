package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/source"

	jsonschema "github.com/ecanplus/factsheet/internal/third_party/jsonschema"
)

// fallback validates with santhosh-tekuri/jsonschema v5, the design's
// library, the schemas that use a keyword the built-in evaluator does not
// implement. Its errors are flattened to leaves, the same leaves the
// evaluator produces, so one phraser words both.
type fallback struct {
	schema *jsonschema.Schema
}

var installFormats sync.Once

// compileV5 compiles the root with v5 from the documents the set has read:
// every one is added as a resource, and v5's loader reads nothing else, so
// it never fetches (the set has already refused a reference it cannot read).
func compileV5(s *set, rootURL string) (*fallback, error) {
	installFormats.Do(func() {
		for name, f := range formats {
			jsonschema.Formats[name] = func(v any) bool {
				str, ok := v.(string)
				return !ok || f(str)
			}
		}
	})
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		d, ok := s.docs[strings.TrimSuffix(u, "#")]
		if !ok {
			return nil, fmt.Errorf("%s is not available (schemas are never fetched from the network)", u)
		}
		return io.NopCloser(bytes.NewReader(d.raw)), nil
	}
	urls := make([]string, 0, len(s.docs))
	for u := range s.docs {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		if err := s.v5Numbers(s.docs[u]); err != nil {
			return nil, err
		}
	}
	for _, u := range urls {
		if err := c.AddResource(u, bytes.NewReader(s.docs[u].raw)); err != nil {
			return nil, v5Error(s, rootURL, err)
		}
	}
	sch, err := c.Compile(rootURL)
	if err != nil {
		return nil, v5Error(s, rootURL, err)
	}
	return &fallback{schema: sch}, nil
}

// v5Error turns v5's compile error into a SchemaError with a position: a
// schema v5 finds invalid against the draft's meta-schema fails at a place
// in the schema document, which is the instance location of the leaf.
func v5Error(s *set, rootURL string, err error) error {
	var se *jsonschema.SchemaError
	if !errors.As(err, &se) {
		return &SchemaError{URL: rootURL, Msg: err.Error()}
	}
	u, _, _ := strings.Cut(se.SchemaURL, "#")
	d := s.docs[u]
	var ve *jsonschema.ValidationError
	if errors.As(se.Err, &ve) {
		leaves := flatten(ve)
		if len(leaves) > 0 {
			l := leaves[0]
			e := &SchemaError{URL: u, Pointer: unpercent(l.InstanceLocation), Msg: "not a valid JSON Schema (draft 2020-12): " + l.Message}
			if d != nil {
				e.Line, e.Column = d.at(e.Pointer)
			}
			return e
		}
	}
	return &SchemaError{URL: u, Msg: se.Err.Error()}
}

// v5MaxExp bounds the powers of ten of the numbers v5 is given. v5 reads
// every number into a big.Rat: math/big refuses exponents beyond ±10^6 (v5
// then drops a schema's bound without a word, or panics on a value), and
// builds 10^999999 in 30 ms for one just inside. Factsheet numbers are
// counts and years; nothing real comes near ±10^1000.
const v5MaxExp = 1000

// v5Numbers refuses a schema document that holds a number v5 cannot read
// exactly, at the number's place, instead of letting v5 ignore it.
func (s *set) v5Numbers(d *doc) error {
	var bad string
	var walk func(v any, ptr string) bool
	walk = func(v any, ptr string) bool {
		switch x := v.(type) {
		case json.Number:
			if n, ok := parseDecimal(x); ok && (n.exp > v5MaxExp || n.exp < -v5MaxExp) {
				bad = ptr
				return false
			}
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys) // the first bad number in a stable order
			for _, k := range keys {
				if !walk(x[k], ptr+"/"+source.Escape(k)) {
					return false
				}
			}
		case []any:
			for i, e := range x {
				if !walk(e, ptr+"/"+strconv.Itoa(i)) {
					return false
				}
			}
		}
		return true
	}
	if walk(d.value, "") {
		return nil
	}
	n, _ := ValueAt(d.value, bad)
	what := strconv.Quote(s.unsupported)
	if k, f, ok := strings.Cut(s.unsupported, " "); ok { // "format uri-reference"
		what = fmt.Sprintf("%q %q", k, f)
	}
	where := s.unsupportedPlace.ptr
	if where == "" {
		where = "/"
	}
	return s.errAt(place{d, bad}, "the number %v is out of range: the schema uses %s (at %s), which the schema library checks, and it reads numbers between 1e-%d and 1e%d in size", n, what, where, v5MaxExp, v5MaxExp)
}

// v5Value returns v with every number beyond v5's reach brought inside it,
// and whether it changed anything: the exponent is clamped just beyond
// ±v5MaxExp, the digits and sign kept, so the number compares with any
// bound a schema may hold (v5Numbers) as the original would. Containers are
// copied only where a number inside them changed.
func v5Value(v any) (any, bool) {
	switch x := v.(type) {
	case json.Number:
		d, ok := parseDecimal(x)
		if !ok || (d.exp <= v5MaxExp && d.exp >= -v5MaxExp) {
			return v, false
		}
		sign := ""
		if d.neg {
			sign = "-"
		}
		e := int64(v5MaxExp + 1)
		if d.exp < 0 {
			e = -e
		}
		return json.Number(sign + "0." + d.digits + "e" + strconv.FormatInt(e, 10)), true
	case map[string]any:
		var out map[string]any
		for k, e := range x {
			if n, changed := v5Value(e); changed {
				if out == nil {
					out = maps.Clone(x)
				}
				out[k] = n
			}
		}
		if out != nil {
			return out, true
		}
	case []any:
		var out []any
		for i, e := range x {
			if n, changed := v5Value(e); changed {
				if out == nil {
					out = slices.Clone(x)
				}
				out[i] = n
			}
		}
		if out != nil {
			return out, true
		}
	}
	return v, false
}

func (f *fallback) validate(v any) (out []leaf) {
	v, _ = v5Value(v)
	defer func() {
		// The library is not this package's: a panic in it on some value
		// becomes a finding, not a crash of the whole run.
		if r := recover(); r != nil {
			out = []leaf{{AbsoluteKeywordLocation: f.schema.Location, Extra: fmt.Sprintf("the schema library failed: %v", r)}}
		}
	}()
	err := f.schema.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		// v5 reports an infinite loop or a value it cannot read this way;
		// the compiler refused the cycles, and values are JSON-shaped.
		return []leaf{{Keyword: "", AbsoluteKeywordLocation: f.schema.Location, Extra: err.Error()}}
	}
	for _, e := range flatten(ve) {
		out = append(out, leaf{
			Keyword:                 keywordOf(e.KeywordLocation, e.Message),
			AbsoluteKeywordLocation: unpercentLocation(e.AbsoluteKeywordLocation),
			InstanceLocation:        unpercent(e.InstanceLocation),
			Extra:                   e.Message,
		})
	}
	return out
}

// flatten returns the leaves of a v5 error tree in a stable order (v5's
// order of causes varies from run to run). Where the branches of an anyOf
// or oneOf all failed, the branches that failed only on "type" are dropped
// when another got further (the value was meant for that one); when every
// branch failed on type, the anyOf/oneOf itself is the leaf ("must be text
// or a list").
func flatten(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	kw := keywordOf(e.KeywordLocation, e.Message)
	var out []*jsonschema.ValidationError
	if kw == "anyOf" || kw == "oneOf" {
		var further [][]*jsonschema.ValidationError
		for _, c := range e.Causes {
			l := flatten(c)
			onlyType := true
			for _, x := range l {
				if keywordOf(x.KeywordLocation, x.Message) != "type" || x.InstanceLocation != e.InstanceLocation {
					onlyType = false
				}
			}
			if !onlyType {
				further = append(further, l)
			}
		}
		if len(further) == 0 {
			return []*jsonschema.ValidationError{{
				KeywordLocation: e.KeywordLocation, AbsoluteKeywordLocation: e.AbsoluteKeywordLocation,
				InstanceLocation: e.InstanceLocation, Message: e.Message,
			}}
		}
		for _, l := range further {
			out = append(out, l...)
		}
	} else {
		for _, c := range e.Causes {
			out = append(out, flatten(c)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].InstanceLocation != out[j].InstanceLocation {
			return out[i].InstanceLocation < out[j].InstanceLocation
		}
		return out[i].AbsoluteKeywordLocation < out[j].AbsoluteKeywordLocation
	})
	return out
}

// unpercent turns a v5 JSON pointer into this package's: v5 percent-encodes
// each token after the ~-escapes ("/foo%22bar"), as in a URI fragment; the
// findings' pointers and the source maps are plain JSON pointers.
func unpercent(ptr string) string {
	if !strings.Contains(ptr, "%") {
		return ptr
	}
	tokens := strings.Split(ptr, "/")
	for i, t := range tokens {
		if u, err := url.PathUnescape(t); err == nil {
			tokens[i] = u
		}
	}
	return strings.Join(tokens, "/")
}

// unpercentLocation does the same for the fragment of an absolute location.
func unpercentLocation(loc string) string {
	u, frag, ok := strings.Cut(loc, "#")
	if !ok {
		return loc
	}
	return u + "#" + unpercent(frag)
}

// keywordOf is the keyword of a v5 leaf: the last token of its keyword
// location, but dependentRequired for ".../dependentRequired/b/0", and
// "false" for the schema false, which v5 reports as "not allowed" at the
// schema's own location (an unevaluatedProperties: false, an items: false).
func keywordOf(kwLoc, msg string) string {
	if msg == "not allowed" {
		return "false"
	}
	tokens := strings.Split(kwLoc, "/")
	if n := len(tokens); n >= 3 && (tokens[n-3] == "dependentRequired" || tokens[n-3] == "dependencies") {
		return tokens[n-3]
	}
	return tokens[len(tokens)-1]
}
