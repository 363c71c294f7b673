// Command gen writes the SYNTHETIC test corpus of `factsheet overview` into
// testdata/overview: factsheets of a few countries, made from the structure
// of the Belgian factsheet (testdata/factsheets/BE.yaml) with every answer,
// comment and source replaced by invented, obviously synthetic text. None of
// it is any country's real policy, and every file says so in its title and
// introduction.
//
//	go run ./testdata/overview/gen            # from the repository root
//
// The corpus covers what the overview must handle: four forms (YAML, JSON,
// the document as Markdown; Word comes from testdata/docx), two rounds of
// one country (DK), a file with schema errors (LU), two files claiming the
// same country and round (PT), every answer category, a past-due
// statement, placeholder links, and hostile text (markup, formula
// injection) that every output must escape.
package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/template"
)

func main() {
	root := flag.String("root", ".", "the repository root")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// country is one synthetic factsheet to write.
type country struct {
	file       string // under testdata/overview
	code, name string
	rounds     []model.Round
	// bias shifts the answers (a different mix per country).
	bias int
	edit func(f *model.Factsheet)
}

func rounds(spec ...string) []model.Round {
	var out []model.Round
	for _, s := range spec {
		kind, date, _ := strings.Cut(s, " ")
		out = append(out, model.Round{Kind: kind, Date: date, Contributors: []model.Contributor{{
			Name: "Synthetic Tester " + strings.ToUpper(kind[:1]), Role: "test fixture",
			Organisation: "Synthetic Test Organisation (fictional)",
		}}})
	}
	return out
}

var countries = []country{
	{file: "AT.yaml", code: "AT", name: "Austria", bias: 0,
		rounds: rounds("prefill 2024", "review 2024-11", "update 2025-12", "review 2026-03"),
		edit: func(f *model.Factsheet) {
			// Hostile text: markup and formula injection, which every output
			// must show as text.
			q := f.Sections["uptake"].Questions["certified_solutions"]
			q.Answer = `=HYPERLINK("http://evil.example/","click me")`
			q.Comments += " Synthetic hostile text: <script>alert(1)</script> <img src=x onerror=alert(2)> & \"quotes\"."
			f.Sections["uptake"].Questions["public_private_split"].Answer = "+43 percent (synthetic figure)"
			f.Sections["uptake"].Questions["provider_use"].Answer = "-5 (synthetic figure)"
			f.Sections["uptake"].Questions["reliability"].Answer = "@SUM(A1) synthetic procedure"
		}},
	{file: "DK-2025-06.yaml", code: "DK", name: "Denmark", bias: 1,
		rounds: rounds("prefill 2024", "review 2024-09", "update 2025-06"),
		edit: func(f *model.Factsheet) {
			q := f.Sections["governance"].Questions["national_board"]
			q.Answer = "No"
			q.Comments = "Synthetic test text (older round): no fictional board had been set up yet."
		}},
	{file: "DK.yaml", code: "DK", name: "Denmark", bias: 1,
		rounds: rounds("prefill 2024", "review 2024-09", "update 2025-06", "review 2026-01")},
	{file: "EE.json", code: "EE", name: "Estonia", bias: 2,
		rounds: rounds("prefill 2023/2024", "review 2025-05")},
	{file: "FI.md", code: "FI", name: "Finland", bias: 3,
		rounds: rounds("prefill 2024", "update 2025-10", "review 2026-02")},
	{file: "IE.yaml", code: "IE", name: "Ireland", bias: 4,
		rounds: rounds("prefill 2025", "update 2026-04"),
		edit: func(f *model.Factsheet) {
			// An unfinished factsheet: empty answers and a missing question.
			for _, id := range []string{"ministry_unit", "public_agency", "cancer_centres"} {
				f.Sections["governance"].Questions[id].Answer = ""
			}
			delete(f.Sections["legislation"].Questions, "ehealth_cancer_care")
		}},
	{file: "PT.yaml", code: "PT", name: "Portugal", bias: 5,
		rounds: rounds("prefill 2024", "review 2025-11")},
	// The same country and round again, as JSON, with one comment changed:
	// reported as a duplicate, never merged.
	{file: "PT_copy.json", code: "PT", name: "Portugal", bias: 5,
		rounds: rounds("prefill 2024", "review 2025-11"),
		edit: func(f *model.Factsheet) {
			q := f.Sections["governance"].Questions["national_board"]
			q.Comments = "Synthetic test text (the duplicate file): edited after the copy was made, so the two files disagree."
		}},
}

func run(root string) error {
	res, err := load.Path(filepath.Join(root, "testdata", "factsheets", "BE.yaml"), load.Options{})
	if err != nil {
		return err
	}
	if res.Model == nil {
		return fmt.Errorf("BE.yaml: not readable")
	}
	out := filepath.Join(root, "testdata", "overview")
	for _, c := range countries {
		f := synthesize(res.Model, c)
		if c.edit != nil {
			c.edit(f)
		}
		var b []byte
		switch filepath.Ext(c.file) {
		case ".json":
			b = encode.JSON(f)
		case ".md":
			b = document.Render(f)
		default:
			b = encode.YAML(f)
		}
		if err := os.WriteFile(filepath.Join(out, c.file), b, 0o644); err != nil {
			return err
		}
	}
	// A file with schema errors: a round kind and an answer of the wrong
	// type. It is listed in the overview's status and kept out of the matrix.
	lu := synthesize(res.Model, country{code: "LU", name: "Luxembourg", bias: 6, rounds: rounds("prefill 2025", "review 2026-01")})
	b := string(encode.YAML(lu))
	b = strings.Replace(b, "kind: review", "kind: reviewed", 1)
	b = strings.Replace(b, "    national_board:\n      answer: ", "    national_board:\n      answer: 42\n      note: ", 1)
	return os.WriteFile(filepath.Join(out, "LU-broken.yaml"), []byte(b), 0o644)
}

// pick chooses deterministically among options for an item of a country.
func pick[T any](c country, id string, options []T) T {
	h := fnv.New32a()
	h.Write([]byte(c.code + " " + id))
	return options[int(h.Sum32()%uint32(len(options)))]
}

// synthesize copies the Belgian factsheet's structure with synthetic
// content for country c.
func synthesize(be *model.Factsheet, c country) *model.Factsheet {
	f := &model.Factsheet{
		Template: be.Template,
		Country:  model.Country{Code: c.code, Name: c.name},
		Title: "POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN " + strings.ToUpper(c.name) +
			" - SYNTHETIC TEST DATA, NOT THE REAL POLICY OF " + strings.ToUpper(c.name),
		Introduction: "SYNTHETIC TEST DATA. This file was generated by testdata/overview/gen from the structure of the Belgian factsheet " +
			"to test `factsheet overview`. Every answer, comment and source in it is invented and is not the real policy of " + c.name + ".",
		Contact:  "synthetic-test@example.org",
		Rounds:   c.rounds,
		Sections: map[string]*model.Section{},
	}
	notes := 0
	footnote := func(what string) string {
		notes++
		label := fmt.Sprint(notes)
		text := fmt.Sprintf("[Synthetic source %d for %s: %s](https://example.org/synthetic/%s/%d)", notes, c.name, what, strings.ToLower(c.code), notes)
		if notes%9 == 0 {
			text = fmt.Sprintf("[Synthetic placeholder source %d](#)", notes) // a placeholder link, as real factsheets have
		}
		f.Footnotes = append(f.Footnotes, model.Footnote{Label: label, Text: text})
		return "[^" + label + "]"
	}
	yesNo := []string{"Yes", "Yes, some", "No", "Yes", "N/A", "Partially", "No", "Yes"}
	extent := []string{"Several", "Some", "All", "None", "N/A"}
	cells := []string{"-", "Yes, fictional app", "No", "-", "Yes partially, synthetic pilot", "Yes", "-"}
	for _, tb := range be.TemplateOrDefault().Tables() {
		s := &model.Section{FurtherInformation: []string{"Synthetic test text: no further information (fictional)."}}
		switch tb.Kind {
		case template.Terms:
			s.Terms = map[string]*model.Term{}
			for _, it := range tb.Items {
				id := it.ID
				s.Terms[id] = &model.Term{
					Definition: "Synthetic test definition of " + it.Wording + " (the international definition is not reproduced in this test file).",
					Deviation: pick(c, tb.ID(id), []string{"No deviation from definition.",
						"Synthetic deviation: in this fictional test file the term is used more narrowly %s.",
						"The term is not used in the synthetic documents."}),
				}
				if d := s.Terms[id]; strings.Contains(d.Deviation, "%s") {
					d.Deviation = fmt.Sprintf(d.Deviation, footnote("definitions"))
				}
			}
		case template.Questions:
			s.Questions = map[string]*model.Question{}
			for _, it := range tb.Items {
				q := &model.Question{}
				switch it.Vocabulary {
				case template.YesNo:
					q.Answer = pick(c, tb.ID(it.ID), yesNo)
				case template.Extent:
					q.Answer = pick(c, tb.ID(it.ID), extent)
				default:
					q.Answer = fmt.Sprintf("About %d (synthetic figure)", 3+len(it.ID)%9+c.bias)
				}
				if q.Answer != "N/A" {
					q.Comments = fmt.Sprintf("Synthetic test text for %s: a fictional answer to %s, invented for testing the overview; not %s's real policy %s.",
						c.name, tb.ID(it.ID), c.name, footnote(it.ID))
				}
				switch tb.ID(it.ID) {
				case "strategies.national_cancer_plan":
					// A forward-looking statement whose date has passed.
					q.Comments += " The fictional cancer plan will be published in early 2026."
				case "strategies.national_strategy":
					// Several paragraphs and a list, as real comments have.
					q.Comments += "\n\nThe synthetic strategy covers:\n\n- fictional interoperability work " + footnote("interoperability") +
						";\n- *invented* patient portals."
				}
				s.Questions[it.ID] = q
			}
		case template.Matrix:
			s.Cells = map[string]map[string]string{}
			s.HasCells = map[string]map[string]bool{}
			for _, area := range tb.Items {
				s.Cells[area.ID] = map[string]string{}
				s.HasCells[area.ID] = map[string]bool{}
				for _, typ := range tb.Types {
					v := pick(c, tb.CellID(area.ID, typ.ID), cells)
					if strings.HasPrefix(v, "Yes,") || strings.HasPrefix(v, "Yes partially") {
						v += " " + footnote(area.ID+" "+typ.ID)
					}
					s.Cells[area.ID][typ.ID] = v
					s.HasCells[area.ID][typ.ID] = true
				}
			}
		}
		f.Sections[tb.Section] = s
	}
	return f
}
