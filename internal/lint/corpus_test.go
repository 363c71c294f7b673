package lint

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

var corpusMisses = flag.Bool("corpus-misses", false, "list the sentences of the tuning corpus (not the held-out part) that the date rules get wrong")

// corpusEntry is one labelled sentence of testdata/datecorpus.
type corpusEntry struct {
	file     string
	line     int
	labels   []string // the rules it must trigger, sorted; none for "none" and "no-date"
	noDate   bool     // not even a date may be read in it
	origin   string   // source:000..source:004, or written
	sentence string
	today    dates.Date
	anchor   string // the latest round's date, "" for no rounds
}

// readCorpus reads one file of the corpus; see the head of corpus.txt for
// the format.
func readCorpus(t *testing.T, name string) []corpusEntry {
	t.Helper()
	path := filepath.Join("testdata", "datecorpus", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusEntry
	var today dates.Date
	anchor := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "@today "):
			e, ok := dates.Parse(strings.TrimPrefix(line, "@today "))
			if !ok || e.Kind != dates.Day {
				t.Fatalf("%s:%d: bad @today", path, n)
			}
			today = e.From
			continue
		case strings.HasPrefix(line, "@anchor "):
			anchor = strings.TrimSpace(strings.TrimPrefix(line, "@anchor "))
			if anchor == "none" {
				anchor = ""
			}
			continue
		}
		parts := strings.SplitN(line, " | ", 3)
		if len(parts) != 3 || today.IsZero() {
			t.Fatalf("%s:%d: want LABEL | ORIGIN | SENTENCE after an @today line", path, n)
		}
		e := corpusEntry{file: name, line: n, origin: parts[1], sentence: parts[2], today: today, anchor: anchor}
		switch parts[0] {
		case "none":
		case "no-date":
			e.noDate = true
		default:
			for _, l := range strings.Split(parts[0], "+") {
				if !slices.Contains(corpusRules, l) {
					t.Fatalf("%s:%d: unknown rule %q", path, n, l)
				}
				e.labels = append(e.labels, l)
			}
			slices.Sort(e.labels)
		}
		if e.origin != "written" && !strings.HasPrefix(e.origin, "source:00") {
			t.Fatalf("%s:%d: unknown origin %q", path, n, e.origin)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// corpusLinter lints sentences as the comment of one question of the
// Belgian factsheet, with the rounds a corpus entry asks for.
type corpusLinter struct {
	base *load.Result
}

func newCorpusLinter(t *testing.T) *corpusLinter {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return &corpusLinter{base: load.Bytes("BE.yaml", b, load.Options{})}
}

const corpusPtr = "/governance/questions/national_board/comments"

// rules returns the date rules that fire on the entry's sentence, sorted
// and without repeats, with their messages.
func (l *corpusLinter) rules(e corpusEntry) ([]string, []string) {
	m := l.base.Model
	q := m.Sections["governance"].Questions["national_board"]
	saved, savedRounds := q.Comments, m.Rounds
	q.Comments = e.sentence
	m.Rounds = nil
	if e.anchor != "" {
		m.Rounds = []model.Round{{Kind: model.Review, Date: e.anchor}}
	}
	raw := encode.JSON(m)
	q.Comments, m.Rounds = saved, savedRounds
	res := load.Bytes("x.json", raw, load.Options{})
	var got, msgs []string
	for _, f := range Run(res, Options{Today: e.today, MaxAge: DefaultMaxAge}) {
		if f.Pointer == corpusPtr && strings.HasPrefix(f.Rule, "date-") {
			got = append(got, f.Rule)
			msgs = append(msgs, f.Rule+": "+f.Message)
		}
	}
	slices.Sort(got)
	return slices.Compact(got), msgs
}

// corpusRules are the rules the corpus scores, in the order of the table.
var corpusRules = []string{"date-past-due", "date-as-of-stale", "date-plan-ended", "date-future", "date-relative-stale"}

// corpusTargets are the least precision and recall each rule must reach on
// the whole corpus.
var corpusTargets = map[string][2]float64{
	"date-past-due":    {0.97, 0.95},
	"date-as-of-stale": {0.97, 0.95},
	"date-plan-ended":  {0.97, 0.95},
}

// enforceTargets is off while the rules are being brought up to the
// targets: the corpus was written first, so that its held-out part was
// never seen by the tuning.
const enforceTargets = false

// score counts, per rule, the sentences it fired on rightly (tp), wrongly
// (fp) and the ones it missed (fn).
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

type corpusResult struct {
	scores  map[string]*score
	entries int
	wrong   []string // what went wrong, one line per sentence
}

func runCorpus(t *testing.T, l *corpusLinter, entries []corpusEntry) corpusResult {
	r := corpusResult{scores: map[string]*score{}, entries: len(entries)}
	for _, rule := range corpusRules {
		r.scores[rule] = &score{}
	}
	for _, e := range entries {
		got, msgs := l.rules(e)
		for _, rule := range corpusRules {
			s, want, fired := r.scores[rule], slices.Contains(e.labels, rule), slices.Contains(got, rule)
			switch {
			case want && fired:
				s.tp++
			case fired:
				s.fp++
			case want:
				s.fn++
			}
		}
		bad := !slices.Equal(got, e.labels)
		if e.noDate {
			if found := dates.Find(e.sentence); len(found) > 0 {
				bad = true
				msgs = append(msgs, fmt.Sprintf("dates read: %v", found))
			}
		}
		if bad {
			r.wrong = append(r.wrong, fmt.Sprintf("%s:%d: want %v, got %v: %s\n\t%s", e.file, e.line, e.labels, got, e.sentence, strings.Join(msgs, "\n\t")))
		}
	}
	return r
}

// TestDateCorpus measures the date rules on labelled sentences: every
// sentence with a date from the source documents, and variants of each
// class of statement written for the test.
func TestDateCorpus(t *testing.T) {
	l := newCorpusLinter(t)
	tuning := readCorpus(t, "corpus.txt")
	held := readCorpus(t, "heldout.txt")
	blind := readCorpus(t, "blind.txt")
	blind2 := readCorpus(t, "blind2.txt")
	blind3 := readCorpus(t, "blind3.txt")
	all := runCorpus(t, l, slices.Concat(tuning, held, blind, blind2, blind3))
	heldOut := runCorpus(t, l, held)
	blindRes := runCorpus(t, l, blind3)
	tuned := runCorpus(t, l, slices.Concat(tuning, blind))
	if *corpusMisses {
		for _, w := range tuned.wrong {
			t.Log(w)
		}
	}
	t.Logf("%d sentences (%d held out, %d blind)", all.entries, heldOut.entries, blindRes.entries)
	for _, rule := range corpusRules {
		a, h, b := all.scores[rule], heldOut.scores[rule], blindRes.scores[rule]
		t.Logf("%-20s all P %.3f R %.3f (tp %d fp %d fn %d)   held-out P %.3f R %.3f (tp %d fp %d fn %d)   blind P %.3f R %.3f (tp %d fp %d fn %d)",
			rule, a.precision(), a.recall(), a.tp, a.fp, a.fn, h.precision(), h.recall(), h.tp, h.fp, h.fn, b.precision(), b.recall(), b.tp, b.fp, b.fn)
	}
	for rule, tg := range corpusTargets {
		if !enforceTargets {
			break
		}
		s := all.scores[rule]
		if s.precision() < tg[0] || s.recall() < tg[1] {
			t.Errorf("%s: precision %.3f, recall %.3f; the targets are %.2f and %.2f", rule, s.precision(), s.recall(), tg[0], tg[1])
		}
	}
}
