package model_test

import (
	"testing"

	"github.com/ecanplus/factsheet/internal/model"
)

// TestPlace: every pointer a finding can carry is named as a person finds
// it in the document, in the words the Word reader uses; a footnote by its
// label (not its 0-based index); what the template does not have is left
// to its pointer.
func TestPlace(t *testing.T) {
	f := model.FromValueOf(value(), nil)
	f.Footnotes = []model.Footnote{{Label: "1", Text: "a"}, {Label: "23", Text: "b"}}
	f.Wording = map[string]string{"solutions.teleconferences": "Multi-disciplinary teleconferences (HCP-HPC)"}
	for _, tc := range []struct{ ptr, want string }{
		{"/footnotes/1/text", "footnote 23"},
		{"/footnotes/1", "footnote 23"},
		{"/footnotes/0/label", "footnote 1"},
		{"/footnotes/7", "footnote entry 8"},
		{"/footnotes", "footnotes"},
		{"/governance/questions/national_board/comments", `Table 2, row 4 "Is there a national eHealth governance board in place?", Comments/Experience`},
		{"/governance/questions/national_board/answer", `Table 2, row 4 "Is there a national eHealth governance board in place?", Answer`},
		{"/governance/questions/national_board", `Table 2, row 4 "Is there a national eHealth governance board in place?"`},
		{"/governance/questions/ministry/answer", `Table 2, row 2 "Is there a Ministry or State Secretariat explicitly in charge of eH…", Answer`},
		{"/definitions/terms/mhealth/deviation", `Table 1, row 3 "mHealth", Deviation`},
		{"/definitions/terms/ehealth/definition", `Table 1, row 2 "eHealth", Definition`},
		{"/solutions/cells/treatment/telemonitoring", `Table 5, row 4 "Treatment of Cancer", Telemonitoring via devices`},
		{"/solutions/cells/treatment", `Table 5, row 4 "Treatment of Cancer"`},
		{"/uptake/questions/provider_use/comments", `Table 6, row 6 "How many Health Care Providers use such solutions? Which sector use…", Comments/Experience`},
		{"/governance", "Table 2"},
		{"/governance/questions", "Table 2"},
		{"/governance/further_information/1", "chapter 2, Further information, item 2"},
		{"/wording/solutions.teleconferences", "Table 5, header row, Multi-disciplinary teleconferences (HCP-HPC)"},
		{"/wording/governance.national_board", `Table 2, row 4 "Is there a national eHealth governance board in place?"`},
		{"/country/code", "country code"},
		{"/country", "country"},
		{"/title", "title"},
		{"/rounds/1/date", "review round 2 (review, 2025-10), date"},
		{"/rounds/0/contributors/0/organisation", `review round 1 (prefill, 2023/2024), contributor 1 "Linda Justi", organisation`},
		{"/rounds/0/contributors", "review round 1 (prefill, 2023/2024), contributors"},
		{"/rounds/5", "review round 6"},
		// What the template does not have: the pointer says it best.
		{"/governance/questions/national_board/answr", ""},
		{"/governance/questions/unknwn/answer", ""},
		{"/solutions/cells/treatment/fax", ""},
		{"/on", ""},
		{"/country/nmae", ""},
		{"/footnotes/x", ""},
		{"", ""},
	} {
		t.Run(tc.ptr, func(t *testing.T) {
			if got := f.Place(tc.ptr); got != tc.want {
				t.Errorf("Place(%q) = %q, want %q", tc.ptr, got, tc.want)
			}
		})
	}
}
