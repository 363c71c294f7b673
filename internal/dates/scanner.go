package dates

import "time"

// scanner holds the input and the tokens of the line Find is working on.
//
// The readers below take a token index and return the index just after what
// they read, or -1 when it is not there. Every reader answers -1 when given
// -1, so a pattern is written as a chain of readers and checked once at the
// end: s.year(s.space(j)) is "a space, then a year".
type scanner struct {
	text string
	toks []token // the current line
	none token   // what at returns beyond either end of the line
}

// scanLine appends to found the expressions of the line whose tokens are in
// s.toks: at each token the longest acceptable expression wins, and the
// search goes on after it.
func (s *scanner) scanLine(found []Expr) []Expr {
	maskAddresses(s.text, s.toks)
	for i := 0; i < len(s.toks); i++ {
		m, ok := s.longest(i)
		if !ok {
			continue
		}
		found = append(found, s.expr(i, m))
		i = m.end - 1
	}
	return found
}

// at returns token i, or a token of kind tNone when i is out of range.
func (s *scanner) at(i int) *token {
	if i < 0 || i >= len(s.toks) {
		return &s.none
	}
	return &s.toks[i]
}

// either returns a if it is a successful index, else b: it makes a reader
// optional, as in either(s.word(j, wOrdinal), j).
func either(a, b int) int {
	if a >= 0 {
		return a
	}
	return b
}

// space reads one run of blanks that may sit inside an expression.
func (s *scanner) space(i int) int {
	if s.at(i).kind == tSpace {
		return i + 1
	}
	return -1
}

// word reads the given keyword.
func (s *scanner) word(i int, w wordID) int {
	if t := s.at(i); t.kind == tWord && t.word == w {
		return i + 1
	}
	return -1
}

// role reads a function word that can play the given role.
func (s *scanner) role(i int, r role) int {
	if t := s.at(i); t.kind == tWord && t.roles&r != 0 {
		return i + 1
	}
	return -1
}

// gap reads what separates two words of an expression: a run of blanks, or
// the apostrophe after an elided word ("l'année", "d'ici").
func (s *scanner) gap(i int) int {
	if t := s.at(i); t.kind == tSpace || (t.kind == tPunct && (t.r == '\'' || t.r == '’') && s.at(i-1).kind == tWord) {
		return i + 1
	}
	return -1
}

// optOf reads an optional "of" and the gap after it: "end of 2025",
// "fin de 2025", "Ende des Jahres 2025", and also "Ende 2025".
func (s *scanner) optOf(i int) int {
	return either(s.gap(s.role(i, rOf)), i)
}

// ordinalDot reads the full stop that makes a German ordinal of a number,
// "15. März 2026", "1. Quartal 2026": only before a month or a quarter or
// half, so that a number ending a sentence stays a number.
func (s *scanner) ordinalDot(i int) int {
	if !isPunct(*s.at(i), '.') || s.at(i+1).kind != tSpace {
		return -1
	}
	if n := s.at(i + 2); n.kind == tWord && (n.word.month() != 0 || n.word == wQuarter || n.word == wHalf) {
		return i + 1
	}
	return -1
}

// punct reads the given punctuation rune.
func (s *scanner) punct(i int, r rune) int {
	if isPunct(*s.at(i), r) {
		return i + 1
	}
	return -1
}

// dash reads a hyphen or any of the dashes people type between years.
func (s *scanner) dash(i int) int {
	if t := s.at(i); t.kind == tPunct && isDash(t.r) {
		return i + 1
	}
	return -1
}

func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return true
	}
	return false
}

// num reads a number of minDigits to maxDigits digits and returns its value.
func (s *scanner) num(i, minDigits, maxDigits int) (int, int) {
	if t := s.at(i); t.kind == tNum && minDigits <= int(t.digits) && int(t.digits) <= maxDigits {
		return int(t.val), i + 1
	}
	return 0, -1
}

// year reads a four-digit year from 1900 to 2099. Wider bounds would turn
// counts and codes into years; narrower ones would miss history.
func (s *scanner) year(i int) (int, int) {
	if y, j := s.num(i, 4, 4); j >= 0 && 1900 <= y && y <= 2099 {
		return y, j
	}
	return 0, -1
}

// day reads a day of the month, 1 to 31, with an optional ordinal suffix
// ("1st", "22nd"). Whether the day exists is checked once the month is known.
func (s *scanner) day(i int) (int, int) {
	d, j := s.num(i, 1, 2)
	if j < 0 || d < 1 || d > 31 {
		return 0, -1
	}
	return d, either(s.word(j, wOrdinal), either(s.ordinalDot(j), j))
}

// monthName reads a month name; an abbreviation may carry a full stop.
func (s *scanner) monthName(i int) (time.Month, int) {
	t := s.at(i)
	m := t.word.month()
	if t.kind != tWord || m == 0 {
		return 0, -1
	}
	if t.abbr {
		return m, either(s.punct(i+1, '.'), i+1)
	}
	return m, i + 1
}

// monthYear reads "October 2025" or "March of 2025".
func (s *scanner) monthYear(i int) (time.Month, int, int) {
	m, j := s.monthName(i)
	j = s.optOf(s.space(j))
	y, j := s.year(j)
	return m, y, j
}

// yearRef reads a year that may be announced: "2026", "year 2026",
// "the year 2026", "l'année 2026", "het jaar 2026".
func (s *scanner) yearRef(i int) (int, int) {
	switch {
	case s.role(i, rThe) >= 0 && s.role(s.gap(i+1), rYear) >= 0:
		i = s.space(s.gap(i+1) + 1)
	case s.role(i, rYear) >= 0:
		i = s.space(i + 1)
	}
	return s.year(i)
}

