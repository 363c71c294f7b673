package document

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/richtext"
)

// The factsheet as Word-to-Markdown converters write it (pandoc's gfm,
// and others in its style): tables as GFM pipe tables or, when a cell holds
// lists or paragraphs, as HTML <table> blocks; footnotes as Markdown
// footnotes ([^N] and "[^N]: text" definitions) or, inside HTML blocks,
// as the HTML writer's notes (<a class="footnote-ref"><sup>K</sup></a> in
// the cells and a <section class="footnotes"> after the table, numbered
// from 1 in each block); chapter headings at any level or in bold; captions
// in emphasis. Each is read into the same rows and footnotes as the
// published layout. docs/layout.md lists what is accepted.

var (
	// pipeDelimiterRe is a pipe table's delimiter row: |---|:--:|---|.
	pipeDelimiterRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	})
	// mdFootnoteRe is a Markdown footnote definition: [^12]: text.
	mdFootnoteRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\[\^([A-Za-z0-9_.-]+)\]:[ \t]?`) })
	// boldChapterRe is a chapter heading written as a bold paragraph.
	boldChapterRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\*\*|__)\s*(\d+)\.?\s+(.+?)\s*(\*\*|__)$`) })
	// noteRefRe is the HTML writer's footnote reference in a cell.
	noteRefRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<a\b[^>]*\bclass="[^"]*\bfootnote-ref\b[^"]*"[^>]*>.*?</a>`)
	})
	noteHrefRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bhref="#fn([^"]+)"`) })
	// noteBackRe is the link back from a footnote to its reference.
	noteBackRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<a\b[^>]*\bclass="[^"]*\bfootnote-back\b[^"]*"[^>]*>.*?</a>`)
	})
)

// pandocEmptyAnchor is where pandoc's docx reader points a link to an
// empty bookmark: Word's "#" placeholder links ([title](#) in the
// factsheet) come out as "#X" and the SHA-1 of the empty string without
// its first digit. It is read back as "#".
const pandocEmptyAnchor = "#Xa39a3ee5e6b4b0d3255bfef95601890afd80709"

func undoEmptyAnchor(s string) string {
	if !strings.Contains(s, pandocEmptyAnchor) {
		return s
	}
	return strings.ReplaceAll(s, pandocEmptyAnchor, "#")
}

// unwrapEmphasis removes emphasis around a whole line ("**Table 1 : ...**",
// "*Table 1 : ...*", "_..._"), as converters write a caption paragraph.
func unwrapEmphasis(line string) string {
	for _, w := range []string{"***", "**", "*", "__", "_"} {
		if len(line) > 2*len(w) && strings.HasPrefix(line, w) && strings.HasSuffix(line, w) {
			return strings.TrimSpace(line[len(w) : len(line)-len(w)])
		}
	}
	return line
}

// stripHeadingAttributes removes the attributes pandoc's extended
// Markdown writes after a heading ("## 1 DEFINITIONS {#definitions}").
func stripHeadingAttributes(line string) string {
	if !strings.HasPrefix(line, "#") || !strings.HasSuffix(line, "}") {
		return line
	}
	i := strings.LastIndex(line, " {")
	if i < 0 || i+2 >= len(line) || !strings.ContainsRune("#.", rune(line[i+2])) {
		return line
	}
	return strings.TrimRight(line[:i], " ")
}

// chapterNumber recognises a chapter heading: "## 1 DEFINITIONS" at any
// heading level, or "**1 DEFINITIONS**" in bold when its words are the
// template's heading of that chapter.
func (im *importer) chapterNumber(line string) (int, bool) {
	if m := chapterRe().FindStringSubmatch(line); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil
	}
	m := boldChapterRe().FindStringSubmatch(line)
	if m == nil || m[1] != m[4] {
		return 0, false
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return 0, false
	}
	for _, c := range im.tpl.Chapters {
		if c.Number == n && normalise(c.Heading) == normalise(m[3]) {
			return n, true
		}
	}
	return 0, false
}

// --- pipe tables -----------------------------------------------------------

// pipeCells splits a pipe table row into its cells, trimmed, and the
// column of each cell's text: "|" separates cells, "\|" is a "|" inside a
// cell, the outer pipes are optional.
func pipeCells(line string) ([]string, []int) {
	var cells []string
	var cols []int
	var b strings.Builder
	col := 1      // the column of line[i]
	startCol := 0 // the column of the cell's first character, 0 before it
	i := 0
	if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "|") {
		i = len(line) - len(t) + 1
		col = i + 1
	}
	flush := func() {
		cells = append(cells, strings.TrimSpace(b.String()))
		cols = append(cols, max(startCol, 1))
		b.Reset()
		startCol = 0
	}
	for i < len(line) {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			if startCol == 0 {
				startCol = col
			}
			b.WriteByte('|')
			i += 2
			col += 2
			continue
		case line[i] == '|':
			flush()
			i++
			col++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if startCol == 0 && r != ' ' {
			startCol = col
		}
		b.WriteRune(r)
		i += size
		col++
	}
	if strings.TrimSpace(b.String()) != "" || !strings.HasSuffix(strings.TrimRight(line, " "), "|") {
		flush()
	}
	return cells, cols
}

// pipeLine reads a line starting with "|" inside a table: the header row
// of a pipe table (the row before a |---| delimiter row: its first cell
// the table's, or all cells empty, as pandoc writes a table without a
// header row, or a row of the table, as converters write a table whose
// first row is not marked a header), the delimiter row, and the rows
// after it, whose cells are Markdown (converted to the cell HTML of the
// layout). It reports whether the line was taken.
func (im *importer) pipeLine(l docLine) bool {
	if im.table == nil || im.skipTable {
		return false
	}
	tb := im.table
	line := strings.TrimSpace(l.layout)
	s := im.section(tb)
	if pipeDelimiterRe().MatchString(line) {
		if s.pipeHeader {
			s.pipeHeader, s.pipe = false, true
			return true
		}
		return false
	}
	cells, cols := pipeCells(strings.TrimRight(l.raw, " \t"))
	if len(cells) == 0 {
		return false
	}
	header := l.n < im.f.Lines() && pipeDelimiterRe().MatchString(strings.TrimSpace(im.f.Line(l.n+1)))
	if !header && !s.pipe {
		return false
	}
	im.endText()
	im.inTable(l.n)
	if header {
		s.pipeHeader = true
		if im.isHeader(tb, cells[0]) {
			im.rowCells(l.n, cells, cols)
			return true
		}
		if strings.Join(cells, "") == "" {
			return true // no header row
		}
		// Otherwise the first row of the table, read as a row (an unknown
		// label is reported as such).
	}
	for i, c := range cells {
		cells[i] = richtext.ToHTML(undoEmptyAnchor(c))
	}
	im.rowCells(l.n, cells, cols)
	return true
}

// --- Markdown footnotes ----------------------------------------------------

// mdFootnote reads a Markdown footnote definition "[^N]: text"; its
// continuation lines are indented (by four spaces, as converters write
// them), and may follow a blank line as a new paragraph.
func (im *importer) mdFootnote(l docLine) {
	im.landmarks++
	loc := mdFootnoteRe().FindStringSubmatchIndex(l.layout)
	label := l.layout[loc[2]:loc[3]]
	col := utf8.RuneCountInString(l.layout[:loc[1]]) + 1
	it := newTextItem(undoEmptyAnchor(l.rawFrom(loc[1])), l.n, col)
	it.indented = true
	im.footnotes = append(im.footnotes, footnote{label: label, text: it, line: l.n, labelCol: utf8.RuneCountInString(l.layout[:loc[2]]) + 1, comments: im.takePending()})
	im.item, im.blankAfter = it, false
}

// indentedContinuation reports whether l continues the Markdown footnote
// or list item being read: indented, after it or after a blank line.
func (im *importer) indentedContinuation(l docLine) bool {
	if im.item == nil || !im.item.indented || strings.Count(l.raw, "\t") > 1 {
		return false // (tabs: a row continued after a page break)
	}
	indent := len(l.raw) - len(strings.TrimLeft(l.raw, " \t"))
	if indent == 0 {
		return false
	}
	text := l.raw[min(indent, 4):]
	if strings.HasPrefix(l.raw, "\t") {
		text = l.raw[1:]
	}
	if im.blankAfter {
		im.item.text.WriteString("\n\n")
	} else {
		im.item.text.WriteByte('\n')
	}
	im.item.text.WriteString(undoEmptyAnchor(text))
	im.item.endLine = l.n
	im.item.continuations++
	im.blankAfter = false
	return true
}

// --- HTML blocks -----------------------------------------------------------

// isHTMLBlockStart reports whether a line starts an HTML block the
// importer reads: a table, or the footnotes after one.
func isHTMLBlockStart(layout string) bool {
	t := strings.ToLower(strings.TrimLeft(layout, " "))
	return strings.HasPrefix(t, "<table") || strings.HasPrefix(t, "<section") && strings.Contains(t, "footnotes")
}

// noteLabel is the label given to footnote K of HTML block b until the
// footnotes are numbered (see importer.renumber); a label of the layout's
// characters that no document uses.
func noteLabel(block int, k string) string {
	return "_html" + strconv.Itoa(block) + "." + k
}

// cellHTML is an HTML table cell's content as a cell of the layout: the
// HTML writer's footnote references as <sup>label</sup>, line ends as
// spaces (HTML whitespace), pandoc's empty anchors as "#".
func (im *importer) cellHTML(inner string) string {
	if strings.Contains(inner, "footnote-ref") {
		inner = noteRefRe().ReplaceAllStringFunc(inner, func(a string) string {
			m := noteHrefRe().FindStringSubmatch(a)
			if m == nil {
				return a
			}
			return "<sup>" + noteLabel(im.htmlBlocks, m[1]) + "</sup>"
		})
	}
	inner = strings.ReplaceAll(strings.ReplaceAll(inner, "\r", " "), "\n", " ")
	return strings.TrimSpace(undoEmptyAnchor(inner))
}

// footnoteHTML is a footnote of the HTML writer's list as footnote text:
// without the link back to the reference, converted to Markdown.
func footnoteHTML(inner string) string {
	inner = noteBackRe().ReplaceAllString(inner, "")
	inner = strings.ReplaceAll(inner, "\n", " ")
	return richtext.FromHTML(strings.TrimSpace(undoEmptyAnchor(inner)))
}

// addHTMLFootnote records footnote k of the current HTML block.
func (im *importer) addHTMLFootnote(k string, line, col int, text string) {
	im.landmarks++
	it := newTextItem(text, line, col)
	im.footnotes = append(im.footnotes, footnote{label: noteLabel(im.htmlBlocks, k), text: it, line: line, labelCol: col})
	im.htmlNotes++
}

// unreadHTML reports an HTML block that holds no table the importer can
// read.
func (im *importer) unreadHTML(line int, msg string) {
	if im.table != nil {
		im.addNoise(formHTML, RuleUnrecognised, finding.Warning, line, "", msg, "")
		return
	}
	im.add(RuleUnrecognised, finding.Warning, line, 1, "", msg)
}
