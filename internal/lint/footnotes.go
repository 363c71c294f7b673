package lint

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
)

var (
	footnoteUnresolved   = rule("footnote-unresolved")
	footnoteUnused       = rule("footnote-unused")
	footnoteDuplicate    = rule("footnote-duplicate")
	footnoteOrder        = rule("footnote-order")
	footnoteEmpty        = rule("footnote-empty")
	footnotePlaceholder  = rule("footnote-placeholder-link")
	footnoteMalformedURL = rule("footnote-malformed-url")
	footnoteSameSource   = rule("footnote-duplicate-source")
)

// ref is a footnote reference found in a text.
type ref struct {
	label string
	text  Text
	start int // byte offset in the text
}

// sentence is the sentence of the text that holds the reference, in plain
// text: what an unresolved reference is about, whatever its number.
func (r ref) sentence() string {
	for _, s := range richtext.Sentences(r.text.Body) {
		if s.Start <= r.start && r.start < s.End {
			return richtext.Plain(r.text.Body[s.Start:s.End])
		}
	}
	return ""
}

// caretsAsText finds, in a document, the labels written "[^N]" in a
// table cell: the importer reads them as text ("\\[^N\\]"). One pass over
// each text, and only when a footnote is reported unused.
func caretsAsText(c *Context, texts []Text) map[string]bool {
	out := map[string]bool{}
	if c.form != load.Document {
		return out
	}
	for _, t := range texts {
		body := t.Body
		for {
			i := strings.Index(body, `\[^`)
			if i < 0 {
				break
			}
			body = body[i+3:]
			if j := strings.Index(body, `\]`); j > 0 && j <= 20 {
				out[richtext.Canonical(body[:j])] = true
			}
		}
	}
	return out
}

func refSnippets(label string) []string {
	return []string{"[^" + label + "]", "<sup>" + label + "</sup>"}
}

// checkFootnoteRefs runs all footnote rules: they share the reference scan.
func checkFootnoteRefs(c *Context) {
	texts := c.Texts()
	var refs []ref
	for _, t := range texts {
		if t.Kind == "footnote" {
			continue
		}
		for _, r := range richtext.Refs(t.Body) {
			refs = append(refs, ref{r.Label, t, r.Start})
		}
	}
	// Labels are compared in canonical form (NFC): a label typed with a
	// decomposed accent is the same label.
	defs := map[string]int{} // canonical label -> first footnote index
	for i, fn := range c.F.Footnotes {
		if first, dup := defs[richtext.Canonical(fn.Label)]; dup {
			c.reportAbout(footnoteDuplicate, c.at(model.FootnotePtr(i)), "",
				fmt.Sprintf("footnote %s is defined twice (first at line %d); references to it are ambiguous", fn.Label, c.locate(model.FootnotePtr(first)).Line),
				"renumber one of them", c.related(model.FootnotePtr(first), "first defined here"))
			continue
		}
		defs[richtext.Canonical(fn.Label)] = i
		if strings.TrimSpace(fn.Text) == "" {
			c.report(footnoteEmpty, c.at(model.FootnotePtr(i)), fmt.Sprintf("footnote %s has no text", fn.Label), "give the source: a title and its address")
		}
	}
	used := map[string]bool{}
	for _, r := range refs {
		used[richtext.Canonical(r.label)] = true
		if _, ok := defs[richtext.Canonical(r.label)]; !ok {
			c.reportAbout(footnoteUnresolved, c.at(r.text.Ptr(), refSnippets(r.label)...), r.sentence(),
				fmt.Sprintf("footnote %s is referenced in %s but not defined", r.label, r.text.What()), "add the footnote, or remove the reference")
		}
	}
	var asText map[string]bool
	for i, fn := range c.F.Footnotes {
		if key := richtext.Canonical(fn.Label); defs[key] == i && !used[key] && !c.citedUnread[key] {
			if asText == nil {
				asText = caretsAsText(c, texts)
			}
			hint := "cite it where its source is used, or delete it"
			if asText[key] {
				// A cell of the published layout is HTML: "[^2]" there is
				// the text "[^2]", not a reference (docs/layout.md).
				hint = fmt.Sprintf("the document writes [^%s] in a table cell, where a reference is written <sup>%s</sup> (a cell is HTML); write <sup>%s</sup> there", fn.Label, fn.Label, fn.Label)
			}
			c.report(footnoteUnused, c.at(model.FootnotePtr(i)), fmt.Sprintf("footnote %s is never referenced", fn.Label), hint)
		}
	}
	checkOrder(c, refs, defs)
	checkLinks(c, texts)
	checkSameSource(c)
}

