package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/richtext"
)

// Writing: the factsheet's text layout (document.Render's canonical output)
// becomes a Word document in the published layout — a title, the header
// paragraphs and contributor lists, chapters as Heading 1, captions, real
// Word tables whose header row repeats on every page, bullet lists in
// cells, links, and real footnotes numbered by Word. Reading it back gives
// the same layout, so the model round-trips.

// Meta is what the document properties say.
type Meta struct {
	Title, Country, Template string
}

// created is the fixed time written into the document properties and the
// zip entries, so the same factsheet always gives the same bytes.
var created = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	footdefLine = regexp.MustCompile(`^<sup>\s*([A-Za-z0-9_.-]+)\s*</sup>\s?`)
	chapterLine = regexp.MustCompile(`^##\s+\d`)
	captionLine = regexp.MustCompile(`^Table\s+\d+\s*:`)
	bulletLine  = regexp.MustCompile(`^[-*•]\s+`)
)

// Annotation is a comment to anchor in the document: on the paragraph
// written from a line of the layout, or in a table row on the cell at the
// column (1-based, characters); Line 0 anchors it on the title.
type Annotation struct {
	Line, Col        int
	Author, Initials string
	Date             string // ISO 8601
	Text             string // one paragraph per line
}

// Write makes the .docx of a factsheet from its text layout, with the
// annotations as Word comments.
func Write(layout string, meta Meta, notes ...Annotation) []byte {
	w := &writer{notes: map[string]string{}, noteID: map[string]int{}, relID: map[string]string{},
		noteLines: map[string][2]int{}, byLine: map[int][]int{}, annotations: notes}
	lines := strings.Split(strings.ReplaceAll(layout, "\r\n", "\n"), "\n")
	w.collectNotes(lines)
	w.placeAnnotations(lines)
	w.bodyFrom(lines)
	return w.pack(meta)
}

// placeAnnotations files each annotation under the line it will be
// written on: a blank line's goes to the next written line, a line-less
// one to the title.
func (w *writer) placeAnnotations(lines []string) {
	title := 1
	for i, l := range lines {
		if strings.HasPrefix(l, "# ") {
			title = i + 1
			break
		}
	}
	for i, a := range w.annotations {
		line := a.Line
		if line < 1 || line > len(lines) {
			line = title
		}
		for line < len(lines) && strings.TrimSpace(lines[line-1]) == "" {
			line++
		}
		w.byLine[line] = append(w.byLine[line], i)
	}
}

// take returns the annotations on lines first..last (1-based) whose column
// is in [from, to) (to 0: any), and removes them.
func (w *writer) take(first, last, from, to int) []int {
	var out []int
	for l := first; l <= last; l++ {
		keep := w.byLine[l][:0]
		for _, i := range w.byLine[l] {
			c := w.annotations[i].Col
			if to == 0 || (c >= from && c < to) || (from == 1 && c < 1) {
				out = append(out, i)
			} else {
				keep = append(keep, i)
			}
		}
		w.byLine[l] = keep
	}
	return out
}

// commentStart and commentEnd wrap what the comments are on.
func commentStart(b *strings.Builder, ids []int) {
	for _, id := range ids {
		fmt.Fprintf(b, `<w:commentRangeStart w:id="%d"/>`, id)
	}
}

func commentEnd(b *strings.Builder, ids []int) {
	for _, id := range ids {
		fmt.Fprintf(b, `<w:commentRangeEnd w:id="%d"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="%d"/></w:r>`, id, id)
	}
}

