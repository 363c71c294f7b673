package overview_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/internal/xlsx"
)

func openXLSX(t *testing.T, raw []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// cell reads a cell, failing the test on an error.
func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

func fill(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return st.Fill.Color[0]
}

// The workbook read back: its sheets, the status, the matrix with a fill
// per category and a note per cell, Table 5 as published, the sources
// with hyperlinks, frozen panes and autofilters everywhere.
func TestXLSXReadBack(t *testing.T) {
	f := openXLSX(t, render(t, "xlsx", build(t, overview.Options{})))
	want := []string{"Status", "T1 Definitions", "T2 Governance", "T3 Strategies", "T4 Legislation", "T5 Solutions", "T6 Uptake", "Sources"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v, want %v", got, want)
	}

	// Status: the columns first, then the files not in the matrix.
	for ref, want := range map[string]string{
		"A1": "Country", "A2": "AT", "B2": "Austria", "C2": "review 2026-03", "D2": "2026-03", "E2": "236", "F2": "about 8 months",
		"G6": "73", "H6": "77", "M2": "1", "O2": "AT.yaml", "P2": "included",
		"O7": "PT.yaml", "O8": "DK-2025-06.yaml", "P8": "superseded", "O9": "LU-broken.yaml", "P9": "excluded",
		"O10": "PT_copy.json", "P10": "duplicate",
	} {
		if got := cell(t, f, "Status", ref); got != want {
			t.Errorf("Status!%s = %q, want %q", ref, got, want)
		}
	}
	if got := cell(t, f, "Status", "R9"); !strings.Contains(got, "line 18: kind must be one of") || strings.Count(got, "\n") != 2 {
		t.Errorf("LU-broken.yaml errors listed: %q", got)
	}
	// Completeness is a number formatted as a percentage.
	if got := cell(t, f, "Status", "I6"); got != "95%" {
		t.Errorf("Status!I6 = %q, want 95%%", got)
	}
	// The legend: one filled cell per category.
	legend := map[string]string{}
	for row := 12; row <= 20; row++ {
		ref := "A" + strconv.Itoa(row)
		legend[cell(t, f, "Status", ref)] = fill(t, f, "Status", ref)
	}
	for _, c := range overview.Categories {
		if legend[c.Label()] == "" {
			t.Errorf("the legend lacks %s (have %v)", c.Label(), legend)
		}
	}

	// Table 2: items down, countries across.
	sh := "T2 Governance"
	if got := cell(t, f, sh, "C1"); got != "AT Austria\nreview 2026-03" {
		t.Errorf("%s!C1 = %q", sh, got)
	}
	if got := cell(t, f, sh, "B4"); got != "governance.national_board" {
		t.Errorf("%s!B4 = %q", sh, got)
	}
	if got := cell(t, f, sh, "A4"); got != "Is there a national eHealth governance board in place?" {
		t.Errorf("%s!A4 = %q", sh, got)
	}
	yes, no := fill(t, f, sh, "C4"), fill(t, f, sh, "H4") // AT Yes, PT No
	if cell(t, f, sh, "C4") != "Yes" || cell(t, f, sh, "H4") != "No" || yes == no || yes != legend["Yes"] || no != legend["No"] {
		t.Errorf("national_board: AT %q (%s), PT %q (%s); legend %v", cell(t, f, sh, "C4"), yes, cell(t, f, sh, "H4"), no, legend)
	}
	comments, err := f.GetComments(sh)
	if err != nil {
		t.Fatal(err)
	}
	var note string
	for _, c := range comments {
		if c.Cell == "C4" {
			note = c.Text
			for _, p := range c.Paragraph {
				note += p.Text
			}
		}
	}
	for _, want := range []string{"Yes\n\nSynthetic test text for Austria: a fictional answer to governance.national_board", "Sources:\n[7] Synthetic source 7 for Austria: national_board", "AT.yaml:83"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note of %s!C4 lacks %q:\n%s", sh, want, note)
		}
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 1 {
		t.Errorf("%s panes %+v (%v)", sh, panes, err)
	}

	// Table 5: one row per (area, country), solution types across.
	sh = "T5 Solutions"
	if got := cell(t, f, sh, "C1"); got != "Login Websites" {
		t.Errorf("%s!C1 = %q", sh, got)
	}
	if a, c := cell(t, f, sh, "A2"), cell(t, f, sh, "B2"); a != "Ecosystem" || c != "AT Austria\nreview 2026-03" {
		t.Errorf("%s row 2: %q, %q", sh, a, c)
	}
	if a, c := cell(t, f, sh, "A8"), cell(t, f, sh, "B8"); a != "Prevention of Cancer" || !strings.HasPrefix(c, "AT") {
		t.Errorf("%s row 8: %q, %q", sh, a, c)
	}
	rows, _ := f.GetRows(sh)
	if len(rows) != 1+6*6 {
		t.Errorf("%s has %d rows, want 1 + 6 areas x 6 countries", sh, len(rows))
	}

	// Sources: every footnote cited, addresses as hyperlinks.
	sh = "Sources"
	if got := cell(t, f, sh, "F1"); got != "Address" {
		t.Errorf("%s!F1 = %q", sh, got)
	}
	linked, link, err := f.GetCellHyperLink(sh, "F2")
	if err != nil || !linked || !strings.HasPrefix(link, "https://example.org/synthetic/at/") || cell(t, f, sh, "F2") != link {
		t.Errorf("Sources!F2 link %v %q (%v), value %q", linked, link, err, cell(t, f, sh, "F2"))
	}

	// Autofilters: excelize records each as the sheet's _FilterDatabase name.
	filters := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = true
		}
	}
	for _, s := range want {
		if !filters[s] {
			t.Errorf("%s has no autofilter", s)
		}
	}

	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-11-22T00:00:00Z" || props.Modified != "2026-11-22T00:00:00Z" || props.Creator != "factsheet overview" {
		t.Errorf("document properties %+v (%v)", props, err)
	}
}

