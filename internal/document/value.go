package document

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/country"
	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// result builds the JSON-shaped value (the same shape as the YAML form) and
// its source map from what the importer collected.
func (im *importer) result() decode.Result {
	if im.landmarks == 0 {
		msg := "this is not a factsheet document: it has no title (# POLICY MAPPING ON eHEALTH ...), no chapter headings (## 1 DEFINITIONS), no table captions (Table 1 : ...) and no tab-separated table rows"
		if strings.TrimSpace(im.f.Text) == "" {
			return decode.Result{State: decode.Failed, Map: im.m, Findings: []finding.Finding{{
				Rule: decode.RuleEmpty, Severity: finding.Error,
				Location: finding.Location{File: im.f.Name, Line: 1, Column: 1}, Message: "the file is empty",
			}}}
		}
		return decode.Result{State: decode.Failed, Map: im.m, Findings: []finding.Finding{{
			Rule: RuleNotFactsheet, Severity: finding.Error,
			Location: finding.Location{File: im.f.Name, Line: 1, Column: 1}, Message: msg,
		}}}
	}
	unread := im.settleNoise()
	im.numberFootnotes()
	root := map[string]any{"template": im.tpl.Version}
	im.m.Set("", source.Span{Line: 1, Col: 1, EndLine: im.f.Lines()})
	titleLine := max(im.titleLine, 1)
	im.m.Set("/template", source.Span{Line: titleLine, Col: 1, KeyLine: titleLine, KeyCol: 1})
	if im.titleText != "" {
		root["title"] = im.titleText
		im.set("/title", im.titleLine, im.titleCol, im.titleLine)
	}
	if len(im.intro) > 0 {
		paras := make([]string, len(im.intro))
		for i, p := range im.intro {
			paras[i] = p.String()
		}
		// Footnote references are <sup>N</sup> in the document's prose.
		root["introduction"] = richtext.SupToRefs(strings.Join(paras, "\n\n"))
		im.set("/introduction", im.introLine, 1, im.introEnd)
	}
	if im.contact != "" {
		root["contact"] = im.contact
		im.set("/contact", im.contactLine, im.contactCol, im.contactLine)
	}
	root["country"] = im.countryValue()
	root["rounds"] = im.roundsValue()
	for _, tb := range im.tpl.Tables() {
		if s := im.sections[tb.Section]; s != nil {
			root[tb.Section] = im.sectionValue(tb, s)
		}
	}
	if len(im.footnotes) > 0 {
		root["footnotes"] = im.footnotesValue()
	}
	if len(im.wording) > 0 {
		w := map[string]any{}
		for id, text := range im.wording {
			w[id] = text
			line, more := im.wordingLines(id)
			im.set(model.WordingPtr(id), line, 1, line, more...)
		}
		root["wording"] = w
	}
	return decode.Result{Value: root, Map: im.m, Findings: im.fs, Unread: unread, Comments: im.comments}
}

// settleNoise decides what becomes of the findings about lines inside
// tables. A table with a caption of which not one row could be read gets
// one finding with the reason (its rows are in a form the importer does
// not read) instead of one per line, and is marked unread, so that
// validation does not report each of its questions missing; when no table
// at all could be read, the document gets one finding. The findings about
// the other tables are reported as they are.
func (im *importer) settleNoise() *decode.Unread {
	read := map[*template.Table]bool{}
	for _, r := range im.rowOrder {
		read[r.table] = true
	}
	var unread []*template.Table
	for _, tb := range im.tpl.Tables() {
		if s := im.sections[tb.Section]; s != nil && s.captionLine > 0 && !read[tb] {
			unread = append(unread, tb)
		}
	}
	u := &decode.Unread{Items: im.unreadItems, Refs: im.unreadRefs}
	if len(unread) > 0 && len(unread) == im.captionedTables() {
		// Nothing read: one finding for the document.
		im.add(RuleTablesUnread, finding.Error, im.firstCaption, 1, "", "no table row could be read: "+im.unreadReason(nil))
		for _, tb := range unread {
			u.Sections = append(u.Sections, tb.Section)
		}
	} else {
		folded := map[*template.Table]bool{}
		for _, tb := range unread {
			folded[tb] = true
			u.Sections = append(u.Sections, tb.Section)
			im.add(RuleTablesUnread, finding.Error, im.sections[tb.Section].captionLine, 1, model.SectionPtr(tb.Section),
				fmt.Sprintf("no row of Table %d could be read: %s", tb.Number, im.unreadReason(tb)))
		}
		for _, n := range im.noise {
			if !folded[n.table] {
				im.fs = append(im.fs, n.Finding)
			}
		}
	}
	if len(u.Items) == 0 && len(u.Sections) == 0 && len(u.Refs) == 0 {
		return nil
	}
	return u
}

