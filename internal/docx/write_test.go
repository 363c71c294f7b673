package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

func loadFile(t testing.TB, name string) *load.Result {
	t.Helper()
	res, err := load.Path(filepath.Join("..", "..", "testdata", name), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Readable() || res.HasErrors() {
		t.Fatalf("%s: %v", name, res.Findings)
	}
	return res
}

func writeDocx(f *model.Factsheet) []byte {
	return docx.Write(string(document.Render(f)), docx.Meta{Title: f.Title, Country: f.Country.Name, Template: f.Template})
}

// TestWriteRoundTrip: YAML -> Word -> YAML gives the YAML back, byte for
// byte, for the Belgian factsheet and its earlier round.
func TestWriteRoundTrip(t *testing.T) {
	for _, name := range []string{"factsheets/BE.yaml", "rounds/BE-2025-10.yaml"} {
		res := loadFile(t, name)
		out := writeDocx(res.Model)
		back := load.Bytes("BE.docx", out, load.Options{})
		for _, f := range back.Findings {
			t.Errorf("%s: the written document has a finding: %s", name, f)
		}
		want, _ := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if got := encode.YAML(back.Model); !bytes.Equal(got, want) {
			t.Errorf("%s: round trip differs:\n%s", name, firstDiff(string(got), string(want)))
		}
		if again := writeDocx(res.Model); !bytes.Equal(again, out) {
			t.Errorf("%s: two writes differ: the output is not deterministic", name)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n got: " + x + "\nwant: " + y
		}
	}
	return "(equal lines)"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestPackage checks the written package against what it declares: every
// part has a content type, every content-type override names a part, every
// internal relationship points at a part, every XML part is well-formed,
// and the parts a consumer needs are there.
func TestPackage(t *testing.T) {
	checkPackage(t, writeDocx(loadFile(t, "factsheets/BE.yaml").Model))
}

func checkPackage(t *testing.T, raw []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = b
		if !wellFormed(b) {
			t.Errorf("%s is not well-formed XML", f.Name)
		}
	}
	var types struct {
		Defaults []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	exts := map[string]bool{}
	for _, d := range types.Defaults {
		exts[d.Extension] = true
	}
	overridden := map[string]bool{}
	for _, o := range types.Overrides {
		name := strings.TrimPrefix(o.PartName, "/")
		overridden[name] = true
		if parts[name] == nil {
			t.Errorf("content type declared for %s, which is not in the package", name)
		}
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if !overridden[name] && !exts[strings.TrimPrefix(path.Ext(name), ".")] {
			t.Errorf("%s has no content type", name)
		}
	}
	for name, b := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
				Mode   string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rels); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		base := path.Dir(path.Dir(name)) // word/_rels/x.rels -> word
		ids := map[string]bool{}
		for _, r := range rels.Rel {
			if ids[r.ID] {
				t.Errorf("%s: relationship id %s twice", name, r.ID)
			}
			ids[r.ID] = true
			if r.Mode == "External" {
				continue
			}
			target := path.Clean(path.Join(base, r.Target))
			if parts[target] == nil {
				t.Errorf("%s: relationship %s points at %s, which is not in the package", name, r.ID, target)
			}
		}
		// Every r:id the part uses is declared.
		owner := path.Join(base, strings.TrimSuffix(path.Base(name), ".rels"))
		for _, m := range regexp.MustCompile(`r:id="([^"]+)"`).FindAllSubmatch(parts[owner], -1) {
			if !ids[string(m[1])] {
				t.Errorf("%s uses r:id %s, which %s does not declare", owner, m[1], name)
			}
		}
	}
	for _, need := range []string{"word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml", "_rels/.rels"} {
		if parts[need] == nil {
			t.Errorf("no %s", need)
		}
	}
}

func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return true
		} else if err != nil {
			return false
		}
	}
}

