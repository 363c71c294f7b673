package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence is judged clause by clause: a cue governs the dates of its own
// clause, not every date of the sentence. "The regulation, adopted in
// January 2025, will further change the landscape" holds a future cue, but
// January 2025 belongs to "adopted in": a past clause.
//
// The sentence is read once into words (lower case), in which every date
// stands as one word of its own; phrases of the cue tables are matched on
// those words, and clauses are cut at punctuation and at the clause words
// of the tables (and, but, which, et, maar, und). Every step is linear in
// the sentence, and each date is judged in constant time.

// sentWord is a word of a sentence, or a date standing in it.
type sentWord struct {
	text       string // lower case; "" for a date
	start, end int    // byte offsets in the sentence
	date       int    // the date's index in the sentence's dates, or -1
	brk        bool   // punctuation that ends a clause lies before it
	colon      bool   // that punctuation is a colon
	clause     int
}

// cue is a phrase of the tables found in a sentence, words first..last.
type cue struct {
	kind        cueKind
	first, last int
}

// judged is a date of a sentence together with what governs it.
type judged struct {
	gov   cue // the cue that governs the date; kind cueNone when nothing does
	lead  dateLead
	leadW string // the lead as written ("As of", "Last updated", "until the"): snapshots, deadlines and ends of periods
	// plan: a range that names a plan's period ("Action Plan 2022-2024",
	// "the plan for 2022 to 2024"): a future cue after it speaks of the
	// plan, not of the period.
	plan bool
	// snapshot: the clause dates its statement with "as of": it does not
	// present anything as current.
	snapshot bool
	// attribute: a year used as a noun's attribute ("the 2025 digital
	// decade study"): a name, not a deadline.
	attribute bool
	cueText   string // the words that make the date a promise, or present it as current, as written
	// obligation: the governing cue is a modal of obligation ("must
	// comply"), not a future tense.
	obligation bool
	// subjectOf: the date is the period of a plan that is the subject of a
	// present-tense verb ("The Strategy (2021-2025) sets the framework");
	// the verb as written.
	subjectOf string
}

// dateSpan is where a date (absolute or relative) stands in a sentence.
type dateSpan struct{ start, end int }

// judgeSentence reads the sentence and judges each of its dates, given in
// text order with offsets in the sentence.
func judgeSentence(sentence string, spans []dateSpan) []judged {
	words := splitSentence(sentence, spans)
	cues := findCues(words)
	assignClauses(words, cues)
	out := make([]judged, len(spans))
	if len(spans) == 0 {
		return out
	}
	// For every word, the nearest cue before it and after it in its own
	// clause; for every clause, its last and first cue.
	nClauses := 0
	if len(words) > 0 {
		nClauses = words[len(words)-1].clause + 1
	}
	endsAt := make([]int, len(words))   // the cue that ends at a word
	startsAt := make([]int, len(words)) // the cue that starts at a word
	for i := range endsAt {
		endsAt[i], startsAt[i] = -1, -1
	}
	lastOf := make([]int, nClauses)
	firstOf := make([]int, nClauses)
	for i := range lastOf {
		lastOf[i], firstOf[i] = -1, -1
	}
	for ci, c := range cues {
		if c.kind == cueClause {
			continue
		}
		endsAt[c.last], startsAt[c.first] = ci, ci
		cl := words[c.first].clause
		lastOf[cl] = ci
		if firstOf[cl] < 0 {
			firstOf[cl] = ci
		}
	}
	prev := make([]int, len(words))
	next := make([]int, len(words))
	last := -1
	for k := range words {
		if k > 0 && words[k].clause != words[k-1].clause {
			last = -1
		}
		prev[k] = last
		if endsAt[k] >= 0 {
			last = endsAt[k]
		}
	}
	following := -1
	for k := len(words) - 1; k >= 0; k-- {
		if k < len(words)-1 && words[k].clause != words[k+1].clause {
			following = -1
		}
		next[k] = following
		if startsAt[k] >= 0 {
			following = startsAt[k]
		}
	}
	// Whether a preposition stands earlier in a word's clause: a plan after
	// one is no subject (presentVerb).
	prepBefore := make([]bool, len(words))
	for k := 1; k < len(words); k++ {
		if words[k].clause == words[k-1].clause {
			p := words[k-1]
			prepBefore[k] = prepBefore[k-1] || (p.date < 0 && dateCues().prepositions.longestAt([]string{p.text}) > 0)
		}
	}
	snapshot := make([]bool, nClauses)
	for k, w := range words {
		if w.date >= 0 {
			if lead, _ := leadOf(words, k); lead == leadAsOf {
				snapshot[w.clause] = true
			}
		}
	}
	for k, w := range words {
		if w.date < 0 {
			continue
		}
		j := &out[w.date]
		var first int
		j.lead, first = leadOf(words, k)
		if j.lead == leadAsOf {
			j.leadW = sentence[words[first].start:words[k-1].end]
			if words[k].colon {
				j.leadW += ":"
			}
		}
		if j.lead == leadBy || j.lead == leadUntil {
			j.leadW = sentence[words[first].start:words[k-1].end]
		}
		j.snapshot = snapshot[w.clause]
		j.plan = namesPlan(words, k)
		if j.plan && !prepBefore[k] {
			if v := presentVerb(words, k); v >= 0 {
				// Quote the verb as a phrase when it is one: "sets out".
				var buf [maxPhrase]string
				n := max(1, dateCues().cues[cueCurrent].longestAt(texts(words, v, v+maxPhrase, buf[:0])))
				j.subjectOf = sentence[words[v].start:words[v+n-1].end]
			}
		}
		j.attribute = isAttribute(words, k)
		gi := prev[k]
		if gi < 0 {
			gi = next[k]
		}
	neighbours:
		for _, n := range []int{w.clause - 1, w.clause + 1, w.clause - 2, w.clause + 2} {
			if gi >= 0 {
				break neighbours
			}
			switch {
			case n < 0 || n >= nClauses:
			case n < w.clause:
				gi = lastOf[n]
			default:
				gi = firstOf[n]
			}
			if gi >= 0 {
				break neighbours
			}
		}
		if gi >= 0 {
			j.gov = cues[gi]
			j.cueText = cueWords(sentence, words, cues[gi], k)
			var buf [maxPhrase]string
			j.obligation = dateCues().obligation.longestAt(texts(words, cues[gi].first, cues[gi].last+1, buf[:0])) > 0
		}
	}
	return out
}

