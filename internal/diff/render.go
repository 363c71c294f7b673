package diff

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/source"
)

// What the renderers share: how a change is named, how a value reads in
// one line or paragraph, and how a long word diff is cut to the changes
// and a few words of context.

// contextWords is how many words of unchanged text a one-column view
// shows on each side of a change in a long text.
const contextWords = 8

// shortText is the length (in bytes) under which a word diff is shown
// whole.
const shortText = 280

// piece is part of a one-column view of a word diff. gap marks an ellipsis
// standing for unchanged text left out.
type piece struct {
	kind OpKind
	text string
	gap  bool
}

// excerpt returns a word diff for a one-column view: whole when it is
// short, otherwise with unchanged stretches cut to contextWords words on
// each side of a change.
func excerpt(ops []Op) []piece {
	total := 0
	for _, op := range ops {
		total += len(op.Text)
	}
	var out []piece
	if total <= shortText {
		for _, op := range ops {
			out = append(out, piece{kind: op.Kind, text: op.Text})
		}
		return out
	}
	for i, op := range ops {
		if op.Kind != Equal {
			out = append(out, piece{kind: op.Kind, text: op.Text})
			continue
		}
		first, last := i == 0, i == len(ops)-1
		toks := appendWords(nil, op.Text)
		words := 0
		for _, t := range toks {
			if isWord(t.text) {
				words++
			}
		}
		switch {
		case first && last:
			out = append(out, piece{kind: Equal, text: op.Text})
		case first && words > contextWords:
			out = append(out, piece{kind: Equal, text: "… ", gap: true},
				piece{kind: Equal, text: strings.TrimLeft(join(toks[cutFromEnd(toks, contextWords):]), " \t\n")})
		case last && words > contextWords:
			out = append(out, piece{kind: Equal, text: strings.TrimRight(join(toks[:cutFromStart(toks, contextWords)]), " \t\n")},
				piece{kind: Equal, text: " …", gap: true})
		case !first && !last && words > 2*contextWords+4:
			out = append(out, piece{kind: Equal, text: strings.TrimRight(join(toks[:cutFromStart(toks, contextWords)]), " \t\n")},
				piece{kind: Equal, text: " … ", gap: true},
				piece{kind: Equal, text: strings.TrimLeft(join(toks[cutFromEnd(toks, contextWords):]), " \t\n")})
		default:
			out = append(out, piece{kind: Equal, text: op.Text})
		}
	}
	return out
}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func join(ts []token) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.text)
	}
	return b.String()
}

// cutFromStart returns the index just after the n-th word.
func cutFromStart(ts []token, n int) int {
	for i, t := range ts {
		if isWord(t.text) {
			n--
			if n == 0 {
				return i + 1
			}
		}
	}
	return len(ts)
}

// cutFromEnd returns the index of the n-th word from the end.
func cutFromEnd(ts []token, n int) int {
	for i := len(ts) - 1; i >= 0; i-- {
		if isWord(ts[i].text) {
			n--
			if n == 0 {
				return i
			}
		}
	}
	return 0
}

// heading names a change for a reader: what it is about (head) and, where
// the template words it, the item's wording (sub).
func heading(c *Change) (head, sub string) {
	switch {
	case len(c.Path) > 0 && c.Path[0] == "wording":
		return "wording of " + c.ID, ""
	case c.Group == GroupDocument:
		return strings.Join(c.Path, " "), ""
	case c.Group == GroupRounds:
		if len(c.Path) == 3 {
			return c.Label, ""
		}
		if c.Field != "" {
			return c.Label + " " + c.Field, ""
		}
		return c.Label, ""
	case c.Group == GroupFootnotes:
		head = "footnote " + c.Path[1]
		if o, ok := c.Old.(FootnoteValue); ok && c.Kind == Changed && o.Label != c.Path[1] {
			head += " (" + o.Label + " in the old version)"
		}
		if len(c.CitedIn) > 0 {
			sub = "cited in " + strings.Join(c.CitedIn, ", ")
		}
		return head, sub
	}
	head = c.ID
	if c.Field != "" {
		head += " " + c.Field
	}
	if c.Label != c.ID {
		sub = c.Label
	}
	return head, sub
}

