package fix_test

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// allocated is the number of bytes fn allocates: quadratic work shows as
// allocation that grows with the square of the input.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// manyFootnotes is the Belgian factsheet (synthetic additions) with n more
// footnotes, 30 to 29+n, all referenced from one comment in reverse order:
// every one of them is out of order.
func manyFootnotes(t testing.TB, name string, n int) []byte {
	b := base(t, name)
	var refs, defs strings.Builder
	for i := n - 1; i >= 0; i-- {
		if name == "BE.txt" {
			fmt.Fprintf(&refs, " <sup>%d</sup>", 30+i)
		} else {
			fmt.Fprintf(&refs, " [^%d]", 30+i)
		}
	}
	for i := 0; i < n; i++ {
		if name == "BE.txt" {
			fmt.Fprintf(&defs, "<sup>%d</sup> <https://example.org/synthetic/%d>\n\n", 30+i, i)
		} else {
			fmt.Fprintf(&defs, "  - label: %d\n    text: <https://example.org/synthetic/%d>\n", 30+i, i)
		}
	}
	if name == "BE.txt" {
		b = replaceOnce(t, b, "types of solutions?\tNo\tNo data available.", "types of solutions?\tNo\tNo data available"+refs.String()+".")
		return []byte(replaceOnce(t, b, "\n<sup>26</sup> ", "\n"+defs.String()+"<sup>26</sup> "))
	}
	b = replaceOnce(t, b, "      comments: No data available.\n  further_information:\n    - No further information identified.\nfootnotes:",
		"      comments: No data available"+refs.String()+".\n  further_information:\n    - No further information identified.\nfootnotes:")
	return []byte(replaceOnce(t, b, "\nwording:", "\n"+strings.TrimSuffix(defs.String(), "\n")+"\nwording:"))
}

// manyReferences is the factsheet with footnote 3 referenced n more times,
// before footnotes 1 and 2 are: all three are renumbered, n references
// among them.
func manyReferences(t testing.TB, name string, n int) []byte {
	b := base(t, name)
	if name == "BE.txt" {
		return []byte(replaceOnce(t, b, "\neHealth\t", "\neHealth\t"+strings.Repeat("<sup>3</sup> ", n)))
	}
	return []byte(replaceOnce(t, b, "      definition: |-\n        The WHO", "      definition: |-\n        "+strings.Repeat("[^3] ", n)+"The WHO"))
}

// TestFixIsLinear: 10x the footnotes to renumber, or the references to
// one footnote, costs about 10x, not 100x (time and allocation); and the
// bad inputs of the issue are fixed: 10 000 footnotes out of order, a
// footnote referenced 100 000 times.
func TestFixIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for _, tc := range []struct {
		name       string
		make       func(testing.TB, string, int) []byte
		small, big int
	}{
		{"footnotes out of order", manyFootnotes, 1000, 10000},
		{"one footnote referenced often", manyReferences, 10000, 100000},
	} {
		for _, file := range []string{"BE.yaml", "BE.txt"} {
			t.Run(tc.name+"/"+file, func(t *testing.T) {
				var took [2]time.Duration
				var alloc [2]uint64
				for i, n := range []int{tc.small, tc.big} {
					raw := tc.make(t, file, n)
					alloc[i] = allocated(func() {
						start := time.Now()
						out := fixBytes(t, file, raw, false)
						took[i] = time.Since(start)
						if count(out.Result.Findings, "footnote-order") != 0 || !out.Changed() {
							t.Fatalf("n=%d: not fixed (%d footnote-order findings remain)", n, count(out.Result.Findings, "footnote-order"))
						}
						if n == tc.big {
							if again := fixBytes(t, file, out.Raw, false); again.Changed() {
								t.Errorf("fixing twice changes the file")
							}
							if d := out.Diff(); !strings.HasPrefix(d, "--- "+file) {
								t.Errorf("no diff")
							}
						}
					})
				}
				t.Logf("%s: %v, %d bytes; %s: %v, %d bytes", strconv.Itoa(tc.small), took[0], alloc[0], strconv.Itoa(tc.big), took[1], alloc[1])
				if ratio := float64(alloc[1]) / float64(alloc[0]); ratio > 25 {
					t.Errorf("10x the input allocates %.0fx as much: not linear", ratio)
				}
				if ratio := float64(took[1]) / float64(took[0]); ratio > 40 {
					t.Errorf("10x the input takes %.0fx as long: not linear", ratio)
				}
			})
		}
	}
}
