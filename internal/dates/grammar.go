package dates

import "time"

// form records how a candidate was written. Ranges need it: "April–June 2025"
// borrows the year of its second half, which only makes sense when that half
// is a month name with a year.
type form uint8

const (
	formOther        form = iota
	formYear              // a bare year: 2025
	formMonthName         // October 2025
	formDayMonthName      // 15 March 2025
	formBareMonth         // April in "April–June 2025": no year of its own
	formBareDay           // 15 in "15–17 March 2025": no month or year of its own
	formBareDayMonth      // 1 March in "1 March to 30 June 2026": no year of its own
)

// match is a candidate expression: the tokens from where the grammar started
// up to end (exclusive), and what they mean. Bare months and days have no
// meaning of their own (kind 0) and only ever start a range.
type match struct {
	end      int
	kind     Kind
	form     form
	from, to Date
	month    time.Month // formBareMonth, formBareDayMonth
	day      int        // formBareDay, formBareDayMonth
}

func yearMatch(end, y int) match {
	return match{end: end, kind: Year, form: formYear,
		from: Date{y, time.January, 1}, to: Date{y, time.December, 31}}
}

func monthMatch(end, y int, m time.Month, f form) match {
	return match{end: end, kind: Month, form: f,
		from: Date{y, m, 1}, to: Date{y, m, daysIn(y, m)}}
}

func dayMatch(end int, d Date, f form) match {
	return match{end: end, kind: Day, form: f, from: d, to: d}
}

func partMatch(end int, from, to Date) match {
	return match{end: end, kind: Part, from: from, to: to}
}

// candidates appends every expression the grammar can read at token i.
func (s *scanner) candidates(i int, out []match) []match {
	out = s.points(i, out)
	return s.ranges(i, out)
}

// points appends the single expressions (everything but ranges) at token i.
func (s *scanner) points(i int, out []match) []match {
	switch s.at(i).kind {
	case tNum:
		out = s.yearForms(i, out)
		out = s.dayForms(i, out)
		out = s.nthForms(i, out)
	case tWord:
		out = s.monthForms(i, out)
		out = s.partForms(i, out)
		out = s.nthForms(i, out)
		out = s.quarterForms(i, out)
		out = s.seasonForms(i, out)
	}
	return out
}

// yearForms reads what starts with a year: "2025", "2025-10", "2026-02-14",
// "2026 Q1", "2025 H2".
func (s *scanner) yearForms(i int, out []match) []match {
	y, j := s.year(i)
	if j < 0 {
		return out
	}
	out = append(out, yearMatch(j, y))
	if m, k := s.num(s.punct(j, '-'), 2, 2); k >= 0 && validDate(y, m, 1) {
		out = append(out, monthMatch(k, y, time.Month(m), formOther))
		if d, k := s.num(s.punct(k, '-'), 2, 2); k >= 0 && validDate(y, m, d) {
			out = append(out, dayMatch(k, Date{y, time.Month(m), d}, formOther))
		}
	}
	if p, k := s.quarterOrHalf(s.space(j)); k >= 0 {
		from, to := p.in(y)
		out = append(out, partMatch(k, from, to))
	}
	return out
}

// dayForms reads what starts with a day: "12/11/2025" (day first, European
// order), "15 February 2025", "1st of March 2025".
func (s *scanner) dayForms(i int, out []match) []match {
	d, j := s.num(i, 1, 2)
	if sep := s.at(j); sep.kind == tPunct && (sep.r == '/' || sep.r == '.' || sep.r == '-') {
		m, k := s.num(j+1, 1, 2)
		y, k := s.year(s.punct(k, sep.r))
		if k >= 0 && validDate(y, m, d) {
			out = append(out, dayMatch(k, Date{y, time.Month(m), d}, formOther))
		}
		// A month and a year, "03/2026" or "03.2026": two digits for the
		// month, so that "Law 3/2018" and "No 12/2026" stay numbers, and
		// never after a word that names a law or a number.
		if y, k := s.year(j + 1); k >= 0 && sep.r != '-' && s.at(i).digits == 2 && validDate(y, d, 1) && !s.identifierBefore(i) {
			out = append(out, monthMatch(k, y, time.Month(d), formOther))
		}
	}
	d, j = s.day(i)
	j = s.optOf(s.space(j))
	m, y, k := s.monthYear(j)
	if k >= 0 && validDate(y, int(m), d) {
		out = append(out, dayMatch(k, Date{y, m, d}, formDayMonthName))
	}
	return out
}

// identifierBefore reports whether the number at i follows a word that
// makes it an identifier: "Decree 03/2025", "Ley 11/2025", "n° 12/2026".
func (s *scanner) identifierBefore(i int) bool {
	if s.at(i-1).kind != tSpace {
		return false
	}
	p := s.at(i - 2)
	if p.kind == tPunct && (p.r == '°' || p.r == 'º') {
		return true
	}
	return p.kind == tWord && p.roles&rLegal != 0
}

