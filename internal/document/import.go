// Package document reads and writes the factsheet as the published document:
// Markdown/text with a header (title, joint-action paragraphs, review rounds
// in prose with contributor lists, contact), chapters ("## 1 DEFINITIONS"),
// table captions ("Table 2 : ... - Belgium"), tables as tab-separated rows
// with inline HTML, footnote definitions ("<sup>N</sup> ...") and "Further
// information" lists.
//
// The importer reads the document exactly as published, page-break artefacts
// included: header rows repeated mid-table, a row continued after a repeated
// header (its leading cells empty), footnote definitions between the parts of
// a table or in a later chapter. It produces the same JSON-shaped value and
// source map as the YAML and JSON decoders, so validation and every rule work
// on the document's own lines. Docs: docs/layout.md.
package document

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/country"
	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// Rule IDs of the findings the importer produces.
const (
	RuleNotFactsheet = rules.DocumentNotFactsheet
	RuleUnrecognised = rules.DocumentUnrecognised
	RuleUnknownRow   = validation.RuleUnknown
	RuleDuplicateRow = rules.DocumentDuplicateRow
	RuleRowCells     = rules.DocumentRowCells
	RuleUnknownTable = rules.DocumentUnknownTable
	RuleRound        = rules.DocumentRound
	RuleCountry      = rules.DocumentCountry
	RuleTablesUnread = rules.DocumentTablesUnread
)

