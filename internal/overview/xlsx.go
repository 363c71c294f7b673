package overview

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/xlsx"
)

// Category colours: fill, font and border, the same in the workbook and
// the HTML page.
var categoryColours = map[Category][3]string{
	Yes:     {"D8F3DC", "0B5D2A", "2DA44E"},
	Partial: {"FCEFC4", "684D00", "D4A72C"},
	No:      {"FDE2E1", "8C1D18", "CF222E"},
	NA:      {"ECEFF3", "4B5563", "8C959F"},
	Other:   {"E1EAFD", "1C3F8A", "3B6FD8"},
	Empty:   {"FFFFFF", "8C959F", "D1D9E0"},
}

// Sheet names.
const (
	sheetStatus  = "Status"
	sheetSources = "Sources"
)

// tableSheet names the sheet of a table: "T2 Governance".
func tableSheet(tb *template.Table) string {
	name := strings.ToUpper(tb.Section[:1]) + tb.Section[1:]
	return "T" + strconv.Itoa(tb.Number) + " " + name
}

// WriteXLSX writes the overview as a workbook:
//
//   - Status: one row per file read (the matrix's columns first, then the
//     files not in it with why), with the legend of the answer categories
//     below;
//   - one sheet per table: Tables 1-4 and 6 with one row per item and one
//     column per country; Table 5 with one row per (area, country) and one
//     column per solution type, so filtering on a country shows that
//     country's Table 5 as published;
//   - Sources: every footnote cited, with its address as a hyperlink.
//
// Every sheet has a frozen header row and first columns and an autofilter.
// A value's cell is filled with its category's colour and carries a note
// with the category, the comment, the sources and where the answer is
// written. Document properties and timestamps are fixed (the day of
// --today), so the same overview gives the same bytes.
func WriteXLSX(w io.Writer, ov *Overview) error {
	x := &xlsxWriter{wb: xlsx.New(), ov: ov}
	x.write()
	return x.wb.Write(w)
}

// xlsxWriter lays the overview out on a workbook. The workbook keeps the
// first error (every later call is then a no-op), so the sheet code reads
// as the layout it writes.
type xlsxWriter struct {
	wb     *xlsx.Workbook
	ov     *Overview
	styles map[string]int
	cat    map[Category]int
}

// set writes a value: text is always text (a factsheet's "=cmd|..." is
// never a formula), numbers are numbers.
func (x *xlsxWriter) set(sh *xlsx.Sheet, col, row int, v any) {
	switch v := v.(type) {
	case string:
		sh.SetString(col, row, v)
	case int:
		sh.SetInt(col, row, v)
	case float64:
		sh.SetFloat(col, row, v)
	default:
		sh.SetString(col, row, fmt.Sprint(v))
	}
}

func (x *xlsxWriter) style(sh *xlsx.Sheet, col1, row1, col2, row2 int, style int) {
	sh.SetStyle(col1, row1, col2, row2, style)
}

// rowHeight sizes a row for its longest text (at about 32 characters a
// line in the value columns), from one line to six: a spreadsheet does not
// grow rows by itself for text a program wrote, and the whole text is in
// the cell and its note anyway.
func (x *xlsxWriter) rowHeight(sh *xlsx.Sheet, row int, texts ...string) {
	lines := 1
	for _, t := range texts {
		n := 0
		for _, l := range strings.Split(Display(t, ownLabel), "\n") {
			n += 1 + len([]rune(l))/32
		}
		lines = max(lines, n)
	}
	sh.RowHeight(row, float64(15*min(lines, 6)+3))
}

func (x *xlsxWriter) note(sh *xlsx.Sheet, col, row int, text string) {
	sh.Note(col, row, text)
}

func (x *xlsxWriter) link(sh *xlsx.Sheet, col, row int, url string) {
	if !Linkable(url) {
		return
	}
	sh.Link(col, row, url)
	x.style(sh, col, row, col, row, x.styles["link"])
}

