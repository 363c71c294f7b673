package richtext

import (
	"regexp"
	"strings"
	"sync"
)

// Ref is a footnote reference [^label] in Markdown text.
type Ref struct {
	Label      string
	Start, End int // byte offsets of "[^label]"
}

// Refs lists the footnote references in Markdown text, in order, as the
// renderer reads them: escaped brackets (\[^1]) are not references, and
// neither is a "[^1]" inside an autolink or inline HTML (<b title="[^1]">),
// which the renderer writes as they are.
func Refs(md string) []Ref {
	var out []Ref
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '\\':
			i++
		case '<':
			if _, n, ok := autolink(md[i:]); ok {
				i += n - 1
			} else if n, ok := rawHTML(md[i:]); ok {
				i += n - 1
			}
		case '[':
			if n, ok := footnoteRef(md[i:]); ok {
				out = append(out, Ref{Label: md[i+2 : i+n-1], Start: i, End: i + n})
				i += n - 1
			}
		}
	}
	return out
}

// Relabel renames footnote references: [^a] becomes [^name(a)].
func Relabel(md string, name func(label string) string) string {
	refs := Refs(md)
	if len(refs) == 0 {
		return md
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(md[last:r.Start])
		b.WriteString("[^" + name(r.Label) + "]")
		last = r.End
	}
	b.WriteString(md[last:])
	return b.String()
}

var (
	supRe       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<sup>\s*([A-Za-z0-9_.-]+)\s*</sup>`) })
	supTagRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)<sup(?:\s[^<>]*)?>`) })
	supMarkedRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)(<sup(?:\s[^<>]*)?>)<!---->`) })
)

// SupToRefs turns <sup>N</sup> into [^N] in text that is otherwise kept as
// written (Further-information items, which are Markdown in the document).
// A <sup> tag followed by the marker RefsToSup writes is a tag of the
// Markdown itself: it loses one marker and stays a tag.
func SupToRefs(s string) string {
	if !strings.Contains(strings.ToLower(s), "<sup") {
		return s
	}
	s = supRe().ReplaceAllString(s, "[^$1]")
	return supMarkedRe().ReplaceAllString(s, "$1")
}

// RefsToSup is the inverse of SupToRefs: [^N] becomes <sup>N</sup>, and a
// <sup> tag the Markdown holds itself gets an empty comment after it (see
// supMarker), so that it is not read back as a footnote reference.
func RefsToSup(md string) string {
	if strings.Contains(strings.ToLower(md), "<sup") {
		md = supTagRe().ReplaceAllStringFunc(md, func(tag string) string {
			if strings.HasSuffix(tag, "/>") {
				return tag
			}
			return tag + supMarker
		})
	}
	refs := Refs(md)
	if len(refs) == 0 {
		return md
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(md[last:r.Start])
		b.WriteString("<sup>" + r.Label + "</sup>")
		last = r.End
	}
	b.WriteString(md[last:])
	return b.String()
}
