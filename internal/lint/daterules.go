package lint

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
)

var (
	dateReviewStale = &Rule{
		ID: "date-review-stale", Category: "dates", Severity: finding.Warning,
		Summary:   "The latest review round is older than the maximum age (--max-age, default 12 months).",
		Rationale: "Factsheets describe policies that change every year; a factsheet nobody has reviewed for longer than the agreed cycle should be sent for review.",
		Bad:       "rounds:\n  - kind: review\n    date: 2024-02    # judged on 2026-11-22",
		Good:      "rounds:\n  - kind: review\n    date: 2026-02",
		Settings:  []string{"max-age (.factsheet.yaml) or --max-age: how old the latest review may be, default 12m"},
	}
	dateNoRound = &Rule{
		ID: "date-no-round", Category: "dates", Severity: finding.Warning,
		Summary:   "The factsheet has no review round: it does not say when it was pre-filled, reviewed or updated.",
		Rationale: "The date rules judge a factsheet by its rounds, and readers trust it by them. A factsheet without any is not pre-filled yet (factsheet new makes one so); add the pre-fill round, with its date and contributors, when it is.",
		Bad:       "rounds: []",
		Good:      "rounds:\n  - kind: prefill\n    date: 2026-11\n    contributors:\n      - name: Anna Huber",
	}
	dateFuture = &Rule{
		ID: "date-future", Category: "dates", Severity: finding.Warning,
		Summary:   "A review round or an \"as of\" date lies in the future.",
		Rationale: "A date after today is almost always a typo (2062 for 2026, a wrong month).",
		Bad:       "rounds:\n  - kind: review\n    date: 2062-02",
		Good:      "rounds:\n  - kind: review\n    date: 2026-02",
	}
	dateRoundsOrder = &Rule{
		ID: "date-rounds-order", Category: "dates", Severity: finding.Warning,
		Summary:   "Review rounds are not in chronological order.",
		Rationale: "Rounds are listed oldest first; a round dated before the one it follows is a wrong date or a round in the wrong place.",
		Bad:       "rounds:\n  - {kind: update, date: 2025-10, ...}\n  - {kind: review, date: 2024-02, ...}",
		Good:      "rounds:\n  - {kind: review, date: 2024-02, ...}\n  - {kind: update, date: 2025-10, ...}",
	}
	dateUnreviewed = &Rule{
		ID: "date-unreviewed-update", Category: "dates", Severity: finding.Info,
		Summary:   "The factsheet was updated and no review round followed.",
		Rationale: "The eCAN process has every update reviewed by a country expert; the last round tells whether that is still to come.",
		Bad:       "rounds:\n  - {kind: update, date: 2025-10, ...}   # the last round",
		Good:      "rounds:\n  - {kind: update, date: 2025-10, ...}\n  - {kind: review, date: 2026-02, ...}",
	}
	datePastDue = &Rule{
		ID: "date-past-due", Category: "dates", Severity: finding.Warning,
		Summary:   "A forward-looking statement whose date has passed (\"will be available in early 2026\").",
		Rationale: "A promise about a date that is behind us is out of date by construction: it either happened (say so) or slipped (give the new date).",
		Bad:       "comments: The National Cancer Plan is under development and will be available in early 2026.",
		Good:      "comments: The National Cancer Plan was published in May 2026.",
	}
	dateAsOfStale = &Rule{
		ID: "date-as-of-stale", Category: "dates", Severity: finding.Warning,
		Summary:   "An \"as of <date>\" statement is older than the maximum age.",
		Rationale: "\"As of\" marks a snapshot; once older than the review cycle the figure or status it qualifies needs checking again.",
		Bad:       "answer: At least 13 as of February 2024",
		Good:      "answer: At least 15 as of October 2026",
		Settings:  []string{"max-age (.factsheet.yaml) or --max-age: how old an \"as of\" date may be, default 12m"},
	}
	datePlanEnded = &Rule{
		ID: "date-plan-ended", Category: "dates", Severity: finding.Warning,
		Summary:   "A plan whose period has ended is described as current (\"is guided by the Action Plan 2022-2024\").",
		Rationale: "Plan names carry their period; when the period is over, a sentence that presents the plan as the current one is out of date.",
		Bad:       "comments: The strategy is guided by the eHealth Action Plan 2022-2024.",
		Good:      "comments: The strategy is guided by the eHealth Action Plan 2025-2027, following the previous one for 2022-2024.",
	}
)

func init() {
	datePastDue.check = checkTextDates
	dateReviewStale.check = checkRounds
	register(dateReviewStale, dateNoRound, dateFuture, dateRoundsOrder, dateUnreviewed, datePastDue, dateAsOfStale, datePlanEnded)
}

