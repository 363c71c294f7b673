package richtext

// Fuzz targets for the cell converters.
//
// FuzzCellRoundTrip takes a document cell (inline HTML), converts it to
// Markdown and back, and checks:
//
//   - no panic;
//   - the importer/renderer fixpoint: with md := FromHTML(cell) and
//     back := ToHTML(md), FromHTML(back) == md (rendering what was imported
//     and importing it again gives the same Markdown);
//   - back holds no tab and no line end ("\n", or "\r", which source.Decode
//     also reads as a line end): a cell is one field of one tab-separated
//     line.
//
// The input is first made into something that can be a cell of a decoded
// document line: valid UTF-8 (source.Decode refuses anything else), tabs and
// line ends replaced by spaces (the importer splits the line on tabs, and a
// line has no line end), surrounding space trimmed (the importer trims
// cells). Everything else, control characters included, is kept.
//
// FuzzToHTML takes arbitrary Markdown, as it comes from a YAML or JSON file
// (any valid UTF-8: YAML and JSON escapes can put "\r" or a tab in a
// string), and checks that ToHTML writes one line: no "\n" and no "\r".
// Tabs are not checked there: document.Render replaces them in every cell
// (it is the only place that knows the text is going into a table).
//
// FuzzMarkdownRoundTrip takes arbitrary Markdown, as a YAML or JSON text
// may hold it, writes it into a cell and reads it back, and checks that
// the reading keeps what the text means and is final:
//
//   - the footnote references are the same, in the same order (a <sup>3</sup>
//     written in Markdown used to come back as a reference);
//   - with md1 := FromHTML(ToHTML(md)), FromHTML(ToHTML(md1)) == md1: one
//     round trip reaches the form every later one keeps (md1 == md for the
//     Markdown the reader writes: FuzzCellRoundTrip; and for the forms
//     TestMarkdownRoundTripsExactly pins down).
//
// Seeds: every cell of the shipped Belgian factsheet,
// testdata/factsheets/BE.txt (its lines split on tabs at test time), plus
// the hand-written cells and Markdown below.
//
// Run one target at a time:
//
//	go test -run='^$' -fuzz='^FuzzCellRoundTrip$' -fuzztime=90s ./internal/richtext/
//	go test -run='^$' -fuzz='^FuzzToHTML$' -fuzztime=90s ./internal/richtext/
//
// A plain `go test ./internal/richtext/` runs the seeds and any failing
// inputs saved under testdata/fuzz/.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzCellSeeds = []string{
	"",
	"Yes",
	"plain text with \\*escapes\\* and &amp; entities",
	"<i>italic</i> and <b>bold</b> and <em>em</em> <strong>strong</strong>",
	"<b> spaced </b>x<i></i>",
	"<b><i>both</i></b>",
	"<i>a <i>nested</i> b</i>",
	"a<br>b<br/>c",
	"first <p>second</p><p>third</p>",
	`intro <ul style="list-style-type: none"> <li>• one</li> <li>• two <ul style="list-style-type: none"> <li>• sub</li> </ul></li> </ul> <p>after</p>`,
	"<li>• stray item</li>",
	"<ul><li>a</li></ul><ul><li>b</li></ul>",
	"<sup>1</sup> <sup>a.b-c_2</sup> <sup>not a label</sup> <sup><b>1</b></sup> <sup/> <sup>open",
	`<a href="https://example.org/x">https://example.org/x</a>`,
	`<a href="https://example.org/x">text</a> <a href="mailto:a@b.c">mailto:a@b.c</a>`,
	`<a href="https://example.org/a b">spaced url</a> <a href="u">[br]</a> <a name="x">anchor</a> <a href="u" title="t">t</a>`,
	`<a href="u">unclosed`,
	"</a></b></i></p></ul></li>",
	"<span class=\"x\">kept</span> <!-- comment --> <!DOCTYPE html>",
	"*already markdown* **bold** [^1] [t](u) <https://x.org>",
	"• bullet char",
	"a < b > c & d",
	"\x01\x02 control",
}

