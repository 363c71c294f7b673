package lint_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
)

// updateSeed rewrites testdata/seed.golden. It is its own flag, not the
// -update of the generated files (docs/rules.md): every finding in the seed
// golden is reviewed by hand against the document, and make update-golden
// or make docs must never rewrite it unseen.
var updateSeed = flag.Bool("update-seed", false, "rewrite testdata/seed.golden (then review every finding by hand)")

// TestSeedFindings is the truth test: `factsheet lint --today 2026-11-22`
// on the published Belgian factsheet, compared with testdata/seed.golden.
// Every finding in the golden file was reviewed by hand against the
// document; each is a real defect:
//
//   - footnote-placeholder-link (13): footnotes 1, 2 (two links), 4, 5, 6,
//     7, 9, 23, 24, 26 and 28 (two links) keep the title of a hyperlink with
//     "(#)" instead of its address: Word export lost the addresses.
//   - footnote-malformed-url (1): footnote 16 pastes three sources into one
//     link; its "address" holds spaces and cannot open.
//   - date-past-due (2): "An updated plan is in development in early 2026
//     but not published yet" and "The National Cancer Plan is under
//     development and will be available in early 2026": early 2026 ended on
//     30 April 2026, seven months before the review day. Since issue 15
//     each message names the words that make the date a promise ("in
//     development" … "early 2026", "will be available" … "early 2026");
//     the findings themselves did not change.
//   - date-as-of-stale (1): "The strategy/roadmap (as of 2021 for 2022 to
//     2024)": a snapshot of 2021, almost five years old.
//   - answer-unsupported-yes (1): strategies.cancer_strategy_discussions
//     is answered "Yes" with an empty comment and no footnote.
//   - template-wording-drift (1): the Table 5 column "(HCP-HPC)" is a typo
//     of the template's "(HCP-HCP)".
//   - footnote-duplicate-source (4, info): footnote 22 repeats footnote 10's
//     address, 27 and 29 repeat 14's (mhealthbelgium.be), 28 repeats 26's
//     placeholder link.
//
// And what must NOT be reported, because it is right: references that
// resolve across chapters (footnotes 21 and 22 are defined after chapter
// 4's table), footnote 14's source cited again on purpose by later
// footnotes (info only), the plan periods "2025-2027" and "for 2022 to
// 2024" ("following the previous one": a period, not a deadline, and
// not described as current: the roadmap's clause dates itself "as of
// 2021", a snapshot, which date-as-of-stale judges), "Since January 2026"
// (a reference, not a deadline), "was officially published on March 2025"
// (past), "the 2025 digital decade eHealth indicator study" (a year naming
// a study), "as of February
// 2026" (nine months: within twelve), the dates inside addresses and
// footnote titles ("Actieplan eGezondheid 2022-2024"), and the conditional
// questions, which are consistent (public agency Yes -> other institutions
// N/A; cancer strategy No -> discussions Yes).
func TestSeedFindings(t *testing.T) {
	text := read(t, "BE.txt")
	res := load.Bytes("BE.txt", []byte(text), load.Options{})
	fs := finding.Sort(append(res.Findings, lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge})...))
	var buf bytes.Buffer
	p := output.NewText(&buf, output.Options{})
	_ = p.File(output.Report{Name: "BE.txt", Source: res.File, Findings: fs})
	var counts finding.Counts
	for _, f := range fs {
		counts.Add(f)
	}
	_ = p.Flush(output.Summary{Files: 1, Counts: counts})
	golden := filepath.Join("testdata", "seed.golden")
	if *updateSeed {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("lint of the seed differs from %s (go test ./internal/lint -run TestSeedFindings -update-seed, then review every finding):\n%s", golden, buf.String())
	}
	byRule := map[string]int{}
	for _, f := range fs {
		byRule[f.Rule]++
	}
	wantCounts := map[string]int{
		"footnote-placeholder-link": 13, "footnote-malformed-url": 1, "date-past-due": 2, "date-as-of-stale": 1,
		"answer-unsupported-yes": 1, "template-wording-drift": 1, "footnote-duplicate-source": 4,
	}
	for rule, n := range wantCounts {
		if byRule[rule] != n {
			t.Errorf("%s: %d findings, want %d", rule, byRule[rule], n)
		}
	}
	if len(byRule) != len(wantCounts) {
		t.Errorf("rules reported: %v, want exactly %v", byRule, wantCounts)
	}
}

// TestFormsAgree: the YAML and JSON forms of the seed give the same
// findings as the document (same rules, pointers and messages), each at
// its own form's lines.
func TestFormsAgree(t *testing.T) {
	key := func(name, text string) []string {
		var out []string
		for _, f := range lintText(name, text) {
			out = append(out, f.Rule+" "+f.Pointer+" "+f.Message)
		}
		sort.Strings(out)
		return out
	}
	doc := key("BE.txt", read(t, "BE.txt"))
	yaml := key("BE.yaml", read(t, "BE.yaml"))
	if strings.Join(doc, "\n") != strings.Join(yaml, "\n") {
		t.Errorf("the document and its YAML disagree:\ndoc:\n%s\nyaml:\n%s", strings.Join(doc, "\n"), strings.Join(yaml, "\n"))
	}
}
