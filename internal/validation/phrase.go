package validation

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// maxListed is the most allowed values a message lists; maxCandidates the
// most a suggestion is looked for among.
const (
	maxListed     = 20
	maxCandidates = 1000
)

type phraser struct {
	file    string
	m       source.Map
	value   any
	namer   Namer
	schemas *schemaIndex
}

func (p phraser) finding(rule, ptr string, key bool, msg string) finding.Finding {
	line, col := p.m.At(ptr, key)
	return finding.Finding{
		Rule: rule, Severity: finding.Error,
		Location: finding.Location{File: p.file, Line: line, Column: col, Pointer: ptr},
		Message:  msg,
	}
}

// phrase turns one leaf error into findings (a "required" leaf names several
// missing members at once; each becomes its own finding).
func (p phraser) phrase(e leaf) []finding.Finding {
	keyword := e.Keyword
	sch, extra := p.schemas.schemaAt(e.AbsoluteKeywordLocation, keyword)
	ptr := e.InstanceLocation
	val, _ := ValueAt(p.value, ptr)
	field := fieldName(ptr)
	switch keyword {
	case "required":
		return p.required(sch, ptr, val)
	case "additionalProperties":
		return p.additional(sch, ptr, val)
	case "type":
		return []finding.Finding{p.finding(RuleType, ptr, false,
			fmt.Sprintf("%s must be %s, not %s", field, typeList(sch["type"]), describe(val)))}
	case "enum":
		allowed := stringsOf(sch["enum"])
		listed := quoteAll(allowed)
		if len(listed) > maxListed {
			// A long vocabulary is named by its first values.
			listed = append(listed[:maxListed:maxListed], fmt.Sprintf("... (%d more)", len(allowed)-maxListed))
		}
		msg := fmt.Sprintf("%s must be one of %s, not %s", field, strings.Join(listed, ", "), describe(val))
		if s, ok := val.(string); ok {
			if best := closest(s, allowed); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
		}
		return []finding.Finding{p.finding(RuleValue, ptr, false, msg)}
	case "const":
		c, _ := json.Marshal(sch["const"])
		return []finding.Finding{p.finding(RuleValue, ptr, false,
			fmt.Sprintf("%s must be %s, not %s", field, c, describe(val)))}
	case "pattern", "format":
		what := describeSchema(sch)
		msg := fmt.Sprintf("%s %s is not valid", field, describe(val))
		if keyword == "format" {
			msg = fmt.Sprintf("%s %s is not a valid %s", field, describe(val), formatName(sch["format"]))
		}
		if what != "" {
			msg += ": expected " + lowerFirst(what)
		} else if pat, ok := sch["pattern"].(string); ok && keyword == "pattern" {
			// A pattern with no title or description (a repository
			// template's, under if/then) is the only word on what to write.
			msg += fmt.Sprintf(": it must match the pattern %s", pat)
		}
		return []finding.Finding{p.finding(RuleValue, ptr, false, msg)}
	case "minItems":
		return []finding.Finding{p.finding(RuleValue, ptr, false,
			fmt.Sprintf("%s must have at least %v item(s)", field, sch["minItems"]))}
	case "minLength":
		if c, _ := count(sch["minLength"]); c > 1 {
			return p.more(e, sch, extra, field, val)
		}
		return []finding.Finding{p.finding(RuleValue, ptr, false, fmt.Sprintf("%s must not be empty", field))}
	case "minimum":
		return []finding.Finding{p.finding(RuleValue, ptr, false,
			fmt.Sprintf("%s must be at least %v, not %s", field, sch["minimum"], describe(val)))}
	case "maxLength", "maxItems", "minProperties", "maxProperties", "maximum",
		"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems", "not",
		"anyOf", "oneOf", "contains", "minContains", "maxContains", "dependentRequired", "dependencies", "false":
		return p.more(e, sch, extra, field, val)
	}
	msg := fmt.Sprintf("%s breaks the schema's %q", field, keyword)
	if e.Extra != "" {
		msg += ": " + e.Extra
	}
	return []finding.Finding{p.finding(RuleValue, ptr, false, msg)}
}

