package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
)

// JUnit prints a JUnit XML report, the test-report format CI servers show
// (GitLab merge requests, Jenkins, GitHub test-report actions):
//
//	<testsuites name="factsheet" tests="3" failures="2" errors="0">
//	  <testsuite name="BE.yaml" tests="3" failures="2" errors="0" time="0">
//	    <testcase name="schema-type at 12:7: /governance/..." classname="BE.yaml" file="BE.yaml" line="12" time="0">
//	      <failure message="error: answer must be text, not a number (42)" type="schema-type">BE.yaml:12:7: error [schema-type] ...</failure>
//	    </testcase>
//	  </testsuite>
//	</testsuites>
//
// One testsuite per checked file, one testcase per finding. Errors and
// warnings are failures; an info finding is a passing testcase whose
// details are in <system-out>, so notes do not turn a build red or
// "unstable". A file without findings gets one passing testcase named
// "factsheet <command>", so that every checked file is listed. Text that
// XML 1.0 cannot hold (control characters) is written as \xNN.
type JUnit struct {
	w      io.Writer
	opts   Options
	suites []junitSuite
}

// NewJUnit returns the JUnit printer.
func NewJUnit(w io.Writer, opts Options) *JUnit {
	return &JUnit{w: w, opts: opts}
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// File adds the testsuite of one file.
func (j *JUnit) File(r Report) error {
	name := Sanitize(r.Name)
	suite := junitSuite{Name: name, Time: "0"}
	for _, f := range r.Findings {
		c := junitCase{
			Name:      junitCaseName(f),
			Classname: name,
			File:      Sanitize(f.File),
			Line:      max(f.Line, 0),
			Time:      "0",
		}
		details := junitDetails(f)
		if f.Severity >= finding.Warning {
			c.Failure = &junitFailure{
				Message: sanitizeLines(f.Severity.String() + ": " + f.Message),
				Type:    Sanitize(f.Rule),
				Text:    details,
			}
			suite.Failures++
		} else {
			c.SystemOut = details
		}
		suite.Cases = append(suite.Cases, c)
	}
	if len(suite.Cases) == 0 {
		suite.Cases = append(suite.Cases, junitCase{
			Name:      "factsheet " + j.command(),
			Classname: name,
			File:      name,
			Time:      "0",
		})
	}
	suite.Tests = len(suite.Cases)
	j.suites = append(j.suites, suite)
	return nil
}

func (j *JUnit) command() string {
	if j.opts.Command == "" {
		return "check"
	}
	return j.opts.Command
}

// junitCaseName is "RULE at LINE:COL: POINTER", shorter when the finding
// has no position or no pointer.
func junitCaseName(f finding.Finding) string {
	name := f.Rule
	if f.Line > 0 {
		name += fmt.Sprintf(" at %d:%d", f.Line, f.Column)
	} else if f.Place != "" {
		name += " at " + f.Place
	}
	if f.Pointer != "" {
		name += ": " + f.Pointer
	}
	return Sanitize(name)
}

// junitDetails is the finding as the text output prints it, with its hint
// and related places on the following lines.
func junitDetails(f finding.Finding) string {
	var b strings.Builder
	b.WriteString(f.String())
	if f.Hint != "" {
		b.WriteString("\nhint: " + f.Hint)
	}
	for _, rel := range f.Related {
		b.WriteString("\nrelated: " + position(rel.Location))
		if rel.Pointer != "" {
			b.WriteString(" " + rel.Pointer)
		}
		if rel.Message != "" {
			b.WriteString(": " + rel.Message)
		}
	}
	return sanitizeLines(b.String())
}

// Flush writes the report.
func (j *JUnit) Flush(Summary) error {
	all := junitSuites{Name: "factsheet", Suites: j.suites}
	for _, s := range j.suites {
		all.Tests += s.Tests
		all.Failures += s.Failures
	}
	if _, err := io.WriteString(j.w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(j.w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(j.w, "\n")
	return err
}
