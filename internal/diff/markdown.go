package diff

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// WriteMarkdown writes the result as a pull-request comment (GitHub /
// GitLab flavoured Markdown): the summary table, the changed answers, then
// one section per part of the factsheet; long texts show the changes with
// a few words of context and the whole text in a collapsible <details>
// block.
//
// Factsheet text can hold anything, so none of it is left to the Markdown
// parser: in headings and table cells every Markdown and HTML special
// character is escaped (markdownInline), and texts are written as one-line
// raw HTML blocks (<p>...</p>) in which only HTML escaping applies and a
// line break is <br>, so no text can start a list, a heading, a table row
// or a code block, or close a <details>.
func WriteMarkdown(w io.Writer, r *Result) error {
	var b strings.Builder
	b.WriteString("## factsheet diff\n\n")
	b.WriteString(markdownInline(r.Old) + " → " + markdownInline(r.New) + "\n\n")
	b.WriteString("**" + markdownInline(summaryLine(r)) + "**\n")
	if len(r.Renumbered) > 0 || r.Respelled > 0 {
		b.WriteString("\n")
		for _, n := range r.Renumbered {
			b.WriteString("> Note: " + markdownInline(n.Note) + " (numbers only, not a change).\n")
		}
		if note := r.RespelledNote(); note != "" {
			b.WriteString("> Note: " + markdownInline(note) + ", not a change.\n")
		}
	}
	if r.Empty() {
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\n| Part | Added | Removed | Changed | Answers changed |\n|:--|--:|--:|--:|--:|\n")
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n)
	}
	for _, g := range r.Summary.Groups {
		title := markdownInline(g.Title)
		if g.Total() > 0 {
			title = "**" + title + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", title, num(g.Added), num(g.Removed), num(g.Changed), num(g.Answers))
	}
	if answers := r.Answers(); len(answers) > 0 {
		b.WriteString("\n### Answers changed\n\n| Question | Old | New |\n|:--|:--|:--|\n")
		for _, c := range answers {
			_, sub := heading(&c)
			q := "**" + markdownInline(c.ID) + "**"
			if sub != "" {
				q += "<br>" + markdownInline(truncate(sub, 160))
			}
			o, n := shown(&c)
			fmt.Fprintf(&b, "| %s | %s | %s |\n", q, markdownInline(o), markdownInline(n))
		}
	}
	for _, p := range parts(r) {
		b.WriteString("\n### " + markdownInline(p.Title) + "\n")
		for _, c := range p.Changes {
			writeMarkdownChange(&b, c)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdownChange(b *strings.Builder, c Change) {
	head, sub := heading(&c)
	verb := map[Kind]string{Added: "Added", Removed: "Removed", Changed: "Changed"}[c.Kind]
	b.WriteString("\n**" + verb + "** " + markdownInline(head))
	if sub != "" {
		b.WriteString("<br>\n*" + markdownInline(truncate(sub, 200)) + "*")
	}
	b.WriteString("\n\n")
	var short, full string
	switch c.Kind {
	case Added, Removed:
		v, tag := c.New, "ins"
		if c.Kind == Removed {
			v, tag = c.Old, "del"
		}
		text := describe(v)
		short = "<" + tag + ">" + htmlText(truncate(text, valueLimit)) + "</" + tag + ">"
		if len(text) > valueLimit {
			full = "<" + tag + ">" + htmlText(text) + "</" + tag + ">"
		}
	case Changed:
		if isShort(&c) {
			o, n := shown(&c)
			short = "<del>" + htmlText(o) + "</del> → <ins>" + htmlText(n) + "</ins>"
			break
		}
		var sb strings.Builder
		for _, p := range excerpt(c.Words) {
			writeHTMLPiece(&sb, p.kind, p.text, p.gap)
		}
		short = sb.String()
		if total := len(describe(c.New)); total > shortText {
			sb.Reset()
			for _, op := range c.Words {
				writeHTMLPiece(&sb, op.Kind, op.Text, false)
			}
			full = sb.String()
		}
	}
	b.WriteString("<p>" + short + "</p>\n")
	if full != "" {
		b.WriteString("\n<details><summary>Whole text</summary>\n\n<p>" + full + "</p>\n\n</details>\n")
	}
}

// writeHTMLPiece writes part of a word diff as one line of HTML.
func writeHTMLPiece(b *strings.Builder, kind OpKind, text string, gap bool) {
	t := htmlText(text)
	switch {
	case gap:
		b.WriteString(t)
	case kind == Delete:
		b.WriteString("<del>" + t + "</del>")
	case kind == Insert:
		b.WriteString("<ins>" + t + "</ins>")
	default:
		b.WriteString(t)
	}
}

// htmlText escapes text for a one-line raw HTML block: HTML special
// characters become entities, line breaks <br>, and control characters are
// shown as \xNN.
func htmlText(s string) string {
	s = html.EscapeString(clean(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "<br>")
}

// markdownInline escapes text for inline Markdown (headings, emphasis,
// table cells): HTML special characters become entities, every ASCII
// punctuation character Markdown gives a meaning to is backslash-escaped
// (so | cannot end a table cell, nor * or _ start emphasis, nor [ a link),
// and line breaks become spaces.
func markdownInline(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', ':', '@', '=', '\'', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
