package dates

import "testing"

func TestFindRelative(t *testing.T) {
	anchor := Date{2025, 10, 31}
	cases := []struct {
		text, want, from, to string
		backward             bool
	}{
		{"The plan will be published next year.", "next year", "2026-01-01", "2026-12-31", false},
		{"In the coming months, the decree will follow.", "the coming months", "2025-10-31", "2026-10-31", false},
		{"Within the next two years, all hospitals will connect.", "the next two years", "2025-10-31", "2027-10-31", false},
		{"in the next 3 years", "the next 3 years", "2025-10-31", "2028-10-31", false},
		{"Last year, eight apps reached M3.", "Last year", "2024-01-01", "2024-12-31", true},
		{"next month", "next month", "2025-11-01", "2025-11-30", false},
		{"Le plan sera publié l'année prochaine.", "l'année prochaine", "2026-01-01", "2026-12-31", false},
		{"Het plan komt volgend jaar.", "volgend jaar", "2026-01-01", "2026-12-31", false},
		{"Der Plan kommt in den kommenden Monaten.", "den kommenden Monaten", "2025-10-31", "2026-10-31", false},
		{"Die Regierung hat letztes Jahr entschieden.", "letztes Jahr", "2024-01-01", "2024-12-31", true},
	}
	for _, c := range cases {
		got := FindRelative(c.text)
		if len(got) != 1 || got[0].Text != c.want || c.text[got[0].Start:got[0].End] != c.want {
			t.Errorf("FindRelative(%q) = %+v, want %q", c.text, got, c.want)
			continue
		}
		from, to := got[0].Resolve(anchor)
		if from.String() != c.from || to.String() != c.to || got[0].Backward() != c.backward {
			t.Errorf("%q from %s: %s..%s backward %v, want %s..%s %v", c.want, anchor, from, to, got[0].Backward(), c.from, c.to, c.backward)
		}
	}
	for _, text := range []string{"next steps", "the year 2026", "https://example.org/next-year", "last. Year", "the next phase", "approved within three months"} {
		if got := FindRelative(text); len(got) != 0 {
			t.Errorf("FindRelative(%q) = %+v, want nothing", text, got)
		}
	}
}
