// Package template holds the eCAN country factsheet template: its chapters,
// tables, questions, terms and Table 5 areas and solution types, each with a
// short stable ID and its canonical wording.
//
// Stable IDs are the backbone of the product: they key the YAML and JSON forms,
// make diffs between review rounds exact and make JSON pointers readable. The
// template is Go data (not a file parsed at start-up) so that a one-file lint
// stays within its time budget; the JSON Schema in schema/ is generated from it
// (see schemagen.go), so the wording an editor shows on hover is the wording
// the importer matches and the linter compares against.
package template

import (
	"strconv"
	"strings"
)

// Version is the ID of the template the factsheet follows (the `template`
// field). Templates may differ between joint actions; files say which one
// they follow so that a later template can be added beside this one.
const Version = "ecan-plus-2025"

// Kind says how a table is laid out.
type Kind int

const (
	// Terms is Table 1: term, definition, deviation.
	Terms Kind = iota
	// Questions is a question/answer/comments table (Tables 2, 3, 4 and 6).
	Questions
	// Matrix is Table 5: application areas by solution types.
	Matrix
)

// Vocabulary names the answers a question expects.
type Vocabulary int

const (
	// FreeText accepts any non-empty answer (counts, procedures...).
	FreeText Vocabulary = iota
	// YesNo expects Yes, No, N/A or one of the graded yes-forms.
	YesNo
	// Extent expects how many: Several, Some, All, None, N/A.
	Extent
)

// Condition is the answer of another question that a conditional question
// ("If yes ...", "If no ...", "If not ...") depends on.
type Condition int

const (
	// Always means the question is asked unconditionally.
	Always Condition = iota
	// IfYes means the question applies when the parent answer is a yes-form.
	IfYes
	// IfNo means the question applies when the parent answer is No.
	IfNo
)

// Item is one row or column of a table: a term, a question, a Table 5 area or
// a Table 5 solution type.
type Item struct {
	ID      string // short stable ID, unique within its table (e.g. "national_board")
	Wording string // canonical wording from the template
	Help    string // what the item asks for, shown in editors beside the wording (optional)

	// For questions only.
	Vocabulary Vocabulary
	DependsOn  string    // ID (within the same table) of the question this one depends on
	Condition  Condition // the parent answer under which this question applies
}

// Table is one of the six template tables.
type Table struct {
	Number  int    // 1..6
	Section string // the key of the table's section in YAML/JSON ("governance")
	Caption string // caption text between "Table N : " and " - <country>"
	Dash    string // the dash the published caption puts before the country ("-" or "–")
	Kind    Kind
	Header  []string // header row cells as published

	Items []Item // terms or questions (rows); for Matrix: the areas (rows)
	Types []Item // for Matrix: the solution types (columns)
}

// Chapter is one of the five chapters of the factsheet.
type Chapter struct {
	Number  int
	Heading string // as published after "## N "
	Tables  []*Table
}

// Template is a complete factsheet template.
type Template struct {
	Version string
	// TitlePrefix starts every factsheet's title; the country's name in
	// capitals ends it (TitleFor).
	TitlePrefix string
	Chapters    []*Chapter
}

// TitleFor is the title of a country's factsheet: "POLICY MAPPING ON
// eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN AUSTRIA".
func (t *Template) TitleFor(country string) string {
	return t.TitlePrefix + strings.ToUpper(country)
}

var questionHeader = []string{"Question", "Answer", "Comments/Experience"}

