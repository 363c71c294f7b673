package document

import (
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// chaptersIntro and the chapter list are the template's own words, written
// by the renderer rather than stored in the model.
const chaptersIntro = "The country factsheet includes chapters on:"

var chapterList = []string{
	"1 definitions**", "2 governance**", "3 strategies/policies**", "4 legislation**",
	"5 cancer specific eHealth solutions**",
}

// Render writes the factsheet as the published document, canonically: the
// layout of the published factsheet without its page-break artefacts, every
// table whole, footnotes numbered in order of first reference and listed
// after the table that first cites them, unreferenced footnotes at the end.
//
// Inline suppressions are written as HTML comments on the line before what
// they are on (see placeOf), where the importer reads them back.
func Render(f *model.Factsheet) []byte {
	r := &renderer{f: f, tpl: f.TemplateOrDefault()}
	r.placeSuppressions()
	r.number()
	r.header()
	for _, c := range r.tpl.Chapters {
		r.chapter(c)
	}
	r.unreferenced()
	if end := r.before("end"); end != "" {
		r.para(strings.TrimSuffix(end, "\n")) // detached: before nothing, as they were
	}
	return []byte(strings.TrimRight(r.b.String(), "\n") + "\n")
}

type renderer struct {
	f   *model.Factsheet
	tpl *template.Template
	b   strings.Builder
	// Footnote numbering: label -> number; byLabel lists the footnotes with
	// that label (more than one when a label is defined twice).
	num     map[string]string
	byLabel map[string][]int
	written map[int]bool
	// sups are the suppression comments to write before each place
	// (placeOf), in the order of the model.
	sups map[string][]string
}

func (r *renderer) para(s string) {
	r.b.WriteString(s)
	r.b.WriteString("\n\n")
}

// texts calls fn for every text of the table and its further information,
// in document order: the order footnotes are first referenced in.
func (r *renderer) texts(tb *template.Table, fn func(string)) {
	s := r.f.Sections[tb.Section]
	if s == nil {
		return
	}
	for _, it := range tb.Items {
		switch tb.Kind {
		case template.Terms:
			if t := s.Terms[it.ID]; t != nil {
				fn(t.Definition)
				fn(t.Deviation)
			}
		case template.Questions:
			if q := s.Questions[it.ID]; q != nil {
				fn(q.Answer)
				fn(q.Comments)
			}
		case template.Matrix:
			for _, typ := range tb.Types {
				fn(s.Cells[it.ID][typ.ID])
			}
		}
	}
	for _, x := range s.FurtherInformation {
		fn(x)
	}
}

// number assigns footnote numbers in order of first reference.
func (r *renderer) number() {
	r.num = map[string]string{}
	r.byLabel = map[string][]int{}
	r.written = map[int]bool{}
	for i, fn := range r.f.Footnotes {
		r.byLabel[fn.Label] = append(r.byLabel[fn.Label], i)
	}
	// A reference to no footnote is written as it is (the linter reports
	// it); no footnote may be given its number, or reading the document
	// back would resolve it.
	unresolved := map[string]bool{}
	all := func(fn func(string)) {
		fn(r.f.Introduction)
		for _, tb := range r.tpl.Tables() {
			r.texts(tb, fn)
		}
	}
	all(func(text string) {
		for _, ref := range richtext.Refs(text) {
			if _, defined := r.byLabel[ref.Label]; !defined {
				unresolved[ref.Label] = true
			}
		}
	})
	next := 1
	number := func(label string) {
		for unresolved[strconv.Itoa(next)] {
			next++
		}
		r.num[label] = strconv.Itoa(next)
		next++
	}
	all(func(text string) {
		for _, ref := range richtext.Refs(text) {
			if _, done := r.num[ref.Label]; done || unresolved[ref.Label] {
				continue
			}
			number(ref.Label)
		}
	})
	for _, fn := range r.f.Footnotes {
		if _, ok := r.num[fn.Label]; !ok {
			number(fn.Label)
		}
	}
}

func (r *renderer) label(l string) string {
	if n, ok := r.num[l]; ok {
		return n
	}
	return l
}

// oneLine is text for a place that holds one line (the title).
// oneLine is text for a one-line place (the title): line ends and tabs
// become spaces; every other character, no-break spaces included, is kept,
// so the text reads back as it was.
func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s))
}

