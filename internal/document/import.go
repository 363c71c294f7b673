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
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// Rule IDs of the findings the importer produces.
const (
	RuleNotFactsheet = "document-not-factsheet"
	RuleUnrecognised = "document-unrecognised"
	RuleUnknownRow   = validation.RuleUnknown
	RuleDuplicateRow = "document-duplicate-row"
	RuleRowCells     = "document-row-cells"
	RuleUnknownTable = "document-unknown-table"
	RuleRound        = "document-round"
	RuleCountry      = "document-country"
)

var (
	captionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Table\s+(\d+)\s*:\s*(.*)$`) })
	chapterRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^##\s+(\d+)\.?\s+(.*)$`) })
	footdefRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<sup>\s*([A-Za-z0-9_.-]+)\s*</sup>\s?`) })
	bulletRe  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-*•]\s+`) })
	furtherRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(?:#{2,6}\s*|\*\*\s*)further information\s*:?\s*(?:\*\*)?\s*:?\s*$`)
	})
	mailtoRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]*)\]\(mailto:([^)\s]+)\)`) })
	emailRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`) })
	tagRe      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`</?[a-zA-Z][^>]*>`) })
	captionSep = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s+[-–—]\s+([^-–—]+)$`) })
)

// Import reads a factsheet document.
func Import(f *source.File) decode.Result {
	im := &importer{
		f: f, tpl: template.Default, m: source.Map{},
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
	intro                   []string
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
	landmarks               int // title, chapters, captions, rows: is this a factsheet at all?

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
}

// textItem is text that may continue on the following lines (a bullet item,
// a footnote definition).
type textItem struct {
	text          string
	line, col     int
	endLine       int
	continuations int
}

type sectionState struct {
	table                  *template.Table
	captionLine            int
	headerLine, headerCol  int
	further                []*textItem
	furtherLine, furtherCl int
	hasFurther             bool
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
		im.line(n, strings.TrimRight(im.f.Line(n), " \t\r"), im.f.Line(n))
	}
}

func (im *importer) line(n int, line, raw string) {
	if strings.TrimSpace(line) == "" {
		if im.item != nil {
			im.blankAfter = true
		}
		return
	}
	// A tab-separated row keeps its trailing empty cells: use the raw line.
	if strings.Contains(raw, "\t") {
		im.endText()
		im.tableRow(n, raw)
		return
	}
	switch {
	case strings.HasPrefix(line, "# "):
		im.endText()
		im.heading1(n, line)
	case chapterRe().MatchString(line):
		im.endText()
		im.chapterHeading(n, line)
	case furtherRe().MatchString(line):
		im.endText()
		im.furtherHeading(n)
	case captionRe().MatchString(line):
		im.endText()
		im.caption(n, line)
	case footdefRe().MatchString(line):
		im.endText()
		im.footnoteDef(n, raw)
	case bulletRe().MatchString(line):
		// Items keep their line as written: two trailing spaces are a
		// Markdown hard line break before a continuation line.
		im.bullet(n, raw)
	default:
		im.text(n, line, raw)
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

func (im *importer) heading1(n int, line string) {
	// A title alone is not a landmark: every Markdown file has one.
	title := strings.TrimSpace(strings.TrimPrefix(line, "# "))
	if im.titleText == "" {
		im.titleText, im.titleLine, im.titleCol = title, n, 3
		return
	}
	// The published document repeats the title before chapter 1.
	im.inBody = true
	im.listOwner = ""
}

func (im *importer) chapterHeading(n int, line string) {
	im.landmarks++
	im.inBody = true
	im.listOwner = ""
	m := chapterRe().FindStringSubmatch(line)
	num, _ := strconv.Atoi(m[1])
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
	s := im.section(tb)
	if s.captionLine == 0 {
		s.captionLine = n
	}
	if cm := captionSep().FindStringSubmatchIndex(line); cm != nil && im.countryName == "" {
		name := strings.TrimSpace(line[cm[2]:cm[3]])
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

func (im *importer) footnoteDef(n int, line string) {
	im.landmarks++
	loc := footdefRe().FindStringSubmatchIndex(line)
	label := line[loc[2]:loc[3]]
	col := utf8.RuneCountInString(line[:loc[1]]) + 1
	it := &textItem{text: line[loc[1]:], line: n, col: col, endLine: n}
	im.footnotes = append(im.footnotes, footnote{label: label, text: it, line: n, labelCol: utf8.RuneCountInString(line[:loc[2]]) + 1})
	im.item, im.blankAfter = it, false
}

func (im *importer) bullet(n int, line string) {
	loc := bulletRe().FindStringIndex(line)
	text := line[loc[1]:]
	col := utf8.RuneCountInString(line[:loc[1]]) + 1
	switch {
	case im.further != nil:
		it := &textItem{text: text, line: n, col: col, endLine: n}
		im.further.further = append(im.further.further, it)
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
		r.contribLines = append(r.contribLines, n)
		r.contribColumns = append(r.contribColumns, col)
		im.item = nil
	case !im.inBody && im.listOwner == "chapters":
		// The list of chapters is the template's: written again on rendering.
		im.item = nil
	default:
		im.item = nil
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "this list is not part of the factsheet layout and is ignored")
	}
}

func (im *importer) text(n int, line, raw string) {
	// A line right after a bullet item or a footnote definition continues it
	// (a hard line break in Markdown, as in "More definitions are available
	// here:  " followed by a link).
	if im.item != nil && !im.blankAfter {
		im.item.text += "\n" + raw
		im.item.endLine = n
		im.item.continuations++
		return
	}
	im.item = nil
	if im.inBody {
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "text outside the tables and lists of the layout is ignored: "+excerpt(line))
		return
	}
	im.headerText(n, line)
}

func (im *importer) headerText(n int, line string) {
	if kind, date, at, ok := parseRoundSentence(line); ok {
		im.landmarks++
		r := &roundState{kind: kind, date: date, line: n, dateCol: utf8.RuneCountInString(line[:at]) + 1}
		if date == "" {
			im.add(RuleRound, finding.Error, n, 1, "", "this round sentence has no date (e.g. \"October 2025\" or \"2023/2024\")")
		}
		im.rounds = append(im.rounds, r)
		im.listOwner = "round"
		return
	}
	lower := strings.ToLower(line)
	switch {
	case strings.Contains(lower, "includes chapters on"):
		im.listOwner = "chapters"
	case strings.HasPrefix(lower, "any questions") || (len(im.rounds) > 0 && emailRe().MatchString(line)):
		im.listOwner = ""
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
			im.intro[len(im.intro)-1] += "\n" + line // a paragraph over several lines
		} else {
			im.intro = append(im.intro, line)
		}
		im.introEnd = n
	default:
		im.listOwner = ""
		im.add(RuleUnrecognised, finding.Warning, n, 1, "", "text not part of the factsheet header is ignored: "+excerpt(line))
	}
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
	im.landmarks++
	im.inBody = true
	im.further = nil
	if im.table == nil {
		if !im.skipTable {
			im.add(RuleUnrecognised, finding.Error, n, 1, "", "table row outside a table (no \"Table N : ...\" caption before it); ignored")
			im.skipTable = true
		}
		return
	}
	tb := im.table
	cells, cols := cellColumns(line)
	if im.isHeader(tb, cells[0]) {
		im.headerRow(n, tb, cells, cols)
		return
	}
	want := 3
	if tb.Kind == template.Matrix {
		want = 1 + len(tb.Types)
	}
	// A row whose leading cells are empty continues the row before it: the
	// published document breaks long rows across pages.
	if cells[0] == "" && im.lastRow != nil && im.lastRow.table == tb {
		r := im.lastRow
		for i := 1; i < len(cells) && i < len(r.cells); i++ {
			if cells[i] == "" {
				continue
			}
			if r.cells[i] != "" {
				r.cells[i] += " "
			}
			r.cells[i] += cells[i]
			r.more[i] = append(r.more[i], n)
		}
		if len(cells) != want {
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
	if !exact || label != im.wordingOf(tb, id) {
		im.setWording(key, label)
	}
	if len(cells) != want {
		im.add(RuleRowCells, finding.Error, n, 1, model.ItemPtr(tb, id), fmt.Sprintf("row has %d cells; Table %d rows have %d (%s)", len(cells), tb.Number, want, strings.Join(im.columnNames(tb), ", ")))
	}
	r := &row{table: tb, id: id, cells: cells, line: n, cols: cols, more: make([][]int, len(cells))}
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
	return normalise(first) == normalise(tb.Header[0])
}

func (im *importer) headerRow(n int, tb *template.Table, cells []string, cols []int) {
	s := im.section(tb)
	if s.headerLine != 0 {
		return // a header repeated after a page break
	}
	s.headerLine, s.headerCol = n, cols[0]
	if tb.Kind != template.Matrix {
		return
	}
	if len(cells)-1 != len(tb.Types) {
		im.add(RuleRowCells, finding.Error, n, 1, "", fmt.Sprintf("Table 5 header has %d solution types; the template has %d (%s)", len(cells)-1, len(tb.Types), strings.Join(im.columnNames(tb)[1:], ", ")))
	}
	for i, typ := range tb.Types {
		if i+1 < len(cells) && cells[i+1] != typ.Wording {
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

// match finds the template item a row label stands for: equal after
// normalising (case, whitespace, quotes, dashes, punctuation), or failing
// that the most similar label of the table when it is similar enough to be
// the same question reworded. exact is false for the latter.
func (im *importer) match(tb *template.Table, label string) (id string, exact bool) {
	nl := normalise(label)
	for _, it := range tb.Items {
		if normalise(it.Wording) == nl {
			return it.ID, true
		}
	}
	best, bestScore := "", 0.0
	for _, it := range tb.Items {
		if _, taken := im.rows[tb.ID(it.ID)]; taken {
			continue
		}
		if s := similarity(nl, normalise(it.Wording)); s > bestScore {
			best, bestScore = it.ID, s
		}
	}
	if bestScore >= 0.75 {
		return best, false
	}
	return "", false
}

// normalise reduces a label to lower-case words: markup, quotes, dashes and
// punctuation removed, whitespace collapsed.
func normalise(s string) string {
	s = tagRe().ReplaceAllString(s, " ")
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
func similarity(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
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
	return 1 - float64(prev[len(wb)])/float64(max(len(wa), len(wb)))
}
