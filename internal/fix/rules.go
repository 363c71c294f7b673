package fix

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// fixer makes one rule's fix for a file from the rule's findings in it,
// or returns nil when it cannot (the text is not written the way the fix
// can edit safely: the finding stays).
type fixer func(res *load.Result, fs []finding.Finding) *Fix

// fixers are the fixes, by rule. Every rule the registry marks fixable has
// one here, and no other (a test checks both ways).
var fixers = map[string]fixer{
	"footnote-order":            fixOrder,
	"footnote-duplicate-source": fixMerge,
	"template-wording-drift":    fixWording,
	source.RuleControl:          fixControl,
	lint.RuleSuppressionUnused:  fixUnusedSuppressions,
	lint.RuleUnicodeSpace:       fixSpaces,
	lint.RuleTrailingWhitespace: fixTrailing,
}

// Fixable lists the rules with a fix, sorted.
func Fixable() []string {
	out := make([]string, 0, len(fixers))
	for id := range fixers {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// collect makes the fixes of a file's findings, in the registry's rule
// order, leaving out the unsafe ones unless asked for.
func collect(res *load.Result, unsafe bool) []*Fix {
	byRule := map[string][]finding.Finding{}
	for _, f := range res.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	var out []*Fix
	for _, r := range rules.All() {
		fx := fixers[r.ID]
		if fx == nil || r.Fix == rules.NoFix || r.Fix == rules.UnsafeFix && !unsafe || len(byRule[r.ID]) == 0 {
			continue
		}
		if res.Model == nil && r.ID != rules.InputControl {
			continue // only control characters are fixed in a file not read yet
		}
		f := fx(res, byRule[r.ID])
		if f == nil || len(f.Edits) == 0 || !sortEdits(f.Edits) {
			continue // no fix, or one whose own edits overlap: not made
		}
		f.Rule = r.ID
		out = append(out, f)
	}
	return out
}

// --- footnotes ---

// numericLabels returns the footnotes' labels as numbers, or false when a
// label is not a number or is defined twice: renumbering needs numbers,
// and a duplicate must be resolved by a person first.
func numericLabels(fns []model.Footnote) ([]int, bool) {
	nums := make([]int, len(fns))
	seen := map[string]bool{}
	for i, fn := range fns {
		n, err := strconv.Atoi(fn.Label)
		if err != nil || n < 0 || seen[fn.Label] || strconv.Itoa(n) != fn.Label {
			return nil, false
		}
		seen[fn.Label] = true
		nums[i] = n
	}
	return nums, true
}

// fixOrder renumbers the footnotes in the order of their first reference.
// The footnotes referenced take, in that order, the numbers they have
// between them, sorted: footnotes never referenced, and numbers in order
// already, keep theirs, so the diff is the footnotes out of order and
// nothing else.
func fixOrder(res *load.Result, _ []finding.Finding) *Fix {
	nums, ok := numericLabels(res.Model.Footnotes)
	if !ok {
		return nil
	}
	defined := map[string]int{}
	for i, fn := range res.Model.Footnotes {
		defined[fn.Label] = nums[i]
	}
	var order []string
	var values []int
	for _, l := range lint.FirstReferences(res) {
		if n, ok := defined[l]; ok {
			order = append(order, l)
			values = append(values, n)
		}
	}
	slices.Sort(values)
	mapping := map[string]string{}
	for i, l := range order {
		if n := strconv.Itoa(values[i]); n != l {
			mapping[l] = n
		}
	}
	if len(mapping) == 0 {
		return nil
	}
	in := relabel(res, mapping, nil)
	if f := moveDefinitions(res, mapping); f != nil {
		f.Fallback = in
		return f
	}
	return in
}

// moveDefinitions renumbers like relabel, but keeps the list of
// definitions in the order of its numbers: each definition renumbered moves,
// as written, into the place of the definition whose number it takes
// (renumbering is a permutation of the numbers out of order), so the
// document still reads 1, 2, 3 down its footnotes, as a word processor's
// renumbering leaves it. Nil when a definition's extent is not known
// exactly; relabel then renames the definitions where they are.
func moveDefinitions(res *load.Result, mapping map[string]string) *Fix {
	f := res.File
	doc := res.Form == load.Document
	fns := res.Model.Footnotes
	at := map[string]int{} // label -> index
	for i, fn := range fns {
		at[fn.Label] = i
	}
	type extent struct{ start, end int }
	spans := map[int]extent{} // footnote index -> its definition's bytes
	col := -1
	for l := range mapping {
		i := at[l]
		start, end, ok := definitionExtent(res, i)
		if !ok {
			return nil
		}
		spans[i] = extent{start, end}
		// In YAML a definition's lines after its first are indented for
		// the column it starts in ("-   text: ..." has its next key at 6):
		// moved to another column it reads as other keys, or not at all,
		// and the fix was rejected whole. relabel renames those in place.
		if res.Form == load.YAML {
			c := start - (strings.LastIndexByte(f.Text[:start], '\n') + 1)
			if col >= 0 && c != col {
				return nil
			}
			col = c
		}
	}
	// The definitions by position, to find the one a reference is in.
	order := make([]int, 0, len(spans))
	for i := range spans {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return spans[a].start - spans[b].start })
	inside := func(off int) (int, bool) {
		k := sort.Search(len(order), func(k int) bool { return spans[order[k]].end > off })
		if k < len(order) && spans[order[k]].start <= off {
			return order[k], true
		}
		return 0, false
	}
	tokens := labelTokens(f.Text, doc)
	var edits []Edit
	inner := map[int][]Edit{} // edits within a moved definition, relative to its start
	for _, t := range tokens {
		n, ok := mapping[t.label]
		if !ok {
			continue
		}
		if i, in := inside(t.start); in {
			e := spans[i]
			inner[i] = append(inner[i], Edit{Start: t.start - e.start, End: t.end - e.start, New: n})
			continue
		}
		edits = append(edits, Edit{Start: t.start, End: t.end, New: n})
	}
	if !doc {
		for l, n := range mapping {
			i := at[l]
			e, ok := labelEdit(res, i, l, n)
			if !ok {
				return nil
			}
			sp := spans[i]
			if e.Start < sp.start || e.End > sp.end {
				return nil
			}
			inner[i] = append(inner[i], Edit{Start: e.Start - sp.start, End: e.End - sp.start, New: n})
		}
	}
	moved := map[int]int{} // slot index -> the footnote index whose definition it takes
	for l, n := range mapping {
		j, ok := at[n]
		if _, moves := spans[j]; !ok || !moves {
			return nil // not a permutation of the footnotes renumbered
		}
		i := at[l]
		moved[j] = i
		text := []byte(f.Text[spans[i].start:spans[i].end])
		es := inner[i]
		if !sortEdits(es) {
			return nil
		}
		edits = append(edits, Edit{Start: spans[j].start, End: spans[j].end, New: string(apply(text, es))})
	}
	return &Fix{Edits: edits, Expect: func(v any) any {
		v, m, list := relabelled(v, mapping)
		if m == nil || list == nil {
			return v
		}
		out := slices.Clone(list)
		for j, i := range moved {
			if i < len(list) && j < len(out) {
				out[j] = list[i]
			}
		}
		m["footnotes"] = out
		return m
	}}
}

// definitionExtent is the bytes of footnote i's definition as written, to
// move it whole: in the document its paragraph (the "<sup>N</sup>" at its
// start to the end of its last line), in YAML its list element after the
// dash to the end of its last line of content (comment lines after it
// stay), in JSON its object.
func definitionExtent(res *load.Result, i int) (start, end int, ok bool) {
	s := res.Map[model.FootnotePtr(i)]
	f := res.File
	if s == nil || s.Line < 1 || s.EndLine < s.Line || s.EndLine > f.Lines() {
		return 0, 0, false
	}
	lineEnd := func(n int) int { return f.Offset(n, 1) + len(f.Line(n)) }
	switch res.Form {
	case load.JSON:
		start, end = f.Offset(s.Line, s.Col), f.Offset(s.EndLine, s.EndCol)
		if start >= end || f.Text[start] != '{' || f.Text[end-1] != '}' {
			return 0, 0, false
		}
		return start, end, true
	case load.YAML:
		line := f.Line(s.Line)
		col := f.Offset(s.Line, s.Col) - f.Offset(s.Line, 1)
		if col > len(line) || strings.TrimSpace(line[:col]) != "-" {
			return 0, 0, false
		}
		last := s.EndLine
		for last > s.Line {
			t := strings.TrimSpace(f.Line(last))
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			last--
		}
		return f.Offset(s.Line, s.Col), lineEnd(last), true
	case load.Document:
		return f.Offset(s.Line, 1), lineEnd(s.EndLine), true
	}
	return 0, 0, false
}

// fixMerge merges a footnote that cites only sources an earlier footnote
// cites into that one: its references cite the earlier footnote, its
// definition goes, and the footnotes after it are numbered one lower, so
// the numbering has no gap. Unsafe: the merged footnote's own wording (a
// title, a comment beside the link) is lost.
func fixMerge(res *load.Result, fs []finding.Finding) *Fix {
	fns := res.Model.Footnotes
	nums, ok := numericLabels(fns)
	if !ok {
		return nil
	}
	into := map[int]int{}
	for _, f := range fs {
		j, ok := footnoteIndex(f.Pointer, len(fns))
		if !ok || len(f.Related) == 0 {
			continue
		}
		i, ok := footnoteIndex(f.Related[0].Pointer, len(fns))
		if !ok || i >= j || !lint.CitesOnlyWhat(fns[j].Text, fns[i].Text) {
			continue
		}
		into[j] = i
	}
	if len(into) == 0 {
		return nil
	}
	root := func(j int) int {
		for {
			i, ok := into[j]
			if !ok {
				return j
			}
			j = i
		}
	}
	var gone []int // the numbers merged away, sorted
	var deleted []int
	for j := range into {
		gone = append(gone, nums[j])
		deleted = append(deleted, j)
	}
	slices.Sort(gone)
	slices.Sort(deleted)
	renumbered := func(k int) string {
		below, _ := slices.BinarySearch(gone, nums[k])
		return strconv.Itoa(nums[k] - below)
	}
	mapping := map[string]string{}
	for k, fn := range fns {
		n := renumbered(root(k))
		if n != fn.Label {
			mapping[fn.Label] = n
		}
	}
	return relabel(res, mapping, deleted)
}

// footnoteIndex reads "/footnotes/N".
func footnoteIndex(ptr string, n int) (int, bool) {
	s, ok := strings.CutPrefix(ptr, "/footnotes/")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil && i >= 0 && i < n
}

// relabel renames footnotes in the text as written: every reference, in
// every text form ([^N]; in the document <sup>N</sup> too), and every
// definition's label, by mapping; the footnotes at the indexes deleted go.
func relabel(res *load.Result, mapping map[string]string, deleted []int) *Fix {
	f := res.File
	doc := res.Form == load.Document
	var edits []Edit
	var cuts []Edit
	if res.Form == load.JSON {
		var ok bool
		if cuts, ok = jsonElementCuts(res, deleted); !ok {
			return nil
		}
	}
	for _, i := range deleted {
		if res.Form == load.JSON {
			break
		}
		start, end, ok := footnoteLines(res, i)
		if !ok {
			return nil
		}
		cuts = append(cuts, Edit{Start: start, End: end})
	}
	edits = append(edits, cuts...)
	inCut := func(off int) bool {
		k := sort.Search(len(cuts), func(k int) bool { return cuts[k].End > off })
		return k < len(cuts) && cuts[k].Start <= off
	}
	sortEdits(cuts)
	for _, t := range labelTokens(f.Text, doc) {
		if n, ok := mapping[t.label]; ok && !inCut(t.start) {
			edits = append(edits, Edit{Start: t.start, End: t.end, New: n})
		}
	}
	isDeleted := func(i int) bool { _, found := slices.BinarySearch(deleted, i); return found }
	if !doc {
		for i, fn := range res.Model.Footnotes {
			n, ok := mapping[fn.Label]
			if !ok || isDeleted(i) {
				continue
			}
			e, ok := labelEdit(res, i, fn.Label, n)
			if !ok {
				return nil
			}
			edits = append(edits, e)
		}
	}
	return &Fix{Edits: edits, Expect: func(v any) any {
		v, m, list := relabelled(v, mapping)
		if m == nil {
			return v
		}
		kept := list[:0]
		for i, e := range list {
			if !isDeleted(i) {
				kept = append(kept, e)
			}
		}
		if list != nil {
			m["footnotes"] = kept
		}
		return m
	}}
}

// relabelled is what a renumbering should read as: v with the footnote
// references of every text and the label of every footnote renamed by
// mapping (a label it does not hold keeps its name). It returns the
// value renamed, the factsheet's object in it (nil when it is not an
// object) and its footnotes list.
func relabelled(v any, mapping map[string]string) (any, map[string]any, []any) {
	name := func(l string) string {
		if n, ok := mapping[l]; ok {
			return n
		}
		return l
	}
	v = mapStrings(v, func(s string) string { return richtext.Relabel(s, name) }, nil)
	m, ok := v.(map[string]any)
	if !ok {
		return v, nil, nil
	}
	list, _ := m["footnotes"].([]any)
	for _, e := range list {
		if fm, ok := e.(map[string]any); ok {
			fm["label"] = relabelValue(fm["label"], name)
		}
	}
	return m, m, list
}

// labelAt is a footnote label as written in the text: its bytes.
type labelAt struct {
	label      string
	start, end int
}

// labelTokens finds the footnote references of a text as written: [^N]
// (not after a backslash), and in the document <sup>N</sup> as well
// (references and the definitions that start a line alike). One pass.
func labelTokens(text string, doc bool) []labelAt {
	var out []labelAt
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '[':
			if strings.HasPrefix(text[i:], "[^") {
				j := i + 2
				for j < len(text) && isLabelByte(text[j]) {
					j++
				}
				if j > i+2 && j < len(text) && text[j] == ']' {
					out = append(out, labelAt{text[i+2 : j], i + 2, j})
					i = j
				}
			}
		case '<':
			if !doc || len(text) < i+5 || !strings.EqualFold(text[i:i+5], "<sup>") {
				continue
			}
			j := i + 5
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			s := j
			for j < len(text) && isLabelByte(text[j]) {
				j++
			}
			e := j
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if e > s && len(text) >= j+6 && strings.EqualFold(text[j:j+6], "</sup>") {
				out = append(out, labelAt{text[s:e], s, e})
				i = j + 5
			}
		}
	}
	return out
}

