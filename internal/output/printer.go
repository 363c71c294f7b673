// Package output prints findings. One Printer interface, one file per
// format; every printer writes to an io.Writer it is given, so the command
// layer decides where output goes (stdout, a report file) and tests use
// buffers.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// Report is the findings of one file, in output order. Source is the decoded
// file when it could be decoded (text output quotes its lines).
type Report struct {
	Name     string
	Source   *source.File
	Findings []finding.Finding
	Country  string // the factsheet's ISO 3166-1 code; "" when it could not be read
	// Place names the part of the factsheet a JSON pointer points at as a
	// person finds it in the document ("footnote 23", `Table 2, row 4
	// "...", Comments/Experience`), or "" (see model.Factsheet.Place). Nil
	// when the file could not be read into a model.
	Place func(pointer string) string
}

// Summary closes a run.
type Summary struct {
	Files  int
	Counts finding.Counts
}

// Printer writes reports in one format. File is called once per checked
// file, in a deterministic order (also for files without findings, which
// some formats list); Flush is called once at the end.
type Printer interface {
	File(r Report) error
	Flush(s Summary) error
}

// Options are what the command layer decides for printers.
type Options struct {
	Color bool // ANSI colors (text only)
	// Quiet prints the findings only, one line each: no source excerpt,
	// hint, related places or summary (text only).
	Quiet bool
	// Statistics prints, instead of the findings, how many findings each
	// rule reported (text only), then the summary.
	Statistics bool
	Command    string // "lint" or "validate": report titles
	Version    string // tool version, for formats that record it
	// FailOn is the run's --fail-on: the findings at or above it are what
	// fails the run, and the formats that say pass or fail (JUnit) say it
	// of those only. The zero value, Info, fails on every finding.
	FailOn finding.Severity
}

// Formats lists the format names New accepts.
var Formats = []string{"text", "json", "sarif", "github", "junit", "codequality", "summary"}

// New returns the printer for a format name.
func New(format string, w io.Writer, opts Options) (Printer, error) {
	switch format {
	case "text":
		return NewText(w, opts), nil
	case "json":
		return NewJSON(w, opts), nil
	case "sarif":
		return NewSARIF(w, opts), nil
	case "github":
		return NewGitHub(w, opts), nil
	case "junit":
		return NewJUnit(w, opts), nil
	case "codequality":
		return NewCodeQuality(w, opts), nil
	case "summary":
		return NewMarkdownSummary(w, opts), nil
	}
	known := append([]string(nil), Formats...)
	sort.Strings(known)
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(known, ", "))
}

// Sanitize makes text from a factsheet safe for a terminal: control
// characters (an ANSI escape sequence hidden in a comment, say) and
// bidirectional formatting characters are shown as \xNN / \uNNNN instead of
// being sent to the terminal, a newline as \n. Tabs are kept. See
// source.Terminal, which the diff's reports use too.
func Sanitize(s string) string { return source.Terminal(s, false) }

// sanitizeLines is Sanitize for formats that keep line breaks (GitHub
// annotations, JUnit reports): each line is sanitized, the newlines stay.
func sanitizeLines(s string) string {
	if !strings.Contains(s, "\n") {
		return Sanitize(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Sanitize(l)
	}
	return strings.Join(lines, "\n")
}

// withHint joins a message and its hint on two lines, as the formats that
// have one message field (SARIF, GitHub) show them.
func withHint(f finding.Finding) string {
	msg := f.Message
	if f.Line <= 0 && f.Place != "" {
		// No line to annotate in a Word document: the message says where.
		msg = f.Place + ": " + msg
	}
	if f.Hint == "" {
		return msg
	}
	return msg + "\nhint: " + f.Hint
}
