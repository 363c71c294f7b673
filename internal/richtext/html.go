// Package richtext converts the rich text of table cells between the two
// ways a factsheet writes it: inline HTML in the published document's
// tab-separated rows (<p>, <ul><li>• ..., <i>, <b>, <a href>, <sup>N</sup>),
// and Markdown in YAML and JSON (paragraphs, "- " lists, *emphasis*,
// **bold**, [links](url), <autolinks>, [^N] footnote references).
//
// The two directions are written together so that they are inverse on what
// the other produces: importing a document and rendering it again gives the
// same Markdown (the round-trip guarantee of the forms). Cell text outside
// tags is already Markdown (the document is a Markdown file), so it is kept
// byte for byte, escapes and entities included; tags without a Markdown
// equivalent are kept verbatim as inline HTML.
//
// The Markdown written and read here is a documented subset (see
// docs/layout.md): blocks are paragraphs and "- " bullet lists separated by
// blank lines; a single newline inside a paragraph or item is a <br>.
package richtext

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// block is a paragraph or a bullet list.
type block struct {
	list  bool
	text  string  // paragraph: inline Markdown
	items []*item // list
	// tight: the block follows the one before it on the next line, with no
	// blank line between ("text\n- item"). A cell writes it as a <br>
	// between the two, so that the Markdown comes back as it was.
	tight bool
}

type item struct {
	text string
	sub  []*item
}

var markers = strings.NewReplacer("\x01", "", "\x02", "")

// dropStrayClosers removes closing emphasis markers that close nothing.
func dropStrayClosers(s string) string {
	open := map[byte]int{}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if (s[i] == '\x01' || s[i] == '\x02') && i+1 < len(s) {
			kind := s[i+1]
			if s[i] == '\x01' {
				open[kind]++
			} else if open[kind] == 0 {
				i++ // a closer without opener: dropped
				continue
			} else {
				open[kind]--
			}
			b.WriteString(s[i : i+2])
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdUnescape reverses mdSpecials.
var mdUnescape = strings.NewReplacer(`\\`, `\`, `\*`, "*", `\[`, "[", `\]`, "]")

var adjacent = strings.NewReplacer("\x02i\x01i", "", "\x02b\x01b", "")

// mdSpecials escapes the characters that are Markdown syntax in the subset
// (emphasis, links, footnote references, escapes): a table cell is HTML, and
// a "*" or "[" in its text is that character, not markup.
var mdSpecials = strings.NewReplacer(`\`, `\\`, "*", `\*`, "[", `\[`, "]", `\]`)

// inertLT writes as "&lt;" every "<" of a text token that could start
// markup once its neighbours change: at the end of the token ("<<i></i>b"
// becomes "<b" when the empty emphasis is dropped), before a letter, "/",
// "!" or "?" (an unfinished tag cut off by the end of the cell), or before
// "*", "[" or "]", which rendering may turn into a tag ("<*" would become
// "<</i>").
// The entity is the same character in Markdown and in HTML.
func inertLT(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && (i+1 == len(s) || isTagStart(s[i+1])) {
			b.WriteString("&lt;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?' || c == '*' || c == '[' || c == ']'
}

// FromHTML converts a document cell to Markdown.
func FromHTML(cell string) string {
	md, _ := FromHTMLChecked(cell)
	return md
}

// FromHTMLChecked is FromHTML that also says whether the cell had lists
// nested deeper than MaxListDepth, which the Markdown holds flattened.
func FromHTMLChecked(cell string) (md string, flattened bool) {
	// \x01 and \x02 mark emphasis while converting; in a cell they are
	// control characters (reported by the reader) and cannot be kept.
	if strings.ContainsAny(cell, "\x01\x02") {
		cell = markers.Replace(cell)
	}
	if !strings.ContainsRune(cell, '<') {
		// No markup (most cells): one paragraph of text. The tokenizer
		// would give the same, more slowly.
		return literalDashes(strings.TrimSpace(mdSpecials.Replace(cell))), false
	}
	c := &converter{}
	c.run(cell)
	md = c.markdown()
	if !c.emphasis {
		return md, c.flattened
	}
	// Emphasis written with "*" can be ambiguous when runs meet ("<i>a</i>
	// <b><i>b</i></b>"). Check that rendering and reading back gives the same
	// Markdown; if not, write this cell's emphasis as <i>/<b> tags, which
	// Markdown keeps as they are. The choice depends only on the cell's
	// structure, so reading the rendered cell makes it again.
	if convert(ToHTML(md), false) == md {
		return md, c.flattened
	}
	return convert(cell, true), c.flattened
}

// convert runs the converter once, without the check of FromHTML.
func convert(cell string, tags bool) string {
	c := &converter{tags: tags}
	c.run(cell)
	return c.markdown()
}

type converter struct {
	// tags writes emphasis as <i>/<b> inline HTML instead of "*" delimiters
	// (for the rare cells whose emphasis "*" cannot express; see FromHTML).
	tags     bool
	emphasis bool // the cell has emphasis
	blocks   []*block
	// The inline text being collected, and where it goes: a paragraph (cur
	// == nil) or a list item.
	buf   bytes.Buffer
	cur   *item
	lists [][]*item // open <ul>s, innermost last
	// <ul>s and <a>s opened past the nesting limits (MaxListDepth,
	// maxAnchors): their content stays at the deepest level kept, and their
	// closing tags close nothing.
	deepLists, rawAnchors int
	flattened             bool // a list was nested deeper than MaxListDepth
	// A <br> between two blocks: the next block is tight (see block).
	tightNext, listTight bool
	// Pending inline state.
	anchors    []anchor
	supOpen    bool
	supOpenTag string // the <sup> tag as written
	supBuf     strings.Builder
	supRaw     strings.Builder
}

type anchor struct {
	href    string
	raw     string // the opening tag as written, for anchors kept as HTML
	textPos int    // where the link text starts in buf
}

// MaxListDepth is the deepest nesting of lists a cell may have; a
// factsheet uses two levels. A list nested deeper is read as items of the
// deepest level kept (FromHTMLChecked reports it), so the work of a cell
// stays linear in its length: 10 000 unclosed <ul><li> took 2.8 s and 412 MB.
const MaxListDepth = 8

// supMarker follows every <sup> tag that Markdown text holds as inline
// HTML when the cell is written: an empty HTML comment, invisible in the
// document. A cell's <sup>N</sup> is a footnote reference ([^N] in
// Markdown); a <sup>3</sup> written in a YAML comment is not one and must
// not become one on the way through the document. The reader drops one
// marker, so Markdown that holds the marker itself comes back too.
const supMarker = "<!---->"

// maxAnchors bounds links nested in links (invalid HTML, but a cell may
// hold it): each closing </a> copies the text of its link.
const maxAnchors = 8

var labelRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]+$`) })