// ECANPlus2025 is the template of the eCAN Plus joint action, as followed by
// the published Belgian factsheet (updated October 2025, reviewed February 2026).
var ECANPlus2025 = &Template{
	Version:     Version,
	TitlePrefix: "POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN ",
	Chapters: []*Chapter{
		{Number: 1, Heading: "DEFINITIONS", Tables: []*Table{{
			Number: 1, Section: "definitions", Kind: Terms, Dash: "-",
			Caption: "Deviations in the use of international definitions for eHealth terms",
			Header:  []string{"Term", "Definition", "Deviation"},
			Items: []Item{
				{ID: "ehealth", Wording: "eHealth"},
				{ID: "mhealth", Wording: "mHealth"},
				{ID: "dhealth", Wording: "dHealth"},
				{ID: "telehealth", Wording: "telehealth"},
				{ID: "telemedicine", Wording: "telemedicine"},
				{ID: "teleconsultation", Wording: "teleconsultation"},
				{ID: "health_app", Wording: "health app"},
			},
		}}},
		{Number: 2, Heading: "GOVERNANCE", Tables: []*Table{{
			Number: 2, Section: "governance", Kind: Questions, Dash: "-",
			Caption: "Overview on eHealth governance",
			Header:  questionHeader,
			Items: []Item{
				{ID: "ministry", Vocabulary: YesNo,
					Wording: "Is there a Ministry or State Secretariat explicitly in charge of eHealth/dHealth in place? If so, which Ministry?"},
				{ID: "ministry_unit", Vocabulary: YesNo,
					Wording: "Does the Ministry who oversees health care also have a specific Department or Unit in charge of eHealth/dHealth?"},
				{ID: "national_board", Vocabulary: YesNo,
					Wording: "Is there a national eHealth governance board in place?"},
				{ID: "public_agency", Vocabulary: YesNo,
					Wording: "Is there a public eHealth agency in place? At which level (national, regional)? Which functions does this agency cover?"},
				{ID: "other_institutions", Vocabulary: YesNo, DependsOn: "public_agency", Condition: IfNo,
					Wording: "If no, are there any other public institutions working in the field of eHealth?"},
				{ID: "outpatient_coverage", Vocabulary: YesNo,
					Wording: "Are dHealth / eHealth tools in the outpatient sector publicly paid or covered in your benefits package (e.g. by sickness fund or national health service)? If yes, please describe how."},
				{ID: "inpatient_coverage", Vocabulary: YesNo,
					Wording: "Are dHealth / eHealth tools in the inpatient sector automatically covered in your benefits package or do you need to pay extra (e.g. for telehealth consultations or telereha) compared to standard treatments?"},
				{ID: "cancer_centres", Vocabulary: YesNo,
					Wording: "Are there any comprehensive cancer centres focussing on eHealth or telehealth treatments? If yes, which ones and for which specific fields?"},
			},
		}}},
		{Number: 3, Heading: "STRATEGIES/POLICIES", Tables: []*Table{{
			Number: 3, Section: "strategies", Kind: Questions, Dash: "-",
			Caption: "Overview on strategies and policies for eHealth and cancer care",
			Header:  questionHeader,
			Items: []Item{
				{ID: "national_strategy", Vocabulary: YesNo,
					Wording: "Is there a national eHealth strategy in place?"},
				{ID: "national_strategy_stakeholders", Vocabulary: Extent, DependsOn: "national_strategy", Condition: IfYes,
					Wording: "If yes, which stakeholder groups have been included in drafting the national eHealth strategy?"},
				{ID: "regional_strategies", Vocabulary: YesNo,
					Wording: "Are there regional eHealth strategies? If so, can you indicate whether in all regions or only some? Can you provide some (exemplary) documents ?"},
				{ID: "regional_strategy_stakeholders", Vocabulary: Extent, DependsOn: "regional_strategies", Condition: IfYes,
					Wording: "If yes, which stakeholder groups have been included in drafting such regional strategy/ies?"},
				{ID: "cancer_strategy", Vocabulary: YesNo,
					Wording: "Are there strategy/ies explicitly referring to / including eHealth cancer care?"},
				{ID: "cancer_strategy_discussions", Vocabulary: YesNo, DependsOn: "cancer_strategy", Condition: IfNo,
					Wording: "If not, are there discussions ongoing to develop a national eHealth strategy?"},
				{ID: "national_cancer_plan", Vocabulary: YesNo,
					Wording: "Is there a National Cancer Plan in place?"},
				{ID: "cancer_plan_ehealth", Vocabulary: YesNo, DependsOn: "national_cancer_plan", Condition: IfYes,
					Wording: "If yes, does the National Cancer Plan refer to eHealth?"},
				{ID: "ebcp_update", Vocabulary: YesNo,
					Wording: "In the light of the EU „Beating Cancer Plan” – are there any recent plans to update or modify existing plans? If yes, what is the timeline?"},
				{ID: "indicators", Vocabulary: YesNo,
					Wording: "Are there any indicators in eHealth policy or national programmes on cancer care measuring the progress of the use of eHealth in cancer care?"},
				{ID: "other_initiatives", Vocabulary: YesNo,
					Wording: "Are there any other cancer care specific eHealth initiatives, f.e. by other stakeholders than policy makers / public authorities?"},
			},
		}}},
		{Number: 4, Heading: "LEGISLATION", Tables: []*Table{{
			Number: 4, Section: "legislation", Kind: Questions, Dash: "-",
			Caption: "Overview on eHealth and cancer legislation",
			Header:  questionHeader,
			Items: []Item{
				{ID: "general_framework", Vocabulary: YesNo,
					Wording: "Is there a general legal framework covering eHealth related topics in your country?"},
				{ID: "telemedicine", Vocabulary: YesNo,
					Wording: "Is there specific legislation on the use of telemedicine?"},
				{ID: "cancer_prevention", Vocabulary: YesNo,
					Wording: "Is there specific legislation explicitly referring to cancer prevention?"},
				{ID: "ehealth_cancer_care", Vocabulary: YesNo,
					Wording: "Is there specific legislation explicitly referring to / including eHealth in cancer care?"},
			},
		}}},
		{Number: 5, Heading: "CANCER SPECIFIC eHEALTH SOLUTIONS", Tables: []*Table{
			{
				Number: 5, Section: "solutions", Kind: Matrix, Dash: "–",
				Caption: "Overview on cancer specific eHealth solutions in use",
				Header:  []string{"Area of application/ type of solutions"},
				Items: []Item{
					{ID: "ecosystem", Wording: "Ecosystem"},
					{ID: "prevention", Wording: "Prevention of Cancer"},
					{ID: "treatment", Wording: "Treatment of Cancer"},
					{ID: "living_with_cancer", Wording: "'Living with cancer'"},
					{ID: "rehabilitation", Wording: "Rehabilitation from Cancer"},
					{ID: "palliative_care", Wording: "Palliative Cancer Care"},
				},
				Types: []Item{
					{ID: "login_websites", Wording: "Login Websites"},
					{ID: "apps", Wording: "Apps"},
					{ID: "webinars", Wording: "Webinars"},
					// The published Belgian factsheet prints "(HCP-HPC)": a typo for
					// health care professional to health care professional, as the
					// neighbouring "(HCP-patient)" shows. The template says HCP-HCP.
					{ID: "teleconferences", Wording: "Multi-disciplinary teleconferences (HCP-HCP)"},
					{ID: "teleconsultation", Wording: "Teleconsultation (HCP-patient)"},
					{ID: "telemonitoring", Wording: "Telemonitoring via devices"},
					{ID: "other", Wording: "Other, please specify"},
				},
			},
			{
				Number: 6, Section: "uptake", Kind: Questions, Dash: "–",
				Caption: "Number of eHealth solutions available and in use",
				Header:  questionHeader,
				Items: []Item{
					{ID: "certified_solutions", Vocabulary: FreeText,
						Wording: "How many eHealth solutions (in the sense of medical devices and thus ‘authority approved/certified’) solutions are existing currently in your country in the context of cancer care/treatment?"},
					{ID: "recommended_solutions", Vocabulary: YesNo,
						Wording: "Is there a website or other information on solutions that are recommended to the public for use (e.g. a selection of health apps that are recommended to cancer patients or in general)?"},
					{ID: "public_private_split", Vocabulary: FreeText,
						Wording: "Can you give an estimation on how the split between private and public apps are available? Give an estimate percentage of public solutions."},
					{ID: "reliability", Vocabulary: FreeText,
						Wording: "How can providers and patients assess if the apps are reliable? Is there a certification or quality approval procedure in place? If yes, which kind of procedure?"},
					{ID: "provider_use", Vocabulary: FreeText,
						Wording: "How many Health Care Providers use such solutions? Which sector uses rather which types of solutions?"},
				},
			},
		}},
	},
}

