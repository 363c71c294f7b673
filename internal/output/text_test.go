package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// TestTextNoWorkflowCommands: a file name that begins with "::error ..." is
// printed at the start of a line; GitHub's runner would read that line as a
// workflow command. It is shown as \x3A:error, in the finding and in the
// summary line.
func TestTextNoWorkflowCommands(t *testing.T) {
	name := "::error file=x,line=1::forged.yaml"
	src := source.New(name, "a: b\n")
	var buf bytes.Buffer
	p := NewText(&buf, Options{})
	f := finding.Finding{Rule: "input-syntax", Severity: finding.Error,
		Location: finding.Location{File: name, Line: 1, Column: 1}, Message: "x\n::warning::y", Hint: "::notice::z"}
	if err := p.File(Report{Name: name, Source: src, Findings: []finding.Finding{f}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Flush(Summary{Files: 1, Counts: finding.Counts{Errors: 1}}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			t.Errorf("a line reads as a workflow command: %q", line)
		}
	}
	if !strings.Contains(buf.String(), `\x3A:error file=x,line=1::forged.yaml:1:1: error`) {
		t.Errorf("the name is not shown escaped:\n%s", buf.String())
	}
}

// TestTextNeutralisesBidi: bidirectional formatting characters of the input
// (U+202E and the others) are shown as \uNNNN in source excerpts and
// messages, and the caret still points at the column.
func TestTextNeutralisesBidi(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		line := "title: \"admin" + string(r) + " ;x\"\n"
		src := source.New("x.yaml", line)
		var buf bytes.Buffer
		p := NewText(&buf, Options{})
		f := finding.Finding{Rule: "r", Severity: finding.Warning,
			Location: finding.Location{File: "x.yaml", Line: 1, Column: 16}, Message: "quoted: " + string(r)}
		if err := p.File(Report{Name: "x.yaml", Source: src, Findings: []finding.Finding{f}}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsRune(out, r) {
			t.Errorf("%U reaches the output:\n%s", r, out)
		}
		lines := strings.Split(out, "\n")
		// The caret sits under the ';' (column 16), after the escape.
		excerpt, caret := lines[1], lines[2]
		if i, j := strings.Index(excerpt, ";"), strings.Index(caret, "^"); i != j {
			t.Errorf("%U: caret at %d, ';' at %d:\n%s\n%s", r, j, i, excerpt, caret)
		}
	}
}
