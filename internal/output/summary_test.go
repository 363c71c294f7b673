package output

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

func TestMarkdownSummaryGolden(t *testing.T) {
	reports := sampleReports()
	reports[0].Country = "BE"
	reports[1].Country = "FR"
	golden(t, "summary.golden", render(t, "summary", Options{Command: "lint", FailOn: finding.Error}, reports))
}

// The Result column and the failing count follow --fail-on.
func TestMarkdownSummaryFailOn(t *testing.T) {
	for _, tc := range []struct {
		failOn finding.Severity
		want   string // BE.yaml's row: 1 error, 1 warning, 1 info
		count  string
	}{
		{finding.Error, "| 1 | 1 | 1 | **fails** |", "3 failing (`--fail-on error`)"},
		{finding.Info, "| 1 | 1 | 1 | **fails** |", "3 failing (`--fail-on info`)"},
	} {
		out := string(render(t, "summary", Options{Command: "lint", FailOn: tc.failOn}, sampleReports()))
		if !strings.Contains(out, tc.want) || !strings.Contains(out, tc.count) {
			t.Errorf("fail-on %s:\n%s", tc.failOn, out)
		}
	}
	warnOnly := []Report{{Name: "NL.yaml", Country: "NL", Findings: []finding.Finding{{Rule: "date-past-due", Severity: finding.Warning, Message: "m"}}}}
	if out := string(render(t, "summary", Options{Command: "lint", FailOn: finding.Error}, warnOnly)); !strings.Contains(out, "| NL | NL.yaml | 0 | 1 | 0 | passes |") || !strings.Contains(out, "0 failing") {
		t.Errorf("a warning under --fail-on error:\n%s", out)
	}
	if out := string(render(t, "summary", Options{Command: "lint", FailOn: finding.Warning}, warnOnly)); !strings.Contains(out, "| NL | NL.yaml | 0 | 1 | 0 | **fails** |") {
		t.Errorf("a warning under --fail-on warning:\n%s", out)
	}
}

// A file name cannot add Markdown, HTML, a mention or a table cell to the
// page.
func TestMarkdownSummaryEscapes(t *testing.T) {
	name := "x|<img src=1>`*_[a](b)~$:@team\x1b[31m.yaml"
	out := string(render(t, "summary", Options{Command: "lint"}, []Report{{Name: name}}))
	row := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| —") {
			row = l
		}
	}
	want := `| — | x\|&lt;img src=1&gt;` + "\\`" + `\*\_\[a\](b)\~\$\:\@team\\x1B\[31m.yaml | 0 | 0 | 0 | passes |`
	if row != want {
		t.Errorf("row\n got %s\nwant %s", row, want)
	}
	if strings.Count(row, "|")-strings.Count(row, `\|`) != 7 {
		t.Errorf("the name added cells: %s", row)
	}
}