// splitSentence reads the words of a sentence, with each date as one word.
// Link targets "](…)" and HTML tags are not words of the sentence.
func splitSentence(s string, spans []dateSpan) []sentWord {
	words := make([]sentWord, 0, len(s)/5+len(spans))
	brk, colon := false, false
	noTagClose := false
	next := 0 // the next date
	for i := 0; i < len(s); {
		if next < len(spans) && i >= spans[next].start {
			words = append(words, sentWord{start: spans[next].start, end: spans[next].end, date: next, brk: brk, colon: colon})
			brk, colon = false, false
			i = max(i, spans[next].end)
			next++
			continue
		}
		c := s[i]
		switch {
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			i = skipLinkTarget(s, i+1)
			continue
		case c == '<' && !noTagClose && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!'):
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				i += j + 1
				continue
			}
			noTagClose = true // no later '<' can close either: the pass stays linear
		case c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '!' || c == '?':
			brk = true
			colon = c == ':'
		case c == ' ' && i+2 < len(s) && (strings.HasPrefix(s[i+1:], "– ") || strings.HasPrefix(s[i+1:], "— ") || strings.HasPrefix(s[i+1:], "- ")):
			brk, colon = true, false
		case c == ' ' || c == '*' || c == '_':
			// Blanks and emphasis keep what the punctuation before said.
		default:
			if c < utf8.RuneSelf && !isASCIILetter(c) {
				colon = false
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		end := i
		for end < len(s) && (next >= len(spans) || end < spans[next].start) {
			r, size := rune(s[end]), 1
			if s[end] >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[end:])
			}
			if !unicode.IsLetter(r) {
				break
			}
			end += size
		}
		words = append(words, sentWord{text: lower(s[i:end]), start: i, end: end, date: -1, brk: brk, colon: colon})
		brk, colon = false, false
		i = end
	}
	for next < len(spans) { // a date past the end cannot happen, but stay safe
		words = append(words, sentWord{start: spans[next].start, end: spans[next].end, date: next})
		next++
	}
	return words
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// lower is strings.ToLower without an allocation for words that are
// already in lower case, which most are.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

// skipLinkTarget returns the offset after the link target that opens at
// s[i] == '(', nested parentheses allowed; an open target runs to the end.
func skipLinkTarget(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return k + 1
			}
		}
	}
	return len(s)
}

// texts returns the words from..to as strings, stopping at a date: no
// phrase runs through a date.
func texts(words []sentWord, from, to int, buf []string) []string {
	buf = buf[:0]
	for k := from; k < to && k < len(words); k++ {
		if words[k].date >= 0 || (k > from && words[k].brk) {
			break
		}
		buf = append(buf, words[k].text)
	}
	return buf
}