func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// labelEdit renames the label of footnote i where YAML or JSON writes it
// (label: 3, "label": "3").
func labelEdit(res *load.Result, i int, label, to string) (Edit, bool) {
	s := res.Map[model.FootnotePtr(i)+"/label"]
	if s == nil {
		return Edit{}, false
	}
	text := res.File.Text
	off := res.File.Offset(s.Line, s.Col)
	if off < len(text) && (text[off] == '"' || text[off] == '\'') {
		off++
	}
	end := off + len(label)
	if !strings.HasPrefix(text[off:], label) || end < len(text) && isLabelByte(text[end]) {
		return Edit{}, false
	}
	return Edit{Start: off, End: end, New: to}, true
}

// footnoteLines is the text of footnote i's definition, whole lines: in
// YAML its list element (from the line of its dash to its last line of
// content: blank and comment lines after it stay), in the document its
// definition and the blank line after it.
func footnoteLines(res *load.Result, i int) (start, end int, ok bool) {
	s := res.Map[model.FootnotePtr(i)]
	f := res.File
	if s == nil || s.Line < 1 || s.EndLine > f.Lines() {
		return 0, 0, false
	}
	last := s.EndLine
	switch res.Form {
	case load.YAML:
		line := f.Line(s.Line)
		col := f.Offset(s.Line, s.Col) - f.Offset(s.Line, 1)
		if strings.TrimSpace(line[:col]) != "-" {
			return 0, 0, false // not "- label: N" on one line
		}
		for last > s.Line {
			t := strings.TrimSpace(f.Line(last))
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			last--
		}
	case load.Document:
		// With the blank line that parts it from the next paragraph; the
		// last definition of the file, with the one before it.
		switch {
		case last < f.Lines() && strings.TrimSpace(f.Line(last+1)) == "":
			last++
		case s.Line > 1 && strings.TrimSpace(f.Line(s.Line-1)) == "":
			return f.Offset(s.Line-1, 1), lineEndOffset(f, last), true
		}
	default:
		return 0, 0, false
	}
	return f.Offset(s.Line, 1), lineEndOffset(f, last), true
}

