package dates

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Relative is a date expression that means days only once it is known when
// the text was written: "next year", "in the coming months", "last year".
// A factsheet's text was current at its latest round, so rules resolve
// these against that round's date.
type Relative struct {
	Text  string // the expression as written: input[Start:End]
	Start int
	End   int
	span  relSpan
}

// relSpan is what a relative expression means, counted from the day it was
// written: whole calendar units (next year: the year after), or a window
// from that day (the coming months: the twelve months after it).
type relSpan struct {
	unit        relUnit
	first, last int  // whole units: the first and last one, relative to the anchor's
	window      bool // a window: from the anchor's day to last units after it
}

type relUnit uint8

const (
	relYear relUnit = iota + 1
	relMonth
)

// Resolve returns the days the expression meant when written on anchor.
func (r Relative) Resolve(anchor Date) (from, to Date) {
	p := r.span
	if p.window {
		t := anchor.Time()
		if p.unit == relYear {
			return anchor, DateOf(t.AddDate(p.last, 0, 0))
		}
		return anchor, DateOf(t.AddDate(0, p.last, 0))
	}
	if p.unit == relYear {
		return Date{anchor.Year + p.first, time.January, 1}, Date{anchor.Year + p.last, time.December, 31}
	}
	first := time.Date(anchor.Year, anchor.Month+time.Month(p.first), 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(anchor.Year, anchor.Month+time.Month(p.last)+1, 0, 0, 0, 0, 0, time.UTC)
	return DateOf(first), DateOf(last)
}

// Backward reports whether the expression looks back from the day it was
// written ("last year"), so that it cannot state a deadline.
func (r Relative) Backward() bool { return r.span.last < 0 }

// "Within three months" alone is a duration counted from an event
// ("approved within three months" of applying), not from the day of
// writing: only "the next", "the coming" and their like make a phrase.
//
// A relative phrase is a sequence of lower-case words, "{n}" standing for a
// number (digits or a number word), and what it means. The tables are per
// language, like the lexicons of absolute dates; the grammar that reads
// them is the same for all.
type relPhrase struct {
	words string // space-separated; an elided article is its own word: "l année prochaine"
	span  relSpan
}

var (
	nextYear    = relSpan{unit: relYear, first: 1, last: 1}
	thisYear    = relSpan{unit: relYear}
	lastYear    = relSpan{unit: relYear, first: -1, last: -1}
	nextMonth   = relSpan{unit: relMonth, first: 1, last: 1}
	lastMonth   = relSpan{unit: relMonth, first: -1, last: -1}
	comingMonth = relSpan{unit: relMonth, last: 12, window: true} // "months": less than a year, or one would say "next year"
	comingWeeks = relSpan{unit: relMonth, last: 3, window: true}
	comingYears = relSpan{unit: relYear, last: 5, window: true}
	nYears      = relSpan{unit: relYear, window: true} // last is the number read
	nMonths     = relSpan{unit: relMonth, window: true}
)

var relativePhrases = [][]relPhrase{
	{ // English
		{"next year", nextYear}, {"the following year", nextYear}, {"the coming year", nextYear},
		{"this year", thisYear}, {"the current year", thisYear},
		{"last year", lastYear}, {"the previous year", lastYear}, {"the past year", lastYear},
		{"next month", nextMonth}, {"last month", lastMonth},
		{"the coming months", comingMonth}, {"the next few months", comingMonth}, {"the coming few months", comingMonth},
		{"the upcoming months", comingMonth}, {"the next months", comingMonth}, {"the months ahead", comingMonth},
		{"the coming weeks", comingWeeks}, {"the next few weeks", comingWeeks}, {"the weeks ahead", comingWeeks},
		{"the coming years", comingYears}, {"the next few years", comingYears}, {"the years ahead", comingYears},
		{"the next {n} years", nYears}, {"the coming {n} years", nYears},
		{"the next {n} months", nMonths}, {"the coming {n} months", nMonths}, {"the next year", nextYear},
	},
	{ // French
		{"l année prochaine", nextYear}, {"l an prochain", nextYear}, {"cette année", thisYear},
		{"l année dernière", lastYear}, {"l an dernier", lastYear}, {"l année passée", lastYear},
		{"le mois prochain", nextMonth}, {"le mois dernier", lastMonth},
		{"les prochains mois", comingMonth}, {"les mois à venir", comingMonth}, {"les prochaines semaines", comingWeeks},
		{"les prochaines années", comingYears}, {"les années à venir", comingYears},
		{"les {n} prochaines années", nYears}, {"les {n} prochains mois", nMonths},
	},
	{ // Dutch
		{"volgend jaar", nextYear}, {"komend jaar", nextYear}, {"dit jaar", thisYear},
		{"vorig jaar", lastYear}, {"verleden jaar", lastYear}, {"volgende maand", nextMonth}, {"vorige maand", lastMonth},
		{"de komende maanden", comingMonth}, {"de komende weken", comingWeeks}, {"de komende jaren", comingYears},
		{"de komende {n} jaar", nYears}, {"de komende {n} maanden", nMonths},
	},
	{ // German
		{"nächstes jahr", nextYear}, {"nächsten jahr", nextYear}, {"kommendes jahr", nextYear}, {"kommenden jahr", nextYear},
		{"dieses jahr", thisYear}, {"diesem jahr", thisYear},
		{"letztes jahr", lastYear}, {"letzten jahr", lastYear}, {"vergangenes jahr", lastYear}, {"vergangenen jahr", lastYear},
		{"nächsten monat", nextMonth}, {"letzten monat", lastMonth},
		{"den kommenden monaten", comingMonth}, {"den nächsten monaten", comingMonth}, {"den kommenden wochen", comingWeeks},
		{"den kommenden jahren", comingYears}, {"den nächsten jahren", comingYears},
		{"den nächsten {n} jahren", nYears}, {"den nächsten {n} monaten", nMonths},
	},
}

// numberWords are the small numbers written out, in the same languages.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10,
	"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "tien": 10,
	"ein": 1, "zwei": 2, "drei": 3, "fünf": 5, "zehn": 10,
}