// TestHostileText: text that looks like markup, fields or CDATA ends stays
// text: the package is well-formed, no field or element is injected, Word
// shows the characters as written, and a second round trip is exact. (The
// first may respell: raw HTML and character references in the Markdown are
// shown by Word as the text they are, and read back escaped.)
func TestHostileText(t *testing.T) {
	res := loadFile(t, "factsheets/BE.yaml")
	q := res.Model.Sections["governance"].Questions["national_board"]
	hostile := `a ]]> b </w:t><w:fldChar w:fldCharType="begin"/> { HYPERLINK "http://evil" } { INCLUDETEXT "c:/x" } R&D "quotes" 'single' ` + strings.Repeat("long ", 20000)
	q.Comments = hostile
	out := writeDocx(res.Model)
	checkPackage(t, out)
	doc := part(t, out, "word/document.xml")
	if n := bytes.Count(doc, []byte("<w:fldChar")); n != 0 {
		t.Errorf("%d field characters in the document: text was injected as markup", n)
	}
	var shown strings.Builder
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllSubmatch(doc, -1) {
		shown.WriteString(html.UnescapeString(string(m[1])))
	}
	if want := strings.TrimSuffix(hostile, strings.Repeat("long ", 20000)); !strings.Contains(shown.String(), want) {
		t.Errorf("Word does not show the text as written: %q", want)
	}
	once := load.Bytes("x.docx", out, load.Options{})
	if !once.Readable() {
		t.Fatalf("not readable: %v", once.Findings)
	}
	first := encode.YAML(once.Model)
	twice := load.Bytes("x.docx", writeDocx(once.Model), load.Options{})
	if second := encode.YAML(twice.Model); !bytes.Equal(first, second) {
		t.Errorf("a second round trip changes the factsheet:\n%s", firstDiff(string(second), string(first)))
	}
	got := once.Model.Sections["governance"].Questions["national_board"].Comments
	if !strings.HasSuffix(got, strings.Repeat("long ", 19999)+"long") {
		t.Errorf("long text cut: %d bytes", len(got))
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
	t.Fatalf("no part %s", name)
	return nil
}

// TestManyFootnotes: 10 000 footnotes are 10 000 real Word footnotes,
// numbered by Word, read back in order.
func TestManyFootnotes(t *testing.T) {
	res := loadFile(t, "factsheets/BE.yaml")
	m := res.Model
	q := m.Sections["governance"].Questions["national_board"]
	var refs strings.Builder
	m.Footnotes = nil
	for i := 1; i <= 10000; i++ {
		label := itoa(i)
		refs.WriteString("x[^" + label + "] ")
		m.Footnotes = append(m.Footnotes, model.Footnote{Label: label, Text: "<https://example.org/" + label + ">"})
	}
	q.Comments = refs.String()
	for _, s := range m.Sections {
		for id, it := range s.Questions {
			if id != "national_board" {
				it.Comments = ""
			}
		}
		for _, term := range s.Terms {
			term.Definition, term.Deviation = "x", "y"
		}
		for _, row := range s.Cells {
			for k := range row {
				row[k] = ""
			}
		}
		s.FurtherInformation = nil
	}
	out := writeDocx(m)
	checkPackage(t, out)
	back := load.Bytes("x.docx", out, load.Options{})
	if !back.Readable() || len(back.Model.Footnotes) != 10000 {
		t.Fatalf("read back %d footnotes", len(back.Model.Footnotes))
	}
	for _, f := range back.Findings {
		if f.Severity == finding.Error {
			t.Fatalf("error: %s", f)
		}
	}
	if back.Model.Footnotes[9999].Text != "<https://example.org/10000>" {
		t.Errorf("last footnote: %q", back.Model.Footnotes[9999].Text)
	}
}

// FuzzWordRoundTrip: any factsheet that reads without errors (in YAML or
// the document form) is written as a Word document that reads back without
// errors, and from then on the round trip is exact: Word -> YAML -> Word ->
// YAML changes nothing.
func FuzzWordRoundTrip(f *testing.F) {
	for _, name := range []string{"factsheets/BE.yaml", "factsheets/BE.txt", "rounds/BE-2025-10.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(path.Ext(name) == ".yaml", b)
	}
	f.Fuzz(func(t *testing.T, yaml bool, raw []byte) {
		name := "x.md"
		if yaml {
			name = "x.yaml"
		}
		res := load.Bytes(name, raw, load.Options{})
		if !res.Readable() || res.HasErrors() {
			return
		}
		once := load.Bytes("x.docx", writeDocx(res.Model), load.Options{})
		if !once.Readable() || once.HasErrors() {
			t.Fatalf("the Word document of a valid factsheet has errors: %v", once.Findings)
		}
		first := encode.YAML(once.Model)
		twice := load.Bytes("x.docx", writeDocx(once.Model), load.Options{})
		if second := encode.YAML(twice.Model); !bytes.Equal(first, second) {
			t.Fatalf("the round trip through Word is not stable:\n%s", firstDiff(string(second), string(first)))
		}
	})
}

// FuzzWordText puts fuzzed text into a comment, a Table 5 cell, a further
// information item and a footnote of the Belgian factsheet, so that every
// input reaches the writer: the document is well-formed and reads back, and
// the round trip is exact from the first reading on.
func FuzzWordText(f *testing.F) {
	f.Add("plain", "<b>bold</b> <i>x</i>", "- a\n- b", "[t](https://e.org/x?a=1&b=2)")
	f.Add("**b** *i* [x](#) <https://a.b>", "<ul><li>• x</li></ul>", "x  \ny", "a\\*b")
	f.Add("]]> </w:t> &amp; &#1; \x01 \u202e", "<sup>3</sup>", "<a href=\"x\">y</a>", "{ INCLUDETEXT \"c\" }")
	base, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, comment, cell, further, note string) {
		res := load.Bytes("BE.yaml", base, load.Options{})
		m := res.Model
		m.Sections["governance"].Questions["national_board"].Comments = comment
		m.Sections["solutions"].Cells["prevention"]["telemonitoring"] = cell
		m.Sections["governance"].FurtherInformation = []string{further}
		m.Footnotes[0].Text = note
		out := writeDocx(m)
		if _, err := docx.Read(out); err != nil {
			t.Fatalf("the written document does not read: %v", err)
		}
		once := load.Bytes("x.docx", out, load.Options{})
		if !once.Readable() {
			t.Fatalf("not readable: %v", once.Findings)
		}
		first := encode.YAML(once.Model)
		twice := load.Bytes("x.docx", writeDocx(once.Model), load.Options{})
		if second := encode.YAML(twice.Model); !bytes.Equal(first, second) {
			t.Fatalf("the round trip through Word is not stable:\n%s", firstDiff(string(second), string(first)))
		}
	})
}

