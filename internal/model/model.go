// Package model is the typed factsheet: what every form (YAML, JSON, the
// document) reads into and writes from, what lint rules inspect and what the
// diff aligns. Rows are keyed by the template's stable IDs; text is Markdown
// with [^label] footnote references.
//
// FromValue is lenient on purpose: it reads whatever has the expected shape
// and skips the rest, so lint rules still run on a file with schema errors
// (the schema validator reports those).
package model

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// Factsheet is one country's factsheet.
type Factsheet struct {
	Template string
	// Tpl is the template the factsheet was read with (load sets it from
	// the run's registry); nil for a value built another way.
	Tpl          *template.Template
	Country      Country
	Title        string
	Introduction string
	Contact      string
	Rounds       []Round
	Sections     map[string]*Section // keyed by section ("governance"); absent sections are nil
	Footnotes    []Footnote
	// Wording holds labels as written in the source document where they
	// differ from the template's, keyed by stable ID.
	Wording map[string]string
	// Suppressions are the inline suppressions of the file read, in the
	// order of the file (not part of the JSON-shaped value: comments).
	Suppressions []Suppression
}

// Country identifies the country the factsheet maps.
type Country struct {
	Code string // ISO 3166-1 alpha-2
	Name string // English name, as in the table captions
}

// Round kinds.
const (
	Prefill = "prefill"
	Review  = "review"
	Update  = "update"
)

// Round is one review round.
type Round struct {
	Kind         string
	Date         string // partial date: 2026-02-14, 2025-10, 2025 or 2023/2024
	Contributors []Contributor
}

// Contributor is a person who worked on a round.
type Contributor struct {
	Name, Role, Organisation, Country string
}

// Section is the content of one table and its "Further information" items.
type Section struct {
	Terms     map[string]*Term             // Table 1
	Questions map[string]*Question         // Tables 2, 3, 4 and 6
	Cells     map[string]map[string]string // Table 5: area -> solution type -> text
	// HasCells records which Table 5 cells are present (a present cell may
	// be empty text).
	HasCells           map[string]map[string]bool
	FurtherInformation []string
}

// Term is a Table 1 row.
type Term struct {
	Definition, Deviation string
}

// Question is an answered question.
type Question struct {
	Answer   string
	Comments string
}

// Footnote is a cited source.
type Footnote struct {
	Label string
	Text  string
}

// Pointers of the parts of a factsheet. They are the JSON pointers of the
// YAML and JSON forms, and every form's source map uses them.
func SectionPtr(section string) string { return "/" + section }

// ItemPtr is the pointer of a term, question or Table 5 area.
func ItemPtr(tb *template.Table, id string) string {
	return "/" + tb.Section + "/" + tb.ItemsKey() + "/" + id
}

// CellPtr is the pointer of a Table 5 cell.
func CellPtr(tb *template.Table, area, typ string) string {
	return ItemPtr(tb, area) + "/" + typ
}

// FurtherPtr is the pointer of a "Further information" item.
func FurtherPtr(section string, i int) string {
	return "/" + section + "/further_information/" + strconv.Itoa(i)
}

// RoundPtr is the pointer of a review round.
func RoundPtr(i int) string { return "/rounds/" + strconv.Itoa(i) }

// FootnotePtr is the pointer of a footnote.
func FootnotePtr(i int) string { return "/footnotes/" + strconv.Itoa(i) }

// WordingPtr is the pointer of a wording entry.
func WordingPtr(id string) string { return "/wording/" + source.Escape(id) }

