package lint_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

// checked is what lint reports for a file: reading, rules, suppressions.
func checked(name, text string) []finding.Finding {
	res := load.Bytes(name, []byte(text), load.Options{})
	fs := append(res.Findings, lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge})...)
	return finding.Sort(lint.Suppress(res, fs, true))
}

// count is how many findings of a rule there are at a pointer (or under it).
func count(fs []finding.Finding, rule, ptr string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule && (f.Pointer == ptr || ptr != "" && strings.HasPrefix(f.Pointer, ptr+"/")) {
			n++
		}
	}
	return n
}

// suppressedYAML is BE.yaml with inline suppressions: on the line of a
// value, on the line above a question, on a list element's line, above
// the wording; one without a reason, one with a misspelt rule, one on
// nothing, one of a rule that cannot be suppressed, one that matches
// nothing.
func suppressedYAML(t *testing.T) string {
	text := read(t, "BE.yaml")
	text = replace(t, text, "    national_cancer_plan:\n", "    national_cancer_plan:  # factsheet-ignore date-past-due -- the plan is announced for June 2027\n")
	text = replace(t, text, "    cancer_strategy_discussions:\n", "    # factsheet-ignore answer-unsupported-yes\n    cancer_strategy_discussions:\n")
	text = replace(t, text, "  - label: 1\n", "  - label: 1  # factsheet-ignore footnote-placeholder-link, footnote-unusd -- the address is being restored\n")
	text = replace(t, text, "  solutions.teleconferences: ", "  # factsheet-ignore template-wording-drift -- as printed\n  solutions.teleconferences: ")
	text = replace(t, text, "  - label: 3\n", "  - label: 3  # factsheet-ignore input-syntax, footnote-unused -- nothing to hide here\n")
	return text + "# factsheet-ignore empty-cell -- at the end of the file\n"
}

func TestInlineSuppressions(t *testing.T) {
	plain := checked("BE.yaml", read(t, "BE.yaml"))
	got := checked("BE.yaml", suppressedYAML(t))
	for _, tc := range []struct {
		rule, ptr    string
		before, want int
	}{
		{"date-past-due", "/strategies/questions/national_cancer_plan", 1, 0},                   // suppressed
		{"date-past-due", "/strategies/questions/national_strategy", 1, 1},                      // elsewhere: kept
		{"answer-unsupported-yes", "/strategies/questions/cancer_strategy_discussions", 1, 1},   // no reason: kept
		{"footnote-placeholder-link", "/footnotes/0", 1, 0},                                     // on the element's line
		{"footnote-placeholder-link", "/footnotes/1", 2, 2},                                     // the next footnote: kept
		{"template-wording-drift", "/wording", 1, 0},                                            // above the wording
		{lint.RuleSuppressionReason, "/strategies/questions/cancer_strategy_discussions", 0, 1}, // no reason
		{lint.RuleSuppressionUnknown, "/footnotes/0", 0, 1},                                     // footnote-unusd
		{lint.RuleSuppressionUnknown, "/footnotes/2", 0, 1},                                     // input-syntax cannot be
		{lint.RuleSuppressionUnused, "/footnotes/2", 0, 1},                                      // footnote-unused: none there
		{lint.RuleSuppressionUnused, "", 0, 1},                                                  // on nothing
	} {
		if n := count(plain, tc.rule, tc.ptr); n != tc.before {
			t.Errorf("%s at %s without suppressions: %d, want %d", tc.rule, tc.ptr, n, tc.before)
		}
		if n := count(got, tc.rule, tc.ptr); n != tc.want {
			t.Errorf("%s at %s: %d, want %d", tc.rule, tc.ptr, n, tc.want)
		}
	}
	if n, want := len(got), len(plain)-3+5; n != want {
		t.Errorf("%d findings, want %d (3 suppressed, 5 about the suppressions)", n, want)
	}
	for _, f := range got {
		if strings.HasPrefix(f.Rule, "suppression-") && (f.Line == 0 || f.Column == 0) {
			t.Errorf("%s has no position", f)
		}
	}
	// validate runs no lint rule: a suppression of one cannot be called
	// unused there.
	res := load.Bytes("BE.yaml", []byte(suppressedYAML(t)), load.Options{})
	for _, f := range lint.Suppress(res, res.Findings, false) {
		if f.Rule == lint.RuleSuppressionUnused && f.Pointer != "" {
			t.Errorf("validate reported %s", f)
		}
	}
}

