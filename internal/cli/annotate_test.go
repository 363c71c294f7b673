package cli

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
)

// TestAnnotatedAnchors: lint --annotate writes one comment per finding,
// each on the text it concerns — the row of the question, the cell of the
// comment, the footnote's number — and reading the document back does not
// report the tool's comments as a reviewer's.
func TestAnnotatedAnchors(t *testing.T) {
	res, err := load.Path(filepath.Join("..", "..", "testdata", "factsheets", "BE.txt"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, _ := dates.Parse("2026-11-22")
	fs := finding.Sort(append(res.Findings, lint.Run(res, lint.Options{Today: e.From, MaxAge: lint.DefaultMaxAge})...))
	out := annotated(res, fs, e.From)
	doc, comments := part(t, out, "word/document.xml"), part(t, out, "word/comments.xml")
	if n := strings.Count(string(comments), "<w:comment "); n != len(fs) {
		t.Fatalf("%d comments for %d findings", n, len(fs))
	}
	texts := regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)
	text := func(x string) string {
		var b strings.Builder
		for _, m := range texts.FindAllStringSubmatch(x, -1) {
			b.WriteString(html.UnescapeString(m[1]))
		}
		return b.String()
	}
	// The row each comment starts in: its first cell's text.
	rowOf := map[int]string{}
	for _, row := range strings.Split(string(doc), "<w:tr>")[1:] {
		row = row[:strings.Index(row, "</w:tr>")]
		first := row[:strings.Index(row, "</w:tc>")]
		for _, m := range regexp.MustCompile(`<w:commentRangeStart w:id="(\d+)"/>`).FindAllStringSubmatch(row, -1) {
			id, _ := strconv.Atoi(m[1])
			rowOf[id] = text(first)
		}
	}
	for i, f := range fs {
		id := strconv.Itoa(i)
		switch {
		case strings.HasPrefix(f.Pointer, "/footnotes/"):
			// On the footnote's number in the text.
			on := regexp.MustCompile(`<w:commentRangeStart w:id="` + id + `"/>(<w:commentRangeStart w:id="\d+"/>)*(<w:bookmarkStart [^>]*/>)?<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference`)
			if !on.Match(doc) {
				t.Errorf("%s: comment %s is not on the footnote's reference", f, id)
			}
		case f.Pointer == "/strategies/questions/national_cancer_plan/comments":
			if rowOf[i] != "Is there a National Cancer Plan in place?" {
				t.Errorf("%s: comment on row %q", f, rowOf[i])
			}
		case f.Pointer == "/wording/solutions.teleconferences":
			// Wording drift of a Table 5 column: the table's header row.
			if rowOf[i] != "Area of application/ type of solutions" {
				t.Errorf("%s: comment on row %q, want Table 5's header row", f, rowOf[i])
			}
		}
	}
	back := load.Bytes("annotated.docx", out, load.Options{})
	for _, f := range back.Findings {
		if f.Rule == "docx-comment" {
			t.Errorf("the tool's own comment reported as a reviewer's: %s", f)
		}
	}
}

func part(t *testing.T, raw []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("no %s", name)
	return nil
}
