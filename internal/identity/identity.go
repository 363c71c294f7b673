// Package identity says what a finding is about by content, so that the
// same problem stays the same finding across everything that does not
// change it: lines added above it, footnotes renumbered, rows moved, line
// ends, the form the factsheet is in (YAML, JSON, the document, Word) and
// the day of the run.
//
// A finding's identity is four things:
//
//   - the country (its ISO code);
//   - the item, by stable IDs: "governance.national_board.comments",
//     "solutions.treatment.telemonitoring"; a footnote by the sources it
//     cites ("footnotes[https://mhealthbelgium.be]"), or its words when it
//     cites no address; a review round by its kind and date; never a list
//     index or a footnote number;
//   - the rule;
//   - the subject, normalised: the text the finding is about (the quoted
//     sentence, the link, the answer), lower-case, spaces folded, footnote
//     references dropped. Findings of reading (schema, document layout,
//     Word) name their subject in their message: it stands for the subject
//     with its digits left out, so that line numbers in it do not count.
//
// Its fingerprint is a hash of the four. SARIF partial fingerprints, GitLab
// code-quality fingerprints, waivers by item and baselines all use it; the
// message, which says "about 7 months ago", never does.
package identity

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// Chars is the length of a fingerprint, in hex digits.
const Chars = 32

// Stamp sets the Item and the Fingerprint of every finding of one file,
// from the factsheet read from it (nil when it could not be read: items are
// then named by their pointers). Fingerprints are not yet told apart when
// two findings share one: Number does that, once the findings are in
// output order.
func Stamp(f *model.Factsheet, fs []finding.Finding) {
	country := ""
	if f != nil {
		country = f.Country.Code
	}
	n := namer{f: f}
	for i := range fs {
		fs[i].Item = n.item(fs[i].Pointer)
		fs[i].Fingerprint = Hash(country, fs[i].Item, fs[i].Rule, Subject(fs[i]))
	}
}

// Number tells apart findings of one file that share a fingerprint (the
// same placeholder link twice in one footnote): the second and later ones,
// in the order given (the output order), get ":2", ":3" ... appended.
func Number(fs []finding.Finding) {
	seen := map[string]int{}
	for i := range fs {
		if fs[i].Fingerprint == "" {
			continue
		}
		base, _, _ := strings.Cut(fs[i].Fingerprint, ":")
		seen[base]++
		fs[i].Fingerprint = base
		if n := seen[base]; n > 1 {
			fs[i].Fingerprint += ":" + strconv.Itoa(n)
		}
	}
}

// Fingerprints returns the fingerprint of each finding of one file: the one
// Stamp and Number gave it, or for a finding made without them (a finding
// about the configuration) one computed from its pointer, rule and message,
// numbered the same way.
func Fingerprints(fs []finding.Finding) []string {
	out := make([]string, len(fs))
	seen := map[string]int{}
	for i, f := range fs {
		if f.Fingerprint != "" {
			out[i] = f.Fingerprint
			continue
		}
		fp := Hash("", (namer{}).item(f.Pointer), f.Rule, Subject(f))
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp += ":" + strconv.Itoa(n)
		}
		out[i] = fp
	}
	return out
}

// Hash is the fingerprint of an identity: the first 32 hex digits of the
// SHA-256 of the country, the item, the rule and the normalised subject,
// joined by NUL bytes.
func Hash(country, item, rule, subject string) string {
	sum := sha256.Sum256([]byte(country + "\x00" + item + "\x00" + rule + "\x00" + subject))
	return hex.EncodeToString(sum[:])[:Chars]
}

// Subject is the normalised subject of a finding: its Subject when a lint
// rule set one, else its message without digits.
func Subject(f finding.Finding) string {
	if f.Subject != nil {
		return Normalize(*f.Subject)
	}
	return Normalize(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, f.Message))
}