// captionedTables counts the template's tables the document has a caption
// for.
func (im *importer) captionedTables() int {
	n := 0
	for _, s := range im.sections {
		if s.captionLine > 0 {
			n++
		}
	}
	return n
}

// unreadReason says why the rows of table tb (nil: of every table) could
// not be read, from what its lines looked like.
func (im *importer) unreadReason(tb *template.Table) string {
	lines, first, spaced := 0, 0, false
	var count [formNote + 1]int
	for _, n := range im.noise {
		if tb != nil && n.table != tb {
			continue
		}
		if n.form == formNote {
			spaced = true
			continue
		}
		lines++
		count[n.form]++
		if first == 0 {
			first = n.Line
		}
	}
	best := formOther
	for f := formSpaced; f < formNote; f++ {
		if count[f] > count[best] {
			best = f
		}
	}
	var reason string
	switch {
	case lines == 0:
		reason = "there are no rows under the caption"
	case best == formSpaced && spaced:
		reason = "the cells are separated by spaces instead of tabs (an editor replaced the tabs), and the rows could not be split into cells unambiguously"
	case best == formSpaced:
		reason = "the cells seem separated by spaces instead of tabs, but no header row (Term, Definition, Deviation or Question, Answer, Comments/Experience) was found to learn the spacing from"
	case best == formPipe:
		reason = "the rows look like a Markdown pipe table (| ... |), but no header row with the template's column names followed by a |---| delimiter row was found"
	case best == formHTML:
		reason = "the rows look like an HTML table, but no <table> with the template's column names in its header row was found"
	default:
		reason = "the lines under the caption are neither tab-separated rows (Term<TAB>Definition<TAB>Deviation) nor a Markdown or HTML table"
	}
	if lines > 0 {
		reason += fmt.Sprintf("; %d %s not read (the first at line %d)", lines, plural(lines, "line", "lines"), first)
	}
	return reason
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (im *importer) set(ptr string, line, col, end int, more ...int) {
	im.m.Set(ptr, source.Span{Line: line, Col: col, KeyLine: line, KeyCol: col, EndLine: end, More: more})
}

func (im *importer) countryValue() map[string]any {
	c := map[string]any{}
	name := im.countryName
	line, col := im.countryLine, im.countryCol
	if name == "" && im.titleText != "" {
		// No caption: the title ends with "IN <COUNTRY>".
		title := richtext.FoldSpaces(im.titleText) // the same columns, any space a space
		if i := strings.LastIndex(strings.ToUpper(title), " IN "); i >= 0 {
			cand := richtext.Canonical(strings.TrimSpace(title[i+4:]))
			if code, ok := country.Code(cand); ok {
				name, _ = country.Name(code)
				line, col = im.titleLine, im.titleCol+i+4
			}
		}
	}
	if name == "" {
		return c
	}
	c["name"] = name
	im.set("/country", line, col, line)
	im.set("/country/name", line, col, line)
	if code, ok := country.Code(name); ok {
		c["code"] = code
		im.set("/country/code", line, col, line)
	} else {
		im.add(RuleCountry, finding.Error, line, col, "/country/code",
			fmt.Sprintf("cannot tell the ISO 3166-1 code of %q from the document; check the country name in the table captions", name))
	}
	return c
}

func (im *importer) roundsValue() []any {
	out := []any{}
	for i, r := range im.rounds {
		ptr := model.RoundPtr(i)
		cs := []any{}
		for j, c := range r.contributors {
			cm := map[string]any{"name": c.Name}
			for k, v := range map[string]string{"role": c.Role, "organisation": c.Organisation, "country": c.Country} {
				if v != "" {
					cm[k] = v
				}
			}
			cs = append(cs, cm)
			l := r.contribLines[j]
			im.set(ptr+"/contributors/"+strconv.Itoa(j), l, r.contribColumns[j], l)
			im.set(ptr+"/contributors/"+strconv.Itoa(j)+"/name", l, r.contribColumns[j], l)
		}
		rm := map[string]any{"kind": r.kind, "contributors": cs}
		if r.date != "" {
			rm["date"] = r.date
		}
		out = append(out, rm)
		end := r.line
		if n := len(r.contribLines); n > 0 {
			end = r.contribLines[n-1]
		}
		im.set(ptr, r.line, 1, end)
		im.set(ptr+"/kind", r.line, 1, r.line)
		im.set(ptr+"/date", r.line, r.dateCol, r.line)
		im.set(ptr+"/contributors", r.line, 1, end)
	}
	if len(im.rounds) > 0 {
		im.set("/rounds", im.rounds[0].line, 1, im.rounds[len(im.rounds)-1].line)
	}
	return out
}

func (im *importer) sectionValue(tb *template.Table, s *sectionState) map[string]any {
	items := map[string]any{}
	sec := map[string]any{tb.ItemsKey(): items}
	ptr := model.SectionPtr(tb.Section)
	im.set(ptr, s.captionLine, 1, s.captionLine)
	headerLine := s.headerLine
	if headerLine == 0 {
		headerLine = s.captionLine
	}
	im.set(ptr+"/"+tb.ItemsKey(), headerLine, 1, headerLine)
	for _, r := range im.rowOrder {
		if r.table != tb {
			continue
		}
		im.rowValue(tb, r, items)
	}
	if s.hasFurther {
		fi := []any{}
		for i, it := range s.further {
			fi = append(fi, im.relabel(richtext.SupToRefs(unescapeLandmarks(strings.TrimRight(it.text.String(), " \t")))))
			im.set(model.FurtherPtr(tb.Section, i), it.line, it.col, it.endLine)
		}
		sec["further_information"] = fi
		im.set(ptr+"/further_information", s.furtherLine, s.furtherCl, s.furtherLine)
	}
	return sec
}

// fields names the cells after the label, per kind of table.
func fields(tb *template.Table) []string {
	switch tb.Kind {
	case template.Terms:
		return []string{"definition", "deviation"}
	case template.Matrix:
		ids := make([]string, len(tb.Types))
		for i, t := range tb.Types {
			ids[i] = t.ID
		}
		return ids
	default:
		return []string{"answer", "comments"}
	}
}

func (im *importer) rowValue(tb *template.Table, r *row, items map[string]any) {
	ptr := model.ItemPtr(tb, r.id)
	v := map[string]any{}
	var all []int
	for i, name := range fields(tb) {
		c := i + 1
		if c >= len(r.cells) {
			continue
		}
		text, flattened := richtext.FromHTMLChecked(foldTagSpaces(r.cell(c)))
		text = im.relabel(text)
		if flattened {
			im.add(decode.RuleLimit, finding.Error, r.line, r.cols[c], ptr+"/"+name,
				fmt.Sprintf("lists nested deeper than %d levels in this cell; the deeper items are read as items of level %d", richtext.MaxListDepth, richtext.MaxListDepth))
		}
		if name == "comments" && text == "" {
			continue
		}
		v[name] = text
		line, end := r.cellLines(c)
		im.set(ptr+"/"+name, line, r.cols[c], end, r.more[c]...)
		all = append(all, r.more[c]...)
	}
	items[r.id] = v
	_, end := r.cellLines(len(r.cells) - 1)
	im.set(ptr, r.line, 1, end, all...)
}

func (im *importer) footnotesValue() []any {
	out := []any{}
	fns := im.footnotes
	if im.numbers != nil {
		// Numbered anew: listed in the order of their numbers.
		fns = slices.Clone(fns)
		slices.SortStableFunc(fns, func(a, b footnote) int {
			na, _ := strconv.Atoi(im.numbers[a.label])
			nb, _ := strconv.Atoi(im.numbers[b.label])
			return na - nb
		})
	}
	for i, fn := range fns {
		// A definition whose text starts on the next line has a blank first
		// line, which writing the document drops (see lines in render.go).
		text := unescapeLandmarks(strings.TrimRight(fn.text.text.String(), " \t"))
		if first, rest, ok := strings.Cut(text, "\n"); ok && strings.TrimSpace(first) == "" {
			text = rest
		}
		out = append(out, map[string]any{"label": im.relabelOne(fn.label), "text": im.relabel(text)})
		ptr := model.FootnotePtr(i)
		for _, c := range fn.comments {
			c.Ptr = ptr
			im.comments = append(im.comments, c)
		}
		im.set(ptr, fn.line, 1, fn.text.endLine)
		im.set(ptr+"/label", fn.line, fn.labelCol, fn.line)
		im.set(ptr+"/text", fn.line, fn.text.col, fn.text.endLine)
	}
	return out
}

// wordingLines is where a label with drifted wording was read: its row, or
// the Table 5 header for a column label, and the lines where that header
// is repeated after page breaks (more).
func (im *importer) wordingLines(id string) (line int, more []int) {
	if r, ok := im.rows[id]; ok {
		return r.line, nil
	}
	// A column label ("solutions.teleconferences"): the header of the
	// matrix table whose section the ID names.
	section, _, _ := strings.Cut(id, ".")
	for _, tb := range im.tpl.Tables() {
		if tb.Section == section && tb.Kind == template.Matrix {
			if s := im.sections[section]; s != nil && s.headerLine != 0 {
				return s.headerLine, s.repeatedHeaders
			}
		}
	}
	return 1, nil
}

// foldTagSpaces makes every Unicode space inside an HTML tag of a cell an
// ASCII space (an editor that turned spaces into no-break spaces turned
// those of `<ul style="...">` too, and HTML ends a tag name only at ASCII
// whitespace). The text between tags keeps its spaces as written.
func foldTagSpaces(cell string) string {
	if !strings.Contains(cell, "<") || richtext.FoldSpaces(cell) == cell {
		return cell
	}
	var b strings.Builder
	b.Grow(len(cell))
	for i := 0; i < len(cell); {
		j := strings.IndexByte(cell[i:], '<')
		if j < 0 || i+j+1 >= len(cell) || !isTagStart(cell[i+j+1]) {
			if j < 0 {
				b.WriteString(cell[i:])
				break
			}
			b.WriteString(cell[i : i+j+1])
			i += j + 1
			continue
		}
		b.WriteString(cell[i : i+j])
		i += j
		end := strings.IndexByte(cell[i:], '>')
		if end < 0 {
			b.WriteString(cell[i:])
			break
		}
		b.WriteString(richtext.FoldSpaces(cell[i : i+end+1]))
		i += end + 1
	}
	return b.String()
}

func isTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/'
}