// roundSpan reads a round's partial date.
func roundSpan(d string) (dates.Expr, bool) {
	return dates.Parse(d)
}

func checkRounds(c *Context) {
	rounds := c.F.Rounds
	today := c.Opts.Today
	if len(rounds) == 0 {
		c.report(dateNoRound, c.at("/rounds"), "the factsheet has no review round yet", "add the pre-fill round (kind: prefill, its date and contributors) when the factsheet is pre-filled")
		return
	}
	var prev dates.Expr
	prevOK := false
	latestReview, reviewIdx := dates.Date{}, -1
	for i, r := range rounds {
		ptr := model.RoundPtr(i) + "/date"
		e, ok := roundSpan(r.Date)
		if !ok {
			prevOK = false
			continue // the schema reports malformed dates
		}
		if e.From.After(today) {
			c.report(dateFuture, c.at(ptr), fmt.Sprintf("round %d (%s) is dated %s, after today (%s); is the date a typo?", i+1, r.Kind, r.Date, today),
				"")
		}
		if prevOK && e.To.Before(prev.From) {
			c.report(dateRoundsOrder, c.at(ptr), fmt.Sprintf("round %d (%s, %s) is dated before round %d (%s, %s); rounds are listed oldest first", i+1, r.Kind, r.Date, i, rounds[i-1].Kind, rounds[i-1].Date),
				"fix the date or move the round", c.related(model.RoundPtr(i-1)+"/date", "the earlier round"))
		}
		prev, prevOK = e, true
		if r.Kind == model.Review && !e.To.Before(latestReview) {
			latestReview, reviewIdx = e.To, i
		}
	}
	if reviewIdx >= 0 {
		cutoff := c.Opts.MaxAge.Cutoff(today)
		if latestReview.Before(cutoff) {
			c.report(dateReviewStale, c.at(model.RoundPtr(reviewIdx)+"/date"),
				fmt.Sprintf("the latest review was in %s, %s before %s (the limit is %s)", rounds[reviewIdx].Date, dates.Elapsed(latestReview, today), today, c.Opts.MaxAge.Words()),
				"send the factsheet for review, or raise --max-age")
		}
	}
	if n := len(rounds); n > 0 && rounds[n-1].Kind == model.Update {
		c.report(dateUnreviewed, c.at(model.RoundPtr(n-1)), fmt.Sprintf("the last round is the update of %s; no review followed it yet", rounds[n-1].Date), "")
	}
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}

// Cues that make a sentence about a date forward-looking, that it narrates
// the past, or that it presents a plan as the current one: phrases of whole
// words, matched case-insensitively.
var (
	futureCue = newPhrases("will", "shall", "is expected", "are expected", "expected to",
		"to be published", "to be adopted", "to be launched", "to be released", "to be presented",
		"to be finalised", "to be finalized", "to be available", "planned", "plans to", "plan to",
		"is set to", "are set to", "set to expire", "scheduled", "foreseen", "upcoming", "forthcoming",
		"under development", "in development", "in preparation", "not published", "not yet published",
		"not yet", "is due", "are due", "due by", "due in")
	pastCue = newPhrases("was", "were", "has been", "have been", "had", "since", "previous",
		"former", "earlier", "ended", "expired", "until")
	currentCue = newPhrases("is guided by", "are guided by", "is based on", "is governed by",
		"is implemented through", "is implemented by", "current", "currently", "in place", "in force",
		"runs", "is running", "applies", "is the national", "is the current")
)

// phrases is a set of word sequences, indexed by their first word.
type phrases map[string][][]string

func newPhrases(list ...string) phrases {
	p := phrases{}
	for _, ph := range list {
		w := strings.Fields(ph)
		p[w[0]] = append(p[w[0]], w)
	}
	return p
}