// The workbook's bytes depend on its content alone: every zip entry is
// stamped with the overview's day, in a fixed order with the content
// types first, and two builds are identical.
func TestXLSXDeterministic(t *testing.T) {
	a := render(t, "xlsx", build(t, overview.Options{}))
	time.Sleep(1100 * time.Millisecond) // a clock-dependent timestamp would change
	b := render(t, "xlsx", build(t, overview.Options{}))
	if !bytes.Equal(a, b) {
		t.Fatal("two workbooks of the same overview differ")
	}
	z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if z.File[0].Name != "[Content_Types].xml" || z.File[1].Name != "_rels/.rels" {
		t.Errorf("first entries %s, %s", z.File[0].Name, z.File[1].Name)
	}
	for _, e := range z.File {
		if !e.Modified.Equal(today.Time()) {
			t.Errorf("%s modified %s, want %s", e.Name, e.Modified, today.Time())
		}
	}
}

// LibreOffice Calc opens the workbook: every sheet converts to CSV with
// the values written.
func TestXLSXInLibreOffice(t *testing.T) {
	soffice := tool(t, "SOFFICE", "soffice", "libreoffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "overview.xlsx")
	writeFile(t, in, string(render(t, "xlsx", build(t, overview.Options{}))))
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	// 44,34,76: comma, double quote, UTF-8; the last token -1 writes every sheet.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "overview-Status.csv")); err != nil && os.Getenv("CI") != "true" {
		// soffice without Calc (Writer alone) converts nothing.
		t.Skipf("soffice did not convert the workbook; is LibreOffice Calc installed (libreoffice-calc-nogui)?\n%s", out)
	}
	readCSV := func(sheet string) [][]string {
		raw, err := os.ReadFile(filepath.Join(dir, "overview-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	status := readCSV("Status")
	if status[0][0] != "Country" || status[1][0] != "AT" || status[1][8] != "100%" || status[8][15] != "excluded" {
		t.Errorf("Status as LibreOffice reads it: %v / %v / %v", status[0], status[1], status[8])
	}
	gov := readCSV("T2 Governance")
	if gov[3][1] != "governance.national_board" || gov[3][2] != "Yes" || gov[0][2] != "AT Austria\nreview 2026-03" {
		t.Errorf("T2 Governance as LibreOffice reads it: %v / %v", gov[0], gov[3])
	}
	uptake := readCSV("T6 Uptake")
	if uptake[1][1] != "uptake.certified_solutions" || uptake[1][2] != `=HYPERLINK("http://evil.example/","click me")` {
		t.Errorf("the hostile answer is not text in LibreOffice: %q", uptake[1][2])
	}
	if src := readCSV("Sources"); len(src) < 100 || !strings.HasPrefix(src[1][5], "https://example.org/") {
		t.Errorf("Sources as LibreOffice reads it: %d rows, %v", len(src), src[1])
	}
}

// The package's structure: every part well-formed XML, every part with a
// content type and reached from the relationships, every relationship
// pointing at a part.
func TestXLSXPackage(t *testing.T) {
	if err := xlsx.Verify(render(t, "xlsx", build(t, overview.Options{}))); err != nil {
		t.Fatal(err)
	}
}

// A hostile answer is text: a shared-string cell with no formula, read
// back as written; no part of the workbook holds a formula element.
func TestXLSXFormulaIsText(t *testing.T) {
	raw := render(t, "xlsx", build(t, overview.Options{}))
	f := openXLSX(t, raw)
	const sh = "T6 Uptake"
	if got := cell(t, f, sh, "B2"); got != "uptake.certified_solutions" {
		t.Fatalf("%s!B2 = %q", sh, got)
	}
	if got := cell(t, f, sh, "C2"); got != `=HYPERLINK("http://evil.example/","click me")` {
		t.Errorf("%s!C2 = %q", sh, got)
	}
	if fm, err := f.GetCellFormula(sh, "C2"); fm != "" || err != nil {
		t.Errorf("%s!C2 has the formula %q (%v)", sh, fm, err)
	}
	if ty, _ := f.GetCellType(sh, "C2"); ty != excelize.CellTypeSharedString {
		t.Errorf("%s!C2 is of type %v, want a shared string", sh, ty)
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range z.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		_ = rc.Close()
		if bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) {
			t.Errorf("%s holds a formula element", e.Name)
		}
	}
}

// FuzzXLSX puts arbitrary factsheet text in an answer, its comment, a
// source and the title, writes the workbook and reads it back with
// excelize: the writer never fails on text, the package stays sound, and
// the cell reads back as the display text.
func FuzzXLSX(f *testing.F) {
	for _, s := range []string{
		"Yes", "=cmd|' /C calc'!A0", "+SUM(A1)", "a\x00b\x1f\uFFFE\uFFFF c", "_x0041_ _x005F_", "  spaced  ",
		"<script>&amp;</script> \"'", "line\r\nbreak\rcr", "😀 \u202e bidi", strings.Repeat("long ", 7000),
	} {
		f.Add(s)
	}
	ov := build(f, overview.Options{}, "governance.national_board")
	identity := func(l string) string { return l }
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the reader refuses invalid UTF-8 before any of this
		}
		v := ov.Value(0, 0)
		v.Answer, v.Comment, v.Category = s, s, overview.Categorize(s)
		if len(v.Sources) > 0 {
			v.Sources[0].Title = s
			v.Sources[0].URLs = []string{"https://example.org/" + s}
		}
		ov.Title = s
		var b bytes.Buffer
		if err := overview.WriteXLSX(&b, ov); err != nil {
			t.Fatalf("WriteXLSX: %v", err)
		}
		if err := xlsx.Verify(b.Bytes()); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		got, err := x.GetCellValue("T2 Governance", "C2")
		if err != nil {
			t.Fatal(err)
		}
		// The display text, less the two noncharacters XML 1.0 forbids.
		want := strings.NewReplacer("\uFFFE", "", "\uFFFF", "").Replace(overview.Display(s, identity))
		if v.Category == overview.Empty {
			want = ""
		}
		if len(want) < 30000 && got != want {
			t.Fatalf("C2 = %q, want %q", got, want)
		}
		if fm, _ := x.GetCellFormula("T2 Governance", "C2"); fm != "" {
			t.Fatalf("C2 has the formula %q", fm)
		}
	})
}
