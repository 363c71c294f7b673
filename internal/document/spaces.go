package document

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/template"
)

// RuleSpacesForTabs is the finding for a table whose cells are separated
// by spaces instead of tabs. A warning: the table is read, but by a guess
// that a cell holding several spaces in a row can defeat, and writing the
// document back puts tabs.
const RuleSpacesForTabs = rules.DocumentSpacesForTabs

// Editors turn tabs into spaces: a "insert spaces for tabs" setting, format
// on save, a copy through an e-mail or a terminal. Each tab becomes a fixed
// number of spaces (two, four), or as many as reach the next tab stop
// (`expand -t 8`, most editors' "convert indentation"): then a cell that
// ends one column before a stop is followed by a single space, like any two
// words. The importer learns which from the table's header row, whose
// cells it knows, and splits the rows the same way.

// spacing is one way tabs became spaces.
type spacing struct {
	fixed int  // every tab became this many spaces
	stop  int  // tabs were expanded to stops every stop columns
	bytes bool // stop columns were counted in bytes (GNU expand), not characters
}

// describe is the spacing in a message.
func (s spacing) describe() string {
	switch {
	case s.fixed > 0:
		return fmt.Sprintf("runs of %d spaces", s.fixed)
	case s.stop > 0:
		return fmt.Sprintf("tab stops every %d columns", s.stop)
	}
	return "runs of two or more spaces"
}

// exact reports whether the spacing tells how many tabs a run of spaces
// was, so that the number of empty cells, leading or trailing, is known.
func (s spacing) exact() bool { return s.fixed > 0 || s.stop > 0 }

// spaceRun is a run of ASCII spaces in a line: its byte offsets and its
// columns, counted in characters and in bytes, 0-based.
type spaceRun struct {
	bs, be int // bytes [bs, be)
	cs, ce int // character columns [cs, ce)
}

func (r spaceRun) cols(bytes bool) (int, int) {
	if bytes {
		return r.bs, r.be
	}
	return r.cs, r.ce
}

// spaceRuns lists the runs of spaces in line, in one pass.
func spaceRuns(line string) []spaceRun {
	var out []spaceRun
	col := 0
	for i := 0; i < len(line); {
		if line[i] != ' ' {
			_, size := utf8.DecodeRuneInString(line[i:])
			i += size
			col++
			continue
		}
		r := spaceRun{bs: i, cs: col}
		for i < len(line) && line[i] == ' ' {
			i++
			col++
		}
		r.be, r.ce = i, col
		out = append(out, r)
	}
	return out
}

// tabs is how many tabs run r stands for under s (0: the run is spaces
// inside a cell). A single space at a tab stop is counted only when forced
// (a label that ends one column before the stop).
func (s spacing) tabs(r spaceRun, forced bool) int {
	n := r.be - r.bs
	switch {
	case s.fixed > 0:
		return n / s.fixed
	case s.stop > 0:
		start, end := r.cols(s.bytes)
		if end%s.stop != 0 || (n < 2 && !forced) {
			return 0
		}
		return end/s.stop - start/s.stop
	}
	if n >= 2 {
		return 1
	}
	return 0
}

// split cuts line into cells at the runs that are tabs under s. forced
// holds the indexes of single-space runs to count as tabs. ok is false
// when leading spaces cannot be told as empty cells.
func (s spacing) split(line string, runs []spaceRun, forced map[int]bool) (cells []string, cols []int, seps int, ok bool) {
	start, startCol := 0, 0
	for i, r := range runs {
		if r.be == len(line) {
			break // trailing spaces: at most empty last cells
		}
		k := s.tabs(r, forced[i])
		if r.bs == 0 {
			// Leading spaces are empty first cells (a row continued after
			// a page break); only an exact spacing says how many.
			if !s.exact() || k == 0 {
				return nil, nil, 0, false
			}
			for range k {
				cells, cols = append(cells, ""), append(cols, 1)
			}
			start, startCol = r.be, r.ce
			continue
		}
		if k == 0 {
			continue
		}
		cells, cols = append(cells, strings.TrimSpace(line[start:r.bs])), append(cols, startCol+1)
		for range k - 1 {
			cells, cols = append(cells, ""), append(cols, r.cs+1)
		}
		seps++
		start, startCol = r.be, r.ce
	}
	cells, cols = append(cells, strings.TrimSpace(line[start:])), append(cols, startCol+1)
	return cells, cols, seps, true
}

