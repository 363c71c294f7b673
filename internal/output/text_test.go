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

// TestTextSubject: the text output names what a finding is about as the
// report's Place names it (footnote 23, not /footnotes/22/text), falls back
// to the pointer when no place is known, and never repeats a Word
// document's place, which is the position.
func TestTextSubject(t *testing.T) {
	place := func(ptr string) string {
		if ptr == "/footnotes/22/text" {
			return "footnote 23"
		}
		return ""
	}
	src := source.New("BE.yaml", "a: b\n")
	fs := []finding.Finding{
		{Rule: "r", Severity: finding.Warning, Location: finding.Location{File: "BE.yaml", Line: 1, Column: 1, Pointer: "/footnotes/22/text"}, Message: "m1"},
		{Rule: "r", Severity: finding.Warning, Location: finding.Location{File: "BE.yaml", Line: 1, Column: 1, Pointer: "/on"}, Message: "m2"},
		{Rule: "r", Severity: finding.Warning, Location: finding.Location{File: "BE.docx", Place: "footnote 9", Pointer: "/footnotes/8/text"}, Message: "m3"},
	}
	var buf bytes.Buffer
	p := NewText(&buf, Options{Quiet: true})
	if err := p.File(Report{Name: "BE.yaml", Source: src, Findings: fs, Place: place}); err != nil {
		t.Fatal(err)
	}
	if err := p.Flush(Summary{Files: 1, Counts: finding.Counts{Warnings: 3}}); err != nil {
		t.Fatal(err)
	}
	want := "BE.yaml:1:1: warning [r] footnote 23: m1\n" +
		"BE.yaml:1:1: warning [r] /on: m2\n" +
		"BE.docx: footnote 9: warning [r] m3\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestTextStatistics: --statistics prints the findings per rule and
// severity, most frequent first, then the summary, and no finding.
func TestTextStatistics(t *testing.T) {
	var buf bytes.Buffer
	p := NewText(&buf, Options{Statistics: true})
	mk := func(rule string, sev finding.Severity) finding.Finding {
		return finding.Finding{Rule: rule, Severity: sev, Location: finding.Location{File: "x.yaml", Line: 1, Column: 1}, Message: "m"}
	}
	fs := []finding.Finding{mk("b-rule", finding.Warning), mk("a-rule", finding.Error), mk("b-rule", finding.Warning), mk("a-rule", finding.Warning)}
	if err := p.File(Report{Name: "x.yaml", Findings: fs}); err != nil {
		t.Fatal(err)
	}
	if err := p.Flush(Summary{Files: 1, Counts: finding.Counts{Errors: 1, Warnings: 3}}); err != nil {
		t.Fatal(err)
	}
	want := "     2  warning  b-rule\n" +
		"     1  error    a-rule\n" +
		"     1  warning  a-rule\n" +
		"x.yaml: 1 error, 3 warnings, 0 info\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
