package docx

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text layout written from the blocks: what the document importer reads
// (docs/layout.md), line by line, with the place in Word of every line.

type placeKind int

const (
	placeNone placeKind = iota
	placeParagraph
	placeHeading
	placeRow
	placeFootnote
)

// Place is where a line of the layout came from in the Word document.
type Place struct {
	kind     placeKind
	table    string   // "Table 2", or "table 3" when it has no caption
	row      int      // 1-based, the header row included, as Word counts
	label    string   // the row's first cell
	columns  []string // the header row's cells
	para     int      // 1-based paragraph number in the body
	excerpt  string
	footnote string
}

var captionStart = regexp.MustCompile(`^Table\s+(\d+)\b`)

type layout struct {
	ps        *parser
	b         strings.Builder
	places    []Place
	caption   string
	tables    int
	paras     int
	inList    bool
	lastBlank bool
	counter   [10]int // automatic heading numbers
}

func (l *layout) line(s string, p Place) {
	l.b.WriteString(s)
	l.b.WriteByte('\n')
	l.places = append(l.places, p)
	l.lastBlank = s == ""
}

// blank ends a block: one empty line, never two.
func (l *layout) blank() {
	if len(l.places) > 0 && !l.lastBlank {
		l.line("", Place{})
	}
	l.inList = false
}

// next returns the 1-based number of the line about to be written.
func (l *layout) next() int { return len(l.places) + 1 }

func (ps *parser) layout() *Document {
	l := &layout{ps: ps}
	ps.number()
	// In a document with real footnotes, a superscript typed in the text is
	// just a superscript (the Markdown's own <sup>); only in a document whose
	// footnotes are all typed by hand is a superscript number a citation.
	ps.literalSup = len(ps.refs) > 0
	body := joinDeletedMarks(ps.body)
	// Real footnotes are defined before the footnotes typed at the end of
	// the document (those no text cites, as convert --to docx writes
	// them), so the model lists them in the order the document form does.
	k := len(body)
	for k > 0 && body[k-1].p != nil && (typedFootnote(body[k-1].p) || strings.TrimSpace(plainText(body[k-1].p.segs)) == "") {
		k--
	}
	l.blocks(body[:k])
	l.footnotes()
	l.blocks(body[k:])
	l.blank()
	d := &Document{Text: l.b.String(), places: l.places}
	moved := map[string]bool{} // a move is one change: its new place speaks for it
	for _, rv := range ps.reviews {
		if rv.Kind == "move" {
			moved[rv.Author+"\x00"+rv.Date+"\x00"+rv.Text] = true
		}
	}
	for i := range ps.reviews {
		if ps.reviews[i].Kind == kindMoveFrom && moved[ps.reviews[i].Author+"\x00"+ps.reviews[i].Date+"\x00"+ps.reviews[i].Text] {
			continue
		}
		if ps.reviews[i].Line == 0 {
			ps.reviews[i].Line, ps.reviews[i].Col = 1, 1
		}
		if ps.reviews[i].Rule == RuleComment && ps.reviews[i].Author == "" && ps.reviews[i].Text == "" {
			continue // a reference to a comment comments.xml does not hold
		}
		if ps.reviews[i].Rule == RuleComment && ps.reviews[i].Author == ToolAuthor {
			continue // lint --annotate's findings: reported afresh by lint
		}
		d.Reviews = append(d.Reviews, ps.reviews[i])
	}
	return d
}

// number gives every note reference the number Word shows: footnotes 1, 2,
// ... in document order; endnotes after them (Word numbers them i, ii, ...,
// which the text layout cannot tell from footnotes).
func (ps *parser) number() {
	n := 0
	for _, kind := range []string{"footnote", "endnote"} {
		for _, r := range ps.refs {
			if r.kind == kind {
				n++
				r.label = strconv.Itoa(n)
			}
		}
	}
}

