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
//	    <testcase name="schema-type: /governance/..." classname="BE.yaml" file="BE.yaml" line="12" time="0">
//	      <failure message="error: answer must be text, not a number (42)" type="schema-type">BE.yaml:12:7: error [schema-type] ...</failure>
//	    </testcase>
//	  </testsuite>
//	</testsuites>
//
// One testsuite per checked file, one testcase per finding, named by the
// finding's identity (rule and JSON pointer, never its line), so that a
// test keeps its name, and its history in the CI server, when lines move.
// The findings at or above --fail-on (Options.FailOn) are failures, the
// others passing testcases whose details are in <system-out>: the report
// fails exactly when the run does. A file without findings gets one passing
// testcase named "factsheet <command>", so that every checked file is
// listed. Text that XML 1.0 cannot hold (control characters) is written as
// \xNN.
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
	seen := map[string]int{} // names in this suite -> times used
	for _, f := range r.Findings {
		c := junitCase{
			Name:      junitCaseName(f, seen),
			Classname: name,
			File:      Sanitize(f.File),
			Line:      max(f.Line, 0),
			Time:      "0",
		}
		details := junitDetails(f)
		if f.Severity >= j.opts.FailOn {
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

// junitCaseName is "RULE: POINTER" ("RULE" for a finding without one),
// with " (2)", " (3)"... for the second and later uses of a name in the
// suite, in output order. No line, column or Word place: those move when
// the text above changes, and a CI server takes a new name for a new test.
func junitCaseName(f finding.Finding, seen map[string]int) string {
	name := f.Rule
	if f.Pointer != "" {
		name += ": " + f.Pointer
	}
	name = Sanitize(name)
	seen[name]++
	for n := seen[name]; n > 1; n++ {
		// Unique also against a pointer that itself ends in " (2)".
		if numbered := fmt.Sprintf("%s (%d)", name, n); seen[numbered] == 0 {
			seen[name] = n
			seen[numbered] = 1
			return numbered
		}
	}
	return name
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