func (c *converter) run(cell string) {
	z := html.NewTokenizer(strings.NewReader(cell))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// At the end of the cell the tokenizer drops an unfinished tag
			// ("a <b"); it is text, and is kept, with its "<" as an entity
			// so that markup written after it cannot complete it.
			if rest := string(z.Raw()); rest != "" {
				c.text(rest)
			}
			break
		}
		raw := string(z.Raw())
		if c.supOpen && !(tt == html.EndTagToken && tagName(z, raw) == "sup") {
			c.supRaw.WriteString(raw)
			if tt == html.TextToken {
				c.supBuf.WriteString(raw)
			} else {
				c.supBuf.WriteString("\x00") // markup inside: not a footnote label
			}
			continue
		}
		if tt != html.TextToken && (!complete(tt, raw) || len(raw) > maxTag) {
			// A tag or comment cut off by the end of the cell: text, kept
			// literal and inert. So is one longer than the renderer reads
			// as markup (maxTag): kept as a tag, it would be written back
			// as text, and read again as something else.
			c.text(raw)
			continue
		}
		switch tt {
		case html.TextToken:
			c.text(raw)
		case html.StartTagToken, html.SelfClosingTagToken:
			c.start(z, raw, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			c.end(z, raw)
		default: // comments, doctype: keep as written
			c.buf.WriteString(raw)
		}
	}
	if c.supOpen {
		// An unclosed <sup> would swallow the markup rendering writes after
		// it: keep it as text, inert (see inertLT).
		c.text("<sup>" + c.supRaw.String())
	}
	c.flush()
	for len(c.lists) > 0 {
		c.closeList()
	}
}

func tagName(z *html.Tokenizer, raw string) string {
	name, _ := z.TagName()
	if len(name) == 0 {
		// TagName consumes; fall back to the raw text.
		s := strings.TrimLeft(raw, "</")
		if i := strings.IndexAny(s, " \t\n/>"); i >= 0 {
			s = s[:i]
		}
		return strings.ToLower(s)
	}
	return string(name)
}

