package overview

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// WriteMarkdown writes the status table and the by-topic text: for every
// selected item, each country's answer and comment as a paragraph, then
// the output's one numbered list of sources. Factsheet text is escaped, so
// nothing in it becomes a link, emphasis, HTML or a table cell boundary.
func WriteMarkdown(w io.Writer, ov *Overview) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n\n%s\n\n", mdCell(ov.Title), mdText(ov.Summary()))
	b.WriteString("## Status\n\n")
	if len(ov.Columns) == 0 {
		b.WriteString("No factsheet could be placed in the matrix.\n\n")
	} else {
		b.WriteString("| Country | File | Round | Template | Last review | Completeness | Errors | Warnings | Infos | Past-due |\n")
		b.WriteString("|---|---|---|---|---|--:|--:|--:|--:|--:|\n")
		for _, c := range ov.Columns {
			f := c.File
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %d | %d | %d | %d |\n",
				mdCell(c.Header()), mdCell(f.Name), mdCell(f.Round.String()), mdCell(f.Template), mdCell(f.ReviewText()),
				mdCell(f.CompletenessText()), f.Counts.Errors, f.Counts.Warnings, f.Counts.Infos, f.PastDue)
		}
		b.WriteString("\n")
	}
	if others := ov.Others(); len(others) > 0 {
		b.WriteString("### Files not in the matrix\n\n| File | State | Why | Errors |\n|---|---|---|---|\n")
		for _, f := range others {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCell(f.Name), f.State, mdCell(f.Note), mdCell(strings.Join(f.WhyErrors(), "; ")))
		}
		b.WriteString("\n")
	}
	topics, sources := ov.Topics()
	if len(ov.Columns) > 0 {
		b.WriteString("## By topic\n")
		for _, g := range ov.Groups() {
			fmt.Fprintf(b, "\n### %s\n", mdText(g.Title()))
			for _, t := range topics[g.Start:g.End] {
				fmt.Fprintf(b, "\n#### %s `%s`\n", mdText(t.Item.Label()), t.Item.ID)
				for _, p := range t.Paragraphs {
					b.WriteString("\n")
					writeMDParagraph(b, "**"+mdText(ov.ColumnName(p.Column))+"**: ", p.Sentence())
				}
			}
		}
		b.WriteString("\n## Sources\n\n")
		if len(sources) == 0 {
			b.WriteString("No sources cited.\n")
		}
		for _, s := range sources {
			fmt.Fprintf(b, "%d. %s\n", s.N, mdSource(s.Source))
		}
	}
	return b.Flush()
}

// maxListedErrors is how many errors of a file the tables list before
// "and N more" (the JSON output has them all).
const maxListedErrors = 10

// writeMDParagraph writes a by-topic paragraph: the lead and the first
// line, then list items as a list and other lines as paragraphs.
func writeMDParagraph(b *bufio.Writer, lead, text string) {
	lines := strings.Split(text, "\n")
	prevBullet := false
	for i, l := range lines {
		bullet := strings.HasPrefix(l, "• ")
		switch {
		case i == 0:
			b.WriteString(lead + mdText(l) + "\n")
		case bullet:
			if !prevBullet {
				b.WriteString("\n")
			}
			b.WriteString("- " + mdText(strings.TrimPrefix(l, "• ")) + "\n")
		default:
			b.WriteString("\n" + mdText(l) + "\n")
		}
		prevBullet = bullet && i > 0
	}
}

func mdSource(s Source) string {
	if len(s.URLs) == 1 && strings.TrimSpace(s.Title) == s.URLs[0] && Linkable(s.URLs[0]) {
		return "<" + s.URLs[0] + ">"
	}
	var parts []string
	if s.Title != "" {
		parts = append(parts, mdText(s.Title))
	}
	for _, u := range s.URLs {
		if Linkable(u) && !strings.Contains(s.Title, u) {
			parts = append(parts, "<"+u+">")
		}
	}
	return strings.Join(parts, " — ")
}