type writer struct {
	author, date string // of tracked changes (WriteChanges)
	revID        int
	rowRevs      []byte // per row of the table being written: a row inserted or deleted
	// unrefRev, in WriteChanges, holds the footnotes no text cites in one
	// version or both: written at the end, inserted, deleted or kept.
	unrefRev    map[string]byte
	annotations []Annotation
	byLine      map[int][]int     // line -> annotations not yet written
	noteLines   map[string][2]int // footnote label -> its definition's lines
	line        int               // the layout line being written (1-based)
	body        strings.Builder
	notes       map[string]string // footnote label -> its text (Markdown)
	noteID      map[string]int    // label -> id of its real footnote, once referenced
	order       []string          // labels in order of first reference
	rels        []string          // hyperlink targets, rId1000+i
	relID       map[string]string
	inFoot      bool // writing a footnote's text: its links are in footnotes.xml's rels
	frels       []string
	frelID      map[string]string
	titles      int
	caption     bool // the paragraph before a table was its caption
}

// collectNotes finds every footnote definition (with its continuation
// lines), wherever the layout puts it.
func (w *writer) collectNotes(lines []string) {
	for i := 0; i < len(lines); i++ {
		m := footdefLine.FindStringSubmatchIndex(lines[i])
		if m == nil || strings.Contains(lines[i], "\t") {
			continue
		}
		label := lines[i][m[2]:m[3]]
		text := lines[i][m[1]:]
		first := i + 1
		for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !isLandmark(lines[i+1]) {
			i++
			text += "\n" + lines[i]
		}
		if _, dup := w.notes[label]; !dup {
			w.notes[label] = text
			w.noteLines[label] = [2]int{first, i + 1}
		}
	}
}

func isLandmark(l string) bool {
	return strings.HasPrefix(l, "#") || strings.Contains(l, "\t") || footdefLine.MatchString(l) ||
		bulletLine.MatchString(l) || captionLine.MatchString(l)
}

func (w *writer) bodyFrom(lines []string) {
	var table [][]string
	var rowLines []int
	flushTable := func() {
		if table != nil {
			w.table(table, rowLines)
			table, rowLines = nil, nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		w.line = i + 1
		if strings.Contains(line, "\t") {
			table = append(table, strings.Split(line, "\t"))
			rowLines = append(rowLines, i+1)
			continue
		}
		flushTable()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
		case strings.HasPrefix(line, "# "):
			w.titles++
			props := ""
			if w.titles > 1 {
				// The title repeated before chapter 1 opens the body on a
				// page of its own, as in the published factsheet.
				props = `<w:pageBreakBefore/>`
			}
			w.para("Title", props, strings.TrimPrefix(line, "# "), false)
		case chapterLine.MatchString(line):
			w.para("Heading1", "", strings.TrimSpace(strings.TrimPrefix(line, "##")), false)
		case strings.HasPrefix(line, "#"):
			w.para("Heading2", "", strings.TrimSpace(strings.TrimLeft(line, "#")), false)
		case footdefLine.MatchString(line):
			// Defined in footnotes.xml when referenced; skip its lines.
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !isLandmark(lines[i+1]) {
				i++
			}
		case bulletLine.MatchString(line):
			text := line[len(bulletLine.FindString(line)):]
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !isLandmark(lines[i+1]) {
				i++
				text += "\n" + lines[i]
			}
			w.para("ListBullet", listPr(0), text, true)
		case captionLine.MatchString(line):
			w.para("Caption", "", line, true)
			w.caption = true
			continue
		default:
			text := line
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !isLandmark(lines[i+1]) {
				i++
				text += "\n" + lines[i]
			}
			w.para("", "", text, true)
		}
		w.caption = false
	}
	flushTable()
	w.unreferenced()
}