// Default is the template used when a file does not say otherwise.
var Default = ECANPlus2025

// Versions lists the version IDs of the templates the tool knows.
func Versions() []string { return []string{ECANPlus2025.Version} }

// Lookup returns the template with the given version ID.
func Lookup(version string) (*Template, bool) {
	if version == ECANPlus2025.Version {
		return ECANPlus2025, true
	}
	return nil, false
}

// Tables returns every table in document order.
func (t *Template) Tables() []*Table {
	var out []*Table
	for _, c := range t.Chapters {
		out = append(out, c.Tables...)
	}
	return out
}

// Table returns the table whose section key is section.
func (t *Template) Table(section string) *Table {
	for _, c := range t.Chapters {
		for _, tb := range c.Tables {
			if tb.Section == section {
				return tb
			}
		}
	}
	return nil
}

// TableNumber returns the table with the given number (1..6).
func (t *Template) TableNumber(n int) *Table {
	for _, tb := range t.Tables() {
		if tb.Number == n {
			return tb
		}
	}
	return nil
}

// ChapterOf returns the chapter that holds the table.
func (t *Template) ChapterOf(tb *Table) *Chapter {
	for _, c := range t.Chapters {
		for _, x := range c.Tables {
			if x == tb {
				return c
			}
		}
	}
	return nil
}

// Item returns the row item with the given ID.
func (tb *Table) Item(id string) (Item, bool) {
	for _, it := range tb.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Type returns the Table 5 solution type with the given ID.
func (tb *Table) Type(id string) (Item, bool) {
	for _, it := range tb.Types {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ItemsKey is the key under which a section holds its rows in YAML and JSON:
// "terms", "questions" or, for Table 5, "cells".
func (tb *Table) ItemsKey() string {
	switch tb.Kind {
	case Terms:
		return "terms"
	case Matrix:
		return "cells"
	default:
		return "questions"
	}
}

// ItemNoun is what a row is called in messages ("question", "term", "area").
func (tb *Table) ItemNoun() string {
	switch tb.Kind {
	case Terms:
		return "term"
	case Matrix:
		return "area"
	default:
		return "question"
	}
}

// ID is the stable ID of a row item, qualified by its section:
// "governance.national_board". For a Table 5 cell use CellID.
func (tb *Table) ID(item string) string { return tb.Section + "." + item }

// CellID is the stable ID of a Table 5 cell: "solutions.treatment.telemonitoring".
func (tb *Table) CellID(area, typ string) string { return tb.Section + "." + area + "." + typ }

// FullCaption returns the full published caption for a country:
// "Table 2 : Overview on eHealth governance - Belgium".
func (tb *Table) FullCaption(country string) string {
	s := "Table " + strconv.Itoa(tb.Number) + " : " + tb.Caption
	if country != "" {
		s += " " + tb.Dash + " " + country
	}
	return s
}