// checkOrder reports footnotes whose first reference is out of numeric
// order. The footnotes on a longest increasing run of first references are
// in order; each one off that run is reported once, so a single footnote
// moved far away gives one finding, not one per footnote it overtook.
func checkOrder(c *Context, refs []ref, defs map[string]int) {
	var first []ref
	var nums []int
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.label] {
			continue
		}
		seen[r.label] = true
		n, err := strconv.Atoi(r.label)
		if err != nil {
			return // named labels have no order to check
		}
		if _, ok := defs[richtext.Canonical(r.label)]; !ok {
			continue
		}
		first = append(first, r)
		nums = append(nums, n)
	}
	inRun := longestIncreasing(nums)
	cursor := refCursor{from: map[string]int{}}
	for i, r := range first {
		if inRun[i] {
			continue
		}
		prev := ""
		for j := i - 1; j >= 0; j-- {
			if nums[j] > nums[i] {
				prev = first[j].label
				break
			}
		}
		msg := fmt.Sprintf("footnote %s is first referenced out of order", r.label)
		if prev != "" {
			msg = fmt.Sprintf("footnote %s is first referenced after footnote %s; footnotes are numbered in order of first reference", r.label, prev)
		}
		// About the footnote cited, by its sources: renumbering them all
		// does not make it another finding.
		cited := identity.FootnoteKey(c.F.Footnotes[defs[richtext.Canonical(r.label)]].Text)
		c.reportAbout(footnoteOrder, cursor.at(c, r), cited, msg, "renumber the footnotes: factsheet lint --fix")
	}
}

// refCursor locates references in the order of the text: each search
// starts after the last reference found in the same text, in the form
// (Markdown [^N] or the document's <sup>N</sup>) found last, so locating
// every reference of a long text costs the text once.
type refCursor struct {
	from map[string]int // pointer of a text -> offset after its last reference found
	form int            // index in refSnippets of the form found last
}

func (rc *refCursor) at(c *Context, r ref) finding.Location {
	ptr := r.text.Ptr()
	snippets := refSnippets(r.label)
	for k := range snippets {
		i := (rc.form + k) % len(snippets)
		if line, col, off, ok := c.m.SearchFrom(c.file, ptr, snippets[i], rc.from[ptr]); ok {
			rc.form = i
			rc.from[ptr] = off + len(snippets[i])
			return finding.Location{File: c.name, Pointer: ptr, Line: line, Column: col}
		}
	}
	return c.at(ptr, snippets...)
}

