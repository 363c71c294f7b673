package lint_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/testenv"
)

// withComment is the Belgian factsheet as JSON with one comment replaced.
func withComment(t testing.TB, comment string) []byte {
	t.Helper()
	res := load.Bytes("BE.yaml", []byte(read(t, "BE.yaml")), load.Options{})
	res.Model.Sections["governance"].Questions["national_board"].Comments = comment
	return encode.JSON(res.Model)
}

// sentenceInputs are the texts that made the date rules recompute a long
// sentence for every date in it: one sentence without a full stop, made of
// dates, stale or forward-looking or ended plans described as current.
var sentenceInputs = map[string]string{
	"as of":     "as of 2021 ",
	"past due":  "will be ready in early 2021 ",
	"plan":      "is guided by the plan 2019-2020 ",
	"e.g.":      "e.g. A ", // a full stop that never ends the sentence
	"distinct":  "as of 12 March 2021 as of 13 March 2021 ",
	"no dates":  "the national board will meet ",
	"many dots": "a. b. c. ",
	// Clauses, cues and leads read for every date (issue 15).
	"clauses":  "which, as planned, will be held in early 2021 and ",
	"relative": "will be launched next year ",
	"snapshot": "Stand: 03/2021; ",
	"subject":  "the plan 2019-2020 sets out ",
	"links":    "[Roadmap 2019-2021](https://x.org/a-2019) will be ",
	"tags":     "<a will be ready in early 2021 ",
}

// TestDateRulesAreLinear: the work of the date rules on one long sentence
// grows with its length, not with its square (a 100 KB comment of "as of
// 2021 " took 49 s), and repeated findings are made once.
func TestDateRulesAreLinear(t *testing.T) {
	for name, unit := range sentenceInputs {
		t.Run(name, func(t *testing.T) {
			var findings [2]int
			var took [2]time.Duration
			work := func(i, n int) uint64 {
				raw := withComment(t, strings.Repeat(unit, n/len(unit)))
				res := load.Bytes("x.json", raw, load.Options{})
				return testenv.Allocated(func() {
					// The fastest of three runs: the machine is shared.
					for range 3 {
						start := time.Now()
						findings[i] = len(lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge}))
						if d := time.Since(start); took[i] == 0 || d < took[i] {
							took[i] = d
						}
					}
				})
			}
			small, large := work(0, 100<<10), work(1, 1<<20)
			if ratio := float64(large) / float64(small); ratio > 15 {
				t.Errorf("10x the text allocates %.0fx as much (%d -> %d bytes): not linear", ratio, small, large)
			}
			// Work that does not allocate can be quadratic too (a clause
			// searched backwards for every date took 42 s on 1 MB): 10x the
			// text must not take anywhere near 100x the time.
			if ratio := float64(took[1]) / float64(took[0]); ratio > 40 {
				t.Errorf("10x the text takes %.0fx as long (%v -> %v): not linear", ratio, took[0], took[1])
			}
			if name != "distinct" && findings[0] != findings[1] {
				t.Errorf("%d findings for 100 KB, %d for 1 MB: a repeated date should be reported once per sentence", findings[0], findings[1])
			}
		})
	}
}

// TestRepeatedDateReportedOnce: the same stale date twice in one sentence
// is one finding; in two sentences, two.
func TestRepeatedDateReportedOnce(t *testing.T) {
	count := func(comment string) int {
		n := 0
		for _, f := range lintText("x.json", string(withComment(t, comment))) {
			if f.Rule == "date-as-of-stale" && f.Pointer == "/governance/questions/national_board/comments" {
				n++
			}
		}
		return n
	}
	if n := count("Ten as of 2021 and ten as of 2021 too"); n != 1 {
		t.Errorf("one sentence: %d findings, want 1", n)
	}
	if n := count("Ten as of 2021. Eleven as of 2021."); n != 2 {
		t.Errorf("two sentences: %d findings, want 2", n)
	}
}

func BenchmarkDateRulesLongSentence(b *testing.B) {
	for _, n := range []int{100 << 10, 1 << 20} {
		raw := withComment(b, strings.Repeat("as of 2021 ", n/11))
		res := load.Bytes("x.json", raw, load.Options{})
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge})
			}
		})
	}
}
