// Package diff compares two versions of a factsheet - typically two review
// rounds - and says what changed, by meaning rather than by position:
// questions, terms and Table 5 cells are aligned by their stable IDs, review
// rounds by (kind, date), contributors by name within a round, and
// footnotes by their content (the addresses they cite, then their text),
// never by number. A footnote that only moved to another number is one
// note ("footnotes 3-28 renumbered to 4-29"), and a comment whose [^N]
// now points at the renumbered footnote is unchanged: texts are compared
// with every footnote reference replaced by the footnote it cites.
//
// Texts are compared in canonical form (richtext.CanonicalMarkdown: Unicode
// NFC, every Unicode space an ASCII space, no backslash escapes that change
// nothing): a file saved by another editor or converter, with "é"
// decomposed, no-break spaces instead of spaces or "\(" for "(", says the
// same thing. Such texts are counted in one note, never reported as
// changes.
//
// Compare works on the typed model, so the two versions may be in
// different forms (an old document against a new YAML file). The renderers
// in this package (text, Markdown, HTML, JSON) write a Result.
package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/template"
)

// Kind is what happened to a part of the factsheet.
type Kind string

// The kinds of change.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Group keys: the parts of the factsheet the summary counts by. Chapters
// are "chapter-1" ... "chapter-5".
const (
	GroupDocument  = "document"
	GroupRounds    = "rounds"
	GroupFootnotes = "footnotes"
)

// Change is one difference.
//
// Path is the stable location: the item's ID parts followed by the field
// (["governance", "national_board", "answer"]); ID is the item's stable ID
// ("governance.national_board"), Field the field within it ("answer";
// empty for single-valued items such as Table 5 cells). Old and New are
// strings for fields and Table 5 cells, or one of the *Value types for
// whole items added or removed (and footnotes); Old is nil for Added, New
// for Removed.
type Change struct {
	Kind    Kind
	Group   string // GroupDocument, GroupRounds, "chapter-N", GroupFootnotes
	Chapter int    // 1..5 for chapter content, 0 otherwise
	Path    []string
	ID      string
	Field   string
	Old     any
	New     any
	// Label names the item for a reader: the template's wording of a
	// question or term, "Treatment of Cancer / Telemonitoring via devices"
	// for a Table 5 cell.
	Label string
	// Words is the word-level diff of a changed text (nil otherwise).
	Words []Op
	// CitedIn lists where an added (or removed) footnote is referenced in
	// the new (old) version, as dotted paths ("definitions.mhealth.deviation").
	CitedIn []string
}

// IsAnswer reports whether the change is a changed answer to a question,
// what coordinators look at first.
func (c *Change) IsAnswer() bool { return c.Kind == Changed && c.Field == "answer" }

// QuestionValue is a question added or removed.
type QuestionValue struct {
	Answer   string `json:"answer"`
	Comments string `json:"comments,omitempty"`
}

// TermValue is a Table 1 term added or removed.
type TermValue struct {
	Definition string `json:"definition"`
	Deviation  string `json:"deviation,omitempty"`
}

// RoundValue is a review round added or removed.
type RoundValue struct {
	Kind         string             `json:"kind"`
	Date         string             `json:"date"`
	Contributors []ContributorValue `json:"contributors,omitempty"`
}

