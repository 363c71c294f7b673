package dates

import "fmt"

// Elapsed says how long before today a day is, in words: "about 7 months",
// "about 1 year 11 months", "12 days". Lint messages and the overview's
// status tell the age of a date this one way.
func Elapsed(d, today Date) string {
	// Whole months, rounded to the nearest: 30 April to 22 November is
	// "about 7 months".
	months := (today.Year-d.Year)*12 + int(today.Month) - int(d.Month)
	if today.Day-d.Day <= -15 {
		months--
	} else if today.Day-d.Day >= 15 {
		months++
	}
	switch {
	case months >= 24:
		return fmt.Sprintf("about %d years", (months+6)/12)
	case months >= 12:
		return fmt.Sprintf("about %d year %s", months/12, plural(months%12, "month"))
	case months >= 1:
		return "about " + plural(months, "month")
	}
	return plural(DaysBetween(d, today), "day")
}

// DaysBetween is the number of days from d to today (negative when d is
// later).
func DaysBetween(d, today Date) int {
	return int(today.Time().Sub(d.Time()).Hours() / 24)
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}
