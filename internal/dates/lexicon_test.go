package dates

import (
	"strings"
	"testing"
)

// TestLexiconsAgree: a word that two languages share (April, mai, winter)
// means the same to both; otherwise merging them would silently drop one
// meaning.
func TestLexiconsAgree(t *testing.T) {
	seen := map[string]wordID{}
	from := map[string]string{}
	for _, l := range lexicons {
		check := func(list string, id wordID) {
			for _, w := range strings.Split(list, "|") {
				if w == "" {
					continue
				}
				if w != strings.ToLower(w) {
					t.Errorf("%s: %q is not lower case", l.name, w)
				}
				if prev, ok := seen[w]; ok && prev != id {
					t.Errorf("%q means %d in %s and %d in %s", w, prev, from[w], id, l.name)
				}
				seen[w], from[w] = id, l.name
			}
		}
		for m := range 12 {
			check(l.months[m], wJanuary+wordID(m))
			check(l.abbrevs[m], wJanuary+wordID(m))
		}
		for id, list := range l.words {
			check(list, id)
		}
	}
}