// FromValueOf reads a JSON-shaped value into a factsheet of template tpl
// (nil: the built-in template it names). The template decides which keys
// are its sections: read with another template, a repository template's
// section of its own would be dropped.
func FromValueOf(v any, tpl *template.Template) *Factsheet {
	root, _ := v.(map[string]any)
	f := &Factsheet{
		Tpl:          tpl,
		Template:     str(root["template"]),
		Title:        str(root["title"]),
		Introduction: str(root["introduction"]),
		Contact:      str(root["contact"]),
		Sections:     map[string]*Section{},
	}
	if c, ok := root["country"].(map[string]any); ok {
		f.Country = Country{Code: str(c["code"]), Name: str(c["name"])}
	}
	for _, r := range list(root["rounds"]) {
		rm, _ := r.(map[string]any)
		round := Round{Kind: str(rm["kind"]), Date: str(rm["date"])}
		for _, c := range list(rm["contributors"]) {
			cm, _ := c.(map[string]any)
			round.Contributors = append(round.Contributors, Contributor{
				Name: str(cm["name"]), Role: str(cm["role"]),
				Organisation: str(cm["organisation"]), Country: str(cm["country"]),
			})
		}
		f.Rounds = append(f.Rounds, round)
	}
	tpl = f.TemplateOrDefault()
	for _, tb := range tpl.Tables() {
		sm, ok := root[tb.Section].(map[string]any)
		if !ok {
			continue
		}
		f.Sections[tb.Section] = sectionFromValue(tb, sm)
	}
	for _, x := range list(root["footnotes"]) {
		fm, _ := x.(map[string]any)
		f.Footnotes = append(f.Footnotes, Footnote{Label: label(fm["label"]), Text: str(fm["text"])})
	}
	if w, ok := root["wording"].(map[string]any); ok {
		f.Wording = map[string]string{}
		for k, x := range w {
			if s, ok := x.(string); ok {
				f.Wording[k] = s
			}
		}
	}
	return f
}

func sectionFromValue(tb *template.Table, sm map[string]any) *Section {
	s := &Section{}
	for _, x := range list(sm["further_information"]) {
		if t, ok := x.(string); ok {
			s.FurtherInformation = append(s.FurtherInformation, t)
		}
	}
	items, _ := sm[tb.ItemsKey()].(map[string]any)
	switch tb.Kind {
	case template.Terms:
		s.Terms = map[string]*Term{}
		for id, x := range items {
			if m, ok := x.(map[string]any); ok {
				s.Terms[id] = &Term{Definition: str(m["definition"]), Deviation: str(m["deviation"])}
			}
		}
	case template.Questions:
		s.Questions = map[string]*Question{}
		for id, x := range items {
			if m, ok := x.(map[string]any); ok {
				s.Questions[id] = &Question{Answer: str(m["answer"]), Comments: str(m["comments"])}
			}
		}
	case template.Matrix:
		s.Cells = map[string]map[string]string{}
		s.HasCells = map[string]map[string]bool{}
		for area, x := range items {
			m, ok := x.(map[string]any)
			if !ok {
				continue
			}
			s.Cells[area] = map[string]string{}
			s.HasCells[area] = map[string]bool{}
			for typ, y := range m {
				if t, ok := y.(string); ok {
					s.Cells[area][typ] = t
					s.HasCells[area][typ] = true
				}
			}
		}
	}
	return s
}

// TemplateOrDefault returns the template the factsheet was read with, or
// else the built-in one it names, or the default template when it names
// none or an unknown one (validation reports that).
func (f *Factsheet) TemplateOrDefault() *template.Template {
	if f.Tpl != nil {
		return f.Tpl
	}
	reg := template.Builtin()
	if t, ok := reg.Lookup(f.Template); ok {
		return t
	}
	return reg.Default()
}

