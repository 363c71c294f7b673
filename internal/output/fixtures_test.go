package output

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleReports is a small, realistic run: a factsheet with an error that
// has a hint and a related place, a warning, an info, a file-level finding,
// text that needs escaping in every format; a clean file; a file named
// with characters URIs and workflow commands must escape.
func sampleReports() []Report {
	return []Report{
		{Name: "factsheets/BE.yaml", Findings: []finding.Finding{
			{
				Rule: "footnote-unresolved", Severity: finding.Error,
				Location: finding.Location{File: "factsheets/BE.yaml", Line: 12, Column: 7, Pointer: "/strategies/questions/national_cancer_plan/comments"},
				Message:  "footnote 16 is referenced but not defined",
				Hint:     "add footnote 16 to the footnotes, or remove the reference",
				Related: []finding.Related{{
					Location: finding.Location{File: "factsheets/BE.yaml", Line: 94, Column: 1, Pointer: "/footnotes/9"},
					Message:  "footnote 10",
				}},
			},
			{
				Rule: "date-past-due", Severity: finding.Warning,
				Location: finding.Location{File: "factsheets/BE.yaml", Line: 129, Column: 47, Pointer: "/strategies/questions/ehealth_strategy/comments"},
				Message:  `forward-looking statement about early 2026: "will be available in early 2026" <100% sure> & done`,
				Hint:     "say what happened, or give the new expected date",
			},
			{
				Rule: "footnote-duplicate-source", Severity: finding.Info,
				Location: finding.Location{File: "factsheets/BE.yaml", Line: 140, Column: 3, Pointer: "/footnotes/14~1a"},
				Message:  "footnotes 15 and 3 cite the same source",
			},
		}},
		{Name: "factsheets/FR.yaml"},
		{Name: "factsheets/odd, name: v2.yaml", Findings: []finding.Finding{
			{
				Rule: "input-syntax", Severity: finding.Error,
				Location: finding.Location{File: "factsheets/odd, name: v2.yaml", Line: 3, Column: 1},
				Message:  "line 3: mapping values are not allowed here\n  key: value: more",
			},
		}},
		{Name: "factsheets/locked.yaml", Findings: []finding.Finding{
			{
				Rule: "input-unreadable", Severity: finding.Error,
				Location: finding.Location{File: "factsheets/locked.yaml"},
				Message:  "cannot read the file: permission denied",
			},
		}},
	}
}

func sampleSummary(reports []Report) Summary {
	s := Summary{Files: len(reports)}
	for _, r := range reports {
		for _, f := range r.Findings {
			s.Counts.Add(f)
		}
	}
	return s
}

// testRules is a small, fixed registry for golden files, so that they do
// not change whenever a rule's wording does.
func testRules() []*rules.Rule {
	return []*rules.Rule{
		{ID: "footnote-duplicate-source", Category: "footnotes", Severity: finding.Info, Summary: "Two footnotes cite the same source.", Rationale: "Duplicate sources make the list longer without adding evidence."},
		{ID: "footnote-unresolved", Category: "footnotes", Severity: finding.Error, Summary: "A footnote reference has no footnote definition.", Rationale: "A reader who follows the reference finds nothing."},
		{ID: "date-past-due", Category: "dates", Severity: finding.Warning, Summary: "A forward-looking statement whose date has passed.", Rationale: "The factsheet says something will happen at a time that is over."},
		{ID: "input-syntax", Category: "input", Severity: finding.Error, Summary: "The file is not valid YAML or JSON."},
		{ID: "input-unreadable", Category: "input", Severity: finding.Error, Summary: "The file exists but cannot be read (permissions, I/O error).", Rationale: "Nothing in the file was checked.", Fatal: true},
	}
}

// run feeds reports to a printer and returns what it wrote.
func run(t *testing.T, p Printer, buf *bytes.Buffer, reports []Report) []byte {
	t.Helper()
	for _, r := range reports {
		if err := p.File(r); err != nil {
			t.Fatalf("File(%s): %v", r.Name, err)
		}
	}
	if err := p.Flush(sampleSummary(reports)); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	return buf.Bytes()
}

// render runs reports through a format made by New.
func render(t *testing.T, format string, opts Options, reports []Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	p, err := New(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	return run(t, p, &buf, reports)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/output -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./internal/output -update and review the diff)\n--- got:\n%s", path, got)
	}
}

// realReports lints the repository's shipped factsheets on a fixed day: the
// findings the tool really produces, whatever the rules say today.
func realReports(t *testing.T) []Report {
	t.Helper()
	opts := lint.Options{Today: dates.Date{Year: 2026, Month: 11, Day: 22}}
	var out []Report
	for _, name := range []string{"BE.txt", "BE.yaml"} {
		path := filepath.Join("..", "..", "testdata", "factsheets", name)
		res, err := load.Path(path, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fs := finding.Sort(append(res.Findings, lint.Run(res, opts)...))
		out = append(out, Report{Name: res.Name, Source: res.File, Findings: fs})
	}
	total := 0
	for _, r := range out {
		total += len(r.Findings)
	}
	if total == 0 {
		t.Fatal("the shipped factsheets have no findings on 2026-11-22: the schema tests would check nothing")
	}
	return out
}

func TestNewKnowsEveryFormat(t *testing.T) {
	for _, f := range Formats {
		if _, err := New(f, &bytes.Buffer{}, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := New("xml", &bytes.Buffer{}, Options{}); err == nil {
		t.Error("New(xml) did not fail")
	}
}
