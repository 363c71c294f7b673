package lint

import (
	"fmt"
	"time"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
)

var (
	dateReviewStale   = rule("date-review-stale")
	dateNoRound       = rule("date-no-round")
	dateFuture        = rule("date-future")
	dateRoundsOrder   = rule("date-rounds-order")
	dateUnreviewed    = rule("date-unreviewed-update")
	datePastDue       = rule("date-past-due")
	dateAsOfStale     = rule("date-as-of-stale")
	dateRelativeStale = rule("date-relative-stale")
	datePlanEnded     = rule("date-plan-ended")
)

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

// checkTextDates runs the rules that read dates in the prose: past-due
// promises, stale "as of" statements, ended plans described as current,
// relative dates read against the latest round. Footnote texts are not
// prose (they are titles of sources, dates included) and are skipped.
func checkTextDates(c *Context) {
	env := dateEnv{today: c.Opts.Today, cutoff: c.Opts.MaxAge.Cutoff(c.Opts.Today)}
	env.anchor, env.anchorText, env.anchorOK = latestRound(c.F.Rounds)
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
		var rels []dates.Relative
		if env.anchorOK {
			rels = dates.FindRelative(body)
		}
		if len(exprs) == 0 && len(rels) == 0 {
			continue
		}
		// Sentences and dates are all in text order: one walk pairs each
		// date with its sentence. A date that runs over a sentence's end
		// joins the two: the full stop of "15. März 2026" ends no
		// sentence.
		sentences := richtext.Sentences(body)
		nextAbs, nextRel := 0, 0
		for i := 0; i < len(sentences); i++ {
			s := sentences[i]
			for nextAbs < len(exprs) && exprs[nextAbs].Start < s.Start {
				nextAbs++
			}
			for nextRel < len(rels) && rels[nextRel].Start < s.Start {
				nextRel++
			}
			a, r := nextAbs, nextRel
			for {
				for nextAbs < len(exprs) && exprs[nextAbs].End <= s.End {
					nextAbs++
				}
				for nextRel < len(rels) && rels[nextRel].End <= s.End {
					nextRel++
				}
				if nextAbs < len(exprs) && exprs[nextAbs].Start < s.End && i+1 < len(sentences) {
					i++
					s.End = sentences[i].End
					continue
				}
				break
			}
			if a < nextAbs || r < nextRel {
				checkSentenceDates(c, t, f, s, exprs[a:nextAbs], rels[r:nextRel], env)
			}
		}
	}
}

// dateEnv is what the dates of a text are judged against.
type dateEnv struct {
	today, cutoff dates.Date
	// anchor is the last day of the latest round: the text was current
	// then, and relative dates ("next year") are read from it.
	anchor     dates.Date
	anchorText string // the round's date as written: "2025-10"
	anchorOK   bool
}

// latestRound returns the last day of the latest round, whatever its kind:
// a review or an update is the latest day the text was current (the
// pre-fill, when it is the only round).
func latestRound(rounds []model.Round) (dates.Date, string, bool) {
	var best dates.Date
	text, ok := "", false
	for _, r := range rounds {
		if e, parsed := roundSpan(r.Date); parsed && (!ok || !e.To.Before(best)) {
			best, text, ok = e.To, r.Date, true
		}
	}
	return best, text, ok
}

// sentenceDate is one date of a sentence, absolute or relative.
type sentenceDate struct {
	text       string // as read, with spaces folded
	start, end int    // offsets in the text
	from, to   dates.Date
	kind       dates.Kind // 0 for a relative date
	backward   bool       // a relative date that looks back: "last year"
}

