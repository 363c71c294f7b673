package richtext

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/testenv"
)

// hostileCells repeat one piece of markup across a whole cell: unclosed and
// nested lists, emphasis and links, many links, stray brackets.
var hostileCells = map[string]string{
	"ul-li":    "<ul><li>", // 100 000 of them took 20 s and 2.3 GB
	"li":       "<li>x",
	"i-open":   "<i>x",
	"b-i-open": "<b><i>x",
	"i-closed": "<i>x</i> ",
	"a-closed": `<a href="https://e.org">x</a> `,
	"a-open":   `<a href="https://e.org">x`,
	"sup":      "<sup>1</sup> ",
	"p":        "<p>x</p>",
	"lt":       "<",
	"span":     "<span>x",
}

// hostileMarkdown is the same for the Markdown of YAML and JSON texts.
var hostileMarkdown = map[string]string{
	"nested": "- x\n  ",
	"links":  "[a](u) ",
	"open-[": "[",
	"open-<": "<a ",
	"refs":   "[^1] ",
	"stars":  "*a ",
	"breaks": "a\n",
}

// TestConversionIsLinear: converting a cell to Markdown and back, or
// Markdown to a cell and back, allocates in proportion to its length.
func TestConversionIsLinear(t *testing.T) {
	check := func(t *testing.T, unit string, convert func(string)) {
		work := func(n int) uint64 {
			in := strings.Repeat(unit, n/len(unit))
			return testenv.Allocated(func() { convert(in) })
		}
		small, large := work(50<<10), work(500<<10)
		if ratio := float64(large) / float64(small); ratio > 15 {
			t.Errorf("10x the text allocates %.0fx as much (%d -> %d bytes): not linear", ratio, small, large)
		}
	}
	for name, unit := range hostileCells {
		t.Run("cell/"+name, func(t *testing.T) {
			check(t, unit, func(s string) { ToHTML(FromHTML(s)) })
		})
	}
	for name, unit := range hostileMarkdown {
		t.Run("markdown/"+name, func(t *testing.T) {
			check(t, unit, func(s string) { FromHTML(ToHTML(s)) })
		})
	}
}

// TestListDepthIsCapped: lists deeper than MaxListDepth are read as items
// of the deepest level kept, and FromHTMLChecked says so; up to the limit
// nothing changes.
func TestListDepthIsCapped(t *testing.T) {
	nested := func(depth int) string {
		return strings.Repeat(ulOpen+" <li>• x", depth) + strings.Repeat("</li> </ul>", depth)
	}
	md, flat := FromHTMLChecked(nested(MaxListDepth))
	if flat {
		t.Errorf("%d levels reported as too deep", MaxListDepth)
	}
	if want := strings.Repeat(" ", 2*(MaxListDepth-1)) + "- x"; !strings.HasSuffix(md, want) {
		t.Errorf("%d levels: %q does not end with %q", MaxListDepth, md, want)
	}
	if again := FromHTML(ToHTML(md)); again != md {
		t.Errorf("%d levels do not render back:\n got %q\nwant %q", MaxListDepth, again, md)
	}
	md, flat = FromHTMLChecked(nested(3 * MaxListDepth))
	if !flat {
		t.Errorf("%d levels not reported", 3*MaxListDepth)
	}
	deepest := strings.Repeat(" ", 2*(MaxListDepth-1)) + "- x"
	if n := strings.Count(md, "\n"+deepest); n != 2*MaxListDepth+1 {
		t.Errorf("%d items at the deepest level, want %d:\n%s", n, 2*MaxListDepth+1, md)
	}
	if strings.Contains(md, deepest[:len(deepest)-3]+"  -") {
		t.Errorf("an item deeper than %d levels:\n%s", MaxListDepth, md)
	}
	// Markdown indented deeper renders at the deepest level too.
	deepMD := "- a\n" + strings.Repeat("  ", 20) + "- b"
	if got := strings.Count(ToHTML(deepMD), "<ul"); got != 2 {
		t.Errorf("Markdown nested 20 deep right after a first item: %d lists, want 2", got)
	}
}

func BenchmarkConvertHostile(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20} {
		for _, name := range []string{"ul-li", "i-open", "a-closed"} {
			cell := strings.Repeat(hostileCells[name], size/len(hostileCells[name]))
			b.Run(fmt.Sprintf("cell/%s/%dKB", name, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ToHTML(FromHTML(cell))
				}
			})
		}
		for _, name := range []string{"open-[", "open-<", "links"} {
			md := strings.Repeat(hostileMarkdown[name], size/len(hostileMarkdown[name]))
			b.Run(fmt.Sprintf("markdown/%s/%dKB", name, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					FromHTML(ToHTML(md))
				}
			})
		}
	}
}