// monthForms reads what starts with a month name: "October 2025",
// "February 15, 2025".
func (s *scanner) monthForms(i int, out []match) []match {
	if m, y, j := s.monthYear(i); j >= 0 {
		out = append(out, monthMatch(j, y, m, formMonthName))
	}
	m, j := s.monthName(i)
	d, j := s.day(s.space(j))
	j = either(s.punct(j, ','), j)
	if y, k := s.year(s.space(j)); k >= 0 && validDate(y, int(m), d) {
		out = append(out, dayMatch(k, Date{y, m, d}, formDayMonthName))
	}
	return out
}

// partForms reads "early 2026", "mid-2025", "late June 2025",
// "beginning of 2026", "end of the year 2026", "end of June 2025",
// "end-2025".
func (s *scanner) partForms(i int, out []match) []match {
	w := s.at(i).word
	switch w {
	case wEarly, wMid, wLate, wBeginning, wStart, wMiddle, wEnd:
	default:
		return out
	}
	j := s.optOf(either(s.space(i+1), s.dash(i+1)))
	if y, k := s.yearRef(j); k >= 0 {
		from, to := partOfYear(w).in(y)
		out = append(out, partMatch(k, from, to))
	}
	if m, y, k := s.monthYear(j); k >= 0 {
		from, to := partOfMonth(w).in(y, m)
		out = append(out, partMatch(k, from, to))
	}
	return out
}

// partOfYear gives the months meant by "early", "end of" and the like before
// a year; see the package documentation for why "end of" is narrower.
func partOfYear(w wordID) monthSpan {
	switch w {
	case wEarly, wBeginning, wStart:
		return monthSpan{1, 4}
	case wMid, wMiddle:
		return monthSpan{5, 8}
	case wLate:
		return monthSpan{9, 12}
	}
	return monthSpan{10, 12} // wEnd
}

// partOfMonth gives the days meant by "early", "end of" and the like before
// a month: thirds of the month, the last one running to its last day.
func partOfMonth(w wordID) daySpan {
	switch w {
	case wEarly, wBeginning, wStart:
		return daySpan{1, 10}
	case wMid, wMiddle:
		return daySpan{11, 20}
	}
	return daySpan{21, 31} // wLate, wEnd
}

// nthForms reads "second quarter of 2024", "first half of 2025",
// "2nd half of the year 2025", "third quarter 2025".
func (s *scanner) nthForms(i int, out []match) []match {
	n, j := s.nth(i)
	j = s.space(j)
	var p monthSpan
	switch {
	case s.word(j, wQuarter) >= 0 && n <= 4:
		p = quarter(n)
	case s.word(j, wHalf) >= 0 && n <= 2:
		p = half(n)
	default:
		return out
	}
	k := s.optOf(s.space(j + 1))
	if y, k := s.yearRef(k); k >= 0 {
		from, to := p.in(y)
		out = append(out, partMatch(k, from, to))
	}
	return out
}

// nth reads an ordinal from one to four: "first".."fourth" or "1st".."4th".
func (s *scanner) nth(i int) (int, int) {
	t := s.at(i)
	switch {
	case t.kind == tWord && wFirst <= t.word && t.word <= wFourth:
		return int(t.word-wFirst) + 1, i + 1
	case t.kind == tNum && t.digits == 1 && 1 <= t.val && t.val <= 4:
		return int(t.val), either(s.word(i+1, wOrdinal), s.ordinalDot(i+1))
	}
	return 0, -1
}

// quarterForms reads "Q1 2026" and "H2 2025".
func (s *scanner) quarterForms(i int, out []match) []match {
	p, j := s.quarterOrHalf(i)
	if y, k := s.year(s.space(j)); k >= 0 {
		from, to := p.in(y)
		out = append(out, partMatch(k, from, to))
	}
	return out
}

// quarterOrHalf reads "Q1".."Q4" or "H1", "H2", written as one word.
func (s *scanner) quarterOrHalf(i int) (monthSpan, int) {
	t := s.at(i)
	if t.kind != tWord || (t.word != wQ && t.word != wH) {
		return monthSpan{}, -1
	}
	n, j := s.num(i+1, 1, 1)
	switch {
	case j < 0 || n < 1:
	case t.word == wQ && n <= 4:
		return quarter(n), j
	case t.word == wH && n <= 2:
		return half(n), j
	}
	return monthSpan{}, -1
}

// seasonForms reads "spring 2026", "autumn of 2025", "winter 2026".
func (s *scanner) seasonForms(i int, out []match) []match {
	p, ok := season(s.at(i).word)
	if !ok {
		return out
	}
	j := s.optOf(s.space(i + 1))
	if y, k := s.yearRef(j); k >= 0 {
		from, to := p.in(y)
		out = append(out, partMatch(k, from, to))
	}
	return out
}

// season gives the months of a meteorological season; winter is named by the
// year it starts in and runs into February of the next.
func season(w wordID) (monthSpan, bool) {
	switch w {
	case wSpring:
		return monthSpan{3, 5}, true
	case wSummer:
		return monthSpan{6, 8}, true
	case wAutumn:
		return monthSpan{9, 11}, true
	case wWinter:
		return monthSpan{12, 14}, true
	}
	return monthSpan{}, false
}