// numberFootnotes numbers the footnotes anew when some came from HTML
// blocks, whose notes are numbered from 1 in each block (pandoc's gfm
// writes a table with lists in its cells as HTML, and its notes after it):
// 1, 2, ... in the order of first reference, as the published factsheet
// numbers them, then the footnotes never referenced in the order they are
// defined. Other documents keep their labels as written.
func (im *importer) numberFootnotes() {
	if im.htmlNotes == 0 {
		return
	}
	defined := map[string]bool{}
	for _, fn := range im.footnotes {
		defined[fn.label] = true
	}
	im.numbers = map[string]string{}
	next := func(label string) {
		if _, done := im.numbers[label]; !done {
			im.numbers[label] = strconv.Itoa(len(im.numbers) + 1)
		}
	}
	for _, l := range im.refOrder {
		if defined[l] {
			next(l)
		}
	}
	for _, fn := range im.footnotes {
		next(fn.label)
	}
}

// relabelOne is a footnote label as numbered by numberFootnotes.
func (im *importer) relabelOne(label string) string {
	if n, ok := im.numbers[label]; ok {
		return n
	}
	return label
}

// relabel rewrites the footnote references of Markdown text to the labels
// of numberFootnotes.
func (im *importer) relabel(md string) string {
	if im.numbers == nil {
		return md
	}
	return richtext.Relabel(md, im.relabelOne)
}
