package load

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

var wordDir = filepath.Join("..", "..", "testdata", "docx")

// producerDifferences are the changes each producer made to the Belgian
// factsheet when it wrote the Word document (testdata/docx/README.md): the
// model read from its .docx is the model of BE.txt with exactly these
// replacements, and nothing else differs.
var producerDifferences = map[string][][2]string{
	// LibreOffice drops the link whose address has spaces (footnote 16),
	// keeping its text, and leaves the opening quote of the italic
	// definition outside the italics.
	"BE-libreoffice.docx": {
		{`[https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf \(fgov.be\); Roadmap 4.0 | eHealth \(fgov.be\)](https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be))`,
			`https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be)`},
		{`mobile medical application: *‘By mobile`, `mobile medical application: ‘*By mobile`},
	},
	// pandoc percent-encodes the address with spaces.
	"BE-pandoc.docx": {
		{`(https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be))`,
			`(https://www.eHealth.fgov.be;%20Actieplan%20eGezondheid%202022-2024%20protocolakkoord.pdf%20(fgov.be);%20Roadmap%204.0%20%7C%20eHealth%20(fgov.be))`},
	},
}

// TestWordFixtures: the Belgian factsheet saved as Word by two producers
// reads to the model of its text form, apart from what each producer
// changed.
func TestWordFixtures(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, diffs := range producerDifferences {
		t.Run(name, func(t *testing.T) {
			res, err := Path(filepath.Join(wordDir, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Form != Word || !res.Readable() {
				t.Fatalf("form %v, readable %v, findings %v", res.Form, res.Readable(), res.Findings)
			}
			for _, f := range res.Findings {
				t.Errorf("unexpected finding: %s", f)
			}
			exp := string(want)
			for _, d := range diffs {
				if !strings.Contains(exp, d[0]) {
					t.Fatalf("documented difference not in BE.yaml: %q", d[0])
				}
				exp = strings.Replace(exp, d[0], d[1], 1)
			}
			if got := string(encode.YAML(res.Model)); got != exp {
				t.Errorf("model differs from BE.txt's beyond the documented producer differences:\n%s", firstDiff(got, exp))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}

// TestReviewedCopy: the expert's copy with tracked changes and comments
// reads as if every change were accepted, and each change and comment is a
// finding at its place in Word.
func TestReviewedCopy(t *testing.T) {
	res, err := Path(filepath.Join(wordDir, "BE-reviewed.docx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Readable() {
		t.Fatalf("not readable: %v", res.Findings)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Rule != docx.RuleRevision && f.Rule != docx.RuleComment {
			t.Errorf("unexpected finding: %s", f)
			continue
		}
		if f.Severity != finding.Info || f.Line != 0 || f.Place == "" || f.Pointer == "" {
			t.Errorf("%s: want info, no line, a place and a pointer", f)
		}
		got = append(got, f.Place+" | "+f.Pointer+" | "+f.Message)
	}
	want := []string{
		`paragraph 2 "This Country Factsheet was first prepared for the eCAN Joint Action…" | /introduction | pending tracked change (insertion) by Stefanie Devos on 2026-02-12: "in Belgium"; accept or reject it in Word (Review > Accept/Reject) before the round is closed`,
		`Table 2, row 4 "Is there a national eHealth governance board in place?", Comments/Experience | /governance/questions/national_board/comments | pending tracked change (insertion) by Stefanie Devos on 2026-02-12: "within the Interministerial Conference on Public Health"; accept or reject it in Word (Review > Accept/Reject) before the round is closed`,
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("missing:\n%s\namong:\n%s", w, strings.Join(got, "\n"))
		}
	}
	var comments, changes int
	for _, f := range res.Findings {
		switch f.Rule {
		case docx.RuleComment:
			comments++
		case docx.RuleRevision:
			changes++
		}
	}
	if comments != 3 || changes != 4 {
		t.Errorf("%d comments and %d changes, want 3 and 4:\n%s", comments, changes, strings.Join(got, "\n"))
	}
	// Accepted: the insertions are in the model, the deletion is not.
	text := string(encode.YAML(res.Model))
	if !strings.Contains(text, "within the Interministerial Conference on Public Health") {
		t.Error("an insertion is not in the model")
	}
}

// TestUnreadableForms: PDF, legacy Word, password-protected Word and
// OpenDocument files get one finding that names the form and what to send.
func TestUnreadableForms(t *testing.T) {
	for name, want := range map[string]string{
		"BE.pdf": "this is a PDF", "BE.doc": "legacy Word document", "BE.odt": "OpenDocument",
	} {
		res, err := Path(filepath.Join(wordDir, name), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Rule != RuleForm || !strings.Contains(res.Findings[0].Message, want) {
			t.Errorf("%s: %v", name, res.Findings)
		}
	}
	// The same content under any name.
	raw, _ := os.ReadFile(filepath.Join(wordDir, "BE.pdf"))
	res := Bytes("report.docx", raw, Options{})
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "PDF") {
		t.Errorf("a PDF named .docx: %v", res.Findings)
	}
	encrypted := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), []byte("...E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	res = Bytes("BE.docx", encrypted, Options{})
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "password-protected") {
		t.Errorf("encrypted: %v", res.Findings)
	}
	res = Bytes("BE.docx", []byte("just text"), Options{})
	if len(res.Findings) != 1 || res.Findings[0].Rule != docx.RuleUnreadable {
		t.Errorf("text named .docx: %v", res.Findings)
	}
}

// TestWordNotAFactsheet: a Word document without the factsheet's landmarks
// is one finding, like a text document; a truncated one says so.
func TestWordNotAFactsheet(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	_, _ = w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Minutes of the steering committee</w:t></w:r></w:p></w:body></w:document>`))
	_ = zw.Close()
	res := Bytes("minutes.docx", buf.Bytes(), Options{})
	if len(res.Findings) != 1 || res.Findings[0].Rule != document.RuleNotFactsheet || !Unrelated(res) {
		t.Errorf("not a factsheet: %v", res.Findings)
	}
	raw, err := os.ReadFile(filepath.Join(wordDir, "BE-libreoffice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	res = Bytes("BE.docx", raw[:len(raw)-100], Options{})
	if len(res.Findings) != 1 || res.Findings[0].Rule != docx.RuleUnreadable || !strings.Contains(res.Findings[0].Message, "not a complete zip") {
		t.Errorf("truncated: %v", res.Findings)
	}
}

// TestWordTooLarge: the size limit holds for Word documents too.
func TestWordTooLarge(t *testing.T) {
	res, err := Reader("big.docx", bytes.NewReader(make([]byte, source.MaxSize+1)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != source.RuleTooLarge {
		t.Errorf("%v", res.Findings)
	}
}