// more phrases the keywords only v5 checks (the built-in evaluator refuses
// schemas that use them), with the same rules and positions as the rest.
func (p phraser) more(e leaf, sch map[string]any, extra []string, field string, val any) []finding.Finding {
	ptr := e.InstanceLocation
	bound := func() string { return fmt.Sprint(sch[e.Keyword]) }
	var msg string
	switch e.Keyword {
	case "minLength":
		msg = fmt.Sprintf("%s must be at least %s character(s) long", field, bound())
	case "maxLength":
		msg = fmt.Sprintf("%s must be at most %s character(s) long, not %d", field, bound(), len([]rune(fmt.Sprint(val))))
	case "maxItems":
		msg = fmt.Sprintf("%s must have at most %s item(s)", field, bound())
	case "minProperties":
		msg = fmt.Sprintf("%s must have at least %s field(s)", field, bound())
	case "maxProperties":
		msg = fmt.Sprintf("%s must have at most %s field(s)", field, bound())
	case "maximum":
		msg = fmt.Sprintf("%s must be at most %s, not %s", field, bound(), describe(val))
	case "exclusiveMinimum":
		msg = fmt.Sprintf("%s must be more than %s, not %s", field, bound(), describe(val))
	case "exclusiveMaximum":
		msg = fmt.Sprintf("%s must be less than %s, not %s", field, bound(), describe(val))
	case "multipleOf":
		msg = fmt.Sprintf("%s must be a multiple of %s, not %s", field, bound(), describe(val))
	case "uniqueItems":
		msg = fmt.Sprintf("%s must not repeat an item (%s)", field, e.Extra)
	case "not":
		msg = fmt.Sprintf("%s (%s) is not allowed here: the schema excludes this form", field, describe(val))
	case "anyOf", "oneOf":
		if strings.HasPrefix(e.Extra, "valid against schemas") {
			msg = fmt.Sprintf("%s %s matches more than one of the allowed forms; it must match exactly one", field, describe(val))
			break
		}
		var types []any
		for _, b := range asList(sch[e.Keyword]) {
			if bm, ok := b.(map[string]any); ok {
				switch t := bm["type"].(type) {
				case string:
					types = append(types, t)
				case []any:
					types = append(types, t...)
				}
			}
		}
		if len(types) > 0 {
			msg = fmt.Sprintf("%s must be %s, not %s", field, typeList(types), describe(val))
			return []finding.Finding{p.finding(RuleType, ptr, false, msg)}
		}
		msg = fmt.Sprintf("%s %s matches none of the allowed forms", field, describe(val))
	case "contains", "minContains", "maxContains":
		msg = fmt.Sprintf("%s does not have the items the schema asks for (%s)", field, e.Extra)
	case "dependentRequired", "dependencies":
		if len(extra) >= 2 {
			deps, _ := sch[e.Keyword].(map[string]any)
			on := source.Unescape(extra[0])
			list := stringsOf(deps[on])
			if i, ok := index(extra[1], len(list)); ok {
				name := list[i]
				where := ""
				if ptr != "" {
					where = " in " + field
				}
				return []finding.Finding{p.finding(RuleRequired, ptr+"/"+source.Escape(name), true,
					fmt.Sprintf("required field %q is missing%s (it is required when %q is there)", name, where, on))}
			}
		}
		msg = fmt.Sprintf("%s misses a field: %s", field, e.Extra)
	case "false":
		if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
			if _, isObj := ValueAt(p.value, ptr[:i]); isObj {
				if parent, _ := ValueAt(p.value, ptr[:i]); parent != nil {
					if _, ok := parent.(map[string]any); ok {
						name := source.Unescape(ptr[i+1:])
						msg = fmt.Sprintf("unknown field %q", name)
						if ptr[:i] != "" {
							msg += " in " + fieldName(ptr[:i])
						}
						return []finding.Finding{p.finding(RuleUnknownField, ptr, true, msg)}
					}
				}
			}
		}
		msg = fmt.Sprintf("%s is not allowed here", field)
	}
	return []finding.Finding{p.finding(RuleValue, ptr, false, msg)}
}

