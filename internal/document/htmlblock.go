package document

import (
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlBlock reads an HTML block of a converter's Markdown (from its first
// line to the next blank line, as CommonMark delimits HTML blocks): the
// rows of a <table>, header row included, as rows of the current table,
// and the notes of a <section class="footnotes"> as footnotes. Each cell's
// position is where its content starts. The block is tokenized once;
// positions are counted as the tokens pass, so a block on one long line
// costs no more than one on many.
func (im *importer) htmlBlock(first int, block string) {
	im.endText()
	im.inBody = true
	im.further = nil
	im.htmlBlocks++
	z := html.NewTokenizer(strings.NewReader(block))
	pos := blockPos{line: first, col: 1}

	var (
		tables     int  // open <table> elements
		rowOpen    bool // inside a <tr>
		rowLine    int
		cells      []string
		cols       []int
		lines      []int
		ends       []int
		capture    *strings.Builder // the content of the cell or note being read
		nested     int              // open tables (for a cell) or list items (for a note) inside it
		inCell     bool
		noteID     string
		capLine    int
		capCol     int
		sawTable   bool
		rowsRead   int
		notesFound int
	)
	finishCell := func() {
		cells = append(cells, im.cellHTML(capture.String()))
		cols, lines, ends = append(cols, capCol), append(lines, capLine), append(ends, pos.line)
		capture, inCell = nil, false
	}
	finishRow := func() {
		if inCell {
			finishCell()
		}
		if len(cells) > 0 && im.inTable(rowLine) {
			im.rowCellsAt(rowLine, cells, cols, lines, ends)
			rowsRead++
		}
		cells, cols, lines, ends = nil, nil, nil, nil
		rowOpen = false
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				break
			}
			break
		}
		raw := string(z.Raw())
		start := pos
		pos.advance(raw)
		name := ""
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			n, _ := z.TagName()
			name = string(n)
		}
		if capture != nil {
			switch {
			case inCell && tt == html.StartTagToken && name == "table":
				nested++
			case inCell && tt == html.EndTagToken && name == "table" && nested > 0:
				nested--
			case inCell && nested == 0 && tt == html.EndTagToken && (name == "td" || name == "th"):
				finishCell()
				continue
			case inCell && nested == 0 && (tt == html.StartTagToken && (name == "td" || name == "th" || name == "tr") || tt == html.EndTagToken && (name == "tr" || name == "table")):
				// A cell left open: closed by what follows it.
				finishCell()
			case !inCell && tt == html.StartTagToken && name == "li":
				nested++
			case !inCell && tt == html.EndTagToken && name == "li" && nested > 0:
				nested--
			case !inCell && tt == html.EndTagToken && (name == "li" || name == "ol" || name == "section"):
				im.addHTMLFootnote(noteID, capLine, capCol, footnoteHTML(capture.String()))
				notesFound++
				capture = nil
				continue
			}
			if capture != nil {
				capture.WriteString(raw)
				continue
			}
		}
		switch tt {
		case html.StartTagToken:
			switch name {
			case "table":
				tables++
				sawTable = true
			case "tr":
				if rowOpen {
					finishRow()
				}
				rowOpen, rowLine = true, start.line
			case "td", "th":
				if tables > 0 {
					if !rowOpen {
						rowOpen, rowLine = true, start.line
					}
					capture, inCell, nested = &strings.Builder{}, true, 0
					capLine, capCol = pos.line, pos.col
				}
			case "li":
				if id := attr(z, "id"); strings.HasPrefix(id, "fn") && tables == 0 {
					capture, inCell, nested = &strings.Builder{}, false, 0
					noteID, capLine, capCol = strings.TrimPrefix(id, "fn"), pos.line, pos.col
				}
			}
		case html.EndTagToken:
			switch name {
			case "tr":
				finishRow()
			case "table":
				if rowOpen {
					finishRow()
				}
				tables = max(tables-1, 0)
			}
		}
	}
	if capture != nil && inCell {
		finishCell()
	}
	if rowOpen {
		finishRow()
	}
	if capture != nil && !inCell {
		im.addHTMLFootnote(noteID, capLine, capCol, footnoteHTML(capture.String()))
		notesFound++
	}
	switch {
	case sawTable && rowsRead == 0:
		im.unreadHTML(first, "this HTML table has no rows the importer can read; it is ignored")
	case !sawTable && notesFound == 0:
		im.unreadHTML(first, "this HTML block is not part of the factsheet layout and is ignored")
	}
}

// attr is the value of the current tag's attribute key.
func attr(z *html.Tokenizer, key string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == key {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// blockPos is a line and character column in the document, advanced over
// the text of each token.
type blockPos struct{ line, col int }

func (p *blockPos) advance(s string) {
	for i := 0; i < len(s); {
		if s[i] == '\n' {
			p.line++
			p.col = 1
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		p.col++
	}
}
