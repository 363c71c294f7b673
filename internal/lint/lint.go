package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// Options are the judgement calls of a run.
type Options struct {
	Today  dates.Date // dates are judged against this day
	MaxAge dates.Age  // how old a review or an "as of" statement may be
}

// DefaultMaxAge is twelve months.
var DefaultMaxAge = dates.Age{Months: 12}

// Context is what a rule sees of one file, and where it reports.
type Context struct {
	F    *model.Factsheet
	Tpl  *template.Template
	Opts Options

	name  string
	form  load.Form
	file  *source.File
	m     source.Map
	out   []finding.Finding
	texts []Text // built once, shared by the rules
	// citedUnread are the footnote labels cited in lines of the document
	// the importer could not read (canonical form): cited, though the
	// citing text is not in the model.
	citedUnread map[string]bool
	// lastAt is the location at last returned and the text it was asked
	// to find: the subject of a finding reported there without one
	// (reportAbout names it explicitly).
	lastAt struct {
		loc     finding.Location
		subject string
	}
}

// Run applies every lint rule to a loaded factsheet. A file that could not
// be read into a model has nothing to lint.
func Run(res *load.Result, opts Options) []finding.Finding {
	if res == nil || res.Model == nil {
		return nil
	}
	if opts.Today.IsZero() {
		opts.Today = dates.DateOf(time.Now())
	}
	if opts.MaxAge == (dates.Age{}) {
		opts.MaxAge = DefaultMaxAge
	}
	c := &Context{F: res.Model, Tpl: res.Model.TemplateOrDefault(), Opts: opts, name: res.Name, form: res.Form, file: res.File, m: res.Map}
	if res.Unread != nil {
		c.citedUnread = map[string]bool{}
		for _, l := range res.Unread.Refs {
			c.citedUnread[richtext.Canonical(l)] = true
		}
	}
	for _, chk := range checks {
		chk.run(c)
	}
	return finding.Sort(c.out)
}

// at locates a finding: the first snippet found in the source text of the
// value at ptr (a sentence, a reference), else the value itself. The
// longest snippet (the sentence rather than the date in it) is what a
// finding reported at the location is about, unless it says otherwise.
func (c *Context) at(ptr string, snippets ...string) finding.Location {
	loc := c.locate(ptr, snippets...)
	subject := ""
	for _, s := range snippets {
		if len(s) > len(subject) {
			subject = s
		}
	}
	c.lastAt.loc, c.lastAt.subject = loc, subject
	return loc
}

func (c *Context) locate(ptr string, snippets ...string) finding.Location {
	loc := finding.Location{File: c.name, Pointer: ptr}
	for _, s := range snippets {
		if line, col, ok := c.m.Search(c.file, ptr, s); ok {
			loc.Line, loc.Column = line, col
			return loc
		}
	}
	loc.Line, loc.Column = c.m.At(ptr, false)
	return loc
}

// report records a finding of rule r at loc. Its subject (what its
// identity is made of, with the item at loc's pointer) is what at was
// asked to find there, or nothing beyond the item.
func (c *Context) report(r *Rule, loc finding.Location, msg, hint string, related ...finding.Related) {
	subject := ""
	if loc == c.lastAt.loc {
		subject = c.lastAt.subject
	}
	c.reportAbout(r, loc, subject, msg, hint, related...)
}

// reportAbout records a finding of rule r at loc about subject: the text
// (a link, an answer, a sentence) that, with the item and the rule,
// identifies it whatever its message says.
func (c *Context) reportAbout(r *Rule, loc finding.Location, subject, msg, hint string, related ...finding.Related) {
	c.out = append(c.out, finding.Finding{
		Rule: r.ID, Severity: r.Severity, Location: loc,
		Message: msg, Hint: hint, Related: related, Subject: &subject,
	})
}

// related describes another place in the same file.
func (c *Context) related(ptr, msg string) finding.Related {
	return finding.Related{Location: c.locate(ptr), Message: msg}
}

