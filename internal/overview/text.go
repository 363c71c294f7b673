package overview

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
)

// Source is a footnote a value cites: its label in the factsheet, its text
// as written (Markdown), the text a reader sees and the addresses it links.
type Source struct {
	Label string   `json:"label"`
	Text  string   `json:"text"`
	Title string   `json:"title"`
	URLs  []string `json:"urls"`
	// Missing is set when the factsheet has no footnote with the label
	// (lint reports the reference).
	Missing bool `json:"missing,omitempty"`
}

// sourceOf reads a footnote: the title is the footnote as plain text, the
// URLs every link address in it that is a web address (placeholders such
// as "#" are not).
func sourceOf(fn model.Footnote) Source {
	s := Source{Label: fn.Label, Text: fn.Text, Title: clean(richtext.Plain(fn.Text)), URLs: []string{}}
	for _, l := range richtext.Links(fn.Text) {
		u := strings.TrimSpace(l.URL)
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "www.") {
			s.URLs = append(s.URLs, u)
		}
	}
	return s
}

// Linkable reports whether an address may become a hyperlink in the
// outputs: an absolute http or https URL without spaces. Anything else
// (javascript:, data:, a malformed address) is shown as text only.
func Linkable(u string) bool {
	if strings.ContainsAny(u, " \t\r\n\"'<>\\`") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return false
	}
	return p.Scheme == "http" || p.Scheme == "https"
}

// key identifies a source by content, so the same source cited by two
// countries gets one number in a by-topic text: its addresses, else its
// title.
func (s Source) key() string {
	if len(s.URLs) > 0 {
		parts := make([]string, len(s.URLs))
		for i, u := range s.URLs {
			parts[i] = richtext.NormalizeURL(u)
		}
		return "u " + strings.Join(parts, " ")
	}
	return "t " + strings.ToLower(strings.Join(strings.Fields(s.Title), " "))
}

// Display renders Markdown as the text a reader sees: emphasis and link
// markup removed (link text kept), each paragraph and list item on its own
// line (items as "• ..."), and every footnote reference [^label] as
// "[N]" with N = ref(label). Control and bidirectional-override characters
// are shown as escapes, so no text can hide or reorder what follows it.
func Display(md string, ref func(label string) string) string {
	if md == "" {
		return ""
	}
	var out []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bullet := ""
		for _, m := range []string{"- ", "* ", "+ ", "• "} {
			if strings.HasPrefix(line, m) {
				bullet, line = "• ", strings.TrimSpace(line[len(m):])
				break
			}
		}
		text := plainWithRefs(line, ref)
		if text == "" {
			continue
		}
		out = append(out, bullet+text)
	}
	return clean(strings.Join(out, "\n"))
}

// Reference markers survive richtext.Plain as private-use characters.
const (
	refOpen  = '\uE000'
	refClose = '\uE001'
)

func plainWithRefs(line string, ref func(string) string) string {
	refs := richtext.Refs(line)
	if len(refs) == 0 {
		return richtext.Plain(line)
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(line[last:r.Start])
		b.WriteRune(refOpen)
		b.WriteString(r.Label)
		b.WriteRune(refClose)
		last = r.End
	}
	b.WriteString(line[last:])
	plain := richtext.Plain(b.String())
	var o strings.Builder
	for {
		i := strings.IndexRune(plain, refOpen)
		if i < 0 {
			o.WriteString(plain)
			break
		}
		j := strings.IndexRune(plain[i:], refClose)
		if j < 0 {
			o.WriteString(plain)
			break
		}
		label := plain[i+len(string(refOpen)) : i+j]
		o.WriteString(plain[:i])
		o.WriteString("[" + ref(label) + "]")
		plain = plain[i+j+len(string(refClose)):]
	}
	return o.String()
}

// ownLabel keeps a footnote's own label: "[10]" as in the factsheet.
func ownLabel(label string) string { return label }

// clean shows control characters (other than line breaks and tabs) and
// bidirectional overrides as escapes.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if (source.IsControl(r) && r != '\n' && r != '\t') || isBidi(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case source.IsControl(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02X`, r)
		case source.IsControl(r) || isBidi(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isBidi(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}