// jsonElementCuts deletes the footnotes at the sorted indexes deleted from
// the JSON array that holds them, each run of neighbours with the comma
// before it. A merged footnote always has an earlier one it is merged
// into, so the first element is never deleted and every run has a comma
// before it. One cut per run, so no two overlap; the fix is checked by
// reading the result again, as every fix is.
func jsonElementCuts(res *load.Result, deleted []int) ([]Edit, bool) {
	f := res.File
	span := func(i int) (int, int, bool) {
		s := res.Map[model.FootnotePtr(i)]
		if s == nil || s.Line < 1 || s.EndLine < s.Line {
			return 0, 0, false
		}
		return f.Offset(s.Line, s.Col), f.Offset(s.EndLine, s.EndCol), true
	}
	text := f.Text
	var cuts []Edit
	for k := 0; k < len(deleted); {
		a := deleted[k]
		b := a
		for k+1 < len(deleted) && deleted[k+1] == b+1 {
			k++
			b = deleted[k]
		}
		k++
		start, _, ok1 := span(a)
		_, end, ok2 := span(b)
		if a == 0 || !ok1 || !ok2 || start >= end || end > len(text) {
			return nil, false
		}
		c := start - 1
		for c >= 0 && isJSONSpace(text[c]) {
			c--
		}
		if c < 0 || text[c] != ',' {
			return nil, false
		}
		cuts = append(cuts, Edit{Start: c, End: end})
	}
	return cuts, true
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineEndOffset is the offset just after line n and its line end.
func lineEndOffset(f *source.File, n int) int {
	if n >= f.Lines() {
		return len(f.Text)
	}
	return f.Offset(n+1, 1)
}

// --- wording ---

// fixWording writes a drifted label in the template's wording, wherever
// the file holds it: the wording entry of YAML and JSON, the row's first
// cell or the Table 5 header of the document — every copy of the header
// repeated after a page break too.
func fixWording(res *load.Result, fs []finding.Finding) *Fix {
	want := templateWording(res.Model.TemplateOrDefault())
	var edits []Edit
	var ids []string
	for _, fnd := range fs {
		esc, ok := strings.CutPrefix(fnd.Pointer, "/wording/")
		if !ok {
			continue
		}
		id := source.Unescape(esc)
		written, w := res.Model.Wording[id], want[id]
		s := res.Map[fnd.Pointer]
		if written == "" || w == "" || s == nil {
			continue
		}
		var es []Edit
		if res.Form == load.Document {
			es = cellEdits(res.File, append([]int{s.Line}, s.More...), written, w)
		} else if e, ok := scalarEdit(res, s, written, w); ok {
			es = []Edit{e}
		}
		if len(es) == 0 {
			continue
		}
		edits = append(edits, es...)
		ids = append(ids, id)
	}
	if len(edits) == 0 {
		return nil
	}
	return &Fix{Edits: edits, Expect: func(v any) any {
		if m, ok := v.(map[string]any); ok {
			if wm, ok := m["wording"].(map[string]any); ok {
				for _, id := range ids {
					delete(wm, id)
				}
			}
		}
		return v
	}}
}

func templateWording(tpl *template.Template) map[string]string {
	m := map[string]string{}
	for _, tb := range tpl.Tables() {
		for _, it := range tb.Items {
			m[tb.ID(it.ID)] = it.Wording
		}
		for _, typ := range tb.Types {
			m[tb.ID(typ.ID)] = typ.Wording
		}
	}
	return m
}

// normalise drops the wording entries that say what the template says: the
// document records only wording that differs, YAML keeps an entry whose
// value was fixed.
func normalise(v any, tpl *template.Template) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	wm, ok := m["wording"].(map[string]any)
	if !ok {
		return v
	}
	want := templateWording(tpl)
	for id, w := range wm {
		if s, ok := w.(string); ok && s == want[id] {
			delete(wm, id)
		}
	}
	if len(wm) == 0 {
		delete(m, "wording")
	}
	return m
}

