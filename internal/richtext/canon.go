package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Editors save the same words in different code points: Word and French
// typing put a no-break space before a colon ("Table 1 : "), autocorrect
// inserts narrow no-break spaces, macOS file names and some converters
// write "é" decomposed (e + U+0301). A reader sees no difference, so the
// tool compares texts in a canonical form, while the stored text keeps
// what the author wrote.

// IsSpace reports whether r is a space separator (Unicode category Zs: the
// ASCII space, no-break space U+00A0, narrow no-break space U+202F, thin
// space U+2009, the other U+2000-U+200A spaces, U+205F, U+3000, U+1680).
// Tabs and line ends are not spaces here: they are the layout's separators.
func IsSpace(r rune) bool {
	return r == ' ' || r >= 0x80 && unicode.Is(unicode.Zs, r)
}

// FoldSpaces replaces every space separator by an ASCII space, one rune for
// one rune, so that character columns are the same in the result as in s.
// The layout's landmarks ("Table 1 : ", "## 1 DEFINITIONS") are recognised
// in the folded line.
func FoldSpaces(s string) string {
	i := firstNonASCIISpace(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if IsSpace(r) {
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstNonASCIISpace is the byte offset of the first space separator other
// than the ASCII space, or -1.
func firstNonASCIISpace(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && IsSpace(r) {
			return i
		}
		i += size - 1
	}
	return -1
}

// Canonical is the form in which texts are compared: Unicode NFC, every
// space separator an ASCII space. Texts equal in this form read the same.
// ASCII text is returned as it is, without allocating.
func Canonical(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return FoldSpaces(norm.NFC.String(s))
}

// RuneOffset returns the byte offset in s of the rune at the same position
// as byte offset off of folded, where folded is FoldSpaces(s) (or any
// string with the same runes as s before off). It maps a position found in
// a folded line back to the text as written.
func RuneOffset(s, folded string, off int) int {
	n := utf8.RuneCountInString(folded[:off])
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// Folded is a text with its spaces folded (FoldSpaces), and the way back
// from a byte offset in the folded text to the text as written: rules read
// the folded text ("as of" with a no-break space is "as of") and quote the
// text as written, which is what the source holds.
type Folded struct {
	Text string // FoldSpaces of the original
	orig string
	at   []int // byte offset in orig of each byte offset of Text; nil when equal
}

// Fold folds s once, building the offset map only when s has spaces to
// fold.
func Fold(s string) Folded {
	f := FoldSpaces(s)
	if len(f) == len(s) {
		return Folded{Text: s, orig: s}
	}
	at := make([]int, 0, len(f)+1)
	j := 0
	for _, r := range s {
		size := utf8.RuneLen(r)
		n := size
		if IsSpace(r) {
			n = 1
		}
		for k := 0; k < n; k++ {
			at = append(at, j)
		}
		j += size
	}
	at = append(at, j)
	return Folded{Text: f, orig: s, at: at}
}

// Orig is the original text of the folded text's bytes [start, end).
func (f Folded) Orig(start, end int) string {
	if f.at == nil {
		return f.orig[start:end]
	}
	return f.orig[f.at[start]:f.at[end]]
}

// inertEscapes are the ASCII punctuation characters whose backslash escape
// changes nothing in the Markdown subset: "\(" reads as "(" (converters
// escape them, and the published document escapes some). The escapes that
// matter are kept: \\ \* \[ \] (emphasis, links, references), \< \>
// (autolinks, inline HTML), \- (a list item at a line's start) and \`.
const inertEscapes = "!\"#$%&'()+,./:;=?@^_{|}~"

// CanonicalMarkdown is Canonical, with the inert backslash escapes of
// Markdown text removed: the form in which two rich texts that read the
// same compare equal.
func CanonicalMarkdown(md string) string {
	md = Canonical(md)
	if !strings.Contains(md, `\`) {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	for i := 0; i < len(md); i++ {
		if md[i] == '\\' && i+1 < len(md) {
			if strings.IndexByte(inertEscapes, md[i+1]) >= 0 {
				continue // the escaped character follows, kept
			}
			b.WriteByte(md[i])
			i++
		}
		b.WriteByte(md[i])
	}
	return b.String()
}