// learnSpacing reads a header row written with spaces: its cells, and the
// spacing its separators show. ok is false when line is not the table's
// header.
func (im *importer) learnSpacing(tb *template.Table, line string, runs []spaceRun) (sp spacing, cells []string, cols []int, ok bool) {
	x := im.labelsOf(tb)
	if !startsWithWord(line, x.headerWord) {
		return spacing{}, nil, nil, false // the cheap test, for every row
	}
	cells, cols, _, ok = spacing{}.split(line, runs, nil)
	if !ok || len(cells) < 2 || normalise(cells[0]) != x.header {
		return spacing{}, nil, nil, false
	}
	var seps []spaceRun
	for _, r := range runs {
		if r.be-r.bs >= 2 && r.bs > 0 && r.be < len(line) {
			seps = append(seps, r)
		}
	}
	same := true
	for _, r := range seps {
		same = same && r.be-r.bs == seps[0].be-seps[0].bs
	}
	if same && len(seps) > 0 {
		return spacing{fixed: seps[0].be - seps[0].bs}, cells, cols, true
	}
	for _, w := range []int{8, 4} {
		atStops := true
		for _, r := range seps {
			atStops = atStops && r.ce%w == 0 && r.ce-r.cs <= w
		}
		if atStops {
			return spacing{stop: w}, cells, cols, true
		}
	}
	return spacing{}, cells, cols, true
}

// startsWithWord reports whether line starts with word (lower-case ASCII
// letters) followed by a non-letter, ignoring case.
func startsWithWord(line, word string) bool {
	if len(line) < len(word) || !strings.EqualFold(line[:len(word)], word) {
		return false
	}
	return len(line) == len(word) || !unicode.IsLetter(rune(line[len(word)]))
}

// spacingsToTry is the table's learnt spacing, then those its header row
// cannot tell from it: with tab stops, columns counted in bytes (GNU
// expand) as well as characters (editors) — a header row is ASCII, its
// rows are not; with an unclear header, every spacing an editor might
// have used. Runs of two or more spaces come last.
func spacingsToTry(learnt spacing) []spacing {
	var out []spacing
	switch {
	case learnt.fixed > 0:
		out = []spacing{learnt}
	case learnt.stop > 0:
		out = []spacing{{stop: learnt.stop}, {stop: learnt.stop, bytes: true}}
	default:
		out = []spacing{{fixed: 4}, {fixed: 2}, {fixed: 8}, {stop: 8}, {stop: 8, bytes: true}, {stop: 4}, {stop: 4, bytes: true}}
	}
	return append(out, spacing{})
}

