package dates

import (
	"fmt"
	"strings"
	"unicode"
)

// Kind says how precise an expression is. Rules use it to decide what they
// may conclude: "as of February 2026" ages by months, "Action Plan 2022-2024"
// is a period that can end.
type Kind uint8

// The kinds of expression. The zero Kind is not used, so a zero Expr is
// recognisably empty.
const (
	Day   Kind = iota + 1 // one day: 15 May 2024, 2026-02-14, 12/11/2025
	Month                 // one month: October 2025, 2025-10
	Part                  // part of a year or month: early 2026, Q1, H2, spring, end of June
	Year                  // one year: 2025
	Range                 // a span between two expressions: 2025-2027, 2023/2024
)

// String returns the lower-case name of the kind, for messages and tests.
func (k Kind) String() string {
	switch k {
	case Day:
		return "day"
	case Month:
		return "month"
	case Part:
		return "part"
	case Year:
		return "year"
	case Range:
		return "range"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Expr is one date expression found in a text, with the days it can mean.
// Start and End locate it so that rules can quote it and look at the words
// before it ("will be available in", "as of", "since").
type Expr struct {
	Text  string // the expression exactly as it appears: input[Start:End]
	Start int    // byte offset of Text in the input
	End   int    // byte offset just after Text
	From  Date   // earliest day the expression can mean
	To    Date   // latest day the expression can mean, inclusive
	Kind  Kind
}

// String shows the expression with its resolution, for test failures and
// debugging.
func (e Expr) String() string {
	return fmt.Sprintf("%q@%d %s %s..%s", e.Text, e.Start, e.Kind, e.From, e.To)
}

// Find returns every date expression in text, in order of Start and without
// overlaps. Where several readings start at the same place the longest wins,
// so "15 May 2024" is one day, not a month, and "2022 to 2024" one range,
// not two years.
func Find(text string) []Expr {
	// Every expression understood holds a year: four digits in a row. Most
	// texts of a factsheet have none, and are done without allocating.
	if !hasFourDigits(text) {
		return nil
	}
	s := &scanner{text: text, toks: make([]token, 0, min(256, len(text)/4+8))}
	var found []Expr
	for next := 0; next < len(text); {
		s.toks, next = lexLine(s.toks[:0], text, next)
		found = s.scanLine(found)
	}
	return found
}

func hasFourDigits(text string) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= '0' && c <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// Parse reads s as exactly one date expression, allowing only white space
// around it. It is meant for values that are dates by construction, such as a
// review date in a factsheet header ("October 2025", "2023/2024", "2025-10"),
// and for tests. Start and End are offsets in s.
func Parse(s string) (Expr, bool) {
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	offset := len(s) - len(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	found := Find(trimmed)
	if len(found) != 1 || found[0].Start != 0 || found[0].End != len(trimmed) {
		return Expr{}, false
	}
	e := found[0]
	e.Start += offset
	e.End += offset
	return e, true
}
