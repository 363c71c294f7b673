package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/schema"
)

// reference compiles a root schema with santhosh-tekuri/jsonschema v5, the
// validator the evaluator must agree with.
//
// The formats the evaluator asserts are installed in it too (as the
// fallback does with its copy): v5.3.1's own host-name check lets
// "ecan@goeg.-at.example" pass, and the tests hold the engines to one
// verdict, not to that bug.
func reference(t testing.TB, root string) *jsonschema.Schema {
	t.Helper()
	installReferenceFormats()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, errors.New("no network: " + u) }
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		if err := c.AddResource(schema.Base+name, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(schema.Base + root)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEverySchemaCompiles compiles every embedded schema with the
// reference validator (they are valid draft 2020-12), and the factsheet
// and configuration roots with the evaluator.
func TestEverySchemaCompiles(t *testing.T) {
	for _, name := range schema.Names() {
		reference(t, name)
	}
	for _, root := range []string{schema.Root, "config.schema.json"} {
		v, err := New(root)
		if err != nil {
			t.Errorf("%s: %v", root, err)
			continue
		}
		// Every run compiles these: on v5 a one-file lint would take twice
		// as long (docs/performance.md). Use the keywords of docs/schemas.md.
		if v.Fallback != "" {
			t.Errorf("%s needs v5 for %s: the built-in evaluator must take the embedded roots", root, v.Fallback)
		}
	}
	// And every embedded schema compiles through Compile, with positions.
	for _, name := range schema.Names() {
		if _, err := Compile(schema.Base+name, EmbeddedLoader); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

var referenceFormats sync.Once

func installReferenceFormats() {
	referenceFormats.Do(func() {
		for name, f := range formats {
			jsonschema.Formats[name] = func(v any) bool {
				s, ok := v.(string)
				return !ok || f(s)
			}
		}
	})
}

func referenceLeaves(s *jsonschema.Schema, v any) []string {
	err := s.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{"error: " + err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, e.InstanceLocation+" "+e.AbsoluteKeywordLocation)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(out)
	return out
}

func evaluatorLeaves(t testing.TB, root string, v any) []string {
	val, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	if val.Fallback != "" {
		t.Fatalf("%s: the built-in evaluator refused it for %s", root, val.Fallback)
	}
	return leavesOf(val.engine, v)
}

func leavesOf(e engine, v any) []string {
	var out []string
	for _, l := range e.validate(v) {
		out = append(out, l.InstanceLocation+" "+l.AbsoluteKeywordLocation)
	}
	sort.Strings(out)
	return out
}

// fallbackFor compiles an embedded root with the fallback (the patched
// copy of v5), as a repository template with v5's keywords would be: the
// tests hold its flattened leaves to the same verdicts.
func fallbackFor(t testing.TB, root string) engine {
	t.Helper()
	s := newSet(func(u string) (*doc, error) { return readEmbedded(u) })
	if _, err := s.compile(schema.Base+root, nil); err != nil {
		t.Fatal(err)
	}
	f, err := compileV5(s, schema.Base+root)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func readEmbedded(u string) (*doc, error) {
	b, err := EmbeddedLoader(u)
	if err != nil {
		return nil, err
	}
	return fastDoc(u, b)
}

func decodeYAML(t testing.TB, name, text string) any {
	t.Helper()
	f, _ := source.Decode(name, []byte(text))
	r := decode.YAML(f)
	if r.Value == nil {
		t.Fatalf("%s: %v", name, r.Findings)
	}
	return r.Value
}

// TestAgreesWithReference: on the Belgian factsheet and on thousands of
// mutations of it, the evaluator reports exactly the failing keywords and
// locations the reference validator reports.
func TestAgreesWithReference(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base := decodeYAML(t, "BE.yaml", string(b))
	ref := reference(t, schema.Root)
	fb := fallbackFor(t, schema.Root)
	failing := 0
	check := func(name string, v any) {
		t.Helper()
		want, got := referenceLeaves(ref, v), evaluatorLeaves(t, schema.Root, v)
		if len(want) > 0 {
			failing++
		}
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s: the evaluator disagrees with the reference\nreference:\n  %s\nevaluator:\n  %s", name, strings.Join(want, "\n  "), strings.Join(got, "\n  "))
		}
		if f := leavesOf(fb, v); strings.Join(want, "\n") != strings.Join(f, "\n") {
			t.Errorf("%s: the fallback disagrees with the reference\nreference:\n  %s\nfallback:\n  %s", name, strings.Join(want, "\n  "), strings.Join(f, "\n  "))
		}
	}
	check("BE.yaml", base)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		v := clone(base)
		desc := ""
		for k := 0; k <= rng.IntN(3); k++ {
			var d string
			v, d = mutate(rng, v)
			desc += d + "; "
		}
		check(fmt.Sprintf("mutation %d (%s)", i, desc), v)
	}
	// Most mutations must break the schema, or the agreement proves little.
	if failing < n*2/3 {
		t.Errorf("only %d of %d mutations failed validation", failing, n)
	}
	t.Logf("%d of %d mutations failed validation; the evaluator agreed on all", failing, n)
}

// TestConfigAgreesWithReference does the same for configuration files.
func TestConfigAgreesWithReference(t *testing.T) {
	ref := reference(t, "config.schema.json")
	configs := []string{
		"max-age: 12m\n",
		"max-age: 18\n",
		"max-age: soon\n",
		"max-age: -3\n",
		"max-age: [1]\n",
		"rules:\n  footnote-unused: off\n  input-syntax: off\n  nope: error\n",
		"rules:\n  footnote-unused: loud\n",
		"ignore: [a/**, '']\n",
		"ignore: x\n",
		"waivers:\n  - file: BE.yaml\n    rule: footnote-unused\n    reason: r\n    expires: 2027-01-01\n",
		"waivers:\n  - file: ''\n    rule: 3\n    pointer: x\n    expires: 2027-13-01\n    extra: 1\n",
		"waivers: {}\n",
		"unknown: 1\n",
		"[]\n",
	}
	for _, c := range configs {
		v := decodeYAML(t, "c.yaml", c)
		want, got := referenceLeaves(ref, v), evaluatorLeaves(t, "config.schema.json", v)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%q: the evaluator disagrees with the reference\nreference:\n  %s\nevaluator:\n  %s", c, strings.Join(want, "\n  "), strings.Join(got, "\n  "))
		}
	}
}

func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = clone(e)
		}
		return l
	}
	return v
}