// Normalize is the form in which texts identify findings: canonical Unicode
// (NFC, every space a space), Markdown markup and footnote references
// (numbers that change when footnotes are renumbered) dropped, lower case,
// runs of spaces and line ends one space.
func Normalize(s string) string {
	s = richtext.Plain(richtext.SupToRefs(richtext.Canonical(s)))
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// maxKeyWords bounds the words of a text that names an item (a footnote
// without an address, a further-information item): enough to tell items
// apart, few enough that editing the end of a long item keeps its name.
const maxKeyWords = 12

// words is a text's first words, normalised.
func words(s string) string {
	w := strings.Fields(Normalize(s))
	if len(w) > maxKeyWords {
		w = w[:maxKeyWords]
	}
	return strings.Join(w, " ")
}

// FootnoteKey names a footnote by content: the addresses it cites
// (normalised, sorted, spaces inside an address written %20), or when it
// cites none the first words of its text.
func FootnoteKey(text string) string {
	urls := richtext.SourceURLs(richtext.CanonicalMarkdown(text))
	if len(urls) == 0 {
		return words(text)
	}
	for i, u := range urls {
		urls[i] = strings.ReplaceAll(u, " ", "%20")
	}
	return strings.Join(urls, " ")
}

// Item names the part of a factsheet a JSON pointer designates, by stable
// IDs and content (see the package documentation). f may be nil: list
// elements are then named by their position.
func Item(f *model.Factsheet, ptr string) string {
	return namer{f: f}.item(ptr)
}

type namer struct{ f *model.Factsheet }

func (n namer) tpl() *template.Template {
	if n.f == nil {
		return template.Builtin().Default()
	}
	return n.f.TemplateOrDefault()
}

func (n namer) item(ptr string) string {
	if ptr == "" || ptr == "/" {
		return ""
	}
	segs := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, s := range segs {
		segs[i] = source.Unescape(s)
	}
	var b strings.Builder
	switch head := segs[0]; {
	case head == "footnotes" && len(segs) > 1:
		b.WriteString("footnotes")
		rest := segs[2:]
		if fn, ok := index(segs[1], n.footnotes()); ok {
			b.WriteString("[" + FootnoteKey(fn.Text) + "]")
			if len(rest) == 1 && rest[0] == "text" {
				rest = nil // the footnote is its text
			}
		} else {
			b.WriteString("." + segs[1])
		}
		dotted(&b, rest)
	case head == "rounds" && len(segs) > 1:
		b.WriteString("rounds")
		r, ok := index(segs[1], n.rounds())
		if !ok {
			b.WriteString("." + segs[1])
			dotted(&b, segs[2:])
			break
		}
		b.WriteString("[" + r.Kind + " " + r.Date + "]")
		rest := segs[2:]
		if len(rest) >= 2 && rest[0] == "contributors" {
			if c, ok := index(rest[1], r.Contributors); ok {
				b.WriteString(".contributors[" + words(c.Name) + "]")
				rest = rest[2:]
			}
		}
		dotted(&b, rest)
	case head == "wording" && len(segs) > 1:
		b.WriteString("wording[" + segs[1] + "]")
		dotted(&b, segs[2:])
	default:
		tb := n.tpl().Table(head)
		if tb == nil || len(segs) < 3 {
			b.WriteString(head)
			dotted(&b, segs[1:])
			break
		}
		b.WriteString(head)
		switch segs[1] {
		case tb.ItemsKey():
			// "/governance/questions/national_board/comments" is
			// governance.national_board.comments; a Table 5 cell
			// solutions.treatment.telemonitoring.
			dotted(&b, segs[2:])
		case "further_information":
			b.WriteString(".further_information")
			if x, ok := index(segs[2], n.further(head)); ok {
				b.WriteString("[" + words(x) + "]")
			} else {
				b.WriteString("." + segs[2])
			}
			dotted(&b, segs[3:])
		default:
			dotted(&b, segs[1:])
		}
	}
	return b.String()
}

func dotted(b *strings.Builder, segs []string) {
	for _, s := range segs {
		b.WriteByte('.')
		b.WriteString(s)
	}
}

func (n namer) footnotes() []model.Footnote {
	if n.f == nil {
		return nil
	}
	return n.f.Footnotes
}

func (n namer) rounds() []model.Round {
	if n.f == nil {
		return nil
	}
	return n.f.Rounds
}

func (n namer) further(section string) []string {
	if n.f == nil || n.f.Sections[section] == nil {
		return nil
	}
	return n.f.Sections[section].FurtherInformation
}

// index is the element of list a pointer segment designates.
func index[T any](seg string, list []T) (T, bool) {
	var zero T
	i, err := strconv.Atoi(seg)
	if err != nil || i < 0 || i >= len(list) || strconv.Itoa(i) != seg {
		return zero, false
	}
	return list[i], true
}

// Covers reports whether an item selector (as a waiver names it:
// "governance.national_board", "solutions", "footnotes") covers an item: the
// item itself or a part of it.
func Covers(selector, item string) bool {
	selector = strings.TrimSpace(selector)
	if selector == "" || !strings.HasPrefix(item, selector) {
		return false
	}
	rest := item[len(selector):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// CitesSource reports whether an item is a footnote (or a part of one)
// that cites source: an address (compared normalised) or, for a footnote
// without an address, its first words.
func CitesSource(item, source string) bool {
	key, ok := strings.CutPrefix(item, "footnotes[")
	if !ok {
		return false
	}
	end := strings.LastIndexByte(key, ']')
	if end < 0 {
		return false
	}
	key = key[:end]
	source = strings.TrimSpace(source)
	want := strings.ReplaceAll(richtext.NormalizeURL(source), " ", "%20")
	for _, u := range strings.Fields(key) {
		if u == want {
			return true
		}
	}
	w := words(source)
	return w != "" && key == w
}

// fields are the parts of a template item a selector may name after its ID.
var fields = []string{"answer", "comments", "definition", "deviation"}

// topLevel are the items outside the template's tables.
var topLevel = []string{"title", "introduction", "contact", "template", "country", "country.code", "country.name", "rounds", "footnotes", "wording"}

// Selectors lists the item selectors a waiver may name, without fields and
// list elements: every section, question, term, matrix area and cell of
// the templates by stable ID (the default template's when none is given),
// and the items outside the tables.
func Selectors(tpls ...*template.Template) []string {
	if len(tpls) == 0 {
		tpls = []*template.Template{template.Builtin().Default()}
	}
	out := append([]string(nil), topLevel...)
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, tpl := range tpls {
		for _, tb := range tpl.Tables() {
			add(tb.Section)
			add(tb.Section + ".further_information")
			for _, it := range tb.Items {
				add(tb.ID(it.ID))
				for _, typ := range tb.Types {
					add(tb.CellID(it.ID, typ.ID))
				}
			}
		}
	}
	return out
}

// KnownSelector reports whether a waiver's item selector names something
// one of the templates (the default one when none is given) has: one of Selectors, a field of a question or term
// ("governance.national_board.comments"), or an element of a list by
// content ("footnotes[...]", "rounds[review 2026-02]").
func KnownSelector(sel string, tpls ...*template.Template) bool {
	if head, _, ok := strings.Cut(sel, "["); ok {
		return slices.Contains(Selectors(tpls...), head)
	}
	known := Selectors(tpls...)
	if slices.Contains(known, sel) {
		return true
	}
	i := strings.LastIndexByte(sel, '.')
	return i > 0 && slices.Contains(fields, sel[i+1:]) && strings.Contains(sel[:i], ".") && slices.Contains(known, sel[:i])
}
