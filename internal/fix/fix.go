// Package fix makes lint --fix's fixes: for the findings of the rules that
// can be fixed, edits to the bytes of the original file, so that
// everything a fix does not touch — YAML comments, key order, quoting,
// block scalars, the document's layout, page-split rows and repeated
// headers, the file's encoding and line ends — stays as the author wrote
// it. Nothing is ever re-rendered.
//
// A fix is checked before it is kept: the edited bytes are read again, and
// the fix is dropped unless the file still reads (no new finding of any
// rule, the schema's included), reads as the value the fix meant (a
// renumbering renumbers and changes nothing else), and has fewer findings
// of the rule fixed. Fixes whose edits would overlap are applied in
// successive passes, each on the result of the one before, up to a small
// number of passes (as ruff does); a second --fix then finds nothing to do.
package fix

import (
	"encoding/json"
	"reflect"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/rules"
)

// MaxPasses bounds the passes over a file: each applies the fixes whose
// edits do not overlap, and the next pass sees their result.
const MaxPasses = 8

// Fix is one rule's fix for one file: edits on the file's decoded text
// (the rawText mapping turns them into edits of its bytes) and what the
// file must read as afterwards.
type Fix struct {
	Rule  string
	Edits []Edit
	// Expect turns (a copy of) the value of the file into the value the
	// fixed file must read as; nil when the fix changes no value (a
	// comment removed).
	Expect func(v any) any
	// Fallback, when not nil, is tried alone in its place when the fix
	// fails its check alone: moving footnote definitions fails where
	// moved text no longer reads (a YAML alias moved above its anchor),
	// and renaming them in place still fixes the numbering.
	Fallback *Fix
}

// Options are what a run decides.
type Options struct {
	// Unsafe applies the unsafe fixes too (--unsafe-fixes).
	Unsafe bool
	// Reload reads edited bytes as the same file, with its findings as
	// the run reports them (configuration, suppressions applied).
	Reload func(raw []byte) *load.Result
}

// Outcome is what fixing one file did.
type Outcome struct {
	// Result is the file as fixed, with the findings that remain (the
	// original result when nothing was fixed).
	Result *load.Result
	// Raw is the bytes of Result: the original when nothing was fixed.
	Raw []byte
	// Edits are all the fixes applied, as edits of the original bytes.
	Edits []Edit
	// Fixed counts the findings the fixes removed.
	Fixed int
	// Skipped says why the file was not looked at ("" when it was).
	Skipped string

	original []byte
}

// Changed reports whether the fixes changed the file's bytes.
func (o *Outcome) Changed() bool { return len(effective(o.original, o.Edits)) > 0 }

// Diff is the unified diff of the fixes, "" when there are none.
func (o *Outcome) Diff() string { return Diff(o.Result.Name, o.original, o.Edits) }

// Skip says why a file cannot be fixed, or "" when it can: a Word document
// (its fixes come later), a file whose bytes are not UTF-8 (UTF-16 is
// converted when read: its bytes cannot be edited in place), and a file
// that could not be read into a factsheet (parse errors) — except for
// control characters, which are what keeps a YAML or JSON file from being
// parsed, and whose removal is checked to leave a file that parses.
func Skip(res *load.Result) string {
	switch {
	case res == nil || res.File == nil:
		return "the file could not be read"
	case res.Form == load.Word:
		return "Word documents are not fixed yet: fix the .docx in Word, or fix its YAML or Markdown form"
	case res.File.Encoding != "UTF-8" && res.File.Encoding != "UTF-8 with BOM":
		return "the file is " + res.File.Encoding + ": only UTF-8 files are fixed in place"
	case res.Model == nil && !res.File.Control:
		return "the file has parse errors"
	}
	for _, f := range res.Findings {
		if r, ok := rules.Lookup(f.Rule); ok && r.Fatal {
			return "the file has parse errors"
		}
	}
	return ""
}

