package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Every bad input gets a Problem with a plain message: never a panic, and
// never more work or memory than the budgets allow.

func wantProblem(t *testing.T, raw []byte, substr string) {
	t.Helper()
	d, err := Read(raw)
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("Read = %v, %v; want a Problem saying %q", d != nil, err, substr)
	}
	if !strings.Contains(p.Message, substr) {
		t.Errorf("message %q does not say %q", p.Message, substr)
	}
	if strings.Contains(p.Message, "\n") {
		t.Errorf("message is not one line: %q", p.Message)
	}
}

func TestZipBomb(t *testing.T) {
	// document.xml inflates to more than a part may: 0.05% of it is stored.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i <= MaxPart>>20; i++ {
		_, _ = w.Write(chunk)
	}
	_ = zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes: not a bomb", buf.Len())
	}
	wantProblem(t, buf.Bytes(), "zip bomb")
}

func TestNotAWordPackage(t *testing.T) {
	wantProblem(t, pack(t, map[string]string{"hello.txt": "hi"}), "no word/document.xml")
	wantProblem(t, pack(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "OpenDocument")
	wantProblem(t, []byte("PK\x03\x04 this is not a zip"), "not a complete zip")
}

func TestTruncated(t *testing.T) {
	raw := doc(t, p("", r("text")), nil)
	for _, n := range []int{len(raw) / 2, len(raw) - 30, 30} {
		wantProblem(t, raw[:n], "zip")
	}
}

func TestDoctypeRefused(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
		`<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`
	wantProblem(t, doc(t, "", map[string]string{"word/document.xml": bomb}), "DOCTYPE")
	wantProblem(t, doc(t, "", map[string]string{"word/styles.xml": `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><w:styles ` + wordNS + `/>`}), "DOCTYPE")
}

func TestInvalidXML(t *testing.T) {
	wantProblem(t, doc(t, `<w:p><w:r><w:t>open`, nil), "invalid XML")
	wantProblem(t, doc(t, `<w:p><w:r><w:t>a &bogus; b</w:t></w:r></w:p>`, nil), "invalid XML")
	wantProblem(t, doc(t, "", map[string]string{"word/footnotes.xml": `<w:footnotes ` + wordNS + `><w:footnote w:id="1"><w:p>`}), "footnotes.xml")
}

func TestNestedTables(t *testing.T) {
	body := strings.Repeat(`<w:tbl><w:tr><w:tc>`, 10000) + p("", r("deep")) + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 10000)
	wantProblem(t, doc(t, body, nil), "nested more than 200 deep")
	// Nested tables within the budget are read: their text joins the cell.
	body = p("", r("Table 9 : x")) + tbl([]string{"A", "B"}, []string{"row", tbl([]string{"inner", "cell"})})
	d := read(t, doc(t, body, nil))
	if !strings.Contains(d.Text, "row\t<p>inner</p>") && !strings.Contains(d.Text, "row\tinner <p>cell</p>") {
		t.Errorf("nested table text lost:\n%s", d.Text)
	}
}

func TestManyParagraphsInACell(t *testing.T) {
	cell := strings.Repeat(p("", r("paragraph")), 100000)
	body := p("", r("Table 2 : x")) + tbl([]string{"Question", "Answer", "Comments/Experience"}, []string{"Is there?", "Yes", cell})
	d := read(t, doc(t, body, nil))
	if n := strings.Count(d.Text, "<p>paragraph</p>"); n != 99999 {
		t.Errorf("%d paragraphs read, want 99999 in <p> after the first", n)
	}
}

