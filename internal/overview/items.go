package overview

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// ItemKind says what a row of the matrix is.
type ItemKind string

const (
	// Term is a Table 1 term; its value is the deviation.
	Term ItemKind = "term"
	// Question is a question of Tables 2, 3, 4 or 6; its value is the answer.
	Question ItemKind = "question"
	// Cell is a Table 5 cell (area x solution type).
	Cell ItemKind = "cell"
)

// Item is one row of the matrix: a template item every country answers.
type Item struct {
	ID      string // stable ID: governance.national_board, solutions.treatment.telemonitoring
	Kind    ItemKind
	Chapter *template.Chapter
	Table   *template.Table
	// Row is the term, question or Table 5 area; Type the Table 5 solution
	// type (cells only).
	Row, Type template.Item
}

// Label is the item's wording: the term, the question, or for a Table 5
// cell "area × solution type".
func (it Item) Label() string {
	if it.Kind == Cell {
		return it.Row.Wording + " × " + it.Type.Wording
	}
	return it.Row.Wording
}

// Pointer is the JSON pointer of the item's value (answer, deviation or
// cell), where its source position is looked up.
func (it Item) Pointer() string {
	base := "/" + it.Table.Section + "/" + it.Table.ItemsKey() + "/" + it.Row.ID
	switch it.Kind {
	case Term:
		return base + "/deviation"
	case Cell:
		return base + "/" + it.Type.ID
	}
	return base + "/answer"
}

// Items lists every item of the template in template order: chapter by
// chapter, Table 1's terms, the questions of Tables 2, 3, 4 and 6, and
// Table 5's cells area by area, solution type by solution type.
func Items(tpl *template.Template) []Item {
	var out []Item
	for _, ch := range tpl.Chapters {
		for _, tb := range ch.Tables {
			for _, row := range tb.Items {
				switch tb.Kind {
				case template.Terms:
					out = append(out, Item{ID: tb.ID(row.ID), Kind: Term, Chapter: ch, Table: tb, Row: row})
				case template.Questions:
					out = append(out, Item{ID: tb.ID(row.ID), Kind: Question, Chapter: ch, Table: tb, Row: row})
				case template.Matrix:
					for _, typ := range tb.Types {
						out = append(out, Item{ID: tb.CellID(row.ID, typ.ID), Kind: Cell, Chapter: ch, Table: tb, Row: row, Type: typ})
					}
				}
			}
		}
	}
	return out
}

// templateItems are the items of a template, built once per template:
// every file read lists its values by them.
func templateItems(t *template.Template) []Item {
	if v, ok := itemsOf.Load(t); ok {
		return v.([]Item)
	}
	v, _ := itemsOf.LoadOrStore(t, Items(t))
	return v.([]Item)
}

var itemsOf sync.Map // *template.Template -> []Item

// unionItems are the matrix's rows: the items of the files' templates, the
// first file's template in its order, then the items only a later file's
// template has (by stable ID). With one template, that template's items.
// Files that could not be read add nothing; with none, the default
// template's items.
func unionItems(files []*File) []Item {
	var out []Item
	seen := map[string]bool{}
	for _, f := range files {
		for _, it := range f.items {
			if !seen[it.ID] {
				seen[it.ID] = true
				out = append(out, it)
			}
		}
	}
	if out == nil {
		out = templateItems(template.Builtin().Default())
	}
	return out
}

// Select keeps the items that the selectors name, in template order. A
// selector is an item ID (governance.national_board), a table's section
// (governance: every item of Table 2), a Table 5 area (solutions.treatment)
// or a chapter number (3). No selector selects everything. A selector that
// names nothing is an error that lists what exists.
func Select(tpl *template.Template, selectors []string) ([]Item, error) {
	return SelectAcross([]*template.Template{tpl}, selectors)
}

// SelectAcross is Select over the items of several templates (a run whose
// files follow different ones): the first template's items in its order,
// then those only a later one has, by stable ID.
func SelectAcross(tpls []*template.Template, selectors []string) ([]Item, error) {
	tpl := tpls[0]
	var all []Item
	seen := map[string]bool{}
	for _, t := range tpls {
		for _, it := range templateItems(t) {
			if !seen[it.ID] {
				seen[it.ID] = true
				all = append(all, it)
			}
		}
	}
	if len(selectors) == 0 {
		return all, nil
	}
	keep := make([]bool, len(all))
	for _, sel := range selectors {
		s := strings.TrimSpace(sel)
		found := false
		for i, it := range all {
			if it.ID == s || strings.HasPrefix(it.ID, s+".") || fmt.Sprint(it.Chapter.Number) == s {
				keep[i], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("--item %q names no template item; give an item ID (%s), a section (%s) or a chapter number (1-%d)",
				sel, nearest(all, s), strings.Join(sections(tpl), ", "), len(tpl.Chapters))
		}
	}
	var out []Item
	for i, it := range all {
		if keep[i] {
			out = append(out, it)
		}
	}
	return out, nil
}

func sections(tpl *template.Template) []string {
	var out []string
	for _, tb := range tpl.Tables() {
		out = append(out, tb.Section)
	}
	return out
}

// nearest suggests the item ID closest to s (by edit distance), for a
// mistyped --item.
func nearest(all []Item, s string) string {
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	for _, it := range all {
		cs = append(cs, cand{it.ID, validation.Distance(s, it.ID)})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	if len(cs) > 0 && cs[0].d <= len(s)/2+2 {
		return "did you mean " + cs[0].id + "?"
	}
	return "e.g. governance.national_board"
}
