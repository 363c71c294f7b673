package config

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/schema"
)

var update = flag.Bool("update", false, "rewrite schema/config.schema.json")

// TestSchemaUpToDate keeps the embedded config schema in step with the
// rule registry.
func TestSchemaUpToDate(t *testing.T) {
	got := Schema()
	path := filepath.Join("..", "..", "schema", SchemaFile)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, _ := schema.File(SchemaFile)
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./internal/config -update", path)
	}
}

func day(s string) dates.Date {
	e, _ := dates.Parse(s)
	return e.From
}

// TestBadConfigs: each problem is reported with its line and column.
func TestBadConfigs(t *testing.T) {
	cases := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"unknown rule", "rules:\n  footnote-unresolvd: off\n", 2, 3, `unknown field "footnote-unresolvd" in rules (did you mean "footnote-unresolved"?)`},
		{"bad severity", "rules:\n  footnote-unused: loud\n", 2, 20, `must be one of "off", "info", "warning", "error"`},
		{"fatal off", "rules:\n  input-syntax: off\n", 2, 17, `must be one of "error"`},
		{"bad age", "max-age: soon\n", 1, 10, "max-age \"soon\" is not valid"},
		{"unknown key", "maxage: 12m\n", 1, 1, `unknown field "maxage" (did you mean "max-age"?)`},
		{"waiver without reason", "waivers:\n  - file: BE.yaml\n    rule: footnote-unused\n    expires: 2027-01-01\n", 2, 5, `required field "reason" is missing`},
		{"waiver bad date", "waivers:\n  - file: BE.yaml\n    rule: footnote-unused\n    reason: x\n    expires: 2027-02-30\n", 5, 14, "expires must be a real day"},
		{"waiver unknown rule", "waivers:\n  - file: BE.yaml\n    rule: nope\n    reason: x\n    expires: 2027-01-01\n", 3, 11, `unknown rule "nope"`},
		{"not yaml", "rules: [\n", 1, 1, "invalid YAML"},
		{"waiver unknown item", "waivers:\n  - file: BE.yaml\n    rule: footnote-unused\n    item: governance.national_bord\n    reason: x\n    expires: 2027-01-01\n", 4, 11, `unknown item "governance.national_bord" (did you mean "governance.national_board"?)`},
		// An item of a template the configuration does not list (given by
		// --template-file only) is unknown here; the message says where the
		// template belongs.
		{"waiver item of an unlisted template", "waivers:\n  - file: BE.yaml\n    rule: empty-cell\n    item: cancer_tools.ecosystem\n    reason: x\n    expires: 2027-01-01\n", 4, 11, `unknown item "cancer_tools.ecosystem" (name a section, question, term, Table 5 area or cell by its stable ID: governance.national_board; an item of a repository template needs the template under templates: in this configuration)`},
		{"bad ignore glob", "ignore:\n  - drafts/**\n  - \"archive/[0-9\"\n", 3, 5, `invalid glob "archive/[0-9": a [ or { is not closed`},
		{"bad waiver glob", "waivers:\n  - file: \"{BE,NL.yaml\"\n    rule: footnote-unused\n    reason: x\n    expires: 2027-01-01\n", 2, 11, `invalid glob "{BE,NL.yaml"`},
		{"waiver two places", "waivers:\n  - file: BE.yaml\n    rule: footnote-unused\n    item: footnotes\n    pointer: /footnotes/0\n    reason: x\n    expires: 2027-01-01\n", 2, 5, "pointer, item or footnote, not several"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(".factsheet.yaml", "/repo", []byte(c.text))
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("want a configuration error, got %v", err)
			}
			for _, f := range e.Findings {
				if f.Line == c.line && f.Column == c.col && strings.Contains(f.Message, c.msg) {
					return
				}
			}
			t.Errorf("no finding at %d:%d containing %q; got %v", c.line, c.col, c.msg, e.Findings)
		})
	}
}

