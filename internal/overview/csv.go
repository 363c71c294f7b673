package overview

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row of the CSV format.
var CSVHeader = []string{"country", "country_name", "round", "item_id", "chapter", "table", "question", "answer", "category", "comment", "footnote_urls", "file", "line_or_place"}

// WriteCSV writes one tidy long table: one row per (column, item), columns
// in matrix order, items in template order. RFC 4180 (quoted where needed,
// CRLF line ends), UTF-8 without a byte order mark, a header row. Answers
// and comments are display text with the factsheet's own footnote labels
// ("[10]"); footnote_urls lists the addresses the cited footnotes link,
// one per line. Every field that a spreadsheet would read as a formula
// (starting with =, +, -, @, a tab or a carriage return) is prefixed with
// ' as OWASP recommends.
func WriteCSV(w io.Writer, ov *Overview) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	row := make([]string, len(CSVHeader))
	for j, c := range ov.Columns {
		f := c.File
		for i, it := range ov.Items {
			v := ov.Value(i, j)
			var urls []string
			for _, s := range v.Sources {
				urls = append(urls, s.URLs...)
			}
			row = append(row[:0],
				f.Code, f.Country, f.Round.String(), it.ID,
				strconv.Itoa(it.Chapter.Number)+" "+it.Chapter.Heading,
				"Table "+strconv.Itoa(it.Table.Number),
				it.Label(),
				Display(v.Answer, ownLabel), string(v.Category), Display(v.Comment, ownLabel),
				strings.Join(urls, "\n"), v.Pos.File, v.Pos.Where(),
			)
			for k := range row {
				row[k] = CSVSafe(row[k])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVSafe guards a field against formula injection: a value a spreadsheet
// would evaluate (=, +, -, @, tab, carriage return first) gets a leading
// apostrophe, which spreadsheets show as text.
func CSVSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