func (x *xlsxWriter) write() {
	today := x.ov.Today.String() + "T00:00:00Z"
	x.wb.Props = xlsx.Props{
		Title: x.ov.Title, Subject: x.ov.Summary(),
		Creator: "factsheet overview", Created: today, Language: "en-GB", Application: "factsheet overview",
		Description: "Made by factsheet overview from the country factsheets; every cell has a note with the comment, the sources and where the answer is written.",
	}
	x.wb.NoteAuthor = "factsheet"
	x.makeStyles()
	x.status()
	for _, g := range x.ov.Groups() {
		if g.Table.Kind == template.Matrix {
			x.matrixSheet(g)
		} else {
			x.tableSheet(g)
		}
	}
	x.sources()
	x.wb.Active = 0
}

func (x *xlsxWriter) makeStyles() {
	x.styles, x.cat = map[string]int{}, map[Category]int{}
	defs := map[string]xlsx.Style{
		"header": {Font: xlsx.Font{Bold: true, Color: "1F2328"}, Fill: "EAEEF2", Wrap: true, Border: "AFB8C1"},
		"item":   {Wrap: true, Border: "D1D9E0"},
		"id":     {Font: xlsx.Font{Color: "59636E", Name: "Consolas", Size: 9}, Wrap: true, Border: "D1D9E0"},
		"text":   {Wrap: true},
		"title":  {Font: xlsx.Font{Bold: true, Size: 12}},
		"link":   {Font: xlsx.Font{Color: "0B5CAD", Underline: true}, Wrap: true},
		"pct":    {NumFmt: 9},
		"bad":    {Font: xlsx.Font{Bold: true, Color: "A40E26"}, Wrap: true},
		"muted":  {Font: xlsx.Font{Color: "59636E"}, Wrap: true},
		"strong": {Font: xlsx.Font{Bold: true}, Wrap: true},
	}
	for _, name := range []string{"header", "item", "id", "text", "title", "link", "pct", "bad", "muted", "strong"} {
		x.styles[name] = x.wb.Style(defs[name])
	}
	for _, c := range Categories {
		col := categoryColours[c]
		x.cat[c] = x.wb.Style(xlsx.Style{Fill: col[0], Font: xlsx.Font{Color: col[1]}, Wrap: true, Border: col[2]})
	}
}

// frame freezes the header row and the first cols columns, puts an
// autofilter over the table and sets how it prints: landscape A4, as wide
// as one page, the header row on every page.
func (x *xlsxWriter) frame(sh *xlsx.Sheet, cols, lastCol, lastRow int) {
	sh.Freeze(cols, 1)
	sh.AutoFilter(1, 1, lastCol, max(lastRow, 2))
	sh.SetPage(xlsx.Page{Landscape: true, Paper: 9, FitToWidth: 1, FitToHeight: 0})
	sh.PrintTitles(1)
}

func (x *xlsxWriter) widths(sh *xlsx.Sheet, widths ...float64) {
	for i, w := range widths {
		sh.ColWidth(i+1, w)
	}
}

func (x *xlsxWriter) header(sheet *xlsx.Sheet, cells ...string) {
	for i, h := range cells {
		x.set(sheet, i+1, 1, h)
	}
	x.style(sheet, 1, 1, len(cells), 1, x.styles["header"])
}

var statusHeader = []string{"Country", "Name", "Round shown", "Last review", "Age (days)", "Age", "Answered", "Items", "Completeness",
	"Errors", "Warnings", "Infos", "Past-due", "Template", "File", "State", "Note", "Errors listed"}

