// Package lint runs the lint rules on a loaded factsheet, and applies a
// file's inline suppressions to its findings.
//
// The rules' IDs, default severities and documentation are in
// internal/rules, the catalogue that printers, the configuration and the
// readers import without linking this package; the checks here attach to
// its entries by ID (TestChecksMatchCatalogue fails when a lint rule has no
// check or a check reports a rule the catalogue does not mark as lint).
package lint

import (
	"github.com/ecanplus/factsheet/internal/rules"
)

// Rule is a rule of the catalogue (internal/rules).
type Rule = rules.Rule

// rule is the catalogue's entry for id; a check naming an ID the
// catalogue lacks is a programming error, caught when the package loads.
func rule(id string) *Rule {
	r, ok := rules.Lookup(id)
	if !ok {
		panic("lint: rule not in the catalogue: " + id)
	}
	return r
}

// check is one pass over a factsheet and the rules it reports.
type check struct {
	run   func(*Context)
	rules []*Rule
}

// checks run in this order, the order of the catalogue's categories.
var checks = []check{
	{checkFootnoteRefs, []*Rule{footnoteUnresolved, footnoteUnused, footnoteDuplicate, footnoteOrder,
		footnoteEmpty, footnotePlaceholder, footnoteMalformedURL, footnoteSameSource}},
	{checkTextDates, []*Rule{datePastDue, dateAsOfStale, dateFuture, datePlanEnded, dateRelativeStale}},
	{checkRounds, []*Rule{dateReviewStale, dateNoRound, dateFuture, dateRoundsOrder, dateUnreviewed}},
	{checkTemplate, []*Rule{templateWordingDrift, countryMismatch}},
	{checkAnswers, []*Rule{answerVocabulary, answerUnsupportedYes, answerConditional, placeholderText, emptyCell}},
	{checkWhitespace, []*Rule{unicodeSpace, trailingWhitespace}},
}