func (c *converter) text(raw string) {
	if c.cur == nil && len(c.lists) > 0 && strings.TrimSpace(raw) == "" {
		return // whitespace between <li>s
	}
	c.buf.WriteString(inertLT(mdSpecials.Replace(raw)))
}

func (c *converter) start(z *html.Tokenizer, raw string, selfClosing bool) {
	name, hasAttr := z.TagName()
	tag := string(name)
	attrs := map[string]string{}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		attrs[string(k)] = string(v)
	}
	switch tag {
	case "p":
		c.flush()
	case "ul":
		c.flush()
		if len(c.lists) >= MaxListDepth {
			c.deepLists++
			c.flattened = true
			return
		}
		if len(c.lists) == 0 {
			c.listTight, c.tightNext = c.tightNext && len(c.blocks) > 0, false
		}
		c.lists = append(c.lists, nil)
	case "li":
		c.flush()
		if len(c.lists) == 0 {
			c.lists = append(c.lists, nil)
		}
		it := &item{}
		c.addItem(it)
		c.cur = it
	case "br":
		c.buf.WriteString("\n")
	case "i", "em":
		c.buf.WriteString("\x01i")
		c.emphasis = true
	case "b", "strong":
		c.buf.WriteString("\x01b")
		c.emphasis = true
	case "sup":
		if selfClosing {
			c.buf.WriteString(raw)
			return
		}
		c.supOpen = true
		c.supOpenTag = raw
		c.supBuf.Reset()
		c.supRaw.Reset()
	case "a":
		href, ok := attrs["href"]
		if !ok || len(attrs) > 1 || selfClosing {
			c.buf.WriteString(raw)
			return
		}
		if len(c.anchors) >= maxAnchors {
			// Links in links in links: kept as written, and so is the
			// closing tag that goes with each.
			c.rawAnchors++
			c.buf.WriteString(raw)
			return
		}
		c.anchors = append(c.anchors, anchor{href: href, raw: raw, textPos: c.buf.Len()})
	default:
		c.buf.WriteString(raw)
	}
}

func (c *converter) end(z *html.Tokenizer, raw string) {
	switch tag := tagName(z, raw); tag {
	case "p":
		c.flush()
	case "li":
		c.flush()
		c.cur = nil
	case "ul":
		if c.deepLists > 0 {
			c.deepLists--
			c.flush()
			c.cur = nil
			return
		}
		if len(c.lists) == 0 {
			c.buf.WriteString(raw) // a stray </ul>: keep it as written
			return
		}
		c.flush()
		c.cur = nil
		c.closeList()
	case "i", "em":
		c.buf.WriteString("\x02i")
	case "b", "strong":
		c.buf.WriteString("\x02b")
	case "sup":
		if !c.supOpen {
			c.buf.WriteString(raw) // a stray </sup>: keep it as written
			return
		}
		c.supOpen = false
		if rest, ok := strings.CutPrefix(c.supRaw.String(), supMarker); ok {
			// A <sup> tag of the Markdown itself (see supMarker): never a
			// footnote reference, and its tag is kept as written.
			inner := literalDashes(strings.TrimSpace(strings.ReplaceAll(FromHTML(rest), "\n", " ")))
			c.buf.WriteString(c.supOpenTag + inner + raw)
			return
		}
		label := strings.TrimSpace(c.supBuf.String())
		if labelRe().MatchString(label) {
			c.buf.WriteString("[^" + label + "]")
		} else {
			// Not a footnote reference (an exponent, say): the tags stay
			// HTML and what is inside is converted like any inline text, as
			// rendering will read it.
			inner := literalDashes(strings.TrimSpace(strings.ReplaceAll(FromHTML(c.supRaw.String()), "\n", " ")))
			if labelRe().MatchString(inner) {
				// Converted, it is a footnote label after all ("0</b>"), and
				// will be read as one.
				c.buf.WriteString("[^" + inner + "]")
				return
			}
			c.buf.WriteString("<sup>" + inner + raw)
		}
	case "a":
		if c.rawAnchors > 0 {
			c.rawAnchors--
			c.buf.WriteString(raw)
			return
		}
		if len(c.anchors) == 0 {
			c.buf.WriteString(raw)
			return
		}
		a := c.anchors[len(c.anchors)-1]
		c.anchors = c.anchors[:len(c.anchors)-1]
		if a.textPos > c.buf.Len() { // the buffer was flushed inside the link
			c.buf.WriteString(raw)
			return
		}
		// Only the link's own text is copied out: the buffer before it
		// stays (copying it all made a cell of many links quadratic).
		text := string(c.buf.Bytes()[a.textPos:])
		c.buf.Truncate(a.textPos)
		// Markdown is used only when the renderer's own parsers read it back
		// as exactly this link; otherwise the HTML is kept as written.
		auto := "<" + a.href + ">"
		inline := "[" + text + "](" + a.href + ")"
		switch {
		case html.UnescapeString(mdUnescape.Replace(text)) == a.href && isAutolink(a.href) && readsAsAutolink(auto, a.href):
			c.buf.WriteString(auto)
		case !strings.Contains(text, "\n") && readsAsLink(inline, text, a.href):
			c.buf.WriteString(inline)
		default: // no faithful Markdown for it: keep the HTML
			c.buf.WriteString(a.raw + text + raw)
		}
	default:
		c.buf.WriteString(raw)
	}
}