// Section returns the named section, or an empty one.
func (f *Factsheet) Section(name string) *Section {
	if s := f.Sections[name]; s != nil {
		return s
	}
	return &Section{}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func label(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	return ""
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// Blank is a factsheet of the template with nothing filled in but the
// country and the title: every term, question and Table 5 cell present
// and empty, no review round, no footnote (factsheet new). It is what a
// person pre-filling a factsheet starts from; lint reports it incomplete.
func Blank(tpl *template.Template, country Country) *Factsheet {
	f := &Factsheet{
		Template: tpl.Version,
		Tpl:      tpl,
		Country:  country,
		Title:    tpl.TitleFor(country.Name),
		Sections: map[string]*Section{},
	}
	for _, tb := range tpl.Tables() {
		s := &Section{}
		switch tb.Kind {
		case template.Terms:
			s.Terms = map[string]*Term{}
			for _, it := range tb.Items {
				s.Terms[it.ID] = &Term{}
			}
		case template.Questions:
			s.Questions = map[string]*Question{}
			for _, it := range tb.Items {
				s.Questions[it.ID] = &Question{}
			}
		case template.Matrix:
			s.Cells = map[string]map[string]string{}
			s.HasCells = map[string]map[string]bool{}
			for _, area := range tb.Items {
				s.Cells[area.ID] = map[string]string{}
				s.HasCells[area.ID] = map[string]bool{}
				for _, typ := range tb.Types {
					s.Cells[area.ID][typ.ID] = ""
					s.HasCells[area.ID][typ.ID] = true
				}
			}
		}
		f.Sections[tb.Section] = s
	}
	return f
}

// Suppression is an inline suppression written in the factsheet itself: a
// YAML comment "# factsheet-ignore RULE[,RULE] -- reason" on the line of a
// value or the line above it, or in the document an HTML comment
// "<!-- factsheet-ignore RULE -- reason -->" before a row, a footnote or
// another item. The findings of its rules at Pointer, and under it, are not
// reported. The YAML and document forms read and write suppressions; JSON
// and Word have no comments to hold them (waivers in .factsheet.yaml are
// the way there).
type Suppression struct {
	Pointer string   // the value it is on; meaningless when Detached
	Rules   []string // as written, in order
	Reason  string   // "" when none was given (which is itself a finding)
	// Detached is true for a suppression on or above no value a reader
	// keeps (a comment at the end of a file, before a line the document
	// importer ignores): it applies to nothing, and is reported.
	Detached bool
	// Line and Col are where the comment is in the file it was read from
	// (zero for a suppression made otherwise).
	Line, Col int
}

// WithoutSuppressions is the factsheet without its inline suppressions,
// for the forms that have no comments to hold them (Word). The factsheet
// itself is not changed.
func (f *Factsheet) WithoutSuppressions() *Factsheet {
	g := *f
	g.Suppressions = nil
	return &g
}

// IgnoreDirective is the word that starts a suppression comment.
const IgnoreDirective = "factsheet-ignore"

// ParseSuppression reads a comment's text (without "#" or "<!--" and
// "-->") as a suppression: "factsheet-ignore RULE[, RULE...] [-- reason]".
// ok is false when the comment is not a suppression at all.
func ParseSuppression(comment string) (s Suppression, ok bool) {
	t := strings.TrimSpace(comment)
	rest, ok := strings.CutPrefix(t, IgnoreDirective)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ':' {
		return Suppression{}, false
	}
	rest = strings.TrimPrefix(rest, ":")
	rules, reason := rest, ""
	if i, n := ReasonSeparator(rest); i >= 0 {
		rules, reason = rest[:i], rest[i+n:]
	}
	s.Rules = strings.FieldsFunc(rules, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' })
	s.Reason = strings.Join(strings.Fields(reason), " ")
	return s, true
}

// ReasonSeparator finds what parts a suppression's rules from its reason:
// "--", or an em or en dash, which word processors and some keyboards type
// for it (a rule ID has hyphens, never those). It returns the separator's
// offset and length, or -1.
func ReasonSeparator(s string) (at, size int) {
	at = -1
	for _, sep := range []string{"--", "\u2014", "\u2013"} {
		if i := strings.Index(s, sep); i >= 0 && (at < 0 || i < at) {
			at, size = i, len(sep)
		}
	}
	return at, size
}

// Directive is the suppression as the text of a comment (without the
// comment's markers), as ParseSuppression reads it.
func (s Suppression) Directive() string {
	d := IgnoreDirective + " " + strings.Join(s.Rules, ",")
	if s.Reason != "" {
		d += " -- " + s.Reason
	}
	return d
}
