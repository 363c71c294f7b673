package diff

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/ecanplus/factsheet/internal/source"
)

// TextOptions control the text format.
type TextOptions struct {
	// Color uses ANSI colors: removed text red, added text green. The
	// caller decides (from --color, NO_COLOR and whether the writer is a
	// terminal). Removed text reads [-like this-] and added text
	// {+like this+}, as in git diff --word-diff, with or without color: red
	// and green alone are lost to colour-blind readers and on
	// black-and-white printouts.
	Color bool
}

type textStyle struct {
	del, ins, bold, dim, changed *color.Color
	color                        bool
}

func newTextStyle(on bool) *textStyle {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return &textStyle{
		del: mk(color.FgRed), ins: mk(color.FgGreen), bold: mk(color.Bold),
		dim: mk(color.Faint), changed: mk(color.FgYellow), color: on,
	}
}

// WriteText writes the result for a terminal or a log: the summary first
// (counts per part of the factsheet, renumbering notes), then the changed
// answers, then every change part by part with a word-level diff of
// changed texts (cut to the changes and a few words around them).
func WriteText(w io.Writer, r *Result, opts TextOptions) error {
	st := newTextStyle(opts.Color)
	var b strings.Builder
	b.WriteString(st.bold.Sprint("factsheet diff " + clean(r.Old) + " -> " + clean(r.New)))
	b.WriteString("\n")
	b.WriteString(summaryLine(r) + "\n")
	for _, n := range r.Renumbered {
		b.WriteString("note: " + clean(n.Note) + " (numbers only, not a change)\n")
	}
	if note := r.RespelledNote(); note != "" {
		b.WriteString("note: " + note + ", not a change\n")
	}
	if note := r.TemplateNote(); note != "" {
		b.WriteString("note: " + clean(note) + "\n")
	}
	if r.Empty() {
		_, err := io.WriteString(w, source.NoCommands(b.String()))
		return err
	}
	b.WriteString("\n")
	width := 0
	for _, g := range r.Summary.Groups {
		width = max(width, utf8.RuneCountInString(g.Title))
	}
	for _, g := range r.Summary.Groups {
		what := "-"
		if g.Total() > 0 {
			what = countsPhrase(g.Counts)
			if g.Answers > 0 {
				what += " (" + plural(g.Answers, "answer") + ")"
			}
		}
		fmt.Fprintf(&b, "  %-*s  %s\n", width, g.Title, what)
	}
	if answers := r.Answers(); len(answers) > 0 {
		b.WriteString("\n" + st.bold.Sprint("Answers changed") + "\n")
		for _, c := range answers {
			b.WriteString("  " + clean(c.ID) + ": ")
			writeAnswer(&b, st, c)
			b.WriteString("\n")
			if _, sub := heading(&c); sub != "" {
				b.WriteString("    " + st.dim.Sprint(clean(truncate(sub, 120))) + "\n")
			}
		}
	}
	for _, p := range parts(r) {
		b.WriteString("\n" + st.bold.Sprint(p.Title) + "\n")
		for _, c := range p.Changes {
			writeTextChange(&b, st, c)
		}
	}
	_, err := io.WriteString(w, source.NoCommands(b.String()))
	return err
}

func writeAnswer(b *strings.Builder, st *textStyle, c Change) {
	o, n := shown(&c)
	if st.color {
		b.WriteString(st.del.Sprint(clean(oneLine(o))) + " -> " + st.ins.Sprint(clean(oneLine(n))))
		return
	}
	b.WriteString(clean(oneLine(o)) + " -> " + clean(oneLine(n)))
}

func oneLine(s string) string {
	if s == "" {
		return `""`
	}
	return strings.Join(strings.Fields(s), " ")
}

func writeTextChange(b *strings.Builder, st *textStyle, c Change) {
	head, sub := heading(&c)
	var verb string
	switch c.Kind {
	case Added:
		verb = st.ins.Sprint("added  ")
	case Removed:
		verb = st.del.Sprint("removed")
	default:
		verb = st.changed.Sprint("changed")
	}
	b.WriteString("  " + verb + " " + clean(head))
	short := isShort(&c)
	if short {
		b.WriteString(": ")
		writeAnswer(b, st, c)
	}
	b.WriteString("\n")
	const indent = "      "
	if sub != "" {
		b.WriteString(indent + st.dim.Sprint(clean(truncate(sub, 120))) + "\n")
	}
	if short {
		return
	}
	switch c.Kind {
	case Added:
		writeLines(b, indent, clean(truncate(describe(c.New), valueLimit)), st.ins)
	case Removed:
		writeLines(b, indent, clean(truncate(describe(c.Old), valueLimit)), st.del)
	default:
		b.WriteString(indent)
		for _, p := range excerpt(c.Words) {
			t := clean(p.text)
			switch {
			case p.gap:
				b.WriteString(st.dim.Sprint(t))
			case p.kind == Delete:
				writeMarked(b, indent, t, st.del, "[-", "-]", st.color)
			case p.kind == Insert:
				writeMarked(b, indent, t, st.ins, "{+", "+}", st.color)
			default:
				b.WriteString(strings.ReplaceAll(t, "\n", "\n"+indent))
			}
		}
		b.WriteString("\n")
	}
}

// writeLines writes text indented, each line in color c.
func writeLines(b *strings.Builder, indent, text string, c *color.Color) {
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(indent + c.Sprint(line) + "\n")
	}
}

// writeMarked writes a deleted or inserted piece between its markers, in
// color when colored. A piece spanning lines is colored line by line so the
// indentation stays plain.
func writeMarked(b *strings.Builder, indent, t string, c *color.Color, open, close string, colored bool) {
	if !colored {
		b.WriteString(open + strings.ReplaceAll(t, "\n", "\n"+indent) + close)
		return
	}
	lines := strings.Split(open+t+close, "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("\n" + indent)
		}
		if line != "" {
			b.WriteString(c.Sprint(line))
		}
	}
}
