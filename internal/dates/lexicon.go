package dates

import "strings"

// A lexicon is the words of one language that the grammar knows, each by
// what it means. The grammar itself is written in meanings ("a part word,
// an optional 'of', a year"), so another language is another table here,
// not more code: "Anfang 2026", "début 2026", "begin 2026" and "early 2026"
// are one rule.
//
// Each field lists words separated by "|", in lower case. A word may be in
// several languages (April, mai, de); its meanings are merged, and a test
// checks that no two languages give one word two different content
// meanings.
type lexicon struct {
	name    string
	months  [12]string // full month names
	abbrevs [12]string // abbreviations, which may take a full stop
	words   map[wordID]string
	roles   map[role]string
}

// role is what a function word does in an expression. Unlike content
// words, a function word may do several things: French "de" and Dutch "van"
// are both "of" and "from".
type role uint16

const (
	rOf      role = 1 << iota // end of 2025, fin de 2025, eind van 2025, Ende des Jahres
	rThe                      // the year 2026, l'année, het jaar, das Jahr
	rYear                     // year, année, jaar, Jahr
	rFrom                     // from … to
	rBetween                  // between … and
	rTo                       // to, until, through, à, tot, bis
	rAnd                      // and, et, en, und
	rLead                     // prepositions and articles after which a number is a year, not a count: "by 2025 patients could …"
	rLegal                    // nouns after which a number is an identifier: "Decree 03/2025", "n° 12/2026"
)

var lexicons = []lexicon{english, french, dutch, german}

var english = lexicon{
	name: "English",
	months: [12]string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"},
	abbrevs: [12]string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep|sept", "oct", "nov", "dec"},
	words: map[wordID]string{
		wEarly: "early", wMid: "mid", wLate: "late",
		wBeginning: "beginning", wStart: "start", wMiddle: "middle", wEnd: "end",
		wQuarter: "quarter", wHalf: "half",
		wFirst: "first", wSecond: "second", wThird: "third", wFourth: "fourth",
		wSpring: "spring", wSummer: "summer", wAutumn: "autumn|fall", wWinter: "winter",
		wOrdinal: "st|nd|rd|th", wQ: "q", wH: "h",
	},
	roles: map[role]string{
		rOf: "of", rThe: "the", rYear: "year", rFrom: "from", rBetween: "between",
		rTo: "to|until|till|through", rAnd: "and",
		rLead:  "in|by|since|until|till|of|the|for|from|to|before|after|during|around|circa|early|late|mid|end|this|its|their|our|that",
		rLegal: "law|act|decree|directive|regulation|decision|circular|no|nr|number",
	},
}

var french = lexicon{
	name: "French",
	months: [12]string{"janvier", "février|fevrier", "mars", "avril", "mai", "juin", "juillet",
		"août|aout", "septembre", "octobre", "novembre", "décembre|decembre"},
	abbrevs: [12]string{"janv", "févr|fevr|fév", "", "avr", "", "", "juil", "", "", "", "", "déc"},
	words: map[wordID]string{
		wBeginning: "début|debut", wMid: "mi", wEnd: "fin",
		wQuarter: "trimestre", wHalf: "semestre",
		wFirst: "premier|première|premiere|1er", wSecond: "deuxième|deuxieme|second|seconde",
		wThird: "troisième|troisieme", wFourth: "quatrième|quatrieme",
		wSpring: "printemps", wSummer: "été|ete", wAutumn: "automne", wWinter: "hiver",
		wOrdinal: "er|re|e|ème|eme", wQ: "t",
	},
	roles: map[role]string{
		rOf: "de|du|des|d", rThe: "le|la|l|les", rYear: "année|annee|an", rFrom: "de|du|des",
		rBetween: "entre", rTo: "à|au|aux", rAnd: "et",
		rLead:  "en|dans|depuis|avant|après|apres|pour|le|la|l|de|du|des|d|au|ici|fin|début|debut|mi",
		rLegal: "loi|décret|decret|arrêté|arrete|circulaire|directive|règlement|reglement|décision|decision",
	},
}