// findCues matches the cue tables on the words, the longest phrase first,
// and then reads each cue in its context: "as planned" is an outcome, "was
// expected" an old deadline, "the plan to develop" a noun.
func findCues(words []sentWord) []cue {
	var cues []cue
	var buf [maxPhrase]string
	for k := 0; k < len(words); k++ {
		if words[k].date >= 0 {
			continue
		}
		ws := texts(words, k, k+maxPhrase, buf[:0])
		best, kind := 0, cueNone
		for _, ck := range cueOrder {
			if n := dateCues().cues[ck].longestAt(ws); n > best {
				best, kind = n, ck
			}
		}
		if best == 0 {
			switch {
			case passivePresent(words, k):
				// "is framed by", "are steered by": what governs now.
				cues = append(cues, cue{kind: cueCurrent, first: k, last: k + 2})
				k += 2
			case pastParticiple(words, k):
				cues = append(cues, cue{kind: cuePast, first: k, last: k})
			case inflectedFuture(words[k].text):
				cues = append(cues, cue{kind: cueFuture, first: k, last: k})
			}
			continue
		}
		c := cue{kind: kind, first: k, last: k + best - 1}
		k += best - 1
		if c = inContext(words, c); c.kind == cueNone {
			continue
		}
		// A verb right after a future auxiliary belongs to it: "will
		// apply", "will remain", "shall run". (A past tense does not: "the
		// deadline was".)
		if n := len(cues); n > 0 && cues[n-1].kind == cueFuture && cues[n-1].last+1 == c.first && c.kind == cueCurrent {
			cues[n-1].last = c.last
			continue
		}
		cues = append(cues, c)
	}
	return cues
}

// inContext corrects a cue by the words just before it.
func inContext(words []sentWord, c cue) cue {
	before := func(n int) []string {
		from := max(0, c.first-n)
		var out []string
		for k := from; k < c.first; k++ {
			if words[k].date >= 0 {
				out = out[:0]
				continue
			}
			out = append(out, words[k].text)
		}
		return out
	}
	one, two := before(1), before(2)
	switch c.kind {
	case cueFuture:
		switch {
		case len(one) == 1 && dateCues().outcomeLead.longestAt(one) > 0:
			c.kind = cueOutcome // as planned, as scheduled, comme prévu
		case containsAny(two, dateCues().oldLead):
			c.kind = cueOutcome // initially foreseen, originally scheduled
		case containsAny(two, dateCues().pastAux):
			c.kind = cuePast // was expected, had been planned, was due
		case len(one) == 1 && dateCues().article.longestAt(one) > 0 && dateCues().nounlikeCue.longestAt([]string{words[c.first].text}) > 0:
			c.kind = cueNone // the plan to develop …
		}
	case cuePast:
		// "will be held", "is made", "being built": an irregular participle
		// in a passive takes the tense of its auxiliary.
		if c.first == c.last && len(one) == 1 {
			switch one[0] {
			case "be", "being", "is", "are", "get", "gets":
				c.kind = cueNone
			}
		}
	case cueFormer:
		if len(one) == 1 && (one[0] == "currently" || one[0] == "now" || one[0] == "still") {
			c.kind = cueCurrent // currently follows the action plan 2022-2024
		}
	case cueCurrent:
		switch {
		case len(one) == 1 && (one[0] == "not" || one[0] == "no"):
			c.kind = cuePast // not in force
		case len(one) == 1 && dateCues().infinitive.longestAt(one) > 0:
			c.kind = cueNone // "will start to apply": the tense is the verb before
		}
	}
	return c
}

func containsAny(words []string, set phraseSet) bool {
	for k := range words {
		if set.longestAt(words[k:]) > 0 {
			return true
		}
	}
	return false
}

// pastParticiple reads an English verb in -ed used as a past tense or a
// past participle: "adopted in January 2025", "has launched", "was
// published". An -ed word before a noun is an adjective ("an updated
// plan", "a dedicated team") and does not count; after "be", "is" or "are"
// it is a present or future passive ("will be adopted").
func pastParticiple(words []sentWord, k int) bool {
	w := words[k].text
	if len(w) < 5 || !strings.HasSuffix(w, "ed") {
		return false
	}
	if k > 0 && words[k-1].date < 0 {
		switch words[k-1].text {
		case "has", "have", "had", "been":
			return true
		case "be", "being", "is", "are", "am", "get", "gets", "will", "to":
			return false
		}
	}
	if k+1 >= len(words) || words[k+1].date >= 0 || words[k+1].brk || words[k+1].clause != words[k].clause {
		return true
	}
	switch words[k+1].text {
	case "in", "on", "at", "by", "during", "since", "from", "into", "for", "as", "until", "to", "with",
		"before", "after", "under", "through", "and", "officially", "finally", "already":
		return true
	}
	return false
}

