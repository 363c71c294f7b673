package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
)

// MarkdownSummary prints a Markdown table of the run, one row per checked
// file with its country and its counts per severity, for a CI job's summary
// page (GitHub's $GITHUB_STEP_SUMMARY) or a merge-request comment:
//
//	### factsheet lint
//
//	2 files checked, 1 with findings: 1 error, 18 warnings, 4 info. 1 failing (`--fail-on error`).
//
//	| Country | File | Errors | Warnings | Info | Result |
//	|---|---|--:|--:|--:|---|
//	| BE | factsheets/BE.yaml | 1 | 18 | 4 | fails |
//	| FR | factsheets/FR.yaml | 0 | 0 | 0 | passes |
//
// A file fails when it has a finding at or above --fail-on
// (Options.FailOn). The findings themselves are in the other formats
// (annotations, SARIF): a summary page has a size limit, a table of counts
// stays small for a thousand files. File names are escaped, so a name
// cannot add Markdown or HTML to the page.
type MarkdownSummary struct {
	w            io.Writer
	opts         Options
	rows         strings.Builder
	withFindings int
	failing      int
}

// NewMarkdownSummary returns the summary printer.
func NewMarkdownSummary(w io.Writer, opts Options) *MarkdownSummary {
	return &MarkdownSummary{w: w, opts: opts}
}

// File adds the row of one file.
func (m *MarkdownSummary) File(r Report) error {
	var c finding.Counts
	for _, f := range r.Findings {
		c.Add(f)
	}
	if c.Total() > 0 {
		m.withFindings++
	}
	country := "—"
	if r.Country != "" {
		country = markdownText(r.Country)
	}
	result := "passes"
	if c.AtLeast(m.opts.FailOn) {
		result = "**fails**"
		m.failing++
	}
	fmt.Fprintf(&m.rows, "| %s | %s | %d | %d | %d | %s |\n", country, markdownText(r.Name), c.Errors, c.Warnings, c.Infos, result)
	return nil
}

// Flush writes the heading, the summary line and the table.
func (m *MarkdownSummary) Flush(s Summary) error {
	command := m.opts.Command
	if command == "" {
		command = "check"
	}
	counts := "no problems found"
	if s.Counts.Total() > 0 {
		counts = fmt.Sprintf("%s, %s, %d info", plural(s.Counts.Errors, "error"), plural(s.Counts.Warnings, "warning"), s.Counts.Infos)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "### factsheet %s\n\n", command)
	fmt.Fprintf(&b, "%s checked, %d with findings: %s. %d failing (`--fail-on %s`).\n\n", plural(s.Files, "file"), m.withFindings, counts, m.failing, m.opts.FailOn)
	if s.Files > 0 {
		b.WriteString("| Country | File | Errors | Warnings | Info | Result |\n|---|---|--:|--:|--:|---|\n")
		b.WriteString(m.rows.String())
	}
	_, err := io.WriteString(m.w, b.String())
	return err
}

// markdownText makes text from the input (a file name) literal in GitHub
// Markdown and in a table cell: control characters escaped as in the text
// output, HTML's &, < and > as entities, and behind a backslash what would
// start emphasis, code, a link, math or an emoji, a mention (@someone is
// notified when the text is posted as a comment) or end the cell (|).
func markdownText(s string) string {
	s = Sanitize(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$', ':', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
