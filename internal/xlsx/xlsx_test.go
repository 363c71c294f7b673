package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/ecanplus/factsheet/internal/xlsx"
)

// sample is a workbook with one of everything the writer does.
func sample(t *testing.T) *xlsx.Workbook {
	t.Helper()
	wb := xlsx.New()
	wb.Props = xlsx.Props{Title: "Synthetic <test> & \"workbook\"", Creator: "tests", Created: "2026-11-22T00:00:00Z", Application: "tests"}
	wb.NoteAuthor = "tests"
	head := wb.Style(xlsx.Style{Font: xlsx.Font{Bold: true, Color: "1F2328"}, Fill: "EAEEF2", Border: "AFB8C1", Wrap: true})
	pct := wb.Style(xlsx.Style{NumFmt: 9})
	green := wb.Style(xlsx.Style{Fill: "D8F3DC", Font: xlsx.Font{Color: "0B5D2A", Name: "Consolas", Size: 9}, Border: "2DA44E", Wrap: true})
	if again := wb.Style(xlsx.Style{NumFmt: 9}); again != pct {
		t.Fatalf("an equal style got a new id: %d, %d", again, pct)
	}

	s := wb.AddSheet("First's")
	s.SetString(1, 1, "Name")
	s.SetString(2, 1, "Share")
	s.SetStyle(1, 1, 2, 1, head)
	s.SetString(1, 2, "  spaced  ")
	s.SetFloat(2, 2, 0.95)
	s.SetStyle(2, 2, 2, 2, pct)
	s.SetString(1, 3, `=HYPERLINK("http://evil.example/","click me")`)
	s.SetInt(2, 3, -7)
	s.SetString(1, 4, "bad \x00\x01\x1f\uFFFE chars \xff kept: \t tab, line\nbreak, _x0041_ as written")
	s.SetStyle(1, 4, 1, 4, green)
	s.Note(1, 4, "A note <with> & \"quotes\"\nand a line")
	s.Link(2, 4, "https://example.org/a?b=1&c=2")
	s.SetString(2, 4, "https://example.org/a?b=1&c=2")
	s.Link(2, 5, "https://example.org/\x00")
	s.Merge(1, 6, 2, 6)
	s.SetString(1, 6, "merged")
	s.Freeze(1, 1)
	s.AutoFilter(1, 1, 2, 4)
	s.PrintTitles(1)
	s.SetPage(xlsx.Page{Landscape: true, Paper: 9, FitToWidth: 1})
	s.ColWidth(1, 40)
	s.ColWidth(2, 12.5)
	s.RowHeight(4, 48)
	s.RowHeight(9, 30) // a row with a height and no cells

	s2 := wb.AddSheet("Second")
	s2.SetString(3, 2, "C2")
	s2.Note(3, 2, "a note on the second sheet")
	wb.Active = 1
	return wb
}