// checkSentenceDates judges the dates of one sentence. The sentence is
// read once (judgeSentence) and each date judged in constant time; its
// plain text and quotation are worked out only when a finding needs them,
// and a finding that would repeat one already made for the sentence (the
// same rule and the same date text) is not made again. Both keep the work
// proportional to the text: a 100 KB comment of "as of 2021 " without a
// full stop took 49 s, recomputing the sentence for each date.
//
// f is the text with Unicode spaces folded, which dates and cues are read
// in; quotes and positions use the text as written (f.Orig).
func checkSentenceDates(c *Context, t Text, f richtext.Folded, s richtext.Span, exprs []dates.Expr, rels []dates.Relative, env dateEnv) {
	body := f.Text
	sentence := body[s.Start:s.End]
	all := mergeDates(exprs, rels, env.anchor)
	spans := make([]dateSpan, len(all))
	for i, d := range all {
		spans[i] = dateSpan{d.start - s.Start, d.end - s.Start}
	}
	verdicts := judgeSentence(sentence, spans)

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
	report := func(r *Rule, d sentenceDate, loc func() finding.Location, msg func() string, hint string) {
		k := key{r, d.text}
		if done[k] {
			return
		}
		done[k] = true
		c.report(r, loc(), msg(), hint)
	}
	sentenceLoc := func(d sentenceDate) func() finding.Location {
		return func() finding.Location { return c.at(t.Ptr(), plain(), f.Orig(d.start, d.end)) }
	}
	for i, d := range all {
		v := verdicts[i]
		written := f.Orig(d.start, d.end)
		switch {
		case v.lead == leadRef || (v.lead == leadSince && d.kind != 0):
			continue // a name ("the Law of 21 August 2008") or a reference ("since 2020")
		case d.kind == 0:
			checkRelative(c, t, d, v, env, report, sentenceLoc(d), quotation)
			continue
		}
		future := v.gov.kind == cueFuture
		switch {
		case (v.lead == leadAsOf || v.lead == leadFrom) && future:
			// "As of 1 January 2027, X will be reimbursed": an effective
			// date, which is a promise once it has passed; "must comply
			// from 1 September 2026" is an obligation, true after the date
			// as before.
			if d.to.Before(env.today) && !v.obligation {
				reportPastDue(c, report, d, v, env, sentenceLoc(d), quotation)
			}
		case v.lead == leadFrom:
			// "The app is reimbursed from January 2026": the start of a
			// state, which stays true once the date has passed.
		case v.lead == leadAsOf:
			asOf := v.leadW + " " + d.text
			if d.to.Before(env.cutoff) {
				report(dateAsOfStale, d, func() finding.Location { return c.at(t.Ptr(), written, plain()) },
					func() string {
						return fmt.Sprintf("%q is %s old (the limit is %s): %s", asOf, dates.Elapsed(d.to, env.today), c.Opts.MaxAge.Words(), quotation())
					}, "check the statement and update its date")
			}
			if d.from.After(env.today) {
				report(dateFuture, d, func() finding.Location { return c.at(t.Ptr(), written) },
					func() string {
						return fmt.Sprintf("%q lies in the future (today is %s); is the date a typo?", asOf, env.today)
					}, "")
			}
		case !d.to.Before(env.today) || (d.kind == dates.Year && v.attribute):
			// Not over yet, or a year that names a thing ("the 2025 study").
		case future && !v.plan:
			reportPastDue(c, report, d, v, env, sentenceLoc(d), quotation)
		case v.gov.kind == cueNone && v.lead == leadBy:
			v.cueText = v.leadW
			reportPastDue(c, report, d, v, env, sentenceLoc(d), quotation)
		case (v.gov.kind == cueCurrent && (d.kind == dates.Range || v.lead == leadUntil) || (d.kind == dates.Range && v.subjectOf != "")) && !v.snapshot:
			period := d.text
			if d.kind != dates.Range {
				period = v.leadW + " " + d.text
			}
			if v.subjectOf != "" {
				v.cueText = v.subjectOf
			}
			report(datePlanEnded, d, sentenceLoc(d), func() string {
				return fmt.Sprintf("the period %s ended on %s, but %q presents it as current in %s: %s", period, d.to, v.cueText, t.What(), quotation())
			}, "name the plan that applies now, or say the period has ended")
		}
	}
}