// spacedLine reads a line without tabs as a row of a table whose tabs
// became spaces: its header row (which starts the reading), or a row
// under such a header. It reports whether the line was taken as part of
// the table.
func (im *importer) spacedLine(l docLine) bool {
	if im.table == nil || im.skipTable || im.further != nil || (im.item != nil && !im.blankAfter) {
		return false
	}
	tb := im.table
	line := strings.TrimRight(l.raw, " ")
	runs := spaceRuns(line)
	s := im.section(tb)
	if sp, cells, cols, ok := im.learnSpacing(tb, line, runs); ok {
		im.endText()
		im.inTable(l.n)
		if s.spacing == nil {
			s.spacing = &sp
			im.addNoise(formNote, RuleSpacesForTabs, finding.Warning, l.n, "",
				fmt.Sprintf("Table %d's cells are separated by spaces, not tabs (an editor's tabs-to-spaces setting or format-on-save replaced them); its rows are split at %s", tb.Number, sp.describe()), "")
		}
		im.rowCells(l.n, cells, cols)
		return true
	}
	if s.spacing == nil {
		return false
	}
	r := im.splitSpacedRow(tb, line, runs, *s.spacing)
	if r.cells != nil {
		im.endText()
		im.inTable(l.n)
		im.rowCells(l.n, r.cells, r.cols)
		return true
	}
	if r.label == "" && !strings.Contains(line, "  ") && !strings.HasPrefix(line, " ") {
		return false // a paragraph, not a row: reported as such
	}
	im.endText()
	im.inTable(l.n)
	im.unreadSpaced++
	im.lastRow = nil
	want := cellsPerRow(tb)
	cause := "a cell ends one column before a tab stop, so its tab became a single space, or the row's first cell is not one of the template's"
	switch {
	case r.leading:
		cause = "the row starts with spaces (a row continued after a page break), and how many empty cells they stand for cannot be told"
	case r.tooMany:
		cause = "a cell holds two or more spaces in a row, which read as a cell boundary"
	}
	ptr := ""
	if r.label != "" {
		ptr = model.ItemPtr(tb, r.label)
		im.unreadItems = append(im.unreadItems, ptr)
	}
	im.addNoise(formSpaced, RuleRowCells, finding.Error, l.n, ptr,
		fmt.Sprintf("this row of Table %d cannot be split into its %d cells (%s): the cells are separated by spaces, not tabs, and %s; it is ignored (put tabs between the cells)",
			tb.Number, want, strings.Join(im.columnNames(tb), ", "), cause), line)
	return true
}

// spacedSplit is the outcome of splitting a row written with spaces: its
// cells (nil when it could not be split), or what is known of it.
type spacedSplit struct {
	cells   []string
	cols    []int
	label   string // the item of a row not split, when its label was found
	leading bool   // its leading spaces could not be told as empty cells
	tooMany bool   // it has more parts than its table has cells
}

// splitSpacedRow splits a row written with spaces. Tried in order, the
// first that works wins:
//
//  1. with the table's spacing, else another an editor might have used,
//     exactly the table's number of cells and a first cell that is one of
//     the template's labels as written (or empty, for a row continued
//     after a page break);
//  2. with tab stops, the same where a tab became a single space: after a
//     label the template has (found by matching the line's start), after
//     an answer of the template's answer words ("Several", 7 characters,
//     is followed by one space with stops every 8);
//  3. a first cell the template has reworded;
//  4. fewer cells, the last ones empty, when no tab can hide in a single
//     space;
//  5. the table's cells with a label the template does not have, so that
//     the row is reported as unknown.
func (im *importer) splitSpacedRow(tb *template.Table, line string, runs []spaceRun, learnt spacing) spacedSplit {
	want := cellsPerRow(tb)
	x := im.labelsOf(tb)
	const (
		none = iota
		fuzzy
		exact
	)
	verdicts := map[string]int{}
	label := func(cells []string) int {
		if cells[0] == "" {
			if im.lastRow != nil && im.lastRow.table == tb {
				return exact
			}
			return none
		}
		if v, ok := verdicts[cells[0]]; ok {
			return v
		}
		v := none
		if _, ok := x.exact[normalise(cells[0])]; ok {
			v = exact
		} else if id, _ := im.match(tb, cleanLabel(cells[0])); id != "" {
			v = fuzzy
		}
		verdicts[cells[0]] = v
		return v
	}
	type split struct {
		cells []string
		cols  []int
		sp    spacing
	}
	var splits []split
	out := spacedSplit{}
	spacings := spacingsToTry(learnt)
	// 1.
	for _, sp := range spacings {
		cells, cols, _, ok := sp.split(line, runs, nil)
		switch {
		case !ok:
			out.leading = out.leading || sp == learnt
			continue
		case len(cells) > want:
			out.tooMany = out.tooMany || sp == learnt
			continue
		case len(cells) == want && label(cells) == exact:
			return spacedSplit{cells: cells, cols: cols}
		}
		splits = append(splits, split{cells, cols, sp})
	}
	// 2.
	var fewer []split // the label found at a single space, too few cells
	for _, sp := range spacings {
		if sp.stop == 0 {
			continue
		}
		labelFound := false
		for _, c := range splits {
			labelFound = labelFound || (c.sp == sp && label(c.cells) == exact)
		}
		cells, cols, id := im.singleSpaceTabs(tb, line, runs, sp, labelFound)
		if id != "" && out.label == "" {
			out.label = id
		}
		if cells != nil && len(cells) == want {
			return spacedSplit{cells: cells, cols: cols}
		}
		if cells != nil {
			fewer = append(fewer, split{cells, cols, sp})
		}
	}
	// 3.
	for _, c := range splits {
		if len(c.cells) == want && label(c.cells) == fuzzy {
			return spacedSplit{cells: c.cells, cols: c.cols}
		}
	}
	// 4.
	fewerOK := func(c split, v int) bool {
		return c.sp.exact() && label(c.cells) == v && !hiddenTabs(line, runs, c.sp, c.cells)
	}
	for _, c := range splits {
		if fewerOK(c, exact) {
			return spacedSplit{cells: c.cells, cols: c.cols}
		}
	}
	for _, c := range fewer {
		if !hiddenTabs(line, runs, c.sp, c.cells) {
			return spacedSplit{cells: c.cells, cols: c.cols}
		}
	}
	for _, c := range splits {
		if fewerOK(c, fuzzy) {
			return spacedSplit{cells: c.cells, cols: c.cols}
		}
	}
	// 5.
	for _, c := range splits {
		if c.sp == learnt && len(c.cells) == want && c.cells[0] != "" {
			return spacedSplit{cells: c.cells, cols: c.cols}
		}
	}
	// Not split: which item was it?
	for _, c := range splits {
		if out.label == "" && c.cells[0] != "" && label(c.cells) != none {
			out.label, _ = im.match(tb, cleanLabel(c.cells[0]))
		}
	}
	return out
}

