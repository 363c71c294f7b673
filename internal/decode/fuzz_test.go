package decode

// Fuzz targets for the YAML and JSON readers. Each takes arbitrary bytes
// through source.Decode (as load.Bytes does) and then decode.YAML or
// decode.JSON, and checks what the package promises for any input:
//
//   - no panic, and it returns (the fuzzer's own timeout catches hangs);
//   - every finding has Line >= 0 and Column >= 0, and when Line > 0 it is
//     a line of the decoded text (Line <= File.Lines()); likewise for the
//     related locations of a finding;
//   - every span of the source map has 1 <= Line <= File.Lines(), and its
//     KeyLine (when set) and EndLine are lines of the file too;
//   - when Value is non-nil it is JSON-shaped: json.Marshal succeeds.
//
// The seed corpus is deterministic: the strings below plus the shipped
// Belgian factsheet, testdata/factsheets/BE.yaml, read at test time (and a
// JSON rendering of it made with encoding/json).
//
// Run one target at a time:
//
//	go test -run='^$' -fuzz='^FuzzYAML$' -fuzztime=90s ./internal/decode/
//	go test -run='^$' -fuzz='^FuzzJSON$' -fuzztime=90s ./internal/decode/
//
// A plain `go test ./internal/decode/` runs the seeds and any failing inputs
// saved under testdata/fuzz/.
//
// The BE seed is large (25 KB): with the default -fuzzminimizetime (60s)
// the minimisation of each new interesting input can take most of a short
// run (long stretches of "0/sec"); add -fuzzminimizetime=3s for more execs.

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

var fuzzYAMLSeeds = []string{
	"",
	"\n",
	"# only a comment\n",
	"template: ecan-plus-2025\n",
	"a: 1\nb: [1, 2, {c: d}]\n",
	"a: 1\na: 2\n",
	"a:\n  b:\n    c: [x, y]\n  d: |\n    text\n    more\n",
	"- 1\n- 2\n",
	"'scalar'",
	"a: .inf\nb: -.Inf\nc: .nan\n",
	"a: !!float 1e500\nb: !!int 99999999999999999999\nc: 0o17\nd: 0x1F\ne: 1_000\n",
	"a: !!int 1e3\nb: !!float 0x1p3\nc: !!bool yes\nd: 2024-01-02\n",
	"x: &a [1, 2]\ny: *a\n",
	"<<: {a: 1}\nb: 2\n",
	"? [a, b]\n: c\n",
	"? *x\n: c\n",
	"a: &k key\n*k : v\n",
	"a: 1\n---\nb: 2\n",
	"---\n---\n",
	"a: [1, 2\n",
	"a: b: c\n",
	"\ta: 1\n",
	"a: \"unterminated\n",
	"a: *undefined\n",
	"a: &a [*a]\n",
	"l1: &l1 [x, x, x, x, x, x, x, x, x, x]\nl2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nl3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nl4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\nl5: [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n",
	"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
	"a: \"\\x01\"\n",
	"a: b\r\nc: d\r\n",
	"a: b\rc: d\r",
	"\xef\xbb\xbfa: b\n",
	"\xff\xfea\x00:\x00 \x00b\x00\n\x00",
	"a: \x01\n",
	"a: \xe9t\xe9\n",
}

