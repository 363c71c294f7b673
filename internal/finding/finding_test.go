package finding_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

func TestSeverityNames(t *testing.T) {
	var zero finding.Severity
	if zero != finding.Info {
		t.Errorf("the zero severity is %v, want info: an unset severity must never block a commit", zero)
	}
	for _, tc := range []struct {
		in   string
		want finding.Severity
		ok   bool
	}{
		{"error", finding.Error, true},
		{"ERROR", finding.Error, true},
		{" warning ", finding.Warning, true},
		{"warn", finding.Warning, true},
		{"info", finding.Info, true},
		{"fatal", finding.Info, false},
		{"", finding.Info, false},
	} {
		got, err := finding.ParseSeverity(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	for _, s := range []finding.Severity{finding.Info, finding.Warning, finding.Error} {
		back, err := finding.ParseSeverity(s.String())
		if err != nil || back != s {
			t.Errorf("%v does not round-trip: %v, %v", s, back, err)
		}
	}
}

// TestJSON: every output format says "error", never 2.
func TestJSON(t *testing.T) {
	f := finding.Finding{Rule: "footnote-unused", Severity: finding.Warning,
		Location: finding.Location{File: "BE.yaml", Line: 3, Column: 5, Pointer: "/footnotes/2"}, Message: "unused"}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"rule":"footnote-unused","severity":"warning","file":"BE.yaml","line":3,"column":5,"pointer":"/footnotes/2","message":"unused"}`
	if string(b) != want {
		t.Errorf("JSON %s\nwant %s", b, want)
	}
	var back finding.Finding
	if err := json.Unmarshal(b, &back); err != nil || back.Severity != finding.Warning || back.Location != f.Location {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"severity":"fatal"}`), &back); err == nil {
		t.Error("an unknown severity was accepted")
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		f    finding.Finding
		want string
	}{
		{finding.Finding{Rule: "schema-type", Severity: finding.Error,
			Location: finding.Location{File: "BE.yaml", Line: 4, Column: 9, Pointer: "/country/name"}, Message: "name must be text"},
			"BE.yaml:4:9: error [schema-type] /country/name: name must be text"},
		{finding.Finding{Rule: "input-unreadable", Severity: finding.Error,
			Location: finding.Location{File: "locked.yaml"}, Message: "cannot read the file"},
			"locked.yaml: error [input-unreadable] cannot read the file"},
		{finding.Finding{Rule: "footnote-duplicate-source", Severity: finding.Info,
			Location: finding.Location{File: "BE.txt", Line: 94, Column: 1}, Message: "same source"},
			"BE.txt:94:1: info [footnote-duplicate-source] same source"},
	} {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func at(file string, line, col int, rule, ptr, msg string, sev finding.Severity) finding.Finding {
	return finding.Finding{Rule: rule, Severity: sev,
		Location: finding.Location{File: file, Line: line, Column: col, Pointer: ptr}, Message: msg}
}

// TestSortOrder: by file, line, column, rule, pointer, message — the one
// order of every output, whatever order rules and workers produced.
func TestSortOrder(t *testing.T) {
	want := []finding.Finding{
		at("A.yaml", 0, 0, "input-unreadable", "", "whole file", finding.Error),
		at("A.yaml", 1, 1, "z-rule", "", "m", finding.Info),
		at("A.yaml", 2, 1, "a-rule", "", "m", finding.Info),
		at("A.yaml", 2, 3, "a-rule", "", "m", finding.Info),
		at("A.yaml", 2, 3, "b-rule", "/a", "m", finding.Info),
		at("A.yaml", 2, 3, "b-rule", "/b", "m", finding.Info),
		at("A.yaml", 2, 3, "b-rule", "/b", "n", finding.Info),
		at("B.yaml", 1, 1, "a-rule", "", "m", finding.Info),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		in := slices.Clone(want)
		r.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		if got := finding.Sort(in); !slices.EqualFunc(got, want, same) {
			t.Fatalf("Sort = %v\nwant %v", got, want)
		}
	}
}

func same(a, b finding.Finding) bool {
	return finding.Compare(a, b) == 0 && a.Severity == b.Severity && a.Hint == b.Hint && slices.Equal(a.Related, b.Related)
}

// TestSortDeterministicAndDeduplicated: findings that differ only in
// severity or hint still come out in one order, whatever the input order;
// exact duplicates are removed even when they are not next to each other
// in the input (two paths to the same schema error).
func TestSortDeterministicAndDeduplicated(t *testing.T) {
	base := at("BE.yaml", 3, 1, "schema-type", "/x", "wrong", finding.Error)
	warn := base
	warn.Severity = finding.Warning
	hinted := base
	hinted.Hint = "write text"
	related := base
	related.Related = []finding.Related{{Location: finding.Location{File: "BE.yaml", Line: 1, Column: 1}, Message: "first"}}
	in := []finding.Finding{base, warn, hinted, base, related, warn, base}
	var first []finding.Finding
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50 {
		shuffled := slices.Clone(in)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := finding.Sort(shuffled)
		if len(got) != 4 {
			t.Fatalf("Sort kept %d findings, want the 4 distinct ones: %v", len(got), got)
		}
		if i == 0 {
			first = got
		} else if !slices.EqualFunc(got, first, same) {
			t.Fatalf("the order depends on the input order:\n%v\n%v", got, first)
		}
	}
	if first[0].Severity != finding.Error || first[len(first)-1].Severity != finding.Warning {
		t.Errorf("among equal findings, errors come first: %v", first)
	}
}

func TestCounts(t *testing.T) {
	var c finding.Counts
	if c.AtLeast(finding.Info) || c.Total() != 0 {
		t.Error("empty counts are at least info")
	}
	c.Add(finding.Finding{Severity: finding.Info})
	if !c.AtLeast(finding.Info) || c.AtLeast(finding.Warning) || c.AtLeast(finding.Error) {
		t.Errorf("one info: %+v", c)
	}
	c.Add(finding.Finding{Severity: finding.Warning})
	if !c.AtLeast(finding.Warning) || c.AtLeast(finding.Error) {
		t.Errorf("a warning: %+v", c)
	}
	c.Add(finding.Finding{Severity: finding.Error})
	c.Add(finding.Finding{Severity: finding.Error})
	if !c.AtLeast(finding.Error) || c != (finding.Counts{Errors: 2, Warnings: 1, Infos: 1}) || c.Total() != 4 {
		t.Errorf("counts %+v", c)
	}
}
