// Package overview puts every country's factsheet side by side: a matrix of
// template items by country (each cell the answer as written, its
// normalised category, its comment, its sources and where it comes from), a
// status per country (template, latest review and its age, completeness,
// findings) and by-topic text (every country's answer to one question, with
// the footnotes renumbered for the output). Rows are aligned by the
// template's stable IDs, so countries written in different forms (YAML,
// JSON, the document, Word) line up exactly.
//
// Extract keeps what the overview needs of one file as it is read (so a
// batch never holds every parsed file at once), Build chooses the columns
// (the latest round of each country, or every round) and reports files
// that cannot be placed, and one writer per format renders the result:
// WriteXLSX, WriteCSV, WriteHTML, WriteMarkdown, WriteJSON. Every writer is
// deterministic: the same files give the same bytes.
package overview

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/template"
)

// RulePastDue is the lint rule whose findings the status counts as
// past-due statements.
const RulePastDue = "date-past-due"

// Position is where a value is written: a line and column of a text file,
// or a place in a Word document (Line 0).
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Place  string `json:"place,omitempty"`
}

// String is "BE.yaml:112", `BE.docx: Table 2, row 4 "...", Answer` or the
// file alone.
func (p Position) String() string {
	switch {
	case p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	case p.Place != "":
		return p.File + ": " + p.Place
	}
	return p.File
}

// Where is the position without the file: "112", or the Word place.
func (p Position) Where() string {
	if p.Line > 0 {
		return strconv.Itoa(p.Line)
	}
	return p.Place
}

// Value is one country's value for one item.
type Value struct {
	Present  bool     // the factsheet has the item (it may be empty)
	Answer   string   // the answer, deviation or cell as written (Markdown)
	Comment  string   // the comments (questions only; Markdown)
	Category Category // Answer normalised
	Sources  []Source // footnotes cited by the answer and the comment, in order
	Pos      Position // where the answer is written
}

// Round is a review round as the factsheet writes it.
type Round struct {
	Kind string `json:"kind"`
	Date string `json:"date"`
	end  dates.Date
	from dates.Date
}

// String is "review 2026-02".
func (r *Round) String() string {
	if r == nil {
		return ""
	}
	return strings.TrimSpace(r.Kind + " " + r.Date)
}

// Review is the latest review round of a factsheet and its age.
type Review struct {
	Date    string `json:"date"`
	AgeDays int    `json:"age_days"`
	Age     string `json:"age"` // in words: "about 9 months"
}

// State says what the overview did with a file.
type State string

const (
	// Included files are columns of the matrix.
	Included State = "included"
	// Superseded files are older rounds of a country whose latest round is
	// shown (without --rounds all).
	Superseded State = "superseded"
	// Excluded files cannot be read or fail the schema: they are listed
	// with their errors and kept out of the matrix.
	Excluded State = "excluded"
	// Duplicate files claim the same country and round as an earlier file.
	Duplicate State = "duplicate"
)

// Problem is an error finding of a file, as the status lists it.
type Problem struct {
	Rule    string   `json:"rule"`
	Message string   `json:"message"`
	Pos     Position `json:"position"`
}

// File is what the overview keeps of one file read.
type File struct {
	Name       string
	Form       string // yaml, json, md, docx
	Code       string // ISO 3166-1 alpha-2
	Country    string // the country's name as the factsheet writes it
	Template   string
	Round      *Round // the latest round; nil when the file has none
	LastReview *Review
	Answered   int // items with an answer (any category but Empty)
	Total      int // template items
	Counts     finding.Counts
	PastDue    int
	Errors     []Problem // every error finding, in output order
	State      State
	Note       string // why the file is not in the matrix, or what else claims its column
	Other      string // the file it duplicates or that supersedes it

	values   map[string]*Value
	items    []Item // the items of the file's template
	rank     int    // the order of the file among the inputs
	rounds   int
	hasRound bool
}

// Value returns the file's value for an item (an Empty value when the
// factsheet lacks the item).
func (f *File) Value(id string) *Value {
	if v := f.values[id]; v != nil {
		return v
	}
	return &Value{Category: Empty, Pos: Position{File: f.Name}}
}