func (x *xlsxWriter) status() {
	sh := x.wb.AddSheet(sheetStatus)
	x.header(sh, statusHeader...)
	row := 1
	var files []*File
	for _, c := range x.ov.Columns {
		files = append(files, c.File)
	}
	files = append(files, x.ov.Others()...)
	for _, f := range files {
		row++
		x.set(sh, 1, row, f.Code)
		x.set(sh, 2, row, f.Country)
		x.set(sh, 3, row, f.Round.String())
		if f.LastReview != nil {
			x.set(sh, 4, row, f.LastReview.Date)
			x.set(sh, 5, row, f.LastReview.AgeDays)
			x.set(sh, 6, row, f.LastReview.Age)
		} else if f.State != Excluded {
			x.set(sh, 4, row, "none")
		}
		if f.Total > 0 {
			x.set(sh, 7, row, f.Answered)
			x.set(sh, 8, row, f.Total)
			x.set(sh, 9, row, float64(f.Answered)/float64(f.Total))
			x.style(sh, 9, row, 9, row, x.styles["pct"])
		}
		x.set(sh, 10, row, f.Counts.Errors)
		x.set(sh, 11, row, f.Counts.Warnings)
		x.set(sh, 12, row, f.Counts.Infos)
		x.set(sh, 13, row, f.PastDue)
		x.set(sh, 14, row, f.Template)
		x.set(sh, 15, row, f.Name)
		x.set(sh, 16, row, string(f.State))
		x.set(sh, 17, row, f.Note)
		x.set(sh, 18, row, strings.Join(f.WhyErrors(), "\n"))
		x.style(sh, 17, row, 18, row, x.styles["text"])
		if f.State == Excluded || f.State == Duplicate {
			x.style(sh, 16, row, 16, row, x.styles["bad"])
		}
	}
	last := row
	x.frame(sh, 1, len(statusHeader), last)
	x.widths(sh, 9, 16, 18, 13, 10, 22, 10, 8, 13, 8, 10, 8, 9, 16, 30, 12, 50, 70)

	// The legend, below the table.
	row = last + 2
	x.set(sh, 1, row, "Legend")
	x.style(sh, 1, row, 1, row, x.styles["title"])
	x.set(sh, 2, row, x.ov.Title+". "+x.ov.Summary())
	for _, c := range Categories {
		row++
		x.set(sh, 1, row, c.Label())
		x.style(sh, 1, row, 2, row, x.cat[c])
		sh.Merge(1, row, 2, row)
		x.set(sh, 3, row, c.Meaning())
	}
	row += 2
	x.set(sh, 1, row, "Notes")
	x.style(sh, 1, row, 1, row, x.styles["strong"])
	x.set(sh, 2, row, "Every answer cell has a note (hover it, or Review > Show Comment) with the category, the comment, the sources and where the answer is written. "+
		"The fill colour is the category: filter a column by colour to see one category. Footnote numbers [N] are the factsheet's own; the Sources sheet links them.")
}

// columnHeader is "AT Austria\nreview 2026-03".
func columnHeader(c *Column) string {
	h := c.Header()
	if r := c.File.Round.String(); r != "" {
		h += "\n" + r
	}
	return h
}

// noteOf is the note of a value's cell.
func noteOf(v *Value) string {
	var b strings.Builder
	b.WriteString(v.Category.Label())
	if c := Display(v.Comment, ownLabel); c != "" {
		b.WriteString("\n\n" + c)
	}
	if len(v.Sources) > 0 {
		b.WriteString("\n\nSources:")
		for _, s := range v.Sources {
			b.WriteString("\n[" + s.Label + "] " + s.Title)
			for _, u := range s.URLs {
				if !strings.Contains(s.Title, u) {
					b.WriteString(" " + u)
				}
			}
		}
	}
	b.WriteString("\n\n" + v.Pos.String())
	return b.String()
}

func (x *xlsxWriter) value(sheet *xlsx.Sheet, col, row int, v *Value) {
	if v.Category == Empty {
		x.set(sheet, col, row, "")
	} else {
		x.set(sheet, col, row, Display(v.Answer, ownLabel))
	}
	x.style(sheet, col, row, col, row, x.cat[v.Category])
	if v.Present {
		x.note(sheet, col, row, noteOf(v))
	}
}

