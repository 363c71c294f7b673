package load

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

func beYAML(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineOf returns the 1-based line of the first line equal to s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if l == s {
			return i + 1
		}
	}
	t.Fatalf("no line %q", s)
	return 0
}

// TestThreeEdits is the foundation's acceptance test: an answer changed to a
// number, an unknown key and a deleted question give three findings, each at
// the line and column to edit.
func TestThreeEdits(t *testing.T) {
	text := beYAML(t)
	// 1. An answer becomes a number.
	text = strings.Replace(text, "    ministry_unit:\n      answer: N/A\n", "    ministry_unit:\n      answer: 42\n", 1)
	// 2. A typo in a field name.
	text = strings.Replace(text, "    national_board:\n      answer: \"Yes\"\n", "    national_board:\n      answr: \"Yes\"\n      answer: \"Yes\"\n", 1)
	// 3. A question deleted.
	i := strings.Index(text, "    cancer_centres:\n")
	j := strings.Index(text, "  further_information:\n    - No further information identified.\nstrategies:")
	text = text[:i] + text[j:]

	res := Bytes("BE.yaml", []byte(text), Options{})
	type want struct {
		rule      string
		line, col int
		pointer   string
		message   string
	}
	wants := []want{
		// The missing question points at the questions of its table, the
		// place to add it; findings come sorted by position.
		{"template-missing", lineOf(t, text, "  questions:"), 3, "/governance/questions/cancer_centres", "question governance.cancer_centres is missing: Are there any comprehensive cancer centres"},
		{"schema-type", lineOf(t, text, "      answer: 42"), 15, "/governance/questions/ministry_unit/answer", "answer must be text, not a number (42)"},
		{"schema-unknown-field", lineOf(t, text, "      answr: \"Yes\""), 7, "/governance/questions/national_board/answr", `unknown field "answr" in national_board (did you mean "answer"?)`},
	}
	if len(res.Findings) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%v", len(res.Findings), len(wants), res.Findings)
	}
	for i, w := range wants {
		f := res.Findings[i]
		if f.Rule != w.rule || f.Line != w.line || f.Column != w.col || f.Pointer != w.pointer || !strings.HasPrefix(f.Message, w.message) || f.Severity != finding.Error {
			t.Errorf("finding %d:\n got %s\nwant %s at %d:%d %s %s", i, f, w.rule, w.line, w.col, w.pointer, w.message)
		}
	}
}

// TestMessages pins the wording of schema findings: plain words, not
// keyword paths.
func TestMessages(t *testing.T) {
	base := beYAML(t)
	cases := []struct{ name, from, to, want string }{
		{"enum with suggestion", "  - kind: update\n", "  - kind: updte\n", `kind must be one of "prefill", "review", "update", not "updte" (did you mean "update"?)`},
		{"pattern with description", "    date: 2025-10\n", "    date: Oct 2025\n", `date "Oct 2025" is not valid: expected a day (2026-02-14)`},
		{"country code", "  code: BE\n", "  code: BEL\n", `code "BEL" is not valid: expected two capital letters, e.g. BE`},
		{"email", "contact: ecan@goeg.at\n", "contact: ecan at goeg.at\n", `contact "ecan at goeg.at" is not a valid email address`},
		{"template unknown", "template: ecan-plus-2025\n", "template: ecan-2023\n", `unknown template "ecan-2023"; known templates: ecan-plus-2025`},
		{"template typo", "template: ecan-plus-2025\n", "template: ecan-plus-2052\n", `unknown template "ecan-plus-2052" (did you mean "ecan-plus-2025"?)`},
		{"unknown section", "governance:\n", "goverance:\n", `unknown field "goverance" (did you mean "governance"?)`},
		{"list instead of text", "      comments: No further information available.\n", "      comments: [a, b]\n", "comments must be text, not a list"},
		{"missing name", "      - name: Stefanie Devos\n        organisation: beMedTech\n", "      - organisation: beMedTech\n", `required field "name" is missing in contributors[0]`},
		{"missing table 5 cell", "      webinars: '-'\n      teleconferences: Yes, molecular tumour boards\n", "      teleconferences: Yes, molecular tumour boards\n", "Table 5 cell solutions.treatment.webinars is missing: Treatment of Cancer × Webinars"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.from) {
				t.Fatalf("BE.yaml has no %q", c.from)
			}
			text := strings.Replace(base, c.from, c.to, 1)
			res := Bytes("BE.yaml", []byte(text), Options{})
			for _, f := range res.Findings {
				if strings.Contains(f.Message, c.want) {
					if f.Line == 0 {
						t.Errorf("finding without a line: %s", f)
					}
					return
				}
			}
			t.Errorf("no finding %q; got %v", c.want, res.Findings)
		})
	}
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name, text string
		want       Form
	}{
		{"BE.yaml", "", YAML},
		{"x.YML", "", YAML},
		{"x.json", "", JSON},
		{"x.md", "# POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES IN X\n", Document},
		{"x.txt", "{\"template\": 1}", JSON},
		{"<stdin>", "# yaml-language-server: $schema=x\ntemplate: y\n", YAML},
		{"<stdin>", "template: ecan-plus-2025\n", YAML},
		{"notes.md", "Table 1 : Deviations\tx\n", Document},
		{"notes.md", "just some words\n", Document},
	}
	for _, c := range cases {
		if got := Detect(c.name, c.text); got != c.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", c.name, c.text, got, c.want)
		}
	}
}

