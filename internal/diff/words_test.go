package diff

import (
	"math/rand"
	"strings"
	"testing"
)

func plainTokens(s string) []token { return tokenize(s, ident, ident) }

// rebuild returns the old and new texts an op list describes.
func rebuild(ops []Op) (old, new string) {
	var o, n strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			o.WriteString(op.Old)
			n.WriteString(op.New)
		case Delete:
			o.WriteString(op.Old)
		case Insert:
			n.WriteString(op.New)
		}
	}
	return o.String(), n.String()
}

func render(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case Delete:
			b.WriteString("[-" + op.Text + "-]")
		case Insert:
			b.WriteString("{+" + op.Text + "+}")
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"same text", "same text", "same text"},
		{"", "new", "{+new+}"},
		{"old", "", "[-old-]"},
		{"telemonitoring will be integrated", "telemonitoring is integrated", "telemonitoring [-will be-]{+is+} integrated"},
		{"No, planned", "Yes partially, planned", "[-No-]{+Yes partially+}, planned"},
		{"a b c d", "a x y d", "a [-b c-]{+x y+} d"},
		{"Belgium", "Kingdom of Belgium", "{+Kingdom of +}Belgium"},
		{"line one\n- item", "line one\n- item\n- new item", "line one\n- item{+\n- new item+}"},
		{"Zoë’s café", "Zoë’s bistro", "Zoë’s [-café-]{+bistro+}"},
	} {
		ops := wordDiff(plainTokens(tc.old), plainTokens(tc.new))
		if got := render(ops); got != tc.want {
			t.Errorf("%q -> %q:\n got %s\nwant %s", tc.old, tc.new, got, tc.want)
		}
		if o, n := rebuild(ops); o != tc.old || n != tc.new {
			t.Errorf("%q -> %q: ops rebuild %q -> %q", tc.old, tc.new, o, n)
		}
	}
}

// TestWordDiffRenumberedRefs: a reference that only changed its number is
// unchanged text; each side keeps its own label, the one-column text uses
// the new numbering.
func TestWordDiffRenumberedRefs(t *testing.T) {
	oldRef := func(l string) string { return map[string]string{"3": "=A", "4": "=B"}[l] }
	newRef := func(l string) string { return map[string]string{"4": "=A", "9": "=B"}[l] }
	oldShown := func(l string) string { return map[string]string{"3": "4", "4": "9"}[l] }
	a := tokenize("see [^3] and [^4] now", oldRef, oldShown)
	b := tokenize("see [^4] and also [^9] now", newRef, ident)
	ops := wordDiff(a, b)
	if got := render(ops); got != "see [^4] and {+also +}[^9] now" {
		t.Errorf("got %s", got)
	}
	if o, n := rebuild(ops); o != "see [^3] and [^4] now" || n != "see [^4] and also [^9] now" {
		t.Errorf("rebuild %q -> %q", o, n)
	}
}

// lcs is the length of the longest common subsequence, by dynamic
// programming: the reference the Myers diff must match.
func lcs(a, b []token) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// TestMyersMinimal: on random texts the edit script rebuilds both sides
// and keeps a longest common subsequence (it is a shortest edit script).
func TestMyersMinimal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a", "b", "c", "the", "plan", " ", " ", ", ", "\n"}
	gen := func() string {
		var b strings.Builder
		for i := rng.Intn(30); i > 0; i-- {
			b.WriteString(words[rng.Intn(len(words))])
		}
		return b.String()
	}
	for range 2000 {
		x, y := gen(), gen()
		a, b := plainTokens(x), plainTokens(y)
		edits := myers(a, b, 0, 0)
		kept := 0
		i, j := 0, 0
		for _, e := range edits {
			switch e.kind {
			case Equal:
				if e.i != i || e.j != j || a[i].key != b[j].key {
					t.Fatalf("%q -> %q: bad equal step", x, y)
				}
				i++
				j++
				kept++
			case Delete:
				if e.i != i {
					t.Fatalf("%q -> %q: bad delete step", x, y)
				}
				i++
			case Insert:
				if e.j != j {
					t.Fatalf("%q -> %q: bad insert step", x, y)
				}
				j++
			}
		}
		if i != len(a) || j != len(b) {
			t.Fatalf("%q -> %q: script stops at %d,%d", x, y, i, j)
		}
		if want := lcs(a, b); kept != want {
			t.Fatalf("%q -> %q: kept %d tokens, LCS is %d", x, y, kept, want)
		}
		if o, n := rebuild(wordDiff(a, b)); o != x || n != y {
			t.Fatalf("%q -> %q: ops rebuild %q -> %q", x, y, o, n)
		}
	}
}

// TestWordDiffBounded: two long, entirely different texts are one
// deletion and one insertion, computed without quadratic work.
func TestWordDiffBounded(t *testing.T) {
	x := strings.Repeat("alpha ", 5000)
	y := strings.Repeat("beta ", 5000)
	ops := wordDiff(plainTokens(x), plainTokens(y))
	if o, n := rebuild(ops); o != x || n != y {
		t.Fatal("ops do not rebuild the texts")
	}
	if len(ops) > 3 {
		t.Errorf("%d ops, want a deletion and an insertion", len(ops))
	}
}
