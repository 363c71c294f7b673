package lint_test

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/template"
)

// TestAnswerVocabulary: the vocabularies are closed. Every answer outside
// them is reported - "Unknown" is no longer silently read as No - and the
// spellings normalisation allows (case, punctuation, emphasis, footnote
// references) are not.
func TestAnswerVocabulary(t *testing.T) {
	base := read(t, "BE.yaml")
	for _, tc := range []struct {
		name, answer string
		reported     bool
		hint         string
	}{
		{"yes", `"Yes"`, false, ""},
		{"lower case, full stop", `yes.`, false, ""},
		{"emphasis and a footnote reference", `"**Yes** [^10]"`, false, ""},
		{"graded yes", `"Yes, partially"`, false, ""},
		{"partly", `Partly`, false, ""},
		{"no", `"No"`, false, ""},
		{"not yet", `Not yet`, false, ""},
		{"n/a spellings", `n.a.`, false, ""},
		{"not applicable", `Not applicable`, false, ""},
		{"unknown", `Unknown`, true, "write N/A, and say in the comments that it is not known"},
		{"no data", `No data`, true, "write N/A, and say in the comments that it is not known"},
		{"yes with detail", `Yes, since 2019`, true, "choose an answer of the vocabulary and put the detail in the comments"},
		{"no with detail", `No, but planned`, true, "choose an answer of the vocabulary and put the detail in the comments"},
		{"probably", `Yes, probably`, true, "choose an answer of the vocabulary and put the detail in the comments"},
		{"how many, on a yes/no question", `Several`, true, "choose an answer of the vocabulary and put the detail in the comments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y := replace(t, base, "    national_board:\n      answer: \"Yes\"", "    national_board:\n      answer: "+tc.answer)
			var got []finding.Finding
			for _, f := range lintText("BE.yaml", y) {
				if f.Rule == "answer-vocabulary" && strings.Contains(f.Message, "governance.national_board") {
					got = append(got, f)
				}
			}
			switch {
			case tc.reported && len(got) != 1:
				t.Fatalf("answer %s: %d answer-vocabulary findings, want 1", tc.answer, len(got))
			case !tc.reported && len(got) != 0:
				t.Fatalf("answer %s is in the vocabulary, reported: %s", tc.answer, got[0])
			case tc.reported && got[0].Hint != tc.hint:
				t.Errorf("hint %q, want %q", got[0].Hint, tc.hint)
			}
		})
	}

	// A how-many question takes how many, not yes or no.
	for answer, reported := range map[string]bool{"Several": false, "All": false, "None": false, "N/A": false, `"Yes"`: true, "A few": true} {
		y := replace(t, base, "    national_strategy_stakeholders:\n      answer: Several", "    national_strategy_stakeholders:\n      answer: "+answer)
		n := 0
		for _, f := range lintText("BE.yaml", y) {
			if f.Rule == "answer-vocabulary" && strings.Contains(f.Message, "national_strategy_stakeholders") {
				n++
			}
		}
		if (n == 1) != reported || n > 1 {
			t.Errorf("how-many answer %s: %d findings, reported should be %v", answer, n, reported)
		}
	}
}

// TestUnknownIsNotNo: an answer outside the vocabulary is not read as No by
// the conditional questions either. "If no, are there other institutions"
// after an "Unknown" public agency is not contradicted: the unknown answer
// is reported, and only it.
func TestUnknownIsNotNo(t *testing.T) {
	y := replace(t, read(t, "BE.yaml"), "    public_agency:\n      answer: \"Yes\"", "    public_agency:\n      answer: Unknown")
	for _, f := range lintText("BE.yaml", y) {
		if f.Rule == "answer-conditional" {
			t.Errorf("an unknown answer was read as yes or no: %s", f)
		}
	}
}

// TestBlankFactsheet: a factsheet just made (factsheet new) is reported
// incomplete - once per empty table, and once for the missing pre-fill
// round - and nothing else; a table with one cell filled in gets one
// finding per empty cell again.
func TestBlankFactsheet(t *testing.T) {
	blank := model.Blank(template.Builtin().Default(), model.Country{Code: "AT", Name: "Austria"})
	text := string(encode.YAML(blank))
	got := map[string]int{}
	for _, f := range lintText("AT.yaml", text) {
		got[f.Rule]++
	}
	if len(got) != 2 || got["empty-cell"] != 6 || got["date-no-round"] != 1 {
		t.Errorf("a blank factsheet reports %v, want 6 empty-cell (one per table) and 1 date-no-round", got)
	}

	blank.Sections["governance"].Questions["ministry"].Answer = "Yes"
	blank.Sections["governance"].Questions["ministry"].Comments = "The FPS Public Health."
	n := 0
	for _, f := range lintText("AT.yaml", string(encode.YAML(blank))) {
		if f.Rule == "empty-cell" && strings.HasPrefix(f.Pointer, "/governance/") {
			n++
			if !strings.HasSuffix(f.Pointer, "/answer") {
				t.Errorf("a partly filled table is reported as a whole: %s", f)
			}
		}
	}
	if n != 7 {
		t.Errorf("Table 2 with one answer: %d empty-cell findings, want 7 (one per empty answer)", n)
	}
}
