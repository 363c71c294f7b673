package dates

import (
	"testing"
	"time"
)

func TestDateString(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{Date{2025, time.October, 1}, "2025-10-01"},
		{Date{2028, time.February, 29}, "2028-02-29"},
		{Date{987, time.December, 31}, "0987-12-31"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	ordered := []Date{
		{2024, time.December, 31},
		{2025, time.January, 1},
		{2025, time.January, 2},
		{2025, time.February, 1},
		{2026, time.January, 1},
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := sign(i - j)
			if got := a.Compare(b); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
			if got := a.Before(b); got != (i < j) {
				t.Errorf("%s.Before(%s) = %v", a, b, got)
			}
			if got := a.After(b); got != (i > j) {
				t.Errorf("%s.After(%s) = %v", a, b, got)
			}
		}
	}
}

func TestDateOfUsesTheClockOfItsLocation(t *testing.T) {
	// 23:30 on 31 December in Brussels is already 1 January in Tokyo but
	// still 31 December for the person running the linter in Brussels.
	brussels := time.FixedZone("CET", 3600)
	now := time.Date(2025, time.December, 31, 23, 30, 0, 0, brussels)
	if got, want := DateOf(now), (Date{2025, time.December, 31}); got != want {
		t.Errorf("DateOf(%v) = %s, want %s", now, got, want)
	}
}

func TestDateTime(t *testing.T) {
	d := Date{2028, time.February, 29}
	got := d.Time()
	if want := time.Date(2028, time.February, 29, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v", got, want)
	}
	if back := DateOf(got); back != d {
		t.Errorf("DateOf(Time()) = %s, want %s", back, d)
	}
}

func TestDateIsZero(t *testing.T) {
	if !(Date{}).IsZero() {
		t.Error("zero Date is not IsZero")
	}
	if (Date{2025, time.January, 1}).IsZero() {
		t.Error("2025-01-01 is IsZero")
	}
}

func TestDaysIn(t *testing.T) {
	for _, c := range []struct {
		y    int
		m    time.Month
		want int
	}{
		{2025, time.February, 28}, {2028, time.February, 29}, {1900, time.February, 28},
		{2000, time.February, 29}, {2025, time.April, 30}, {2025, time.December, 31},
	} {
		if got := daysIn(c.y, c.m); got != c.want {
			t.Errorf("daysIn(%d, %s) = %d, want %d", c.y, c.m, got, c.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{
		Day: "day", Month: "month", Part: "part", Year: "year", Range: "range", 0: "Kind(0)", 42: "Kind(42)",
	} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", uint8(k), got, want)
		}
	}
}
