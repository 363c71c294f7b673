package diff

import (
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
)

// Footnotes are matched by content, never by number. A footnote's content
// is the set of addresses it cites (normalised) and its normalised text.
// Matching runs in three passes, each on what the earlier ones left:
//
//  1. same addresses and same text: the same footnote (changed only if its
//     raw Markdown differs, e.g. emphasis added);
//  2. same non-empty set of addresses: the same source, its text edited;
//  3. same non-empty text: the same source, its address changed (a
//     placeholder (#) replaced by the real address, say).
//
// Within a pass, footnotes with equal keys pair up in document order, so
// three footnotes citing the same page in both versions pair first with
// first. Whatever is left is added or removed.

// fnKey is what footnotes are matched by.
type fnKey struct {
	urls string // sorted normalised addresses, "\n"-joined ("" when none)
	text string // Plain text, lower case, spaces collapsed
}

// footnoteKey is a footnote's content: the addresses it cites (richtext.SourceURLs,
// which finding identities use too) and its plain text.
func footnoteKey(text string) fnKey {
	text = richtext.CanonicalMarkdown(text)
	return fnKey{urls: strings.Join(richtext.SourceURLs(text), "\n"), text: strings.ToLower(richtext.Plain(text))}
}

// fnMatch is the outcome of matching two footnote lists.
type fnMatch struct {
	old, new []model.Footnote
	oldTo    []int // old index -> new index, -1 when removed
	newTo    []int // new index -> old index, -1 when added
	// canonOld and canonNew map a label to the key its references compare
	// by: "=L" for a footnote present in both versions, "+L" for a footnote
	// only in the new version, "-L" for one only in the old version, "?L"
	// for a label with no footnote. L is the new label; footnotes with the
	// same text share the key of the first of them, so references to two
	// identical footnotes compare equal.
	canonOld, canonNew map[string]string
	showOld            map[string]string // see oldShown
}

func matchFootnotes(old, new []model.Footnote) *fnMatch {
	m := &fnMatch{old: old, new: new, oldTo: make([]int, len(old)), newTo: make([]int, len(new))}
	for i := range m.oldTo {
		m.oldTo[i] = -1
	}
	for j := range m.newTo {
		m.newTo[j] = -1
	}
	ok := make([]fnKey, len(old))
	for i, f := range old {
		ok[i] = footnoteKey(f.Text)
	}
	nk := make([]fnKey, len(new))
	for j, f := range new {
		nk[j] = footnoteKey(f.Text)
	}
	pass := func(key func(fnKey) (string, bool)) {
		byKey := map[string][]int{}
		for j := range new {
			if m.newTo[j] < 0 {
				if k, use := key(nk[j]); use {
					byKey[k] = append(byKey[k], j)
				}
			}
		}
		for i := range old {
			if m.oldTo[i] >= 0 {
				continue
			}
			k, use := key(ok[i])
			if !use || len(byKey[k]) == 0 {
				continue
			}
			j := byKey[k][0]
			byKey[k] = byKey[k][1:]
			m.oldTo[i], m.newTo[j] = j, i
		}
	}
	pass(func(k fnKey) (string, bool) { return k.urls + "\x00" + k.text, true })
	pass(func(k fnKey) (string, bool) { return k.urls, k.urls != "" })
	pass(func(k fnKey) (string, bool) { return k.text, k.text != "" })

	m.canonNew = map[string]string{}
	firstByText := map[string]string{}
	for j, f := range new {
		if _, dup := m.canonNew[f.Label]; dup {
			continue // a duplicate label: references mean the first
		}
		if first, ok := firstByText[richtext.CanonicalMarkdown(f.Text)]; ok {
			// The same source as an earlier footnote: references to
			// either cite it.
			m.canonNew[f.Label] = first
			continue
		}
		c := "=" + f.Label
		if m.newTo[j] < 0 {
			c = "+" + f.Label
		}
		firstByText[richtext.CanonicalMarkdown(f.Text)] = c
		m.canonNew[f.Label] = c
	}
	m.canonOld = map[string]string{}
	m.showOld = map[string]string{}
	for i, f := range old {
		if _, dup := m.canonOld[f.Label]; dup {
			continue
		}
		if j := m.oldTo[i]; j >= 0 {
			m.showOld[f.Label] = new[j].Label
			m.canonOld[f.Label] = m.canonNew[new[j].Label]
			if m.canonOld[f.Label] == "" || m.canonOld[f.Label][0] != '=' {
				// The new footnote's label is a duplicate whose references
				// mean another footnote; keep this pair apart.
				m.canonOld[f.Label] = "=" + new[j].Label + "#" + strconv.Itoa(j)
			}
			continue
		}
		m.canonOld[f.Label] = "-" + f.Label
		m.showOld[f.Label] = "old " + f.Label
	}
	return m
}

func (m *fnMatch) oldRef(label string) string {
	if c, ok := m.canonOld[label]; ok {
		return c
	}
	return "?" + label
}

func (m *fnMatch) newRef(label string) string {
	if c, ok := m.canonNew[label]; ok {
		return c
	}
	return "?" + label
}

// Renumbering is one note per run of footnotes that moved by the same
// offset, never a change: "footnotes 3-28 renumbered to 4-29".
func (m *fnMatch) renumbered() []Renumbering {
	var out []Renumbering
	var cur *Renumbering
	prevOld, prevNew := 0, 0
	for i, f := range m.old {
		j := m.oldTo[i]
		if j < 0 || m.new[j].Label == f.Label {
			cur = nil
			continue
		}
		nl := m.new[j].Label
		on, err1 := strconv.Atoi(f.Label)
		nn, err2 := strconv.Atoi(nl)
		numeric := err1 == nil && err2 == nil
		if cur != nil && numeric && on == prevOld+1 && nn == prevNew+1 {
			cur.OldLast, cur.NewLast = f.Label, nl
			cur.Count++
		} else {
			out = append(out, Renumbering{OldFirst: f.Label, OldLast: f.Label, NewFirst: nl, NewLast: nl, Count: 1})
			cur = &out[len(out)-1]
			if !numeric {
				cur = nil
			}
		}
		prevOld, prevNew = on, nn
	}
	for i := range out {
		out[i].Note = out[i].String()
	}
	return out
}

// oldShown is how a reference of the old version reads in the new
// numbering: the new label of the same footnote, "old N" for a footnote
// the new version no longer has, the label itself when it has no footnote.
func (m *fnMatch) oldShown(label string) string {
	if s, ok := m.showOld[label]; ok {
		return s
	}
	return label
}
