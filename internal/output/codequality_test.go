package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

// TestCodeQuality checks the GitLab report: every field GitLab requires,
// its severity scale, unique fingerprints, and a line for file-level
// findings (GitLab requires lines.begin >= 1).
func TestCodeQuality(t *testing.T) {
	f := func(rule string, sev finding.Severity, line int, ptr, msg string) finding.Finding {
		return finding.Finding{Rule: rule, Severity: sev, Location: finding.Location{File: "./factsheets/BE.yaml", Line: line, Column: 3, Pointer: ptr}, Message: msg}
	}
	var buf bytes.Buffer
	p := NewCodeQuality(&buf, Options{})
	_ = p.File(Report{Name: "factsheets/BE.yaml", Findings: []finding.Finding{
		f("footnote-placeholder-link", finding.Warning, 291, "/footnotes/0/text", "placeholder link"),
		f("footnote-placeholder-link", finding.Warning, 291, "/footnotes/0/text", "placeholder link"),
		f("input-syntax", finding.Error, 0, "", "invalid YAML\x1b[31m"),
		f("footnote-duplicate-source", finding.Info, 340, "/footnotes/21", "same source"),
	}})
	_ = p.Flush(Summary{})
	var issues []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 4 {
		t.Fatalf("%d issues, want 4", len(issues))
	}
	seen := map[string]bool{}
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			if _, ok := is[k]; !ok {
				t.Errorf("issue %d lacks %s", i, k)
			}
		}
		fp := is["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("fingerprint %s repeated", fp)
		}
		seen[fp] = true
		loc := is["location"].(map[string]any)
		if loc["path"] != "factsheets/BE.yaml" {
			t.Errorf("path = %v", loc["path"])
		}
		if begin := loc["lines"].(map[string]any)["begin"].(float64); begin < 1 {
			t.Errorf("lines.begin = %v", begin)
		}
	}
	want := []string{"minor", "minor", "major", "info"}
	for i, w := range want {
		if issues[i]["severity"] != w {
			t.Errorf("issue %d severity = %v, want %s", i, issues[i]["severity"], w)
		}
	}
	if strings.Contains(buf.String(), "\x1b") {
		t.Errorf("a control character reached the report")
	}
}