func (p phraser) required(sch map[string]any, ptr string, val any) []finding.Finding {
	obj, _ := val.(map[string]any)
	var out []finding.Finding
	for _, name := range stringsOf(sch["required"]) {
		if _, ok := obj[name]; ok {
			continue
		}
		if p.namer != nil {
			if msg, ok := p.namer.Missing(ptr, name); ok {
				out = append(out, p.finding(RuleMissing, ptr+"/"+source.Escape(name), true, msg))
				continue
			}
		}
		where := ""
		if ptr != "" {
			where = " in " + fieldName(ptr)
		}
		out = append(out, p.finding(RuleRequired, ptr+"/"+source.Escape(name), true, fmt.Sprintf("required field %q is missing%s", name, where)))
	}
	return out
}

func (p phraser) additional(sch map[string]any, ptr string, val any) []finding.Finding {
	obj, _ := val.(map[string]any)
	props, _ := sch["properties"].(map[string]any)
	allowed := make([]string, 0, len(props))
	for k := range props {
		allowed = append(allowed, k)
	}
	sort.Strings(allowed)
	var names []string
	for k := range obj {
		if _, ok := props[k]; !ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var out []finding.Finding
	for _, name := range names {
		child := ptr + "/" + source.Escape(name)
		if p.namer != nil {
			if msg, ok := p.namer.Unknown(ptr, name); ok {
				if best := closest(name, allowed); best != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", best)
				}
				out = append(out, p.finding(RuleUnknown, child, true, msg))
				continue
			}
		}
		msg := fmt.Sprintf("unknown field %q", name)
		if ptr != "" {
			msg += " in " + fieldName(ptr)
		}
		if best := closest(name, allowed); best != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		} else if len(allowed) > 0 && len(allowed) <= 8 {
			msg += "; expected one of " + strings.Join(quoteAll(allowed), ", ")
		}
		out = append(out, p.finding(RuleUnknownField, child, true, msg))
	}
	return out
}

// fieldName is the last token of a pointer, or "the document" for the root.
func fieldName(ptr string) string {
	if ptr == "" {
		return "the document"
	}
	i := strings.LastIndexByte(ptr, '/')
	t := source.Unescape(ptr[i+1:])
	if t != "" && t[0] >= '0' && t[0] <= '9' && i > 0 {
		// An array item: name it by its list, "rounds[2]".
		return fieldName(ptr[:i]) + "[" + t + "]"
	}
	return t
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "empty (null)"
	case string:
		if len(x) > 40 {
			x = x[:37] + "..."
		}
		return fmt.Sprintf("%q", x)
	case json.Number:
		return "a number (" + string(x) + ")"
	case bool:
		return fmt.Sprintf("%t", x)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

func typeList(t any) string {
	names := stringsOf(t)
	if s, ok := t.(string); ok {
		names = []string{s}
	}
	var out []string
	for _, n := range names {
		switch n {
		case "string":
			out = append(out, "text")
		case "object":
			out = append(out, "an object (key: value pairs)")
		case "array":
			out = append(out, "a list")
		case "integer":
			out = append(out, "a whole number")
		case "number":
			out = append(out, "a number")
		case "boolean":
			out = append(out, "true or false")
		default:
			out = append(out, n)
		}
	}
	return strings.Join(out, " or ")
}

func formatName(f any) string {
	switch f {
	case "email":
		return "email address"
	case "uri":
		return "URL"
	}
	return fmt.Sprint(f)
}

func describeSchema(sch map[string]any) string {
	if d, ok := sch["description"].(string); ok {
		return strings.TrimSuffix(d, ".")
	}
	if t, ok := sch["title"].(string); ok {
		return t
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' { // an acronym: keep it
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// closest returns the candidate nearest to s by edit distance when it is
// near enough to be a likely typo, else "".
//
// The work is bounded: a distance is computed only for candidates whose
// length is within the limit of s's (no other can be near enough), and only
// among the first maxCandidates, so a long value against a long vocabulary
// costs no more than a short one.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	n := utf8.RuneCountInString(s)
	limit := max(2, n/3)
	for i, c := range candidates {
		if i == maxCandidates {
			break
		}
		if m := utf8.RuneCountInString(c); m-n > limit || n-m > limit {
			continue
		}
		d := Distance(ls, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD == 0 || bestD > limit {
		if bestD == 0 && best != s {
			return best // differs only in case
		}
		return ""
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, in characters.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
