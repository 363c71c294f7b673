package dates

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day and no time zone.
//
// Rules compare what a document says with the day the linter runs; doing that
// with time.Time invites off-by-one errors around midnight and time zones. A
// plain triple is comparable with == and prints as YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location, so that
// DateOf(time.Now()) is "today" as the person running the linter sees it.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Time returns the day at 00:00 UTC, for arithmetic such as AddDate that this
// type deliberately does not duplicate.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// String formats the day as YYYY-MM-DD, the form used in lint messages and
// test tables.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date, which no expression resolves to.
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, equal to or after o, in the
// style of time.Time.Compare and slices.SortFunc.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	default:
		return sign(d.Day - o.Day)
	}
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// daysIn returns the number of days in month m of year y (Gregorian).
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// validDate reports whether y-m-d names a real day; "31 February" and
// "2025-13" must not become dates.
func validDate(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

// monthSpan is a run of whole months of one year: a quarter, a half, a season
// or a third of the year. last may pass 12: winter runs to month 14, the
// February of the following year.
type monthSpan struct{ first, last int }

// in resolves the span within year y.
func (p monthSpan) in(y int) (from, to Date) {
	ly, lm := y+(p.last-1)/12, time.Month((p.last-1)%12+1)
	return Date{y, time.Month(p.first), 1}, Date{ly, lm, daysIn(ly, lm)}
}

func quarter(n int) monthSpan { return monthSpan{3*n - 2, 3 * n} }
func half(n int) monthSpan    { return monthSpan{6*n - 5, 6 * n} }

// daySpan is a run of days of one month; a last day past the end of the month
// means "to the last day", so that "late February" works in every year.
type daySpan struct{ first, last int }

// in resolves the span within month m of year y.
func (p daySpan) in(y int, m time.Month) (from, to Date) {
	return Date{y, m, p.first}, Date{y, m, min(p.last, daysIn(y, m))}
}
