package decode

import (
	"strings"
	"testing"
)

// TestSyntaxHints: the common YAML mistakes of people who are not
// programmers are reported where they are, in plain words, with a hint:
// a quote that is never closed (at the line where it starts, not at the
// end of the file or the start of the mapping), a quote inside a quoted
// value, tab indentation, a colon in an unquoted value, a line indented
// under a key that has its value.
func TestSyntaxHints(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line, col  int
		msg, hint  string
	}{
		{"unclosed double quote", "template: x\ncountry:\n  code: BE\n  name: \"Belgium\ntitle: x\ncontact: y\n",
			4, 9, "the quote \" that starts here is never closed", "end the value with \" on the line where it starts"},
		{"unclosed single quote", "a: 1\nb: 'x\n\nc: 3\n",
			2, 4, "the quote ' that starts here is never closed", "write a ' inside it as ''"},
		{"unclosed quote closed by the next value's", "a: 1\nb:\n  c: \"Belgium\n  d: \"x\"\n",
			3, 6, "ends at line 4, column 6, and more text follows it", "end the value with \""},
		{"a quote inside double quotes", "a: 1\nb: \"it is \"quoted\" here\"\nc: 2\n",
			2, 4, "ends at line 2, column 11", "write a \" inside it as \\\""},
		{"an apostrophe inside single quotes", "a: 1\nb: 'it's here'\n",
			2, 4, "ends at line 2, column 7", "(it's -> it''s)"},
		{"tab indentation", "template: x\ncountry:\n\tcode: BE\n",
			3, 1, "this line is indented with a tab", "indent with spaces"},
		{"tab after spaces", "a:\n  b: 1\n  \tc: 2\n",
			3, 3, "this line is indented with a tab", "indent with spaces"},
		{"colon in a value", "governance:\n  questions:\n    ministry:\n      comments: The FPS: responsible for health\n",
			4, 24, "the value holds \": \"", "put the whole value in quotes"},
		{"colon in a list item's value", "a:\n  - item: one: two\n",
			2, 14, "the value holds \": \"", "quotes"},
		{"indented under a value", "a: x\n  b: y\n",
			2, 3, "indented under line 1, whose key already has a value", "indent it as the keys beside it"},
		{"a value starting with @", "contact: @goeg\n",
			1, 10, "a value cannot start with @", "put the value in quotes: \"@goeg\""},
		{"windows line ends", "a: 1\r\nb: \"x\r\nc: 2\r\n",
			2, 4, "never closed", "end the value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := decodeText(t, "x.yaml", tc.text)
			if len(r.Findings) != 1 || r.Findings[0].Rule != RuleSyntax {
				t.Fatalf("want one %s finding, got %v", RuleSyntax, r.Findings)
			}
			f := r.Findings[0]
			if f.Line != tc.line || f.Column != tc.col || !strings.Contains(f.Message, tc.msg) || !strings.Contains(f.Hint, tc.hint) {
				t.Errorf("got %d:%d %q (hint %q)\nwant %d:%d %q (hint containing %q)", f.Line, f.Column, f.Message, f.Hint, tc.line, tc.col, tc.msg, tc.hint)
			}
		})
	}
	// Legal YAML is not touched: a quoted value over two lines, quotes in a
	// block scalar, an apostrophe in a plain value, "key": value.
	for _, text := range []string{
		"a: \"multi\n  line\"\nb: 2\n",
		"a: |-\n  \"unbalanced\n  it's\nb: 'x'\n",
		"a: it's fine\nb: \"ok\" # comment\n",
		"\"a\": 1\nb: [\"x\", 'y']\n",
	} {
		if r := decodeText(t, "x.yaml", text); len(r.Findings) != 0 {
			t.Errorf("%q: %v", text, r.Findings)
		}
	}
}

// TestSyntaxHintsLinear: looking for the cause costs time proportional to
// the file, whatever the quotes.
func TestSyntaxHintsLinear(t *testing.T) {
	text := strings.Repeat("a: \"x\" y\n", 1) + strings.Repeat("b: \"\"\n", 200_000) + "c: \"open\n"
	if _, ok := explainSyntax(text, 1, "did not find expected key"); !ok {
		t.Fatal("no help")
	}
	unclosed := strings.Repeat("- \"\n", 100_001)
	if h, ok := explainSyntax(unclosed, 1, "x"); !ok || h.line != 100_001 {
		t.Fatalf("got %+v %v", h, ok)
	}
}
