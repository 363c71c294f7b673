// Package rules is the catalogue of every rule of the tool: its ID,
// category, default severity and documentation, for the lint rules proper
// and for the input, schema, template, document, Word, configuration and
// suppression checks made while reading.
//
// It exists so that what only needs to know about rules - the printers
// (SARIF publishes the catalogue), the configuration (checked against it),
// the readers and the validator (whose finding IDs are declared here) - can
// import it without linking the lint pipeline. It imports nothing of the
// tool but internal/finding. The checks live elsewhere and attach to these
// entries by ID: internal/lint for the lint rules (a test there fails when
// a lint rule has no check or a check no entry).
//
// The catalogue is the single source of rule IDs, default severities and
// documentation: `factsheet rules` lists it, docs/rules.md is generated from
// it (a test fails when the file is out of date), and the configuration and
// SARIF output use it.
package rules

import (
	"sort"

	"github.com/ecanplus/factsheet/internal/finding"
)

// Rule describes one rule.
type Rule struct {
	ID        string
	Category  string
	Severity  finding.Severity // default
	Summary   string           // one line: what the rule reports
	Rationale string           // why it matters
	Bad, Good string           // examples: a factsheet fragment that fires, and its fix
	// Settings are the configuration beyond the severity that changes what
	// the rule reports ("max-age in .factsheet.yaml, or --max-age: ...").
	Settings []string
	// Fatal rules report files that cannot be read at all; they cannot be
	// turned off or lowered below error by configuration.
	Fatal bool
	// Fix says whether the tool can fix what the rule reports, and how
	// safely.
	Fix Applicability

	lint bool // reported by a check of internal/lint
}

// IsLint reports whether the rule is a lint rule proper: one that a check
// of internal/lint reports on a loaded factsheet, rather than one reported
// while reading, by the configuration or by the suppressions.
func (r *Rule) IsLint() bool { return r.lint }

// Applicability is how safely the findings of a rule can be fixed
// automatically.
type Applicability int

const (
	// NoFix: the tool makes no fix; a person edits the factsheet.
	NoFix Applicability = iota
	// SafeFix: the fix keeps the factsheet's meaning and is applied
	// without asking.
	SafeFix
	// UnsafeFix: the fix may change what the factsheet says; it is applied
	// only when asked for explicitly.
	UnsafeFix
)

// String names the applicability as the documentation does.
func (a Applicability) String() string {
	switch a {
	case SafeFix:
		return "safe"
	case UnsafeFix:
		return "unsafe"
	}
	return "none"
}

// Categories in the order the documentation lists them.
var Categories = []string{"footnotes", "dates", "template", "answers", "input", "schema", "document", "word", "config", "suppressions"}

var registry = map[string]*Rule{}

func register(rules ...*Rule) {
	for _, r := range rules {
		if _, dup := registry[r.ID]; dup {
			panic("rules: rule registered twice: " + r.ID)
		}
		registry[r.ID] = r
	}
}

func registerLint(rules ...*Rule) {
	for _, r := range rules {
		r.lint = true
	}
	register(rules...)
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (*Rule, bool) {
	r, ok := registry[id]
	return r, ok
}

// All returns every rule, by category then ID.
func All() []*Rule {
	order := map[string]int{}
	for i, c := range Categories {
		order[c] = i
	}
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return order[out[i].Category] < order[out[j].Category]
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// IDs returns every rule ID, sorted.
func IDs() []string {
	ids := make([]string, 0, len(registry))
	for id := range registry {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
