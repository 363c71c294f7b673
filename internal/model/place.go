package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// Place names the part of the factsheet a JSON pointer points at as a
// person finds it in the document, in the words the Word reader uses for
// places in a Word document (internal/docx): `Table 2, row 4 "Is there a
// national eHealth governance board in place?", Comments/Experience`,
// `Table 5, row 4 "Treatment of Cancer", Telemonitoring via devices`,
// `footnote 23` (the footnote's label, not its 0-based index in the list),
// `review round 3 (update, 2025-10), date`. Rows are numbered as Word
// numbers them, the header row being row 1, in the template's order, which
// is the order of the published layout.
//
// It returns "" for a pointer it cannot name (a field the template does
// not have): the pointer then says it best.
func (f *Factsheet) Place(ptr string) string {
	if ptr == "" || ptr[0] != '/' {
		return ""
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		parts[i] = source.Unescape(p)
	}
	switch parts[0] {
	case "template", "title", "introduction", "contact":
		if len(parts) == 1 {
			return parts[0]
		}
	case "country":
		switch {
		case len(parts) == 1:
			return "country"
		case len(parts) == 2 && (parts[1] == "code" || parts[1] == "name"):
			return "country " + parts[1]
		}
	case "rounds":
		return f.roundPlace(parts[1:])
	case "footnotes":
		return f.footnotePlace(parts[1:])
	case "wording":
		if len(parts) == 2 {
			return f.wordingPlace(parts[1])
		}
	default:
		if tb := f.TemplateOrDefault().Table(parts[0]); tb != nil {
			return f.tablePlace(tb, parts[1:])
		}
	}
	return ""
}

func (f *Factsheet) roundPlace(parts []string) string {
	if len(parts) == 0 {
		return "review rounds"
	}
	i, err := strconv.Atoi(parts[0])
	if err != nil || i < 0 {
		return ""
	}
	s := fmt.Sprintf("review round %d", i+1)
	if i < len(f.Rounds) {
		r := f.Rounds[i]
		var what []string
		for _, w := range []string{r.Kind, r.Date} {
			if w != "" {
				what = append(what, w)
			}
		}
		if len(what) > 0 {
			s += " (" + strings.Join(what, ", ") + ")"
		}
	}
	rest := parts[1:]
	switch {
	case len(rest) == 0:
		return s
	case len(rest) == 1 && (rest[0] == "kind" || rest[0] == "date" || rest[0] == "contributors"):
		return s + ", " + rest[0]
	case rest[0] != "contributors":
		return ""
	}
	j, err := strconv.Atoi(rest[1])
	if err != nil || j < 0 {
		return ""
	}
	s += fmt.Sprintf(", contributor %d", j+1)
	if i < len(f.Rounds) && j < len(f.Rounds[i].Contributors) && f.Rounds[i].Contributors[j].Name != "" {
		s += " " + quotePlace(f.Rounds[i].Contributors[j].Name)
	}
	switch {
	case len(rest) == 2:
		return s
	case len(rest) == 3:
		switch rest[2] {
		case "name", "role", "organisation", "country":
			return s + ", " + rest[2]
		}
	}
	return ""
}

func (f *Factsheet) footnotePlace(parts []string) string {
	if len(parts) == 0 {
		return "footnotes"
	}
	i, err := strconv.Atoi(parts[0])
	if err != nil || i < 0 {
		return ""
	}
	// The label is what the document prints; the index in the list
	// is not (footnote 23 is /footnotes/22).
	s := fmt.Sprintf("footnote entry %d", i+1)
	if i < len(f.Footnotes) && f.Footnotes[i].Label != "" {
		s = "footnote " + f.Footnotes[i].Label
	}
	if len(parts) == 1 || len(parts) == 2 && (parts[1] == "text" || parts[1] == "label") {
		return s
	}
	return ""
}

// wordingPlace names the label a wording entry records: a row's first
// cell, or a Table 5 column's header, as written.
func (f *Factsheet) wordingPlace(id string) string {
	section, rest, ok := strings.Cut(id, ".")
	tb := f.TemplateOrDefault().Table(section)
	if !ok || tb == nil {
		return ""
	}
	written := f.Wording[id]
	if n := itemIndex(tb.Items, rest); n >= 0 {
		label := written
		if label == "" {
			label = tb.Items[n].Wording
		}
		return fmt.Sprintf("%s, row %d %s", tableName(tb), n+2, quotePlace(label))
	}
	if n := itemIndex(tb.Types, rest); n >= 0 {
		label := written
		if label == "" {
			label = tb.Types[n].Wording
		}
		return fmt.Sprintf("%s, header row, %s", tableName(tb), oneLinePlace(label))
	}
	return ""
}

func (f *Factsheet) tablePlace(tb *template.Table, parts []string) string {
	name := tableName(tb)
	chapter := f.TemplateOrDefault().ChapterOf(tb)
	switch {
	case len(parts) == 0:
		return name
	case parts[0] == "further_information":
		s := "Further information"
		if chapter != nil {
			s = fmt.Sprintf("chapter %d, Further information", chapter.Number)
		}
		if len(parts) == 1 {
			return s
		}
		if i, err := strconv.Atoi(parts[1]); err == nil && i >= 0 && len(parts) == 2 {
			return fmt.Sprintf("%s, item %d", s, i+1)
		}
		return ""
	case parts[0] != tb.ItemsKey():
		return ""
	case len(parts) == 1:
		return name
	}
	n := itemIndex(tb.Items, parts[1])
	if n < 0 {
		return "" // not in the template: its pointer names it
	}
	label := tb.Items[n].Wording
	if w, ok := f.Wording[tb.ID(parts[1])]; ok && w != "" {
		label = w // the row's first cell as the document writes it
	}
	s := fmt.Sprintf("%s, row %d %s", name, n+2, quotePlace(label))
	if len(parts) == 2 {
		return s
	}
	if len(parts) != 3 {
		return ""
	}
	if tb.Kind == template.Matrix {
		if k := itemIndex(tb.Types, parts[2]); k >= 0 {
			return s + ", " + oneLinePlace(tb.Types[k].Wording)
		}
		return ""
	}
	// The columns as the table's header row names them: Term, Definition,
	// Deviation; Question, Answer, Comments/Experience.
	fields := []string{"definition", "deviation"}
	if tb.Kind == template.Questions {
		fields = []string{"answer", "comments"}
	}
	for k, field := range fields {
		if parts[2] == field && k+1 < len(tb.Header) {
			return s + ", " + tb.Header[k+1]
		}
	}
	return ""
}

func tableName(tb *template.Table) string { return "Table " + strconv.Itoa(tb.Number) }

func itemIndex(items []template.Item, id string) int {
	for i, it := range items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// quotePlace quotes a row's label as the Word reader does: one line, at
// most 70 characters.
func quotePlace(s string) string { return strconv.Quote(oneLinePlace(s)) }

func oneLinePlace(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 70 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:67])) + "…"
	}
	return s
}