// reportFunc makes a finding once per sentence, rule and date.
type reportFunc func(r *Rule, d sentenceDate, loc func() finding.Location, msg func() string, hint string)

func reportPastDue(c *Context, report reportFunc, d sentenceDate, v judged, env dateEnv, loc func() finding.Location, quotation func() string) {
	report(datePastDue, d, loc, func() string {
		return fmt.Sprintf("forward-looking statement about %s, which ended on %s (%s ago); the promise is %q … %q: %s", d.text, d.to, dates.Elapsed(d.to, env.today), v.cueText, d.text, quotation())
	}, "say what happened, or give the new expected date")
}

// checkRelative judges a relative date: a promise whose span, read from
// the latest round, has ended; else, when that round is older than the
// maximum age, a date nobody can read any more.
func checkRelative(c *Context, t Text, d sentenceDate, v judged, env dateEnv, report reportFunc, loc func() finding.Location, quotation func() string) {
	written := fmt.Sprintf("%q was written in %s (the latest round)", d.text, roundWords(env.anchorText))
	if v.gov.kind == cueFuture && !d.backward && d.to.Before(env.today) {
		report(datePastDue, d, loc, func() string {
			return fmt.Sprintf("%s: it means %s, which ended on %s (%s ago); the promise is %q … %q: %s", written, span(d.from, d.to), d.to, dates.Elapsed(d.to, env.today), v.cueText, d.text, quotation())
		}, "say what happened, or give the new expected date")
		return
	}
	if env.anchor.Before(env.cutoff) {
		report(dateRelativeStale, d, loc, func() string {
			return fmt.Sprintf("%s, %s ago (the limit is %s): it means %s: %s", written, dates.Elapsed(env.anchor, env.today), c.Opts.MaxAge.Words(), span(d.from, d.to), quotation())
		}, "write the date itself, or review the factsheet")
	}
}

// roundWords writes a round's date for a sentence: "October 2025" for
// 2025-10, "14 February 2026" for 2026-02-14, else as written.
func roundWords(d string) string {
	e, ok := dates.Parse(d)
	switch {
	case !ok:
		return d
	case e.Kind == dates.Month:
		return fmt.Sprintf("%s %d", e.From.Month, e.From.Year)
	case e.Kind == dates.Day:
		return fmt.Sprintf("%d %s %d", e.From.Day, e.From.Month, e.From.Year)
	}
	return d
}

// span says which days a relative date means, as briefly as they allow:
// "2026", "2025-11-01 to 2026-10-31".
func span(from, to dates.Date) string {
	if from.Month == time.January && from.Day == 1 && to.Month == time.December && to.Day == 31 {
		if from.Year == to.Year {
			return fmt.Sprint(from.Year)
		}
		return fmt.Sprintf("%d-%d", from.Year, to.Year)
	}
	return fmt.Sprintf("%s to %s", from, to)
}

// mergeDates puts the absolute and relative dates of a sentence in one
// list in text order, leaving out a relative date that overlaps an
// absolute one.
func mergeDates(exprs []dates.Expr, rels []dates.Relative, anchor dates.Date) []sentenceDate {
	out := make([]sentenceDate, 0, len(exprs)+len(rels))
	i, j := 0, 0
	for i < len(exprs) || j < len(rels) {
		if j >= len(rels) || (i < len(exprs) && exprs[i].Start <= rels[j].Start) {
			e := exprs[i]
			i++
			if n := len(out); n > 0 && e.Start < out[n-1].end {
				continue
			}
			out = append(out, sentenceDate{text: e.Text, start: e.Start, end: e.End, from: e.From, to: e.To, kind: e.Kind})
			continue
		}
		r := rels[j]
		j++
		if n := len(out); (n > 0 && r.Start < out[n-1].end) || (i < len(exprs) && exprs[i].Start < r.End) {
			continue
		}
		from, to := r.Resolve(anchor)
		out = append(out, sentenceDate{text: r.Text, start: r.Start, end: r.End, from: from, to: to, backward: r.Backward()})
	}
	return out
}
