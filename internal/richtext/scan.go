package richtext

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link is a link in Markdown text: an inline link [text](url) or an
// autolink <url>. Links are found tolerantly (a destination with spaces or
// an unclosed parenthesis is still a link, marked Malformed) because the
// point is to report broken links, not to render them.
type Link struct {
	Text       string
	URL        string
	Start, End int  // byte offsets of the whole link in the text
	Autolink   bool // <url>
	Unclosed   bool // "](" without its closing parenthesis on the line
}

// Links lists the links of Markdown text in order.
func Links(md string) []Link {
	var out []Link
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '\\':
			i++
		case '<':
			if url, n, ok := autolink(md[i:]); ok {
				out = append(out, Link{Text: url, URL: url, Start: i, End: i + n, Autolink: true})
				i += n - 1
			}
		case '[':
			if n, ok := footnoteRef(md[i:]); ok {
				i += n - 1
				continue
			}
			if l, ok := looseLink(md, i); ok {
				out = append(out, l)
				i = l.End - 1
			}
		}
	}
	return out
}

// looseLink matches [text](dest) at md[i], where dest may hold spaces and
// balanced parentheses, up to the end of the line.
func looseLink(md string, i int) (Link, bool) {
	// As for link: "](" must be within reach on the line, and the text is
	// bounded, so trying every "[" of a text stays linear.
	end := min(len(md), i+maxLinkText+1)
	if nl := strings.IndexByte(md[i:end], '\n'); nl >= 0 {
		end = i + nl
	}
	if !strings.Contains(md[i:end], "](") {
		return Link{}, false
	}
	depth, j := 0, i
	for ; j < end; j++ {
		c := md[j]
		if c == '\\' {
			j++
			continue
		}
		if c == '\n' {
			return Link{}, false
		}
		if c == '[' {
			depth++
		} else if c == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j >= end || j+1 >= len(md) || md[j] != ']' || md[j+1] != '(' {
		return Link{}, false
	}
	text := md[i+1 : j]
	k, pd := j+2, 1
	for ; k < len(md) && md[k] != '\n' && k-j <= maxLinkURL; k++ {
		c := md[k]
		if c == '\\' {
			k++
			continue
		}
		if c == '(' {
			pd++
		} else if c == ')' {
			pd--
			if pd == 0 {
				break
			}
		}
	}
	if k >= len(md) || md[k] != ')' {
		end := k
		if end > len(md) {
			end = len(md)
		}
		return Link{Text: text, URL: md[j+2 : end], Start: i, End: end, Unclosed: true}, true
	}
	return Link{Text: text, URL: md[j+2 : k], Start: i, End: k + 1}, true
}

// Span is a part of a text given by byte offsets.
type Span struct{ Start, End int }

// abbreviations end with a full stop without ending a sentence.
var abbreviations = []string{"e.g.", "i.e.", "f.e.", "etc.", "vs.", "cf.", "et al.", "approx.", "no.", "p.", "pp.", "dr.", "mr.", "ms.", "st."}

// Sentences splits Markdown text into sentences: at paragraph and list-item
// boundaries, and after ".", "!" or "?" followed by a space and an
// upper-case letter, a digit or an opening quote, unless the full stop ends a
// common abbreviation. Leading list markers and spaces are not part of a
// sentence.
func Sentences(md string) []Span {
	var out []Span
	lineStart := 0
	for lineStart <= len(md) {
		lineEnd := strings.IndexByte(md[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(md)
		} else {
			lineEnd += lineStart
		}
		line := md[lineStart:lineEnd]
		trimmed := strings.TrimLeft(line, " ")
		off := lineStart + len(line) - len(trimmed)
		if strings.HasPrefix(trimmed, "- ") {
			off += 2
		}
		out = append(out, splitLine(md, off, lineEnd)...)
		lineStart = lineEnd + 1
	}
	return out
}

func splitLine(md string, start, end int) []Span {
	var out []Span
	s := start
	for i := start; i < end; i++ {
		c := md[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < end && (md[j] == '*' || md[j] == '"' || md[j] == ')' || md[j] == '»' || isQuoteByte(md, j)) {
			_, size := utf8.DecodeRuneInString(md[j:])
			j += size
		}
		if j >= end || md[j] != ' ' {
			continue
		}
		k := j
		for k < end && md[k] == ' ' {
			k++
		}
		if k >= end {
			continue
		}
		r, _ := utf8.DecodeRuneInString(md[k:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«“‘\"'(*[", r)) {
			continue
		}
		if c == '.' && endsWithAbbreviation(md[s:i+1]) {
			continue
		}
		if t := strings.TrimSpace(md[s:j]); t != "" {
			out = append(out, trimSpan(md, s, j))
		}
		s = k
	}
	if strings.TrimSpace(md[s:end]) != "" {
		out = append(out, trimSpan(md, s, end))
	}
	return out
}

func isQuoteByte(md string, j int) bool {
	r, _ := utf8.DecodeRuneInString(md[j:])
	return r == '”' || r == '’' || r == '»'
}

func trimSpan(md string, s, e int) Span {
	for s < e && md[s] == ' ' {
		s++
	}
	for e > s && md[e-1] == ' ' {
		e--
	}
	return Span{s, e}
}

func endsWithAbbreviation(s string) bool {
	for _, a := range abbreviations {
		if EndsWithWord(s, a) {
			return true
		}
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Plain removes the Markdown markup a reader does not see: emphasis
// markers, footnote references, link syntax (keeping the link text) and
// backslash escapes. For quoting text in messages. Runs of ASCII
// whitespace become one space; other Unicode spaces are kept, so that the
// result is still found in the source text (a no-break space is written
// there as it is).
func Plain(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); {
		c := md[i]
		switch {
		case c == '\\' && i+1 < len(md):
			b.WriteByte(md[i+1])
			i += 2
		case c == '*':
			i++
		case c == '[':
			if n, ok := footnoteRef(md[i:]); ok {
				i += n
				continue
			}
			if text, _, n, ok := link(md[i:]); ok {
				b.WriteString(Plain(text))
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		case c == '<':
			if url, n, ok := autolink(md[i:]); ok {
				b.WriteString(url)
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		case c == '\n':
			b.WriteByte(' ')
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), isASCIISpace), " ")
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

// EndsWithWord reports whether text ends with phrase (case-insensitively)
// as whole words: what precedes the phrase is not a letter. Only the end of
// the text is looked at, so asking it at every full stop of a long sentence
// stays linear.
func EndsWithWord(text, phrase string) bool {
	if len(text) < len(phrase) || !strings.EqualFold(text[len(text)-len(phrase):], phrase) {
		return false
	}
	rest := text[:len(text)-len(phrase)]
	return rest == "" || !unicode.IsLetter(lastRune(rest))
}

// NormalizeURL is how a link address identifies a source, so that lint
// ("the same source cited twice") and diff (footnotes matched by content)
// agree: scheme and host in lower case, no trailing slash.
func NormalizeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return strings.TrimSuffix(u, "/")
	}
	p.Scheme = strings.ToLower(p.Scheme)
	p.Host = strings.ToLower(p.Host)
	return strings.TrimSuffix(p.String(), "/")
}