// joinDeletedMarks applies pending deletions of paragraph marks: the
// paragraph runs on into the next one, as Word shows it once accepted.
func joinDeletedMarks(blocks []block) []block {
	out := make([]block, 0, len(blocks))
	var carry *para
	for _, b := range blocks {
		if b.p != nil && carry != nil {
			merged := *b.p
			merged.segs = append(append([]seg(nil), carry.segs...), b.p.segs...)
			merged.reviews = append(append([]int(nil), carry.reviews...), b.p.reviews...)
			if merged.style == "" {
				merged.style = carry.style
			}
			b = block{p: &merged}
			carry = nil
		} else if carry != nil {
			out = append(out, block{p: carry})
			carry = nil
		}
		if b.p != nil && b.p.markJoin {
			carry = b.p
			continue
		}
		out = append(out, b)
	}
	if carry != nil {
		out = append(out, block{p: carry})
	}
	return out
}

// joinDeletedParas is joinDeletedMarks for the paragraphs of a cell.
func joinDeletedParas(paras []*para) []*para {
	blocks := make([]block, len(paras))
	for i, p := range paras {
		blocks[i] = block{p: p}
	}
	blocks = joinDeletedMarks(blocks)
	out := make([]*para, len(blocks))
	for i, b := range blocks {
		out[i] = b.p
	}
	return out
}

func (l *layout) blocks(blocks []block) {
	for _, b := range blocks {
		if b.t != nil {
			l.table(b.t)
			continue
		}
		l.paragraph(b.p)
	}
}

func (l *layout) headingLevel(p *para) int {
	if p.outline > 0 {
		return p.outline
	}
	return l.ps.st.heading(p.style)
}

func (l *layout) paragraph(p *para) {
	plain := strings.TrimSpace(plainText(p.segs))
	if plain == "" && !hasNote(p.segs) {
		l.placeReviews(p, l.next(), 1)
		return
	}
	l.paras++
	place := Place{kind: placeParagraph, para: l.paras, excerpt: plain}
	if lvl := l.headingLevel(p); lvl != 0 {
		l.blank()
		place.kind = placeHeading
		text := strings.Join(strings.Fields(plain), " ")
		if lvl > 0 && lvl < len(l.counter) && (p.list || l.ps.st.list(p.style)) {
			// An automatically numbered heading: the number is not in the
			// text. Count as Word does.
			l.counter[lvl]++
			for i := lvl + 1; i < len(l.counter); i++ {
				l.counter[i] = 0
			}
			if !startsWithDigit(text) {
				text = strconv.Itoa(l.counter[lvl]) + " " + text
			}
		}
		var prefix string
		switch {
		case strings.HasPrefix(strings.ToLower(text), "further information"):
			prefix = "### "
		case startsWithDigit(text):
			prefix = "## "
		case lvl == -1 || lvl == 1:
			prefix = "# "
		default:
			prefix = "### "
		}
		l.placeReviews(p, l.next(), 1)
		l.line(prefix+text, place)
		l.blank()
		return
	}
	if m := captionStart.FindStringSubmatch(plain); m != nil {
		l.caption = "Table " + m[1]
	}
	segs := p.segs
	if typedFootnote(p) {
		// The label of a footnote typed by hand defines it.
		segs = append([]seg(nil), segs...)
		for i := range segs {
			if segs[i].sup {
				segs[i].ref = true
				break
			}
		}
	}
	md := markdownInline(l.ps, segs)
	if p.list || l.ps.st.list(p.style) || strings.HasPrefix(strings.TrimSpace(md), "•") {
		if !l.inList {
			l.blank()
		}
		md = strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(md), "•"), " \u00a0")
		l.placeReviews(p, l.next(), 3)
		for i, ln := range strings.Split(md, "\n") {
			if i == 0 {
				ln = "- " + ln
			}
			l.line(ln, place)
		}
		l.inList = true
		return
	}
	l.blank()
	l.placeReviews(p, l.next(), 1)
	for _, ln := range strings.Split(strings.TrimSpace(md), "\n") {
		l.line(ln, place)
	}
	l.blank()
}