// hiddenTabs reports whether a row split with tab stops into fewer cells
// than its table's could hide a tab that became a single space: a single
// space at a tab stop after the first cell. Then the missing cells need
// not be the last ones, and the row is not read by guessing. (With a fixed
// number of spaces per tab, no tab hides.)
func hiddenTabs(line string, runs []spaceRun, sp spacing, cells []string) bool {
	if sp.stop == 0 {
		return false
	}
	afterLabel := len(cells[0])
	for _, r := range runs {
		if r.bs <= afterLabel || r.be-r.bs != 1 || r.be == len(line) {
			continue
		}
		for _, bytes := range []bool{false, true} {
			if _, end := r.cols(bytes); end%sp.stop == 0 {
				return true
			}
		}
	}
	return false
}

// singleSpaceTabs splits a row with tab stops where a tab after the label,
// or after the answer, became a single space. labelFound says the label
// ends at a real separator; otherwise the single spaces at tab stops near
// the start of the line are tried as the end of a label the template has
// (id, returned also when the row cannot be split). The cells may be fewer
// than the table's, never more; nil when there are none.
func (im *importer) singleSpaceTabs(tb *template.Table, line string, runs []spaceRun, sp spacing, labelFound bool) (cells []string, cols []int, id string) {
	want := cellsPerRow(tb)
	x := im.labelsOf(tb)
	atStop := func(r spaceRun) bool {
		_, end := r.cols(sp.bytes)
		return r.be-r.bs == 1 && r.bs > 0 && end%sp.stop == 0
	}
	// Where the label ends: a real separator, or a single space found by
	// matching the template's labels.
	labelEnd := -1 // index of the run that ends the label
	var ends []int // candidate single spaces, as run indexes
	for i, r := range runs {
		if r.be == len(line) || r.cs > x.longest+sp.stop {
			break
		}
		if sp.tabs(r, false) > 0 {
			if labelFound {
				labelEnd = i
			}
			break
		}
		if !labelFound && atStop(r) {
			ends = append(ends, i)
		}
	}
	if !labelFound {
		offsets := make([]int, len(ends))
		for k, i := range ends {
			offsets[k] = runs[i].bs
		}
		var k int
		if id, k = x.labelEnding(line, offsets); id != "" {
			labelEnd = ends[k]
		}
	}
	if labelEnd < 0 {
		return nil, nil, id
	}
	forced := map[int]bool{labelEnd: true}
	cells, cols, _, ok := sp.split(line, runs, forced)
	if !ok || len(cells) > want {
		return nil, nil, id
	}
	if len(cells) == want || tb.Kind != template.Questions {
		return cells, cols, id
	}
	// The answer: the first single space at a stop after which the text
	// so far is one of the template's answers.
	from := runs[labelEnd].be
	for i := labelEnd + 1; i < len(runs); i++ {
		r := runs[i]
		if sp.tabs(r, false) > 0 || r.bs-from > 40 {
			break
		}
		if atStop(r) && im.shortAnswer(normalise(line[from:r.bs])) {
			forced[i] = true
			if c, cc, _, ok := sp.split(line, runs, forced); ok && len(c) == want {
				return c, cc, id
			}
			break
		}
	}
	return cells, cols, id
}