func writeChanges(old, new *model.Factsheet) []byte {
	return docx.WriteChanges(string(document.Render(old)), string(document.Render(new)),
		docx.Meta{Title: new.Title, Country: new.Country.Name, Template: new.Template}, "factsheet diff", "2026-11-22T00:00:00Z")
}

// TestChangesAcceptReject: the round as tracked changes reads as the new
// version with every change accepted and as the old one with every change
// rejected.
func TestChangesAcceptReject(t *testing.T) {
	old, new := loadFile(t, "rounds/BE-2025-10.yaml"), loadFile(t, "factsheets/BE.yaml")
	out := writeChanges(old.Model, new.Model)
	checkPackage(t, out)
	for _, c := range []struct {
		reject bool
		want   string
	}{{false, "factsheets/BE.yaml"}, {true, "rounds/BE-2025-10.yaml"}} {
		res := load.Bytes("round.docx", out, load.Options{RejectChanges: c.reject})
		if !res.Readable() {
			t.Fatalf("reject=%v: %v", c.reject, res.Findings)
		}
		want, _ := os.ReadFile(filepath.Join("..", "..", "testdata", c.want))
		if got := encode.YAML(res.Model); !bytes.Equal(got, want) {
			t.Errorf("reject=%v: not %s:\n%s", c.reject, c.want, firstDiff(string(got), string(want)))
		}
		var changes int
		for _, f := range res.Findings {
			if f.Rule == docx.RuleRevision {
				changes++
			} else if f.Severity == finding.Error {
				t.Errorf("reject=%v: %s", c.reject, f)
			}
		}
		if changes == 0 {
			t.Errorf("reject=%v: no tracked change reported", c.reject)
		}
	}
}

