// Package template holds the eCAN country factsheet templates: their
// chapters, tables, questions, terms and matrix areas and solution types,
// each with a short stable ID and its canonical wording.
//
// Stable IDs are the backbone of the product: they key the YAML and JSON forms,
// make diffs between review rounds exact and make JSON pointers readable.
//
// A template is data: its JSON Schema (schema/ecan-plus-2025.schema.json for
// the built-in one, any file a repository adds) is the single source of
// truth. The schema validates a factsheet of the template, and its
// x-factsheet- annotation keywords give the tool the rest: chapter and table
// numbers, captions, column labels, each item's canonical wording, answer
// vocabularies and conditional questions (docs/templates.md). Parse reads
// them; the Registry parses a template the first time a run needs it, so a
// run pays only for the templates it reads (docs/performance.md).
package template

import (
	"strconv"
	"strings"
)

// Kind says how a table is laid out.
type Kind int

const (
	// Terms is a table of terms: term, definition, deviation.
	Terms Kind = iota
	// Questions is a question/answer/comments table.
	Questions
	// Matrix is a table of application areas (rows) by solution types (columns).
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
	// Listed expects one of the answers the template lists for the question
	// (Item.Answers): a repository's template may close a question's
	// vocabulary to its own words.
	Listed
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

// Item is one row or column of a table: a term, a question, a matrix area or
// a matrix solution type.
type Item struct {
	ID      string // short stable ID, unique within its table (e.g. "national_board")
	Wording string // canonical wording from the template
	Help    string // what the item asks for, shown in editors beside the wording (optional)

	// For questions only.
	Vocabulary Vocabulary
	Answers    []string  // for Listed: the answers allowed, as the template writes them
	DependsOn  string    // ID (within the same table) of the question this one depends on
	Condition  Condition // the parent answer under which this question applies
}

// Table is one of the template's tables.
type Table struct {
	Number  int    // as in the caption "Table 2 : ..."
	Section string // the key of the table's section in YAML/JSON ("governance")
	Caption string // caption text between "Table N : " and " - <country>"
	Dash    string // the dash the published caption puts before the country ("-" or "–")
	Kind    Kind
	Header  []string // header row cells as published

	Items []Item // terms or questions (rows); for Matrix: the areas (rows)
	Types []Item // for Matrix: the solution types (columns)
}

// Chapter is one of the chapters of the factsheet.
type Chapter struct {
	Number  int
	Heading string // as published after "## N "
	Tables  []*Table
}

// Template is a complete factsheet template.
type Template struct {
	// Version is the template's name, the value of a factsheet's
	// `template` field ("ecan-plus-2025").
	Version string
	// File names the template's schema in messages: "ecan-plus-2025.schema.json"
	// for a built-in template, the path as configured for a repository's.
	File string
	// URL is the absolute URL its schema is compiled under; relative $refs
	// (defs.schema.json) resolve against it.
	URL string
	// Builtin is true for the templates embedded in the binary.
	Builtin bool
	// Source is the schema file's content, as written.
	Source []byte
	// namePlace is where the schema names the template ("12:16"), for
	// the registry's errors.
	namePlace string
	// ID is the schema's $id, "" when it has none.
	ID string
	// Title and Description are the schema's own, shown by template list.
	Title, Description string
	// TitlePrefix starts every factsheet's title; the country's name in
	// capitals ends it (TitleFor).
	TitlePrefix string
	Chapters    []*Chapter
	// Vocabularies holds the answers of the "yes-no" and "extent"
	// vocabularies, as the template writes them.
	Vocabularies Vocabularies
}

// Vocabularies are the answers of a template's two shared vocabularies
// (x-factsheet-vocabularies): the forms of yes (graded ones too), of no and
// of not applicable that a "yes-no" question takes, and the extents an
// "extent" question takes beside not applicable. The class an answer falls
// in decides its conditional questions ("If yes ..."). Answers are
// compared as lint normalises them: case, punctuation and spacing aside.
type Vocabularies struct {
	Yes, No, NA []string
	Extent      []string
}

// TitleFor is the title of a country's factsheet: "POLICY MAPPING ON
// eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN AUSTRIA".
func (t *Template) TitleFor(country string) string {
	return t.TitlePrefix + strings.ToUpper(country)
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

// TableNumber returns the table with the given number.
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

// Type returns the matrix solution type with the given ID.
func (tb *Table) Type(id string) (Item, bool) {
	for _, it := range tb.Types {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ItemsKey is the key under which a section holds its rows in YAML and JSON:
// "terms", "questions" or, for a matrix, "cells".
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

// Label is how messages name the table: "Table 5".
func (tb *Table) Label() string { return "Table " + strconv.Itoa(tb.Number) }

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
// "governance.national_board". For a matrix cell use CellID.
func (tb *Table) ID(item string) string { return tb.Section + "." + item }

// CellID is the stable ID of a matrix cell: "solutions.treatment.telemonitoring".
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