var fuzzMarkdownSeeds = []string{
	"",
	"one line",
	"line one\nline two",
	"para one\n\npara two",
	"- a\n- b\n  - sub\n    continued\n- c",
	"text\n- not a list start\n\n- list",
	"*i* **b** ***bi*** [^1] [text](https://x.org/(a)) <https://x.org>",
	"a\tb",
	"\\[^1] \\*x\\*",
	"[a\nb](u)",
	"*a\nb*",
	"-\n- \n-  x",
}

// fuzzBECells returns every cell of BE.txt, in file order, each once.
func fuzzBECells(f *testing.F) []string {
	f.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.txt"))
	if err != nil {
		f.Fatalf("seed corpus: %v", err)
	}
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if !strings.Contains(line, "\t") {
			continue
		}
		for _, c := range strings.Split(line, "\t") {
			c = strings.TrimSpace(c)
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// fuzzAsCell makes s something the document importer can hand to FromHTML:
// valid UTF-8 (the reader refuses anything else), one line (tabs and line
// ends separate cells and rows), and no NUL (the reader refuses binary).
func fuzzAsCell(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return ' '
		case 0:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func FuzzCellRoundTrip(f *testing.F) {
	for _, c := range fuzzCellSeeds {
		f.Add(c)
	}
	for _, c := range fuzzBECells(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cell := fuzzAsCell(s)
		md := FromHTML(cell)
		back := ToHTML(md)
		if strings.ContainsAny(back, "\t\n\r") {
			t.Errorf("ToHTML wrote a tab or a line end into a cell\ncell: %q\nmd:   %q\nhtml: %q", cell, md, back)
		}
		if again := FromHTML(back); again != md {
			t.Errorf("not a fixpoint\ncell:               %q\nFromHTML(cell):     %q\nToHTML(md):         %q\nFromHTML(ToHTML()): %q", cell, md, back, again)
		}
	})
}

func FuzzMarkdownRoundTrip(f *testing.F) {
	for _, s := range fuzzMarkdownSeeds {
		f.Add(s)
	}
	for _, s := range []string{"See <sup>3</sup> above", "x<sup>99</sup>", "a\n- b", "- a\nb", "a<sup><!---->3</sup>"} {
		f.Add(s)
	}
	for _, c := range fuzzBECells(f) {
		f.Add(FromHTML(c))
	}
	f.Fuzz(func(t *testing.T, md string) {
		if !utf8.ValidString(md) {
			md = strings.ToValidUTF8(md, "\uFFFD")
		}
		cell := ToHTML(md)
		md1 := FromHTML(cell)
		if a, b := refLabels(md), refLabels(md1); a != b {
			t.Errorf("footnote references changed\nmd:   %q\ncell: %q\nmd1:  %q\nrefs %s -> %s", md, cell, md1, a, b)
		}
		if md2 := FromHTML(ToHTML(md1)); md2 != md1 {
			t.Errorf("a second round trip changes the text again\nmd:  %q\nmd1: %q\nmd2: %q", md, md1, md2)
		}
	})
}

func refLabels(md string) string {
	var out []string
	for _, r := range Refs(md) {
		out = append(out, r.Label)
	}
	return strings.Join(out, ",")
}

func FuzzToHTML(f *testing.F) {
	for _, s := range fuzzMarkdownSeeds {
		f.Add(s)
	}
	for _, c := range fuzzBECells(f) {
		f.Add(FromHTML(c))
	}
	f.Fuzz(func(t *testing.T, md string) {
		if !utf8.ValidString(md) {
			md = strings.ToValidUTF8(md, "\uFFFD")
		}
		if html := ToHTML(md); strings.ContainsAny(html, "\n\r") {
			t.Errorf("ToHTML wrote a line end\nmd:   %q\nhtml: %q", md, html)
		}
	})
}
