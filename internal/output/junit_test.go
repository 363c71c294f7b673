package output

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

// Parsed back the way a CI server reads the report.
type junitIn struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, out []byte) junitIn {
	t.Helper()
	// Well-formed: a strict token pass over the whole document first.
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, out)
		}
	}
	var in junitIn
	if err := xml.Unmarshal(out, &in); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return in
}

func TestJUnitGolden(t *testing.T) {
	golden(t, "junit.golden", render(t, "junit", Options{Command: "lint", FailOn: finding.Error}, sampleReports()))
}

func TestJUnitStructure(t *testing.T) {
	reports := sampleReports()
	out := render(t, "junit", Options{Command: "lint", FailOn: finding.Warning}, reports)
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration: %.60s", out)
	}
	in := parseJUnit(t, out)
	// 3 + 1 (clean file) + 1 + 1 testcases; the error, the warning and the
	// two file errors fail, the info passes.
	if in.Name != "factsheet" || in.Tests != 6 || in.Failures != 4 || in.Errors != 0 {
		t.Errorf("testsuites name=%q tests=%d failures=%d errors=%d, want factsheet 6 4 0", in.Name, in.Tests, in.Failures, in.Errors)
	}
	if len(in.Suites) != len(reports) {
		t.Fatalf("%d suites, want %d", len(in.Suites), len(reports))
	}
	sumTests, sumFailures := 0, 0
	for i, s := range in.Suites {
		if s.Name != reports[i].Name {
			t.Errorf("suite %d name %q, want %q", i, s.Name, reports[i].Name)
		}
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d for %d testcases", s.Name, s.Tests, len(s.Cases))
		}
		failures := 0
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %q: classname %q, want %q", c.Name, c.Classname, s.Name)
			}
			if c.Failure != nil {
				failures++
			}
		}
		if s.Failures != failures {
			t.Errorf("suite %s: failures=%d for %d failing testcases", s.Name, s.Failures, failures)
		}
		sumTests += s.Tests
		sumFailures += s.Failures
	}
	if sumTests != in.Tests || sumFailures != in.Failures {
		t.Errorf("totals %d/%d do not add up to %d/%d", in.Tests, in.Failures, sumTests, sumFailures)
	}

	be := in.Suites[0]
	wantNames := []string{
		"footnote-unresolved: /strategies/questions/national_cancer_plan/comments",
		"date-past-due: /strategies/questions/ehealth_strategy/comments",
		"footnote-duplicate-source: /footnotes/14~1a",
	}
	for i, want := range wantNames {
		if be.Cases[i].Name != want {
			t.Errorf("testcase %d name %q, want %q", i, be.Cases[i].Name, want)
		}
	}
	errCase := be.Cases[0]
	if errCase.Failure == nil || errCase.Failure.Type != "footnote-unresolved" ||
		errCase.Failure.Message != "error: footnote 16 is referenced but not defined" {
		t.Errorf("error testcase failure: %+v", errCase.Failure)
	} else {
		for _, want := range []string{
			"factsheets/BE.yaml:12:7: error [footnote-unresolved] /strategies/questions/national_cancer_plan/comments: footnote 16",
			"\nhint: add footnote 16",
			"\nrelated: factsheets/BE.yaml:94:1 /footnotes/9: footnote 10",
		} {
			if !strings.Contains(errCase.Failure.Text, want) {
				t.Errorf("failure text lacks %q:\n%s", want, errCase.Failure.Text)
			}
		}
	}
	if errCase.File != "factsheets/BE.yaml" || errCase.Line != 12 {
		t.Errorf("file=%q line=%d", errCase.File, errCase.Line)
	}
	if w := be.Cases[1].Failure; w == nil || !strings.HasPrefix(w.Message, "warning: ") {
		t.Errorf("warning testcase failure: %+v", w)
	}
	info := be.Cases[2]
	if info.Failure != nil || !strings.Contains(info.SystemOut, "info [footnote-duplicate-source]") {
		t.Errorf("info testcase: failure %+v, system-out %q", info.Failure, info.SystemOut)
	}

	clean := in.Suites[1]
	if len(clean.Cases) != 1 || clean.Cases[0].Name != "factsheet lint" || clean.Cases[0].Failure != nil || clean.Failures != 0 {
		t.Errorf("clean file suite: %+v", clean)
	}
	if whole := in.Suites[3].Cases[0]; whole.Name != "input-unreadable" || whole.Line != 0 {
		t.Errorf("whole-file testcase %q line %d", whole.Name, whole.Line)
	}
}

