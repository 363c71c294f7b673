package diff_test

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/model"
)

// richOld and richNew are two small versions that differ in every way the
// diff knows about.
func richOld() *model.Factsheet {
	return &model.Factsheet{
		Template: "ecan-plus-2025",
		Country:  model.Country{Code: "BE", Name: "Belgium"},
		Title:    "POLICY MAPPING",
		Contact:  "old@example.org",
		Rounds: []model.Round{
			{Kind: "prefill", Date: "2023/2024", Contributors: []model.Contributor{{Name: "Ann", Role: "Analyst", Organisation: "GÖG"}}},
			{Kind: "review", Date: "2024-05", Contributors: []model.Contributor{
				{Name: "Bo", Role: "Expert", Country: "Belgium"},
				{Name: "Cy", Role: "Reviewer"},
			}},
			{Kind: "update", Date: "2025-01"},
		},
		Sections: map[string]*model.Section{
			"definitions": {Terms: map[string]*model.Term{
				"ehealth": {Definition: "WHO definition [^1]", Deviation: "None."},
				"mhealth": {Definition: "Mobile health [^2]", Deviation: "No deviation."},
			}, FurtherInformation: []string{"Kept item.", "Edited item, first wording.", "Dropped item [^4]."}},
			"governance": {Questions: map[string]*model.Question{
				"ministry":       {Answer: "No", Comments: "The ministry [^3] is not in charge."},
				"national_board": {Answer: "Yes", Comments: "A board exists."},
				"public_agency":  {Answer: "Yes"},
			}},
			"solutions": {
				Cells:    map[string]map[string]string{"treatment": {"apps": "Yes, Remecare", "webinars": "-"}},
				HasCells: map[string]map[string]bool{"treatment": {"apps": true, "webinars": true}},
			},
		},
		Footnotes: []model.Footnote{
			{Label: "1", Text: "[WHO EMRO - eHealth](#)"},
			{Label: "2", Text: "<https://example.org/mhealth>"},
			{Label: "3", Text: "[FPS Public Health](https://www.health.belgium.be/)"},
			{Label: "4", Text: "<https://example.org/dropped>"},
		},
		Wording: map[string]string{"solutions.teleconferences": "Multi-disciplinary teleconferences (HCP-HPC)"},
	}
}

func richNew() *model.Factsheet {
	return &model.Factsheet{
		Template: "ecan-plus-2025",
		Country:  model.Country{Code: "BE", Name: "Kingdom of Belgium"},
		Title:    "POLICY MAPPING",
		Contact:  "new@example.org",
		Rounds: []model.Round{
			{Kind: "prefill", Date: "2023/2024", Contributors: []model.Contributor{{Name: "Ann", Role: "Analyst", Organisation: "GÖG"}}},
			{Kind: "review", Date: "2024-05", Contributors: []model.Contributor{
				{Name: "Bo", Role: "Lead expert", Country: "Belgium"},
				{Name: "Di", Role: "Reviewer"},
			}},
			{Kind: "review", Date: "2026-02", Contributors: []model.Contributor{{Name: "Ed"}}},
		},
		Sections: map[string]*model.Section{
			"definitions": {Terms: map[string]*model.Term{
				// References renumbered: [^1] is now [^2] and so on.
				"ehealth": {Definition: "WHO definition [^2]", Deviation: "None."},
				"mhealth": {Definition: "Mobile health [^3]", Deviation: "Apps with a CE mark."},
			}, FurtherInformation: []string{"New first item [^1].", "Kept item.", "Edited item, second wording."}},
			"governance": {Questions: map[string]*model.Question{
				"ministry":       {Answer: "Yes", Comments: "The ministry [^4] is in charge."},
				"national_board": {Answer: "Yes", Comments: "A board exists."},
				"cancer_centres": {Answer: "Yes", Comments: "UZA."},
			}},
			"solutions": {
				Cells:    map[string]map[string]string{"treatment": {"apps": "Yes, Remecare", "other": "Telemonitoring"}},
				HasCells: map[string]map[string]bool{"treatment": {"apps": true, "other": true}},
			},
		},
		Footnotes: []model.Footnote{
			{Label: "1", Text: "<https://example.org/new>"},
			// Same placeholder link title, now with its address: matched by
			// text, a changed footnote.
			{Label: "2", Text: "[WHO EMRO - eHealth](https://www.emro.who.int/health-topics/ehealth/)"},
			// Same address, new text: changed.
			{Label: "3", Text: "[mHealth overview](https://example.org/mhealth/)"},
			{Label: "4", Text: "[FPS Public Health](https://www.health.belgium.be/)"},
		},
		Wording: map[string]string{"solutions.teleconferences": "Multi-disciplinary teleconferences (HCP-HCP)"},
	}
}

