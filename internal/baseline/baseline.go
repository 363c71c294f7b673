// Package baseline records the findings a project accepts as they are, so
// that lint reports only new ones: adopting the tool on a corpus of
// factsheets with years of known defects, without waiving each by hand.
//
// Entries are keyed by the findings' fingerprints by content
// (internal/identity): country, item by stable IDs, rule, and what the
// finding is about. So a baseline written from the published document
// holds for the same factsheet with lines added, footnotes inserted and
// renumbered, rows moved, CRLF line ends, converted to YAML or read from
// Word, or checked a month later; a new defect has a new fingerprint.
//
// The file is YAML, one entry per finding with its rule, item and a short
// excerpt beside the fingerprint, sorted, so that it reads and diffs well
// in review. It only shrinks: entries that no longer occur are reported,
// and removed by --update-baseline, which never adds one.
package baseline

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
)

// RuleFixed is the finding for an entry of the baseline that no longer
// occurs (registered with the lint rules).
const RuleFixed = rules.BaselineFixed

// Version is the format of the file.
const Version = 1

// Entry is one accepted finding.
type Entry struct {
	Fingerprint string // what matches: identity.Hash, with ":N" for the Nth of a file
	Country     string
	Rule        string
	Item        string // for the reader: what the finding is about
	Excerpt     string // for the reader: the text it is about, shortened

	// Where the entry is in the file read (zero for one made from a
	// finding).
	Line, Col int
}

// Baseline is a baseline file read.
type Baseline struct {
	Path    string
	File    *source.File
	Entries []Entry

	mu      sync.Mutex
	index   map[string]int // fingerprint -> entry
	matched []bool
}

// Error is a problem with the baseline file, with its position.
type Error struct{ Findings []finding.Finding }

func (e *Error) Error() string {
	var parts []string
	for _, f := range e.Findings {
		pos := f.File
		if f.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		parts = append(parts, pos+": "+f.Message)
	}
	return "invalid baseline: " + strings.Join(parts, "; ")
}

// Load reads a baseline file: a regular file (or a descriptor), at most
// source.MaxSize bytes.
func Load(path string) (*Baseline, error) {
	raw, err := inputfile.Read(path, source.MaxSize)
	if tl := (*inputfile.TooLargeError)(nil); errors.As(err, &tl) {
		return nil, &Error{[]finding.Finding{source.TooLarge(path, tl.Size)}}
	}
	if err != nil {
		return nil, fmt.Errorf("reading the baseline: %w", err)
	}
	return Parse(path, raw)
}

var fingerprintRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{32}(:[1-9][0-9]*)?$`) })

// Parse reads baseline content.
func Parse(name string, raw []byte) (*Baseline, error) {
	f, fs := source.Decode(name, raw)
	if f == nil || hasError(fs) {
		return nil, &Error{fs}
	}
	res := decode.YAML(f)
	if hasError(res.Findings) {
		return nil, &Error{res.Findings}
	}
	b := &Baseline{Path: name, File: f, index: map[string]int{}}
	var bad []finding.Finding
	complain := func(ptr string, key bool, msg string) {
		line, col := res.Map.At(ptr, key)
		bad = append(bad, finding.Finding{Rule: "baseline", Severity: finding.Error,
			Location: finding.Location{File: name, Line: line, Column: col, Pointer: ptr}, Message: msg})
	}
	root, ok := res.Value.(map[string]any)
	if !ok {
		complain("", false, "a baseline is a mapping with version and findings (write one with lint --write-baseline)")
		return nil, &Error{bad}
	}
	for _, k := range sortedKeys(root) {
		if k != "version" && k != "findings" {
			complain("/"+source.Escape(k), true, fmt.Sprintf("unknown field %q (a baseline has version and findings)", k))
		}
	}
	// A baseline without its version line (cut when edited by hand) says
	// so in words: fmt of the missing value printed "version <nil>".
	if v, ok := root["version"]; !ok || v == nil {
		complain("", false, fmt.Sprintf("the baseline has no version: its first field is \"version: %d\" (lint --write-baseline writes it)", Version))
	} else if fmt.Sprint(v) != fmt.Sprint(Version) {
		complain("/version", false, fmt.Sprintf("version %v is not one this factsheet reads (%d)", v, Version))
	}
	list, ok := root["findings"].([]any)
	if !ok && root["findings"] != nil {
		complain("/findings", false, "findings must be a list")
	}
	for i, x := range list {
		ptr := fmt.Sprintf("/findings/%d", i)
		m, ok := x.(map[string]any)
		if !ok {
			complain(ptr, false, "an entry is a mapping: fingerprint, country, rule, item, excerpt")
			continue
		}
		e := Entry{}
		e.Line, e.Col = res.Map.At(ptr, false)
		for _, k := range sortedKeys(m) {
			s, isText := m[k].(string)
			if !isText {
				complain(ptr+"/"+source.Escape(k), false, k+" must be text")
				continue
			}
			switch k {
			case "fingerprint":
				e.Fingerprint = s
			case "country":
				e.Country = s
			case "rule":
				e.Rule = s
			case "item":
				e.Item = s
			case "excerpt":
				e.Excerpt = s
			default:
				complain(ptr+"/"+source.Escape(k), true, fmt.Sprintf("unknown field %q in an entry (fingerprint, country, rule, item, excerpt)", k))
			}
		}
		switch {
		case e.Fingerprint == "":
			complain(ptr, false, "the entry has no fingerprint")
			continue
		case !fingerprintRe().MatchString(e.Fingerprint):
			complain(ptr+"/fingerprint", false, fmt.Sprintf("%q is not a fingerprint (32 hex digits, then :N for a repeated one)", e.Fingerprint))
			continue
		}
		if j, dup := b.index[e.Fingerprint]; dup {
			complain(ptr+"/fingerprint", false, fmt.Sprintf("fingerprint %s is listed twice (first at line %d)", e.Fingerprint, b.Entries[j].Line))
			continue
		}
		b.index[e.Fingerprint] = len(b.Entries)
		b.Entries = append(b.Entries, e)
	}
	if len(bad) > 0 {
		return nil, &Error{finding.Sort(bad)}
	}
	b.matched = make([]bool, len(b.Entries))
	return b, nil
}

func hasError(fs []finding.Finding) bool {
	return slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Severity == finding.Error })
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Has reports whether a finding is in the baseline, and marks its entry as
// still occurring. It is safe for concurrent use.
func (b *Baseline) Has(f finding.Finding) bool {
	if b == nil || f.Fingerprint == "" {
		return false
	}
	i, ok := b.index[f.Fingerprint]
	if !ok {
		return false
	}
	b.mu.Lock()
	b.matched[i] = true
	b.mu.Unlock()
	return true
}

// Fixed lists the entries that matched no finding, of the countries that
// were checked: a baseline for a whole corpus says nothing about a country
// the run did not read.
func (b *Baseline) Fixed(checked map[string]bool) []Entry {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []Entry
	for i, e := range b.Entries {
		if !b.matched[i] && checked[e.Country] {
			out = append(out, e)
		}
	}
	return out
}

// Without is the baseline's entries without the given ones (by
// fingerprint): what --update-baseline writes.
func (b *Baseline) Without(fixed []Entry) []Entry {
	gone := map[string]bool{}
	for _, e := range fixed {
		gone[e.Fingerprint] = true
	}
	var out []Entry
	for _, e := range b.Entries {
		if !gone[e.Fingerprint] {
			out = append(out, e)
		}
	}
	return out
}

// Remove is the baseline file as written without the given entries: each
// entry's lines, and the comments just above it, are cut from the text, so
// what a reviewer wrote in the file (a comment on why an entry is accepted,
// the line ends) stays. Writing the file anew lost every comment. When the
// text cut does not read back as exactly the other entries (a baseline in
// flow style, say), the file is written anew.
func (b *Baseline) Remove(fixed []Entry) []byte {
	kept := b.Without(fixed)
	if out, ok := b.cut(fixed); ok {
		if nb, err := Parse(b.Path, out); err == nil && len(nb.Entries) == len(kept) {
			same := true
			for _, e := range kept {
				_, in := nb.index[e.Fingerprint]
				same = same && in
			}
			if same {
				return out
			}
		}
	}
	return Encode(kept)
}

// cut removes the lines of the given entries from the file's text: an
// entry is its "- " line, the lines indented under it, and the comment
// lines just above it at its indentation or deeper.
func (b *Baseline) cut(fixed []Entry) ([]byte, bool) {
	f := b.File
	if f == nil {
		return nil, false
	}
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	removed := make([]bool, f.Lines()+2)
	for _, x := range fixed {
		i, ok := b.index[x.Fingerprint]
		if !ok {
			continue
		}
		n := b.Entries[i].Line
		if n < 1 || n > f.Lines() || !strings.HasPrefix(strings.TrimLeft(f.Line(n), " "), "- ") {
			return nil, false
		}
		d := indent(f.Line(n))
		end := n
		for m := n + 1; m <= f.Lines(); m++ {
			l := f.Line(m)
			if strings.TrimSpace(l) == "" {
				continue
			}
			if indent(l) <= d {
				break
			}
			end = m
		}
		start := n
		for m := n - 1; m >= 1; m-- {
			l := f.Line(m)
			if !strings.HasPrefix(strings.TrimLeft(l, " "), "#") || indent(l) < d {
				break
			}
			start = m
		}
		for m := start; m <= end; m++ {
			removed[m] = true
		}
	}
	var out []byte
	for n := 1; n <= f.Lines(); n++ {
		if removed[n] {
			continue
		}
		from, to := f.Offset(n, 1), len(f.Text)
		if n < f.Lines() {
			to = f.Offset(n+1, 1)
		}
		out = append(out, f.Text[from:to]...)
	}
	// The text read has LF line ends and no BOM; the file keeps its own.
	if f.LineEnds == "CRLF" {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	switch f.Encoding {
	case "UTF-8":
	case "UTF-8 with BOM":
		out = append([]byte("\ufeff"), out...)
	default:
		return nil, false // UTF-16: written anew, as UTF-8
	}
	return out, true
}

// FixedFindings reports entries that no longer occur, each once, at its
// place in the baseline file.
func (b *Baseline) FixedFindings(fixed []Entry) []finding.Finding {
	var out []finding.Finding
	for _, e := range fixed {
		what := e.Rule
		if e.Item != "" {
			what += " at " + e.Item
		}
		if e.Country != "" {
			what += " (" + e.Country + ")"
		}
		subject := e.Fingerprint
		out = append(out, finding.Finding{
			Rule: RuleFixed, Severity: finding.Info, Subject: &subject,
			Location: finding.Location{File: b.Path, Line: e.Line, Column: e.Col},
			Message:  "the baseline's " + what + " no longer occurs; remove the entry, so that the baseline only shrinks",
			Hint:     "run lint again with --update-baseline",
		})
	}
	return out
}

// maxExcerpt is the length of an entry's excerpt, in characters.
const maxExcerpt = 120

// Of is the entry of a finding stamped with its identity.
func Of(f finding.Finding, country string) Entry {
	e := Entry{Fingerprint: f.Fingerprint, Country: country, Rule: f.Rule, Item: f.Item}
	switch {
	case f.Subject != nil:
		e.Excerpt = *f.Subject
	default:
		e.Excerpt = f.Message // a finding of reading: its message names it
	}
	e.Excerpt = strings.Join(strings.Fields(e.Excerpt), " ")
	if utf8.RuneCountInString(e.Excerpt) > maxExcerpt {
		e.Excerpt = string([]rune(e.Excerpt)[:maxExcerpt-1]) + "…"
	}
	return e
}

// header opens every baseline file.
const header = `factsheet baseline: findings accepted as they are, by content (docs/configuration.md#baselines).
"factsheet lint --baseline FILE" reports only the findings not listed here, and the entries
that no longer occur; "--update-baseline" removes those. Write a new one with --write-baseline.`

// Encode writes entries as a baseline file: sorted by country, item, rule
// and fingerprint, without duplicates.
func Encode(entries []Entry) []byte {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Item, b.Item), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	es = slices.CompactFunc(es, func(a, b Entry) bool { return a.Fingerprint == b.Fingerprint })
	// The encoder quotes what would read as something else.
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, e := range es {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		add := func(k, v string) {
			if v != "" || k == "fingerprint" || k == "rule" {
				m.Content = append(m.Content, str(k), str(v))
			}
		}
		add("fingerprint", e.Fingerprint)
		add("country", e.Country)
		add("rule", e.Rule)
		add("item", e.Item)
		add("excerpt", e.Excerpt)
		list.Content = append(list.Content, m)
	}
	if len(es) == 0 {
		list.Style = yaml.FlowStyle
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", HeadComment: "# " + strings.ReplaceAll(header, "\n", "\n# "),
		Content: []*yaml.Node{str("version"), {Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(Version)}, str("findings"), list}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		panic("baseline: " + err.Error()) // strings in a fixed shape cannot fail to encode
	}
	_ = enc.Close()
	return buf.Bytes()
}