func write(t *testing.T, wb *xlsx.Workbook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func open(t *testing.T, raw []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// The sample read back with excelize, the reference reader: values and
// their types, styles, notes, links, panes, filters, merges, properties.
func TestReadBack(t *testing.T) {
	raw := write(t, sample(t))
	if err := xlsx.Verify(raw); err != nil {
		t.Fatal(err)
	}
	f := open(t, raw)
	if got := strings.Join(f.GetSheetList(), "|"); got != "First's|Second" {
		t.Fatalf("sheets %s", got)
	}
	sh := "First's"
	for ref, want := range map[string]string{
		"A1": "Name", "A2": "  spaced  ", "B2": "95%", "B3": "-7",
		"A3": `=HYPERLINK("http://evil.example/","click me")`,
		"A4": "bad  chars \uFFFD kept: \t tab, line\nbreak, _x0041_ as written",
		"A6": "merged",
	} {
		if got, err := f.GetCellValue(sh, ref); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
		}
	}
	// Text is text: no formula, a string cell.
	if fm, _ := f.GetCellFormula(sh, "A3"); fm != "" {
		t.Errorf("A3 has the formula %q", fm)
	}
	if ty, _ := f.GetCellType(sh, "A3"); ty != excelize.CellTypeSharedString {
		t.Errorf("A3 is of type %v, want a shared string", ty)
	}
	if ty, _ := f.GetCellType(sh, "B3"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("B3 is of type %v, want a number", ty)
	}

	id, _ := f.GetCellStyle(sh, "A4")
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "D8F3DC" || st.Font == nil || st.Font.Color != "0B5D2A" ||
		st.Font.Family != "Consolas" || st.Font.Size != 9 || len(st.Border) != 4 || st.Border[0].Color != "2DA44E" ||
		st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("A4 style %+v font %+v (%v)", st, st.Font, err)
	}
	id, _ = f.GetCellStyle(sh, "A1")
	if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold || st.Fill.Color[0] != "EAEEF2" {
		t.Errorf("A1 style %+v", st)
	}

	comments, err := f.GetComments(sh)
	if err != nil || len(comments) != 1 || comments[0].Cell != "A4" || comments[0].Author != "tests" {
		t.Fatalf("comments %+v (%v)", comments, err)
	}
	if got := comments[0].Text + paragraphs(comments[0]); got != "A note <with> & \"quotes\"\nand a line" {
		t.Errorf("note %q", got)
	}
	if c, _ := f.GetComments("Second"); len(c) != 1 || c[0].Cell != "C2" {
		t.Errorf("second sheet's comments %+v", c)
	}

	if ok, link, err := f.GetCellHyperLink(sh, "B4"); !ok || link != "https://example.org/a?b=1&c=2" || err != nil {
		t.Errorf("B4 link %v %q %v", ok, link, err)
	}
	if ok, _, _ := f.GetCellHyperLink(sh, "B5"); ok {
		t.Error("an address with a NUL became a link")
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 1 || panes.TopLeftCell != "B2" {
		t.Errorf("panes %+v (%v)", panes, err)
	}
	if m, _ := f.GetMergeCells(sh); len(m) != 1 || m[0].GetStartAxis() != "A6" || m[0].GetEndAxis() != "B6" {
		t.Errorf("merges %v", m)
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	if names["_xlnm._FilterDatabase@First's"] != "'First''s'!$A$1:$B$4" || names["_xlnm.Print_Titles@First's"] != "'First''s'!$1:$1" {
		t.Errorf("defined names %v", names)
	}
	if w, _ := f.GetColWidth(sh, "B"); w != 12.5 {
		t.Errorf("B width %g", w)
	}
	if h, _ := f.GetRowHeight(sh, 4); h != 48 {
		t.Errorf("row 4 height %g", h)
	}
	if h, _ := f.GetRowHeight(sh, 9); h != 30 {
		t.Errorf("row 9 height %g", h)
	}
	if f.GetActiveSheetIndex() != 1 {
		t.Errorf("active sheet %d", f.GetActiveSheetIndex())
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "Synthetic <test> & \"workbook\"" || props.Created != "2026-11-22T00:00:00Z" || props.Creator != "tests" {
		t.Errorf("properties %+v (%v)", props, err)
	}
	layout, err := f.GetPageLayout(sh)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout %+v (%v)", layout, err)
	}
}

func paragraphs(c excelize.Comment) string {
	var s string
	for _, p := range c.Paragraph {
		s += p.Text
	}
	return s
}

// No part carries a formula, whatever the text.
func TestNoFormula(t *testing.T) {
	raw := write(t, sample(t))
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range z.File {
		rc, _ := e.Open()
		data, _ := io.ReadAll(rc)
		_ = rc.Close()
		if bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) {
			t.Errorf("%s holds a formula element", e.Name)
		}
	}
}

// Two writes of one workbook are identical, entries in a fixed order
// stamped with the creation day; the content types come first.
func TestDeterministic(t *testing.T) {
	a := write(t, sample(t))
	b := write(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two writes differ")
	}
	z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if z.File[0].Name != "[Content_Types].xml" || z.File[1].Name != "_rels/.rels" {
		t.Errorf("first entries %s, %s", z.File[0].Name, z.File[1].Name)
	}
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, e := range z.File {
		if !e.Modified.Equal(day) {
			t.Errorf("%s modified %s", e.Name, e.Modified)
		}
	}
}

// Long text is cut at the cell limit, counted in UTF-16 units as
// spreadsheets count, and ends with an ellipsis.
func TestCellLimit(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"ascii", strings.Repeat("a", 40000)},
		{"astral", strings.Repeat("😀", 20000)},
		{"exact", strings.Repeat("a", xlsx.MaxCellText)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb := xlsx.New()
			s := wb.AddSheet("S")
			s.SetString(1, 1, tc.in)
			s.Note(1, 1, tc.in)
			f := open(t, write(t, wb))
			got, _ := f.GetCellValue("S", "A1")
			if n := len(utf16.Encode([]rune(got))); n > xlsx.MaxCellText {
				t.Errorf("%d units", n)
			}
			if len(tc.in) > xlsx.MaxCellText && !strings.HasSuffix(got, "…") {
				t.Errorf("cut text does not end with an ellipsis")
			}
			if tc.name == "exact" && got != tc.in {
				t.Errorf("text at the limit was cut")
			}
		})
	}
}

