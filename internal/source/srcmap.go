package source

import (
	"strings"
	"unicode/utf8"
)

// Span is where a value came from. Line and Col locate the value itself;
// KeyLine and KeyCol its key when it has one (an object member), which is
// where "unknown field" and "duplicate key" findings point. EndLine is the
// last line the value's text may occupy, and More lists further lines that
// belong to it out of order (a table row continued after a page break in the
// document form): together they bound the search of Locate. EndCol, when
// set, is the column just after the value on EndLine: on a line that holds
// more than this value (minified JSON is one line), the search stops there.
type Span struct {
	Line, Col       int
	KeyLine, KeyCol int
	EndLine         int
	EndCol          int
	More            []int
}

// Map maps JSON pointers ("/governance/questions/ministry/answer") to spans.
// Every form fills one, so rules and the schema validator find positions the
// same way whether the file was YAML, JSON or the document itself.
type Map map[string]*Span

// Set records the span of a pointer.
func (m Map) Set(ptr string, s Span) {
	if s.EndLine < s.Line {
		s.EndLine = s.Line
	}
	m[ptr] = &s
}

// Find returns the span of ptr, or of its nearest ancestor that has one (a
// missing property points at the object that lacks it), and the pointer that
// was found.
func (m Map) Find(ptr string) (*Span, string) {
	for {
		if s, ok := m[ptr]; ok {
			return s, ptr
		}
		if ptr == "" {
			return nil, ""
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return nil, ""
		}
		ptr = ptr[:i]
	}
}

// At returns the position to report for ptr: the key of the member when key
// is true and the value has a key, the value otherwise; the nearest ancestor
// when ptr itself is absent. Zero when nothing is known.
func (m Map) At(ptr string, key bool) (line, col int) {
	s, found := m.Find(ptr)
	if s == nil {
		return 0, 0
	}
	if (key || found != ptr) && s.KeyLine > 0 {
		return s.KeyLine, s.KeyCol
	}
	return s.Line, s.Col
}

// Locate finds where snippet appears in the source text of the value at ptr,
// so a finding about one sentence of a long comment points at that sentence's
// line rather than at the start of the comment. It falls back to the value's
// own position.
func (m Map) Locate(f *File, ptr, snippet string) (line, col int) {
	if line, col, ok := m.Search(f, ptr, snippet); ok {
		return line, col
	}
	return m.At(ptr, false)
}

// Search looks for snippet in the lines of the value at ptr: the whole
// snippet first, then shorter prefixes (the text may be wrapped or marked up
// differently in the source). ok is false when it is not found.
func (m Map) Search(f *File, ptr, snippet string) (line, col int, ok bool) {
	s, _ := m.Find(ptr)
	if s == nil || f == nil || strings.TrimSpace(snippet) == "" {
		return 0, 0, false
	}
	lines := make([]int, 0, s.EndLine-s.Line+1+len(s.More))
	for l := s.Line; l <= s.EndLine; l++ {
		lines = append(lines, l)
	}
	lines = append(lines, s.More...)
	for _, probe := range probes(snippet) {
		for _, l := range lines {
			if l < 1 || l > f.Lines() {
				continue
			}
			start, end := f.Offset(l, 1), f.Offset(l+1, 1)
			if l < f.Lines() {
				end-- // the line end
			}
			from := start
			if l == s.Line {
				from = f.Offset(l, s.Col)
			}
			if l == s.EndLine && s.EndCol > 0 {
				end = max(from, f.Offset(l, s.EndCol))
			}
			if i := strings.Index(f.Text[from:end], probe); i >= 0 {
				_, col := f.Position(from + i)
				return l, col, true
			}
		}
	}
	return 0, 0, false
}

// maxProbe bounds the length of what Search looks for: the first words of
// a long sentence find it as well as the whole, and a search costs the
// length of the value rather than that times the length of the sentence.
const maxProbe = 160

// probes returns the snippet (its first maxProbe bytes, cut at a word
// boundary) and shorter word-boundary prefixes of it, down to about 12
// characters.
func probes(snippet string) []string {
	snippet = strings.TrimSpace(snippet)
	if len(snippet) > maxProbe {
		cut := strings.LastIndexByte(snippet[:maxProbe], ' ')
		if cut < 12 {
			cut = maxProbe
			for cut > 0 && !utf8.RuneStart(snippet[cut]) {
				cut--
			}
		}
		snippet = snippet[:cut]
	}
	out := []string{snippet}
	for len(snippet) > 24 {
		cut := strings.LastIndexByte(snippet[:len(snippet)/2+1], ' ')
		if cut < 12 {
			break
		}
		snippet = snippet[:cut]
		out = append(out, snippet)
	}
	return out
}

// Escape escapes one JSON pointer reference token (RFC 6901).
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

// Unescape reverses Escape.
func Unescape(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}

// SearchFrom looks for snippet, whole, in the lines of the value at ptr,
// at or after byte offset from of the text, and returns where it starts.
// Locating the successive references of one long text, each from just
// after the one before, costs the text once in all rather than once per
// reference (10 000 footnotes cited in one comment).
func (m Map) SearchFrom(f *File, ptr, snippet string, from int) (line, col, off int, ok bool) {
	s, _ := m.Find(ptr)
	if s == nil || f == nil || snippet == "" {
		return 0, 0, 0, false
	}
	try := func(l int) bool {
		if l < 1 || l > f.Lines() {
			return false
		}
		start, end := f.Offset(l, 1), f.Offset(l+1, 1)
		if l < f.Lines() {
			end--
		}
		if l == s.Line {
			start = f.Offset(l, s.Col)
		}
		if l == s.EndLine && s.EndCol > 0 {
			end = max(start, f.Offset(l, s.EndCol))
		}
		start = max(start, from)
		if start >= end {
			return false
		}
		if i := strings.Index(f.Text[start:end], snippet); i >= 0 {
			off = start + i
			line, col = f.Position(off)
			return true
		}
		return false
	}
	first := s.Line
	if from > 0 {
		first = max(first, f.lineOf(min(from, len(f.Text)))+1)
	}
	for l := first; l <= s.EndLine; l++ {
		if try(l) {
			return line, col, off, true
		}
	}
	for _, l := range s.More {
		if try(l) {
			return line, col, off, true
		}
	}
	return 0, 0, 0, false
}