// longestIncreasing marks the elements of one longest strictly increasing
// subsequence of nums.
func longestIncreasing(nums []int) []bool {
	tails := []int{} // index of the smallest tail of each length
	prev := make([]int, len(nums))
	for i, n := range nums {
		k := sort.Search(len(tails), func(k int) bool { return nums[tails[k]] >= n })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	in := make([]bool, len(nums))
	if len(tails) == 0 {
		return in
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		in[i] = true
	}
	return in
}

var placeholderURLs = map[string]bool{"": true, "#": true, "todo": true, "tbd": true, "link": true, "url": true, "http://": true, "https://": true, "xxx": true}

func checkLinks(c *Context, texts []Text) {
	for _, t := range texts {
		for _, l := range richtext.Links(t.Body) {
			raw := t.Body[l.Start:l.End]
			u := strings.TrimSpace(l.URL)
			title := func() string { return richtext.Plain(l.Text) }
			// In the document a link inside a table cell is an <a> tag.
			tag := `<a href="` + html.EscapeString(l.URL) + `"`
			switch {
			case placeholderURLs[strings.ToLower(u)]:
				c.reportAbout(footnotePlaceholder, c.at(t.Ptr(), raw, tag, "("+l.URL+")"), title(),
					fmt.Sprintf("placeholder link %s in %s: %q is not an address", quote(title(), 60), t.What(), "("+l.URL+")"),
					"put the source's address in the parentheses")
			case l.Unclosed:
				c.reportAbout(footnoteMalformedURL, c.at(t.Ptr(), raw, tag), u,
					fmt.Sprintf("link %s in %s has no closing parenthesis", quote(title(), 60), t.What()), "close the link: [title](https://...)")
			case strings.ContainsFunc(u, unicode.IsSpace):
				c.reportAbout(footnoteMalformedURL, c.at(t.Ptr(), raw, tag), u,
					fmt.Sprintf("the address of link %s in %s contains spaces: %s", quote(title(), 60), t.What(), quote(u, 80)),
					"give each source its own link: [title](https://...); [title](https://...)")
			case !hasScheme(u):
				c.reportAbout(footnoteMalformedURL, c.at(t.Ptr(), raw, tag), u,
					fmt.Sprintf("the address %s of link %s in %s has no scheme", quote(u, 80), quote(title(), 60), t.What()),
					"start the address with https://")
			}
		}
	}
}

func hasScheme(u string) bool {
	l := strings.ToLower(u)
	for _, p := range []string{"https://", "http://", "mailto:", "ftp://", "#", "/"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// citedSource is one source a footnote cites: its key for comparison (the
// normalised address, or for a placeholder link its title) and how to show
// it.
type citedSource struct{ key, show string }

func sources(text string) []citedSource {
	var out []citedSource
	for _, l := range richtext.Links(text) {
		u := strings.TrimSpace(l.URL)
		if placeholderURLs[strings.ToLower(u)] {
			if t := strings.TrimSpace(richtext.Plain(l.Text)); t != "" {
				out = append(out, citedSource{"title:" + strings.ToLower(richtext.Canonical(t)), t})
			}
			continue
		}
		if strings.ContainsFunc(u, unicode.IsSpace) || l.Unclosed {
			continue
		}
		out = append(out, citedSource{richtext.NormalizeURL(u), u})
	}
	return out
}

func checkSameSource(c *Context) {
	firstBy := map[string]int{}
	for i, fn := range c.F.Footnotes {
		reported := map[int]bool{}
		for _, src := range sources(fn.Text) {
			j, seen := firstBy[src.key]
			if !seen {
				firstBy[src.key] = i
				continue
			}
			if j == i || reported[j] {
				continue
			}
			reported[j] = true
			other := c.F.Footnotes[j]
			c.reportAbout(footnoteSameSource, c.at(model.FootnotePtr(i)), strings.TrimPrefix(src.key, "title:"),
				fmt.Sprintf("footnote %s cites the same source as footnote %s: %s", fn.Label, other.Label, quote(src.show, 80)),
				"reference footnote "+other.Label+" instead", c.related(model.FootnotePtr(j), "footnote "+other.Label))
		}
	}
}

// FirstReferences lists the footnote labels in the order the rules read
// their first references (the texts of the factsheet in template order,
// footnote texts left out), each once: the order footnote-order checks,
// and lint --fix renumbers to.
func FirstReferences(res *load.Result) []string {
	if res == nil || res.Model == nil {
		return nil
	}
	c := &Context{F: res.Model, Tpl: res.Model.TemplateOrDefault()}
	var out []string
	seen := map[string]bool{}
	for _, t := range c.Texts() {
		if t.Kind == "footnote" {
			continue
		}
		for _, r := range richtext.Refs(t.Body) {
			if !seen[r.Label] {
				seen[r.Label] = true
				out = append(out, r.Label)
			}
		}
	}
	return out
}

// CitesOnlyWhat reports whether every source the footnote text cites is
// also cited by other (and it cites at least one): merging the footnote
// into other then loses no source, as footnote-duplicate-source's fix
// needs.
func CitesOnlyWhat(text, other string) bool {
	mine := sources(text)
	if len(mine) == 0 {
		return false
	}
	theirs := map[string]bool{}
	for _, s := range sources(other) {
		theirs[s.key] = true
	}
	for _, s := range mine {
		if !theirs[s.key] {
			return false
		}
	}
	return true
}