func TestApply(t *testing.T) {
	cfg, err := Parse(".factsheet.yaml", "/repo", []byte(`max-age: 18m
rules:
  footnote-unused: off
  footnote-duplicate-source: warning
ignore:
  - archive/**
waivers:
  - file: factsheets/BE.*
    rule: footnote-placeholder-link
    pointer: /footnotes/0
    reason: links are being restored by the expert
    expires: 2026-12-31
  - file: factsheets/*.yaml
    rule: date-past-due
    reason: old plan
    expires: 2026-01-31
  - file: nothing/*
    rule: footnote-empty
    reason: never matches
    expires: 2030-01-01
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxAge != "18m" {
		t.Errorf("max-age = %q", cfg.MaxAge)
	}
	mk := func(rule, ptr string) finding.Finding {
		return finding.Finding{Rule: rule, Severity: finding.Warning, Location: finding.Location{File: "/repo/factsheets/BE.yaml", Pointer: ptr}}
	}
	in := []finding.Finding{
		mk("footnote-unused", "/footnotes/3"),                // off: dropped
		mk("footnote-duplicate-source", "/footnotes/4"),      // raised to warning
		mk("footnote-placeholder-link", "/footnotes/0/text"), // waived (under the pointer)
		mk("footnote-placeholder-link", "/footnotes/1/text"), // other pointer: kept
		mk("date-past-due", "/strategies/questions/x"),       // waiver expired: kept
		mk("input-syntax", ""),                               // fatal: kept as is
	}
	in[1].Severity = finding.Info
	out := cfg.Apply("/repo/factsheets/BE.yaml", in, day("2026-11-22"))
	var got []string
	for _, f := range out {
		got = append(got, f.Rule+"@"+f.Pointer+"="+f.Severity.String())
	}
	want := "footnote-duplicate-source@/footnotes/4=warning footnote-placeholder-link@/footnotes/1/text=warning date-past-due@/strategies/questions/x=warning input-syntax@=warning"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if !cfg.Ignored("/repo/archive/2023/BE.yaml") || cfg.Ignored("/repo/factsheets/BE.yaml") {
		t.Errorf("ignore globs misapplied")
	}
	if g := cfg.IgnoredBy("/repo/archive"); g != "archive/**" {
		t.Errorf("the ignored directory itself: %q", g)
	}
	wf := cfg.WaiverFindings(day("2026-11-22"), true)
	var rules []string
	for _, f := range wf {
		rules = append(rules, f.Rule+"@"+itoa(f.Line))
	}
	if strings.Join(rules, " ") != "waiver-expired@16 waiver-unused@17" {
		t.Errorf("waiver findings = %v", rules)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Waivers by item and by footnote source match the finding's identity, so
// they hold when the footnotes are renumbered (the pointer changes) and
// the form of the file changes.
// TestGlobDialect: the configuration's globs are internal/glob's
// (doublestar): ** crosses directories, including none, * and ? stay in one,
// classes and alternatives work; they are relative to the configuration's
// directory.
func TestGlobDialect(t *testing.T) {
	cfg, err := Parse(".factsheet.yaml", "/repo", []byte(`# synthetic configuration for the test
ignore:
  - "**/drafts/**"
  - "factsheets/*.old.yaml"
  - "{tmp,scratch}"
  - "20[0-9][0-9]/??.yaml"
waivers:
  - file: "factsheets/**/BE.yaml"
    rule: footnote-unused
    reason: x
    expires: 2030-01-01
`))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"/repo/drafts/BE.yaml":              true,
		"/repo/factsheets/drafts/x/BE.yaml": true,
		"/repo/factsheets/BE.old.yaml":      true,
		"/repo/factsheets/sub/BE.old.yaml":  false, // * stays in one directory
		"/repo/tmp":                         true,
		"/repo/scratch":                     true,
		"/repo/2023/BE.yaml":                true,
		"/repo/2023/BEL.yaml":               false,
		"/repo/factsheets/BE.yaml":          false,
		"/elsewhere/drafts/BE.yaml":         true, // the path as given matches **/drafts/** too
		"/elsewhere/factsheets/BE.old.yaml": false,
	} {
		if got := cfg.Ignored(path); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", path, got, want)
		}
	}
	w := cfg.Waivers[0]
	for path, want := range map[string]bool{
		"/repo/factsheets/BE.yaml":       true, // ** matches no directory
		"/repo/factsheets/2026/BE.yaml":  true,
		"/repo/factsheets/2026/NL.yaml":  false,
		"/repo/other/factsheets/BE.yaml": false,
	} {
		if got := cfg.Covers(w, path); got != want {
			t.Errorf("Covers(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestWaiversByItem(t *testing.T) {
	cfg, err := Parse(".factsheet.yaml", "/repo", []byte(`waivers:
  - file: "*"
    rule: date-past-due
    item: strategies.national_cancer_plan
    reason: the plan is announced for June
    expires: 2027-01-31
  - file: "*"
    rule: footnote-placeholder-link
    footnote: WHO EMRO - eHealth
    reason: the address is being found
    expires: 2027-01-31
  - file: "*"
    rule: footnote-duplicate-source
    footnote: https://MHealthBelgium.be/
    reason: cited again on purpose
    expires: 2027-01-31
  - file: "*"
    rule: answer-vocabulary
    item: governance
    reason: free answers in chapter 2
    expires: 2027-01-31
`))
	if err != nil {
		t.Fatal(err)
	}
	mk := func(rule, ptr, item string) finding.Finding {
		return finding.Finding{Rule: rule, Severity: finding.Warning, Location: finding.Location{File: "/repo/BE.txt", Pointer: ptr}, Item: item}
	}
	in := []finding.Finding{
		mk("date-past-due", "/strategies/questions/national_cancer_plan/comments", "strategies.national_cancer_plan.comments"), // waived
		mk("date-past-due", "/strategies/questions/national_strategy/comments", "strategies.national_strategy.comments"),       // kept
		mk("footnote-placeholder-link", "/footnotes/7/text", "footnotes[who emro - ehealth]"),                                  // waived, whatever its number
		mk("footnote-placeholder-link", "/footnotes/8/text", "footnotes[events - smart4health]"),                               // kept
		mk("footnote-duplicate-source", "/footnotes/27", "footnotes[https://mhealthbelgium.be]"),                               // waived
		mk("answer-vocabulary", "/governance/questions/ministry/answer", "governance.ministry.answer"),                         // waived
		mk("answer-vocabulary", "/strategies/questions/national_strategy/answer", "strategies.national_strategy.answer"),       // kept
		mk("answer-vocabulary", "/governance_extra/questions/ministry/answer", "governance_extra.ministry.answer"),             // kept: not under governance
	}
	var got []string
	for _, f := range cfg.Apply("/repo/BE.txt", in, day("2026-11-22")) {
		got = append(got, f.Item)
	}
	want := "strategies.national_strategy.comments footnotes[events - smart4health] strategies.national_strategy.answer governance_extra.ministry.answer"
	if strings.Join(got, " ") != want {
		t.Errorf("kept %s\nwant %s", strings.Join(got, " "), want)
	}
	if wf := cfg.WaiverFindings(day("2026-11-22"), true); len(wf) != 0 {
		t.Errorf("every waiver matched, but %v", wf)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	// Nothing in dir yet: whatever is found lies above the temporary
	// directory (none on a build machine, but the test does not need that:
	// the nearest file wins below).
	if above, ok := Find(sub); ok && strings.HasPrefix(above, dir) {
		t.Errorf("Find = %q before any configuration was written", above)
	}
	p := filepath.Join(dir, "a", ".factsheet.yaml")
	if err := os.WriteFile(p, []byte("max-age: 6m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, ok := Find(sub)
	if !ok || got != p {
		t.Errorf("Find = %q, %v; want %q", got, ok, p)
	}
}