// passivePresent reads "is framed by", "are steered by": a copula, an
// English past participle that is no future cue ("is expected by" looks
// forward), and "by", "on" or "under".
func passivePresent(words []sentWord, k int) bool {
	if k+2 >= len(words) || words[k+1].date >= 0 || words[k+2].date >= 0 || words[k+1].brk || words[k+2].brk {
		return false
	}
	if words[k].text != "is" && words[k].text != "are" {
		return false
	}
	p := words[k+1].text
	if len(p) < 5 || !strings.HasSuffix(p, "ed") || dateCues().cues[cueFuture].longestAt([]string{p}) > 0 {
		return false
	}
	switch words[k+2].text {
	case "by", "on", "under":
		return true
	}
	return false
}

// inflectedFuture reads a future tense that a language writes as an
// ending: "se déroulera", "ouvriront".
func inflectedFuture(w string) bool {
	if utf8.RuneCountInString(w) < 7 || dateCues().notFuture.longestAt([]string{w}) > 0 {
		return false
	}
	for _, e := range dateCues().futureEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// assignClauses numbers the clauses of the sentence: a new one starts after
// punctuation and at every clause word.
func assignClauses(words []sentWord, cues []cue) {
	starts := make([]bool, len(words))
	for _, c := range cues {
		if c.kind == cueClause {
			starts[c.first] = true
		}
	}
	n := 0
	for k := range words {
		if k > 0 && (words[k].brk || starts[k]) {
			n++
		}
		words[k].clause = n
	}
}

// leadOf reads the words right before the date at word k, and returns
// the index of the lead's first word.
func leadOf(words []sentWord, k int) (dateLead, int) {
	var buf [maxPhrase + 1]string
	from := max(0, k-maxPhrase)
	ws := buf[:0]
	for i := from; i < k; i++ {
		if words[i].date >= 0 {
			ws = ws[:0]
			continue
		}
		ws = append(ws, words[i].text)
	}
	first := func(n int) int { return k - n }
	if len(ws) >= 2 && dateCues().refOf.endsWith(ws) == 1 {
		// The Law of <date>, the Royal Decree of <date>, the Official
		// Gazette of <date>: a name. Since the reform of <date>: a
		// reference.
		if dateCues().legal.endsWith(ws[:len(ws)-1]) > 0 || (len(ws) >= 3 && dateCues().legal.endsWith(ws[:len(ws)-2]) > 0) {
			return leadRef, first(2)
		}
		for i := len(ws) - 2; i >= max(0, len(ws)-4); i-- {
			if dateCues().since.endsWith(ws[:i+1]) > 0 {
				return leadSince, first(len(ws) - i)
			}
		}
	}
	// A snapshot's noun before a colon: "Stand der Daten: 30. Juni 2025".
	if words[k].colon {
		for i := max(0, len(ws)-4); i < len(ws); i++ {
			if dateCues().asOfNoun.longestAt(ws[i:i+1]) > 0 {
				return leadAsOf, first(len(ws) - i)
			}
		}
	}
	// An article may stand between the lead and the date: "as of the end
	// of 2024", "since the beginning of 2025".
	for _, trim := range []int{0, 1} {
		if trim == 1 && (len(ws) == 0 || dateCues().article.longestAt(ws[len(ws)-1:]) == 0) {
			break
		}
		w := ws[:len(ws)-trim]
		if len(w) == 0 {
			break
		}
		for _, l := range []struct {
			set  phraseSet
			lead dateLead
		}{{dateCues().since, leadSince}, {dateCues().asOf, leadAsOf}, {dateCues().from, leadFrom}, {dateCues().until, leadUntil}, {dateCues().by, leadBy}} {
			if n := l.set.endsWith(w); n > 0 {
				return l.lead, first(n + trim)
			}
		}
	}
	return leadNone, k
}

// presentVerb returns the index of the present-tense verb of which the
// plan whose period stands at word k is the subject, or -1: "The eHealth
// roadmap 2013-2018 continues to guide …", "The strategy 2020–2025 is the
// main policy document". The plan is no subject when a preposition
// precedes it in its clause ("the evaluation of the plan 2019-2021 is
// available"; the caller knows), and a copula counts only before an article or an adverb
// of time ("is the", "is still"), not before an adjective ("is
// available").
func presentVerb(words []sentWord, k int) int {
	v := k + 1
	if v >= len(words) || words[v].date >= 0 {
		return -1
	}
	w := []string{words[v].text}
	if dateCues().present.longestAt(w) > 0 {
		return v
	}
	if dateCues().copula.longestAt(w) > 0 && v+1 < len(words) && words[v+1].date < 0 {
		n := []string{words[v+1].text}
		if dateCues().article.longestAt(n) > 0 || n[0] == "still" || n[0] == "now" || n[0] == "currently" {
			return v
		}
	}
	return -1
}

// planNouns are the nouns that a period names: "Action Plan 2022-2024".
var planNouns = func() phraseSet {
	p := phraseSet{}
	p.add("plan|plans|strategy|strategies|roadmap|programme|program|agreement|framework|pact|agenda|vision|" +
		"stratégie|programme|feuille|accord|pacte|esanté|esante|" +
		"actieplan|strategie|programma|akkoord|" +
		"aktionsplan|programm|fahrplan|vereinbarung")
	return p
}()

// planCompounds are the plan nouns that Dutch and German glue to others:
// "actieplan", "Digitalisierungsstrategie", "Gesundheitsprogramm".
var planCompounds = []string{"plan", "strategie", "programm", "programma", "akkoord", "vereinbarung"}

func isPlanNoun(w string) bool {
	if planNouns.longestAt([]string{w}) > 0 {
		return true
	}
	for _, c := range planCompounds {
		if len(w) > len(c)+2 && strings.HasSuffix(w, c) {
			return true
		}
	}
	return false
}

// namesPlan reports whether the date at word k is the period of a plan:
// right after a plan noun (through "for", "pour", "voor", "für" too) or
// right before one.
func namesPlan(words []sentWord, k int) bool {
	is := func(i int) bool {
		return i >= 0 && i < len(words) && words[i].date < 0 && isPlanNoun(words[i].text)
	}
	if is(k-1) || is(k+1) {
		return true
	}
	if k >= 2 && words[k-1].date < 0 {
		switch words[k-1].text {
		case "for", "pour", "voor", "für":
			return is(k - 2)
		}
	}
	return false
}

// isAttribute reports whether the date at word k stands between an article
// and a noun, as an attribute: "the 2025 digital decade study", "a 2021
// ransomware attack". Only the caller knows whether the date is a bare
// year, the only kind this applies to.
func isAttribute(words []sentWord, k int) bool {
	if k == 0 || k+1 >= len(words) || words[k-1].date >= 0 || words[k+1].date >= 0 || words[k+1].brk {
		return false
	}
	if dateCues().article.longestAt([]string{words[k-1].text}) == 0 {
		return false
	}
	var buf [maxPhrase]string
	ws := texts(words, k+1, k+1+maxPhrase, buf[:0])
	for _, ck := range cueOrder {
		if dateCues().cues[ck].longestAt(ws) > 0 {
			return false
		}
	}
	return true
}

// prepositions are left off the end of a quoted cue: "will be available
// in early 2026" quotes "will be available".
var prepositions = func() phraseSet {
	p := phraseSet{}
	p.add("in|on|at|by|for|from|until|the|of|to|during|within|between|around|" +
		"en|au|le|la|de|du|d|à|pour|dans|" +
		"op|tegen|voor|het|van|tot|" +
		"im|am|bis|für|zum|zur|vom|von|das|dem|den|der|die|ab")
	return p
}()

// cueWords quotes the cue as written in the sentence; a promise before the
// date is quoted with the words up to the date ("will be available"), when
// they are few, and a lone auxiliary with its verb ("will publish").
func cueWords(s string, words []sentWord, c cue, dateAt int) string {
	end := c.last
	if c.kind != cueFuture {
		return s[words[c.first].start:words[end].end] // "is guided by", "runs", "currently"
	}
	if c.last < dateAt && dateAt-c.last <= 5 && words[dateAt].clause == words[c.last].clause {
		end = dateAt - 1
		for end > c.last && prepositions.longestAt([]string{words[end].text}) > 0 {
			end--
		}
	}
	// A lone auxiliary is quoted with its verb: "will publish", not "will".
	if end == c.first && c.first+1 < len(words) && c.first+1 != dateAt && words[c.first+1].date < 0 &&
		!words[c.first+1].brk && words[c.first+1].clause == words[c.first].clause {
		end = c.first + 1
	}
	return s[words[c.first].start:words[end].end]
}