var (
	captionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Table\s+(\d+)\s*:\s*(.*)$`) })
	chapterRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#{1,6}\s+(\d+)\.?\s+(.*)$`) })
	footdefRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<sup>\s*([A-Za-z0-9_.-]+)\s*</sup>\s?`) })
	bulletRe  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-*•]\s+`) })
	furtherRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(?:#{1,6}\s*|\*\*\s*|__\s*|\*|_)?further information\s*:?\s*(?:\*\*|__|\*|_)?\s*:?\s*$`)
	})
	mailtoRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]*)\]\(mailto:([^)\s]+)\)`) })
	emailRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`) })
	tagRe      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`</?[a-zA-Z][^>]*>`) })
	captionSep = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s+[-–—]\s+([^-–—]+)$`) })
)

// Import reads a factsheet document of the default template.
func Import(f *source.File) decode.Result {
	return ImportWith(f, template.Builtin().Default())
}

// ImportWith reads a factsheet document of the given template: its
// chapters, captions and row and column labels are what the text is
// matched against.
func ImportWith(f *source.File, tpl *template.Template) decode.Result {
	im := &importer{
		f: f, tpl: tpl, m: source.Map{},
		rows: map[string]*row{}, sections: map[string]*sectionState{},
	}
	im.run()
	return im.result()
}

type importer struct {
	f   *source.File
	tpl *template.Template
	m   source.Map
	fs  []finding.Finding

	// What was found.
	titleLine, titleCol     int
	titleText               string
	intro                   []*strings.Builder // paragraphs, each over one or more lines
	introLine, introEnd     int
	rounds                  []*roundState
	contact                 string
	contactLine, contactCol int
	countryName             string
	countryLine, countryCol int
	footnotes               []footnote
	sections                map[string]*sectionState
	rows                    map[string]*row // by item ID qualified with the section
	rowOrder                []*row
	wording                 map[string]string
	shortAnswers            map[string]bool // the template's short answers, normalised (shortAnswer)
	labels                  map[*template.Table]*labelIndex
	landmarks               int      // title, chapters, captions, rows: is this a factsheet at all?
	unreadSpaced            int      // rows written with spaces that could not be split
	captions                int      // table captions of the template's tables
	firstCaption            int      // the line of the first
	unreadItems             []string // pointers of items whose rows were seen but not read
	unreadRefs              []string // footnote labels referenced in lines not read
	htmlBlocks              int      // HTML blocks read so far: footnote numbers restart in each
	htmlNotes               int      // footnotes read from HTML blocks: if any, all are numbered anew
	refOrder                []string // footnote labels in the order of their first reference
	refSeen                 map[string]bool
	numbers                 map[string]string // footnote label -> its number, when numbered anew
	// noise holds what was reported about lines inside tables (text,
	// lists, rows that could not be split): when not one row could be
	// read, they are one finding with the reason instead.
	noise []tableNoise
	// pending are the directive comments (<!-- factsheet-ignore ... -->)
	// read and waiting for the row, footnote or item they precede;
	// comments those that found it (or, detached, found none).
	pending, comments []decode.Comment

	// Where we are.
	inBody     bool
	chapter    *template.Chapter
	table      *template.Table
	skipTable  bool // rows of an unknown table are skipped (reported once)
	lastRow    *row
	further    *sectionState // the section a "Further information" list belongs to
	item       *textItem     // the bullet or footnote that text lines continue
	listOwner  string        // what the current header bullet list is: "round", "chapters"
	blankAfter bool          // a blank line since the last bullet or footnote
}

type roundState struct {
	kind, date     string
	line, dateCol  int
	contributors   []model.Contributor
	contribLines   []int
	contribColumns []int
}

type footnote struct {
	label          string
	text           *textItem
	line, labelCol int
	comments       []decode.Comment // the directive comments before it
}

// textItem is text that may continue on the following lines (a bullet item,
// a footnote definition). The lines are collected in a builder: adding each
// to a string would copy the text so far every time, quadratic in a long
// item.
type textItem struct {
	text          strings.Builder
	line, col     int
	endLine       int
	continuations int
	indented      bool // Markdown: indented lines continue it, after a blank line too
}

func newTextItem(text string, line, col int) *textItem {
	it := &textItem{line: line, col: col, endLine: line}
	it.text.WriteString(text)
	return it
}

type sectionState struct {
	table                 *template.Table
	captionLine           int
	headerLine, headerCol int
	// repeatedHeaders are the lines of the header repeated after a page
	// break: a fix of a column label's wording edits them too.
	repeatedHeaders        []int
	further                []*textItem
	furtherLine, furtherCl int
	hasFurther             bool
	spacing                *spacing // how its tabs became spaces, when its header row had none
	pipeHeader             bool     // a Markdown pipe table's header row was read: its delimiter row is next
	pipe                   bool     // the table is a Markdown pipe table: its rows follow
}

// row is a table row, kept as raw cells until the end so that a row
// continued after a page break can be joined before converting.
type row struct {
	table *template.Table
	id    string
	cells []string
	line  int
	cols  []int
	more  [][]int // per cell: further lines it continues on
	// joined holds, per cell, the cell with its continuations once it has
	// any (nil before): a builder, so that a row continued over many lines
	// is joined in linear time.
	joined []*strings.Builder
	// lines and ends are, per cell, the lines its text starts and ends on,
	// for a row whose cells are on lines of their own (an HTML table);
	// nil when the whole row is line.
	lines, ends []int
}

// cellLines is where cell i starts and ends.
func (r *row) cellLines(i int) (int, int) {
	if r.lines == nil || i >= len(r.lines) {
		return r.line, r.line
	}
	return r.lines[i], r.ends[i]
}

// cell is the text of cell i with its continuations.
func (r *row) cell(i int) string {
	if i < len(r.joined) && r.joined[i] != nil {
		return r.joined[i].String()
	}
	return r.cells[i]
}

// continueCell adds the text of a continuation line to cell i, with a
// space.
func (r *row) continueCell(i int, text string) {
	if r.joined == nil {
		r.joined = make([]*strings.Builder, len(r.cells))
	}
	b := r.joined[i]
	if b == nil {
		b = &strings.Builder{}
		b.WriteString(r.cells[i])
		r.joined[i] = b
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(text)
}

// tableNoise is a finding about a line inside a table, the table, and
// what the line looked like.
type tableNoise struct {
	finding.Finding
	table *template.Table
	form  lineForm
}

// lineForm is what a line inside a table that could not be read looks
// like: what the reason is when no row at all could be read.
type lineForm int

const (
	formOther  lineForm = iota
	formSpaced          // cells separated by spaces, but not splittable
	formPipe            // a Markdown pipe table row
	formHTML            // an HTML table's markup
	formNote            // a finding of the table as a whole (spaces for tabs)
)

// addNoise reports a line inside the current table as noise (see
// importer.noise). text is the line: the footnotes it references are
// referenced by the document even though the line was not read.
func (im *importer) addNoise(form lineForm, rule string, sev finding.Severity, line int, ptr, msg, text string) {
	im.noise = append(im.noise, tableNoise{finding.Finding{
		Rule: rule, Severity: sev,
		Location: finding.Location{File: im.f.Name, Line: line, Column: 1, Pointer: ptr},
		Message:  msg,
	}, im.table, form})
	if strings.Contains(text, "<sup>") || strings.Contains(text, "[^") {
		for _, r := range richtext.Refs(richtext.SupToRefs(text)) {
			im.unreadRefs = append(im.unreadRefs, r.Label)
		}
	}
}

func (im *importer) add(rule string, sev finding.Severity, line, col int, ptr, msg string) {
	im.fs = append(im.fs, finding.Finding{
		Rule: rule, Severity: sev,
		Location: finding.Location{File: im.f.Name, Line: line, Column: col, Pointer: ptr},
		Message:  msg,
	})
}

func (im *importer) run() {
	for n := 1; n <= im.f.Lines(); n++ {
		l := newDocLine(n, im.f.Line(n))
		if strings.HasPrefix(strings.TrimLeft(l.layout, " "), "<!--") {
			// An HTML comment: invisible in Markdown, skipped to its end.
			// A directive is kept for what follows it.
			start := n
			for !strings.Contains(im.f.Line(n), "-->") && n < im.f.Lines() {
				n++
			}
			col := strings.Index(im.f.Line(start), "<!--") + 1
			_, after, closed := strings.Cut(im.f.Line(n)[min(len(im.f.Line(n)), colOffset(im.f.Line(start), n == start)):], "-->")
			switch {
			case !closed:
				// Markdown hides the rest of the document too; said at the
				// comment, or the tables after it are only "missing".
				im.add(RuleUnrecognised, finding.Error, start, col, "",
					fmt.Sprintf("this HTML comment is never closed with -->, so the %d lines after it are ignored; close it", n-start))
			case strings.TrimSpace(after) != "" && !strings.HasPrefix(strings.TrimSpace(after), "<!--"):
				// The line is the comment's (an HTML block in Markdown):
				// a row written after --> would be lost without a word.
				line := im.f.Line(n)
				at := len(line) - len(strings.TrimLeft(after, " \t"))
				im.add(RuleUnrecognised, finding.Warning, n, utf8.RuneCountInString(line[:at])+1, "",
					"text after an HTML comment's --> on its line is ignored: "+excerpt(strings.TrimSpace(after))+"; start it on a line of its own")
			}
			im.directive(start, n)
			continue
		}
		if isHTMLBlockStart(l.layout) {
			// An HTML block ends at the next blank line (CommonMark).
			end := n
			for end < im.f.Lines() && strings.TrimSpace(im.f.Line(end+1)) != "" {
				end++
			}
			im.htmlBlock(n, im.f.Text[im.f.Offset(n, 1):im.f.Offset(end, 1)+len(im.f.Line(end))])
			im.detach()
			n = end
			continue
		}
		im.line(l)
		if strings.TrimSpace(l.layout) != "" {
			// What the line started took the comments before it (attach);
			// those it did not take precede nothing the model keeps.
			im.detach()
		}
	}
	im.detach()
}

// colOffset is where to look for a comment's "-->" on its last line: after
// the "<!--" when the comment opens on that line (so "<!-->" is not taken
// for a close), from the start otherwise.
func colOffset(first string, sameLine bool) int {
	if !sameLine {
		return 0
	}
	return strings.Index(first, "<!--") + len("<!--")
}

// directive keeps the HTML comment on lines first..last when it is a
// directive (<!-- factsheet-ignore RULE -- reason -->), for what follows.
func (im *importer) directive(first, last int) {
	var b strings.Builder
	for n := first; n <= last; n++ {
		if n > first {
			b.WriteByte(' ')
		}
		b.WriteString(im.f.Line(n))
	}
	text := strings.TrimSpace(b.String())
	if !strings.Contains(text, decode.Directive) {
		return
	}
	text = strings.TrimPrefix(text, "<!--")
	text, _, _ = strings.Cut(text, "-->")
	col := strings.Index(im.f.Line(first), "<!--")
	im.pending = append(im.pending, decode.Comment{Line: first, Col: utf8.RuneCountInString(im.f.Line(first)[:col]) + 1, Text: strings.TrimSpace(text)})
}

// attach gives the comments waiting to what a line started, at ptr.
func (im *importer) attach(ptr string) {
	for _, c := range im.pending {
		c.Ptr = ptr
		im.comments = append(im.comments, c)
	}
	im.pending = nil
}

// takePending hands the comments waiting to a footnote, whose pointer is
// known only once the footnotes are numbered.
func (im *importer) takePending() []decode.Comment {
	p := im.pending
	im.pending = nil
	return p
}

// detach keeps the comments waiting as preceding nothing.
func (im *importer) detach() {
	for _, c := range im.pending {
		c.Detached = true
		im.comments = append(im.comments, c)
	}
	im.pending = nil
}

// docLine is one line of the document twice: as written (raw), and as the
// layout is recognised in it (layout): every Unicode space separator an
// ASCII space (a no-break space before the colon of "Table 1 : " is a
// space) and the end trimmed. Both have the same runes at the same places,
// so columns agree; text the model keeps is taken from raw.
type docLine struct {
	n      int
	raw    string
	layout string
	folded bool // layout differs from raw by more than its trimmed end
}

func newDocLine(n int, raw string) docLine {
	fold := richtext.FoldSpaces(raw)
	return docLine{n: n, raw: raw, layout: strings.TrimRight(fold, " \t\r"), folded: len(fold) != len(raw)}
}

// rawAt maps a byte offset in the layout line to the raw line.
func (l docLine) rawAt(off int) int {
	if !l.folded {
		return off
	}
	return richtext.RuneOffset(l.raw, l.layout, off)
}

// rawFrom is the raw line from the layout line's byte offset off.
func (l docLine) rawFrom(off int) string { return l.raw[l.rawAt(off):] }

// trimmed is the raw line without its trailing spaces.
func (l docLine) trimmed() string {
	return strings.TrimRightFunc(l.raw, func(r rune) bool { return r == '\t' || r == '\r' || richtext.IsSpace(r) })
}

func (im *importer) line(l docLine) {
	l.layout = stripHeadingAttributes(l.layout)
	line, n := l.layout, l.n
	if strings.TrimSpace(line) == "" {
		if im.item != nil {
			im.blankAfter = true
		}
		return
	}
	if im.indentedContinuation(l) {
		return
	}
	// A tab-separated row keeps its trailing empty cells: use the raw line.
	if strings.Contains(l.raw, "\t") && !strings.HasPrefix(strings.TrimLeft(line, " "), "|") {
		im.endText()
		im.tableRow(n, l.raw)
		return
	}
	if num, ok := im.chapterNumber(line); ok {
		im.endText()
		im.chapterHeading(n, num)
		return
	}
	switch {
	case strings.HasPrefix(line, "# "):
		im.endText()
		im.heading1(l)
	case furtherRe().MatchString(line):
		im.endText()
		im.furtherHeading(n)
	case captionRe().MatchString(unwrapEmphasis(line)):
		im.endText()
		im.caption(n, unwrapEmphasis(line))
	case footdefRe().MatchString(line):
		im.endText()
		im.footnoteDef(l)
	case mdFootnoteRe().MatchString(line):
		im.endText()
		im.mdFootnote(l)
	case strings.HasPrefix(strings.TrimLeft(line, " "), "|") && im.pipeLine(l):
	case bulletRe().MatchString(line):
		// Items keep their line as written: two trailing spaces are a
		// Markdown hard line break before a continuation line.
		im.bullet(l)
	default:
		if im.spacedLine(l) {
			return
		}
		im.text(l)
	}
}

// noteRefs records the footnotes text references (<sup>N</sup> or [^N]),
// in the order of their first reference.
func (im *importer) noteRefs(text string) {
	if !strings.Contains(text, "<sup>") && !strings.Contains(text, "[^") {
		return
	}
	if im.refSeen == nil {
		im.refSeen = map[string]bool{}
	}
	for _, r := range richtext.Refs(richtext.SupToRefs(text)) {
		if !im.refSeen[r.Label] {
			im.refSeen[r.Label] = true
			im.refOrder = append(im.refOrder, r.Label)
		}
	}
}

// landmark reports whether a line (its trailing blanks removed) is one the
// importer reads as part of the layout rather than as text continuing the
// item before it: the cases of line, in the same order.
func landmark(line string) bool {
	return strings.HasPrefix(line, "# ") || chapterRe().MatchString(line) || furtherRe().MatchString(line) ||
		captionRe().MatchString(line) || footdefRe().MatchString(line) || bulletRe().MatchString(line)
}

// escapedLandmark reports whether a line is a landmark after the
// backslashes it starts with, if any: such a continuation line is written
// with one more backslash, and read with one less.
func escapedLandmark(line string) bool {
	return landmark(strings.TrimLeft(strings.TrimRight(line, " \t\r"), "\\"))
}

// unescapeLandmarks removes the backslash that lines() (render.go) puts
// before a continuation line that would read as a landmark.
func unescapeLandmarks(text string) string {
	if !strings.Contains(text, "\n\\") {
		return text
	}
	ls := strings.Split(text, "\n")
	for i := 1; i < len(ls); i++ {
		if strings.HasPrefix(ls[i], "\\") && escapedLandmark(ls[i]) {
			ls[i] = ls[i][1:]
		}
	}
	return strings.Join(ls, "\n")
}

// endText closes the bullet or footnote that text lines were continuing.
func (im *importer) endText() {
	im.item = nil
	im.blankAfter = false
}

func (im *importer) heading1(l docLine) {
	// A title alone is not a landmark: every Markdown file has one.
	title := stripHeadingAttributes("# " + strings.TrimSpace(l.rawFrom(len("# "))))[len("# "):]
	if im.titleText == "" {
		im.titleText, im.titleLine, im.titleCol = title, l.n, 3
		im.attach("/title")
		return
	}
	// The published document repeats the title before chapter 1.
	im.inBody = true
	im.listOwner = ""
}

func (im *importer) chapterHeading(n, num int) {
	im.landmarks++
	im.inBody = true
	im.listOwner = ""
	im.chapter, im.table, im.lastRow, im.further = nil, nil, nil, nil
	for _, c := range im.tpl.Chapters {
		if c.Number == num {
			im.chapter = c
		}
	}
	if im.chapter == nil {
		im.add(RuleUnknownTable, finding.Error, n, 1, "", fmt.Sprintf("chapter %d is not part of the template (chapters 1-%d); its content is ignored", num, len(im.tpl.Chapters)))
	}
}

func (im *importer) caption(n int, line string) {
	im.landmarks++
	im.inBody = true
	m := captionRe().FindStringSubmatch(line)
	num, _ := strconv.Atoi(m[1])
	im.lastRow, im.further = nil, nil
	tb := im.tpl.TableNumber(num)
	if tb == nil {
		im.table, im.skipTable = nil, true
		im.add(RuleUnknownTable, finding.Error, n, 1, "", fmt.Sprintf("Table %d is not part of the template (Tables 1-%d); its rows are ignored", num, len(im.tpl.Tables())))
		return
	}
	im.table, im.skipTable = tb, false
	im.attach(model.SectionPtr(tb.Section))
	s := im.section(tb)
	if s.captionLine == 0 {
		s.captionLine = n
	}
	if im.captions++; im.captions == 1 {
		im.firstCaption = n
	}
	if cm := captionSep().FindStringSubmatchIndex(line); cm != nil && im.countryName == "" {
		// A name, not prose: kept in the canonical form it is looked up in.
		name := richtext.Canonical(strings.TrimSpace(line[cm[2]:cm[3]]))
		im.countryName = name
		im.countryLine = n
		im.countryCol = utf8.RuneCountInString(line[:cm[2]]) + 1
	}
}

func (im *importer) section(tb *template.Table) *sectionState {
	s := im.sections[tb.Section]
	if s == nil {
		s = &sectionState{table: tb}
		im.sections[tb.Section] = s
	}
	return s
}

func (im *importer) furtherHeading(n int) {
	im.inBody = true
	if im.table == nil {
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "\"Further information\" outside a table's chapter; its items are ignored")
		im.further = nil
		return
	}
	s := im.section(im.table)
	if !s.hasFurther {
		s.hasFurther, s.furtherLine, s.furtherCl = true, n, 1
	}
	im.further = s
	im.lastRow = nil
}

func (im *importer) footnoteDef(l docLine) {
	im.landmarks++
	line, n := l.layout, l.n
	loc := footdefRe().FindStringSubmatchIndex(line)
	label := line[loc[2]:loc[3]]
	col := utf8.RuneCountInString(line[:loc[1]]) + 1
	it := newTextItem(l.rawFrom(loc[1]), n, col)
	im.footnotes = append(im.footnotes, footnote{label: label, text: it, line: n, labelCol: utf8.RuneCountInString(line[:loc[2]]) + 1, comments: im.takePending()})
	im.item, im.blankAfter = it, false
}

func (im *importer) bullet(l docLine) {
	n := l.n
	loc := bulletRe().FindStringIndex(l.layout)
	text := l.rawFrom(loc[1])
	col := utf8.RuneCountInString(l.layout[:loc[1]]) + 1
	switch {
	case im.further != nil:
		it := newTextItem(text, n, col)
		it.indented = true
		im.noteRefs(text)
		im.further.further = append(im.further.further, it)
		im.attach(model.FurtherPtr(im.further.table.Section, len(im.further.further)-1))
		im.item, im.blankAfter = it, false
	case !im.inBody && im.listOwner == "round" && len(im.rounds) > 0:
		r := im.rounds[len(im.rounds)-1]
		c := parseContributor(text, country.Known)
		if c == (model.Contributor{}) {
			im.item = nil
			im.add(RuleUnrecognised, finding.Warning, n, 1, "", "this contributor line names no one and is ignored")
			return
		}
		r.contributors = append(r.contributors, c)
		im.attach(model.RoundPtr(len(im.rounds)-1) + "/contributors/" + strconv.Itoa(len(r.contributors)-1))
		r.contribLines = append(r.contribLines, n)
		r.contribColumns = append(r.contribColumns, col)
		im.item = nil
	case !im.inBody && im.listOwner == "chapters":
		// The list of chapters is the template's: written again on rendering.
		im.item = nil
	case im.table != nil:
		im.item = nil
		im.addNoise(formOther, RuleUnrecognised, finding.Warning, n, "", "this list is not part of the factsheet layout and is ignored", l.raw)
	default:
		im.item = nil
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "this list is not part of the factsheet layout and is ignored")
	}
}

func (im *importer) text(l docLine) {
	n, line, raw := l.n, l.layout, l.raw
	// A line right after a bullet item or a footnote definition continues it
	// (a hard line break in Markdown, as in "More definitions are available
	// here:  " followed by a link).
	if im.item != nil && !im.blankAfter {
		im.item.text.WriteByte('\n')
		im.item.text.WriteString(raw)
		im.item.endLine = n
		im.item.continuations++
		return
	}
	im.item = nil
	if im.inBody {
		msg := "text outside the tables and lists of the layout is ignored: " + excerpt(line)
		if im.table != nil && !im.skipTable {
			im.addNoise(formOf(line), RuleUnrecognised, finding.Warning, n, "", msg, raw)
			return
		}
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", msg)
		return
	}
	im.headerText(l)
}

func (im *importer) headerText(l docLine) {
	n, line := l.n, l.layout
	if kind, date, at, ok := parseRoundSentence(line); ok {
		im.landmarks++
		r := &roundState{kind: kind, date: date, line: n, dateCol: utf8.RuneCountInString(line[:at]) + 1}
		if date == "" {
			im.add(RuleRound, finding.Error, n, 1, "", "this round sentence has no date (e.g. \"October 2025\" or \"2023/2024\")")
		}
		im.rounds = append(im.rounds, r)
		im.attach(model.RoundPtr(len(im.rounds) - 1))
		im.listOwner = "round"
		return
	}
	lower := strings.ToLower(line)
	switch {
	case strings.Contains(lower, "includes chapters on"):
		im.listOwner = "chapters"
	case strings.HasPrefix(lower, "any questions") || (len(im.rounds) > 0 && emailRe().MatchString(line)):
		im.listOwner = ""
		im.attach("/contact")
		if m := mailtoRe().FindStringSubmatchIndex(line); m != nil {
			im.contact = line[m[4]:m[5]]
			im.contactLine, im.contactCol = n, utf8.RuneCountInString(line[:m[4]])+1
		} else if m := emailRe().FindStringIndex(line); m != nil {
			im.contact = line[m[0]:m[1]]
			im.contactLine, im.contactCol = n, utf8.RuneCountInString(line[:m[0]])+1
		}
	case len(im.rounds) == 0 && im.titleText != "":
		// The joint-action paragraphs between the title and the rounds.
		if len(im.intro) == 0 {
			im.introLine = n
		}
		if im.introEnd == n-1 && len(im.intro) > 0 {
			p := im.intro[len(im.intro)-1] // a paragraph over several lines
			p.WriteByte('\n')
			p.WriteString(l.trimmed())
		} else {
			p := &strings.Builder{}
			p.WriteString(l.trimmed())
			im.intro = append(im.intro, p)
			im.attach("/introduction")
		}
		im.introEnd = n
	default:
		im.listOwner = ""
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "text not part of the factsheet header is ignored: "+excerpt(line))
	}
}

// formOf tells what an unread line inside a table looks like.
func formOf(line string) lineForm {
	t := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(t, "|"):
		return formPipe
	case strings.HasPrefix(t, "<t") || strings.HasPrefix(t, "</t"):
		return formHTML
	case strings.Contains(t, "  "):
		return formSpaced
	}
	return formOther
}

func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:57]) + "..."
	}
	return strconv.Quote(s)
}

// cellColumns splits a tab-separated line and returns each cell's column.
func cellColumns(line string) ([]string, []int) {
	cells := strings.Split(line, "\t")
	cols := make([]int, len(cells))
	col := 1
	for i, c := range cells {
		cols[i] = col
		col += utf8.RuneCountInString(c) + 1
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells, cols
}

func (im *importer) tableRow(n int, line string) {
	if !im.inTable(n) {
		return
	}
	cells, cols := cellColumns(line)
	im.rowCells(n, cells, cols)
}

// inTable starts reading a table row at line n: it reports whether there
// is a table to put it in (a row before any caption is reported once).
func (im *importer) inTable(n int) bool {
	im.landmarks++
	im.inBody = true
	im.further = nil
	if im.table == nil {
		if !im.skipTable {
			im.add(RuleUnrecognised, finding.Error, n, 1, "", "table row outside a table (no \"Table N : ...\" caption before it); ignored")
			im.skipTable = true
		}
		return false
	}
	return true
}

// cellsPerRow is how many cells a row of the table has.
func cellsPerRow(tb *template.Table) int {
	if tb.Kind == template.Matrix {
		return 1 + len(tb.Types)
	}
	return 3
}

// rowCells reads one row of the current table, however it was written
// (tab-separated, split at spaces, a Markdown or HTML table row): its cells
// as cell HTML and each cell's column. A row with fewer cells than the
// table has is read with the missing last cells empty (an editor that
// strips trailing whitespace removes the tab before an empty last cell); a
// row with more is reported, its cells still read.
func (im *importer) rowCells(n int, cells []string, cols []int) {
	im.rowCellsAt(n, cells, cols, nil, nil)
}

// rowCellsAt is rowCells for a row whose cells have lines of their own:
// cell i starts on lines[i] and ends on ends[i] (nil: all on line n).
func (im *importer) rowCellsAt(n int, cells []string, cols, lines, ends []int) {
	tb := im.table
	for _, c := range cells {
		im.noteRefs(c)
	}
	if im.isHeader(tb, cells[0]) {
		im.attach(model.SectionPtr(tb.Section)) // the table, and its column labels
		im.headerRow(n, tb, cells, cols)
		return
	}
	want := cellsPerRow(tb)
	// A row whose leading cells are empty continues the row before it: the
	// published document breaks long rows across pages.
	if cells[0] == "" && im.lastRow != nil && im.lastRow.table == tb {
		r := im.lastRow
		im.attach(model.ItemPtr(tb, r.id))
		for i := 1; i < len(cells) && i < len(r.cells); i++ {
			if cells[i] == "" {
				continue
			}
			r.continueCell(i, cells[i])
			r.more[i] = append(r.more[i], n)
		}
		if len(cells) > want {
			im.add(RuleRowCells, finding.Error, n, 1, "", fmt.Sprintf("continued row has %d cells; Table %d rows have %d (%s)", len(cells), tb.Number, want, strings.Join(im.columnNames(tb), ", ")))
		}
		return
	}
	label := cleanLabel(cells[0])
	id, exact := im.match(tb, label)
	if id == "" {
		im.lastRow = nil
		im.add(RuleUnknownRow, finding.Error, n, 1, "",
			fmt.Sprintf("%s %s matches no %s of Table %d; it is ignored (check its wording against the template)", tb.ItemNoun(), excerpt(label), tb.ItemNoun(), tb.Number))
		return
	}
	key := tb.ID(id)
	if prev, dup := im.rows[key]; dup {
		im.lastRow = nil
		im.fs = append(im.fs, finding.Finding{
			Rule: RuleDuplicateRow, Severity: finding.Error,
			Location: finding.Location{File: im.f.Name, Line: n, Column: 1, Pointer: model.ItemPtr(tb, id)},
			Message:  fmt.Sprintf("%s %s appears twice in Table %d (first at line %d); this row is ignored", tb.ItemNoun(), key, tb.Number, prev.line),
			Related:  []finding.Related{{Location: finding.Location{File: im.f.Name, Line: prev.line, Column: 1, Pointer: model.ItemPtr(tb, id)}, Message: "first row"}},
		})
		return
	}
	// Wording that differs only in invisible ways (a no-break space, "é"
	// decomposed) is the template's.
	if !exact || richtext.Canonical(label) != richtext.Canonical(im.wordingOf(tb, id)) {
		im.setWording(key, label)
	}
	if len(cells) > want {
		im.add(RuleRowCells, finding.Error, n, 1, model.ItemPtr(tb, id), fmt.Sprintf("row has %d cells; Table %d rows have %d (%s)", len(cells), tb.Number, want, strings.Join(im.columnNames(tb), ", ")))
	}
	for len(cells) < want {
		// The missing last cells are empty; their position is the end of
		// the row.
		cells = append(cells, "")
		cols = append(cols, cols[len(cols)-1])
		if lines != nil {
			lines, ends = append(lines, ends[len(ends)-1]), append(ends, ends[len(ends)-1])
		}
	}
	im.attach(model.ItemPtr(tb, id))
	r := &row{table: tb, id: id, cells: cells, line: n, cols: cols, more: make([][]int, len(cells)), lines: lines, ends: ends}
	im.rows[key] = r
	im.rowOrder = append(im.rowOrder, r)
	im.lastRow = r
}

func (im *importer) columnNames(tb *template.Table) []string {
	if tb.Kind != template.Matrix {
		return tb.Header
	}
	names := []string{tb.Header[0]}
	for _, t := range tb.Types {
		names = append(names, t.Wording)
	}
	return names
}

func (im *importer) isHeader(tb *template.Table, first string) bool {
	return normalise(first) == im.labelsOf(tb).header
}

func (im *importer) headerRow(n int, tb *template.Table, cells []string, cols []int) {
	s := im.section(tb)
	if s.headerLine != 0 {
		s.repeatedHeaders = append(s.repeatedHeaders, n) // a header repeated after a page break
		return
	}
	s.headerLine, s.headerCol = n, cols[0]
	if tb.Kind != template.Matrix {
		return
	}
	if len(cells)-1 != len(tb.Types) {
		im.add(RuleRowCells, finding.Error, n, 1, "", fmt.Sprintf("%s header has %d solution types; the template has %d (%s)", tb.Label(), len(cells)-1, len(tb.Types), strings.Join(im.columnNames(tb)[1:], ", ")))
	}
	for i, typ := range tb.Types {
		if i+1 < len(cells) && richtext.Canonical(cells[i+1]) != richtext.Canonical(typ.Wording) {
			im.setWording(tb.ID(typ.ID), cells[i+1])
		}
	}
}

func (im *importer) setWording(id, text string) {
	if im.wording == nil {
		im.wording = map[string]string{}
	}
	im.wording[id] = text
}

func (im *importer) wordingOf(tb *template.Table, id string) string {
	it, _ := tb.Item(id)
	return it.Wording
}

// cleanLabel removes the bold markup the document puts on Table 5 areas.
func cleanLabel(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{"<b>", "</b>"}, {"<strong>", "</strong>"}, {"**", "**"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) && len(s) > len(p[0])+len(p[1]) {
			s = strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}

// labelIndex is a table's labels normalised once per import: every row is
// compared with all of them, and normalising the template's wording again
// for each row made a long document slow.
type labelIndex struct {
	longest    int               // characters of the longest label
	header     string            // the first header cell, normalised
	headerWord string            // its first word
	exact      map[string]string // normalised wording -> item ID (the first item when two agree)
	items      []normItem        // in template order
}

type normItem struct {
	id    string
	words []string
}

func (im *importer) labelsOf(tb *template.Table) *labelIndex {
	if x, ok := im.labels[tb]; ok {
		return x
	}
	x := &labelIndex{header: normalise(tb.Header[0]), exact: map[string]string{}}
	x.headerWord, _, _ = strings.Cut(x.header, " ")
	for _, it := range tb.Items {
		n := normalise(it.Wording)
		if _, dup := x.exact[n]; !dup {
			x.exact[n] = it.ID
		}
		x.items = append(x.items, normItem{id: it.ID, words: strings.Fields(n)})
		x.longest = max(x.longest, utf8.RuneCountInString(it.Wording))
	}
	if im.labels == nil {
		im.labels = map[*template.Table]*labelIndex{}
	}
	im.labels[tb] = x
	return x
}

// match finds the template item a row label stands for: equal after
// normalising (case, whitespace, quotes, dashes, punctuation), or failing
// that the most similar label of the table when it is similar enough to be
// the same question reworded. exact is false for the latter.
func (im *importer) match(tb *template.Table, label string) (id string, exact bool) {
	x := im.labelsOf(tb)
	nl := normalise(label)
	if id, ok := x.exact[nl]; ok {
		return id, true
	}
	words := strings.Fields(nl)
	best, bestScore := "", 0.0
	for _, it := range x.items {
		if _, taken := im.rows[tb.ID(it.id)]; taken {
			continue
		}
		if s := similarity(words, it.words); s > bestScore {
			best, bestScore = it.id, s
		}
	}
	if bestScore >= minSimilarity {
		return best, false
	}
	return "", false
}

// minSimilarity is how much of a question's wording must agree for a
// reworded row to count as that question.
const minSimilarity = 0.75

// normalise reduces a label to lower-case words: markup, quotes, dashes and
// punctuation removed, whitespace (any Unicode space) collapsed, letters in
// NFC (a decomposed "é" is the letter é, not an e and a separate accent).
func normalise(s string) string {
	if strings.Contains(s, "<") {
		s = tagRe().ReplaceAllString(s, " ")
	}
	s = richtext.Canonical(s)
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// similarity is 1 minus the word-level edit distance over the longer length:
// robust to a changed word, a dropped clause or reordered punctuation.
// Lengths too different to reach minSimilarity are not compared word by
// word (the distance is at least the difference in length), which keeps a
// huge label from costing its length times the template's.
func similarity(wa, wb []string) float64 {
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	longer := max(len(wa), len(wb))
	if d := len(wa) - len(wb); float64(max(d, -d)) > (1-minSimilarity)*float64(longer) {
		return 0
	}
	prev := make([]int, len(wb)+1)
	cur := make([]int, len(wb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(wa); i++ {
		cur[0] = i
		for j := 1; j <= len(wb); j++ {
			cost := 1
			if wa[i-1] == wb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(wb)])/float64(longer)
}