// Completeness is the share of template items answered, in percent
// (rounded down, so 100 means every item).
func (f *File) Completeness() int {
	if f.Total == 0 {
		return 0
	}
	return f.Answered * 100 / f.Total
}

var codePattern = regexp.MustCompile(`^[A-Z]{2}$`)

// excluding reports whether an error finding means the file's content may
// be misread: an input, schema or document-layout error, or a Word
// document that cannot be read. Template and lint findings (a missing
// question, a malformed link) are counted, and the file stays in.
func excluding(f finding.Finding) bool {
	if f.Severity != finding.Error {
		return false
	}
	for _, p := range []string{"input-", "schema-", "document-", "docx-unreadable"} {
		if strings.HasPrefix(f.Rule, p) {
			return true
		}
	}
	return false
}

// Extract keeps what the overview needs of a file read (res) with the
// findings to report for it (read and lint findings, filtered by the
// configuration), judging ages against today.
func Extract(res *load.Result, findings []finding.Finding, today dates.Date) *File {
	f := &File{Name: res.Name, Form: res.Form.String()}
	if res.Form == load.Auto {
		f.Form = ""
	}
	reading := 0
	for _, fd := range findings {
		f.Counts.Add(fd)
		if fd.Rule == RulePastDue {
			f.PastDue++
		}
		if fd.Severity == finding.Error {
			f.Errors = append(f.Errors, Problem{Rule: fd.Rule, Message: fd.Message,
				Pos: Position{File: fd.File, Line: fd.Line, Column: fd.Column, Place: fd.Place}})
		}
		if excluding(fd) {
			reading++
		}
	}
	m := res.Model
	if m == nil {
		f.State, f.Note = Excluded, "cannot be read as a factsheet"
		return f
	}
	f.Code, f.Country, f.Template = m.Country.Code, m.Country.Name, m.Template
	f.rounds = len(m.Rounds)
	f.Round, f.LastReview = rounds(m.Rounds, today)
	f.hasRound = f.Round != nil
	switch {
	case reading > 0:
		f.State, f.Note = Excluded, "kept out of the matrix: "+plural(reading, "reading or schema error")
		return f
	case !codePattern.MatchString(f.Code):
		f.State, f.Note = Excluded, "kept out of the matrix: no ISO country code (country.code)"
		return f
	}
	f.items = templateItems(m.TemplateOrDefault())
	f.values = values(res, m, f.items)
	items := f.items
	f.Total = len(items)
	for _, it := range items {
		if f.Value(it.ID).Category != Empty {
			f.Answered++
		}
	}
	return f
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

var kindRank = map[string]int{model.Prefill: 0, model.Update: 1, model.Review: 2}

// rounds finds the latest round (by its last possible day; a later round
// in the list wins a tie) and the latest review with its age.
func rounds(rs []model.Round, today dates.Date) (*Round, *Review) {
	var latest *Round
	var review *Round
	for _, r := range rs {
		cur := &Round{Kind: r.Kind, Date: r.Date}
		if e, ok := dates.Parse(r.Date); ok {
			cur.from, cur.end = e.From, e.To
		}
		if latest == nil || !cur.end.Before(latest.end) {
			latest = cur
		}
		if r.Kind == model.Review && cur.end != (dates.Date{}) && (review == nil || !cur.end.Before(review.end)) {
			review = cur
		}
	}
	if review == nil {
		return latest, nil
	}
	return latest, &Review{Date: review.Date, AgeDays: dates.DaysBetween(review.end, today), Age: dates.Elapsed(review.end, today)}
}

// values reads every template item of a factsheet, with its position.
func values(res *load.Result, m *model.Factsheet, items []Item) map[string]*Value {
	notes := make(map[string]model.Footnote, len(m.Footnotes))
	for _, fn := range m.Footnotes {
		if _, dup := notes[fn.Label]; !dup {
			notes[fn.Label] = fn
		}
	}
	out := make(map[string]*Value, len(items))
	locs := make([]finding.Finding, len(items))
	category := categorizer(m.TemplateOrDefault().Vocabularies)
	for i, it := range items {
		v := &Value{}
		s := m.Sections[it.Table.Section]
		if s != nil {
			switch it.Kind {
			case Term:
				if t := s.Terms[it.Row.ID]; t != nil {
					v.Present, v.Answer = true, t.Deviation
				}
			case Question:
				if q := s.Questions[it.Row.ID]; q != nil {
					v.Present, v.Answer, v.Comment = true, q.Answer, q.Comments
				}
			case Cell:
				if s.HasCells[it.Row.ID][it.Type.ID] {
					v.Present, v.Answer = true, s.Cells[it.Row.ID][it.Type.ID]
				}
			}
		}
		v.Category = category(v.Answer)
		v.Sources = cited(notes, v.Answer, v.Comment)
		line, col := res.Map.At(it.Pointer(), false)
		locs[i] = finding.Finding{Location: finding.Location{File: res.Name, Line: line, Column: col}}
		out[it.ID] = v
	}
	// A Word document's positions are told in Word's terms (table, row,
	// column), as its findings are.
	locs = res.Relocate(locs)
	for i, it := range items {
		l := locs[i].Location
		out[it.ID].Pos = Position{File: l.File, Line: l.Line, Column: l.Column, Place: l.Place}
	}
	return out
}

// cited lists the footnotes the texts reference, each once, in order of
// first reference.
func cited(notes map[string]model.Footnote, texts ...string) []Source {
	var out []Source
	seen := map[string]bool{}
	for _, t := range texts {
		for _, r := range richtext.Refs(t) {
			if seen[r.Label] {
				continue
			}
			seen[r.Label] = true
			fn, ok := notes[r.Label]
			if !ok {
				out = append(out, Source{Label: r.Label, Title: "footnote " + r.Label + " is not defined in the factsheet", URLs: []string{}, Missing: true})
				continue
			}
			out = append(out, sourceOf(fn))
		}
	}
	return out
}

// Options choose what an overview shows.
type Options struct {
	Today dates.Date
	// AllRounds gives one column per (country, round) instead of each
	// country's latest round.
	AllRounds bool
	// Items are the rows (see Select); nil means every template item.
	Items []Item
	// Selected says the items were chosen (--item): the HTML and JSON
	// outputs then add the by-topic text.
	Selected bool
	// Title heads every output; DefaultTitle when empty.
	Title string
}

// DefaultTitle is the title of an overview that is not given one.
const DefaultTitle = "Overview of eCAN country factsheets"

// Column is one column of the matrix: a country, or a (country, round).
type Column struct {
	File *File
}

// Code is the country's ISO code.
func (c *Column) Code() string { return c.File.Code }

// Header is "BE Belgium".
func (c *Column) Header() string { return strings.TrimSpace(c.File.Code + " " + c.File.Country) }

// Overview is the built overview.
type Overview struct {
	Today     dates.Date
	AllRounds bool
	Files     []*File // every file read, in input order
	Columns   []*Column
	Items     []Item
	Selected  bool
	Title     string
}

// Build places the files: duplicates of a (country, round) are reported
// (the first file in input order keeps the column), and without AllRounds
// each country shows its latest round. files are in input order.
func Build(files []*File, opts Options) *Overview {
	ov := &Overview{Today: opts.Today, AllRounds: opts.AllRounds, Files: files, Items: opts.Items, Selected: opts.Selected, Title: opts.Title}
	if strings.TrimSpace(ov.Title) == "" {
		ov.Title = DefaultTitle
	}
	if ov.Items == nil {
		ov.Items = unionItems(files)
	}
	first := map[string]*File{}
	var candidates []*File
	for i, f := range files {
		f.rank = i
		if f.State == Excluded {
			continue
		}
		f.State = Included
		key := f.Code + "\x00" + f.Round.String()
		if prev, ok := first[key]; ok {
			f.State, f.Other = Duplicate, prev.Name
			same := "its content differs"
			if sameContent(prev, f) {
				same = "the same content"
			}
			round := f.Round.String()
			if round == "" {
				round = "no review round"
			}
			f.Note = "claims the same country and round (" + f.Code + ", " + round + ") as " + prev.Name + " (" + same + "); not in the matrix"
			if prev.Note == "" {
				prev.Note = "also claimed by " + f.Name
			} else {
				prev.Note += ", " + f.Name
			}
			continue
		}
		first[key] = f
		candidates = append(candidates, f)
	}
	if !opts.AllRounds {
		latest := map[string]*File{}
		for _, f := range candidates {
			if l, ok := latest[f.Code]; !ok || compareRounds(f, l) > 0 {
				latest[f.Code] = f
			}
		}
		var kept []*File
		for _, f := range candidates {
			if l := latest[f.Code]; l != f {
				f.State, f.Other = Superseded, l.Name
				f.Note = "an older round; the matrix shows " + l.Name + " (" + l.Round.String() + ")"
				continue
			}
			kept = append(kept, f)
		}
		candidates = kept
	}
	slices.SortStableFunc(candidates, func(a, b *File) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), compareRounds(a, b), cmp.Compare(a.rank, b.rank))
	})
	for _, f := range candidates {
		ov.Columns = append(ov.Columns, &Column{File: f})
	}
	return ov
}

