package output

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// Text prints findings the way compilers do, one per line, followed by the
// source line and a caret under the column, then a summary line:
//
//	BE.yaml:12:7: error [schema-type] /governance/questions/ministry/answer: answer must be text, not a number (42)
//	   12 |       answer: 42
//	      |               ^
type Text struct {
	w     io.Writer
	opts  Options
	sev   map[finding.Severity]*color.Color
	dim   *color.Color
	bold  *color.Color
	files int
	// For the summary line.
	firstName    string
	withFindings int
	summaryOnly  bool // NewSummaryLine
	// For --statistics: findings per rule and severity.
	stats map[statKey]int
}

type statKey struct {
	rule string
	sev  finding.Severity
}

// NewText returns the text printer.
func NewText(w io.Writer, opts Options) *Text {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		// Decide from the option, never from the process's own stdout: the
		// command layer knows which writer this is.
		if opts.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return &Text{
		w: w, opts: opts,
		sev: map[finding.Severity]*color.Color{
			finding.Error:   mk(color.FgRed, color.Bold),
			finding.Warning: mk(color.FgYellow, color.Bold),
			finding.Info:    mk(color.FgCyan),
		},
		dim:  mk(color.Faint),
		bold: mk(color.Bold),
	}
}

// NewSummaryLine returns a text printer that prints only the last line,
// the summary ("BE.yaml: 1 error, 18 warnings, 4 info"). The command layer
// writes it to standard error when no text output goes to standard output
// (only report files, or JSON for a script), as golangci-lint does, so that
// a run that fails always says why.
func NewSummaryLine(w io.Writer, opts Options) *Text {
	t := NewText(w, opts)
	t.summaryOnly = true
	return t
}

// File prints the findings of one file.
func (t *Text) File(r Report) error {
	t.files++
	if t.files == 1 {
		t.firstName = r.Name
	}
	if len(r.Findings) > 0 {
		t.withFindings++
	}
	if t.summaryOnly {
		return nil
	}
	if t.opts.Statistics {
		if t.stats == nil {
			t.stats = map[statKey]int{}
		}
		for _, f := range r.Findings {
			t.stats[statKey{f.Rule, f.Severity}]++
		}
		return nil
	}
	var b strings.Builder
	for _, f := range r.Findings {
		t.finding(&b, r, f)
	}
	// A line that starts with a name or a message from the input must not
	// read as a GitHub workflow command.
	_, err := io.WriteString(t.w, source.NoCommands(b.String()))
	return err
}

func (t *Text) finding(b *strings.Builder, r Report, f finding.Finding) {
	b.WriteString(t.bold.Sprint(Sanitize(position(f.Location))))
	b.WriteString(": ")
	b.WriteString(t.sev[f.Severity].Sprint(f.Severity.String()))
	b.WriteString(" ")
	b.WriteString(t.dim.Sprint("[" + f.Rule + "]"))
	b.WriteString(" ")
	if what := subject(r, f.Location); what != "" {
		b.WriteString(Sanitize(what))
		b.WriteString(": ")
	}
	b.WriteString(Sanitize(f.Message))
	b.WriteString("\n")
	if t.opts.Quiet {
		return
	}
	if r.Source != nil && f.Line > 0 && f.Line <= r.Source.Lines() {
		t.excerpt(b, r.Source, f.Line, f.Column)
	}
	if f.Hint != "" {
		b.WriteString("      = hint: ")
		b.WriteString(Sanitize(f.Hint))
		b.WriteString("\n")
	}
	for _, rel := range f.Related {
		b.WriteString("      = ")
		b.WriteString(Sanitize(position(rel.Location)))
		if rel.Message != "" && rel.Message != rel.Place {
			b.WriteString(": " + Sanitize(rel.Message))
		}
		b.WriteString("\n")
	}
}

// subject is what a finding is about, as a person finds it in the
// document: the place the report names for the pointer ("footnote 23",
// `Table 2, row 4 "...", Comments/Experience`). A Word document's place is
// already in the position. The pointer is the subject only when no place
// can be named for it (a field the template does not have).
func subject(r Report, l finding.Location) string {
	if l.Line <= 0 && l.Place != "" {
		return ""
	}
	if r.Place != nil && l.Pointer != "" {
		if p := r.Place(l.Pointer); p != "" {
			return p
		}
	}
	return l.Pointer
}