// ContributorValue is a contributor added to or removed from a round.
type ContributorValue struct {
	Name         string `json:"name"`
	Role         string `json:"role,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Country      string `json:"country,omitempty"`
}

// FootnoteValue is a footnote: added, removed, or both sides of a change.
type FootnoteValue struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Renumbering is a run of footnotes that moved to other numbers without
// changing: footnotes OldFirst..OldLast are now NewFirst..NewLast.
type Renumbering struct {
	OldFirst, OldLast string
	NewFirst, NewLast string
	Count             int
	Note              string // "footnotes 3-28 renumbered to 4-29"
}

// String is the note a reader sees.
func (r Renumbering) String() string {
	if r.Count == 1 {
		return "footnote " + r.OldFirst + " renumbered to " + r.NewFirst
	}
	return "footnotes " + r.OldFirst + "-" + r.OldLast + " renumbered to " + r.NewFirst + "-" + r.NewLast
}

// Counts counts changes by kind.
type Counts struct {
	Added, Removed, Changed int
}

// Total is the number of changes.
func (c Counts) Total() int { return c.Added + c.Removed + c.Changed }

func (c *Counts) add(k Kind) {
	switch k {
	case Added:
		c.Added++
	case Removed:
		c.Removed++
	default:
		c.Changed++
	}
}

// GroupSummary counts the changes in one part of the factsheet.
type GroupSummary struct {
	Key     string // GroupDocument, GroupRounds, "chapter-N", GroupFootnotes
	Title   string // "Review rounds", "2 GOVERNANCE"
	Chapter int
	Counts
	Answers int // answers changed
}

// Summary counts the changes, in total and per part (every part of the
// factsheet, in document order, also those without changes).
type Summary struct {
	Counts
	Answers int
	Groups  []GroupSummary
}

// Result is the difference between two versions.
type Result struct {
	Old, New   string // file names, as given
	Summary    Summary
	Renumbered []Renumbering
	// Respelled counts the texts that read the same but are written
	// differently: Unicode normalisation (a decomposed "é"), the kind of
	// space (a no-break space for a space), Markdown escapes ("\(" for
	// "("). They are not changes; renderers say so in one note.
	Respelled int
	// Templates is set when the two versions follow different templates.
	Templates *TemplateChange
	Changes   []Change // in document (template) order
	// OldSide and NewSide describe the two versions for the reports'
	// headers.
	OldSide, NewSide Side
}

// Side describes one version of the factsheet.
type Side struct {
	Country string // the country's name
	// Round is the latest round, as "review round 2026-02"; "" when the
	// version has none.
	Round string
	// Footnotes are the footnotes' texts by label, as the version numbers
	// them (the HTML report shows each on hover over its reference).
	Footnotes map[string]string
}

func sideOf(f *model.Factsheet) Side {
	s := Side{Country: f.Country.Name, Footnotes: map[string]string{}}
	if n := len(f.Rounds); n > 0 {
		s.Round = roundLabel(f.Rounds[n-1].Kind, f.Rounds[n-1].Date)
	}
	for _, fn := range f.Footnotes {
		if _, dup := s.Footnotes[fn.Label]; !dup {
			s.Footnotes[fn.Label] = fn.Text
		}
	}
	return s
}

// TemplateChange says that the versions follow different templates: the
// items both templates have are compared by stable ID; those only one has
// are listed here, not reported as added or removed.
type TemplateChange struct {
	Old, New         string
	OnlyOld, OnlyNew []string // stable IDs, in template order
}

// TemplateNote is the note a reader sees for r.Templates, or "".
func (r *Result) TemplateNote() string {
	t := r.Templates
	if t == nil {
		return ""
	}
	s := "the template changed from " + t.Old + " to " + t.New + ": the items both have are compared"
	if len(t.OnlyOld) > 0 {
		s += "; only in " + t.Old + ": " + strings.Join(t.OnlyOld, ", ")
	}
	if len(t.OnlyNew) > 0 {
		s += "; only in " + t.New + ": " + strings.Join(t.OnlyNew, ", ")
	}
	return s
}

// RespelledNote is the note a reader sees for r.Respelled, or "".
func (r *Result) RespelledNote() string {
	switch r.Respelled {
	case 0:
		return ""
	case 1:
		return "1 text reads the same but is written differently (Unicode normalisation, no-break or other spaces, Markdown escapes)"
	}
	return strconv.Itoa(r.Respelled) + " texts read the same but are written differently (Unicode normalisation, no-break or other spaces, Markdown escapes)"
}

// Empty reports whether the two versions say the same thing. Renumbered
// footnotes alone are not a difference.
func (r *Result) Empty() bool { return len(r.Changes) == 0 }

// Answers returns the changed answers.
func (r *Result) Answers() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.IsAnswer() {
			out = append(out, c)
		}
	}
	return out
}

// Compare returns what changed from old to new.
func Compare(old, new *model.Factsheet) *Result {
	d := &differ{old: old, new: new, tpl: new.TemplateOrDefault()}
	tc := d.templates(old.TemplateOrDefault())
	d.fn = matchFootnotes(old.Footnotes, new.Footnotes)
	d.document()
	d.rounds()
	for _, tb := range d.tpl.Tables() {
		d.table(tb)
	}
	d.wording("", GroupDocument, 0)
	d.footnotes()
	r := &Result{Changes: d.out, Renumbered: d.fn.renumbered(), Respelled: d.respelled, Templates: tc, OldSide: sideOf(old), NewSide: sideOf(new)}
	r.Summary = summarise(d.tpl, d.out)
	return r
}

// groups returns the summary groups of a template, in document order.
func groups(tpl *template.Template) []GroupSummary {
	out := []GroupSummary{
		{Key: GroupDocument, Title: "Document"},
		{Key: GroupRounds, Title: "Review rounds"},
	}
	for _, c := range tpl.Chapters {
		out = append(out, GroupSummary{Key: chapterKey(c.Number), Title: strconv.Itoa(c.Number) + " " + c.Heading, Chapter: c.Number})
	}
	return append(out, GroupSummary{Key: GroupFootnotes, Title: "Footnotes"})
}

func chapterKey(n int) string { return "chapter-" + strconv.Itoa(n) }

func summarise(tpl *template.Template, changes []Change) Summary {
	s := Summary{Groups: groups(tpl)}
	idx := map[string]int{}
	for i, g := range s.Groups {
		idx[g.Key] = i
	}
	for _, c := range changes {
		s.add(c.Kind)
		g := &s.Groups[idx[c.Group]]
		g.add(c.Kind)
		if c.IsAnswer() {
			s.Answers++
			g.Answers++
		}
	}
	return s
}

type differ struct {
	old, new *model.Factsheet
	tpl      *template.Template
	// skip are the stable IDs (rows, solution types) only one of two
	// different templates has: not compared.
	skip      map[string]bool
	fn        *fnMatch
	out       []Change
	respelled int // texts equal only in canonical form
}

func (d *differ) emit(c Change) { d.out = append(d.out, c) }

// templates compares the versions' templates: nil when they are the same;
// otherwise what only one has, which the comparison then skips.
func (d *differ) templates(old *template.Template) *TemplateChange {
	if old == d.tpl || old.Version == d.tpl.Version {
		return nil
	}
	idsOf := func(t *template.Template) []string {
		var out []string
		for _, tb := range t.Tables() {
			for _, it := range tb.Items {
				out = append(out, tb.ID(it.ID))
			}
			for _, it := range tb.Types {
				out = append(out, tb.ID(it.ID))
			}
		}
		return out
	}
	o, n := idsOf(old), idsOf(d.tpl)
	inO, inN := map[string]bool{}, map[string]bool{}
	for _, id := range o {
		inO[id] = true
	}
	for _, id := range n {
		inN[id] = true
	}
	tc := &TemplateChange{Old: old.Version, New: d.tpl.Version}
	d.skip = map[string]bool{}
	for _, id := range o {
		if !inN[id] {
			tc.OnlyOld = append(tc.OnlyOld, id)
			d.skip[id] = true
		}
	}
	for _, id := range n {
		if !inO[id] {
			tc.OnlyNew = append(tc.OnlyNew, id)
			d.skip[id] = true
		}
	}
	return tc
}

// text compares a text field. Footnote references compare by the footnote
// they cite, so renumbering is no change; a text whose only difference is
// a reference to a footnote that was itself added or removed is no change
// either: the footnote's change says where it is cited. Texts are compared
// in canonical form; a text that differs only as written is counted in
// respelled.
func (d *differ) text(c Change, old, new string) {
	if old == new && !strings.Contains(old, "[^") {
		return
	}
	co, cn := richtext.CanonicalMarkdown(old), richtext.CanonicalMarkdown(new)
	if d.same(co, cn) {
		if (co != old || cn != new) && !d.same(old, new) {
			d.respelled++
		}
		return
	}
	c.Kind = Changed
	c.Old, c.New = old, new
	c.Words = wordDiff(tokenize(co, d.fn.oldRef, d.fn.oldShown), tokenize(cn, d.fn.newRef, ident))
	d.emit(c)
}

// same reports whether two texts say the same: equal once every footnote
// reference is replaced by the footnote it cites, or but for references to
// footnotes only one version has.
func (d *differ) same(old, new string) bool {
	// Most texts are the same but for renumbered references: compare them
	// with every reference renamed to its footnote before word-splitting.
	if sameCanon(old, new, d.fn) {
		return true
	}
	a := tokenize(old, d.fn.oldRef, d.fn.oldShown)
	b := tokenize(new, d.fn.newRef, ident)
	return sameKeys(a, b) || sameKeys(withoutNewRefs(a), withoutNewRefs(b))
}

// sameSpelled compares two texts in canonical form, counting a difference
// as written only.
func (d *differ) sameSpelled(old, new string) bool {
	if old == new {
		return true
	}
	if richtext.CanonicalMarkdown(old) == richtext.CanonicalMarkdown(new) {
		d.respelled++
		return true
	}
	return false
}

func ident(s string) string { return s }

// sameCanon reports whether two texts are the same once every footnote
// reference is replaced by the footnote it cites.
func sameCanon(old, new string, m *fnMatch) bool {
	ra, rb := richtext.Refs(old), richtext.Refs(new)
	if len(ra) != len(rb) {
		return false
	}
	la, lb := 0, 0
	for i := range ra {
		if old[la:ra[i].Start] != new[lb:rb[i].Start] || m.oldRef(ra[i].Label) != m.newRef(rb[i].Label) {
			return false
		}
		la, lb = ra[i].End, rb[i].End
	}
	return old[la:] == new[lb:]
}

func sameKeys(a, b []token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].key != b[i].key {
			return false
		}
	}
	return true
}

// withoutNewRefs drops the references to footnotes only one version has,
// with the spaces before them, and trailing spaces.
func withoutNewRefs(ts []token) []token {
	found := false
	for _, t := range ts {
		if strings.HasPrefix(t.key, "[^+") || strings.HasPrefix(t.key, "[^-") {
			found = true
			break
		}
	}
	if !found {
		return ts
	}
	out := make([]token, 0, len(ts))
	for _, t := range ts {
		if strings.HasPrefix(t.key, "[^+") || strings.HasPrefix(t.key, "[^-") {
			if n := len(out); n > 0 && isSpaceToken(out[n-1].text) {
				out = out[:n-1]
			}
			continue
		}
		out = append(out, t)
	}
	for n := len(out); n > 0 && isSpaceToken(out[n-1].text); n-- {
		out = out[:n-1]
	}
	return out
}

// --- document ------------------------------------------------------------------

func (d *differ) document() {
	field := func(path []string, id, f, label, old, new string) {
		d.text(Change{Group: GroupDocument, Path: path, ID: id, Field: f, Label: label}, old, new)
	}
	o, n := d.old, d.new
	field([]string{"template"}, "template", "", "template version", o.Template, n.Template)
	field([]string{"country", "code"}, "country", "code", "country code", o.Country.Code, n.Country.Code)
	field([]string{"country", "name"}, "country", "name", "country name", o.Country.Name, n.Country.Name)
	field([]string{"title"}, "title", "", "title", o.Title, n.Title)
	field([]string{"introduction"}, "introduction", "", "introduction", o.Introduction, n.Introduction)
	field([]string{"contact"}, "contact", "", "contact address", o.Contact, n.Contact)
}

// --- rounds --------------------------------------------------------------------

// roundKeys gives each round its key (kind, date) and a display date that
// is unique within the file ("2025-10", then "2025-10#2").
func roundKeys(rs []model.Round) (keys, dates []string) {
	seen := map[string]int{}
	for _, r := range rs {
		k := richtext.Canonical(strings.TrimSpace(r.Kind)) + "\x00" + richtext.Canonical(strings.TrimSpace(r.Date))
		seen[k]++
		date := strings.TrimSpace(r.Date)
		if seen[k] > 1 {
			date += "#" + strconv.Itoa(seen[k])
		}
		keys = append(keys, k+"\x00"+strconv.Itoa(seen[k]))
		dates = append(dates, date)
	}
	return keys, dates
}

// pairByKey pairs two key lists: equal keys in order. It returns for each
// side the index of its partner, -1 for none.
func pairByKey(a, b []string) (aTo, bTo []int) {
	aTo, bTo = make([]int, len(a)), make([]int, len(b))
	byKey := map[string][]int{}
	for j, k := range b {
		bTo[j] = -1
		byKey[k] = append(byKey[k], j)
	}
	for i, k := range a {
		aTo[i] = -1
		if js := byKey[k]; len(js) > 0 {
			aTo[i], bTo[js[0]] = js[0], i
			byKey[k] = js[1:]
		}
	}
	return aTo, bTo
}

// merged walks two paired lists in the new list's order; an old element
// without a partner comes right after the old element before it (or
// first, when it leads the old list). visit gets (old index, new index),
// -1 for the side that has none.
func merged(oldTo, newTo []int, visit func(i, j int)) {
	done := make([]bool, len(oldTo))
	flushFrom := func(i int) {
		for ; i < len(oldTo) && oldTo[i] < 0; i++ {
			if !done[i] {
				done[i] = true
				visit(i, -1)
			}
		}
	}
	flushFrom(0)
	for j, oi := range newTo {
		visit(oi, j)
		if oi >= 0 {
			flushFrom(oi + 1)
		}
	}
	for i := range oldTo {
		if oldTo[i] < 0 && !done[i] {
			visit(i, -1)
		}
	}
}

func roundValue(r model.Round) RoundValue {
	v := RoundValue{Kind: r.Kind, Date: r.Date}
	for _, c := range r.Contributors {
		v.Contributors = append(v.Contributors, contributorValue(c))
	}
	return v
}

func contributorValue(c model.Contributor) ContributorValue {
	return ContributorValue{Name: c.Name, Role: c.Role, Organisation: c.Organisation, Country: c.Country}
}

func (d *differ) rounds() {
	ok, od := roundKeys(d.old.Rounds)
	nk, nd := roundKeys(d.new.Rounds)
	oldTo, newTo := pairByKey(ok, nk)
	merged(oldTo, newTo, func(i, j int) {
		switch {
		case j < 0:
			r := d.old.Rounds[i]
			d.emit(Change{Kind: Removed, Group: GroupRounds, Path: []string{"rounds", r.Kind, od[i]},
				ID: "rounds." + r.Kind + "." + od[i], Label: roundLabel(r.Kind, od[i]), Old: roundValue(r)})
		case i < 0:
			r := d.new.Rounds[j]
			d.emit(Change{Kind: Added, Group: GroupRounds, Path: []string{"rounds", r.Kind, nd[j]},
				ID: "rounds." + r.Kind + "." + nd[j], Label: roundLabel(r.Kind, nd[j]), New: roundValue(r)})
		default:
			d.contributors(d.old.Rounds[i], d.new.Rounds[j], nd[j])
		}
	})
}

func roundLabel(kind, date string) string { return kind + " round " + date }

func (d *differ) contributors(or, nr model.Round, date string) {
	names := func(cs []model.Contributor) []string {
		var out []string
		for _, c := range cs {
			out = append(out, richtext.Canonical(strings.TrimSpace(c.Name)))
		}
		return out
	}
	oldTo, newTo := pairByKey(names(or.Contributors), names(nr.Contributors))
	base := []string{"rounds", nr.Kind, date, "contributors"}
	merged(oldTo, newTo, func(i, j int) {
		switch {
		case j < 0:
			c := or.Contributors[i]
			d.emit(Change{Kind: Removed, Group: GroupRounds, Path: append(clone(base), c.Name),
				ID: strings.Join(append(clone(base), c.Name), "."), Label: c.Name + " (" + roundLabel(nr.Kind, date) + ")", Old: contributorValue(c)})
		case i < 0:
			c := nr.Contributors[j]
			d.emit(Change{Kind: Added, Group: GroupRounds, Path: append(clone(base), c.Name),
				ID: strings.Join(append(clone(base), c.Name), "."), Label: c.Name + " (" + roundLabel(nr.Kind, date) + ")", New: contributorValue(c)})
		default:
			o, n := or.Contributors[i], nr.Contributors[j]
			p := append(clone(base), n.Name)
			id := strings.Join(p, ".")
			label := n.Name + " (" + roundLabel(nr.Kind, date) + ")"
			for _, f := range []struct{ name, o, n string }{
				{"role", o.Role, n.Role}, {"organisation", o.Organisation, n.Organisation}, {"country", o.Country, n.Country},
			} {
				d.text(Change{Group: GroupRounds, Path: append(clone(p), f.name), ID: id, Field: f.name, Label: label}, f.o, f.n)
			}
		}
	})
}

func clone(s []string) []string { return append([]string(nil), s...) }

// --- chapters ------------------------------------------------------------------

// ids lists the template's IDs, then IDs only the files have, sorted.
// compared are the IDs of a table's rows (or columns) that are compared:
// all but those only one of two different templates has.
func (d *differ) compared(tb *template.Table, ids []string) []string {
	if d.skip == nil {
		return ids
	}
	out := ids[:0]
	for _, id := range ids {
		if !d.skip[tb.ID(id)] {
			out = append(out, id)
		}
	}
	return out
}

func ids(items []template.Item, present ...func(yield func(string))) []string {
	var out []string
	known := map[string]bool{}
	for _, it := range items {
		out = append(out, it.ID)
		known[it.ID] = true
	}
	var extra []string
	for _, p := range present {
		p(func(id string) {
			if !known[id] {
				known[id] = true
				extra = append(extra, id)
			}
		})
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func keysOf[V any](m map[string]V) func(yield func(string)) {
	return func(yield func(string)) {
		for k := range m {
			yield(k)
		}
	}
}

func (d *differ) table(tb *template.Table) {
	ch := 0
	if c := d.tpl.ChapterOf(tb); c != nil {
		ch = c.Number
	}
	group := chapterKey(ch)
	os, ns := d.old.Section(tb.Section), d.new.Section(tb.Section)
	label := func(id string) string {
		if it, ok := tb.Item(id); ok {
			return it.Wording
		}
		return id
	}
	base := Change{Group: group, Chapter: ch}
	switch tb.Kind {
	case template.Terms:
		for _, id := range d.compared(tb, ids(tb.Items, keysOf(os.Terms), keysOf(ns.Terms))) {
			c := base
			c.ID, c.Label = tb.ID(id), label(id)
			o, n := os.Terms[id], ns.Terms[id]
			switch {
			case o == nil && n == nil:
			case o == nil:
				c.Kind, c.Path, c.New = Added, []string{tb.Section, id}, TermValue{n.Definition, n.Deviation}
				d.emit(c)
			case n == nil:
				c.Kind, c.Path, c.Old = Removed, []string{tb.Section, id}, TermValue{o.Definition, o.Deviation}
				d.emit(c)
			default:
				for _, f := range []struct{ name, o, n string }{{"definition", o.Definition, n.Definition}, {"deviation", o.Deviation, n.Deviation}} {
					c.Path, c.Field = []string{tb.Section, id, f.name}, f.name
					d.text(c, f.o, f.n)
				}
			}
		}
	case template.Questions:
		for _, id := range d.compared(tb, ids(tb.Items, keysOf(os.Questions), keysOf(ns.Questions))) {
			c := base
			c.ID, c.Label = tb.ID(id), label(id)
			o, n := os.Questions[id], ns.Questions[id]
			switch {
			case o == nil && n == nil:
			case o == nil:
				c.Kind, c.Path, c.New = Added, []string{tb.Section, id}, QuestionValue{n.Answer, n.Comments}
				d.emit(c)
			case n == nil:
				c.Kind, c.Path, c.Old = Removed, []string{tb.Section, id}, QuestionValue{o.Answer, o.Comments}
				d.emit(c)
			default:
				for _, f := range []struct{ name, o, n string }{{"answer", o.Answer, n.Answer}, {"comments", o.Comments, n.Comments}} {
					c.Path, c.Field = []string{tb.Section, id, f.name}, f.name
					d.text(c, f.o, f.n)
				}
			}
		}
	case template.Matrix:
		areas := d.compared(tb, ids(tb.Items, keysOf(os.Cells), keysOf(ns.Cells)))
		types := d.compared(tb, ids(tb.Types, func(yield func(string)) {
			for _, m := range []map[string]map[string]string{os.Cells, ns.Cells} {
				for _, row := range m {
					for t := range row {
						yield(t)
					}
				}
			}
		}))
		for _, area := range areas {
			for _, typ := range types {
				ot, oh := cell(os, area, typ)
				nt, nh := cell(ns, area, typ)
				c := base
				c.Path, c.ID, c.Label = []string{tb.Section, area, typ}, tb.CellID(area, typ), cellLabel(tb, area, typ)
				switch {
				case !oh && !nh:
				case !oh:
					c.Kind, c.New = Added, nt
					d.emit(c)
				case !nh:
					c.Kind, c.Old = Removed, ot
					d.emit(c)
				default:
					d.text(c, ot, nt)
				}
			}
		}
	}
	d.further(tb, base, os.FurtherInformation, ns.FurtherInformation)
	d.wording(tb.Section, group, ch)
}

func cell(s *model.Section, area, typ string) (string, bool) {
	t, ok := s.Cells[area][typ]
	if s.HasCells != nil && s.HasCells[area] != nil {
		ok = ok || s.HasCells[area][typ]
	}
	return t, ok
}

func cellLabel(tb *template.Table, area, typ string) string {
	a, t := area, typ
	if it, ok := tb.Item(area); ok {
		a = it.Wording
	}
	if it, ok := tb.Type(typ); ok {
		t = it.Wording
	}
	return a + " / " + t
}

// further aligns the "Further information" items: they have no IDs, so
// items with the same text (footnote references compared by the footnote
// they cite) are the same item, kept in order (a longest common
// subsequence); between two kept items, removed and added items pair up
// in order as changed items, the rest are added or removed. Paths use the
// item's 0-based index in the new version (in the old one if removed).
func (d *differ) further(tb *template.Table, base Change, old, new []string) {
	a := make([]token, len(old))
	for i, s := range old {
		a[i] = token{text: s, key: canonText(s, d.fn.oldRef)}
	}
	b := make([]token, len(new))
	for j, s := range new {
		b[j] = token{text: s, key: canonText(s, d.fn.newRef)}
	}
	edits := myers(a, b, 0, 0)
	mk := func(idx int) Change {
		c := base
		c.Path = []string{tb.Section, "further_information", strconv.Itoa(idx)}
		c.ID = tb.Section + ".further_information." + strconv.Itoa(idx)
		c.Label = "Further information, item " + strconv.Itoa(idx+1)
		return c
	}
	var dels, ins []int
	flush := func() {
		n := min(len(dels), len(ins))
		for k := 0; k < n; k++ {
			d.text(mk(ins[k]), old[dels[k]], new[ins[k]])
		}
		for _, i := range dels[n:] {
			c := mk(i)
			c.Kind, c.Old = Removed, old[i]
			d.emit(c)
		}
		for _, j := range ins[n:] {
			c := mk(j)
			c.Kind, c.New = Added, new[j]
			d.emit(c)
		}
		dels, ins = dels[:0], ins[:0]
	}
	for _, e := range edits {
		switch e.kind {
		case Delete:
			dels = append(dels, e.i)
		case Insert:
			ins = append(ins, e.j)
		default:
			flush()
		}
	}
	flush()
}

func canonText(s string, ref func(string) string) string {
	s = richtext.CanonicalMarkdown(s)
	if !strings.Contains(s, "[^") {
		return s
	}
	var b strings.Builder
	for _, t := range tokenize(s, ref, ident) {
		b.WriteString(t.key)
	}
	return b.String()
}

// wording compares the labels written differently from the template, for
// the items of one section ("" for those of no known section).
func (d *differ) wording(section, group string, ch int) {
	belongs := func(id string) bool {
		sec, _, _ := strings.Cut(id, ".")
		if section != "" {
			return sec == section
		}
		return d.tpl.Table(sec) == nil
	}
	var keys []string
	seen := map[string]bool{}
	for _, m := range []map[string]string{d.old.Wording, d.new.Wording} {
		for k := range m {
			if !seen[k] && belongs(k) {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		o, oh := d.old.Wording[k]
		n, nh := d.new.Wording[k]
		c := Change{Group: group, Chapter: ch, Path: []string{"wording", k}, ID: k, Field: "wording", Label: "wording of " + k}
		switch {
		case !oh:
			c.Kind, c.New = Added, n
			d.emit(c)
		case !nh:
			c.Kind, c.Old = Removed, o
			d.emit(c)
		default:
			d.text(c, o, n)
		}
	}
}

// --- footnotes -----------------------------------------------------------------

func (d *differ) footnotes() {
	m := d.fn
	var citedNew, citedOld map[string][]string
	merged(m.oldTo, m.newTo, func(i, j int) {
		switch {
		case j < 0:
			f := m.old[i]
			if citedOld == nil {
				citedOld = citations(d.old, d.tpl)
			}
			d.emit(Change{Kind: Removed, Group: GroupFootnotes, Path: []string{"footnotes", f.Label}, ID: "footnotes." + f.Label,
				Label: "footnote " + f.Label, Old: FootnoteValue{f.Label, f.Text}, CitedIn: citedOld[f.Label]})
		case i < 0:
			f := m.new[j]
			if citedNew == nil {
				citedNew = citations(d.new, d.tpl)
			}
			d.emit(Change{Kind: Added, Group: GroupFootnotes, Path: []string{"footnotes", f.Label}, ID: "footnotes." + f.Label,
				Label: "footnote " + f.Label, New: FootnoteValue{f.Label, f.Text}, CitedIn: citedNew[f.Label]})
		default:
			o, n := m.old[i], m.new[j]
			if d.sameSpelled(o.Text, n.Text) {
				return
			}
			a := tokenize(richtext.CanonicalMarkdown(o.Text), m.oldRef, m.oldShown)
			b := tokenize(richtext.CanonicalMarkdown(n.Text), m.newRef, ident)
			d.emit(Change{Kind: Changed, Group: GroupFootnotes, Path: []string{"footnotes", n.Label}, ID: "footnotes." + n.Label,
				Label: "footnote " + n.Label, Old: FootnoteValue{o.Label, o.Text}, New: FootnoteValue{n.Label, n.Text}, Words: wordDiff(a, b)})
		}
	})
}