// Text is one piece of rich text of the factsheet, with where it lives. Its
// pointer and its name for messages are worked out only when a rule reports
// something: a file has a few hundred texts and few findings.
type Text struct {
	Kind string // "comments", "answer", "definition", "deviation", "cell", "further", "introduction", "footnote"
	Body string

	tb        *template.Table
	item, typ string
	index     int    // further-information item or footnote
	label     string // footnote
}

// Ptr is the JSON pointer of the text.
func (t Text) Ptr() string {
	switch t.Kind {
	case "introduction":
		return "/introduction"
	case "cell":
		return model.CellPtr(t.tb, t.item, t.typ)
	case "further":
		return model.FurtherPtr(t.tb.Section, t.index)
	case "footnote":
		return model.FootnotePtr(t.index) + "/text"
	}
	return model.ItemPtr(t.tb, t.item) + "/" + t.Kind
}

// What names the text for messages: "the comments on governance.ministry".
func (t Text) What() string {
	switch t.Kind {
	case "introduction":
		return "the introduction"
	case "definition", "deviation":
		return "the " + t.Kind + " of " + t.tb.ID(t.item)
	case "answer":
		return "the answer to " + t.tb.ID(t.item)
	case "comments":
		return "the comments on " + t.tb.ID(t.item)
	case "cell":
		return t.tb.Label() + " cell " + t.tb.CellID(t.item, t.typ)
	case "further":
		return fmt.Sprintf("further information item %d of %s", t.index+1, t.tb.Section)
	case "footnote":
		return "footnote " + t.label
	}
	return t.Kind
}

// Texts lists every piece of rich text in document order. Footnote texts
// come last; rules that look at prose skip them (they are titles of
// sources, with dates in names).
func (c *Context) Texts() []Text {
	if c.texts == nil {
		c.texts = c.buildTexts()
	}
	return c.texts
}

func (c *Context) buildTexts() []Text {
	f := c.F
	out := make([]Text, 0, 256)
	if f.Introduction != "" {
		out = append(out, Text{Kind: "introduction", Body: f.Introduction})
	}
	for _, tb := range c.Tpl.Tables() {
		s := f.Sections[tb.Section]
		if s == nil {
			continue
		}
		for _, it := range tb.Items {
			switch tb.Kind {
			case template.Terms:
				if t := s.Terms[it.ID]; t != nil {
					out = append(out,
						Text{Kind: "definition", Body: t.Definition, tb: tb, item: it.ID},
						Text{Kind: "deviation", Body: t.Deviation, tb: tb, item: it.ID})
				}
			case template.Questions:
				if q := s.Questions[it.ID]; q != nil {
					out = append(out,
						Text{Kind: "answer", Body: q.Answer, tb: tb, item: it.ID},
						Text{Kind: "comments", Body: q.Comments, tb: tb, item: it.ID})
				}
			case template.Matrix:
				for _, typ := range tb.Types {
					if text, ok := s.Cells[it.ID][typ.ID]; ok {
						out = append(out, Text{Kind: "cell", Body: text, tb: tb, item: it.ID, typ: typ.ID})
					}
				}
			}
		}
		for i, x := range s.FurtherInformation {
			out = append(out, Text{Kind: "further", Body: x, tb: tb, index: i})
		}
	}
	for i, fn := range f.Footnotes {
		out = append(out, Text{Kind: "footnote", Body: fn.Text, index: i, label: fn.Label})
	}
	return out
}

// quote shortens text for a message. It looks at no more of the text than
// the quotation can show (its first max characters after blanks are
// collapsed), so quoting a long text costs the quotation, not the text.
func quote(s string, max int) string {
	if limit := 8 * max; len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if head := strings.Join(strings.Fields(s[:cut]), " "); utf8.RuneCountInString(head) > max {
			s = head // enough to fill the quotation
		}
	}
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > max {
		return strconv.Quote(string(r[:max-1]) + "…")
	}
	return strconv.Quote(string(r))
}
