package dates

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		in         string
		text       string
		start, end int
		from, to   string
		kind       Kind
	}{
		{"2023/2024", "2023/2024", 0, 9, "2023-01-01", "2024-12-31", Range},
		{"2025-10", "2025-10", 0, 7, "2025-10-01", "2025-10-31", Month},
		{"2026-02-14", "2026-02-14", 0, 10, "2026-02-14", "2026-02-14", Day},
		{"October 2025", "October 2025", 0, 12, "2025-10-01", "2025-10-31", Month},
		{"2026", "2026", 0, 4, "2026-01-01", "2026-12-31", Year},
		{"  October 2025\n", "October 2025", 2, 14, "2025-10-01", "2025-10-31", Month},
		{"\t2025–2027 ", "2025–2027", 1, 12, "2025-01-01", "2027-12-31", Range},
		{"12/11/2025", "12/11/2025", 0, 10, "2025-11-12", "2025-11-12", Day},
		{"early 2026", "early 2026", 0, 10, "2026-01-01", "2026-04-30", Part},
		{"between 2025 and 2029", "between 2025 and 2029", 0, 21, "2025-01-01", "2029-12-31", Range},
	}
	for _, c := range cases {
		e, ok := Parse(c.in)
		if !ok {
			t.Errorf("Parse(%q) failed", c.in)
			continue
		}
		if e.Text != c.text || e.Start != c.start || e.End != c.end ||
			e.From.String() != c.from || e.To.String() != c.to || e.Kind != c.kind {
			t.Errorf("Parse(%q) = %v (%d..%d), want %q %d..%d %s %s..%s",
				c.in, e, e.Start, e.End, c.text, c.start, c.end, c.kind, c.from, c.to)
		}
		if c.in[e.Start:e.End] != e.Text {
			t.Errorf("Parse(%q): offsets %d..%d do not locate %q", c.in, e.Start, e.End, e.Text)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"Octember 2025",
		"2025-13",
		"2025-02-30",
		"31 February 2025", // would only be the month, which is not all of it
		"1899",
		"2100",
		"20255",
		"2025/2027",
		"in October 2025",
		"by the end of June 2025",
		"October 2025 and 2026",
		"https://example.org/2025",
		"COM(2008)689",
	} {
		if e, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %v, want failure", in, e)
		}
	}
}