// lines is text for a place that continues over following lines but ends at
// a blank one (a footnote, a further-information item): carriage returns
// become line ends, tabs spaces (a tab makes a line a table row) and blank
// lines are dropped, so reading the document back gets all of the text. A
// following line that the reader would take for a landmark of the layout
// ("- item", "<sup>N</sup> ...", "## 2 ...") is escaped with a backslash,
// which the reader removes (see unescapeLandmarks).
func lines(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.ReplaceAll(s, "\t", " ")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(out) > 0 && escapedLandmark(l) {
			l = "\\" + l
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func (r *renderer) header() {
	f := r.f
	r.para(r.before("title") + "# " + oneLine(f.Title))
	if f.Introduction != "" {
		r.para(r.before("introduction") + richtext.RefsToSup(richtext.Relabel(f.Introduction, r.label)))
	}
	for i := range f.Rounds {
		r.para(r.before("round "+strconv.Itoa(i)) + roundSentence(f.Rounds, i))
		var lines []string
		for j, c := range f.Rounds[i].Contributors {
			lines = append(lines, r.before("contributor "+strconv.Itoa(i)+" "+strconv.Itoa(j))+"- "+contributorLine(c))
		}
		if len(lines) > 0 {
			r.para(strings.Join(lines, "\n"))
		}
	}
	r.para(chaptersIntro)
	var lines []string
	for _, c := range chapterList {
		lines = append(lines, "- "+c)
	}
	r.para(strings.Join(lines, "\n"))
	if f.Contact != "" {
		r.para(r.before("contact") + "Any questions? – Please get in touch via [" + f.Contact + "](mailto:" + f.Contact + ").")
	}
	r.para("# " + oneLine(f.Title))
}

func (r *renderer) chapter(c *template.Chapter) {
	r.para("## " + strconv.Itoa(c.Number) + " " + c.Heading)
	for _, tb := range c.Tables {
		r.table(tb)
	}
}

func (r *renderer) cell(md string) string {
	html := richtext.ToHTML(richtext.Relabel(md, r.label))
	// A tab would start a new cell: the one character a cell cannot hold.
	return strings.ReplaceAll(html, "\t", " ")
}

func (r *renderer) wording(tb *template.Table, it template.Item) string {
	if w, ok := r.f.Wording[tb.ID(it.ID)]; ok {
		return w
	}
	return it.Wording
}

func (r *renderer) table(tb *template.Table) {
	s := r.f.Sections[tb.Section]
	if s == nil {
		return
	}
	r.para(r.before("section "+tb.Section) + tb.FullCaption(r.f.Country.Name))
	var rows []string
	header := append([]string{}, tb.Header...)
	if tb.Kind == template.Matrix {
		for _, typ := range tb.Types {
			header = append(header, r.wording(tb, typ))
		}
	}
	rows = append(rows, strings.Join(header, "\t"))
	for _, it := range tb.Items {
		label := r.wording(tb, it)
		if c := r.before("row " + tb.ID(it.ID)); c != "" {
			rows = append(rows, strings.TrimSuffix(c, "\n"))
		}
		switch tb.Kind {
		case template.Terms:
			if t := s.Terms[it.ID]; t != nil {
				rows = append(rows, label+"\t"+r.cell(t.Definition)+"\t"+r.cell(t.Deviation))
			}
		case template.Questions:
			if q := s.Questions[it.ID]; q != nil {
				rows = append(rows, label+"\t"+r.cell(q.Answer)+"\t"+r.cell(q.Comments))
			}
		case template.Matrix:
			cells, ok := s.Cells[it.ID]
			if !ok {
				continue
			}
			// Cells missing at the end of a row (a short row in the
			// document) stay missing: the row stops after the last cell
			// present, so the document still says which are missing.
			last := len(tb.Types) - 1
			if has := s.HasCells[it.ID]; has != nil {
				for last >= 0 && !has[tb.Types[last].ID] {
					last--
				}
			}
			var line strings.Builder
			line.WriteString("<b>" + label + "</b>")
			for _, typ := range tb.Types[:last+1] {
				line.WriteString("\t" + r.cell(cells[typ.ID]))
			}
			rows = append(rows, line.String())
		}
	}
	r.para(strings.Join(rows, "\n"))
	r.footnotesOf(tb)
	if s.FurtherInformation != nil {
		r.para("### Further information:")
		var items []string
		for j, x := range s.FurtherInformation {
			items = append(items, r.before("further "+tb.Section+" "+strconv.Itoa(j))+"- "+lines(richtext.RefsToSup(richtext.Relabel(x, r.label))))
		}
		if len(items) > 0 {
			r.para(strings.Join(items, "\n"))
		}
	}
}

// footnotesOf writes the definitions of the footnotes first cited in the
// table (or its further information), in number order.
func (r *renderer) footnotesOf(tb *template.Table) {
	var labels []string
	seen := map[string]bool{}
	r.texts(tb, func(text string) {
		for _, ref := range richtext.Refs(text) {
			if !seen[ref.Label] {
				seen[ref.Label] = true
				labels = append(labels, ref.Label)
			}
		}
	})
	for _, l := range labels {
		for _, i := range r.byLabel[l] {
			if !r.written[i] {
				r.written[i] = true
				r.para(r.before("footnote "+strconv.Itoa(i)) + "<sup>" + r.label(l) + "</sup> " + lines(r.f.Footnotes[i].Text))
			}
		}
	}
}

func (r *renderer) unreferenced() {
	for i, fn := range r.f.Footnotes {
		if !r.written[i] {
			r.written[i] = true
			r.para(r.before("footnote "+strconv.Itoa(i)) + "<sup>" + r.label(fn.Label) + "</sup> " + lines(fn.Text))
		}
	}
}

// placeSuppressions decides where each inline suppression is written: on
// the line before the place that holds its pointer.
func (r *renderer) placeSuppressions() {
	for _, s := range r.f.Suppressions {
		if r.sups == nil {
			r.sups = map[string][]string{}
		}
		key := r.placeOf(s)
		// "-->" would end the comment early.
		r.sups[key] = append(r.sups[key], "<!-- "+strings.ReplaceAll(s.Directive(), "-->", "- ->")+" -->")
	}
}

// before is the suppression comments of a place, each on its own line,
// ready to precede it.
func (r *renderer) before(place string) string {
	c := r.sups[place]
	if len(c) == 0 {
		return ""
	}
	return strings.Join(c, "\n") + "\n"
}

// placeOf is where the document can hold a suppression, as the importer
// reads it back: a table row (a question, term or area with its cells and
// its label as written), a table (its caption: the table, and the labels of
// its columns), a footnote, a Further-information item, a review round or
// a contributor, the introduction, the contact line, the title. What the
// document has no line for (the country, the template) goes before the
// title, and reads back as a suppression on it; a suppression on no value
// goes at the end, before nothing, as it was.
func (r *renderer) placeOf(s model.Suppression) string {
	if s.Detached {
		return "end"
	}
	segs := strings.Split(strings.TrimPrefix(s.Pointer, "/"), "/")
	for i, seg := range segs {
		segs[i] = source.Unescape(seg)
	}
	index := func(i, n int) (string, bool) {
		k, err := strconv.Atoi(segs[i])
		return segs[i], err == nil && k >= 0 && k < n
	}
	switch head := segs[0]; {
	case head == "introduction" || head == "contact":
		return head
	case head == "rounds" && len(segs) > 1:
		i, ok := index(1, len(r.f.Rounds))
		if !ok {
			break
		}
		if len(segs) > 3 && segs[2] == "contributors" {
			if j, ok := index(3, len(r.f.Rounds[atoi(i)].Contributors)); ok {
				return "contributor " + i + " " + j
			}
		}
		return "round " + i
	case head == "footnotes" && len(segs) > 1:
		if i, ok := index(1, len(r.f.Footnotes)); ok {
			return "footnote " + i
		}
	case head == "wording" && len(segs) > 1:
		for _, tb := range r.tpl.Tables() {
			for _, it := range tb.Items {
				if tb.ID(it.ID) == segs[1] {
					return "row " + segs[1]
				}
			}
			for _, typ := range tb.Types {
				if tb.ID(typ.ID) == segs[1] {
					return "section " + tb.Section
				}
			}
		}
	default:
		tb := r.tpl.Table(head)
		sec := r.f.Sections[head]
		if tb == nil || sec == nil {
			break
		}
		switch {
		case len(segs) > 2 && segs[1] == tb.ItemsKey():
			if _, ok := tb.Item(segs[2]); ok {
				return "row " + tb.ID(segs[2])
			}
		case len(segs) > 2 && segs[1] == "further_information":
			if j, ok := index(2, len(sec.FurtherInformation)); ok {
				return "further " + head + " " + j
			}
		}
		return "section " + head
	}
	return "title"
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