// MatchString reports whether the text holds one of the phrases as whole
// words (a regular expression did this, at a high cost on every sentence
// with a date).
func (p phrases) MatchString(text string) bool {
	words := lowerWords(text)
	for i, w := range words {
		for _, ph := range p[w] {
			if i+len(ph) <= len(words) && equalWords(words[i:i+len(ph)], ph) {
				return true
			}
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// lowerWords splits text into lower-case words of letters.
func lowerWords(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(text[start:]))
	}
	return out
}

// checkTextDates runs the rules that read dates in the prose: past-due
// promises, stale "as of" statements, ended plans described as current.
// Footnote texts are not prose (they are titles of sources, dates included)
// and are skipped.
func checkTextDates(c *Context) {
	today := c.Opts.Today
	cutoff := c.Opts.MaxAge.Cutoff(today)
	for _, t := range c.Texts() {
		if t.Kind == "footnote" {
			continue
		}
		// Dates and cues are read with every Unicode space a space ("as
		// of" typed with a no-break space); quotes and positions use the
		// text as written, as the source has it.
		f := richtext.Fold(t.Body)
		body := f.Text
		exprs := dates.Find(body)
		if len(exprs) == 0 {
			continue
		}
		// Sentences and dates are both in text order: one walk over both
		// pairs each date with its sentence.
		next := 0
		for _, s := range richtext.Sentences(body) {
			for next < len(exprs) && exprs[next].Start < s.Start {
				next++
			}
			first := next
			for next < len(exprs) && exprs[next].End <= s.End {
				next++
			}
			if first < next {
				checkSentenceDates(c, t, f, s, exprs[first:next], today, cutoff)
			}
		}
	}
}

// checkSentenceDates judges the dates of one sentence. The sentence's cues,
// its plain text and its quotation are worked out once, and only when a
// date needs them; a finding that would repeat one already made for the
// sentence (the same rule and the same date text) is not made again. Both
// keep the work proportional to the text: a 100 KB comment of "as of 2021 "
// without a full stop took 49 s, recomputing the sentence for each date.
//
// f is the text with Unicode spaces folded, which dates and cues are read
// in; quotes and positions use the text as written (f.Orig).
func checkSentenceDates(c *Context, t Text, f richtext.Folded, s richtext.Span, exprs []dates.Expr, today, cutoff dates.Date) {
	body := f.Text
	sentence := body[s.Start:s.End]
	var cues struct{ done, future, current, past bool }
	cue := func() {
		if !cues.done {
			cues.done = true
			cues.future = futureCue.MatchString(sentence) && !futureCueOnlyBeforePast(sentence)
			cues.current = currentCue.MatchString(sentence)
			cues.past = pastCue.MatchString(sentence)
		}
	}
	var plainText, quoted string
	plain := func() string {
		if plainText == "" {
			plainText = richtext.Plain(f.Orig(s.Start, s.End))
			quoted = quote(plainText, 160)
		}
		return plainText
	}
	quotation := func() string { plain(); return quoted }
	type key struct {
		rule *Rule
		text string
	}
	done := map[key]bool{}
	report := func(r *Rule, e dates.Expr, loc func() finding.Location, msg func() string, hint string) {
		k := key{r, e.Text}
		if done[k] {
			return
		}
		done[k] = true
		c.report(r, loc(), msg(), hint)
	}
	for _, e := range exprs {
		written := f.Orig(e.Start, e.End)
		switch {
		case asOf(body[s.Start:e.Start]):
			if e.To.Before(cutoff) {
				report(dateAsOfStale, e, func() finding.Location { return c.at(t.Ptr(), written, plain()) },
					func() string {
						return fmt.Sprintf("%q is %s old (the limit is %s): %s", "as of "+e.Text, dates.Elapsed(e.To, today), c.Opts.MaxAge.Words(), quotation())
					}, "check the statement and update its date")
			}
			if e.From.After(today) {
				report(dateFuture, e, func() finding.Location { return c.at(t.Ptr(), written) },
					func() string {
						return fmt.Sprintf("%q lies in the future (today is %s); is the date a typo?", "as of "+e.Text, today)
					}, "")
			}
		case e.Kind == dates.Range:
			if !e.To.Before(today) {
				continue
			}
			if cue(); cues.current && !cues.past {
				// The sentence's own position is better than the date's
				// when the sentence is found.
				report(datePlanEnded, e, func() finding.Location { return c.at(t.Ptr(), plain(), written) },
					func() string {
						return fmt.Sprintf("the period %s ended on %s, but %s describes it as current: %s", e.Text, e.To, t.What(), quotation())
					}, "name the plan that applies now, or say the period has ended")
			}
		default:
			if !e.To.Before(today) {
				continue
			}
			if cue(); cues.future {
				report(datePastDue, e, func() finding.Location { return c.at(t.Ptr(), plain(), written) },
					func() string {
						return fmt.Sprintf("forward-looking statement about %s, which ended on %s (%s ago): %s", e.Text, e.To, dates.Elapsed(e.To, today), quotation())
					}, "say what happened, or give the new expected date")
			}
		}
	}
}

// asOf reports whether the text before a date ends with "as of" or "as at".
func asOf(before string) bool {
	t := strings.TrimRight(before, " \t")
	return richtext.EndsWithWord(t, "as of") || richtext.EndsWithWord(t, "as at")
}

// futureCueOnlyBeforePast is true for sentences whose only future cue is
// "since"-style narration (e.g. "has been in development since 2020"):
// a past-tense sentence is not a promise even when it mentions planning.
func futureCueOnlyBeforePast(sentence string) bool {
	l := strings.ToLower(sentence)
	return strings.Contains(l, " since ") && !strings.Contains(l, "will")
}