// relIndex is the phrases by their first word.
var relIndex = func() map[string][][]string {
	idx := map[string][][]string{}
	for _, lang := range relativePhrases {
		for _, p := range lang {
			w := strings.Fields(p.words)
			idx[w[0]] = append(idx[w[0]], w)
		}
	}
	return idx
}()

var relMeaning = func() map[string]relSpan {
	m := map[string]relSpan{}
	for _, lang := range relativePhrases {
		for _, p := range lang {
			m[p.words] = p.span
		}
	}
	return m
}()

// FindRelative returns the relative date expressions of text, in order and
// without overlaps, outside addresses and markup as Find is. Like Find, it
// works one line at a time, in time linear in the text.
func FindRelative(text string) []Relative {
	var found []Relative
	var toks []token
	var words []token // the words and numbers of a line, addresses left out
	for next := 0; next < len(text); {
		toks, next = lexLine(toks[:0], text, next)
		maskAddresses(text, toks)
		words = words[:0]
		for _, t := range toks {
			if (t.kind == tWord || t.kind == tNum) && !t.masked {
				words = append(words, t)
			}
		}
		for i := 0; i < len(words); i++ {
			if r, n, ok := matchRelative(text, words[i:]); ok {
				found = append(found, r)
				i += n - 1
			}
		}
	}
	return found
}

// relFirstByte marks the ASCII bytes a phrase of relIndex starts with. Most
// words of a text start with none of them, and are passed over without
// being lower-cased and looked up (two fifths of FindRelative's time).
// A word that starts with a byte beyond ASCII always takes the full path:
// its lower case may be ASCII.
var relFirstByte = func() (m [utf8.RuneSelf]bool) {
	for k := range relIndex {
		if k != "" && k[0] < utf8.RuneSelf {
			m[k[0]] = true
		}
	}
	return m
}()

// matchRelative reads the longest phrase at the start of words.
func matchRelative(text string, words []token) (Relative, int, bool) {
	if c := text[words[0].start]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !relFirstByte[c] {
			return Relative{}, 0, false
		}
	}
	var buf [64]byte
	first, ok := lowerWord(text, words[0], buf[:0])
	if !ok {
		return Relative{}, 0, false
	}
	best, bestLen, bestN := "", 0, 0
	for _, ph := range relIndex[string(first)] {
		if len(ph) <= bestLen || len(ph) > len(words) {
			continue
		}
		n, ok := matchWords(text, words, ph)
		if ok {
			best, bestLen, bestN = strings.Join(ph, " "), len(ph), n
		}
	}
	if bestLen == 0 {
		return Relative{}, 0, false
	}
	span := relMeaning[best]
	if span.window && span.last == 0 {
		span.last = bestN
	}
	start, end := words[0].start, words[bestLen-1].end
	// Words of a phrase are neighbours: only blanks and apostrophes lie
	// between them ("l'année prochaine"), never a sentence's punctuation.
	for k := start; k < end; k++ {
		if c := text[k]; c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' {
			return Relative{}, 0, false
		}
	}
	return Relative{Text: text[start:end], Start: start, End: end, span: span}, bestLen, true
}

// matchWords reports whether words begin with the phrase, and the number
// that its "{n}" stands for.
func matchWords(text string, words []token, phrase []string) (int, bool) {
	n := 0
	var buf [64]byte
	for k, p := range phrase {
		w := words[k]
		if p == "{n}" {
			v, ok := numberOf(text, w)
			if !ok {
				return 0, false
			}
			n = v
			continue
		}
		lw, ok := lowerWord(text, w, buf[:0])
		if !ok || string(lw) != p {
			return 0, false
		}
	}
	return n, true
}

func numberOf(text string, w token) (int, bool) {
	if w.kind == tNum {
		v, err := strconv.Atoi(text[w.start:w.end])
		return v, err == nil && v >= 1 && v <= 50
	}
	var buf [64]byte
	lw, ok := lowerWord(text, w, buf[:0])
	if !ok {
		return 0, false
	}
	v, ok := numberWords[string(lw)]
	return v, ok
}

// lowerWord writes the word in lower case into buf, which must have room:
// words longer than it are no words of a phrase.
func lowerWord(text string, t token, buf []byte) ([]byte, bool) {
	w := text[t.start:t.end]
	if len(w) > cap(buf)/2 {
		return nil, false
	}
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf, true
}