var fuzzJSONSeeds = []string{
	"",
	" \n",
	"{}",
	"[]",
	"null",
	"1",
	"\"s\"",
	`{"template": "ecan-plus-2025", "country": {"code": "BE", "name": "Belgium"}}`,
	`{"a": 1, "a": 2}`,
	`{"a": [1, 2, {"b": null}], "c": true, "d": -1.5e10}`,
	"{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}\n",
	`{"a": 1`,
	`{"a": 1,}`,
	`{"a" 1}`,
	`{"a": 1} {"b": 2}`,
	`{"a": 1} x`,
	`[1, 2,]`,
	`{"a": "\ud800"}`,
	`{"a~b/c": 1}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	"{\r\n\"a\": 1\r\n}\r\n",
	"\xef\xbb\xbf{\"a\": 1}",
	"\xfe\xff\x00{\x00}",
	"{\"a\": \"\x01\"}",
	"{\"a\": \"\xe9\"}",
}

func fuzzReadSeedFile(f *testing.F, name string) []byte {
	f.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", name))
	if err != nil {
		f.Fatalf("seed corpus: %v", err)
	}
	return b
}

func FuzzYAML(f *testing.F) {
	for _, s := range fuzzYAMLSeeds {
		f.Add([]byte(s))
	}
	f.Add(fuzzReadSeedFile(f, "BE.yaml"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file, fs := source.Decode("x.yaml", raw)
		if file == nil {
			fuzzCheckRawFindings(t, fs)
			return
		}
		fuzzCheckResult(t, file, fs, YAML(file))
	})
}

func FuzzJSON(f *testing.F) {
	for _, s := range fuzzJSONSeeds {
		f.Add([]byte(s))
	}
	// BE.yaml as JSON: the same content in the other form, built with
	// encoding/json (deterministic: map keys are sorted).
	be := fuzzReadSeedFile(f, "BE.yaml")
	if file, _ := source.Decode("BE.yaml", be); file != nil {
		if res := YAML(file); res.Value != nil {
			js, err := json.MarshalIndent(res.Value, "", "  ")
			if err != nil {
				f.Fatalf("seed corpus: BE.yaml as JSON: %v", err)
			}
			f.Add(js)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		file, fs := source.Decode("x.json", raw)
		if file == nil {
			fuzzCheckRawFindings(t, fs)
			return
		}
		res := JSON(file)
		fuzzCheckResult(t, file, fs, res)
		fuzzCompareWithEncodingJSON(t, file, res)
	})
}

// fuzzCompareWithEncodingJSON holds the parser to encoding/json, the
// reference: the same verdict on every text that reaches it, and the same
// value when both accept it. Texts cut short by the limits (depth, value
// count) and duplicate keys (encoding/json keeps the last value silently,
// the parser the first, with a finding) are compared where they can be.
func fuzzCompareWithEncodingJSON(t *testing.T, file *source.File, res Result) {
	t.Helper()
	if file.Control {
		return // not parsed: reported by source.Decode
	}
	lone := false // a lone surrogate escape: accepted as U+FFFD, with a finding
	for _, f := range res.Findings {
		if f.Rule == RuleLimit || f.Rule == RuleDuplicateKey {
			return
		}
		lone = lone || f.Rule == source.RuleEncoding
	}
	dec := json.NewDecoder(strings.NewReader(file.Text))
	dec.UseNumber()
	var want any
	err := dec.Decode(&want)
	if err == nil {
		// encoding/json reads one value; trailing data is a second Decode.
		var extra any
		if dec.Decode(&extra) != io.EOF {
			err = errors.New("trailing data")
		}
	}
	parsed := len(res.Findings) == 0 || (lone && res.State == Read && onlyRule(res.Findings, source.RuleEncoding))
	if strings.TrimSpace(file.Text) == "" {
		return // empty: a finding of its own; encoding/json says EOF
	}
	if parsed != (err == nil) {
		t.Fatalf("verdicts differ on %q: parser findings %v, encoding/json error %v", file.Text, res.Findings, err)
	}
	if parsed && !reflect.DeepEqual(res.Value, want) {
		t.Fatalf("values differ on %q:\nparser:        %#v\nencoding/json: %#v", file.Text, res.Value, want)
	}
}

func onlyRule(fs []finding.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule != rule {
			return false
		}
	}
	return true
}

// fuzzCheckRawFindings checks the findings of bytes that could not be decoded:
// there is no text to bound the lines by, only signs.
func fuzzCheckRawFindings(t *testing.T, fs []finding.Finding) {
	t.Helper()
	if len(fs) == 0 {
		t.Fatalf("source.Decode returned no file and no finding")
	}
	for _, f := range fs {
		if f.Line < 0 || f.Column < 0 {
			t.Errorf("finding with a negative position: %v", f)
		}
	}
}

func fuzzCheckResult(t *testing.T, file *source.File, decodeFindings []finding.Finding, res Result) {
	t.Helper()
	lines := file.Lines()
	for _, fs := range [][]finding.Finding{decodeFindings, res.Findings} {
		for _, f := range fs {
			fuzzCheckLocation(t, "finding", f.Location, lines, f)
			for _, r := range f.Related {
				fuzzCheckLocation(t, "related location", r.Location, lines, f)
			}
		}
	}
	if res.Map == nil {
		t.Errorf("nil source map")
	}
	for ptr, s := range res.Map {
		if s == nil {
			t.Errorf("source map: %q has a nil span", ptr)
			continue
		}
		if s.Line < 1 || s.Line > lines {
			t.Errorf("source map: %q at line %d, the text has %d lines", ptr, s.Line, lines)
		}
		if s.KeyLine < 0 || s.KeyLine > lines {
			t.Errorf("source map: %q has its key at line %d, the text has %d lines", ptr, s.KeyLine, lines)
		}
		if s.EndLine < s.Line || s.EndLine > lines {
			t.Errorf("source map: %q ends at line %d (starts at %d), the text has %d lines", ptr, s.EndLine, s.Line, lines)
		}
		if s.Col < 0 || s.KeyCol < 0 {
			t.Errorf("source map: %q has a negative column: %+v", ptr, *s)
		}
	}
	if res.Value != nil {
		if _, err := json.Marshal(res.Value); err != nil {
			t.Errorf("value is not JSON-shaped: %v\nvalue: %#v", err, res.Value)
		}
	}
}

func fuzzCheckLocation(t *testing.T, what string, loc finding.Location, lines int, f finding.Finding) {
	t.Helper()
	if loc.Line < 0 || loc.Column < 0 {
		t.Errorf("%s with a negative position %d:%d: %v", what, loc.Line, loc.Column, f)
	}
	if loc.Line > lines {
		t.Errorf("%s at line %d, the text has %d lines: %v", what, loc.Line, lines, f)
	}
}