func listPr(level int) string {
	return fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>`, level)
}

// para writes one paragraph of Markdown text (md) or plain text: the layout
// lines from w.line to the last line of text, with their annotations.
func (w *writer) para(style, props, text string, md bool) {
	ids := w.take(w.line, w.line+strings.Count(text, "\n"), 1, 0)
	w.body.WriteString(`<w:p>`)
	w.pPr(style, props)
	commentStart(&w.body, ids)
	if md {
		w.inline(&w.body, mdToHTML(text))
	} else {
		w.textRun(&w.body, fmtState{}, text)
	}
	commentEnd(&w.body, ids)
	w.body.WriteString(`</w:p>`)
}

func (w *writer) pPr(style, numPr string) {
	if style == "" && numPr == "" {
		return
	}
	w.body.WriteString(`<w:pPr>`)
	if style != "" {
		w.body.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	w.body.WriteString(numPr)
	w.body.WriteString(`</w:pPr>`)
}

// mdToHTML turns the layout's inline Markdown into the inline HTML the run
// writer reads; line breaks become <br>.
func mdToHTML(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		lines[i] = richtext.InlineHTML(malformedLinks(strings.TrimRight(l, " ")))
	}
	return strings.Join(lines, "<br>")
}

// malformedLinks turns links whose address holds spaces — Markdown does
// not take them as links, the lint rules report them as malformed — into
// the link the author meant, so the Word document keeps them (and reading
// it back gives the same text).
func malformedLinks(md string) string {
	links := richtext.Links(md)
	var b strings.Builder
	last := 0
	for _, l := range links {
		if l.Autolink || l.Unclosed || !strings.ContainsAny(l.URL, " \t") {
			continue
		}
		text := richtext.InlineHTML(l.Text)
		b.WriteString(md[last:l.Start])
		b.WriteString(`<a href="` + html.EscapeString(l.URL) + `">` + text + `</a>`)
		last = l.End
	}
	if last == 0 {
		return md
	}
	b.WriteString(md[last:])
	return b.String()
}

// table writes a table: the first row is its header, repeated on every
// page.
func (w *writer) table(rows [][]string, lines []int) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	widths := columnWidths(cols, strings.TrimSpace(rows[0][0]))
	b := &w.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="FactsheetTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	for i, r := range rows {
		b.WriteString(`<w:tr>`)
		var rowRev string
		if i < len(w.rowRevs) {
			rowRev = w.revMark(w.rowRevs[i])
		}
		if i == 0 {
			b.WriteString(`<w:trPr><w:tblHeader/>` + rowRev + `</w:trPr>`)
		} else {
			b.WriteString(`<w:trPr><w:cantSplit/>` + rowRev + `</w:trPr>`)
		}
		col := 1 // where each cell starts in the layout line
		for j := 0; j < cols; j++ {
			cell := ""
			if j < len(r) {
				cell = r[j]
			}
			end := col + utf8.RuneCountInString(cell) + 1
			if j == cols-1 {
				end = 1 << 30
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, widths[j])
			w.cell(cell, w.take(lines[i], lines[i], col, end))
			b.WriteString(`</w:tc>`)
			col = end
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between two tables, and after the last.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="AfterTable"/></w:pPr></w:p>`)
}

// columnWidths shares an A4 text width (in twentieths of a point) among
// the columns: Table 1's term narrow and its two texts wide; a question
// wide, its answer narrow, the comments the rest; Table 5's areas and
// solution types alike.
func columnWidths(cols int, first string) []int {
	const total = 9638 // 17 cm
	if cols <= 1 {
		return []int{total}
	}
	out := make([]int, cols)
	switch {
	case cols == 3 && strings.EqualFold(first, "Term"):
		out[0], out[1] = 1900, 3900
	case cols == 3:
		out[0], out[1] = 3200, 1300
	default:
		out[0] = 2000
		for i := 1; i < cols-1; i++ {
			out[i] = (total - out[0]) / (cols - 1)
		}
	}
	used := 0
	for _, wd := range out[:cols-1] {
		used += wd
	}
	out[cols-1] = total - used
	return out
}