func TestRichDiff(t *testing.T) {
	r := diff.Compare(richOld(), richNew())
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Kind)+" "+strings.Join(c.Path, "/"))
	}
	want := []string{
		"changed country/name",
		"changed contact",
		"changed rounds/review/2024-05/contributors/Bo/role",
		"removed rounds/review/2024-05/contributors/Cy",
		"added rounds/review/2024-05/contributors/Di",
		"removed rounds/update/2025-01",
		"added rounds/review/2026-02",
		"changed definitions/mhealth/deviation",
		"added definitions/further_information/0",
		"changed definitions/further_information/2",
		"removed definitions/further_information/2",
		"changed governance/ministry/answer",
		"changed governance/ministry/comments",
		"removed governance/public_agency",
		"added governance/cancer_centres",
		"removed solutions/treatment/webinars",
		"added solutions/treatment/other",
		"changed wording/solutions.teleconferences",
		"added footnotes/1",
		"changed footnotes/2",
		"changed footnotes/3",
		"removed footnotes/4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := find(r, diff.Changed, "governance", "ministry", "comments"); c != nil {
		var del, ins []string
		for _, op := range c.Words {
			switch op.Kind {
			case diff.Delete:
				del = append(del, op.Text)
			case diff.Insert:
				ins = append(ins, op.Text)
			}
		}
		// [^3] -> [^4] is the same footnote: only "not " is removed.
		if len(del) != 1 || strings.TrimSpace(del[0]) != "not" || len(ins) != 0 {
			t.Errorf("ministry comments word diff: del %q ins %q", del, ins)
		}
	}
	if len(r.Renumbered) != 1 || r.Renumbered[0].Note != "footnotes 1-3 renumbered to 2-4" {
		t.Errorf("renumbered = %+v", r.Renumbered)
	}
	if c := find(r, diff.Added, "footnotes", "1"); c == nil || strings.Join(c.CitedIn, ",") != "definitions.further_information.0" {
		t.Errorf("added footnote 1: %+v", c)
	}
	if c := find(r, diff.Removed, "footnotes", "4"); c == nil || strings.Join(c.CitedIn, ",") != "definitions.further_information.2" {
		t.Errorf("removed footnote 4: %+v", c)
	}
	if r.Summary.Answers != 1 {
		t.Errorf("answers changed = %d, want 1", r.Summary.Answers)
	}
}

// TestRenumberingNotes: one note per run of footnotes shifted by the same
// offset; a footnote that kept its number is no note; a text citing a
// moved footnote is unchanged, also when it cites one of several identical
// footnotes.
func TestRenumberingNotes(t *testing.T) {
	mk := func(labels []string, texts []string, comment string) *model.Factsheet {
		f := &model.Factsheet{Sections: map[string]*model.Section{
			"governance": {Questions: map[string]*model.Question{"ministry": {Answer: "Yes", Comments: comment}}},
		}}
		for i, l := range labels {
			f.Footnotes = append(f.Footnotes, model.Footnote{Label: l, Text: texts[i]})
		}
		return f
	}
	u := func(s string) string { return "<https://example.org/" + s + ">" }
	// Old: a b c d e f (1-6). New: a X b c e f d' where X is inserted at 2,
	// d is dropped, and a copy of b is added at the end.
	old := mk([]string{"1", "2", "3", "4", "5", "6"}, []string{u("a"), u("b"), u("c"), u("d"), u("e"), u("f")},
		"See [^1], [^2] and [^3]; then [^5] [^6].")
	new := mk([]string{"1", "2", "3", "4", "5", "6", "7"}, []string{u("a"), u("x"), u("b"), u("c"), u("e"), u("f"), u("b")},
		"See [^1], [^7] and [^4]; then [^5] [^6].")
	r := diff.Compare(old, new)
	var notes []string
	for _, n := range r.Renumbered {
		notes = append(notes, n.Note)
	}
	if got := strings.Join(notes, "; "); got != "footnotes 2-3 renumbered to 3-4" {
		t.Errorf("notes: %s", got)
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Kind)+" "+strings.Join(c.Path, "/"))
	}
	// [^2] -> [^7]: footnote 7 has the same text as footnote 3 (the old
	// 2), so the reference cites the same source: no change.
	want := "added footnotes/2 removed footnotes/4 added footnotes/7"
	if strings.Join(got, " ") != want {
		t.Errorf("changes: %s\nwant %s", strings.Join(got, " "), want)
	}
}