// shortAnswer reports whether a normalised text is a short answer: one of
// shortAnswers, or of the template's own vocabularies (a French template's
// "Oui" ended no answer cell, and the row was not split).
func (im *importer) shortAnswer(n string) bool {
	if shortAnswers[n] {
		return true
	}
	if im.shortAnswers == nil {
		im.shortAnswers = map[string]bool{}
		if im.tpl != nil {
			v := im.tpl.Vocabularies
			for _, class := range [][]string{v.Yes, v.No, v.NA, v.Extent} {
				for _, a := range class {
					im.shortAnswers[normalise(a)] = true
				}
			}
		}
	}
	return im.shortAnswers[n]
}

// shortAnswers are the built-in template's answer words (the YesNo and Extent
// vocabularies, normalised), which tell where a short answer cell ends.
var shortAnswers = map[string]bool{
	"yes": true, "no": true, "n a": true, "na": true, "yes some": true, "yes partially": true, "partially": true,
	"partly": true, "some": true, "several": true, "all": true, "none": true, "many": true, "few": true,
	"most": true, "not yet": true, "not applicable": true, "unknown": true,
}

// labelEnding finds the first of ends (ascending byte offsets into line)
// such that line[:end] is one of the table's labels, normalised as
// normalise does: in one pass over the line's start, so that trying every
// single space as the end of a label costs no more than reading the label.
// It returns the item and the index in ends, or "" when none.
func (x *labelIndex) labelEnding(line string, ends []int) (string, int) {
	if len(ends) == 0 {
		return "", 0
	}
	head := line[:ends[len(ends)-1]]
	if !norm.NFC.IsNormalString(head) {
		// Decomposed accents: normalise each candidate (few, and rare).
		for k, e := range ends {
			if id, ok := x.exact[normalise(line[:e])]; ok {
				return id, k
			}
		}
		return "", 0
	}
	buf := make([]byte, 0, len(head))
	sep := true
	i := 0
	for k, e := range ends {
		for i < e {
			r, size := utf8.DecodeRuneInString(line[i:])
			if r == '<' && i+1 < len(line) && (isTagStart(line[i+1])) {
				if j := strings.IndexByte(line[i:], '>'); j > 0 {
					i += j + 1
					if !sep {
						buf, sep = append(buf, ' '), true
					}
					continue
				}
			}
			i += size
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				buf, sep = utf8.AppendRune(buf, unicode.ToLower(r)), false
			} else if !sep {
				buf, sep = append(buf, ' '), true
			}
		}
		key := buf
		if n := len(key); n > 0 && key[n-1] == ' ' {
			key = key[:n-1]
		}
		if id, ok := x.exact[string(key)]; ok {
			return id, k
		}
	}
	return "", 0
}
