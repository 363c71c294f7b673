package overview

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds arbitrary factsheet text to the text functions every
// format uses: none panics, the category is one of the six, the display
// text holds no control character, the Markdown escape leaves nothing that
// starts markup, and a CSV field never starts a formula.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Yes", "Yes, some [^3]", "No deviation from definition.", "-", "N/A",
		"*‘By mobile medical application’*\n\n- one [^1]\n- two",
		"[x](javascript:alert(1)) <script>alert(1)</script> &amp;",
		"# heading\n1. item\n> quote\n+ plus\n=SUM(A1)", "`code` _emph_ ~~gone~~ | cell |",
		"a\x00b\u202e\r\nc", "\\[^1] [^a] [^", "[foo]: https://example.org",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the reader refuses invalid UTF-8 before any of this
		}
		known := false
		for _, c := range Categories {
			known = known || Categorize(s) == c
		}
		if !known {
			t.Fatalf("Categorize(%q) = %q", s, Categorize(s))
		}
		d := Display(s, func(l string) string { return l })
		for _, r := range d {
			if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || isBidi(r)) {
				t.Fatalf("Display(%q) = %q holds %U", s, d, r)
			}
		}
		for _, in := range []string{s, d} {
			if bad := unescapedMarkup(mdText(in)); bad != "" {
				t.Fatalf("mdText(%q) = %q: %s", in, mdText(in), bad)
			}
		}
		if c := CSVSafe(s); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Fatalf("CSVSafe(%q) = %q", s, c)
		}
	})
}

// unescapedMarkup says what in escaped Markdown could still start markup.
func unescapedMarkup(md string) string {
	rs := []rune(md)
	lineStart := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' {
			i++ // an escaped character
			lineStart = false
			continue
		}
		switch {
		case r == '<' || r == '>':
			return "a raw " + string(r)
		case strings.ContainsRune("`*|~", r):
			return "an unescaped " + string(r)
		case r == ']' && i+1 < len(rs) && (rs[i+1] == '(' || rs[i+1] == '['):
			return "an unescaped link"
		case lineStart && strings.ContainsRune("#+-=[", r):
			return "a line starting with " + string(r)
		}
		switch {
		case r == '\n':
			lineStart = true
		case lineStart && (r == ' ' || r == '\t'):
		default:
			lineStart = false
		}
	}
	return ""
}
