package lint

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecanplus/factsheet/internal/rules"
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

// DocURL is where a rule's documentation is published: DocURL + rule ID.
const DocURL = "https://github.com/ecanplus/factsheet/blob/main/docs/rules.md#"

// WriteMarkdown writes the rules reference (docs/rules.md) from the
// registry.
func WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rule registry (internal/lint) by `go test ./internal/lint -update`; do not edit. -->\n\n")
	b.WriteString("Every finding names one of these rules. Severities are the defaults; `.factsheet.yaml` can change them\n")
	b.WriteString("(`off`, `info`, `warning`, `error`), except for the rules marked *always an error*, which report files that\n")
	b.WriteString("cannot be read. `factsheet rules` prints the same list.\n\n")
	b.WriteString("The Fix column says which findings `factsheet lint --fix` fixes: *safe* fixes are applied by `--fix`,\n")
	b.WriteString("*unsafe* ones (they may change what the factsheet says) only with `--unsafe-fixes` as well; see\n")
	b.WriteString("[fixing findings](fixing.md).\n\n")
	b.WriteString("| Rule | Severity | Fix | Summary |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, fixableCell(r), escapeCell(r.Summary))
	}
	cat := ""
	for _, r := range rules.All() {
		if r.Category != cat {
			if cat == "dates" {
				b.WriteString("\n" + dateAccuracy)
			}
			cat = r.Category
			fmt.Fprintf(&b, "\n## %s\n", categoryTitles[cat])
		}
		writeRuleMarkdown(&b, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRuleMarkdown writes one rule's section of docs/rules.md.
func WriteRuleMarkdown(w io.Writer, r *Rule) error {
	var b strings.Builder
	writeRuleMarkdown(&b, r)
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}

func writeRuleMarkdown(b *strings.Builder, r *Rule) {
	fmt.Fprintf(b, "\n### %s\n\n", r.ID)
	sev := r.Severity.String()
	if r.Fatal {
		sev += " (always an error)"
	}
	fmt.Fprintf(b, "Default severity: **%s**", sev)
	if r.Fix != rules.NoFix {
		fmt.Fprintf(b, " · Fix: **%s** (`lint --fix", r.Fix)
		if r.Fix == rules.UnsafeFix {
			b.WriteString(" --unsafe-fixes")
		}
		b.WriteString("`)")
	}
	fmt.Fprintf(b, "\n\n%s\n\n%s\n", r.Summary, r.Rationale)
	if len(r.Settings) > 0 {
		fmt.Fprintf(b, "\nSettings: %s.\n", strings.Join(r.Settings, "; "))
	}
	if r.Bad != "" {
		fmt.Fprintf(b, "\nReported:\n\n```\n%s\n```\n", r.Bad)
	}
	if r.Good != "" {
		fmt.Fprintf(b, "\nFixed:\n\n```\n%s\n```\n", r.Good)
	}
}

// Explain writes what `factsheet rules RULE` prints: the rule's summary and
// why it matters, its examples, whether it can be fixed automatically, and
// how to configure it.
func Explain(w io.Writer, r *Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s)\n\n", r.ID, r.Severity, r.Category)
	fmt.Fprintf(&b, "%s\n\n", wrap(r.Summary, 78))
	fmt.Fprintf(&b, "Why:\n%s\n", indent(wrap(r.Rationale, 76), "  "))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nReported:\n%s\n", indent(r.Bad, "    "))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nFixed:\n%s\n", indent(r.Good, "    "))
	}
	b.WriteString("\nFixable: " + fixableText(r) + "\n")
	b.WriteString("\nConfiguration (.factsheet.yaml):\n")
	if r.Fatal {
		fmt.Fprintf(&b, "  default severity: error, always: the rule reports files that cannot be read,\n")
		fmt.Fprintf(&b, "                    so it cannot be turned off or lowered\n")
	} else {
		fmt.Fprintf(&b, "  default severity: %s\n", r.Severity)
		fmt.Fprintf(&b, "  change it:        rules: {%s: off}   (or info, warning, error)\n", r.ID)
		fmt.Fprintf(&b, "  for one run:      factsheet lint --disable %s (or --enable)\n", r.ID)
		fmt.Fprintf(&b, "  accept a finding: waivers: [{file: BE.yaml, rule: %s, reason: ..., expires: YYYY-MM-DD}]\n", r.ID)
	}
	for _, s := range r.Settings {
		fmt.Fprintf(&b, "  setting:          %s\n", s)
	}
	fmt.Fprintf(&b, "\nDocumentation: %s%s\n", DocURL, r.ID)
	_, err := io.WriteString(w, b.String())
	return err
}

// fixableText says whether lint --fix fixes a rule's findings.
func fixableText(r *Rule) string {
	switch r.Fix {
	case rules.SafeFix:
		return "yes, safe (lint --fix)"
	case rules.UnsafeFix:
		return "yes, unsafe (lint --fix --unsafe-fixes: the fix may change what the factsheet says; review it)"
	}
	return "no (edit the factsheet)"
}

// fixableCell is the Fix column of the rules table.
func fixableCell(r *Rule) string {
	switch r.Fix {
	case rules.SafeFix:
		return "safe"
	case rules.UnsafeFix:
		return "unsafe"
	}
	return ""
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		l := len([]rune(word))
		if n > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
