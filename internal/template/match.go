package template

import (
	"strings"
	"unicode"
)

// Match returns the template whose wording a document's text shows most:
// its title, table captions, column labels and row labels, each counted
// once when the text holds it (compared ignoring case and spacing). The
// fallback wins ties, so that a document of the default template stays
// read with it however many templates a repository adds; among other ties
// the first by name wins. It also returns the other templates whose wording
// the text shows as much (a tie the order broke, which the reader is told
// of: a repository's stricter copy of a template, worded the same, cannot be
// told apart from it by the text); none when no template's wording shows.
// The work is one pass over the text per template.
func Match(tpls []*Template, text string, fallback *Template) (*Template, []*Template) {
	norm := normalise(text)
	best, bestScore := fallback, -1
	if fallback != nil {
		bestScore = score(fallback, norm)
	}
	var tied []*Template
	for _, t := range tpls {
		if t == fallback {
			continue
		}
		switch s := score(t, norm); {
		case s > bestScore:
			best, bestScore, tied = t, s, nil
		case s == bestScore:
			tied = append(tied, t)
		}
	}
	if bestScore <= 0 {
		tied = nil // nothing matched: not a tie between templates, a text of none
	}
	return best, tied
}

func score(t *Template, norm string) int {
	n := 0
	has := func(s string) {
		if s = normalise(s); s != "" && strings.Contains(norm, s) {
			n++
		}
	}
	has(t.TitlePrefix)
	for _, tb := range t.Tables() {
		has(tb.Caption)
		for _, h := range tb.Header {
			has(h)
		}
		for _, it := range tb.Items {
			has(it.Wording)
		}
		for _, it := range tb.Types {
			has(it.Wording)
		}
	}
	return n
}

// normalise lower-cases s and folds every run of spaces to one space.
func normalise(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