// The document holds suppressions as HTML comments before the row,
// footnote or table: YAML -> md -> YAML keeps them (a suppression on a
// field is on its row in the document), and they keep suppressing the same
// findings; md -> YAML -> md is a fixed point.
func TestSuppressionsRoundTrip(t *testing.T) {
	src := suppressedYAML(t)
	res := load.Bytes("BE.yaml", []byte(src), load.Options{})
	md := string(document.Render(res.Model))
	for _, want := range []string{
		"<!-- factsheet-ignore date-past-due -- the plan is announced for June 2027 -->\nIs there a National Cancer Plan in place?\t",
		"<!-- factsheet-ignore footnote-placeholder-link,footnote-unusd -- the address is being restored -->\n<sup>1</sup> [WHO EMRO - eHealth](#)",
		"<!-- factsheet-ignore template-wording-drift -- as printed -->\nTable 5 : ",
		"<!-- factsheet-ignore answer-unsupported-yes -->\nIf not, are there discussions",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	fromMD := load.Bytes("BE.md", []byte(md), load.Options{})
	back := encode.YAML(fromMD.Model)
	again := load.Bytes("BE.yaml", back, load.Options{})
	if md2 := string(document.Render(again.Model)); md2 != md {
		t.Errorf("md -> YAML -> md is not a fixed point")
	}
	if a, b := directives(res), directives(again); !slices.Equal(a, b) {
		t.Errorf("suppressions changed in the round trip:\n%v\n%v", a, b)
	}
	summary := func(name, text string) []string {
		var out []string
		for _, f := range checked(name, text) {
			out = append(out, f.Rule)
		}
		slices.Sort(out)
		return out
	}
	if a, b := summary("BE.yaml", src), summary("BE.md", md); !slices.Equal(a, b) {
		t.Errorf("the document's suppressions do not suppress what the YAML's do:\n%v\n%v", a, b)
	}
	if a, b := summary("BE.yaml", src), summary("BE.yaml", string(back)); !slices.Equal(a, b) {
		t.Errorf("after YAML -> md -> YAML the suppressions do not suppress the same:\n%v\n%v", a, b)
	}
}

func directives(res *load.Result) []string {
	var out []string
	for _, s := range res.Model.Suppressions {
		out = append(out, s.Directive()+" detached="+strconv.FormatBool(s.Detached))
	}
	slices.Sort(out)
	return out
}

// TestSuppressIsLinear: a file with many suppressions and many findings
// costs their number, not its square (each finding looks up the places
// that cover it).
func TestSuppressIsLinear(t *testing.T) {
	run := func(n int) time.Duration {
		f := &model.Factsheet{}
		var fs []finding.Finding
		for i := range n {
			ptr := model.FootnotePtr(i)
			f.Suppressions = append(f.Suppressions, model.Suppression{Pointer: ptr, Rules: []string{"footnote-placeholder-link"}, Reason: "r", Line: i + 1, Col: 1})
			fs = append(fs, finding.Finding{Rule: "footnote-placeholder-link", Location: finding.Location{Pointer: ptr + "/text"}})
		}
		res := &load.Result{Name: "x.yaml", Model: f}
		start := time.Now()
		if left := lint.Suppress(res, fs, true); len(left) != 0 {
			t.Fatalf("%d findings left, want every one suppressed", len(left))
		}
		return time.Since(start)
	}
	run(1000) // warm up
	small, large := run(2000), run(40000)
	if ratio := float64(large) / float64(max(small, time.Microsecond)); ratio > 100 {
		t.Errorf("20x the suppressions take %.0fx as long (%v -> %v): not linear", ratio, small, large)
	}
}