func (c *converter) addItem(it *item) {
	n := len(c.lists)
	if n >= 2 {
		// A nested list belongs to the last item of the enclosing list.
		parent := c.lists[n-2]
		if len(parent) > 0 {
			p := parent[len(parent)-1]
			p.sub = append(p.sub, it)
			c.lists[n-1] = append(c.lists[n-1], it)
			return
		}
	}
	c.lists[n-1] = append(c.lists[n-1], it)
}

func (c *converter) closeList() {
	n := len(c.lists)
	items := c.lists[n-1]
	c.lists = c.lists[:n-1]
	if n >= 2 && len(c.lists[n-2]) > 0 {
		return // nested: already attached to its parent item
	}
	if len(items) > 0 {
		c.blocks = append(c.blocks, &block{list: true, items: items, tight: c.listTight})
	}
}

// flush ends the inline text collected so far.
func (c *converter) flush() {
	s := finishInline(c.buf.String(), c.tags)
	c.buf.Reset()
	// A <br> before or after the text of a paragraph, with only blanks
	// between it and the block boundary, joins the paragraph to its
	// neighbour (see block.tight).
	lead := s[:len(s)-len(strings.TrimLeft(s, " \t\n"))]
	trail := s[len(strings.TrimRight(s, " \t\n")):]
	if c.cur == nil && len(c.lists) == 0 {
		if strings.TrimSpace(s) == "" {
			c.tightNext = c.tightNext || strings.Contains(s, "\n")
		} else {
			defer func(tight bool) {
				if n := len(c.blocks); n > 1 && !c.blocks[n-1].list {
					c.blocks[n-1].tight = tight
				}
				c.tightNext = strings.Contains(trail, "\n")
			}(c.tightNext || strings.Contains(lead, "\n"))
		}
	}
	c.anchors = c.anchors[:0]
	// Spaces around a <br> are insignificant in HTML; dropping them keeps a
	// line of spaces between two <br>s from reading as a paragraph break.
	// Trimming may leave a "<" at the end of a line, where rendering puts a
	// tag right after it (<br>, a closing tag): make it inert (see inertLT).
	// Blank lines in a row (several <br>) are one paragraph break to
	// Markdown: keep one.
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasSuffix(l, "<") {
			l = l[:len(l)-1] + "&lt;"
		}
		if l == "" && len(lines) > 0 && lines[len(lines)-1] == "" {
			continue
		}
		lines = append(lines, l)
	}
	s = strings.Join(lines, "\n")
	if c.cur != nil {
		// The bullet character and the space after it (any Unicode space:
		// Word writes "•" and a no-break space) are the list's, not the text's.
		if rest, ok := strings.CutPrefix(s, "•"); ok {
			s = rest
			if r, size := utf8.DecodeRuneInString(s); IsSpace(r) {
				s = s[size:]
			}
		}
		if c.cur.text != "" && s != "" {
			c.cur.text += " "
		}
		c.cur.text += s
		return
	}
	if strings.TrimSpace(s) == "" {
		return
	}
	c.blocks = append(c.blocks, &block{text: strings.TrimSpace(s)})
}