// cell writes the paragraphs of a cell from its inline HTML: the first bare
// text, <p> paragraphs, <ul><li> lists (nested by level).
func (w *writer) cell(h string, ids []int) {
	z := html.NewTokenizer(strings.NewReader(h))
	var cur strings.Builder // inline HTML of the paragraph being collected
	style, level, inItem := "TableContents", -1, false
	var paras [][2]string // properties and runs of each paragraph
	// Tracked changes (WriteChanges): the state at the paragraph's start,
	// and whether its text is all inserted or all deleted (then its mark
	// is too).
	var rev byte
	var seen [256]bool
	write := func(s string) {
		if s == "" {
			return
		}
		if cur.Len() == 0 && rev != 0 {
			cur.WriteString(map[byte]string{revInsert: markIns, revDelete: markDel}[rev])
		}
		if strings.TrimSpace(s) != "" {
			seen[rev] = true
		}
		cur.WriteString(s)
	}
	flush := func() {
		text := cur.String()
		cur.Reset()
		mark := byte(0)
		if seen[revInsert] && !seen[0] && !seen[revDelete] {
			mark = revInsert
		} else if seen[revDelete] && !seen[0] && !seen[revInsert] {
			mark = revDelete
		}
		seen = [256]bool{}
		if strings.TrimSpace(strings.Map(dropMarkers, text)) == "" && !inItem {
			return
		}
		var pp, runs strings.Builder
		w.pPrTo(&pp, style, level, mark)
		w.inline(&runs, text)
		paras = append(paras, [2]string{pp.String(), runs.String()})
	}
	text := func(raw string, bullet bool) {
		for raw != "" {
			i := strings.IndexAny(raw, markers)
			seg := raw
			if i >= 0 {
				seg = raw[:i]
			}
			if bullet && cur.Len() == 0 {
				// The layout's typed bullet: Word's list draws its own.
				t := strings.TrimPrefix(strings.TrimLeft(seg, " "), "•")
				if t != strings.TrimLeft(seg, " ") || strings.TrimSpace(seg) == "" {
					seg = strings.TrimLeft(t, " \u00a0")
				}
			}
			if !inItem && level >= 0 && strings.TrimSpace(seg) == "" {
				seg = "" // space between list items
			}
			write(seg)
			if i < 0 {
				return
			}
			rev = markerRev(raw[i])
			if cur.Len() > 0 {
				cur.WriteByte(raw[i])
			}
			raw = raw[i+1:]
		}
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		name, _ := z.TagName()
		switch tag := string(name); {
		case (tt == html.StartTagToken || tt == html.EndTagToken) && tag == "p":
			flush()
		case tt == html.StartTagToken && tag == "ul":
			flush()
			level++
			inItem = false
		case tt == html.EndTagToken && tag == "ul":
			flush()
			inItem = false
			level = max(level-1, -1)
		case tt == html.StartTagToken && tag == "li":
			flush()
			inItem = true
		case tt == html.EndTagToken && tag == "li":
			flush()
			inItem = false
		case tt == html.TextToken:
			text(raw, inItem)
		default:
			write(raw)
		}
	}
	flush()
	if len(paras) == 0 {
		paras = append(paras, [2]string{`<w:pPr><w:pStyle w:val="TableContents"/></w:pPr>`, ""})
	}
	// The cell's comments span its paragraphs, first to last.
	b := &w.body
	for i, p := range paras {
		b.WriteString(`<w:p>` + p[0])
		if i == 0 {
			commentStart(b, ids)
		}
		b.WriteString(p[1])
		if i == len(paras)-1 {
			commentEnd(b, ids)
		}
		b.WriteString(`</w:p>`)
	}
}

func dropMarkers(r rune) rune {
	if r >= 0x1c && r <= 0x1f {
		return -1
	}
	return r
}

