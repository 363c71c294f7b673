package diff

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteMarkdown writes the result as a pull-request comment (GitHub /
// GitLab flavoured Markdown): the summary table of the parts that changed,
// the changed answers, then one section per part; long texts show the
// changes with a few words of context and the whole text in a collapsible
// <details> block.
//
// It is written for the two places such a comment is read: rendered on
// GitHub, and as plain text in the e-mail notification. So removed text is
// ~~struck through~~ and added text **bold**, with a space between the two
// ("~~From~~ **Since**", never "FromSince"): GitHub renders both, and they
// read in plain text too (GitHub does not colour <del>/<ins>, and an e-mail
// shows the tags). IDs and file names are code spans, which need no escape.
//
// Factsheet text can hold anything, and is still kept from the Markdown
// parser, with as few escapes as that takes: a character is escaped only
// where it would mean something (a * or ~ that could start emphasis, a [
// that could start a link, a < that could start HTML, a #, >, - or 1. at the
// start of a line, a | in a table cell), so no text can start a heading, a
// list, a table row, a code block or HTML, nor close the <details> around
// it; "BE-2025-10.yaml" stays as it is.
func WriteMarkdown(w io.Writer, r *Result) error {
	var b strings.Builder
	b.WriteString("## factsheet diff\n\n")
	b.WriteString(codeSpan(r.Old) + " → " + codeSpan(r.New) + "\n\n")
	b.WriteString("**" + mdInline(summaryLine(r)) + "**\n")
	if len(r.Renumbered) > 0 || r.Respelled > 0 || r.Templates != nil {
		b.WriteString("\n")
		for _, n := range r.Renumbered {
			b.WriteString("> Note: " + mdInline(n.Note) + " (numbers only, not a change).\n")
		}
		if note := r.RespelledNote(); note != "" {
			b.WriteString("> Note: " + mdInline(note) + ", not a change.\n")
		}
		if note := r.TemplateNote(); note != "" {
			b.WriteString("> Note: " + mdInline(note) + ".\n")
		}
	}
	if r.Empty() {
		_, err := io.WriteString(w, b.String())
		return err
	}
	// Only the parts that changed: a table of zeros says nothing.
	b.WriteString("\n| Part | Added | Removed | Changed | Answers changed |\n|:--|--:|--:|--:|--:|\n")
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n)
	}
	for _, g := range r.Summary.Groups {
		if g.Total() == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdCell(g.Title), num(g.Added), num(g.Removed), num(g.Changed), num(g.Answers))
	}
	if answers := r.Answers(); len(answers) > 0 {
		b.WriteString("\n### Answers changed\n\n| Question | Old | New |\n|:--|:--|:--|\n")
		for _, c := range answers {
			_, sub := heading(&c)
			q := cellCode(c.ID)
			if sub != "" {
				q += "<br>" + mdCell(truncate(sub, 160))
			}
			o, n := shown(&c)
			fmt.Fprintf(&b, "| %s | %s | %s |\n", q, mdCell(o), mdCell(n))
		}
	}
	for _, p := range parts(r) {
		b.WriteString("\n### " + mdInline(p.Title) + "\n")
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
	b.WriteString("\n**" + verb + "** " + markdownHead(&c, head))
	if sub != "" {
		b.WriteString("<br>\n*" + mdInline(truncate(sub, 200)) + "*")
	}
	b.WriteString("\n\n")
	var short, full string
	switch c.Kind {
	case Added, Removed:
		v := c.New
		if c.Kind == Removed {
			v = c.Old
		}
		text := describe(v)
		short = mdText(truncate(text, valueLimit))
		if len(text) > valueLimit {
			full = mdText(text)
		}
	case Changed:
		if isShort(&c) {
			o, n := shown(&c)
			short = marked(Delete, oneLine(o), ' ', ' ') + " → " + marked(Insert, oneLine(n), ' ', ' ')
			break
		}
		var ps []piece
		ps = excerpt(c.Words)
		short = writePieces(ps)
		if total := len(describe(c.New)); total > shortText {
			ps = ps[:0]
			for _, op := range c.Words {
				ps = append(ps, piece{kind: op.Kind, text: op.Text})
			}
			full = writePieces(ps)
		}
	}
	b.WriteString(short + "\n")
	if full != "" {
		b.WriteString("\n<details><summary>Whole text</summary>\n\n" + full + "\n\n</details>\n")
	}
}

