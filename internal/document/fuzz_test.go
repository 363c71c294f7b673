package document_test

// Fuzz targets for the document form (an external test package: the round
// trip goes through load, which imports this package).
//
// FuzzImport takes arbitrary bytes through source.Decode and Import and
// checks: no panic, it returns (the fuzzer's timeout catches hangs); every
// finding (and related location) has Line >= 0, Column >= 0 and, when Line
// > 0, Line <= File.Lines(); every span of the source map has its Line, its
// KeyLine (when set), its EndLine and its More lines within the file; the
// value, when there is one, is JSON-shaped (json.Marshal succeeds).
//
// FuzzRoundTrip takes the inputs that load as a valid factsheet document
// (load.Bytes with Form: load.Document gives a model and no error finding)
// and checks that rendering is stable: md1 := Render(model), md1 is
// imported again, and Render of that second model gives md1 byte for byte
// (md -> model -> md -> model -> md). It also checks that md1 itself loads
// without error findings: a valid factsheet must render into a valid
// document.
//
// Seeds (deterministic): the shipped Belgian factsheet
// testdata/factsheets/BE.txt read at test time, and variants made from it:
// CRLF line ends, UTF-16LE with BOM, one table row removed, truncated to its
// first half, and its canonical rendering; plus the small documents below.
//
// Run one target at a time:
//
//	go test -run='^$' -fuzz='^FuzzImport$' -fuzztime=90s ./internal/document/
//	go test -run='^$' -fuzz='^FuzzRoundTrip$' -fuzztime=90s ./internal/document/
//
// A plain `go test ./internal/document/` runs the seeds and any failing
// inputs saved under testdata/fuzz/.
//
// The BE seeds are large (25 KB): with the default -fuzzminimizetime (60s)
// the minimisation of each new interesting input can take most of a short
// run (long stretches of "0/sec"); add -fuzzminimizetime=3s for more execs.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/source"
)

var fuzzDocumentSeeds = []string{
	"",
	"\n\n",
	"just some text\n",
	"# POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN BELGIUM\n",
	"## 1 DEFINITIONS\n\nTable 1 : Deviations in the use of international definitions for eHealth terms - Belgium\n\nTerm\tDefinition\tDeviation\neHealth\tdef <sup>1</sup>\tdev\n\n<sup>1</sup> a source\n",
	"## 9 NOT A CHAPTER\n\nTable 99 : nothing\n\na\tb\tc\n",
	"a\tb\tc\n",
	"Table 2 : x - Belgium\n\n\t\tcontinued\n- bullet\n### Further information:\n- item\n",
	"This country factsheet was originally **pre-filled in** with publicly available information by\n\n- Name, Role, Org, Belgium\n",
	"<sup>1</sup> footnote\ncontinued  \n<sup>2</sup>\n",
	"Table 5 : Cancer specific eHealth solutions - Atlantis\n\nArea\tx\ty\n<b>Prevention</b>\ta\n",
}

func fuzzReadBE(f *testing.F) []byte {
	f.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.txt"))
	if err != nil {
		f.Fatalf("seed corpus: %v", err)
	}
	return b
}

// fuzzBEVariants returns BE.txt and the variants made from it, in a fixed order.
func fuzzBEVariants(f *testing.F) [][]byte {
	be := fuzzReadBE(f)
	text := string(be)
	lines := strings.SplitAfter(text, "\n")

	crlf := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")

	u := utf16.Encode([]rune(text))
	utf16le := []byte{0xFF, 0xFE}
	for _, c := range u {
		utf16le = append(utf16le, byte(c), byte(c>>8))
	}

	// Remove the middle one of the table rows (lines with a tab).
	var rowIdx []int
	for i, l := range lines {
		if strings.Contains(l, "\t") {
			rowIdx = append(rowIdx, i)
		}
	}
	var withoutRow string
	if len(rowIdx) > 0 {
		drop := rowIdx[len(rowIdx)/2]
		withoutRow = strings.Join(lines[:drop], "") + strings.Join(lines[drop+1:], "")
	}

	truncated := strings.Join(lines[:len(lines)/2], "")

	out := [][]byte{be, []byte(crlf), utf16le, []byte(withoutRow), []byte(truncated),
		// As other editors and converters save it.
		[]byte(strings.ReplaceAll(string(be), "\t", "    ")), []byte(expandTabs(string(be), 8, true)),
		[]byte(strings.ReplaceAll(string(be), " ", "\u00a0")), []byte(stripTrailing(string(be)))}
	if md, err := os.ReadFile(filepath.Join(factsheets, "variants", "BE-pandoc.gfm.md")); err == nil {
		out = append(out, md)
	}
	res := load.Bytes("BE.txt", be, load.Options{Form: load.Document})
	if res.Model != nil {
		out = append(out, document.Render(res.Model))
	}
	return out
}

func fuzzAddSeeds(f *testing.F) {
	for _, s := range fuzzDocumentSeeds {
		f.Add([]byte(s))
	}
	for _, b := range fuzzBEVariants(f) {
		f.Add(b)
	}
}

func FuzzImport(f *testing.F) {
	fuzzAddSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		file, fs := source.Decode("x.md", raw)
		if file == nil {
			for _, x := range fs {
				if x.Line < 0 || x.Column < 0 {
					t.Errorf("finding with a negative position: %v", x)
				}
			}
			return
		}
		res := document.Import(file)
		fuzzCheckResult(t, file, append(fs, res.Findings...), res)
	})
}

func FuzzRoundTrip(f *testing.F) {
	fuzzAddSeeds(f)
	opts := load.Options{Form: load.Document}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res := load.Bytes("x.md", raw, opts)
		if res.Model == nil || res.HasErrors() {
			return
		}
		md1 := document.Render(res.Model)
		res2 := load.Bytes("rendered.md", md1, opts)
		if res2.Model == nil {
			t.Fatalf("the rendering of a valid factsheet does not import at all: %v\nrendered:\n%s", res2.Findings, md1)
		}
		if res2.HasErrors() {
			var errs []string
			for _, x := range res2.Findings {
				if x.Severity == finding.Error {
					errs = append(errs, x.String())
				}
			}
			t.Errorf("the rendering of a valid factsheet has error findings:\n%s", strings.Join(errs, "\n"))
		}
		md2 := document.Render(res2.Model)
		if !bytes.Equal(md1, md2) {
			t.Errorf("rendering is not stable (md -> model -> md -> model -> md):\n%s", fuzzFirstDiff(md1, md2))
		}
	})
}

// fuzzFirstDiff describes the first line where a and b differ.
func fuzzFirstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y || i >= len(la) || i >= len(lb) {
			return fmt.Sprintf("line %d:\n first render:  %q\n second render: %q", i+1, x, y)
		}
	}
	return "(no line differs)"
}

func fuzzCheckResult(t *testing.T, file *source.File, fs []finding.Finding, res decode.Result) {
	t.Helper()
	lines := file.Lines()
	for _, f := range fs {
		fuzzCheckLocation(t, "finding", f.Location, lines, f)
		for _, r := range f.Related {
			fuzzCheckLocation(t, "related location", r.Location, lines, f)
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
		for _, l := range s.More {
			if l < 1 || l > lines {
				t.Errorf("source map: %q continues on line %d, the text has %d lines", ptr, l, lines)
			}
		}
		if s.Col < 0 || s.KeyCol < 0 {
			t.Errorf("source map: %q has a negative column: %+v", ptr, *s)
		}
	}
	if res.Value != nil {
		if _, err := json.Marshal(res.Value); err != nil {
			t.Errorf("value is not JSON-shaped: %v", err)
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