// compareRounds orders files of one country by their latest round: by its
// last possible day, then its first, then kind (a review after the update
// of the same month), then the number of rounds.
func compareRounds(a, b *File) int {
	if a.hasRound != b.hasRound {
		if a.hasRound {
			return 1
		}
		return -1
	}
	if !a.hasRound {
		return 0
	}
	return cmp.Or(a.Round.end.Compare(b.Round.end), a.Round.from.Compare(b.Round.from),
		cmp.Compare(kindRank[a.Round.Kind], kindRank[b.Round.Kind]), cmp.Compare(a.rounds, b.rounds))
}

// sameContent reports whether two files have the same answers, comments
// and sources for every item.
func sameContent(a, b *File) bool {
	for _, it := range unionItems([]*File{a, b}) {
		va, vb := a.Value(it.ID), b.Value(it.ID)
		if va.Answer != vb.Answer || va.Comment != vb.Comment || va.Present != vb.Present || len(va.Sources) != len(vb.Sources) {
			return false
		}
		for i := range va.Sources {
			if va.Sources[i].Text != vb.Sources[i].Text {
				return false
			}
		}
	}
	return true
}

// Value is the value of item i in column j.
func (ov *Overview) Value(i, j int) *Value {
	return ov.Columns[j].File.Value(ov.Items[i].ID)
}