func (l *layout) placeReviews(p *para, line, col int) {
	for _, i := range p.reviews {
		if l.ps.reviews[i].Line == 0 {
			l.ps.reviews[i].Line, l.ps.reviews[i].Col = line, col
		}
	}
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// typedFootnote reports whether a paragraph is a footnote typed by hand:
// it starts with a superscript label.
func typedFootnote(p *para) bool {
	for _, s := range p.segs {
		if strings.TrimSpace(s.text) == "" && s.note == nil && !s.brk {
			continue
		}
		return s.sup && s.note == nil && strings.TrimSpace(s.text) != ""
	}
	return false
}

func hasNote(segs []seg) bool {
	for _, s := range segs {
		if s.note != nil {
			return true
		}
	}
	return false
}

func plainText(segs []seg) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.brk:
			b.WriteByte(' ')
		case s.note != nil:
			b.WriteString(s.note.label)
		default:
			b.WriteString(s.text)
		}
	}
	return b.String()
}

func (l *layout) table(tb *table) {
	l.tables++
	name := l.caption
	if name == "" {
		name = fmt.Sprintf("table %d", l.tables)
	}
	l.caption = ""
	l.blank()
	var columns []string
	n := 0
	for _, r := range tb.rows {
		if r.deleted {
			// Reported where the row was: at the next row (or the table's
			// last line).
			for _, i := range r.reviews {
				if l.ps.reviews[i].Line == 0 {
					l.ps.reviews[i].Line, l.ps.reviews[i].Col = max(l.next()-1, 1), 1
				}
			}
			continue
		}
		n++
		for _, i := range r.reviews {
			if l.ps.reviews[i].Line == 0 {
				l.ps.reviews[i].Line, l.ps.reviews[i].Col = l.next(), 1
			}
		}
		cells := make([]string, 0, len(r.cells))
		var texts []string
		line := l.next()
		col := 1
		for _, c := range r.cells {
			if c.span == 0 {
				continue
			}
			var paras []*para
			flattenParas(c.blocks, &paras)
			paras = joinDeletedParas(paras)
			html := ""
			if !c.vcont {
				html = l.cellHTML(paras, n == 1 || r.header)
			}
			for _, p := range paras {
				l.placeReviews(p, line, col)
			}
			cells = append(cells, html)
			texts = append(texts, cellPlain(paras))
			col += utf8.RuneCountInString(html) + 1
			for k := 1; k < c.span; k++ {
				cells = append(cells, "")
				texts = append(texts, "")
				col++
			}
		}
		if n == 1 {
			columns = texts
		}
		label := ""
		if len(texts) > 0 {
			label = texts[0]
		}
		l.line(strings.Join(cells, "\t"), Place{kind: placeRow, table: name, row: n, label: label, columns: columns})
	}
	l.blank()
}