// replacements are the values a mutation puts somewhere: every JSON type,
// and strings that break the schema's patterns, enums and formats.
var replacements = []any{
	nil, true, json.Number("42"), json.Number("1.5"), json.Number("-1"), json.Number("3.0"),
	"", "x", "Yes", "review", "updte", "2025-13", "2025-10", "Oct 2025", "2023/2024", "BEL", "BE", "be",
	"ecan@goeg.at", "not an email", "a@-b.c", "ecan@goeg.-at.example", "ecan@goeg-.at", "ecan-plus-2025", "ecan-2023",
	[]any{}, []any{"x"}, []any{json.Number("1")}, map[string]any{}, map[string]any{"answer": "Yes"},
	map[string]any{"label": json.Number("3"), "text": "t"}, map[string]any{"label": "a b", "text": "t"},
}

// mutate changes one random place of v: replaces a value, deletes a
// member or an item, or adds an unknown member.
func mutate(rng *rand.Rand, v any) (any, string) {
	var paths []string
	var collect func(x any, p string)
	collect = func(x any, p string) {
		paths = append(paths, p)
		switch y := x.(type) {
		case map[string]any:
			for k, e := range y {
				collect(e, p+"/"+source.Escape(k))
			}
		case []any:
			for i, e := range y {
				collect(e, p+"/"+strconv.Itoa(i))
			}
		}
	}
	collect(v, "")
	sort.Strings(paths)
	p := paths[rng.IntN(len(paths))]
	switch rng.IntN(4) {
	case 0, 1:
		r := clone(replacements[rng.IntN(len(replacements))])
		return setAt(v, p, r), fmt.Sprintf("%s = %v", p, r)
	case 2:
		if p == "" {
			return v, "no-op"
		}
		return del(v, p), "delete " + p
	default:
		if m, ok := at(v, p).(map[string]any); ok {
			m["unknwn"] = "x"
			return v, "add " + p + "/unknwn"
		}
		return v, "no-op"
	}
}

func at(v any, p string) any {
	x, _ := ValueAt(v, p)
	return x
}

func setAt(v any, p string, r any) any {
	if p == "" {
		return r
	}
	i := strings.LastIndexByte(p, '/')
	parent, key := at(v, p[:i]), source.Unescape(p[i+1:])
	switch c := parent.(type) {
	case map[string]any:
		c[key] = r
	case []any:
		n, _ := strconv.Atoi(key)
		c[n] = r
	}
	return v
}

func del(v any, p string) any {
	i := strings.LastIndexByte(p, '/')
	parent, key := at(v, p[:i]), source.Unescape(p[i+1:])
	switch c := parent.(type) {
	case map[string]any:
		delete(c, key)
	case []any:
		n, _ := strconv.Atoi(key)
		return setAt(v, p[:i], append(c[:n:n], c[n+1:]...))
	}
	return v
}
