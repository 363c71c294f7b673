package richtext

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ulOpen is how the published document opens a bullet list in a cell; items
// start with a bullet character because the list style is "none".
const ulOpen = `<ul style="list-style-type: none">`

// ToHTML converts Markdown rich text to a document cell: one line of inline
// HTML. The first block, when it is a paragraph, is written bare (as the
// published document does); later paragraphs are wrapped in <p>; lists
// become <ul> with "• " items. Blocks are separated by one space.
func ToHTML(md string) string {
	// A cell is one line of a tab-separated row: carriage returns become
	// line breaks like newlines (the reader treats them as line ends).
	md = strings.ReplaceAll(strings.ReplaceAll(md, "\r\n", "\n"), "\r", "\n")
	blocks := parseBlocks(md)
	var parts []string
	for i, b := range blocks {
		if b.list {
			parts = append(parts, listHTML(b.items))
			continue
		}
		inline := InlineHTML(b.text)
		if i == 0 {
			parts = append(parts, inline)
		} else {
			parts = append(parts, "<p>"+inline+"</p>")
		}
	}
	return strings.Join(parts, " ")
}

func listHTML(items []*item) string {
	var b strings.Builder
	b.WriteString(ulOpen)
	for _, it := range items {
		b.WriteString(" <li>• ")
		b.WriteString(InlineHTML(it.text))
		if len(it.sub) > 0 {
			b.WriteString(" ")
			b.WriteString(listHTML(it.sub))
		}
		b.WriteString("</li>")
	}
	b.WriteString(" </ul>")
	return b.String()
}

// parseBlocks splits Markdown into paragraphs and lists. Blank lines separate
// blocks; lines starting with "- " (after an indent of two spaces per level)
// are list items; other lines continue the paragraph or item before them.
func parseBlocks(md string) []*block {
	var blocks []*block
	var para []string
	var list *block
	var stack []*item // last item at each depth
	endPara := func() {
		if len(para) > 0 {
			blocks = append(blocks, &block{text: strings.Join(para, "\n")})
			para = nil
		}
	}
	endList := func() {
		if list != nil {
			blocks = append(blocks, list)
			list, stack = nil, nil
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.TrimSpace(line) == "" {
			endPara()
			endList()
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		rest := line[indent:]
		// "- item" is a list item, and so is "- " (an empty item); a lone
		// "-" is text (Table 5 writes "-" for "none").
		if strings.HasPrefix(rest, "- ") {
			depth := indent / 2
			if list == nil {
				endPara()
				list = &block{list: true}
				depth = 0
			}
			if depth > len(stack) {
				depth = len(stack)
			}
			it := &item{text: strings.TrimPrefix(strings.TrimPrefix(rest, "-"), " ")}
			if depth == 0 {
				list.items = append(list.items, it)
			} else {
				parent := stack[depth-1]
				parent.sub = append(parent.sub, it)
			}
			stack = append(stack[:depth], it)
			continue
		}
		if list != nil && len(stack) > 0 && indent > 0 {
			// A continuation line of the last item (a <br> inside it).
			last := stack[len(stack)-1]
			last.text += "\n" + strings.TrimLeft(line, " ")
			continue
		}
		endList()
		para = append(para, line)
	}
	endPara()
	endList()
	return blocks
}

// InlineHTML converts inline Markdown to the document's inline HTML:
// *x* -> <i>x</i>, **x** -> <b>x</b>, [^N] -> <sup>N</sup>, [t](u) -> <a
// href="u">t</a>, <u> -> <a href="u">u</a>, a newline -> <br>. Everything
// else (text, escapes, entities, inline HTML) is copied as written.
func InlineHTML(s string) string {
	var b strings.Builder
	inline(&b, s)
	return b.String()
}

func inline(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
			b.WriteString(s[i : i+2])
			i += 2
		case c == '\n':
			b.WriteString("<br>")
			i++
		case c == '[':
			if n, ok := footnoteRef(s[i:]); ok {
				b.WriteString("<sup>" + s[i+2:i+n-1] + "</sup>")
				i += n
				continue
			}
			if text, url, n, ok := link(s[i:]); ok {
				b.WriteString(`<a href="` + html.EscapeString(url) + `">`)
				inline(b, text)
				b.WriteString("</a>")
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		case c == '<':
			if url, n, ok := autolink(s[i:]); ok {
				b.WriteString(`<a href="` + html.EscapeString(url) + `">` + url + `</a>`)
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		case c == '*':
			if n, inner, tag, ok := emphasis(s[i:]); ok {
				b.WriteString("<" + tag + ">")
				inline(b, inner)
				b.WriteString("</" + tag + ">")
				i += n
				continue
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// footnoteRef matches "[^label]" at the start of s and returns its length.
func footnoteRef(s string) (int, bool) {
	if !strings.HasPrefix(s, "[^") {
		return 0, false
	}
	end := strings.IndexByte(s, ']')
	if end < 3 || !labelRe().MatchString(s[2:end]) {
		return 0, false
	}
	return end + 1, true
}

// link matches "[text](url)" at the start of s: brackets in the text must
// balance, the URL has no spaces and balanced parentheses.
func link(s string) (text, url string, n int, ok bool) {
	depth := 0
	i := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			continue
		case '[':
			depth++
		case ']':
			depth--
		case '\n':
			return "", "", 0, false
		}
		if depth == 0 {
			break
		}
	}
	if depth != 0 || i+1 >= len(s) || s[i+1] != '(' {
		return "", "", 0, false
	}
	text = s[1:i]
	j := i + 2
	pd := 1
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case ' ', '\t', '\n', '<', '>', '"':
			return "", "", 0, false
		case '(':
			pd++
		case ')':
			pd--
		}
		if pd == 0 {
			break
		}
	}
	if pd != 0 || j >= len(s) {
		return "", "", 0, false
	}
	return text, s[i+2 : j], j + 1, true
}

// autolink matches "<scheme:...>" at the start of s.
func autolink(s string) (url string, n int, ok bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", 0, false
	}
	u := s[1:end]
	if !isAutolink(u) {
		return "", 0, false
	}
	return u, end + 1, true
}

// emphasis matches *x*, **x** or ***x*** at the start of s. An opening run
// must be followed by a non-space and its closing run preceded by one; the
// closing run must have the same length (the importer never writes runs that
// need the full CommonMark rules).
func emphasis(s string) (n int, inner, tag string, ok bool) {
	run := 0
	for run < len(s) && s[run] == '*' {
		run++
	}
	if run > 3 || run == len(s) || spaceAt(s, run) {
		return 0, "", "", false
	}
	for j := run; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '<':
			// Inline HTML kept as written is opaque: a "*" inside a tag is
			// not a delimiter.
			if k := strings.IndexByte(s[j:], '>'); k > 0 {
				j += k
			}
			continue
		case '\n':
			if j+1 < len(s) && s[j+1] == '\n' {
				return 0, "", "", false
			}
		case '*':
			k := j
			for k < len(s) && s[k] == '*' {
				k++
			}
			if k-j == run && !spaceBefore(s, j) {
				inner = s[run:j]
				switch run {
				case 1:
					return k, inner, "i", true
				case 2:
					return k, inner, "b", true
				default:
					return k, "*" + inner + "*", "b", true
				}
			}
			j = k - 1
		}
	}
	return 0, "", "", false
}

// spaceAt and spaceBefore use Unicode's white space, as the importer's
// trimming does, so both sides agree on what empty emphasis is.
func spaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func spaceBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r)
}