// markdownHead names a change: its stable ID as code, the rest as text
// ("`governance.cancer_centres` comments", "review round 2026-02").
func markdownHead(c *Change, head string) string {
	if c.ID != "" && strings.HasPrefix(head, c.ID) {
		return codeSpan(c.ID) + mdInline(head[len(c.ID):])
	}
	if rest, ok := strings.CutPrefix(head, "wording of "); ok && rest == c.ID {
		return "wording of " + codeSpan(c.ID)
	}
	return mdInline(head)
}

// writePieces writes a word diff as Markdown: unchanged text as it is
// (escaped), deletions ~~struck~~ and insertions **bold**, a deletion and
// the insertion replacing it with a space between them.
func writePieces(ps []piece) string {
	var b strings.Builder
	for i, p := range ps {
		t := p.text
		if p.kind == Equal || p.gap {
			b.WriteString(mdPiece(t, b.Len() == 0))
			continue
		}
		prev, next := ' ', ' '
		if s := b.String(); s != "" {
			prev, _ = utf8.DecodeLastRuneInString(s)
		}
		if i+1 < len(ps) {
			next, _ = utf8.DecodeRuneInString(ps[i+1].text)
			if ps[i+1].kind != Equal && !ps[i+1].gap {
				next = ' ' // the space written between the two
			}
		}
		b.WriteString(marked(p.kind, t, prev, next))
		if p.kind == Delete && i+1 < len(ps) && ps[i+1].kind == Insert && !strings.HasSuffix(b.String(), " ") {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// marked writes a deleted or inserted piece, between prev and next (the
// characters around it in the output): ~~text~~ or **text**, one per line
// of the piece, with the spaces at its ends outside the markers (where
// Markdown needs them). When the markers cannot work there (punctuation
// against a letter defeats them in CommonMark: "a**(b)**c"), <del>/<ins>.
func marked(kind OpKind, t string, prev, next rune) string {
	mark, open, close := "~~", "<del>", "</del>"
	if kind == Insert {
		mark, open, close = "**", "<ins>", "</ins>"
	}
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(t, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString(lineBreak(lines[i-1], line))
		}
		core := strings.Trim(line, " \t")
		lead := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if core == "" {
			if kind == Insert {
				b.WriteString(line) // spaces only: nothing to mark
			}
			continue
		}
		trail := line[len(lead)+len(core):]
		before, after := prev, next
		if i > 0 || lead != "" {
			before = ' '
		}
		if i < len(lines)-1 || trail != "" {
			after = ' '
		}
		esc := mdInline(core)
		b.WriteString(lead)
		if flanks(before, core, after) {
			b.WriteString(mark + esc + mark)
		} else {
			b.WriteString(open + esc + close)
		}
		b.WriteString(trail)
	}
	return b.String()
}

// flanks reports whether emphasis delimiters around core, between before
// and after, open and close as CommonMark's flanking rules say.
func flanks(before rune, core string, after rune) bool {
	first, _ := utf8.DecodeRuneInString(core)
	last, _ := utf8.DecodeLastRuneInString(core)
	open := !unicode.IsPunct(first) && !unicode.IsSymbol(first) || unicode.IsSpace(before) || unicode.IsPunct(before) || unicode.IsSymbol(before)
	shut := !unicode.IsPunct(last) && !unicode.IsSymbol(last) || unicode.IsSpace(after) || unicode.IsPunct(after) || unicode.IsSymbol(after)
	// A core that ends in a backslash would escape the closing delimiter;
	// next to an @, GitHub reads the delimiters into an e-mail address.
	return open && shut && !strings.HasSuffix(core, `\`) && before != '@' && after != '@'

}

// lineBreak is what a line break inside a text becomes: a hard break (a
// backslash at the end of the line), or a new paragraph for an empty line.
func lineBreak(prevLine, line string) string {
	if strings.TrimSpace(prevLine) == "" || strings.TrimSpace(line) == "" {
		return "\n"
	}
	return "\\\n"
}

// mdPiece escapes part of a paragraph: inline escapes, and what would
// start a block at the start of each of its lines but the first, and of
// the first when the piece starts the paragraph.
func mdPiece(s string, atStart bool) string {
	s = strings.ReplaceAll(clean(s), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteString(lineBreak(lines[i-1], line))
		}
		if i > 0 || atStart {
			b.WriteString(blockStart(mdInline(strings.TrimLeft(line, " \t"))))
			continue
		}
		b.WriteString(mdInline(line))
	}
	return b.String()
}

// mdText escapes factsheet text, which may span lines, for a Markdown
// paragraph: inline escapes (mdInline), and at the start of each line what
// would start a block (a heading, a quote, a list, a code block, HTML).
func mdText(s string) string {
	// Leading spaces go too: four would make a code block.
	return mdPiece(s, true)
}

var listNumber = regexp.MustCompile(`^[0-9]{1,9}[.)]`)

// blockStart escapes what, at the start of a line, would start a block.
func blockStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '>', '-', '+', '=', '|', ':':
		return `\` + l
	}
	if m := listNumber.FindString(l); m != "" {
		return m[:len(m)-1] + `\` + l[len(m)-1:]
	}
	return l
}

var (
	entityLike  = regexp.MustCompile(`^&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});`)
	autolinkRe  = regexp.MustCompile(`^<(https?://|mailto:)[^\s<>]*>`)
	footnoteRef = regexp.MustCompile(`^\[\^[^\]\s]{1,20}\]`)
)

// mdInline escapes one line of factsheet text for inline Markdown, only
// where a character would mean something: \ ` * ~ $ always, _ at the edge
// of a word, [ unless it is a footnote reference ([^14], which GitHub
// shows as it is when the comment defines no footnote), < unless it opens
// an autolink (<https://...>), & when it would start an entity. Line
// breaks become spaces.
func mdInline(s string) string {
	s = clean(s)
	var b strings.Builder
	var prev rune = ' '
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '~', '$':
			b.WriteByte('\\')
		case '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isAlnum(prev) || !isAlnum(next) {
				b.WriteByte('\\')
			}
		case '[':
			if m := footnoteRef.FindString(s[i:]); m == "" || strings.HasPrefix(s[i+len(m):], "(") || strings.HasPrefix(s[i+len(m):], "[") || strings.HasPrefix(s[i+len(m):], ":") {
				b.WriteByte('\\')
			}
		case '<':
			if !autolinkRe.MatchString(s[i:]) {
				b.WriteByte('\\')
			}
		case '&':
			if entityLike.MatchString(s[i:]) {
				b.WriteString("&amp;")
				prev = r
				continue
			}
		case '\n', '\r', '\t':
			b.WriteByte(' ')
			prev = ' '
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mdCell escapes text for a table cell: inline escapes and the cell
// separator |.
func mdCell(s string) string {
	return strings.ReplaceAll(mdInline(s), "|", `\|`)
}

// cellCode is a code span in a table cell, where GitHub still reads | as
// the end of the cell.
func cellCode(s string) string { return strings.ReplaceAll(codeSpan(s), "|", `\|`) }

// codeSpan writes text as an inline code span: no escapes needed inside,
// only a fence of backticks longer than any run in the text.
func codeSpan(s string) string {
	s = strings.Join(strings.Fields(clean(s)), " ")
	if s == "" {
		return "``"
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