func (w *writer) pPrTo(b *strings.Builder, style string, level int, mark byte) {
	b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/>`)
	if level >= 0 {
		b.WriteString(listPr(min(level, 8)))
	}
	if mark != 0 {
		b.WriteString(`<w:rPr>` + w.revMark(mark) + `</w:rPr>`)
	}
	b.WriteString(`</w:pPr>`)
}

type fmtState struct {
	bold, italic, sup, link bool
	rev                     byte // revInsert or revDelete for a tracked change; 0 otherwise
}

// inline writes inline HTML (<b>, <i>, <sup>, <a href>, <br>, text) as
// runs. A <sup> holding a footnote's label is that footnote's reference:
// the first one a real Word footnote, later ones the number in
// superscript, as Word cross-references a footnote cited twice.
func (w *writer) inline(b *strings.Builder, h string) {
	z := html.NewTokenizer(strings.NewReader(h))
	var st fmtState
	var bStack, iStack int
	var rev byte
	inSup, supText, supLiteral := false, "", false
	linkOpen := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		switch tt {
		case html.TextToken:
			text := html.UnescapeString(string(z.Raw()))
			if inSup {
				supText += text
				continue
			}
			// Tracked changes are marked in the text between tokens.
			for text != "" {
				i := strings.IndexAny(text, markers)
				if i < 0 {
					w.textRun(b, st, text)
					break
				}
				w.textRun(b, st, text[:i])
				st.rev = markerRev(text[i])
				text = text[i+1:]
			}
			rev = st.rev
		case html.CommentToken:
			if inSup {
				supLiteral = true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tag {
			case "b", "strong":
				bStack++
			case "i", "em":
				iStack++
			case "sup":
				inSup, supText, supLiteral = true, "", false
			case "br":
				w.revRun(b, st.rev, `<w:r><w:br/></w:r>`)
			case "a":
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				if linkOpen {
					b.WriteString(`</w:hyperlink>`)
				}
				b.WriteString(`<w:hyperlink r:id="` + w.rel(href) + `">`)
				linkOpen = true
			default:
				// Markup the layout keeps verbatim: its text as written.
				w.textRun(b, st, string(z.Raw()))
			}
		case html.EndTagToken:
			switch tag {
			case "b", "strong":
				bStack = max(bStack-1, 0)
			case "i", "em":
				iStack = max(iStack-1, 0)
			case "sup":
				if inSup {
					inSup = false
					if supLiteral {
						// The Markdown's own <sup> (marked with an empty
						// comment): a superscript, not a citation.
						st.sup = true
						w.textRun(b, st, supText)
						st.sup = false
					} else {
						w.supRun(b, st, strings.TrimSpace(supText))
					}
				}
			case "a":
				if linkOpen {
					b.WriteString(`</w:hyperlink>`)
					linkOpen = false
				}
			default:
				w.textRun(b, st, string(z.Raw()))
			}
		}
		st.bold, st.italic, st.link, st.rev = bStack > 0, iStack > 0, linkOpen, rev
	}
	if inSup {
		w.supRun(b, st, strings.TrimSpace(supText))
	}
	if linkOpen {
		b.WriteString(`</w:hyperlink>`)
	}
}

// supRun writes a superscript: a footnote reference when it holds a
// footnote's label.
func (w *writer) supRun(b *strings.Builder, st fmtState, label string) {
	if _, ok := w.notes[label]; ok && !w.inFoot {
		if _, done := w.noteID[label]; !done {
			w.order = append(w.order, label)
			w.noteID[label] = len(w.order)
			// Comments on the footnote go on its number in the text,
			// where the reader sees it.
			lines := w.noteLines[label]
			ids := w.take(lines[0], lines[1], 1, 0)
			commentStart(b, ids)
			n := w.noteID[label]
			// A bookmark on the reference lets later citations show its
			// number (NOTEREF), as Word cross-references a footnote.
			fmt.Fprintf(b, `<w:bookmarkStart w:id="%d" w:name="_RefFn%d"/>`, 200000+n, n)
			w.revRun(b, st.rev, fmt.Sprintf(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, n))
			fmt.Fprintf(b, `<w:bookmarkEnd w:id="%d"/>`, 200000+n)
			commentEnd(b, ids)
			return
		}
		// A footnote cited again: its number, by a NOTEREF field.
		n := w.noteID[label]
		field := fmt.Sprintf(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF _RefFn%d \f \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
			`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>%d</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`, n, n)
		w.revRun(b, st.rev, field)
		return
	}
	st.sup = true
	w.textRun(b, st, label)
}

// textRun writes text as one run with its formatting. Text is only ever
// character data: nothing in it can become markup or a field.
func (w *writer) textRun(b *strings.Builder, st fmtState, text string) {
	if text == "" {
		return
	}
	if st.rev != 0 {
		b.WriteString(w.revOpen(st.rev))
	}
	b.WriteString(`<w:r>`)
	if st.bold || st.italic || st.sup || st.link {
		b.WriteString(`<w:rPr>`)
		if st.link {
			b.WriteString(`<w:rStyle w:val="Hyperlink"/>`)
		}
		if st.bold {
			b.WriteString(`<w:b/>`)
		}
		if st.italic {
			b.WriteString(`<w:i/>`)
		}
		if st.sup {
			b.WriteString(`<w:vertAlign w:val="superscript"/>`)
		}
		b.WriteString(`</w:rPr>`)
	}
	if st.rev == revDelete {
		b.WriteString(`<w:delText xml:space="preserve">` + xmlText(text) + `</w:delText></w:r>`)
	} else {
		b.WriteString(`<w:t xml:space="preserve">` + xmlText(text) + `</w:t></w:r>`)
	}
	if st.rev != 0 {
		b.WriteString(revClose[st.rev])
	}
}

// rel returns the relationship id of a link target in the part being
// written.
func (w *writer) rel(target string) string {
	ids, list, prefix := w.relID, &w.rels, "rIdL"
	if w.inFoot {
		if w.frelID == nil {
			w.frelID = map[string]string{}
		}
		ids, list, prefix = w.frelID, &w.frels, "rIdF"
	}
	if id, ok := ids[target]; ok {
		return id
	}
	*list = append(*list, target)
	id := prefix + strconv.Itoa(len(*list))
	ids[target] = id
	return id
}

// unreferenced writes the footnotes no text refers to as the published
// layout does, a paragraph that starts with the superscript number: Word
// has no footnote without a reference.
func (w *writer) unreferenced() {
	labels := make([]string, 0, len(w.notes))
	for l := range w.notes {
		_, cited := w.noteID[l]
		if _, tracked := w.unrefRev[l]; (!cited && w.unrefRev == nil) || tracked {
			labels = append(labels, l)
		}
	}
	sortLabels(labels)
	for _, l := range labels {
		ids := w.take(w.noteLines[l][0], w.noteLines[l][1], 1, 0)
		rev := w.unrefRev[l]
		w.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="FootnoteText"/>`)
		if rev != 0 {
			w.body.WriteString(`<w:rPr>` + w.revMark(rev) + `</w:rPr>`)
		}
		w.body.WriteString(`</w:pPr>`)
		commentStart(&w.body, ids)
		w.textRun(&w.body, fmtState{sup: true, rev: rev}, l)
		w.textRun(&w.body, fmtState{rev: rev}, " ")
		w.inline(&w.body, map[byte]string{0: "", revInsert: markIns, revDelete: markDel}[rev]+mdToHTML(w.notes[l]))
		commentEnd(&w.body, ids)
		w.body.WriteString(`</w:p>`)
	}
	// What found no place (a line the layout does not write) goes on the
	// last paragraph, so no annotation is ever lost.
	var rest []int
	for l := range w.byLine {
		rest = append(rest, w.take(l, l, 1, 0)...)
	}
	if len(rest) > 0 {
		sortInts(rest)
		w.body.WriteString(`<w:p>`)
		commentStart(&w.body, rest)
		commentEnd(&w.body, rest)
		w.body.WriteString(`</w:p>`)
	}
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j-1] > a[j]; j-- {
			a[j-1], a[j] = a[j], a[j-1]
		}
	}
}

