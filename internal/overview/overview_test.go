package overview_test

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/template"
)

func TestCategorize(t *testing.T) {
	for _, tc := range []struct {
		answer string
		want   overview.Category
	}{
		{"Yes", overview.Yes},
		{"yes", overview.Yes},
		{"**Yes**", overview.Yes},
		{"Yes [^3]", overview.Yes},
		{"Yes, SkinVision", overview.Yes},
		{"Yes, esanté system [^23] and eHealth platform", overview.Yes},
		{"All", overview.Yes},
		{"Yes, some", overview.Partial},
		{"Yes partially, reimbursed for specific group of patients", overview.Partial},
		{"Yes, in part", overview.Partial},
		{"Yes, mostly", overview.Partial},
		{"Partially", overview.Partial},
		{"Some", overview.Partial},
		{"Several", overview.Partial},
		{"No", overview.No},
		{"No.", overview.No},
		{"No, reimbursement is planned", overview.No},
		{"No deviation from definition.", overview.No},
		{"None", overview.No},
		{"Not yet", overview.No},
		{"N/A", overview.NA},
		{"n/a", overview.NA},
		{"NA", overview.NA},
		{"Not applicable", overview.NA},
		{"N/A (not applicable)", overview.NA},
		{"Unknown", overview.NA},
		{"No information available", overview.NA},
		{"No data", overview.NA},
		{"-", overview.NA},
		{" – ", overview.NA},
		{"At least 13 as of February 2026", overview.Other},
		{"Via webpage and CE certification", overview.Other},
		{"Not explained directly in laws or regulations.", overview.Other},
		{"Yesterday", overview.Other},
		{"Nobody knows", overview.Other},
		{"See above", overview.Other},
		{"", overview.Empty},
		{"   ", overview.Empty},
		{"[^3]", overview.Empty},
	} {
		t.Run(tc.answer, func(t *testing.T) {
			if got := overview.Categorize(tc.answer); got != tc.want {
				t.Errorf("Categorize(%q) = %s, want %s", tc.answer, got, tc.want)
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	ref := func(l string) string { return "n" + l }
	for _, tc := range []struct{ name, md, want string }{
		{"plain", "Yes", "Yes"},
		{"references", "Guided by the plan [^10] through coordination[^11].", "Guided by the plan [n10] through coordination[n11]."},
		{"markup", "*‘By mobile medical application’* and **bold** [link text](https://example.org) <https://a.example>", "‘By mobile medical application’ and bold link text https://a.example"},
		{"paragraphs and lists", "First.\n\n- one [^1]\n- two\n\nLast.", "First.\n• one [n1]\n• two\nLast."},
		{"escapes", `a \[^1] b \*c\*`, "a [^1] b *c*"},
		{"control characters", "a\x07b\u202Ec", `a\x07b\u202Ec`},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := overview.Display(tc.md, ref); got != tc.want {
				t.Errorf("Display(%q) = %q, want %q", tc.md, got, tc.want)
			}
		})
	}
}

func TestLinkable(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org/a?b=c#d": true,
		"http://example.org":          true,
		"javascript:alert(1)":         false,
		"JAVASCRIPT:alert(1)":         false,
		"data:text/html,<b>":          false,
		"#":                           false,
		"www.example.org":             false,
		"https://a.example/x y":       false,
		"https://a.example/\"><b>":    false,
		"//example.org":               false,
	} {
		if got := overview.Linkable(u); got != want {
			t.Errorf("Linkable(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestSelect(t *testing.T) {
	all := overview.Items(template.Builtin().Default())
	if len(all) != 7+8+11+4+6*7+5 {
		t.Fatalf("%d template items, want 77", len(all))
	}
	if all[0].ID != "definitions.ehealth" || all[7].ID != "governance.ministry" || all[len(all)-1].ID != "uptake.provider_use" {
		t.Errorf("items out of template order: %s, %s, %s", all[0].ID, all[7].ID, all[len(all)-1].ID)
	}
	for _, tc := range []struct {
		name      string
		selectors []string
		n         int
		first     string
	}{
		{"everything", nil, 77, "definitions.ehealth"},
		{"one question", []string{"governance.national_board"}, 1, "governance.national_board"},
		{"a section", []string{"governance"}, 8, "governance.ministry"},
		{"a Table 5 area", []string{"solutions.treatment"}, 7, "solutions.treatment.login_websites"},
		{"a chapter number", []string{"5"}, 42 + 5, "solutions.ecosystem.login_websites"},
		{"template order whatever the flag order", []string{"uptake.reliability", "definitions"}, 8, "definitions.ehealth"},
		{"overlapping selectors", []string{"governance", "governance.ministry"}, 8, "governance.ministry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := overview.Select(template.Builtin().Default(), tc.selectors)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.n || got[0].ID != tc.first {
				t.Errorf("%d items from %s, want %d from %s", len(got), got[0].ID, tc.n, tc.first)
			}
		})
	}
	_, err := overview.Select(template.Builtin().Default(), []string{"governance.nationalboard"})
	if err == nil || !strings.Contains(err.Error(), "did you mean governance.national_board?") {
		t.Errorf("a mistyped --item: %v", err)
	}
	if _, err := overview.Select(template.Builtin().Default(), []string{"gov"}); err == nil {
		t.Error("a prefix that is not a whole section selected something")
	}
}

// The past-due count follows the lint rule that reports them.
func TestPastDueRuleExists(t *testing.T) {
	if _, ok := rules.Lookup(overview.RulePastDue); !ok {
		t.Fatalf("no lint rule %s", overview.RulePastDue)
	}
}

// Build places every file of the synthetic corpus: the latest round of
// each country, the older Danish round superseded, the broken file kept
// out with its errors, the duplicate reported.
func TestBuildPlacesFiles(t *testing.T) {
	ov := build(t, overview.Options{})
	var cols []string
	for _, c := range ov.Columns {
		cols = append(cols, c.File.Name)
	}
	if got, want := strings.Join(cols, " "), "AT.yaml DK.yaml EE.json FI.md IE.yaml PT.yaml"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	state := map[string]*overview.File{}
	for _, f := range ov.Files {
		state[f.Name] = f
	}
	for name, want := range map[string]overview.State{
		"AT.yaml": overview.Included, "DK-2025-06.yaml": overview.Superseded, "DK.yaml": overview.Included,
		"LU-broken.yaml": overview.Excluded, "PT.yaml": overview.Included, "PT_copy.json": overview.Duplicate,
	} {
		if got := state[name].State; got != want {
			t.Errorf("%s: %s, want %s (%s)", name, got, want, state[name].Note)
		}
	}
	if f := state["DK-2025-06.yaml"]; f.Other != "DK.yaml" {
		t.Errorf("DK-2025-06.yaml superseded by %q", f.Other)
	}
	lu := state["LU-broken.yaml"]
	if len(lu.Errors) != 3 || lu.Errors[0].Rule != "schema-value" || lu.Errors[0].Pos.Line != 18 || !strings.Contains(lu.Note, "3 reading or schema errors") {
		t.Errorf("LU-broken.yaml: %s, errors %+v", lu.Note, lu.Errors)
	}
	pt := state["PT_copy.json"]
	if pt.Other != "PT.yaml" || !strings.Contains(pt.Note, "(PT, review 2025-11)") || !strings.Contains(pt.Note, "its content differs") {
		t.Errorf("PT_copy.json: %s", pt.Note)
	}
	if !strings.Contains(state["PT.yaml"].Note, "also claimed by PT_copy.json") {
		t.Errorf("PT.yaml note: %q", state["PT.yaml"].Note)
	}
	if ov.Problems() != 2 {
		t.Errorf("%d problems, want 2 (the broken file and the duplicate)", ov.Problems())
	}

	// Every round: Denmark twice, oldest first.
	all := build(t, overview.Options{AllRounds: true})
	cols = cols[:0]
	for _, c := range all.Columns {
		cols = append(cols, c.File.Name)
	}
	if got, want := strings.Join(cols, " "), "AT.yaml DK-2025-06.yaml DK.yaml EE.json FI.md IE.yaml PT.yaml"; got != want {
		t.Errorf("--rounds all: columns %s, want %s", got, want)
	}
	if all.Problems() != 2 {
		t.Errorf("--rounds all: %d problems", all.Problems())
	}
}

// The status of a file: rounds, review age, completeness, findings.
func TestStatus(t *testing.T) {
	ov := build(t, overview.Options{})
	byCode := map[string]*overview.File{}
	for _, c := range ov.Columns {
		byCode[c.Code()] = c.File
	}
	at := byCode["AT"]
	if at.Round.String() != "review 2026-03" || at.LastReview.Date != "2026-03" || at.LastReview.AgeDays != 236 || at.LastReview.Age != "about 8 months" {
		t.Errorf("AT: round %s, review %+v", at.Round, at.LastReview)
	}
	if at.Answered != 77 || at.Total != 77 || at.Template != "ecan-plus-2025" || at.Form != "yaml" {
		t.Errorf("AT: %d/%d, template %q, form %q", at.Answered, at.Total, at.Template, at.Form)
	}
	ie := byCode["IE"]
	if ie.LastReview != nil || ie.Round.String() != "update 2026-04" {
		t.Errorf("IE: round %s, review %+v", ie.Round, ie.LastReview)
	}
	// Three empty answers and a missing question.
	if ie.Answered != 73 || ie.Completeness() != 94 {
		t.Errorf("IE: %d answered (%d%%), want 73 (94%%)", ie.Answered, ie.Completeness())
	}
	if ie.Counts.Errors != 1 || ie.Counts.Infos != 1 || ie.PastDue != 1 {
		t.Errorf("IE: counts %+v, past-due %d", ie.Counts, ie.PastDue)
	}
	for _, c := range ov.Columns {
		if c.File.PastDue != 1 {
			t.Errorf("%s: %d past-due statements, want 1 (the synthetic cancer plan)", c.Code(), c.File.PastDue)
		}
	}
}

// The real Belgian factsheet: values, sources, positions, the status lint
// gives it.
func TestBelgium(t *testing.T) {
	ov := beOverview(t)
	be := ov.Columns[0].File
	if be.Round.String() != "review 2026-02" || be.LastReview.Age != "about 9 months" || be.PastDue != 2 || be.Answered != 77 {
		t.Errorf("BE: round %s, review %+v, past-due %d, answered %d", be.Round, be.LastReview, be.PastDue, be.Answered)
	}
	if be.Counts.Errors != 1 || be.Counts.Warnings == 0 {
		t.Errorf("BE: findings %+v (lint reports one error, the malformed URL of footnote 16)", be.Counts)
	}
	v := be.Value("governance.national_board")
	if v.Answer != "Yes" || v.Category != overview.Yes || v.Pos.String() != "BE.yaml:105" || v.Pos.Column != 15 {
		t.Errorf("national_board: %q %s at %s", v.Answer, v.Category, v.Pos)
	}
	if len(v.Sources) != 1 || v.Sources[0].Label != "10" || len(v.Sources[0].URLs) != 1 ||
		!strings.HasPrefix(v.Sources[0].URLs[0], "https://www.inami.fgov.be/fr/themes/esante/plan-d-action-interfederal-esante-2025-2027") {
		t.Errorf("national_board sources: %+v", v.Sources)
	}
	// Placeholder links are not addresses.
	if s := be.Value("governance.ministry").Sources[0]; s.Label != "9" || s.Title != "FPS Public Health (belgium.be)" || len(s.URLs) != 0 {
		t.Errorf("ministry source: %+v", s)
	}
	for id, want := range map[string]overview.Category{
		"governance.outpatient_coverage":            overview.Partial,
		"governance.ministry_unit":                  overview.NA,
		"strategies.national_strategy_stakeholders": overview.Partial,
		"uptake.certified_solutions":                overview.Other,
		"definitions.ehealth":                       overview.No,
		"definitions.dhealth":                       overview.Other,
		"solutions.treatment.telemonitoring":        overview.Partial,
		"solutions.rehabilitation.apps":             overview.NA,
		"solutions.prevention.teleconferences":      overview.No,
		"solutions.ecosystem.login_websites":        overview.Yes,
	} {
		if got := be.Value(id).Category; got != want {
			t.Errorf("%s (%q): %s, want %s", id, be.Value(id).Answer, got, want)
		}
	}
}

// A Word document's values are placed as Word shows them.
func TestWordPositions(t *testing.T) {
	f := read(t, "../../testdata/docx/BE-libreoffice.docx", "BE.docx")
	if f.State == overview.Excluded {
		t.Fatalf("the Word document is kept out: %s %+v", f.Note, f.Errors)
	}
	v := f.Value("governance.national_board")
	if v.Pos.Line != 0 || !strings.HasPrefix(v.Pos.Place, `Table 2, row 4 "Is there a national eHealth governance board`) || !strings.HasSuffix(v.Pos.Place, "Answer") {
		t.Errorf("national_board at %+v", v.Pos)
	}
	if v.Answer != "Yes" || len(v.Sources) != 1 {
		t.Errorf("national_board: %q, sources %+v", v.Answer, v.Sources)
	}
	cell := f.Value("solutions.treatment.telemonitoring")
	if !strings.HasPrefix(cell.Pos.Place, "Table 5, row") || cell.Category != overview.Partial {
		t.Errorf("telemonitoring: %s at %+v", cell.Category, cell.Pos)
	}
}

// Unreadable files and files without a country are listed, not placed.
func TestExtractRefuses(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"empty.yaml":   "",
		"garbage.json": "{not json",
		"nocode.yaml":  "template: ecan-plus-2025\ncountry:\n  name: Nowhere\n",
	} {
		path := dir + "/" + name
		writeFile(t, path, content)
		f := read(t, path, name)
		if f.State != overview.Excluded || f.Note == "" {
			t.Errorf("%s: %s (%s)", name, f.State, f.Note)
		}
	}
	ov := overview.Build([]*overview.File{read(t, dir+"/empty.yaml", "empty.yaml")}, overview.Options{Today: today})
	if len(ov.Columns) != 0 || ov.Problems() != 1 {
		t.Errorf("an overview of nothing readable: %d columns, %d problems", len(ov.Columns), ov.Problems())
	}
	for format := range writers {
		render(t, format, ov) // every format writes an overview without columns
	}
}

// Two files with the same content claiming one column say so.
func TestDuplicateSameContent(t *testing.T) {
	a := read(t, "../../testdata/factsheets/BE.yaml", "BE.yaml")
	b := read(t, "../../testdata/factsheets/BE.txt", "BE.txt")
	ov := overview.Build([]*overview.File{a, b}, overview.Options{Today: today})
	if len(ov.Columns) != 1 || b.State != overview.Duplicate || !strings.Contains(b.Note, "(the same content)") {
		t.Errorf("BE.txt beside BE.yaml: %s, %q", b.State, b.Note)
	}
}

// By-topic text: the paragraph a coordinator pastes, with the footnotes
// renumbered for the output and a source cited twice numbered once.
func TestTopics(t *testing.T) {
	ov := beOverview(t, "governance.national_board", "governance.inpatient_coverage", "solutions.ecosystem.other")
	topics, sources := ov.Topics()
	if len(topics) != 3 {
		t.Fatalf("%d topics", len(topics))
	}
	got := topics[0].Paragraphs[0].Sentence()
	want := "Yes. Belgium's digital health strategy is guided by the eHealth Action Plan 2025-2027 [1] through inter-federal coordination and collaboration."
	if got != want {
		t.Errorf("national_board:\n got %q\nwant %q", got, want)
	}
	if got := topics[1].Paragraphs[0].Sentence(); !strings.Contains(got, "Specific health insurance funds also cover tools. [2]") || !strings.Contains(got, "beMedTech and Agoria [3] .") {
		t.Errorf("inpatient_coverage: %q", got)
	}
	// The ecosystem cell cites footnote 27, the same source (mhealthbelgium.be) as
	// footnote 14 cited by inpatient_coverage: number 3 again.
	if got := topics[2].Paragraphs[0].Sentence(); !strings.Contains(got, "CE marked mobile applications [3]") || !strings.Contains(got, "authorities [4]") {
		t.Errorf("ecosystem.other: %q", got)
	}
	if len(sources) != 4 || sources[0].N != 1 || sources[0].Label != "10" || sources[2].Label != "14" || sources[3].Label != "28" {
		t.Errorf("sources: %+v", sources)
	}
}

func TestSentence(t *testing.T) {
	for _, tc := range []struct{ answer, comment, want string }{
		{"Yes", "A board.", "Yes. A board."},
		{"Yes.", "A board.", "Yes. A board."},
		{"Yes [1]", "A board.", "Yes [1]. A board."},
		{"N/A", "", "N/A"},
		{"", "Only a comment.", "Only a comment."},
		{"", "", "(no answer)"},
	} {
		p := overview.Paragraph{Answer: tc.answer, Comment: tc.comment}
		if got := p.Sentence(); got != tc.want {
			t.Errorf("Sentence(%q, %q) = %q, want %q", tc.answer, tc.comment, got, tc.want)
		}
	}
}

// TestCategorizeIn: a template's own words are counted by its
// vocabularies where the built-in categories do not place them; an answer
// the built-in categories place keeps its category.
func TestCategorizeIn(t *testing.T) {
	v := template.Vocabularies{Yes: []string{"Oui", "En partie"}, No: []string{"Non"}, NA: []string{"S.O."}}
	for _, tc := range []struct {
		answer string
		want   overview.Category
	}{
		{"Oui", overview.Yes}, {"**oui**", overview.Yes}, {"En partie", overview.Partial},
		{"Non", overview.No}, {"s.o.", overview.NA}, {"Peut-être", overview.Other},
		{"Yes", overview.Yes}, {"", overview.Empty},
	} {
		if got := overview.CategorizeIn(tc.answer, v); got != tc.want {
			t.Errorf("CategorizeIn(%q) = %s, want %s", tc.answer, got, tc.want)
		}
	}
}

// TestCategorizeInOwnWordsFirst: the template's words come before the
// built-in forms (a Spanish N/A "No aplica" is no No by its first word), and
// letters of every script are words (Cyrillic answers were all empty).
func TestCategorizeInOwnWordsFirst(t *testing.T) {
	es := template.Vocabularies{Yes: []string{"Sí", "En parte"}, No: []string{"No"}, NA: []string{"No aplica"}}
	ru := template.Vocabularies{Yes: []string{"Да", "Частично"}, No: []string{"Нет"}, NA: []string{"Н/Д"}}
	for _, tc := range []struct {
		v      template.Vocabularies
		answer string
		want   overview.Category
	}{
		{es, "No aplica", overview.NA}, {es, "No", overview.No}, {es, "Sí", overview.Yes},
		{ru, "Да", overview.Yes}, {ru, "частично", overview.Partial}, {ru, "Нет", overview.No},
		{ru, "н/д", overview.NA}, {ru, "Банан", overview.Other}, {ru, "", overview.Empty},
	} {
		if got := overview.CategorizeIn(tc.answer, tc.v); got != tc.want {
			t.Errorf("CategorizeIn(%q) = %s, want %s", tc.answer, got, tc.want)
		}
	}
}
