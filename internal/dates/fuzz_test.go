package dates

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks the promises Find makes for any input: no panic, offsets
// that locate Text, From not after To, real calendar days, expressions in
// order without overlaps, and each Text read the same way on its own.
func FuzzFind(f *testing.F) {
	for _, cases := range [][]findCase{seedCases, dayCases, monthCases, yearCases, partCases, rangeCases} {
		for _, c := range cases {
			f.Add(c.fragment)
		}
	}
	for _, line := range seedAddresses {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prevEnd := 0
		for _, e := range Find(text) {
			if e.Start < prevEnd || e.Start >= e.End || e.End > len(text) {
				t.Fatalf("bad offsets %d..%d (previous end %d, len %d) in %q", e.Start, e.End, prevEnd, len(text), text)
			}
			prevEnd = e.End
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("Text %q is not text[%d:%d] = %q", e.Text, e.Start, e.End, text[e.Start:e.End])
			}
			if e.To.Before(e.From) {
				t.Fatalf("%v ends before it starts", e)
			}
			if !realDay(e.From) || !realDay(e.To) {
				t.Fatalf("%v resolves to an impossible day", e)
			}
			if e.Kind < Day || e.Kind > Range {
				t.Fatalf("%v has no kind", e)
			}
			if utf8.ValidString(text) && !utf8.ValidString(e.Text) {
				t.Fatalf("%v splits a character", e)
			}
			alone, ok := Parse(e.Text)
			if !ok || alone.From != e.From || alone.To != e.To || alone.Kind != e.Kind {
				t.Fatalf("%v found in %q, but on its own Parse gives %v, %v", e, text, alone, ok)
			}
		}
	})
}

func realDay(d Date) bool { return validDate(d.Year, int(d.Month), d.Day) }

// FuzzFindRelative checks the promises FindRelative makes for any input: no
// panic, offsets that locate Text, expressions in order without overlaps,
// and a resolution that does not end before it starts.
func FuzzFindRelative(f *testing.F) {
	for _, s := range []string{"next year", "in the coming months", "within the next two years", "l'année prochaine",
		"den nächsten 3 Jahren", "last. year", "https://x.org/next-year next year"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prevEnd := 0
		for _, r := range FindRelative(text) {
			if r.Start < prevEnd || r.Start >= r.End || r.End > len(text) || text[r.Start:r.End] != r.Text {
				t.Fatalf("bad expression %+v (previous end %d) in %q", r, prevEnd, text)
			}
			prevEnd = r.End
			if from, to := r.Resolve(Date{2025, 10, 31}); to.Before(from) || !realDay(from) || !realDay(to) {
				t.Fatalf("%q resolves to %s..%s", r.Text, from, to)
			}
		}
	})
}