func cellPlain(paras []*para) string {
	var parts []string
	for _, p := range paras {
		if t := strings.TrimSpace(plainText(p.segs)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

const ulOpen = `<ul style="list-style-type: none">`

// cellHTML writes a cell's paragraphs as the inline HTML of the layout: the
// first paragraph bare, the next ones in <p>, list items in <ul><li>• ...
// A header cell that is bold throughout loses the bold: it is the table
// style's look, not the author's emphasis.
func (l *layout) cellHTML(paras []*para, header bool) string {
	var parts []string
	var items []listItem
	flush := func() {
		if len(items) > 0 {
			parts = append(parts, listHTML(items))
			items = nil
		}
	}
	for _, p := range paras {
		segs := p.segs
		if strings.TrimSpace(plainText(segs)) == "" && !hasNote(segs) {
			continue
		}
		if header && allBold(segs) {
			segs = unbold(segs)
		}
		h := strings.TrimSpace(htmlInline(l.ps, segs))
		if p.list || l.ps.st.list(p.style) || strings.HasPrefix(h, "•") {
			items = append(items, listItem{text: strings.TrimLeft(strings.TrimPrefix(h, "•"), " \u00a0"), level: p.level})
			continue
		}
		flush()
		if len(parts) == 0 {
			parts = append(parts, h)
		} else {
			parts = append(parts, "<p>"+h+"</p>")
		}
	}
	flush()
	return strings.Join(parts, " ")
}

type listItem struct {
	text  string
	level int
}

// listHTML writes list items as the layout's lists: an item of a deeper
// level opens a list inside the item before it, as richtext writes it.
func listHTML(items []listItem) string {
	var b strings.Builder
	depth := -1
	for _, it := range items {
		lvl := min(it.level, depth+1) // a level cannot be skipped
		if lvl < 0 {
			lvl = 0
		}
		switch {
		case lvl > depth:
			for ; depth < lvl; depth++ {
				if depth >= 0 {
					b.WriteString(" ")
				}
				b.WriteString(ulOpen)
			}
		default:
			b.WriteString("</li>")
			for ; depth > lvl; depth-- {
				b.WriteString(" </ul></li>")
			}
		}
		b.WriteString(" <li>• " + it.text)
	}
	b.WriteString("</li>")
	for ; depth > 0; depth-- {
		b.WriteString(" </ul></li>")
	}
	b.WriteString(" </ul>")
	return b.String()
}

func allBold(segs []seg) bool {
	for _, s := range segs {
		if strings.TrimSpace(s.text) != "" && !s.bold {
			return false
		}
	}
	return true
}

func unbold(segs []seg) []seg {
	out := append([]seg(nil), segs...)
	for i := range out {
		out[i].bold = false
	}
	return out
}

func (l *layout) footnotes() {
	for _, r := range l.ps.refs {
		n := l.ps.noteText[r.kind+":"+r.id]
		l.blank()
		place := Place{kind: placeFootnote, footnote: r.label}
		var parts []string
		if n != nil {
			for _, p := range n.paras {
				if t := strings.TrimSpace(markdownInline(l.ps, p.segs)); t != "" {
					parts = append(parts, t)
				}
			}
			for _, p := range n.paras {
				l.placeReviews(p, l.next(), 1)
			}
		}
		text := strings.Join(parts, "  \n")
		for i, ln := range strings.Split(text, "\n") {
			if i == 0 {
				ln = "<sup>" + r.label + "</sup> " + ln
			}
			l.line(strings.TrimRight(ln, " ")+trailingBreak(ln), place)
		}
	}
	l.blank()
}

// trailingBreak keeps a Markdown hard line break ("  " at the end).
func trailingBreak(s string) string {
	if strings.HasSuffix(s, "  ") {
		return "  "
	}
	return ""
}

// href is where a link goes, as the layout writes it: the target, with its
// anchor; an anchor alone when its bookmark exists; "#" (a placeholder, as
// the published document writes it) for a bookmark the document lacks.
func (ps *parser) href(l *link) string {
	switch {
	case l.href != "" && l.anchor != "":
		return l.href + "#" + l.anchor
	case l.href != "":
		return l.href
	case ps.bookmarks[l.anchor]:
		return "#" + l.anchor
	}
	return "#"
}

// styler writes emphasis around text, keeping markers next to the text
// they mark (Markdown needs "**bold** ", not "**bold **") and reopening what
// a change of formatting closed.
type styler struct {
	b       *strings.Builder
	open    []byte // 'b', 'i', 's' in opening order
	pending string // whitespace held back until the next marker decision
	md      bool
	literal bool // superscripts are the text's own: marked so they are not read as citations
}

func (s *styler) marker(k byte, opening bool) string {
	if s.md {
		switch k {
		case 'b':
			return "**"
		case 'i':
			return "*"
		}
		if opening {
			return s.supOpen()
		}
		return "</sup>"
	}
	tag := map[byte]string{'b': "b", 'i': "i", 's': "sup"}[k]
	if opening {
		if k == 's' {
			return s.supOpen()
		}
		return "<" + tag + ">"
	}
	return "</" + tag + ">"
}

// supOpen opens a superscript; a literal one carries the layout's marker
// (an empty comment) that keeps it from being read as a footnote citation.
func (s *styler) supOpen() string {
	if s.literal {
		return "<sup><!---->"
	}
	return "<sup>"
}

func (s *styler) has(k byte) bool {
	for _, o := range s.open {
		if o == k {
			return true
		}
	}
	return false
}

// set brings the open markers to want, then writes text.
func (s *styler) write(want map[byte]bool, text string) {
	core := strings.TrimLeft(text, " ")
	lead := text[:len(text)-len(core)]
	trimmed := strings.TrimRight(core, " ")
	trail := core[len(trimmed):]
	if trimmed == "" {
		s.pending += text
		return
	}
	// Close, innermost first, down to the first marker no longer wanted.
	cut := len(s.open)
	for i, k := range s.open {
		if !want[k] {
			cut = i
			break
		}
	}
	for i := len(s.open) - 1; i >= cut; i-- {
		s.b.WriteString(s.marker(s.open[i], false))
	}
	reopen := append([]byte(nil), s.open[cut:]...)
	s.open = s.open[:cut]
	s.b.WriteString(s.pending + lead)
	s.pending = ""
	for _, k := range append(reopen, 'b', 'i', 's') {
		if want[k] && !s.has(k) {
			s.b.WriteString(s.marker(k, true))
			s.open = append(s.open, k)
		}
	}
	s.b.WriteString(trimmed)
	s.pending = trail
}

func (s *styler) close() {
	for i := len(s.open) - 1; i >= 0; i-- {
		s.b.WriteString(s.marker(s.open[i], false))
	}
	s.open = nil
	s.b.WriteString(s.pending)
	s.pending = ""
}

func wants(sg seg) map[byte]bool {
	return map[byte]bool{'b': sg.bold, 'i': sg.italic, 's': sg.sup}
}

// markdownInline writes segments as the Markdown of the layout's header
// paragraphs, footnotes and lists.
func markdownInline(ps *parser, segs []seg) string { return inlineText(ps, segs, true) }

// htmlInline writes segments as the inline HTML of a table cell.
func htmlInline(ps *parser, segs []seg) string { return inlineText(ps, segs, false) }

// inlineText writes segments in the layout's Markdown (md) or in a cell's
// inline HTML: the same emphasis, breaks, footnote references and links,
// each in its own syntax.
func inlineText(ps *parser, segs []seg, md bool) string {
	var b strings.Builder
	st := &styler{b: &b, md: md, literal: ps.literalSup}
	for i := 0; i < len(segs); {
		sg := segs[i]
		j := i + 1
		switch {
		case sg.brk:
			st.close()
			if md {
				b.WriteString("  \n")
			} else {
				b.WriteString("<br>")
			}
		case sg.note != nil:
			st.close()
			b.WriteString("<sup>" + sg.note.label + "</sup>")
		case sg.ref && strings.TrimSpace(sg.text) != "":
			st.close()
			b.WriteString("<sup>" + strings.TrimSpace(sg.text) + "</sup>")
		case sg.link != nil:
			for j < len(segs) && segs[j].link == sg.link && !segs[j].brk {
				j++
			}
			st.close()
			writeLink(ps, &b, segs[i:j], md)
		default:
			st.write(wants(sg), escape(sg.text, md, false))
		}
		i = j
	}
	st.close()
	return b.String()
}

// writeLink writes the segments of one link: [text](url) or <url> in
// Markdown, <a href="url">text</a> in a cell. Spaces at its ends stay
// outside it.
func writeLink(ps *parser, b *strings.Builder, segs []seg, md bool) {
	href := ps.href(segs[0].link)
	text := plainText(segs)
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	trail := text[len(strings.TrimRight(text, " ")):]
	b.WriteString(lead)
	if md && strings.TrimSpace(text) == href && strings.Contains(href, "://") && !strings.ContainsAny(href, " <>") {
		b.WriteString("<" + href + ">" + trail)
		return
	}
	var ib strings.Builder
	st := &styler{b: &ib, md: md}
	for _, sg := range segs {
		if sg.note != nil {
			st.close()
			ib.WriteString("<sup>" + sg.note.label + "</sup>")
			continue
		}
		st.write(wants(sg), escape(sg.text, md, true))
	}
	st.close()
	inner := strings.TrimSpace(ib.String())
	if md {
		b.WriteString("[" + inner + "](" + mdDest(href) + ")")
	} else {
		b.WriteString(`<a href="` + attrEscape(href) + `">` + inner + "</a>")
	}
	b.WriteString(trail)
}

// escape is mdEscape or htmlEscape.
func escape(s string, md, linkText bool) string {
	if md {
		return mdEscape(s, linkText)
	}
	return htmlEscape(s)
}

// mdEscape escapes the Markdown syntax of the layout's subset in text; in
// link text, parentheses too, as Word-to-Markdown converters write them.
func mdEscape(s string, linkText bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '[', ']', '`':
			b.WriteByte('\\')
		case '(', ')':
			if linkText {
				b.WriteByte('\\')
			}
		case '<':
			if i+1 < len(s) && (isASCIILetter(s[i+1]) || strings.IndexByte("/!?", s[i+1]) >= 0) {
				b.WriteString("&lt;")
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mdDest writes a link destination; parentheses must balance in Markdown.
func mdDest(href string) string {
	depth := 0
	for _, r := range href {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth < 0 {
			break
		}
	}
	if depth != 0 {
		return strings.NewReplacer("(", `\(`, ")", `\)`).Replace(href)
	}
	return href
}

var entityLike = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// htmlEscape keeps the text as the layout's cells hold it: characters are
// written as they are, except those that would read as markup (a "<" that
// could open a tag, an "&" that would read as an entity).
func htmlEscape(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			b.WriteString("&lt;")
		case c == '&' && entityLike.MatchString(s[i:]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func attrEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;").Replace(s)
}

// Describe tells where line:col of the layout is in the Word document, as a
// person finds it there: `Table 2, row 4 "Is there a national eHealth
// governance board in place?", Comments/Experience`, `paragraph 12 "This
// country factsheet..."`, `footnote 9`. lineText is the layout's line.
func (d *Document) Describe(line, col int, lineText string) string {
	if line < 1 || line > len(d.places) {
		return ""
	}
	p := d.places[line-1]
	switch p.kind {
	case placeRow:
		cell, n := 0, 0
		for _, r := range lineText {
			if n >= col-1 {
				break
			}
			if r == '\t' {
				cell++
			}
			n++
		}
		s := fmt.Sprintf("%s, row %d", p.table, p.row)
		if p.row == 1 {
			s = p.table + ", header row"
		} else if p.label != "" {
			s += " " + quote(p.label)
		}
		if cell > 0 || col > 1 {
			if cell < len(p.columns) && p.columns[cell] != "" {
				s += ", " + p.columns[cell]
			} else {
				s += fmt.Sprintf(", column %d", cell+1)
			}
		}
		return s
	case placeHeading:
		return "heading " + quote(p.excerpt)
	case placeParagraph:
		return fmt.Sprintf("paragraph %d %s", p.para, quote(p.excerpt))
	case placeFootnote:
		return "footnote " + p.footnote
	}
	return ""
}

func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 70 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:67])) + "…"
	}
	return strconv.Quote(s)
}
