package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/ecanplus/factsheet/internal/country"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/template"
)

var (
	templateWordingDrift = rule("template-wording-drift")
	countryMismatch      = rule("country-mismatch")
	answerVocabulary     = rule("answer-vocabulary")
	answerUnsupportedYes = rule("answer-unsupported-yes")
	answerConditional    = rule("answer-conditional")
	placeholderText      = rule("placeholder-text")
	emptyCell            = rule("empty-cell")
)

func checkTemplate(c *Context) {
	for _, tb := range c.Tpl.Tables() {
		for _, it := range tb.Items {
			c.drift(tb, it, tb.ItemNoun())
		}
		for _, typ := range tb.Types {
			c.drift(tb, typ, tb.Label()+" column label")
		}
	}
	checkCountry(c)
}

func (c *Context) drift(tb *template.Table, it template.Item, noun string) {
	id := tb.ID(it.ID)
	written, ok := c.F.Wording[id]
	if !ok || written == it.Wording {
		return
	}
	c.report(templateWordingDrift, c.at(model.WordingPtr(id), written),
		fmt.Sprintf("%s %s is worded %s; the template says %s", noun, id, quote(written, 200), quote(it.Wording, 200)),
		"use the template's wording")
}

var titleCountry = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bIN ([A-Z][A-Z .'-]+)$`) })

func checkCountry(c *Context) {
	co := c.F.Country
	if co.Code == "" || co.Name == "" {
		return // the schema reports a missing code or name
	}
	if name, known := country.Name(co.Code); known {
		if code, ok := country.Code(co.Name); ok && code != co.Code {
			c.reportAbout(countryMismatch, c.at("/country/name"), co.Name,
				fmt.Sprintf("the country code %s is %s, but the name is %s", co.Code, name, quote(co.Name, 40)), "make the code and the name agree")
			return
		}
	}
	if m := titleCountry().FindStringSubmatch(strings.TrimSpace(c.F.Title)); m != nil {
		if code, ok := country.Code(m[1]); ok && code != co.Code {
			c.report(countryMismatch, c.at("/title", m[1]),
				fmt.Sprintf("the title names %s, but the factsheet is for %s (%s)", strings.TrimSpace(m[1]), co.Name, co.Code), "correct the title")
		}
	}
}

// Answer classes, from the normalised answer.
type answerClass int

const (
	classOther answerClass = iota
	classYes
	classNo
	classNA
	classEmpty
)

// vocab is a template's vocabularies as normalised answers (normAnswer).
// They are closed: an answer outside them is reported, never guessed at
// (an "Unknown" was once read as No).
type vocab struct {
	yes, no, na, extent map[string]bool
	words               template.Vocabularies
}

// vocabs holds each template's vocab, made on first use.
var vocabs sync.Map // *template.Template -> *vocab

func vocabOf(tpl *template.Template) *vocab {
	if v, ok := vocabs.Load(tpl); ok {
		return v.(*vocab)
	}
	w := tpl.Vocabularies
	v := &vocab{yes: set(w.Yes), no: set(w.No), na: set(w.NA), extent: set(w.Extent), words: w}
	for k := range v.na {
		v.extent[k] = true // an extent question may be N/A too
	}
	actual, _ := vocabs.LoadOrStore(tpl, v)
	return actual.(*vocab)
}

func set(answers []string) map[string]bool {
	m := map[string]bool{}
	for _, a := range answers {
		m[normAnswer(a)] = true
	}
	return m
}

// expected words a vocabulary for a message: every answer when there are
// a few, else the first of each class and two more ("Yes", "No" or "N/A"
// (or "Yes, some", "Partially", ... as the template lists them)).
func expected(classes ...[]string) string {
	var main, rest []string
	for _, c := range classes {
		if len(c) > 0 {
			main = append(main, c[0])
			rest = append(rest, c[1:]...)
		}
	}
	if len(main)+len(rest) <= 6 {
		return orList(append(main, rest...))
	}
	return orList(main) + " (or " + strings.Join(quoteAll(rest[:2]), ", ") + ", ... as the template lists them)"
}

// few words a list of answers for a message: all of them when there are
// a few, else the first three and how many more: a template may list
// thousands, and a message that lists them all is no message.
func few(answers []string) string {
	if len(answers) <= 6 {
		return orList(answers)
	}
	return strings.Join(quoteAll(answers[:3]), ", ") + fmt.Sprintf(" or one of the %d more the template lists", len(answers)-3)
}

func quoteAll(as []string) []string {
	q := make([]string, len(as))
	for i, a := range as {
		q[i] = strconv.Quote(a)
	}
	return q
}

// normAnswer reduces an answer to lower-case words: Markdown emphasis,
// links' addresses and footnote references removed, every run of
// punctuation and spaces one space.
// listed reports whether a normalised answer is one of a template's listed
// answers, compared as normalised too ("n/a" is "N/A"); an answer may lead
// with a listed one and explain after a comma ("Planned, for 2027").
func listed(answers []string, n string) bool {
	for _, a := range answers {
		na := normAnswer(a)
		if n == na || strings.HasPrefix(n, na+" ") && na != "" {
			return true
		}
	}
	return false
}

// orList writes answers for a message: "Planned", "In place" or "N/A".
func orList(answers []string) string {
	q := quoteAll(answers)
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func normAnswer(s string) string {
	s = strings.ToLower(richtext.Plain(s))
	var b strings.Builder
	for _, r := range s {
		// Letters of every script: a template may answer "Да" or "Néant",
		// which ASCII letters alone made "" (every answer empty) and "n ant".
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// classify places an answer in the template's yes/no vocabulary;
// classOther is an answer outside it.
func (c *Context) classify(answer string) answerClass {
	n := normAnswer(answer)
	v := vocabOf(c.Tpl)
	switch {
	case n == "":
		return classEmpty
	case v.na[n]:
		return classNA
	case v.yes[n]:
		return classYes
	case v.no[n]:
		return classNo
	}
	return classOther
}

// vocabularyHint says what to do with an answer outside the vocabulary.
func vocabularyHint(n string, v *vocab) string {
	switch n {
	case "unknown", "not known", "no data", "no information", "don t know", "dont know", "unclear":
		if na := firstOf(v.words.NA); na != nil {
			return "write " + na[0] + ", and say in the comments that it is not known"
		}
	}
	return "choose an answer of the vocabulary and put the detail in the comments"
}

func checkAnswers(c *Context) {
	for _, tb := range c.Tpl.Tables() {
		s := c.F.Sections[tb.Section]
		if s == nil {
			continue
		}
		// The empty cells of the table, reported one by one unless the
		// whole table is empty.
		empty := &emptyCells{c: c, tb: tb}
		switch tb.Kind {
		case template.Questions:
			for _, it := range tb.Items {
				if q := s.Questions[it.ID]; q != nil {
					c.question(tb, it, q, s, empty)
				}
			}
		case template.Terms:
			for _, it := range tb.Items {
				if t := s.Terms[it.ID]; t != nil {
					ptr := model.ItemPtr(tb, it.ID)
					empty.check(t.Definition, ptr+"/definition", fmt.Sprintf("term %s has no definition", tb.ID(it.ID)), "give the international definition used")
					empty.check(t.Deviation, ptr+"/deviation", fmt.Sprintf("term %s has no deviation", tb.ID(it.ID)), "write \"No deviation from definition.\" if there is none")
				}
			}
		case template.Matrix:
			for _, area := range tb.Items {
				for _, typ := range tb.Types {
					if text, ok := s.Cells[area.ID][typ.ID]; ok {
						empty.check(text, model.CellPtr(tb, area.ID, typ.ID), fmt.Sprintf("%s cell %s is empty", tb.Label(), tb.CellID(area.ID, typ.ID)), "write \"-\" when there is no such solution")
					}
				}
			}
		}
		empty.report()
	}
	checkPlaceholders(c)
}

// emptyCells collects the empty cells of one table: reported one by one,
// or, when not one cell of the table is filled in, as one finding for the
// table (a blank factsheet has 130 empty cells, which say one thing).
type emptyCells struct {
	c       *Context
	tb      *template.Table
	checked int
	cells   []blankCell
}

type blankCell struct{ ptr, msg, hint string }

func (e *emptyCells) check(text, ptr, msg, hint string) {
	e.checked++
	if strings.TrimSpace(text) == "" {
		e.cells = append(e.cells, blankCell{ptr, msg, hint})
	}
}

func (e *emptyCells) report() {
	if len(e.cells) > 1 && len(e.cells) == e.checked {
		var what, hint string
		switch e.tb.Kind {
		case template.Terms:
			what, hint = fmt.Sprintf("none of its %d terms has a definition or a deviation", len(e.tb.Items)), "give each term's international definition and the country's deviation (\"No deviation from definition.\" if there is none)"
		case template.Matrix:
			what, hint = fmt.Sprintf("none of its %d cells is filled in", len(e.cells)), "describe the solutions in use, and write \"-\" where there is none"
		default:
			what, hint = fmt.Sprintf("none of its %d questions has an answer", len(e.cells)), "answer each question (N/A where it does not apply)"
		}
		ptr := model.SectionPtr(e.tb.Section) + "/" + e.tb.ItemsKey()
		e.c.report(emptyCell, e.c.at(ptr), "the table is not filled in: "+what, hint)
		return
	}
	for _, x := range e.cells {
		e.c.report(emptyCell, e.c.at(x.ptr), x.msg, x.hint)
	}
}

func (c *Context) question(tb *template.Table, it template.Item, q *model.Question, s *model.Section, empty *emptyCells) {
	ptr := model.ItemPtr(tb, it.ID)
	id := tb.ID(it.ID)
	class := c.classify(q.Answer)
	v := vocabOf(c.Tpl)
	empty.check(q.Answer, ptr+"/answer", fmt.Sprintf("question %s has no answer", id), "answer it, or write "+v.naWord())
	if class == classEmpty {
		return
	}
	n := normAnswer(q.Answer)
	switch it.Vocabulary {
	case template.YesNo:
		if class == classOther {
			c.reportAbout(answerVocabulary, c.at(ptr+"/answer"), q.Answer,
				fmt.Sprintf("answer %s to %s is not in its vocabulary: expected %s", quote(q.Answer, 60), id, expected(v.words.Yes, v.words.No, v.words.NA)),
				vocabularyHint(n, v))
		}
	case template.Listed:
		if !listed(it.Answers, n) {
			c.reportAbout(answerVocabulary, c.at(ptr+"/answer"), q.Answer,
				fmt.Sprintf("answer %s to %s is not in its vocabulary: expected %s", quote(q.Answer, 60), id, few(it.Answers)),
				"answer with one of the template's answers, and say more in the comments")
		}
	case template.Extent:
		if !v.extent[n] {
			c.reportAbout(answerVocabulary, c.at(ptr+"/answer"), q.Answer,
				fmt.Sprintf("answer %s to %s is not in its vocabulary: expected %s", quote(q.Answer, 60), id, few(append(slices.Clone(v.words.Extent), firstOf(v.words.NA)...))),
				"say how many, and name them in the comments")
		}
	}
	// The plain yes is the template's first ("Oui" in a French template):
	// "yes" alone let a template's own yes go unsupported without a word.
	if class == classYes && len(v.words.Yes) > 0 && n == normAnswer(v.words.Yes[0]) && strings.TrimSpace(q.Comments) == "" && len(richtext.Refs(q.Answer)) == 0 {
		c.report(answerUnsupportedYes, c.at(ptr+"/answer"), fmt.Sprintf("%s is answered %q with neither a comment nor a footnote", id, v.words.Yes[0]),
			"say what exists, with a footnote to the source")
	}
	if it.DependsOn != "" {
		c.conditional(tb, it, class, s)
	}
}

// conditional checks a question asked only under a condition on another
// answer ("If yes ..."/"If no ...").
func (c *Context) conditional(tb *template.Table, it template.Item, class answerClass, s *model.Section) {
	parent := s.Questions[it.DependsOn]
	if parent == nil {
		return // the schema reports the missing question
	}
	pc := c.classify(parent.Answer)
	if pc != classYes && pc != classNo {
		return // the parent is N/A or free text: nothing to contradict
	}
	applies := (it.Condition == template.IfYes) == (pc == classYes)
	cond := "yes"
	if it.Condition == template.IfNo {
		cond = "no"
	}
	id, pid := tb.ID(it.ID), tb.ID(it.DependsOn)
	ptr := model.ItemPtr(tb, it.ID) + "/answer"
	rel := c.related(model.ItemPtr(tb, it.DependsOn)+"/answer", pid+" is answered "+quote(parent.Answer, 30))
	switch {
	case applies && class == classNA:
		c.report(answerConditional, c.at(ptr),
			fmt.Sprintf("%s applies when %s is %s, which it is (%s), but it is answered %s", id, pid, cond, quote(parent.Answer, 30), vocabOf(c.Tpl).naWord()),
			"answer the question, or correct the answer it depends on", rel)
	case !applies && class != classNA:
		c.report(answerConditional, c.at(ptr),
			fmt.Sprintf("%s applies only when %s is %s, but %s is answered %s; this answer should be %s", id, pid, cond, pid, quote(parent.Answer, 30), vocabOf(c.Tpl).naWord()),
			"write "+vocabOf(c.Tpl).naWord()+", or correct the answer it depends on", rel)
	}
}

var placeholderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(TBD|TBC|TODO|FIXME|XXX+|lorem ipsum|to be completed|to be confirmed)\b|\\?\[\s*insert[^\]]*\\?\]|\?\?\?`)
})

// placeholderNeedles are what every placeholder contains, lower-cased: a
// text without any of them cannot match placeholderRe, and most texts are
// passed over with a few substring searches instead of the regular
// expression (which dominated the time of a batch lint).
var placeholderNeedles = []string{"tbd", "tbc", "todo", "fixme", "xxx", "lorem ipsum", "to be completed", "to be confirmed", "insert", "???"}

func mayHavePlaceholder(s string, buf *[]byte) bool {
	// ASCII lower case into a reused buffer: no allocation per text.
	b := append((*buf)[:0], s...)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	*buf = b
	for _, n := range placeholderNeedles {
		if bytes.Contains(b, []byte(n)) {
			return true
		}
	}
	return false
}

func checkPlaceholders(c *Context) {
	var buf []byte
	for _, t := range c.Texts() {
		if !mayHavePlaceholder(t.Body, &buf) {
			continue
		}
		// Addresses may legitimately hold "xxx" or "todo": blank the links
		// out (keeping offsets) before looking.
		b := []byte(t.Body)
		for _, l := range richtext.Links(t.Body) {
			for i := l.Start; i < l.End; i++ {
				b[i] = ' '
			}
		}
		body := string(b)
		for _, m := range placeholderRe().FindAllStringIndex(body, -1) {
			word := body[m[0]:m[1]]
			c.report(placeholderText, c.at(t.Ptr(), word), fmt.Sprintf("placeholder %q left in %s", word, t.What()), "replace it with the real content")
		}
	}
}

// naWord is how the template writes not applicable, for messages: the
// first answer of its n/a class ("N/A" in ecan-plus-2025).
func (v *vocab) naWord() string {
	if na := firstOf(v.words.NA); na != nil {
		return na[0]
	}
	return "N/A"
}

// firstOf is the first answer of a class, the one messages name.
func firstOf(class []string) []string {
	if len(class) == 0 {
		return nil
	}
	return class[:1]
}
