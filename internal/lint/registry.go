// Package lint holds every rule of the tool — the lint rules proper and, in
// the same registry, the input, schema, document and configuration checks
// done while reading — and runs the lint rules on a loaded factsheet.
//
// The registry is the single source of rule IDs, default severities and
// documentation: `factsheet rules` lists it, docs/rules.md is generated from
// it (a test fails when the file is out of date), the configuration is
// checked against it, and SARIF output publishes it.
package lint

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
	// Fix says whether lint --fix can fix the rule's findings, and how
	// safely (internal/fix holds the fixes themselves).
	Fix   FixSafety
	check func(*Context)
}

// FixSafety is how far a rule's automatic fix can be trusted, in ruff's
// terms: a safe fix keeps what the factsheet says and is applied by lint
// --fix; an unsafe one may change what it says (two footnotes merged into
// one) and is applied only with --unsafe-fixes.
type FixSafety int

const (
	NoFix FixSafety = iota
	SafeFix
	UnsafeFix
)

// String names the safety as the rules list and docs show it.
func (s FixSafety) String() string {
	switch s {
	case SafeFix:
		return "safe"
	case UnsafeFix:
		return "unsafe"
	}
	return "no"
}

// Categories in the order the documentation lists them.
var Categories = []string{"footnotes", "dates", "template", "answers", "input", "schema", "document", "word", "config", "suppressions"}

var registry = map[string]*Rule{}

func register(rules ...*Rule) {
	for _, r := range rules {
		if _, dup := registry[r.ID]; dup {
			panic("lint: rule registered twice: " + r.ID)
		}
		registry[r.ID] = r
	}
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