// Problems counts the files that are not where they were meant to be:
// excluded (unreadable, schema errors) and duplicates. The command exits 1
// when there are any.
func (ov *Overview) Problems() int {
	n := 0
	for _, f := range ov.Files {
		if f.State == Excluded || f.State == Duplicate {
			n++
		}
	}
	return n
}

// Others lists the files that are not columns, in input order.
func (ov *Overview) Others() []*File {
	var out []*File
	for _, f := range ov.Files {
		if f.State != Included {
			out = append(out, f)
		}
	}
	return out
}

// Group is a run of consecutive items of one table, for headings.
type Group struct {
	Chapter *template.Chapter
	Table   *template.Table
	Start   int // index of the first item in ov.Items
	End     int // one past the last
}

// Title is "2 GOVERNANCE · Table 2: Overview on eHealth governance".
func (g Group) Title() string {
	return strconv.Itoa(g.Chapter.Number) + " " + g.Chapter.Heading + " · Table " + strconv.Itoa(g.Table.Number) + ": " + g.Table.Caption
}

// Groups splits the items into their tables, in order.
func (ov *Overview) Groups() []Group {
	var out []Group
	for i, it := range ov.Items {
		if len(out) == 0 || out[len(out)-1].Table != it.Table {
			out = append(out, Group{Chapter: it.Chapter, Table: it.Table, Start: i, End: i})
		}
		out[len(out)-1].End = i + 1
	}
	return out
}
