package document_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

// TestYAMLValuesRoundTrip: `convert X.yaml --to md` and back gives the same
// YAML for values the renderer used to misread: a <sup>3</sup> written in
// a comment (it came back as a reference to footnote 3; <sup>99</sup> as an
// unresolved one), a line break before "- " (it came back as a paragraph
// break), and, in further-information items and footnotes, which continue
// over lines, a following line that looks like a landmark of the layout.
// (The edits add to existing texts: a footnote no longer cited moves to
// the end and is renumbered, by design.)
func TestYAMLValuesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *model.Factsheet)
	}{
		{"sup in a comment", func(f *model.Factsheet) {
			f.Sections["governance"].Questions["national_board"].Comments += " A board exists <sup>3</sup>, see also <sup>99</sup>."
		}},
		{"sup in a Table 5 cell", func(f *model.Factsheet) {
			f.Sections["solutions"].Cells["treatment"]["apps"] = "x<sup>2</sup>"
		}},
		{"line break before a list", func(f *model.Factsheet) {
			f.Sections["governance"].Questions["national_board"].Comments += " It covers:\n- screening\n- treatment\nand more."
		}},
		{"sup in the introduction", func(f *model.Factsheet) {
			f.Introduction = "An introduction citing[^1] and showing <sup>3</sup>.\n\nSecond paragraph."
		}},
		{"sup in a further-information item", func(f *model.Factsheet) {
			s := f.Sections["governance"]
			s.FurtherInformation = append(s.FurtherInformation, "see <sup>3</sup> and [^1]")
		}},
		{"landmarks continuing an item", func(f *model.Factsheet) {
			s := f.Sections["governance"]
			s.FurtherInformation = append(s.FurtherInformation, "first line\n- not an item\n<sup>4</sup> not a footnote\n\\- escaped already\n## 2 not a chapter\nTable 3 : not a caption")
		}},
		{"landmarks continuing a footnote", func(f *model.Factsheet) {
			f.Footnotes[1].Text += "\n- not an item\n<sup>4</sup> not a footnote\n\\\\- two backslashes\n# not a title"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := load.Bytes("BE.yaml", []byte(readFile(t, "BE.yaml")), load.Options{})
			tc.edit(res.Model)
			yaml1 := encode.YAML(res.Model)
			fromYAML := load.Bytes("x.yaml", yaml1, load.Options{})
			if errs := errorsOf(fromYAML.Findings); len(errs) > 0 {
				t.Fatalf("the edited YAML has errors: %v", errs)
			}
			md := document.Render(fromYAML.Model)
			back := loadDoc(t, "x.md", md)
			if errs := errorsOf(back.Findings); len(errs) > 0 {
				t.Errorf("the document has errors: %v", errs)
			}
			if yaml2 := encode.YAML(back.Model); !bytes.Equal(yaml1, yaml2) {
				t.Errorf("yaml -> md -> yaml differs:\n%s", firstDiff(yaml1, yaml2))
			}
		})
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	res, err := readFactsheet(name)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readFactsheet(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(factsheets, name))
	return string(b), err
}
