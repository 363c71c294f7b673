package lint

import (
	"fmt"
	"io"
	"strings"
)

// categoryTitles head the sections of docs/rules.md.
var categoryTitles = map[string]string{
	"footnotes":    "Footnotes and links",
	"dates":        "Dates",
	"template":     "Template",
	"answers":      "Answers",
	"input":        "Input",
	"schema":       "Schema",
	"document":     "Document layout",
	"word":         "Word documents",
	"config":       "Configuration",
	"suppressions": "Suppressions and baselines",
}

// WriteMarkdown writes the rules reference (docs/rules.md) from the
// registry.
func WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rule registry (internal/lint) by `go test ./internal/lint -update`; do not edit. -->\n\n")
	b.WriteString("Every finding names one of these rules. Severities are the defaults; `.factsheet.yaml` can change them\n")
	b.WriteString("(`off`, `info`, `warning`, `error`), except for the rules marked *always an error*, which report files that\n")
	b.WriteString("cannot be read. `factsheet rules` prints the same list.\n\n")
	b.WriteString("| Rule | Severity | Summary |\n|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, escapeCell(r.Summary))
	}
	cat := ""
	for _, r := range All() {
		if r.Category != cat {
			cat = r.Category
			fmt.Fprintf(&b, "\n## %s\n", categoryTitles[cat])
		}
		fmt.Fprintf(&b, "\n### %s\n\n", r.ID)
		sev := r.Severity.String()
		if r.Fatal {
			sev += " (always an error)"
		}
		fmt.Fprintf(&b, "Default severity: **%s**\n\n%s\n\n%s\n", sev, r.Summary, r.Rationale)
		if r.Bad != "" {
			fmt.Fprintf(&b, "\nReported:\n\n```\n%s\n```\n", r.Bad)
		}
		if r.Good != "" {
			fmt.Fprintf(&b, "\nFixed:\n\n```\n%s\n```\n", r.Good)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