func TestBrokenRelationships(t *testing.T) {
	// A link whose relationship does not exist keeps its text; a footnote
	// reference without a footnote keeps its number (the lint rules report
	// it as undefined).
	body := p("", r("see ")+`<w:hyperlink r:id="rId999"><w:r><w:t>the site</w:t></w:r></w:hyperlink>`+`<w:r><w:footnoteReference w:id="77"/></w:r>`)
	d := read(t, doc(t, body, map[string]string{"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="x" Target="../../../../etc/passwd"/></Relationships>`}))
	if !strings.Contains(d.Text, "see the site<sup>1</sup>") || !strings.Contains(d.Text, "\n<sup>1</sup>\n") {
		t.Errorf("broken relationships:\n%q", d.Text)
	}
	// Relationships that are not XML are a damaged package.
	wantProblem(t, doc(t, p("", r("x")), map[string]string{"word/_rels/document.xml.rels": `<Relationships`}), "damaged")
}

func TestWrappersAndNoise(t *testing.T) {
	// What Word writes that carries no content is read through or skipped.
	body := `<w:p w:rsidR="00A1" w14:paraId="1A2B" w14:textId="77"><w:pPr><w:rPr><w:rFonts w:ascii="Calibri"/></w:rPr></w:pPr>` +
		`<w:proofErr w:type="gramStart"/><w:customXml w:element="c"><w:smartTag w:element="s"><w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>` +
		`<w:r w:rsidRPr="00B2"><w:lastRenderedPageBreak/><w:t>one</w:t></w:r></w:sdtContent></w:sdt></w:smartTag></w:customXml>` +
		`<w:bookmarkStart w:id="3" w:name="b"/><w:r><w:tab/><w:t>two</w:t></w:r><w:bookmarkEnd w:id="3"/>` +
		`<w:r><w:drawing><wp:inline xmlns:wp="x"><w:t>picture text</w:t></wp:inline></w:drawing></w:r>` +
		`<w:permStart w:id="1"/><w:r><w:t xml:space="preserve"> three</w:t></w:r><w:permEnd w:id="1"/></w:p>`
	d := read(t, doc(t, body, nil))
	if strings.TrimSpace(d.Text) != "one two three" {
		t.Errorf("got %q", d.Text)
	}
}

// FuzzPackage: any bytes are read or refused with a Problem; a document
// that is read has a place for every line of its layout.
func FuzzPackage(f *testing.F) {
	for _, name := range fixtures(f) {
		raw, err := os.ReadFile(name)
		if err == nil && len(raw) < 1<<20 {
			f.Add(raw)
		}
	}
	f.Add(doc(f, p("Title", r("T"))+tbl([]string{"a", "b"}, []string{"c", "d"}), map[string]string{"word/footnotes.xml": footnotesXML}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkRead(t, raw)
	})
}

// FuzzBody reaches the XML readers directly: the fuzzed bytes are the
// document part of a valid package (most mutations of a zip only break its
// checksums).
func FuzzBody(f *testing.F) {
	f.Add(p("Title", r("T")) + tbl([]string{"a", "b"}, []string{"c", `<w:p><w:ins w:author="x"><w:r><w:t>i</w:t></w:r></w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del></w:p>`}))
	f.Add(p("", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "u" \l "a"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("x")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`))
	f.Add(`<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>a</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>`)
	f.Add(`<mc:AlternateContent><mc:Choice Requires="w14">` + p("", r("c")) + `</mc:Choice><mc:Fallback>` + p("", r("f")) + `</mc:Fallback></mc:AlternateContent>`)
	f.Fuzz(func(t *testing.T, body string) {
		checkRead(t, doc(t, body, map[string]string{"word/footnotes.xml": footnotesXML, "word/comments.xml": commentsXML}))
	})
}

func checkRead(t *testing.T, raw []byte) {
	d, err := Read(raw)
	if err != nil {
		var p *Problem
		if !errors.As(err, &p) || p.Message == "" || strings.Contains(p.Message, "\n") {
			t.Fatalf("not a one-line Problem: %#v", err)
		}
		return
	}
	lines := strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n")
	if d.Text != "" && len(lines) != len(d.places) {
		t.Fatalf("%d lines, %d places", len(lines), len(d.places))
	}
	for i, l := range lines {
		if strings.ContainsAny(l, "\r") {
			t.Fatalf("line %d holds a carriage return", i+1)
		}
		_ = d.Describe(i+1, 1, l)
		_ = d.Describe(i+1, len(l)+5, l)
	}
	for _, rv := range d.Reviews {
		if rv.Line < 1 || (d.Text != "" && rv.Line > len(lines)+1) {
			t.Fatalf("review at line %d of %d", rv.Line, len(lines))
		}
		_ = rv.Message()
	}
}

// fixtures are the Word documents under testdata/docx of the repository.
func fixtures(t testing.TB) []string {
	names, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "docx", "*.docx"))
	return names
}

// TestManyRuns: a paragraph of 200 000 runs (Word splits runs at every
// edit session) is read in work linear in its size: the allocations per
// run stay the same when the paragraph is ten times longer.
func TestManyRuns(t *testing.T) {
	bytesPerRun := func(n int) float64 {
		raw := doc(t, p("", strings.Repeat(r("ab"), n)), nil)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _ = Read(raw)
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := bytesPerRun(20000), bytesPerRun(200000)
	if large > small*2 {
		t.Errorf("bytes allocated per run grow with the paragraph: %.0f at 20 000 runs, %.0f at 200 000", small, large)
	}
	d := read(t, doc(t, p("", strings.Repeat(r("ab"), 1000)), nil))
	if strings.TrimSpace(d.Text) != strings.Repeat("ab", 1000) {
		t.Error("runs not joined")
	}
}
