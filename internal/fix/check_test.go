package fix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
)

// TestBadFixIsNotApplied: a fix is kept only if the file reads afterwards
// as the fix meant. Fixes that would break the schema, change another
// value, or fix nothing are dropped, and the file is left as it was.
func TestBadFixIsNotApplied(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	reload := func(b []byte) *load.Result {
		r := load.Bytes("BE.yaml", b, load.Options{})
		fs := append(r.Findings, lint.Run(r, lint.Options{Today: dates.Date{Year: 2026, Month: 11, Day: 22}})...)
		r.Findings = finding.Sort(lint.Suppress(r, fs, true))
		return r
	}
	text := string(raw)
	at := func(s string) int {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in BE.yaml", s)
		}
		return i
	}
	wording := at("(HCP-HPC)")
	for _, tc := range []struct {
		name  string
		edits []Edit
	}{
		{"breaks the schema", []Edit{{wording, wording + 9, "(HCP-HCP)"}, {at("code: BE"), at("code: BE") + 8, "code: 12"}}},
		{"changes another value", []Edit{{wording, wording + 9, "(HCP-HCP)"}, {at("No data available."), at("No data available.") + 2, "Some"}}},
		{"breaks the YAML", []Edit{{wording, wording + 9, "(HCP-HCP)\n  x: ["}}},
		{"fixes nothing", []Edit{{wording, wording + 9, "(HCP-HXP)"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			saved := fixers["template-wording-drift"]
			defer func() { fixers["template-wording-drift"] = saved }()
			fixers["template-wording-drift"] = func(*load.Result, []finding.Finding) *Fix {
				return &Fix{Edits: append([]Edit(nil), tc.edits...), Expect: func(v any) any {
					delete(v.(map[string]any)["wording"].(map[string]any), "solutions.teleconferences")
					return v
				}}
			}
			out := File(raw, reload(raw), Options{Reload: reload})
			if out.Changed() || out.Fixed != 0 {
				t.Errorf("the fix was applied:\n%s", out.Diff())
			}
		})
	}
}