// TestRoundThroughWord: the round as it really goes — convert BE.yaml to
// Word, the expert edits it in Word with tracked changes (here: the XML as
// Word writes it), the document comes back, is read, and diffed against
// BE.yaml: the diff is the expert's edit, and the edit is a pending change.
func TestRoundThroughWord(t *testing.T) {
	res := loadFile(t, "factsheets/BE.yaml")
	out := writeDocx(res.Model)
	doc := string(part(t, out, "word/document.xml"))
	const before = `through inter-federal coordination and collaboration.`
	i := strings.Index(doc, before)
	if i < 0 {
		t.Fatal("the national board's comment is not in the document")
	}
	edited := doc[:i] + `through inter-federal coordination and collaboration</w:t></w:r>` +
		`<w:ins w:id="901" w:author="Stefanie Devos" w:date="2026-02-12T09:41:00Z"><w:r><w:t xml:space="preserve"> within the Interministerial Conference</w:t></w:r></w:ins>` +
		`<w:r><w:t xml:space="preserve">.` + doc[i+len(before):]
	edited = strings.Replace(edited, `<w:r><w:t xml:space="preserve">No further information available.</w:t></w:r>`,
		`<w:del w:id="902" w:author="Stefanie Devos" w:date="2026-02-12T09:42:00Z"><w:r><w:delText xml:space="preserve">No further information available.</w:delText></w:r></w:del><w:ins w:id="903" w:author="Stefanie Devos" w:date="2026-02-12T09:42:00Z"><w:r><w:t xml:space="preserve">None.</w:t></w:r></w:ins>`, 1)
	back := load.Bytes("BE-reviewed.docx", replacePart(t, out, "word/document.xml", edited), load.Options{})
	if !back.Readable() {
		t.Fatalf("not readable: %v", back.Findings)
	}
	var changes []string
	for _, f := range back.Findings {
		if f.Rule == docx.RuleRevision {
			changes = append(changes, f.Place+": "+f.Message)
		}
	}
	if len(changes) != 3 {
		t.Errorf("pending changes:\n%s", strings.Join(changes, "\n"))
	}
	r := diff.Compare(res.Model, back.Model)
	var got []string
	for _, c := range r.Changes {
		got = append(got, c.ID+"."+c.Field)
	}
	if strings.Join(got, " ") != "governance.ministry_unit.comments governance.national_board.comments" {
		t.Errorf("the diff against BE.yaml: %v", got)
	}
	if !strings.Contains(back.Model.Sections["governance"].Questions["national_board"].Comments, "collaboration within the Interministerial Conference.") {
		t.Error("the insertion is not in the model")
	}
}

func replacePart(t *testing.T, raw []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == name {
			_, _ = w.Write([]byte(body))
			continue
		}
		rc, _ := f.Open()
		_, _ = io.Copy(w, rc)
		rc.Close()
	}
	_ = zw.Close()
	return buf.Bytes()
}

// TestChangesHostile: a round whose new version holds hostile text and a
// thousand new footnotes is still a well-formed document whose two
// readings are the two versions.
func TestChangesHostile(t *testing.T) {
	old, new := loadFile(t, "factsheets/BE.yaml"), loadFile(t, "factsheets/BE.yaml")
	q := new.Model.Sections["governance"].Questions["national_board"]
	q.Comments = `a ]]> b </w:t><w:fldChar w:fldCharType="begin"/> { INCLUDETEXT "x" } R&D ` + strings.Repeat("long ", 5000)
	for i := 1; i <= 1000; i++ {
		label := "n" + itoa(i)
		q.Comments += " x[^" + label + "]"
		new.Model.Footnotes = append(new.Model.Footnotes, model.Footnote{Label: label, Text: "<https://example.org/" + label + ">"})
	}
	// Through one reading first, so both sides are in the canonical
	// spelling Word documents read back in.
	canon := load.Bytes("x.docx", writeDocx(new.Model), load.Options{})
	out := writeChanges(old.Model, canon.Model)
	checkPackage(t, out)
	for reject, want := range map[bool]*model.Factsheet{false: canon.Model, true: old.Model} {
		res := load.Bytes("round.docx", out, load.Options{RejectChanges: reject})
		if !res.Readable() {
			t.Fatalf("reject=%v: %v", reject, res.Findings)
		}
		if got, w := encode.YAML(res.Model), encode.YAML(want); !bytes.Equal(got, w) {
			t.Errorf("reject=%v:\n%s", reject, firstDiff(string(got), string(w)))
		}
	}
}

// TestCitedTwiceAndLiteralSuperscript: a footnote cited twice is one Word
// footnote and a NOTEREF to it, and a superscript the text writes itself
// (<sup>3</sup> in Markdown) stays a superscript: both read back exactly.
func TestCitedTwiceAndLiteralSuperscript(t *testing.T) {
	res := loadFile(t, "factsheets/BE.yaml")
	q := res.Model.Sections["governance"].Questions["national_board"]
	q.Comments += " Cited again.[^10] The 1<sup>st</sup> and <sup>3</sup> are not citations."
	want := encode.YAML(res.Model)
	out := writeDocx(res.Model)
	if !bytes.Contains(part(t, out, "word/document.xml"), []byte("NOTEREF _RefFn")) {
		t.Error("the second citation is not a NOTEREF field")
	}
	back := load.Bytes("x.docx", out, load.Options{})
	for _, f := range back.Findings {
		t.Errorf("finding: %s", f)
	}
	if got := encode.YAML(back.Model); !bytes.Equal(got, want) {
		t.Errorf("round trip:\n%s", firstDiff(string(got), string(want)))
	}
}