func sortLabels(ls []string) {
	key := func(s string) (int, string) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 1 << 30, s
		}
		return n, s
	}
	for i := 1; i < len(ls); i++ {
		for j := i; j > 0; j-- {
			a, as := key(ls[j-1])
			c, cs := key(ls[j])
			if a < c || (a == c && as <= cs) {
				break
			}
			ls[j-1], ls[j] = ls[j], ls[j-1]
		}
	}
}

func (w *writer) footnotesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:footnotes ` + writeNS + `>`)
	b.WriteString(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	b.WriteString(`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	w.inFoot = true
	for i := 0; i < len(w.order); i++ { // a footnote's text may cite no other
		label := w.order[i]
		fmt.Fprintf(&b, `<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`, w.noteID[label])
		w.inline(&b, mdToHTML(w.notes[label]))
		b.WriteString(`</w:p></w:footnote>`)
	}
	w.inFoot = false
	b.WriteString(`</w:footnotes>`)
	return b.String()
}

// xmlText escapes text for XML character data and drops what XML 1.0
// cannot hold (control characters other than tab and newline, U+FFFE,
// U+FFFF, invalid UTF-8).
func xmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune('\uFFFD')
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlAttr(s string) string {
	return strings.ReplaceAll(xmlText(s), `"`, "&quot;")
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const writeNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func (w *writer) pack(meta Meta) []byte {
	document := xmlHeader + `<w:document ` + writeNS + `><w:body>` + w.body.String() +
		`<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`
	footnotes := w.footnotesXML()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(meta)},
		{"docProps/app.xml", appProps},
		{"word/document.xml", document},
		{"word/_rels/document.xml.rels", relsXML(documentRels, w.rels, "rIdL")},
		{"word/styles.xml", stylesXML},
		{"word/numbering.xml", numberingXML},
		{"word/settings.xml", settingsXML},
		{"word/footnotes.xml", footnotes},
		{"word/comments.xml", w.commentsXML()},
		{"word/_rels/footnotes.xml.rels", relsXML("", w.frels, "rIdF")},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created})
		if err == nil {
			_, err = fw.Write([]byte(p.body))
		}
		if err != nil {
			panic("docx: writing to memory failed: " + err.Error()) // a bytes.Buffer does not fail
		}
	}
	if err := zw.Close(); err != nil {
		panic("docx: writing to memory failed: " + err.Error())
	}
	return buf.Bytes()
}

