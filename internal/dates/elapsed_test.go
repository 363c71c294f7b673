package dates

import (
	"testing"
	"time"
)

func TestElapsed(t *testing.T) {
	today := Date{2026, time.November, 22}
	for _, tc := range []struct {
		name string
		d    Date
		want string
		days int
	}{
		{"same day", today, "0 days", 0},
		{"one day", Date{2026, time.November, 21}, "1 day", 1},
		{"under half a month", Date{2026, time.November, 12}, "10 days", 10},
		{"three weeks rounds to a month", Date{2026, time.November, 1}, "about 1 month", 21},
		{"rounded up to a month", Date{2026, time.October, 5}, "about 2 months", 48},
		{"end of April", Date{2026, time.April, 30}, "about 7 months", 206},
		{"a year and months", Date{2024, time.December, 31}, "about 1 year 11 months", 691},
		{"a year exactly", Date{2025, time.November, 22}, "about 1 year 0 months", 365},
		{"years", Date{2021, time.December, 31}, "about 5 years", 1787},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Elapsed(tc.d, today); got != tc.want {
				t.Errorf("Elapsed(%s) = %q, want %q", tc.d, got, tc.want)
			}
			if got := DaysBetween(tc.d, today); got != tc.days {
				t.Errorf("DaysBetween(%s) = %d, want %d", tc.d, got, tc.days)
			}
		})
	}
}
