package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
)

func lintWord(t *testing.T, name string) ([]finding.Finding, *load.Result) {
	t.Helper()
	res, err := load.Path(filepath.Join("..", "..", "testdata", "docx", name), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := finding.Sort(res.Relocate(append(res.Findings, lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge})...)))
	return fs, res
}

// TestWordFindings: the Belgian factsheet as a Word document from each
// producer reports the findings of BE.txt (same rules, pointers and
// messages), each at its place in Word, apart from the footnote-16 link
// that both producers change (LibreOffice drops it, pandoc percent-encodes
// it: testdata/docx/README.md).
func TestWordFindings(t *testing.T) {
	var want []string
	for _, f := range lintText("BE.txt", read(t, "BE.txt")) {
		if f.Rule == "footnote-malformed-url" && strings.Contains(f.Message, "footnote 16") {
			continue
		}
		want = append(want, f.Rule+" "+f.Pointer+" "+f.Message)
	}
	sort.Strings(want)
	for _, name := range []string{"BE-libreoffice.docx", "BE-pandoc.docx"} {
		fs, _ := lintWord(t, name)
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule+" "+f.Pointer+" "+f.Message)
			if f.Line != 0 || f.Place == "" {
				t.Errorf("%s: %s has no place in Word", name, f)
			}
		}
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s and BE.txt disagree:\nword:\n%s\ntext:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestWordGolden: the text report of the LibreOffice document, every
// finding named by table, row and column, paragraph or footnote
// (testdata/word.golden, reviewed by hand; -update-seed rewrites it).
func TestWordGolden(t *testing.T) {
	fs, res := lintWord(t, "BE-reviewed.docx")
	var buf bytes.Buffer
	p := output.NewText(&buf, output.Options{})
	_ = p.File(output.Report{Name: "BE-reviewed.docx", Source: res.File, Findings: fs})
	golden := filepath.Join("testdata", "word.golden")
	if *updateSeed { // reviewed by hand, like the seed golden
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("lint of BE-reviewed.docx differs from %s:\n%s", golden, buf.String())
	}
}