var dutch = lexicon{
	name: "Dutch",
	months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december"},
	abbrevs: [12]string{"jan", "feb", "mrt", "apr", "", "jun", "jul", "aug", "sep|sept", "okt", "nov", "dec"},
	words: map[wordID]string{
		wBeginning: "begin", wMid: "midden|medio", wEnd: "eind|einde",
		wQuarter: "kwartaal", wHalf: "helft|halfjaar",
		wFirst: "eerste", wSecond: "tweede", wThird: "derde", wFourth: "vierde",
		wSpring: "lente|voorjaar", wSummer: "zomer", wAutumn: "herfst|najaar", wWinter: "winter",
		wOrdinal: "e|ste|de",
	},
	roles: map[role]string{
		rOf: "van", rThe: "het|de", rYear: "jaar", rFrom: "van", rBetween: "tussen",
		rTo: "tot", rAnd: "en",
		rLead:  "in|sinds|tot|voor|na|van|het|de|tegen|vanaf|per|eind|begin|medio",
		rLegal: "wet|decreet|besluit|omzendbrief|richtlijn|verordening|beslissing|nr",
	},
}

var german = lexicon{
	name: "German",
	months: [12]string{"januar|jänner|jaenner", "februar", "märz|maerz", "april", "mai", "juni", "juli",
		"august", "september", "oktober", "november", "dezember"},
	abbrevs: [12]string{"jan", "feb", "mär|mrz", "apr", "", "jun", "jul", "aug", "sep|sept", "okt", "nov", "dez"},
	words: map[wordID]string{
		wBeginning: "anfang|beginn", wMid: "mitte", wEnd: "ende",
		wQuarter: "quartal", wHalf: "halbjahr",
		wFirst: "erste|erstes|ersten|erster", wSecond: "zweite|zweites|zweiten|zweiter",
		wThird: "dritte|drittes|dritten|dritter", wFourth: "vierte|viertes|vierten|vierter",
		wSpring: "frühling|frühjahr|fruehjahr", wSummer: "sommer", wAutumn: "herbst", wWinter: "winter",
	},
	roles: map[role]string{
		rOf: "des|der", rThe: "das|dem|den|der|die", rYear: "jahr|jahres", rFrom: "von|vom|ab",
		rBetween: "zwischen", rTo: "bis", rAnd: "und",
		rLead:  "im|in|seit|bis|vor|nach|für|von|vom|ab|zum|am|der|die|das|dem|den|anfang|ende|mitte",
		rLegal: "gesetz|verordnung|richtlinie|erlass|beschluss|nr",
	},
}

// wordInfo is what the grammar knows about one word.
type wordInfo struct {
	id    wordID
	roles role
	abbr  bool // an abbreviated month name, which may take a full stop
}

// vocabulary is every lexicon merged, by lower-case word.
var vocabulary, longestWord = buildVocabulary(lexicons)

// vocabLengths has, for each ASCII first letter, a bit for each length of
// word in the vocabulary that starts with it: most words of a text are
// turned away by it without a map lookup.
var vocabLengths = func() (t [128]uint64) {
	for w := range vocabulary {
		if c := w[0]; c < 128 && len(w) < 64 {
			t[c] |= 1 << len(w)
		}
	}
	return t
}()

func buildVocabulary(ls []lexicon) (map[string]wordInfo, int) {
	v := map[string]wordInfo{}
	longest := 0
	add := func(list string, f func(*wordInfo)) {
		for _, w := range strings.Split(list, "|") {
			if w == "" {
				continue
			}
			info := v[w]
			f(&info)
			v[w] = info
			longest = max(longest, len(w))
		}
	}
	for _, l := range ls {
		for m := range 12 {
			id := wJanuary + wordID(m)
			add(l.months[m], func(i *wordInfo) { i.id = id })
			add(l.abbrevs[m], func(i *wordInfo) { i.id, i.abbr = id, true })
		}
		for id, list := range l.words {
			add(list, func(i *wordInfo) {
				if i.id == wOther {
					i.id = id
				}
			})
		}
		for r, list := range l.roles {
			add(list, func(i *wordInfo) { i.roles |= r })
		}
	}
	return v, longest
}

// classify tells what a word means to the grammar, ignoring case.
func classify(w string) wordInfo {
	if c := w[0] | 0x20; w[0] < 128 && len(w) < 64 && vocabLengths[c]&(1<<len(w)) == 0 {
		// An ASCII first letter: the word is in the vocabulary only if its
		// length is. (Upper-case non-ASCII letters lower to other lengths,
		// so only an ASCII start is turned away here.)
		return wordInfo{}
	}
	var buf [64]byte
	b, ok := lowerWord(w, token{end: len(w)}, buf[:0])
	if !ok || len(b) > longestWord {
		return wordInfo{}
	}
	return vocabulary[string(b)]
}