// position is FILE:LINE:COL, or FILE: PLACE in a Word document (which
// has no lines): `BE.docx: Table 2, row 4 "...", Answer`.
func position(l finding.Location) string {
	if l.Line <= 0 {
		if l.Place != "" {
			return l.File + ": " + l.Place
		}
		return l.File
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// excerptWidth is how much of a long line is shown around the column: the
// document form has table rows of thousands of characters.
const excerptWidth = 100

// excerpt prints the source line (a window of it around the column for long
// lines) and a caret under the column. The window is cut from the line by
// byte offsets the file's index gives, so a finding on a line of megabytes
// costs the window, not the line.
func (t *Text) excerpt(b *strings.Builder, src *source.File, n, col int) {
	if col < 1 {
		col = 1
	}
	lineEnd := src.Offset(n+1, 1)
	if n < src.Lines() {
		lineEnd-- // the line end
	}
	// Columns of the window, 1-based, end exclusive.
	first, last := 1, excerptWidth+2
	prefix, suffix := "", ""
	if src.Offset(n, excerptWidth+1) < lineEnd { // longer than the width
		first = max(1, col-excerptWidth/3)
		last = first + excerptWidth
		if src.Offset(n, last) >= lineEnd {
			// Near the end: show the last excerptWidth characters.
			_, endCol := src.Position(lineEnd)
			last = endCol
			first = max(1, last-excerptWidth)
		}
		if first > 1 {
			prefix = "…"
		}
		if src.Offset(n, last) < lineEnd {
			suffix = "…"
		}
	}
	from, to := src.Offset(n, first), min(src.Offset(n, last), lineEnd)
	if to < from {
		to = from
	}
	shown := src.Text[from:to]
	gutter := fmt.Sprintf("%5d | ", n)
	b.WriteString(t.dim.Sprint(gutter))
	b.WriteString(prefix)
	b.WriteString(Sanitize(shown))
	b.WriteString(suffix)
	b.WriteString("\n")
	// The caret line copies tabs from the source so it lines up in any
	// terminal; every other character becomes a space, as many as the
	// excerpt shows for it (an escaped control character takes several).
	var caret strings.Builder
	caret.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)))
	before := shown
	if k := src.Offset(n, max(col, first)) - from; k >= 0 && k <= len(shown) {
		before = shown[:k]
	}
	for _, r := range Sanitize(before) {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	b.WriteString(t.dim.Sprint("      | "))
	b.WriteString(caret.String())
	b.WriteString(t.sev[finding.Error].Sprint("^"))
	b.WriteString("\n")
}

// Flush prints the summary line: "BE.md: 3 errors, 12 warnings, 2 info"
// for one file, "12 files checked, 2 with findings: ..." for several.
func (t *Text) Flush(s Summary) error {
	if t.opts.Statistics && !t.summaryOnly {
		if err := t.statistics(); err != nil {
			return err
		}
	}
	if t.opts.Quiet && !t.summaryOnly {
		return nil
	}
	counts := "no problems found"
	if s.Counts.Total() > 0 {
		counts = fmt.Sprintf("%s, %s, %d info", plural(s.Counts.Errors, "error"), plural(s.Counts.Warnings, "warning"), s.Counts.Infos)
	}
	var msg string
	switch {
	case s.Files == 1 && t.firstName != "":
		msg = Sanitize(t.firstName) + ": " + counts
	case s.Counts.Total() == 0:
		msg = fmt.Sprintf("%d files checked: %s", s.Files, counts)
	default:
		msg = fmt.Sprintf("%d files checked, %d with findings: %s", s.Files, t.withFindings, counts)
	}
	_, err := fmt.Fprintln(t.w, source.NoCommands(t.bold.Sprint(msg)))
	return err
}

// statistics prints the findings per rule, most frequent first, as ruff
// --statistics does: count, severity, rule.
func (t *Text) statistics() error {
	keys := make([]statKey, 0, len(t.stats))
	width := 0
	for k := range t.stats {
		keys = append(keys, k)
		width = max(width, len(k.rule))
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if t.stats[a] != t.stats[b] {
			return t.stats[a] > t.stats[b]
		}
		if a.rule != b.rule {
			return a.rule < b.rule
		}
		return a.sev > b.sev
	})
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%6d  %-7s  %s\n", t.stats[k], k.sev, k.rule)
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
