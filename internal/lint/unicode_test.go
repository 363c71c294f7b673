package lint_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/richtext"
)

// TestInvisibleSpacesGiveTheSameFindings: the seed with every space a
// no-break space gives the seed's findings, at the same lines and columns
// (columns count characters, and a no-break space is one): "as of 2021"
// typed with a no-break space is still "as of", an address with a no-break
// space in it is still malformed, quoted text is found in the source.
func TestInvisibleSpacesGiveTheSameFindings(t *testing.T) {
	key := func(text string) []string {
		var out []string
		for _, f := range lintText("BE.txt", text) {
			out = append(out, fmt.Sprintf("%d:%d %s %s %s", f.Line, f.Column, f.Rule, f.Pointer, richtext.Canonical(f.Message)))
		}
		sort.Strings(out)
		return out
	}
	seed := read(t, "BE.txt")
	want := key(seed)
	for _, sp := range []string{"\u00a0", "\u202f", "\u2009"} {
		got := key(strings.ReplaceAll(seed, " ", sp))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("U+%04X: findings differ:\ngot:\n%s\nwant:\n%s", []rune(sp)[0], strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
