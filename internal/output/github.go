package output

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
)

// GitHub prints GitHub Actions workflow commands, one line per finding,
// which the runner turns into annotations on the file and line:
//
//	::error file=BE.yaml,line=12,col=7,title=schema-type::answer must be text, not a number (42)
//
// Errors are ::error, warnings ::warning, infos ::notice. line and col are
// left out for a finding about a whole file; the hint follows the message
// on a second line. Nothing else is printed: no summary, no output for a
// file without findings.
type GitHub struct {
	w io.Writer
}

// NewGitHub returns the GitHub Actions printer.
func NewGitHub(w io.Writer, _ Options) *GitHub {
	return &GitHub{w: w}
}

// File prints one command per finding.
func (g *GitHub) File(r Report) error {
	if len(r.Findings) == 0 {
		return nil
	}
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(githubCommand(f))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(g.w, b.String())
	return err
}

// Flush prints nothing: the runner ignores lines that are not commands, and
// the text format has the summary.
func (g *GitHub) Flush(Summary) error { return nil }

func githubCommand(f finding.Finding) string {
	var b strings.Builder
	b.WriteString("::")
	switch f.Severity {
	case finding.Error:
		b.WriteString("error")
	case finding.Warning:
		b.WriteString("warning")
	default:
		b.WriteString("notice")
	}
	var props []string
	if f.File != "" {
		props = append(props, "file="+escapeProperty(githubPath(f.File)))
	}
	if f.Line > 0 {
		props = append(props, "line="+strconv.Itoa(f.Line))
		if f.Column > 0 {
			props = append(props, "col="+strconv.Itoa(f.Column))
		}
	}
	props = append(props, "title="+escapeProperty(sanitizeLines(f.Rule)))
	b.WriteString(" ")
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	// Control characters other than newlines are shown as \xNN, as in the
	// text output: the log viewer would otherwise interpret ANSI escapes.
	b.WriteString(escapeData(sanitizeLines(withHint(f))))
	return b.String()
}

// githubPath is the file name as the runner matches it against the
// repository: slash-separated, without a leading "./".
func githubPath(name string) string {
	p := filepath.ToSlash(name)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// The escaping of actions/toolkit (packages/core/src/command.ts), which the
// runner undoes: data after "::" escapes %, CR and LF; property values also
// escape ':' and ','. A replacer works in one pass, so "%0A" in a message
// becomes "%250A" and comes back as "%0A".
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