// zeros is an endless reader of the letter "a": a large input without a
// large allocation in the test.
type zeros struct{ left int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > z.left {
		n = z.left
	}
	for i := range p[:n] {
		p[i] = 'a'
	}
	z.left -= n
	return int(n), nil
}

// TestTooLarge: a 50 MB input is refused with a finding, after reading at
// most the limit plus one byte.
func TestTooLarge(t *testing.T) {
	z := &zeros{left: 50 << 20}
	res, err := Reader("huge.yaml", z, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != "input-too-large" {
		t.Fatalf("findings = %v", res.Findings)
	}
	if read := int64(50<<20) - z.left; read > MaxReadForTest() {
		t.Errorf("read %d bytes; the limit is %d", read, MaxReadForTest())
	}
}

// TestControlCharacterIsNotANullDocument: a YAML or JSON file with one
// control character gets the control-character finding at its position and
// nothing else. The decoders skip such text, and "skipped" was read as a
// document that is null ("the document is empty (null)" at 1:1).
func TestControlCharacterIsNotANullDocument(t *testing.T) {
	for name, text := range map[string]string{
		"x.yaml": "template: ecan-plus-2025\ntitle: a\x07b\n",
		"x.json": "{\"template\": \"ecan-plus-2025\",\n \"title\": \"a\x07b\"}",
	} {
		res := Bytes(name, []byte(text), Options{})
		if len(res.Findings) != 1 || res.Findings[0].Rule != "input-control-character" || res.Findings[0].Line != 2 {
			t.Errorf("%s: want one input-control-character finding on line 2, got %v", name, res.Findings)
		}
	}
	// A document that really is null still says so.
	for _, text := range []string{"null", "~\n"} {
		res := Bytes("x.yaml", []byte(text), Options{})
		if len(res.Findings) != 1 || res.Findings[0].Rule != "schema-type" {
			t.Errorf("%q: want the null-document finding, got %v", text, res.Findings)
		}
	}
}

// A walk finds a document of a repository's template by its captions, whatever
// its title and headings.
func TestLooksLikeDocumentAnyTemplate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"# A REGIONAL MAPPING\n\nTable 4 : Overview - Wallonia\nQuestion\tAnswer\n", true},
		{"Table 12 : Something\n\tx\n", true},
		{"See Table 2 for details.\n\tindented\n", false},
		{"Table : no number\n\tx\n", false},
		{"Table 3 : a caption but no table\n", false},
		{"notes\n", false},
	} {
		if got := LooksLikeDocument(tc.text); got != tc.want {
			t.Errorf("LooksLikeDocument(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
