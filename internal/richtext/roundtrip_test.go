package richtext

import "testing"

// TestMarkdownRoundTripsExactly: Markdown from a YAML or JSON text that the
// renderer used to misread comes back from the document exactly.
func TestMarkdownRoundTripsExactly(t *testing.T) {
	for _, tc := range []struct{ name, md string }{
		{"raw sup with a label is not a reference", "See <sup>3</sup> above"},
		{"raw sup with an unknown label", "x<sup>99</sup>"},
		{"raw sup with attributes", `m<sup class="e">2</sup>`},
		{"raw sup in upper case", "m<SUP>2</SUP>"},
		{"the marker itself", "a<sup><!---->3</sup>"},
		{"raw sup with text", "10<sup>-3</sup> mg"},
		{"reference next to a raw sup", "a[^3] b<sup>3</sup>"},
		{"line break before a list", "The plan covers:\n- screening\n- treatment"},
		{"paragraph right after a list", "- one\n- two\nafter"},
		{"both", "a\n- b\nc\n\n- d\ne"},
		{"loose list", "a\n\n- b\n\nc"},
		{"tight after a later paragraph", "a\n\nb\n- c"},
		{"nested list after a line break", "a\n- b\n  - c\nd"},
		{"literal dash after a break", "a\n\\- b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := ToHTML(tc.md)
			if got := FromHTML(html); got != tc.md {
				t.Errorf("Markdown %q\nwrites the cell %q\nwhich reads back as %q", tc.md, html, got)
			}
		})
	}
}
