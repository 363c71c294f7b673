package diff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/testenv"
)

// longTexts is a text of about n bytes of words and the same text with
// changed words spread over it.
func longTexts(n, changes int) (string, string) {
	r := rand.New(rand.NewSource(1))
	vocab := []string{"alpha", "beta", "gamma", "delta", "care", "plan", "health", "data"}
	words := make([]string, n/6)
	for i := range words {
		words[i] = vocab[r.Intn(len(vocab))]
	}
	old := strings.Join(words, " ")
	for k := 0; k < changes; k++ {
		words[r.Intn(len(words))] = fmt.Sprintf("CHANGED%d", k)
	}
	return old, strings.Join(words, " ")
}

// TestWordDiffIsLinear: the word diff of two long texts allocates in
// proportion to their length, with few changes (a 600 KB comment with five
// changed words took 57 s) and with many (the alignment falls back to
// "all removed, all added" within a bounded amount of work).
func TestWordDiffIsLinear(t *testing.T) {
	for _, changes := range []int{5, 3000} {
		t.Run(fmt.Sprintf("%d-changes", changes), func(t *testing.T) {
			work := func(n int) uint64 {
				x, y := longTexts(n, changes)
				a, b := plainTokens(x), plainTokens(y)
				var ops []Op
				bytes := testenv.Allocated(func() { ops = wordDiff(a, b) })
				if o, n := rebuild(ops); o != x || n != y {
					t.Fatalf("the ops do not rebuild the texts")
				}
				return bytes
			}
			small, large := work(100<<10), work(1<<20)
			if ratio := float64(large) / float64(small); ratio > 15 {
				t.Errorf("10x the text allocates %.0fx as much (%d -> %d bytes): not linear", ratio, small, large)
			}
		})
	}
	// Five changed words in a long text are still shown as five changes.
	x, y := longTexts(1<<20, 5)
	changed := 0
	for _, op := range wordDiff(plainTokens(x), plainTokens(y)) {
		if op.Kind == Insert {
			changed++
		}
	}
	if changed != 5 {
		t.Errorf("%d insertions for 5 changed words", changed)
	}
}

func BenchmarkWordDiffLong(b *testing.B) {
	for _, n := range []int{100 << 10, 1 << 20} {
		x, y := longTexts(n, 5)
		a, c := plainTokens(x), plainTokens(y)
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				wordDiff(a, c)
			}
		})
	}
}
