package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// ulOpen is how the published document opens a bullet list in a cell; items
// start with a bullet character because the list style is "none".
const ulOpen = `<ul style="list-style-type: none">`

// markerText writes FromHTML's emphasis markers, if a text holds them, as
// U+FFFD (see ToHTML).
var markerText = strings.NewReplacer("\x01", "\uFFFD", "\x02", "\uFFFD")

// ToHTML converts Markdown rich text to a document cell: one line of inline
// HTML. The first block, when it is a paragraph, is written bare (as the
// published document does); later paragraphs are wrapped in <p>; lists
// become <ul> with "• " items. Blocks are separated by one space.
func ToHTML(md string) string {
	// A cell is one line of a tab-separated row: carriage returns become
	// line breaks like newlines (the reader treats them as line ends).
	md = strings.ReplaceAll(strings.ReplaceAll(md, "\r\n", "\n"), "\r", "\n")
	if strings.ContainsAny(md, "\x01\x02") {
		// FromHTML's emphasis markers, control characters the readers
		// report: written as U+FFFD, which FromHTML keeps. Kept, a line of
		// them was a paragraph here and a blank line there; dropped, they
		// joined what they parted ("[^0\x01]" became a reference).
		md = markerText.Replace(md)
	}
	blocks := parseBlocks(md)
	var parts []string
	for i, b := range blocks {
		if b.tight && i > 0 {
			parts[i-1] += "<br>" // no blank line before this block
		}
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
	// paraTight: the paragraph being read started on the line right after
	// a list (see block.tight).
	paraTight := false
	endPara := func() {
		if len(para) > 0 {
			blocks = append(blocks, &block{text: strings.Join(para, "\n"), tight: paraTight && len(blocks) > 0})
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
			depth := min(indent/2, MaxListDepth-1)
			if list == nil {
				tight := len(para) > 0 // right after a paragraph line
				endPara()
				list = &block{list: true, tight: tight}
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
		if len(para) == 0 {
			paraTight = list != nil // a paragraph line right after a list
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

// piece is a part of a line being rendered: finished HTML, or a run of "*"
// that may open or close emphasis.
type piece struct {
	html          string
	stars         int  // > 0 for a delimiter run: the "*" not used yet
	canOpen       bool // followed by a non-space
	canClose      bool // preceded by a non-space
	before, after []string
	originalStars int
}

// inline renders one piece of inline Markdown. Links, footnote references,
// autolinks, escapes and inline HTML are resolved first, left to right;
// emphasis is then matched over the "*" runs with the delimiter stack of
// CommonMark (simplified: a run opens when followed by a non-space and
// closes when preceded by one; two stars from each side make <b>, one <i>),
// so emphasis nested in emphasis of another kind, starting or ending at the
// same place, renders as the importer wrote it.
func inline(b *strings.Builder, s string) {
	// A raw <sup> tag gets the marker only when a </sup> follows it (an
	// unclosed one is read as text): the last closer, found once.
	lastSupClose := strings.LastIndex(strings.ToLower(s), "</sup")
	var ps []*piece
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			ps = append(ps, &piece{html: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		// A backslash escapes ASCII punctuation, which is then written as
		// the plain character (escaped for HTML): "\\*" is a "*" in the cell.
		case c == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			text.WriteString(html.EscapeString(s[i+1 : i+2]))
			i += 2
		case c == '\n':
			text.WriteString("<br>")
			i++
		case c == '[':
			if n, ok := footnoteRef(s[i:]); ok {
				text.WriteString("<sup>" + s[i+2:i+n-1] + "</sup>")
				i += n
				continue
			}
			if label, url, n, ok := link(s[i:]); ok {
				text.WriteString(`<a href="` + html.EscapeString(url) + `">`)
				inline(&text, label)
				text.WriteString("</a>")
				i += n
				continue
			}
			text.WriteByte(c)
			i++
		case c == '<':
			if url, n, ok := autolink(s[i:]); ok {
				text.WriteString(`<a href="` + html.EscapeString(url) + `">` + html.EscapeString(url) + `</a>`)
				i += n
				continue
			}
			// Inline HTML kept as written is opaque, as in CommonMark: copied
			// whole, never searched for emphasis or links.
			if n, ok := rawHTML(s[i:]); ok {
				text.WriteString(s[i : i+n])
				if i+n <= lastSupClose && isSupStart(s[i:i+n]) {
					text.WriteString(supMarker)
				}
				i += n
				continue
			}
			// A "<" that is not markup but could start a tag in the cell
			// (before a letter, "/", "!" or "?", or at the end, where markup
			// written next would complete it) is written as the entity, as
			// the reader writes such a "<" (see inertLT).
			if i+1 == len(s) || isTagStart(s[i+1]) {
				text.WriteString("&lt;")
			} else {
				text.WriteByte(c)
			}
			i++
		case c == '*':
			k := i
			for k < len(s) && s[k] == '*' {
				k++
			}
			flush()
			ps = append(ps, &piece{
				stars: k - i, originalStars: k - i,
				canOpen:  k < len(s) && !spaceAt(s, k),
				canClose: i > 0 && !spaceBefore(s, i),
			})
			i = k
		default:
			text.WriteByte(c)
			i++
		}
	}
	flush()
	matchEmphasis(ps)
	for _, p := range ps {
		if p.originalStars == 0 {
			b.WriteString(p.html)
			continue
		}
		// An opener's unused stars stay outside its tags, a closer's after.
		for _, t := range p.after {
			b.WriteString(t)
		}
		b.WriteString(strings.Repeat("*", p.stars))
		for _, t := range p.before {
			b.WriteString(t)
		}
	}
}

// matchEmphasis pairs delimiter runs: for each closer, left to right, the
// nearest opener before it (CommonMark's rule of 3 allowing); both give two
// stars for <b> when both have two, else one for <i>; runs between a
// matched pair can no longer match.
func matchEmphasis(ps []*piece) {
	for ci := 0; ci < len(ps); ci++ {
		c := ps[ci]
		if c.originalStars == 0 || !c.canClose {
			continue
		}
		for c.stars > 0 {
			oi := -1
			for j := ci - 1; j >= 0; j-- {
				o := ps[j]
				if o.originalStars == 0 || o.stars == 0 || !o.canOpen {
					continue
				}
				// CommonMark's rule of 3: when either run can both open and
				// close, their lengths must not sum to a multiple of 3 (unless
				// both are multiples of 3). "**0*0***" is bold around italic.
				if (o.canClose || c.canOpen) && (o.originalStars+c.originalStars)%3 == 0 &&
					!(o.originalStars%3 == 0 && c.originalStars%3 == 0) {
					continue
				}
				oi = j
				break
			}
			if oi < 0 {
				break
			}
			o := ps[oi]
			use, tag := 1, "i"
			if o.stars >= 2 && c.stars >= 2 {
				use, tag = 2, "b"
			}
			o.stars -= use
			c.stars -= use
			// Tags nest outward: a later match wraps the earlier ones.
			o.before = append([]string{"<" + tag + ">"}, o.before...)
			c.after = append(c.after, "</"+tag+">")
			for j := oi + 1; j < ci; j++ {
				ps[j].canOpen, ps[j].canClose = false, false
			}
		}
	}
}

// footnoteRef matches "[^label]" at the start of s and returns its length.
// It looks no further than the label's characters, so trying it at every
// "[" of a text stays linear.
func footnoteRef(s string) (int, bool) {
	if !strings.HasPrefix(s, "[^") {
		return 0, false
	}
	end := 2
	for end < len(s) && isLabelByte(s[end]) {
		end++
	}
	if end == 2 || end >= len(s) || s[end] != ']' {
		return 0, false
	}
	return end + 1, true
}

// isLabelByte is a character of a footnote label: [A-Za-z0-9_.-].
func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// Bounds on what may be one link or one tag. Every "[" and "<" of a text is
// tried as the start of one, so without them a line of unmatched brackets
// cost the square of its length (100 KB of "[" took 8 s, of "<a " 85 s).
// Links and tags longer than this are text; the importer checks each link
// it writes with the same parser, so both directions agree.
const (
	maxLinkText = 512  // bytes of a link's text, brackets included
	maxLinkURL  = 2048 // bytes of a link's address
	maxTag      = 2048 // bytes of one HTML tag or comment
)

// link matches "[text](url)" at the start of s: brackets in the text must
// balance, the URL has no spaces and balanced parentheses.
func link(s string) (text, url string, n int, ok bool) {
	// A link needs "](" on its line, within reach: most "[" have none.
	window := s[:min(len(s), maxLinkText+1)]
	if nl := strings.IndexByte(window, '\n'); nl >= 0 {
		window = window[:nl]
	}
	if !strings.Contains(window, "](") {
		return "", "", 0, false
	}
	depth := 0
	i := 0
	for ; i < len(window); i++ {
		switch window[i] {
		case '\\':
			if i+1 < len(window) && isPunct(window[i+1]) {
				i++
			}
			continue
		case '<':
			// Raw HTML in the link text is opaque: its brackets do not count.
			if n, ok := rawHTML(s[i:]); ok {
				i += n - 1
			}
			continue
		case '[':
			depth++
		case ']':
			depth--
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
	for ; j < len(s) && j-i <= maxLinkURL; j++ {
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

// autolink matches "<scheme:...>" at the start of s. An autolink holds no
// space and no "<", so the search for its ">" stops at the first of them:
// trying it at every "<" of a text stays linear.
func autolink(s string) (url string, n int, ok bool) {
	end := strings.IndexAny(s[1:], " \t\n<>")
	if end < 0 || s[1+end] != '>' {
		return "", 0, false
	}
	end++
	u := s[1:end]
	if !isAutolink(u) {
		return "", 0, false
	}
	return u, end + 1, true
}

// rawHTML matches inline HTML at the start of s and returns its length.
// Where a tag or comment ends is decided by the same HTML tokenizer that
// reads cells, so rendering and reading always agree on it; markup that
// does not end with ">" on the same line is not markup.
func rawHTML(s string) (int, bool) {
	if len(s) < 2 || s[0] != '<' || !rawTagStart(s[1]) {
		return 0, false
	}
	line := s[:min(len(s), maxTag)]
	if k := strings.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	if strings.IndexByte(line, '>') < 0 {
		return 0, false // no end within reach: not markup
	}
	z := html.NewTokenizer(strings.NewReader(line))
	switch tt := z.Next(); tt {
	case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken, html.CommentToken, html.DoctypeToken:
		raw := string(z.Raw())
		if complete(tt, raw) && strings.HasPrefix(line, raw) {
			return len(raw), true
		}
	}
	return 0, false
}

// isSupStart reports whether a raw tag is a <sup> start tag (not
// self-closing), as the cell reader will see it.
func isSupStart(tag string) bool {
	if len(tag) < 5 || !strings.EqualFold(tag[:4], "<sup") || strings.HasSuffix(tag, "/>") {
		return false
	}
	switch tag[4] {
	case '>', ' ', '\t', '\n', '\f', '/':
		return true
	}
	return false
}

// isPunct is ASCII punctuation: what a backslash escapes in Markdown.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func rawTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
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
