package decode

import (
	"slices"
	"strconv"
	"testing"

	"github.com/ecanplus/factsheet/internal/source"
)

// Directive comments are kept with the value they are on (the line of the
// value, or the line above); a foot comment is on nothing. Other comments,
// and "#" inside a block scalar, are not comments the reader keeps.
func TestDirectiveComments(t *testing.T) {
	text := `# yaml-language-server: $schema=x
governance:
  questions:
    ministry:
      # factsheet-ignore answer-vocabulary -- above the answer
      answer: "Yes"   # factsheet-ignore answer-unsupported-yes -- on the answer
      comments: |  # factsheet-ignore date-past-due -- on a block scalar
        text # factsheet-ignore not-a-comment -- inside the block
        more
    # factsheet-ignore empty-cell -- above a question
    national_board:  # factsheet-ignore placeholder-text -- on a key
      answer: No
footnotes:
  # factsheet-ignore footnote-unused -- above an element
  - label: 1   # factsheet-ignore footnote-order -- on the dash line
    text: x
  - label: 2
    # factsheet-ignore footnote-placeholder-link -- above a member
    text: >-
      folded
further:
  - plain item  # factsheet-ignore a -- on a list item
# a comment that is not a directive
# factsheet-ignore b -- at the end
`
	res := YAML(source.New("x.yaml", text))
	if len(res.Findings) > 0 {
		t.Fatal(res.Findings)
	}
	var got []string
	for _, c := range res.Comments {
		where := c.Ptr
		if c.Detached {
			where = "(detached)"
		}
		got = append(got, strconv.Itoa(c.Line)+":"+strconv.Itoa(c.Col)+" "+where+" "+c.Text)
	}
	slices.Sort(got)
	want := []string{
		"14:3 /footnotes/0 factsheet-ignore footnote-unused -- above an element",
		"15:16 /footnotes/0 factsheet-ignore footnote-order -- on the dash line",
		"18:5 /footnotes/1/text factsheet-ignore footnote-placeholder-link -- above a member",
		"22:17 /further/0 factsheet-ignore a -- on a list item",
		"24:1 (detached) factsheet-ignore b -- at the end",
		"5:7 /governance/questions/ministry/answer factsheet-ignore answer-vocabulary -- above the answer",
		"6:23 /governance/questions/ministry/answer factsheet-ignore answer-unsupported-yes -- on the answer",
		"7:20 /governance/questions/ministry/comments factsheet-ignore date-past-due -- on a block scalar",
	}
	want = append(want,
		"10:5 /governance/questions/national_board factsheet-ignore empty-cell -- above a question",
		"11:22 /governance/questions/national_board factsheet-ignore placeholder-text -- on a key")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("comments:\n%s\nwant:\n%s", join(got), join(want))
	}
}

func join(s []string) string {
	out := ""
	for _, x := range s {
		out += "  " + x + "\n"
	}
	return out
}
