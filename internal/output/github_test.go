package output

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

// runnerUnescape undoes the escaping the way the runner does
// (actions/runner ActionCommand.cs): %25 last, so that an escaped "%0A" in
// the text comes back as "%0A" and not as a newline.
func runnerUnescape(s string, property bool) string {
	pairs := []string{"%0D", "\r", "%0A", "\n"}
	if property {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return strings.ReplaceAll(s, "%25", "%")
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, property string }{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"line 1\nline 2", "line 1%0Aline 2", "line 1%0Aline 2"},
		{"crlf\r\nend", "crlf%0D%0Aend", "crlf%0D%0Aend"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"::error::injected", "::error::injected", "%3A%3Aerror%3A%3Ainjected"},
		{"literal %0A stays", "literal %250A stays", "literal %250A stays"},
		{"%3A%2C", "%253A%252C", "%253A%252C"},
		{"factsheets/odd, name: v2.yaml", "factsheets/odd, name: v2.yaml", "factsheets/odd%2C name%3A v2.yaml"},
		{"", "", ""},
	} {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.property)
		}
		if back := runnerUnescape(escapeData(tc.in), false); back != tc.in {
			t.Errorf("data %q does not round-trip: %q", tc.in, back)
		}
		if back := runnerUnescape(escapeProperty(tc.in), true); back != tc.in {
			t.Errorf("property %q does not round-trip: %q", tc.in, back)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    finding.Finding
		want string
	}{
		{
			"error with position",
			finding.Finding{Rule: "schema-type", Severity: finding.Error, Location: finding.Location{File: "BE.yaml", Line: 12, Column: 7}, Message: "answer must be text, not a number (42)"},
			"::error file=BE.yaml,line=12,col=7,title=schema-type::answer must be text, not a number (42)",
		},
		{
			"warning with hint on a second line",
			finding.Finding{Rule: "date-past-due", Severity: finding.Warning, Location: finding.Location{File: "./x/BE.yaml", Line: 3, Column: 1}, Message: "due", Hint: "say what happened"},
			"::warning file=x/BE.yaml,line=3,col=1,title=date-past-due::due%0Ahint: say what happened",
		},
		{
			"info is a notice",
			finding.Finding{Rule: "waiver-unused", Severity: finding.Info, Location: finding.Location{File: ".factsheet.yaml", Line: 9, Column: 5}, Message: "the waiver matched nothing"},
			"::notice file=.factsheet.yaml,line=9,col=5,title=waiver-unused::the waiver matched nothing",
		},
		{
			"whole file: no line or col",
			finding.Finding{Rule: "input-unreadable", Severity: finding.Error, Location: finding.Location{File: "locked.yaml"}, Message: "cannot read the file: permission denied"},
			"::error file=locked.yaml,title=input-unreadable::cannot read the file: permission denied",
		},
		{
			"comma and colon in the file name, % and newlines in the message",
			finding.Finding{Rule: "input-syntax", Severity: finding.Error, Location: finding.Location{File: "dir/a,b:c.yaml", Line: 1, Column: 2}, Message: "100% wrong\nsecond line\r\n::warning::not a command"},
			`::error file=dir/a%2Cb%3Ac.yaml,line=1,col=2,title=input-syntax::100%25 wrong%0Asecond line\x0D%0A::warning::not a command`,
		},
		{
			"terminal escapes are shown, not sent",
			finding.Finding{Rule: "input-control-character", Severity: finding.Error, Location: finding.Location{File: "a.yaml", Line: 1, Column: 1}, Message: "text \x1b[31mred\x01"},
			`::error file=a.yaml,line=1,col=1,title=input-control-character::text \x1B[31mred\x01`,
		},
	} {
		got := githubCommand(tc.f)
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
		if strings.ContainsAny(got, "\r\n") {
			t.Errorf("%s: command spans lines: %q", tc.name, got)
		}
	}
}

func TestGitHubGolden(t *testing.T) {
	golden(t, "github.golden", render(t, "github", Options{Command: "lint"}, sampleReports()))
}

// One command per finding and nothing else, for the real findings too.
func TestGitHubOneLinePerFinding(t *testing.T) {
	reports := append(sampleReports(), realReports(t)...)
	out := render(t, "github", Options{}, reports)
	n := 0
	for _, r := range reports {
		n += len(r.Findings)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines for %d findings", len(lines), n)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::notice file=") {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	// No findings at all: no output at all.
	if out := render(t, "github", Options{}, []Report{{Name: "clean.yaml"}}); len(out) != 0 {
		t.Errorf("output for a clean run: %q", out)
	}
}