// describe renders a value added or removed as plain text.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case QuestionValue:
		s := "answer: " + x.Answer
		if x.Comments != "" {
			s += "\ncomments: " + x.Comments
		}
		return s
	case TermValue:
		s := "definition: " + x.Definition
		if x.Deviation != "" {
			s += "\ndeviation: " + x.Deviation
		}
		return s
	case RoundValue:
		var names []string
		for _, c := range x.Contributors {
			names = append(names, describe(c))
		}
		if len(names) == 0 {
			return "no contributors"
		}
		return "contributors: " + strings.Join(names, "; ")
	case ContributorValue:
		var parts []string
		for _, p := range []string{x.Role, x.Organisation, x.Country} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			return x.Name
		}
		return x.Name + " (" + strings.Join(parts, ", ") + ")"
	case FootnoteValue:
		return x.Text
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// truncate shortens text to at most n runes, ending with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " \t\n") + "…"
}

// valueLimit is how much of an added or removed text the one-column views
// quote.
const valueLimit = 400

// clean makes factsheet text safe for a terminal: control characters other
// than tab and newline, and the bidirectional formatting characters that can
// make text read differently from what it says, are shown as \xNN / \uNNNN
// (see source.Terminal, which the findings' printers use too).
func clean(s string) string { return source.Terminal(s, true) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// countsPhrase is "2 added, 3 changed" (kinds with no change left out).
func countsPhrase(c Counts) string {
	var parts []string
	if c.Added > 0 {
		parts = append(parts, fmt.Sprintf("%d added", c.Added))
	}
	if c.Removed > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", c.Removed))
	}
	if c.Changed > 0 {
		parts = append(parts, fmt.Sprintf("%d changed", c.Changed))
	}
	return strings.Join(parts, ", ")
}

// summaryLine is the one-line summary every format starts with.
func summaryLine(r *Result) string {
	if r.Empty() {
		return "no changes"
	}
	s := plural(r.Summary.Total(), "change") + ": " + countsPhrase(r.Summary.Counts)
	if r.Summary.Answers > 0 {
		s += "; " + plural(r.Summary.Answers, "answer") + " changed"
	}
	return s
}

// part is one group of the summary with its changes.
type part struct {
	GroupSummary
	Changes []Change
}

// parts splits the changes by summary group, in order, leaving out groups
// without changes.
func parts(r *Result) []part {
	var out []part
	for _, g := range r.Summary.Groups {
		var cs []Change
		for _, c := range r.Changes {
			if c.Group == g.Key {
				cs = append(cs, c)
			}
		}
		if len(cs) > 0 {
			out = append(out, part{g, cs})
		}
	}
	return out
}

// shown returns the old and new text of a changed text field as a
// one-column view shows them: with footnote references in the new
// numbering, so a renumbered reference does not look changed.
func shown(c *Change) (old, new string) {
	if c.Words == nil {
		o, _ := c.Old.(string)
		n, _ := c.New.(string)
		return o, n
	}
	var ob, nb strings.Builder
	for _, op := range c.Words {
		switch op.Kind {
		case Equal:
			ob.WriteString(op.Text)
			nb.WriteString(op.Text)
		case Delete:
			ob.WriteString(op.Text)
		case Insert:
			nb.WriteString(op.Text)
		}
	}
	return ob.String(), nb.String()
}

// isShort reports whether a changed text reads best as "old -> new" on one
// line: both sides short and on one line, and an answer or a text replaced
// as a whole.
func isShort(c *Change) bool {
	if c.Kind != Changed {
		return false
	}
	o, ok1 := c.Old.(string)
	n, ok2 := c.New.(string)
	if !ok1 || !ok2 || strings.Contains(o, "\n") || strings.Contains(n, "\n") ||
		utf8.RuneCountInString(o) > 40 || utf8.RuneCountInString(n) > 40 {
		return false
	}
	if c.Field == "answer" {
		return true
	}
	// A text that kept some of its words reads better as a word diff.
	for _, op := range c.Words {
		if op.Kind == Equal && strings.IndexFunc(op.Text, isWordRune) >= 0 {
			return false
		}
	}
	return true
}