// longest returns the longest acceptable expression starting at token i.
func (s *scanner) longest(i int) (match, bool) {
	if !s.mayStart(i) {
		return match{}, false
	}
	var buf [16]match
	best, ok := match{}, false
	for _, m := range s.candidates(i, buf[:0]) {
		if (!ok || m.end > best.end) && s.acceptable(i, m) {
			best, ok = m, true
		}
	}
	return best, ok
}

// mayStart is a quick filter: only numbers and the grammar's own words can
// start an expression. It keeps the scan over ordinary prose cheap.
func (s *scanner) mayStart(i int) bool {
	t := s.at(i)
	switch {
	case t.kind == tNum:
		return true
	case t.kind != tWord:
		return false
	}
	// Frequent words that only continue an expression ("of", "the", "to")
	// cannot start one; "from" and "between" start ranges.
	return (t.word != wOther && t.word != wOrdinal) || t.roles&(rFrom|rBetween) != 0
}

// acceptable applies the checks that concern an expression's surroundings
// rather than its grammar: it must not touch an address, must not be glued
// to a larger token, and a bare year must not be one number among others.
func (s *scanner) acceptable(i int, m match) bool {
	for k := i; k < m.end; k++ {
		if s.toks[k].masked {
			return false
		}
	}
	if s.gluedLeft(i) || s.gluedRight(m.end) {
		return false
	}
	return m.kind != Year || !(s.amongNumbers(i, m.end) || s.countOf(i, m.end))
}

// countOf reports whether the bare year at tokens [i, end) counts the plural
// noun after it: "2025 patients will be enrolled", "1980 hospitals", "2000
// cancer patients". A
// preposition or an article before it makes it a year again: "by 2025
// patients could …", "the 2025 targets". A year that is the subject of a
// verb in -s ("2025 marks the start") is read as a count too: such
// sentences are rare next to dates, and nothing is promised in them.
func (s *scanner) countOf(i, end int) bool {
	n := s.at(end + 1)
	if s.at(end).kind != tSpace || n.kind != tWord || n.word != wOther {
		return false
	}
	if !looksPlural(s.text[n.start:n.end]) {
		// One word may qualify the noun: "2000 cancer patients".
		m := s.at(end + 3)
		if w := s.text[n.start:n.end]; w[0] < 'a' || w[0] > 'z' || n.roles != 0 || s.at(end+2).kind != tSpace ||
			m.kind != tWord || m.word != wOther || !looksPlural(s.text[m.start:m.end]) {
			return false
		}
	}
	p := s.at(i - 2)
	return s.at(i-1).kind != tSpace || p.kind != tWord || p.roles&rLead == 0
}

// looksPlural reports whether a lower-case word looks like an English
// plural: "patients", "records", not "was", "this", "status" or "process".
func looksPlural(w string) bool {
	if len(w) < 4 || w[0] < 'a' || w[0] > 'z' || w[len(w)-1] != 's' {
		return false
	}
	switch w[len(w)-2] {
	case 's', 'u', 'i', 'a', 'o':
		return false
	}
	return true
}

// gluedLeft reports whether the expression starting at token i is the tail of
// a larger token: "COM(2008", "esante-2025", "EUR2025", "x_2026". Only an
// expression that starts with a number can be glued through a connector;
// one that starts with a word may follow a hyphen ("mid-to-late 2025").
func (s *scanner) gluedLeft(i int) bool {
	prev := s.at(i - 1)
	if sticks(prev) {
		return true
	}
	return s.at(i).kind == tNum && prev.kind == tPunct && isConnector(prev.r) && sticks(s.at(i-2))
}

// gluedRight reports whether the expression ending before token end is the
// head of a larger token: "2008)689", "2016/679", "2025.pdf", "2025-based".
func (s *scanner) gluedRight(end int) bool {
	next := s.at(end)
	if sticks(next) {
		return true
	}
	return next.kind == tPunct && isConnector(next.r) && sticks(s.at(end+1))
}

// sticks reports whether t would form one token with an adjacent number.
func sticks(t *token) bool {
	switch t.kind {
	case tWord, tNum:
		return true
	case tPunct:
		switch t.r {
		case '_', '€', '$', '£', '#', '@', '%', '+':
			return true
		}
	}
	return false
}

// isConnector reports whether r joins what is on both sides of it into one
// name or number when nothing separates them: "2016/679", "4.0", "2025-based".
func isConnector(r rune) bool {
	switch r {
	case '/', '\\', '.', ':', '(', ')', '&', '=':
		return true
	}
	return isDash(r)
}

// amongNumbers reports whether the bare year at tokens [i, end) has another
// bare number right beside it, as in "Screenshot 2025 11 12 101836" or a
// phone number. Such a year is more likely a digit group than a date. A
// number glued to a word on its far side ("Q5 2026", "NIS2 2022") does not
// count.
func (s *scanner) amongNumbers(i, end int) bool {
	before := s.at(i-1).kind == tSpace && s.at(i-2).kind == tNum && s.at(i-3).kind != tWord
	after := s.at(end).kind == tSpace && s.at(end+1).kind == tNum && s.at(end+2).kind != tWord
	return before || after
}

// expr turns the match at token i into an Expr.
func (s *scanner) expr(i int, m match) Expr {
	start, end := s.toks[i].start, s.toks[m.end-1].end
	return Expr{
		Text:  s.text[start:end],
		Start: start,
		End:   end,
		From:  m.from,
		To:    m.to,
		Kind:  m.kind,
	}
}
