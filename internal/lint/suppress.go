package lint

import (
	"fmt"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// Rule IDs of the findings about inline suppressions.
const (
	RuleSuppressionReason  = rules.SuppressionReason
	RuleSuppressionUnknown = rules.SuppressionUnknown
	RuleSuppressionUnused  = rules.SuppressionUnused
)

var (
	suppressionReason  = rule(RuleSuppressionReason)
	suppressionUnknown = rule(RuleSuppressionUnknown)
	suppressionUnused  = rule(RuleSuppressionUnused)
)

// Suppress applies a file's inline suppressions (res.Model.Suppressions) to
// its findings, all of them (reading and lint): the findings of a
// suppression's rules at its place are dropped. It returns what is left,
// with findings about the suppressions themselves: no reason (and then it
// does not apply), an unknown rule, and, when every rule has run (unused
// is true: lint, not validate), a suppression that matched nothing. Findings
// of rules that report unreadable files are never suppressed.
func Suppress(res *load.Result, fs []finding.Finding, unused bool) []finding.Finding {
	if res == nil || res.Model == nil || len(res.Model.Suppressions) == 0 {
		return fs
	}
	tpl := res.Model.TemplateOrDefault()
	var out, about []finding.Finding
	report := func(r *Rule, s model.Suppression, subject, msg, hint string) {
		about = append(about, finding.Finding{
			Rule: r.ID, Severity: r.Severity, Message: msg, Hint: hint, Subject: &subject,
			Location: finding.Location{File: res.Name, Line: s.Line, Column: s.Col, Pointer: s.Pointer},
		})
	}
	// The suppressions in force, by pointer and rule: a finding looks up
	// the places that cover it (its pointer, its ancestors, the row or
	// table of a label), so the work is linear in findings and
	// suppressions, however many of either a file holds.
	type place struct{ ptr, rule string }
	matched := map[place]bool{}
	type named struct {
		s    model.Suppression
		rule string
	}
	var live []named
	for _, s := range res.Model.Suppressions {
		if s.Detached {
			report(suppressionUnused, s, strings.Join(s.Rules, ","),
				fmt.Sprintf("the suppression of %s is on no value, and applies to nothing", strings.Join(s.Rules, ", ")),
				"in YAML put it on the line of the value or the line above; in the document on the line before the row, footnote or item")
			continue
		}
		if len(s.Rules) == 0 {
			report(suppressionUnknown, s, "", "the suppression names no rule", "name the rules: factsheet-ignore RULE[,RULE] -- reason")
		}
		var known []string
		for _, id := range s.Rules {
			r, ok := rules.Lookup(id)
			switch {
			case !ok:
				report(suppressionUnknown, s, id, "the suppression names "+unknownRule(id), "")
			case r.Fatal || r.Category == "suppressions":
				report(suppressionUnknown, s, id, fmt.Sprintf("rule %s cannot be suppressed", id), "")
			default:
				known = append(known, id)
			}
		}
		if s.Reason == "" {
			report(suppressionReason, s, strings.Join(s.Rules, ","),
				fmt.Sprintf("the suppression of %s gives no reason, so it does not apply", strings.Join(s.Rules, ", ")),
				"say why after \" -- \": factsheet-ignore RULE -- reason")
			continue
		}
		for _, id := range known {
			if k := (place{s.Pointer, id}); !matched[k] {
				matched[k] = false // in force, not matched yet
			}
			live = append(live, named{s, id})
		}
	}
	for _, f := range fs {
		suppressed := false
		for _, p := range covering(tpl, f.Pointer) {
			k := place{p, f.Rule}
			if _, ok := matched[k]; ok {
				matched[k] = true
				suppressed = true
			}
		}
		if !suppressed {
			out = append(out, f)
		}
	}
	if unused {
		reported := map[place]bool{}
		for _, n := range live {
			k := place{n.s.Pointer, n.rule}
			if !matched[k] && !reported[k] {
				reported[k] = true // one finding for a rule named twice at one place
				report(suppressionUnused, n.s, n.rule,
					fmt.Sprintf("the suppression of %s matched no finding here; remove it if the problem is fixed", n.rule), "")
			}
		}
	}
	return append(out, about...)
}

// covering lists the pointers whose suppressions cover a finding at ptr:
// ptr and its ancestors (a suppression covers its value and what is under
// it), and for a label as written (/wording/ID) the row and the table that
// hold it in the document (a suppression before a row covers the row's
// label; one before a table, its column labels).
func covering(tpl *template.Template, ptr string) []string {
	out := []string{ptr}
	for p := ptr; p != ""; {
		p = p[:strings.LastIndexByte(p, '/')]
		if p != "" {
			out = append(out, p)
		}
	}
	if id, ok := strings.CutPrefix(ptr, "/wording/"); ok {
		section, item, _ := strings.Cut(source.Unescape(id), ".")
		out = append(out, "/"+section)
		if tb := tpl.Table(section); tb != nil && item != "" {
			out = append(out, model.ItemPtr(tb, item))
		}
	}
	return out
}

// unknownRule phrases an unknown rule ID with the nearest known one.
func unknownRule(id string) string {
	best, bestD := "", 1<<30
	for _, known := range rules.IDs() {
		if d := validation.Distance(id, known); d < bestD {
			best, bestD = known, d
		}
	}
	if bestD <= max(3, len(id)/3) {
		return fmt.Sprintf("an unknown rule %q (did you mean %q?)", id, best)
	}
	return fmt.Sprintf("an unknown rule %q (factsheet rules lists them)", id)
}