// tableSheet writes Tables 1-4 and 6: items by countries.
func (x *xlsxWriter) tableSheet(g Group) {
	sh := x.wb.AddSheet(tableSheet(g.Table))
	first := "Question"
	if g.Table.Kind == template.Terms {
		first = "Term (the value is its deviation)"
	}
	x.set(sh, 1, 1, first)
	x.set(sh, 2, 1, "ID")
	for j, c := range x.ov.Columns {
		x.set(sh, j+3, 1, columnHeader(c))
	}
	x.style(sh, 1, 1, len(x.ov.Columns)+2, 1, x.styles["header"])
	row := 1
	for i := g.Start; i < g.End; i++ {
		row++
		it := x.ov.Items[i]
		x.set(sh, 1, row, it.Label())
		x.set(sh, 2, row, it.ID)
		x.style(sh, 1, row, 1, row, x.styles["item"])
		x.style(sh, 2, row, 2, row, x.styles["id"])
		texts := []string{it.Label()}
		for j := range x.ov.Columns {
			v := x.ov.Value(i, j)
			x.value(sh, j+3, row, v)
			texts = append(texts, v.Answer)
		}
		x.rowHeight(sh, row, texts...)
	}
	sh.RowHeight(1, 45)
	x.frame(sh, 2, len(x.ov.Columns)+2, row)
	widths := []float64{55, 26}
	for range x.ov.Columns {
		widths = append(widths, 30)
	}
	x.widths(sh, widths...)
}

// matrixSheet writes Table 5 as published: areas down, solution types
// across, one row per (area, country).
func (x *xlsxWriter) matrixSheet(g Group) {
	sh := x.wb.AddSheet(tableSheet(g.Table))
	// The areas and types that have a selected cell, in template order.
	index := map[string]int{}
	var areas, types []template.Item
	seenArea, seenType := map[string]bool{}, map[string]bool{}
	for i := g.Start; i < g.End; i++ {
		it := x.ov.Items[i]
		index[it.ID] = i
		if !seenArea[it.Row.ID] {
			seenArea[it.Row.ID] = true
			areas = append(areas, it.Row)
		}
		if !seenType[it.Type.ID] {
			seenType[it.Type.ID] = true
		}
	}
	for _, t := range g.Table.Types {
		if seenType[t.ID] {
			types = append(types, t)
		}
	}
	x.set(sh, 1, 1, "Area of application")
	x.set(sh, 2, 1, "Country")
	for k, t := range types {
		x.set(sh, k+3, 1, t.Wording)
	}
	x.style(sh, 1, 1, len(types)+2, 1, x.styles["header"])
	row := 1
	for _, a := range areas {
		for j, c := range x.ov.Columns {
			row++
			x.set(sh, 1, row, a.Wording)
			x.style(sh, 1, row, 1, row, x.styles["item"])
			x.set(sh, 2, row, columnHeader(c))
			x.style(sh, 2, row, 2, row, x.styles["item"])
			texts := []string{a.Wording, columnHeader(c)}
			for k, t := range types {
				i, ok := index[g.Table.CellID(a.ID, t.ID)]
				if !ok {
					continue
				}
				v := x.ov.Value(i, j)
				x.value(sh, k+3, row, v)
				texts = append(texts, v.Answer)
			}
			x.rowHeight(sh, row, texts...)
		}
	}
	sh.RowHeight(1, 45)
	x.frame(sh, 2, len(types)+2, row)
	widths := []float64{24, 20}
	for range types {
		widths = append(widths, 28)
	}
	x.widths(sh, widths...)
}

// sources lists every footnote cited, one row per (column, item, source).
func (x *xlsxWriter) sources() {
	sh := x.wb.AddSheet(sheetSources)
	x.header(sh, "Country", "Round", "Item", "Footnote", "Source", "Address", "Answer written at")
	row := 1
	for j, c := range x.ov.Columns {
		for i, it := range x.ov.Items {
			v := x.ov.Value(i, j)
			for _, s := range v.Sources {
				urls := s.URLs
				if len(urls) == 0 {
					urls = []string{""}
				}
				for _, u := range urls {
					row++
					x.set(sh, 1, row, c.Header())
					x.set(sh, 2, row, c.File.Round.String())
					x.set(sh, 3, row, it.ID)
					x.set(sh, 4, row, s.Label)
					x.set(sh, 5, row, s.Title)
					x.set(sh, 6, row, u)
					x.link(sh, 6, row, u)
					x.set(sh, 7, row, v.Pos.String())
				}
			}
		}
	}
	x.frame(sh, 1, 7, row)
	x.widths(sh, 16, 16, 34, 10, 60, 60, 40)
	if row == 1 {
		x.set(sh, 1, 2, fmt.Sprintf("No sources cited in the %s shown.", plural(len(x.ov.Items), "item")))
	}
}