// File fixes one file: raw is its bytes and res what they read as, with
// its findings as the run reports them. Only the findings reported are
// fixed: a rule turned off, a waiver or an inline suppression leaves its
// findings, and their text, alone.
func File(raw []byte, res *load.Result, opts Options) *Outcome {
	out := &Outcome{Result: res, Raw: raw, original: raw}
	if out.Skipped = Skip(res); out.Skipped != "" {
		return out
	}
	rejected := map[string]bool{} // rules whose fix did not survive its check
	for pass := 0; pass < MaxPasses; pass++ {
		cur := out.Result
		rt := newRawText(out.Raw, cur.File)
		if rt == nil || Skip(cur) != "" {
			break
		}
		var fixes []*Fix
		for _, f := range collect(cur, opts.Unsafe) {
			if !rejected[f.Rule] {
				fixes = append(fixes, f)
			}
		}
		if len(fixes) == 0 {
			break
		}
		// The fixes whose edits overlap none before them, in rule order,
		// together; if they fail their check together, each alone.
		var batch []*Fix
		var taken []Edit
		for _, f := range fixes {
			if !overlaps(taken, f.Edits) {
				batch = append(batch, f)
				taken = mergeSorted(taken, f.Edits)
			}
		}
		tries := [][]*Fix{batch}
		if len(batch) > 1 {
			for _, f := range batch {
				tries = append(tries, []*Fix{f})
			}
		}
		progress := false
		for k := 0; k < len(tries); k++ {
			try := tries[k]
			var edits []Edit
			for _, f := range try {
				edits = mergeSorted(edits, f.Edits)
			}
			rawEdits := rt.edits(edits)
			next := apply(out.Raw, rawEdits)
			nres := opts.Reload(next)
			if n, ok := check(cur, nres, try); ok {
				out.Edits = compose(len(out.original), out.Edits, rawEdits)
				out.Raw, out.Result = next, nres
				out.Fixed += n
				progress = true
				break
			}
			if len(try) == 1 {
				if fb := try[0].Fallback; fb != nil {
					fb.Rule = try[0].Rule
					tries = append(tries, []*Fix{fb})
					continue
				}
				rejected[try[0].Rule] = true
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// mergeSorted merges two sorted edit lists.
func mergeSorted(a, b []Edit) []Edit {
	out := make([]Edit, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	sortEdits(out)
	return out
}

// check decides whether fixes applied to old (giving nw) are kept, and how
// many findings they fixed: the new file must read (as well as the old
// one), as the value the fixes meant, with no rule reporting more than
// before and each fixed rule reporting less.
func check(old, nw *load.Result, fixes []*Fix) (fixed int, ok bool) {
	if nw == nil || nw.File == nil || nw.Model == nil {
		return 0, false
	}
	before, after := countRules(old.Findings), countRules(nw.Findings)
	if old.Model != nil {
		for rule, n := range after {
			if n > before[rule] {
				return 0, false
			}
		}
		want := copyValue(old.Value)
		for _, f := range fixes {
			if f.Expect != nil {
				want = f.Expect(want)
			}
		}
		tpl := old.Model.TemplateOrDefault()
		if !reflect.DeepEqual(normalise(want, tpl), normalise(copyValue(nw.Value), tpl)) {
			return 0, false
		}
	}
	for _, f := range fixes {
		if after[f.Rule] >= before[f.Rule] {
			return 0, false
		}
		fixed += before[f.Rule] - after[f.Rule]
	}
	return fixed, true
}

func countRules(fs []finding.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule]++
	}
	return m
}

// copyValue deep-copies a JSON-shaped value.
func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = copyValue(e)
		}
		return s
	}
	return v
}

// mapStrings applies f to every string of a JSON-shaped value (not to
// keys); skip names the members left alone (a footnote's label).
func mapStrings(v any, f func(string) string, skip func(key string) bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if skip == nil || !skip(k) {
				x[k] = mapStrings(e, f, skip)
			}
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = mapStrings(e, f, skip)
		}
		return x
	case string:
		return f(x)
	}
	return v
}

// relabelValue keeps labels typed as they were read: a YAML "label: 3" is a
// number, the document's a string.
func relabelValue(v any, name func(string) string) any {
	switch x := v.(type) {
	case json.Number:
		return json.Number(name(string(x)))
	case string:
		return name(x)
	}
	return v
}