// mdText escapes text for Markdown, so that nothing in it becomes markup:
// HTML and entities (<, >, & as entities), code, emphasis and
// strikethrough (\`, *, ~ and | always; _ unless inside a word, where
// CommonMark ignores it), links ("](" and "][", and [ at the start of a
// line, which could define a link reference), and at the start of a line a
// heading, list, quote or numbered item. Plain brackets such as the "[1]"
// of footnote markers stay as they are: without a link after them they
// are text.
func mdText(s string) string {
	rs := []rune(clean(s))
	var b strings.Builder
	lineStart, digits := true, false // at the start of a line; the line so far is digits only
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case strings.ContainsRune("\\`*|~", r),
			r == '_' && !(word(i-1) && word(i+1)),
			r == ']' && (next == '(' || next == '['),
			r == '[' && lineStart,
			lineStart && strings.ContainsRune("#+-=", r),
			(lineStart || digits) && (r == '.' || r == ')'):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		switch {
		case r == '\n':
			lineStart, digits = true, false
		case lineStart && (r == ' ' || r == '\t'):
		case (lineStart || digits) && r >= '0' && r <= '9':
			lineStart, digits = false, true
		default:
			lineStart, digits = false, false
		}
	}
	return b.String()
}

// mdCell is mdText for a table cell: on one line.
func mdCell(s string) string {
	return mdText(strings.Join(strings.Fields(s), " "))
}

// Summary is the overview's one-line description: "As of 2026-11-22: 6
// countries, the latest round of each; 77 items."
func (ov *Overview) Summary() string {
	countries := map[string]bool{}
	for _, c := range ov.Columns {
		countries[c.Code()] = true
	}
	rounds := "the latest round of each"
	if ov.AllRounds {
		rounds = plural(len(ov.Columns), "round") + " in all"
	}
	nc := strconv.Itoa(len(countries)) + " countries"
	if len(countries) == 1 {
		nc = "1 country"
	}
	s := fmt.Sprintf("As of %s: %s, %s; %s", ov.Today, nc, rounds, plural(len(ov.Items), "template item"))
	if n := len(ov.Others()); n > 0 {
		s += fmt.Sprintf("; %s not in the matrix", plural(n, "file"))
	}
	return s + "."
}

// ColumnName names a column in prose: "Belgium", or "Belgium (review
// 2026-02)" with every round shown.
func (ov *Overview) ColumnName(c *Column) string {
	name := c.File.Country
	if name == "" {
		name = c.File.Code
	}
	if ov.AllRounds && c.File.Round != nil {
		name += " (" + c.File.Round.String() + ")"
	}
	return name
}

// ReviewText is "2026-02 (about 9 months ago)", or "none".
func (f *File) ReviewText() string {
	if f.LastReview == nil {
		return "none"
	}
	return f.LastReview.Date + " (" + f.LastReview.Age + " ago)"
}

// CompletenessText is "75/77 (97%)".
func (f *File) CompletenessText() string {
	return strconv.Itoa(f.Answered) + "/" + strconv.Itoa(f.Total) + " (" + strconv.Itoa(f.Completeness()) + "%)"
}

// WhyErrors are the errors that kept a file out of the matrix, as
// ErrorLines lists them; none for a file in it or superseded (their
// errors are counted, and lint lists them).
func (f *File) WhyErrors() []string {
	if f.State != Excluded {
		return nil
	}
	return f.ErrorLines(maxListedErrors)
}

// ErrorLines are the file's errors as "line 18: message [rule]", at most
// max, then "and N more".
func (f *File) ErrorLines(max int) []string {
	var out []string
	for i, e := range f.Errors {
		if i == max {
			out = append(out, fmt.Sprintf("and %d more (factsheet lint %s)", len(f.Errors)-max, f.Name))
			break
		}
		where := e.Pos.Where()
		if e.Pos.Line > 0 {
			where = "line " + where
		}
		if where != "" {
			where += ": "
		}
		out = append(out, where+e.Message+" ["+e.Rule+"]")
	}
	return out
}
