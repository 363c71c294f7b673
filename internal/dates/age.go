package dates

import (
	"fmt"
	"strconv"
	"strings"
)

// Age is a length of time in calendar units, as "12m", "1y" or "90d".
type Age struct{ Years, Months, Days int }

// ParseAge reads "12m", "18 months", "1y", "2 years", "90d", or a bare
// number of months.
func ParseAge(s string) (Age, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(t[:i])
	if err != nil || n < 0 {
		return Age{}, fmt.Errorf("invalid age %q (want e.g. 12m, 1y or 90d)", s)
	}
	switch strings.TrimSpace(t[i:]) {
	case "", "m", "mo", "month", "months":
		return Age{Months: n}, nil
	case "y", "year", "years":
		return Age{Years: n}, nil
	case "d", "day", "days":
		return Age{Days: n}, nil
	case "w", "week", "weeks":
		return Age{Days: 7 * n}, nil
	}
	return Age{}, fmt.Errorf("invalid age %q (want e.g. 12m, 1y or 90d)", s)
}

// String writes the age as it is read.
func (a Age) String() string {
	switch {
	case a.Years > 0 && a.Months == 0 && a.Days == 0:
		return strconv.Itoa(a.Years) + "y"
	case a.Days > 0 && a.Years == 0 && a.Months == 0:
		return strconv.Itoa(a.Days) + "d"
	}
	return strconv.Itoa(a.Years*12+a.Months) + "m"
}

// Words writes the age for a message: "12 months", "1 year", "90 days".
func (a Age) Words() string {
	switch {
	case a.Years > 0 && a.Months == 0 && a.Days == 0:
		return plural(a.Years, "year")
	case a.Days > 0 && a.Years == 0 && a.Months == 0:
		return plural(a.Days, "day")
	}
	return plural(a.Years*12+a.Months, "month")
}

// Cutoff is the first day that is not older than the age, seen from today.
func (a Age) Cutoff(today Date) Date {
	return DateOf(today.Time().AddDate(-a.Years, -a.Months, -a.Days))
}
