package dates

// conn is the word or sign joining the two ends of a range.
type conn uint8

const (
	connNone  conn = iota
	connDash       // 2025-2027, 2025–2027, 2025 — 2027
	connSlash      // 2023/2024
	connTo         // 2022 to 2024, until, through
	connAnd        // between 2025 and 2029
)

// ranges appends the ranges that start at token i: an optional "from" or
// "between", a first end, a connector, a second end.
func (s *scanner) ranges(i int, out []match) []match {
	lead, j := s.rangeLead(i)
	var firsts [8]match
	for _, a := range s.endpoints(j, firsts[:0]) {
		c, k := s.connector(a.end)
		if !allows(lead, c, a.form) {
			continue
		}
		var seconds [8]match
		for _, b := range s.points(k, seconds[:0]) {
			if r, ok := join(a, b, c); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// rangeLead reads "from " or "between ", which then belong to the range's
// Text; any other token is left for the first end.
func (s *scanner) rangeLead(i int) (role, int) {
	switch {
	case s.role(i, rFrom) >= 0:
		return rFrom, s.space(i + 1)
	case s.role(i, rBetween) >= 0:
		return rBetween, s.space(i + 1)
	}
	return 0, i
}

// endpoints appends what may start a range: any point, and also a bare month
// ("April" of "April–June 2025"), a bare day ("15" of "15–17 March 2025")
// or a day and month ("1 March" of "1 March to 30 June 2026").
func (s *scanner) endpoints(i int, out []match) []match {
	out = s.points(i, out)
	if m, j := s.monthName(i); j >= 0 {
		out = append(out, match{end: j, form: formBareMonth, month: m})
	}
	if d, j := s.day(i); j >= 0 {
		out = append(out, match{end: j, form: formBareDay, day: d})
		if m, k := s.monthName(s.optOf(s.space(j))); k >= 0 {
			out = append(out, match{end: k, form: formBareDayMonth, day: d, month: m})
		}
	}
	return out
}

// connector reads what joins the ends of a range.
func (s *scanner) connector(i int) (conn, int) {
	if j := s.dash(either(s.space(i), i)); j >= 0 {
		return connDash, either(s.space(j), j)
	}
	if j := s.punct(i, '/'); j >= 0 {
		return connSlash, j
	}
	j := s.space(i)
	if k := s.space(s.role(j, rTo)); k >= 0 {
		return connTo, k
	}
	if k := s.space(s.role(j, rAnd)); k >= 0 {
		return connAnd, k
	}
	return connNone, -1
}

// allows says which connectors fit which lead: "from … to", "between … and",
// and without a lead a dash, a slash or "to". A bare day is too easily an
// ordinary number ("6 to 12 months") to start a range unless a dash or a
// lead word makes the range explicit.
func allows(lead role, c conn, first form) bool {
	switch lead {
	case rFrom:
		return c == connTo
	case rBetween:
		return c == connAnd
	}
	switch c {
	case connDash:
		return true
	case connSlash, connTo:
		return first != formBareDay
	}
	return false
}

// join makes a range of a and b, or reports that they do not form one: the
// first end must lie wholly before the second, a slash joins only two
// consecutive years, and a bare month or day takes the rest of its date from
// the second end.
func join(a, b match, c conn) (match, bool) {
	switch a.form {
	case formBareMonth:
		if b.form != formMonthName {
			return match{}, false
		}
		y := b.from.Year
		a.from, a.to = Date{y, a.month, 1}, Date{y, a.month, daysIn(y, a.month)}
	case formBareDay:
		if b.form != formDayMonthName || a.day >= b.from.Day {
			return match{}, false
		}
		a.from = Date{b.from.Year, b.from.Month, a.day}
		a.to = a.from
	case formBareDayMonth:
		if b.form != formDayMonthName || !validDate(b.from.Year, int(a.month), a.day) {
			return match{}, false
		}
		a.from = Date{b.from.Year, a.month, a.day}
		a.to = a.from
	}
	if c == connSlash && !(a.form == formYear && b.form == formYear && b.from.Year == a.from.Year+1) {
		return match{}, false
	}
	if !a.to.Before(b.from) {
		return match{}, false
	}
	return match{end: b.end, kind: Range, from: a.from, to: b.to}, true
}
