package lint

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
)

// Rule IDs of the whitespace rules.
const (
	RuleUnicodeSpace       = rules.TextUnicodeSpace
	RuleTrailingWhitespace = rules.TextTrailingWhitespace
)

var (
	unicodeSpace       = rule(RuleUnicodeSpace)
	trailingWhitespace = rule(RuleTrailingWhitespace)
)

// Span is a stretch of a file's text (byte offsets of its decoded text)
// and what it should be: what the whitespace rules report, and what lint
// --fix writes in its place.
type Span struct {
	Start, End int
	New        string
}

func checkWhitespace(c *Context) {
	if c.file == nil || c.form == load.Word {
		return // a Word document's text is its layout, made by the tool
	}
	res := &load.Result{File: c.file, Form: c.form, Map: c.m}
	lastLine := 0
	for _, s := range StraySpaces(res) {
		r, _ := utf8.DecodeRuneInString(c.file.Text[s.Start:])
		line, col := c.file.Position(s.Start)
		if line == lastLine {
			continue
		}
		lastLine = line
		c.reportAbout(unicodeSpace, finding.Location{File: c.name, Line: line, Column: col}, around(c.file.Text, s.Start),
			fmt.Sprintf("%s (%U) in the text, where an ordinary space belongs", spaceName(r), r), "type an ordinary space (factsheet lint --fix does)")
	}
	for _, s := range TrailingWhitespace(res) {
		line, col := c.file.Position(s.Start)
		c.reportAbout(trailingWhitespace, finding.Location{File: c.name, Line: line, Column: col}, strings.TrimSpace(c.file.Line(line)),
			fmt.Sprintf("%s at the end of the line", blanks(utf8.RuneCountInString(c.file.Text[s.Start:s.End]))), "delete it (factsheet lint --fix does)")
	}
}

func blanks(n int) string {
	if n == 1 {
		return "1 blank"
	}
	return fmt.Sprintf("%d blanks", n)
}

// around is the words either side of an offset: what a finding about a
// character there is about, whatever line it moves to.
func around(text string, off int) string {
	from, to := max(off-24, 0), min(off+24, len(text))
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	s := text[from:to]
	if i := strings.LastIndexByte(s[:off-from], '\n'); i >= 0 {
		s, off = s[i+1:], off-from-i-1
	} else {
		off -= from
	}
	if i := strings.IndexByte(s[off:], '\n'); i >= 0 {
		s = s[:off+i]
	}
	return strings.Join(strings.Fields(richtext.FoldSpaces(s)), " ")
}

func spaceName(r rune) string {
	switch r {
	case 0xA0:
		return "a no-break space"
	case 0x202F:
		return "a narrow no-break space"
	case 0x2009:
		return "a thin space"
	case 0x200B:
		return "a zero-width space"
	case 0x2060:
		return "a word joiner"
	case 0xFEFF:
		return "a zero-width no-break space (a byte order mark inside the text)"
	}
	return "a Unicode space"
}

// strayRepl is what a stray space becomes: an ordinary space, or nothing
// for the characters that take no room.
func strayRepl(r rune) (string, bool) {
	switch {
	case r == 0x200B || r == 0x2060 || r == 0xFEFF:
		return "", true
	case r != ' ' && richtext.IsSpace(r):
		return " ", true
	}
	return "", false
}

// needed reports whether the space r at text[i:j] is typography that needs
// it: a no-break space before ; : ! ? % » or after «, or between digits.
func needed(text string, i, j int, r rune) bool {
	if r != 0xA0 && r != 0x202F && r != 0x2009 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[j:])
	switch {
	case strings.ContainsRune(";:!?%»", after), before == '«':
		return true
	case unicode.IsDigit(before) && unicode.IsDigit(after):
		return true
	}
	return false
}

// StraySpaces lists the Unicode spaces of a file's text that an ordinary
// space should replace (or that should go, when they take no room).
func StraySpaces(res *load.Result) []Span { return straySpans(res.File.Text) }

// FixSpaces is StraySpaces applied to one string: what a value reads as
// once its stray spaces are fixed.
func FixSpaces(s string) string {
	spans := straySpans(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString(sp.New)
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// straySpans is the one scan both share: the stray spaces of a text, in
// order.
func straySpans(text string) []Span {
	var out []Span
	for i, r := range text {
		if r < 0x80 {
			continue
		}
		repl, ok := strayRepl(r)
		j := i + utf8.RuneLen(r)
		if ok && !needed(text, i, j, r) {
			out = append(out, Span{i, j, repl})
		}
	}
	return out
}

// TrailingWhitespace lists the blanks at the ends of lines that the layout
// does not need (see the rule): every one in JSON (no string holds a line
// end); in YAML those outside block scalars; in the document the spaces
// (not tabs: cell separators) at the end of a line, unless two or more
// end a line that the next one continues (a Markdown line break).
func TrailingWhitespace(res *load.Result) []Span {
	f := res.File
	verbatim := map[int]bool{}
	if res.Form == load.YAML {
		verbatim = blockScalarLines(f, res.Map)
	}
	var out []Span
	for n := 1; n <= f.Lines(); n++ {
		line := f.Line(n)
		trim := strings.TrimRight(line, " \t")
		if res.Form == load.Document {
			trim = strings.TrimRight(line, " ")
		}
		if len(trim) == len(line) || verbatim[n] {
			continue
		}
		if res.Form == load.Document && len(line)-len(trim) >= 2 && trim != "" && !strings.Contains(line, "\t") &&
			n < f.Lines() && strings.TrimSpace(f.Line(n+1)) != "" {
			continue // a Markdown line break
		}
		start := f.Offset(n, 1)
		out = append(out, Span{start + len(trim), start + len(line), ""})
	}
	return out
}

// blockScalarLines marks the lines of YAML block scalars (| and >): their
// trailing blanks are part of the text.
func blockScalarLines(f *source.File, m source.Map) map[int]bool {
	// Most values start near the start of their line ("key: |-"): walking
	// the line to the column costs less than File.Offset, which counts
	// characters from the last block mark (7% of a YAML lint).
	out := map[int]bool{}
	for _, s := range m {
		if s.Line < 1 || s.Line > f.Lines() {
			continue
		}
		var c byte
		if s.Col <= 128 {
			c = charAt(f.Line(s.Line), s.Col)
		} else if off := f.Offset(s.Line, s.Col); off < len(f.Text) {
			c = f.Text[off] // far along a line (a flow list): bounded by the block marks
		}
		if c == '|' || c == '>' {
			for l := s.Line + 1; l <= s.EndLine; l++ {
				out[l] = true
			}
		}
	}
	return out
}

// charAt is the first byte of the character at column col (from 1) of
// line, or 0 past its end.
func charAt(line string, col int) byte {
	i := 0
	for n := 1; n < col && i < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	if i >= len(line) {
		return 0
	}
	return line[i]
}