// Bad calls are the workbook's error, never a panic, and nothing is
// written.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(wb *xlsx.Workbook)
		want string
	}{
		{"no sheet", func(wb *xlsx.Workbook) {}, "needs a sheet"},
		{"long name", func(wb *xlsx.Workbook) { wb.AddSheet(strings.Repeat("x", 32)) }, "1 to 31"},
		{"empty name", func(wb *xlsx.Workbook) { wb.AddSheet("") }, "1 to 31"},
		{"bad character", func(wb *xlsx.Workbook) { wb.AddSheet("a/b") }, "holds one of"},
		{"apostrophe", func(wb *xlsx.Workbook) { wb.AddSheet("'a") }, "apostrophe"},
		{"control", func(wb *xlsx.Workbook) { wb.AddSheet("a\x00") }, "XML cannot carry"},
		{"twice", func(wb *xlsx.Workbook) { wb.AddSheet("A"); wb.AddSheet("a") }, "two sheets"},
		{"column 0", func(wb *xlsx.Workbook) { wb.AddSheet("A").SetString(0, 1, "x") }, "no cell"},
		{"row past the end", func(wb *xlsx.Workbook) { wb.AddSheet("A").SetInt(1, xlsx.MaxRows+1, 1) }, "no cell"},
		{"column past the end", func(wb *xlsx.Workbook) { wb.AddSheet("A").Note(xlsx.MaxCols+1, 1, "x") }, "no cell"},
		{"colour", func(wb *xlsx.Workbook) { wb.Style(xlsx.Style{Fill: "red"}) }, "RRGGBB"},
		{"style", func(wb *xlsx.Workbook) { wb.AddSheet("A").SetStyle(1, 1, 1, 1, 5) }, "no style"},
		{"width", func(wb *xlsx.Workbook) { wb.AddSheet("A").ColWidth(1, 300) }, "width"},
		{"height", func(wb *xlsx.Workbook) { wb.AddSheet("A").RowHeight(1, -1) }, "height"},
		{"active", func(wb *xlsx.Workbook) { wb.AddSheet("A"); wb.Active = 3 }, "active"},
		{"time", func(wb *xlsx.Workbook) { wb.AddSheet("A"); wb.Props.Created = "yesterday" }, "creation time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb := xlsx.New()
			tc.do(wb)
			var b bytes.Buffer
			err := wb.Write(&b)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Write = %v, want an error saying %q", err, tc.want)
			}
			if b.Len() != 0 {
				t.Errorf("%d bytes written", b.Len())
			}
		})
	}
}