// commentsXML is comments.xml: one comment per annotation, each paragraph
// of its text a paragraph.
func (w *writer) commentsXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:comments ` + writeNS + `>`)
	for i, a := range w.annotations {
		fmt.Fprintf(&b, `<w:comment w:id="%d" w:author="%s" w:date="%s" w:initials="%s">`, i, xmlAttr(a.Author), xmlAttr(a.Date), xmlAttr(a.Initials))
		for j, para := range strings.Split(a.Text, "\n") {
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>`)
			if j == 0 {
				b.WriteString(`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>`)
			}
			w.textRun(&b, fmtState{}, para)
			b.WriteString(`</w:p>`)
		}
		b.WriteString(`</w:comment>`)
	}
	b.WriteString(`</w:comments>`)
	return b.String()
}

func relsXML(fixed string, links []string, prefix string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + fixed)
	for i, l := range links {
		fmt.Fprintf(&b, `<Relationship Id="%s%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, prefix, i+1, xmlAttr(l))
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func coreProps(m Meta) string {
	ts := created.Format(time.RFC3339)
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(m.Title) + `</dc:title><dc:subject>` + xmlText(m.Country) + `</dc:subject><cp:keywords>` + xmlText(m.Template) + `</cp:keywords>` +
		`<dc:creator>factsheet</dc:creator><cp:lastModifiedBy>factsheet</cp:lastModifiedBy>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified></cp:coreProperties>`
}
