package dates

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// tokKind is the coarse class of a token. The grammar works on tokens rather
// than on characters so that "mid-2025", "Q1", "1st" and "2025–2027" can be
// described as short sequences, and so that every character is looked at a
// constant number of times.
type tokKind uint8

const (
	tNone  tokKind = iota // beyond either end of the line
	tWord                 // a run of letters
	tNum                  // a run of ASCII digits
	tSpace                // a run of spaces and no-break spaces
	tPunct                // any other single rune
)

// wordID is what a content word means to the grammar, whatever its
// language (lexicon.go). Most words are wOther. Function words ("of",
// "until", "de") have roles instead.
type wordID uint8

const (
	wOther   wordID = iota
	wJanuary        // wJanuary..wDecember must stay consecutive and in order
	wFebruary
	wMarch
	wApril
	wMay
	wJune
	wJuly
	wAugust
	wSeptember
	wOctober
	wNovember
	wDecember
	wEarly
	wMid
	wLate
	wBeginning
	wStart
	wMiddle
	wEnd
	wQuarter
	wHalf
	wFirst // wFirst..wFourth must stay consecutive and in order
	wSecond
	wThird
	wFourth
	wSpring
	wSummer
	wAutumn
	wWinter
	wOrdinal // st, nd, rd, th after a number
	wQ       // the Q of Q1
	wH       // the H of H2
)

// month returns the month a word names, or 0.
func (w wordID) month() time.Month {
	if wJanuary <= w && w <= wDecember {
		return time.Month(w-wJanuary) + time.January
	}
	return 0
}

// token is one lexical unit of a line, with what the grammar needs to know
// about it worked out once.
type token struct {
	start, end int   // byte offsets in the input
	val        int32 // tNum: value when at most four digits, else -1
	r          rune  // tPunct: the rune
	kind       tokKind
	word       wordID // tWord
	roles      role   // tWord
	abbr       bool   // tWord: an abbreviated month name, may take a full stop
	digits     uint8  // tNum: number of digits, at most 255
	masked     bool   // part of an address or markup: never a date
}

// lexLine appends the tokens of the line starting at byte i of text, and
// returns them with the offset just past the line's end.
//
// A line ends at any white space other than a space or a no-break space: a
// line break, and also a tab, which separates table cells in converted
// factsheets. No expression spans two lines, so Find works one line at a time
// in a reused buffer, whatever the size of the document.
func lexLine(toks []token, text string, i int) ([]token, int) {
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		t := token{start: i}
		switch {
		case isDigit(r):
			t.kind, i = tNum, skipDigits(text, i)
			t.digits, t.val = uint8(min(i-t.start, 255)), numValue(text[t.start:i])
		case isLetter(r):
			t.kind, i = tWord, skipLetters(text, i)
			info := classify(text[t.start:i])
			t.word, t.roles, t.abbr = info.id, info.roles, info.abbr
		case isSpace(r):
			t.kind, i = tSpace, skipSpaces(text, i)
		case unicode.IsSpace(r):
			return toks, i + size
		default:
			t.kind, t.r, i = tPunct, r, i+size
		}
		t.end = i
		toks = append(toks, t)
	}
	return toks, i
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r))
	}
	return unicode.IsLetter(r)
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// isSpace reports whether r is white space that may sit inside an
// expression: a space or a no-break space.
func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func skipDigits(text string, i int) int {
	for i < len(text) && isDigit(rune(text[i])) {
		i++
	}
	return i
}

func skipLetters(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf { // fast path for ASCII
			if !isASCIILetter(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return i
}

func skipSpaces(text string, i int) int {
	for i < len(text) {
		if text[i] == ' ' { // fast path for ASCII
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}

// numValue returns the value of a run of digits, or -1 when it is longer than
// four digits: no pattern needs more, and it cannot overflow.
func numValue(digits string) int32 {
	if len(digits) > 4 {
		return -1
	}
	var v int32
	for i := 0; i < len(digits); i++ {
		v = 10*v + int32(digits[i]-'0')
	}
	return v
}