// finishInline turns the emphasis markers left by the tokenizer pass into
// Markdown delimiters. Whitespace just inside a tag moves outside the
// delimiters (Markdown emphasis cannot start or end with a space); empty
// emphasis disappears.
func finishInline(s string, tags bool) string {
	if !strings.ContainsAny(s, "\x01\x02") {
		return s
	}
	// Emphasis that ends where the same emphasis starts again is one run
	// ("<i>a</i><i>b</i>" is "<i>ab</i>"); Markdown cannot write it as two.
	// Closing tags without an opening one go first: they mean nothing.
	s = adjacent.Replace(dropStrayClosers(s))
	closes := matchMarkers(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\x01':
			if i+1 >= len(s) {
				continue
			}
			kind := s[i+1]
			// The matching close of the same kind.
			j, ok := closes[i]
			i++
			if !ok {
				// Never closed: the tag is kept as text, inert (see
				// inertLT), so nothing written after it can pair with it.
				if kind == 'b' {
					b.WriteString("&lt;b>")
				} else {
					b.WriteString("&lt;i>")
				}
				continue
			}
			// Emphasis inside emphasis of the same kind adds nothing (and
			// Markdown's "*" cannot nest so): drop the inner markers.
			inner := strings.NewReplacer("\x01"+string(kind), "", "\x02"+string(kind), "").Replace(s[i+1 : j])
			inner = finishInline(inner, tags)
			open, close := "*", "*"
			if kind == 'b' {
				open, close = "**", "**"
			}
			if tags {
				open, close = "<"+string(kind)+">", "</"+string(kind)+">"
			}
			trimmed := strings.TrimSpace(inner)
			if strings.HasSuffix(trimmed, "<") {
				// The closing delimiter will render as a tag right after it.
				trimmed = trimmed[:len(trimmed)-1] + "&lt;"
			}
			if trimmed == "" {
				b.WriteString(inner)
			} else {
				lead := inner[:len(inner)-len(strings.TrimLeft(inner, " \t"))]
				trail := inner[len(strings.TrimRight(inner, " \t")):]
				b.WriteString(lead + open + trimmed + close + trail)
			}
			i = j + 1
		case '\x02':
			i++ // a close without an open: drop it
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// matchMarkers pairs each emphasis opener (\x01 and its kind) with the
// closer of the same kind that ends it, as counting nesting from the opener
// would, in one pass with a stack per kind: an opener never closed is
// absent. (Counting from every opener made a cell of unclosed <i> tags
// quadratic.)
func matchMarkers(s string) map[int]int {
	out := map[int]int{}
	var stacks [256][]int
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '\x01':
			k := s[i+1]
			stacks[k] = append(stacks[k], i)
			i++
		case '\x02':
			k := s[i+1]
			if n := len(stacks[k]); n > 0 {
				out[stacks[k][n-1]] = i
				stacks[k] = stacks[k][:n-1]
			}
			i++
		}
	}
	return out
}

// complete reports whether a markup token was really closed: a tag by its
// ">", a comment by "-->". The tokenizer also returns what the end of the
// cell cut off ("<b", "<!--x>"), which is text.
func complete(tt html.TokenType, raw string) bool {
	if tt == html.CommentToken && strings.HasPrefix(raw, "<!--") {
		return len(raw) >= 7 && strings.HasSuffix(raw, "-->")
	}
	return strings.HasSuffix(raw, ">")
}

// readsAsLink reports whether the renderer parses md as one inline link
// with exactly this text and address.
func readsAsLink(md, text, href string) bool {
	t, u, n, ok := link(md)
	return ok && n == len(md) && t == text && u == href
}

// readsAsAutolink is the same for an autolink.
func readsAsAutolink(md, href string) bool {
	u, n, ok := autolink(md)
	return ok && n == len(md) && u == href
}

func isAutolink(u string) bool {
	return (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "mailto:")) &&
		!strings.ContainsAny(u, " \t\n<>")
}

// literalDashes escapes a "- " that starts a line of text, which Markdown
// would read as a list item: in a table cell it is literal text.
func literalDashes(s string) string {
	if !strings.Contains(s, "- ") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "- ") {
			lines[i] = "\\" + l
		}
	}
	return strings.Join(lines, "\n")
}

func (c *converter) markdown() string {
	var out strings.Builder
	for i, b := range c.blocks {
		if i > 0 {
			if b.tight {
				out.WriteString("\n")
			} else {
				out.WriteString("\n\n")
			}
		}
		if !b.list {
			out.WriteString(literalDashes(b.text))
			continue
		}
		var lines []string
		writeItems(&lines, b.items, "")
		out.WriteString(strings.Join(lines, "\n"))
	}
	return out.String()
}

func writeItems(lines *[]string, items []*item, indent string) {
	for _, it := range items {
		text := it.text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			// Continuation lines: a leading "- " would start a nested item.
			text = text[:i+1] + literalDashes(text[i+1:])
		}
		text = strings.ReplaceAll(text, "\n", "\n"+indent+"  ")
		*lines = append(*lines, indent+"- "+text)
		writeItems(lines, it.sub, indent+"  ")
	}
}