// Numbers a workbook cannot hold leave the cell blank.
func TestNonFinite(t *testing.T) {
	wb := xlsx.New()
	s := wb.AddSheet("S")
	s.SetFloat(1, 1, zero()/zero())
	s.SetFloat(2, 1, 1/zero())
	f := open(t, write(t, wb))
	for _, ref := range []string{"A1", "B1"} {
		if v, _ := f.GetCellValue("S", ref); v != "" {
			t.Errorf("%s = %q", ref, v)
		}
	}
}

func zero() float64 { return 0 }

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", xlsx.MaxCols: "XFD"} {
		if got := xlsx.ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", col, got, want)
		}
	}
}

// A sheet with more than 1024 notes takes more than one block of shape
// ids, and the next sheet's ids do not collide with them.
func TestManyNotes(t *testing.T) {
	wb := xlsx.New()
	for _, name := range []string{"A", "B"} {
		s := wb.AddSheet(name)
		for r := 1; r <= 1500; r++ {
			s.SetInt(1, r, r)
			s.Note(1, r, "note")
		}
	}
	raw := write(t, wb)
	if err := xlsx.Verify(raw); err != nil {
		t.Fatal(err)
	}
	z, _ := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	seen := map[string]bool{}
	for _, e := range z.File {
		if !strings.HasSuffix(e.Name, ".vml") {
			continue
		}
		rc, _ := e.Open()
		data, _ := io.ReadAll(rc)
		_ = rc.Close()
		for _, part := range strings.Split(string(data), `id="_x0000_s`)[1:] {
			id := part[:strings.IndexByte(part, '"')]
			if seen[id] {
				t.Fatalf("shape id %s twice", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 3000 {
		t.Errorf("%d shapes", len(seen))
	}
	if c, _ := open(t, raw).GetComments("B"); len(c) != 1500 {
		t.Errorf("%d notes on B", len(c))
	}
}

// Verify finds what a broken package lacks.
func TestVerify(t *testing.T) {
	good := write(t, sample(t))
	edit := func(drop, name, content string) []byte {
		z, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for _, e := range z.File {
			if e.Name == drop {
				continue
			}
			f, _ := w.Create(e.Name)
			rc, _ := e.Open()
			_, _ = io.Copy(f, rc)
			_ = rc.Close()
		}
		if name != "" {
			f, _ := w.Create(name)
			_, _ = f.Write([]byte(content))
		}
		_ = w.Close()
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"missing part", edit("xl/styles.xml", "", ""), "not in the package"},
		{"stray part", edit("", "xl/stray.bin", "x"), "no content type"},
		{"unreached part", edit("", "xl/stray.xml", "<x/>"), "not reached"},
		{"malformed", edit("xl/styles.xml", "xl/styles.xml", "<styleSheet>"), "xl/styles.xml"},
		{"no content types", edit("[Content_Types].xml", "", ""), "no [Content_Types].xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := xlsx.Verify(tc.raw); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Verify = %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzText writes arbitrary bytes as a sheet's text, note, link and
// properties: Write never fails on text, the package stays sound, and
// excelize reads the cell back as written, less what XML cannot carry.
func FuzzText(f *testing.F) {
	for _, s := range []string{"plain", "=1+1", "a\x00\x1f\uFFFE b", "\xff\xfe invalid", "_x0041_", " lead", "trail\n", "<&>\"'", "\r\n\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wb := xlsx.New()
		wb.Props = xlsx.Props{Title: s, Subject: s, Description: s, Application: s, Creator: s}
		wb.NoteAuthor = s
		sh := wb.AddSheet("S")
		sh.SetString(1, 1, s)
		sh.Note(1, 1, s)
		sh.Link(2, 1, "https://example.org/"+s)
		var b bytes.Buffer
		if err := wb.Write(&b); err != nil {
			t.Fatal(err)
		}
		if err := xlsx.Verify(b.Bytes()); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		got, err := x.GetCellValue("S", "A1")
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
				return -1
			}
			return r
		}, strings.ToValidUTF8(s, "\uFFFD"))
		if len(s) < 30000 && got != want {
			t.Fatalf("A1 = %q, want %q", got, want)
		}
	})
}
