package cli

import (
	"fmt"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/source"
)

// commentAuthor is the author of the comments lint --annotate writes; the
// Word reader knows them as the tool's own and does not report them again.
const commentAuthor = docx.ToolAuthor

// annotated writes the factsheet as a Word document (the published layout,
// as convert --to docx writes it) with each finding as a comment on the
// text it concerns: the cell of its value, the row of its item, the
// footnote's number, the table's caption for what is missing from a table;
// the title when it has no place in the text.
func annotated(res *load.Result, fs []finding.Finding, today dates.Date) []byte {
	f := res.Model
	layout := string(document.Render(f.WithoutSuppressions()))
	// Where each value is in the layout: the document importer's own map.
	m := document.Import(source.New(res.Name, layout)).Map
	date := today.String() + "T00:00:00Z"
	notes := make([]docx.Annotation, 0, len(fs))
	for _, x := range fs {
		line, col := 0, 0
		if x.Pointer != "" {
			line, col = m.At(x.Pointer, false)
		}
		text := fmt.Sprintf("[%s] %s: %s", x.Rule, x.Severity, x.Message)
		if x.Hint != "" {
			text += "\nhint: " + x.Hint
		}
		notes = append(notes, docx.Annotation{Line: line, Col: col, Author: commentAuthor, Initials: "fs", Date: date, Text: text})
	}
	return docx.Write(layout, docx.Meta{Title: f.Title, Country: f.Country.Name, Template: f.Template}, notes...)
}
