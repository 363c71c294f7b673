package identity_test

import (
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/model"
)

func sample() *model.Factsheet {
	return &model.Factsheet{
		Country: model.Country{Code: "BE", Name: "Belgium"},
		Rounds:  []model.Round{{Kind: "update", Date: "2025-10", Contributors: []model.Contributor{{Name: "Victoria  Leclercq"}}}, {Kind: "review", Date: "2026-02"}},
		Sections: map[string]*model.Section{
			"governance": {FurtherInformation: []string{"The **eHealth platform** coordinates [^3] the federal services."}},
		},
		Footnotes: []model.Footnote{
			{Label: "1", Text: "[WHO EMRO - eHealth](#)"},
			{Label: "2", Text: "<https://mhealthbelgium.be/> and [again](HTTPS://MHealthBelgium.be)"},
			{Label: "3", Text: "[b](https://b.example/x) [a](https://a.example/y)"},
		},
	}
}

func TestItem(t *testing.T) {
	f := sample()
	for _, tc := range []struct{ ptr, want string }{
		{"", ""},
		{"/title", "title"},
		{"/country/name", "country.name"},
		{"/governance/questions/national_board", "governance.national_board"},
		{"/governance/questions/national_board/comments", "governance.national_board.comments"},
		{"/solutions/cells/treatment/telemonitoring", "solutions.treatment.telemonitoring"},
		{"/definitions/terms/ehealth/deviation", "definitions.ehealth.deviation"},
		{"/governance/further_information/0", "governance.further_information[the ehealth platform coordinates the federal services.]"},
		{"/governance/further_information/7", "governance.further_information.7"},
		{"/footnotes/0/text", "footnotes[who emro - ehealth]"},
		{"/footnotes/0", "footnotes[who emro - ehealth]"},
		{"/footnotes/1/label", "footnotes[https://mhealthbelgium.be].label"},
		{"/footnotes/2", "footnotes[https://a.example/y https://b.example/x]"},
		{"/footnotes/9", "footnotes.9"},
		{"/rounds/1/date", "rounds[review 2026-02].date"},
		{"/rounds/0/contributors/0/name", "rounds[update 2025-10].contributors[victoria leclercq].name"},
		{"/wording/solutions.teleconferences", "wording[solutions.teleconferences]"},
		{"/wording/a~1b", "wording[a/b]"},
	} {
		if got := identity.Item(f, tc.ptr); got != tc.want {
			t.Errorf("Item(%q) = %q, want %q", tc.ptr, got, tc.want)
		}
	}
	// Without a model, positions name list elements.
	if got := identity.Item(nil, "/footnotes/3/text"); got != "footnotes.3.text" {
		t.Errorf("Item(nil, /footnotes/3/text) = %q", got)
	}
}

func TestCoversAndCites(t *testing.T) {
	for _, tc := range []struct {
		sel, item string
		want      bool
	}{
		{"governance.national_board", "governance.national_board", true},
		{"governance.national_board", "governance.national_board.comments", true},
		{"governance", "governance.further_information[x]", true},
		{"footnotes", "footnotes[https://a]", true},
		{"governance.ministry", "governance.ministry_unit.answer", false},
		{"", "governance.ministry", false},
	} {
		if got := identity.Covers(tc.sel, tc.item); got != tc.want {
			t.Errorf("Covers(%q, %q) = %v", tc.sel, tc.item, got)
		}
	}
	for _, tc := range []struct {
		item, source string
		want         bool
	}{
		{"footnotes[https://a.example/y https://b.example/x]", "https://B.example/x", true},
		{"footnotes[https://mhealthbelgium.be].label", "https://mhealthbelgium.be/", true},
		{"footnotes[who emro - ehealth]", "WHO EMRO -  eHealth", true},
		{"footnotes[who emro - ehealth]", "who emro", false},
		{"governance.national_board", "https://a.example/y", false},
	} {
		if got := identity.CitesSource(tc.item, tc.source); got != tc.want {
			t.Errorf("CitesSource(%q, %q) = %v", tc.item, tc.source, got)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"The Plan  will be\navailable [^12] in *early* 2026.": "the plan will be available in early 2026.",
		"See <sup>4</sup> the \\(plan\\)":                     "see the (plan)",
		"Caf\u0065\u0301\u00a0noir":                           "café noir",
	} {
		if got := identity.Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSubjectAndNumber(t *testing.T) {
	empty := ""
	fs := []finding.Finding{
		{Rule: "document-duplicate-row", Message: "row appears twice (first at line 12)"},
		{Rule: "document-duplicate-row", Message: "row appears twice (first at line 97)"},
		{Rule: "empty-cell", Location: finding.Location{Pointer: "/governance/questions/ministry/answer"}, Subject: &empty, Message: "question has no answer (day 3)"},
	}
	identity.Stamp(sample(), fs)
	if fs[0].Fingerprint != fs[1].Fingerprint {
		t.Errorf("line numbers in a message changed the fingerprint")
	}
	if want := identity.Hash("BE", "governance.ministry.answer", "empty-cell", ""); fs[2].Fingerprint != want {
		t.Errorf("a lint finding's message took part in its fingerprint")
	}
	identity.Number(fs)
	identity.Number(fs) // idempotent
	if fs[1].Fingerprint != fs[0].Fingerprint+":2" {
		t.Errorf("second occurrence %q, want %q", fs[1].Fingerprint, fs[0].Fingerprint+":2")
	}
}
