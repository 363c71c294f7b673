// Package finding defines the one result type every command produces: a rule
// that fired at a place in a file. Validation errors, lint rule hits, parse
// errors and configuration problems are all findings, so every printer and
// every filter (severity overrides, waivers, --fail-on) works on all of them.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity ranks findings. The zero value is Info so that an unset severity
// never blocks a commit by accident.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

// String returns the lower-case name used in every output format.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity reads "error", "warning" or "info" (any case).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText writes the severity's name, so JSON output says "error".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Location is a place in a file. Line and Column are 1-based; Column counts
// Unicode characters (code points), as editors and compilers show them. A
// zero Line means the finding concerns the file as a whole.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
	// Place is where the finding is in a file without lines a person can
	// go to (a Word document): `Table 2, row 4 "Is there ...", Answer`,
	// `paragraph 12 "..."`, `footnote 9`. Line and Column are then zero.
	Place string `json:"place,omitempty"`
	// Order keeps findings with a Place in document order.
	Order int `json:"-"`
}

// Related is another place that explains a finding ("first defined here").
type Related struct {
	Location
	Message string `json:"message"`
}

// Finding is one problem found in one file.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Location
	Message string    `json:"message"`
	Hint    string    `json:"hint,omitempty"`
	Related []Related `json:"related,omitempty"`

	// Subject is the text the finding is about, as the rule saw it: the
	// quoted sentence, the link, the answer; part of the finding's identity
	// (internal/identity). The lint rules always set it, to "" when the
	// item says it all (an empty cell). It is nil for the findings made
	// while reading (schema, document layout, Word): their message says
	// what they are about, and stands for it.
	Subject *string `json:"-"`
	// Item and Fingerprint are the finding's identity by content, set by
	// identity.Stamp once a file's findings are complete: the template
	// item by stable IDs ("governance.national_board.comments", a
	// footnote by the sources it cites), and a hash of the country, the
	// item, the rule and the normalised subject. Neither depends on lines,
	// list positions, footnote numbers, the form of the file or the day
	// of the run.
	Item        string `json:"item,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// String renders the finding the way compilers do:
// "FILE:LINE:COL: severity [rule] /pointer: message".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", f.Line, f.Column)
	} else if f.Place != "" {
		b.WriteString(": ")
		b.WriteString(f.Place)
	}
	fmt.Fprintf(&b, ": %s [%s] ", f.Severity, f.Rule)
	if f.Pointer != "" {
		b.WriteString(f.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	return b.String()
}

// Compare orders findings by file, position, rule, pointer and message: the
// one order every output uses, whatever order rules and workers produced.
// Findings equal in all of these are ordered by severity (errors first),
// hint and related places, so that the order never depends on the input's;
// Compare is 0 only for exact duplicates.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Order, b.Order),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(b.Severity, a.Severity),
		cmp.Compare(a.Hint, b.Hint),
		slices.CompareFunc(a.Related, b.Related, compareRelated),
	)
}

func compareRelated(a, b Related) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort puts findings in the deterministic output order and removes exact
// duplicates (two paths to the same schema error, say).
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, Compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool { return Compare(a, b) == 0 })
}

// Counts tallies findings by severity.
type Counts struct{ Errors, Warnings, Infos int }

// Add counts one finding.
func (c *Counts) Add(f Finding) {
	switch f.Severity {
	case Error:
		c.Errors++
	case Warning:
		c.Warnings++
	default:
		c.Infos++
	}
}

// Total is the number of findings counted.
func (c Counts) Total() int { return c.Errors + c.Warnings + c.Infos }

// AtLeast reports whether any counted finding is at or above the severity.
func (c Counts) AtLeast(s Severity) bool {
	switch s {
	case Error:
		return c.Errors > 0
	case Warning:
		return c.Errors+c.Warnings > 0
	default:
		return c.Total() > 0
	}
}