// cellEdits replaces the cell written on each of the lines by w: the cell
// is the text bounded by the layout's separators (tabs, pipes, the bold
// markup of Table 5's areas).
func cellEdits(f *source.File, lines []int, written, w string) []Edit {
	var out []Edit
	for _, n := range lines {
		if n < 1 || n > f.Lines() {
			continue
		}
		line, base := f.Line(n), f.Offset(n, 1)
		for from := 0; from <= len(line); {
			i := strings.Index(line[from:], written)
			if i < 0 {
				break
			}
			i += from
			j := i + len(written)
			if cellBound(line, i-1) && cellBound(line, j) {
				out = append(out, Edit{Start: base + i, End: base + j, New: w})
				break
			}
			from = i + 1
		}
	}
	return out
}

func cellBound(line string, i int) bool {
	if i < 0 || i >= len(line) {
		return true
	}
	return strings.IndexByte("\t|>*< ", line[i]) >= 0
}

// scalarEdit replaces a YAML or JSON string value holding written (as
// written: no escape inside) by w, escaped for its quoting.
func scalarEdit(res *load.Result, s *source.Span, written, w string) (Edit, bool) {
	f := res.File
	off := f.Offset(s.Line, s.Col)
	text := f.Text
	quote := byte(0)
	if off < len(text) && (text[off] == '"' || text[off] == '\'') {
		quote = text[off]
		off++
	}
	if !strings.HasPrefix(text[off:], written) {
		return Edit{}, false
	}
	nw := w
	switch {
	case quote == '"':
		q := strconv.Quote(w)
		nw = q[1 : len(q)-1]
	case quote == '\'':
		nw = strings.ReplaceAll(w, "'", "''")
	case res.Form == load.JSON:
		return Edit{}, false
	case strings.ContainsAny(w, "#:'\"{}[]&*!|>%@`") || strings.TrimSpace(w) != w:
		// A plain YAML scalar that the new wording would break: quote it.
		q := strconv.Quote(w)
		return Edit{Start: off, End: off + len(written), New: q}, true
	}
	return Edit{Start: off, End: off + len(written), New: nw}, true
}

