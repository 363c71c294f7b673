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
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// block is a paragraph or a bullet list.
type block struct {
	list  bool
	text  string  // paragraph: inline Markdown
	items []*item // list
}

type item struct {
	text string
	sub  []*item
}

// FromHTML converts a document cell to Markdown.
func FromHTML(cell string) string {
	c := &converter{}
	c.run(cell)
	return c.markdown()
}

type converter struct {
	blocks []*block
	// The inline text being collected, and where it goes: a paragraph (cur
	// == nil) or a list item.
	buf   strings.Builder
	cur   *item
	lists [][]*item // open <ul>s, innermost last
	// Pending inline state.
	anchors []anchor
	supOpen bool
	supBuf  strings.Builder
	supRaw  strings.Builder
}

type anchor struct {
	href    string
	raw     string // the opening tag as written, for anchors kept as HTML
	textPos int    // where the link text starts in buf
}

var labelRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]+$`) })

func (c *converter) run(cell string) {
	z := html.NewTokenizer(strings.NewReader(cell))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// At the end of the cell the tokenizer drops an unfinished tag
			// ("a <b"); it is text, and is kept.
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
	if c.supOpen { // unclosed <sup>: keep what was there
		c.buf.WriteString("<sup>" + c.supRaw.String())
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
	// \x01 and \x02 mark emphasis while converting; in the text they are
	// control characters, reported by the reader, and cannot be kept.
	raw = strings.NewReplacer("\x01", "", "\x02", "").Replace(raw)
	c.buf.WriteString(raw)
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
	case "b", "strong":
		c.buf.WriteString("\x01b")
	case "sup":
		if selfClosing {
			c.buf.WriteString(raw)
			return
		}
		c.supOpen = true
		c.supBuf.Reset()
		c.supRaw.Reset()
	case "a":
		href, ok := attrs["href"]
		if !ok || len(attrs) > 1 || selfClosing {
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
		c.supOpen = false
		label := strings.TrimSpace(c.supBuf.String())
		if labelRe().MatchString(label) {
			c.buf.WriteString("[^" + label + "]")
		} else {
			c.buf.WriteString("<sup>" + c.supRaw.String() + raw)
		}
	case "a":
		if len(c.anchors) == 0 {
			c.buf.WriteString(raw)
			return
		}
		a := c.anchors[len(c.anchors)-1]
		c.anchors = c.anchors[:len(c.anchors)-1]
		all := c.buf.String()
		if a.textPos > len(all) { // the buffer was flushed inside the link
			c.buf.WriteString(raw)
			return
		}
		text := all[a.textPos:]
		c.buf.Reset()
		c.buf.WriteString(all[:a.textPos])
		switch {
		case text == a.href && isAutolink(a.href):
			c.buf.WriteString("<" + a.href + ">")
		case !strings.ContainsAny(a.href, " \t\n<>()") && !strings.ContainsAny(text, "[]\n"):
			c.buf.WriteString("[" + text + "](" + a.href + ")")
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
		c.blocks = append(c.blocks, &block{list: true, items: items})
	}
}

// flush ends the inline text collected so far.
func (c *converter) flush() {
	s := finishInline(c.buf.String())
	c.buf.Reset()
	c.anchors = c.anchors[:0]
	if c.cur != nil {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "•"), " ")
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
func finishInline(s string) string {
	if !strings.ContainsAny(s, "\x01\x02") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\x01':
			if i+1 >= len(s) {
				continue
			}
			kind := s[i+1]
			i++
			// Find the matching close of the same kind.
			depth, j := 1, i+1
			for ; j < len(s); j++ {
				if (s[j] == '\x01' || s[j] == '\x02') && j+1 < len(s) && s[j+1] == kind {
					if s[j] == '\x01' {
						depth++
					} else {
						depth--
					}
					if depth == 0 {
						break
					}
					j++
				}
			}
			if j >= len(s) {
				// Never closed: keep the tag as HTML, so that rendering
				// writes back exactly what was read.
				if kind == 'b' {
					b.WriteString("<b>")
				} else {
					b.WriteString("<i>")
				}
				continue
			}
			inner := s[i+1 : j]
			inner = finishInline(inner)
			delim := "*"
			if kind == 'b' {
				delim = "**"
			}
			trimmed := strings.TrimSpace(inner)
			if trimmed == "" {
				b.WriteString(inner)
			} else {
				lead := inner[:len(inner)-len(strings.TrimLeft(inner, " \t"))]
				trail := inner[len(strings.TrimRight(inner, " \t")):]
				b.WriteString(lead + delim + trimmed + delim + trail)
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

func isAutolink(u string) bool {
	return (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "mailto:")) &&
		!strings.ContainsAny(u, " \t\n<>")
}

func (c *converter) markdown() string {
	var parts []string
	for _, b := range c.blocks {
		if !b.list {
			parts = append(parts, b.text)
			continue
		}
		var lines []string
		writeItems(&lines, b.items, "")
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

func writeItems(lines *[]string, items []*item, indent string) {
	for _, it := range items {
		text := strings.ReplaceAll(it.text, "\n", "\n"+indent+"  ")
		*lines = append(*lines, indent+"- "+text)
		writeItems(lines, it.sub, indent+"  ")
	}
}