// Markup characters round-trip; control characters, which XML 1.0 cannot
// hold even as character references, are written as \xNN and the report
// stays well-formed.
func TestJUnitEscaping(t *testing.T) {
	msg := `a <b> & "c" 'd' ]]> tab	end` + "\nsecond line"
	nasty := "bell\x01 escape\x1b[31m nul\x00 del\x7f c1\u0085 nonchar\uffff"
	reports := []Report{{Name: "dir/<&>\x01.yaml", Findings: []finding.Finding{
		{Rule: "input-syntax", Severity: finding.Error, Location: finding.Location{File: "dir/<&>\x01.yaml", Line: 1, Column: 1, Pointer: "/a&b/<c>"}, Message: msg, Hint: "fix \"it\" & <go>"},
		{Rule: "input-control-character", Severity: finding.Error, Location: finding.Location{File: "dir/<&>\x01.yaml", Line: 2, Column: 5}, Message: nasty},
		{Rule: "footnote-duplicate-source", Severity: finding.Info, Location: finding.Location{File: "dir/<&>\x01.yaml", Line: 3, Column: 1}, Message: nasty},
	}}}
	out := render(t, "junit", Options{Command: "validate", FailOn: finding.Warning}, reports)
	in := parseJUnit(t, out)
	s := in.Suites[0]
	if s.Name != `dir/<&>\x01.yaml` {
		t.Errorf("suite name %q", s.Name)
	}
	first := s.Cases[0]
	if first.Name != "input-syntax: /a&b/<c>" {
		t.Errorf("testcase name %q", first.Name)
	}
	if first.Failure.Message != "error: "+msg {
		t.Errorf("message did not round-trip:\n got %q\nwant %q", first.Failure.Message, "error: "+msg)
	}
	if !strings.Contains(first.Failure.Text, msg) || !strings.Contains(first.Failure.Text, "hint: fix \"it\" & <go>") {
		t.Errorf("failure text did not round-trip: %q", first.Failure.Text)
	}
	want := `bell\x01 escape\x1B[31m nul\x00 del\x7F c1\x85 nonchar`
	if got := s.Cases[1].Failure.Message; !strings.HasPrefix(got, "error: "+want) {
		t.Errorf("control characters: got %q, want prefix %q", got, "error: "+want)
	}
	if got := s.Cases[2].SystemOut; !strings.Contains(got, want) {
		t.Errorf("control characters in system-out: %q", got)
	}
	for _, b := range out {
		if b < 0x20 && b != '\t' && b != '\n' {
			t.Fatalf("raw control byte %#x in the report", b)
		}
	}
}

// The real findings of the shipped factsheets make a well-formed report
// with one testcase per finding.
func TestJUnitRealFindings(t *testing.T) {
	reports := realReports(t)
	in := parseJUnit(t, render(t, "junit", Options{Command: "lint", FailOn: finding.Warning}, reports))
	var c finding.Counts
	for i, r := range reports {
		for _, f := range r.Findings {
			c.Add(f)
		}
		if want := max(len(r.Findings), 1); in.Suites[i].Tests != want {
			t.Errorf("%s: %d testcases, want %d", r.Name, in.Suites[i].Tests, want)
		}
	}
	if in.Failures != c.Errors+c.Warnings {
		t.Errorf("failures=%d, want errors+warnings=%d", in.Failures, c.Errors+c.Warnings)
	}
}

// What fails follows --fail-on: the report fails exactly when the run does
// (a passing job used to show every warning as a failed test).
func TestJUnitFailuresFollowFailOn(t *testing.T) {
	for _, tc := range []struct {
		failOn finding.Severity
		want   int // failing testcases of sampleReports: 3 errors, 1 warning, 1 info
	}{
		{finding.Error, 3},
		{finding.Warning, 4},
		{finding.Info, 5},
	} {
		t.Run("fail-on "+tc.failOn.String(), func(t *testing.T) {
			in := parseJUnit(t, render(t, "junit", Options{Command: "lint", FailOn: tc.failOn}, sampleReports()))
			if in.Failures != tc.want {
				t.Errorf("failures=%d, want %d", in.Failures, tc.want)
			}
			for _, s := range in.Suites {
				for _, c := range s.Cases {
					if c.Failure == nil && c.Name != "factsheet lint" && c.SystemOut == "" {
						t.Errorf("passing testcase %q has no details in system-out", c.Name)
					}
				}
			}
		})
	}
}

// Names are the finding's identity, not its place: the same findings with
// every line moved keep their names; repeats are numbered in output order.
func TestJUnitNamesAreStable(t *testing.T) {
	at := func(line int, pointer, place string) finding.Finding {
		return finding.Finding{Rule: "date-past-due", Severity: finding.Warning, Message: "past",
			Location: finding.Location{File: "BE.yaml", Line: line, Column: 3, Pointer: pointer, Place: place}}
	}
	names := func(fs ...finding.Finding) []string {
		in := parseJUnit(t, render(t, "junit", Options{Command: "lint"}, []Report{{Name: "BE.yaml", Findings: fs}}))
		var out []string
		for _, c := range in.Suites[0].Cases {
			out = append(out, c.Name)
		}
		return out
	}
	before := names(at(10, "/a", ""), at(12, "/a", ""), at(20, "/b", ""), at(30, "", ""), at(31, "", ""), at(40, "/c (2)", ""), at(41, "/c", ""), at(42, "/c", ""))
	after := names(at(110, "/a", ""), at(112, "/a", ""), at(120, "/b", ""), at(130, "", ""), at(131, "", ""), at(140, "/c (2)", ""), at(141, "/c", ""), at(142, "/c", ""))
	want := []string{
		"date-past-due: /a", "date-past-due: /a (2)", "date-past-due: /b",
		"date-past-due", "date-past-due (2)",
		"date-past-due: /c (2)", "date-past-due: /c", "date-past-due: /c (3)",
	}
	if !slices.Equal(before, want) || !slices.Equal(after, want) {
		t.Errorf("names\n before %q\n after  %q\n want   %q", before, after, want)
	}
	// A Word document's place (row numbers, paragraph numbers) is not in
	// the name either.
	if got := names(at(0, "/a", "Table 2, row 4"), at(0, "", "paragraph 12")); !slices.Equal(got, []string{"date-past-due: /a", "date-past-due"}) {
		t.Errorf("Word places in names: %q", got)
	}
}