// --- control characters ---

// fixControl deletes control characters; a vertical tab or form feed
// (Word's line and page breaks, pasted) becomes a space, so the words on
// either side stay apart.
func fixControl(res *load.Result, _ []finding.Finding) *Fix {
	text := res.File.Text
	var edits []Edit
	for i, r := range text {
		if !source.IsControl(r) {
			continue
		}
		edits = append(edits, Edit{Start: i, End: i + utf8.RuneLen(r), New: controlReplacement(r)})
	}
	if len(edits) == 0 {
		return nil
	}
	return &Fix{Edits: edits, Expect: func(v any) any {
		return mapStrings(v, func(s string) string {
			return strings.Map(func(r rune) rune {
				if !source.IsControl(r) {
					return r
				}
				if controlReplacement(r) == " " {
					return ' '
				}
				return -1
			}, s)
		}, nil)
	}}
}

func controlReplacement(r rune) string {
	if r == '\v' || r == '\f' {
		return " "
	}
	return ""
}

// --- suppressions ---

// fixUnusedSuppressions removes the rules an inline suppression names that
// matched nothing, and the whole comment (its line, when it has one to
// itself) when none is left. A suppression on no value is left: it is in
// the wrong place, and its reason says what it was for.
func fixUnusedSuppressions(res *load.Result, fs []finding.Finding) *Fix {
	type at struct{ line, col int }
	byPlace := map[at]model.Suppression{}
	for _, s := range res.Model.Suppressions {
		byPlace[at{s.Line, s.Col}] = s
	}
	unused := map[at]map[string]bool{}
	var order []at
	for _, f := range fs {
		k := at{f.Line, f.Column}
		s, ok := byPlace[k]
		if !ok || s.Detached || f.Subject == nil {
			continue
		}
		if unused[k] == nil {
			unused[k] = map[string]bool{}
			order = append(order, k)
		}
		unused[k][*f.Subject] = true
	}
	var edits []Edit
	for _, k := range order {
		s := byPlace[k]
		var keep []string
		for _, r := range s.Rules {
			if !unused[k][r] {
				keep = append(keep, r)
			}
		}
		if e, ok := suppressionEdit(res, s, keep); ok {
			edits = append(edits, e)
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return &Fix{Edits: edits}
}

// suppressionEdit removes the comment of s, or rewrites its rules to keep.
func suppressionEdit(res *load.Result, s model.Suppression, keep []string) (Edit, bool) {
	f := res.File
	if s.Line < 1 || s.Line > f.Lines() {
		return Edit{}, false
	}
	start := f.Offset(s.Line, s.Col)
	text := f.Text
	doc := res.Form == load.Document
	var end int // just after the comment
	if doc {
		if !strings.HasPrefix(text[start:], "<!--") {
			return Edit{}, false
		}
		k := strings.Index(text[start:], "-->")
		if k < 0 {
			return Edit{}, false
		}
		end = start + k + len("-->")
	} else {
		if !strings.HasPrefix(text[start:], "#") {
			return Edit{}, false
		}
		end = lineEndOffset(f, s.Line)
		if end > start && text[end-1] == '\n' {
			end--
		}
	}
	if len(keep) > 0 {
		body := text[start:end]
		d := strings.Index(body, decode.Directive)
		if d < 0 {
			return Edit{}, false
		}
		from := d + len(decode.Directive)
		if from < len(body) && body[from] == ':' {
			from++
		}
		rest := body[from:]
		if doc {
			rest = strings.TrimSuffix(rest, "-->")
		}
		to, _ := model.ReasonSeparator(rest)
		if to < 0 {
			to = len(rest)
			if !doc {
				return Edit{Start: start + from, End: start + from + to, New: " " + strings.Join(keep, ",")}, true
			}
		}
		return Edit{Start: start + from, End: start + from + to, New: " " + strings.Join(keep, ",") + " "}, true
	}
	lineStart := f.Offset(s.Line, 1)
	endLine, _ := f.Position(end)
	after := lineEndOffset(f, endLine)
	rest := strings.TrimRight(text[end:after], "\n")
	if strings.TrimSpace(text[lineStart:start]) == "" && strings.TrimSpace(rest) == "" {
		return Edit{Start: lineStart, End: after}, true // the comment's own lines
	}
	// Beside a value: the comment and the blanks before it.
	for start > lineStart && (text[start-1] == ' ' || text[start-1] == '\t') {
		start--
	}
	return Edit{Start: start, End: end}, true
}

// --- whitespace ---

// fixSpaces writes an ordinary space for each stray Unicode space (and
// deletes the zero-width ones), where the rule finds them.
func fixSpaces(res *load.Result, _ []finding.Finding) *Fix {
	return &Fix{Edits: spanEdits(lint.StraySpaces(res)), Expect: func(v any) any {
		return mapStrings(v, lint.FixSpaces, nil)
	}}
}

// fixTrailing deletes the trailing blanks the layout does not need; no
// value changes.
func fixTrailing(res *load.Result, _ []finding.Finding) *Fix {
	return &Fix{Edits: spanEdits(lint.TrailingWhitespace(res))}
}

func spanEdits(spans []lint.Span) []Edit {
	out := make([]Edit, len(spans))
	for i, s := range spans {
		out[i] = Edit{Start: s.Start, End: s.End, New: s.New}
	}
	return out
}
