package lint_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/richtext"
)

// TestInvisibleSpacesGiveTheSameFindings: the seed with every space a
// no-break space gives the seed's findings, at the same lines and columns
// (columns count characters, and a no-break space is one): "as of 2021"
// typed with a no-break space is still "as of", an address with a no-break
// space in it is still malformed, quoted text is found in the source. (The
// rule about such spaces, text-unicode-space, reports them, and nothing
// else does.)
func TestInvisibleSpacesGiveTheSameFindings(t *testing.T) {
	key := func(text string) []string {
		var out []string
		for _, f := range lintText("BE.txt", text) {
			if f.Rule == lint.RuleUnicodeSpace {
				continue
			}
			out = append(out, fmt.Sprintf("%d:%d %s %s %s", f.Line, f.Column, f.Rule, f.Pointer, richtext.Canonical(f.Message)))
		}
		sort.Strings(out)
		return out
	}
	seed := read(t, "BE.txt")
	want := key(seed)
	for _, sp := range []string{"\u00a0", "\u202f", "\u2009"} {
		got := key(strings.ReplaceAll(seed, " ", sp))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("U+%04X: findings differ:\ngot:\n%s\nwant:\n%s", []rune(sp)[0], strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestUnreadTablesNoAvalanche: the seed with its tabs deleted has the
// factsheet's landmarks but no readable row. lint reports that once, first,
// and neither every question as missing nor every footnote as unreferenced
// (143 findings before): what remains are the real defects of what could
// be read (the footnotes' placeholder links and repeated sources, and the
// blanks left at the end of the rows whose last tab became a space).
func TestUnreadTablesNoAvalanche(t *testing.T) {
	fs := finding.Sort(lintText("BE.txt", strings.ReplaceAll(read(t, "BE.txt"), "\t", " ")))
	if len(fs) == 0 || fs[0].Rule != document.RuleTablesUnread {
		t.Fatalf("the first finding is not the unread tables: %v", fs)
	}
	byRule := map[string]int{}
	for _, f := range fs {
		byRule[f.Rule]++
	}
	for _, rule := range []string{"template-missing", "footnote-unused", "footnote-order", document.RuleUnrecognised} {
		if byRule[rule] > 0 {
			t.Errorf("%d %s findings", byRule[rule], rule)
		}
	}
	if len(fs) > 22 {
		t.Errorf("%d findings, want at most 22: %v", len(fs), byRule)
	}
}

// TestPandocMarkdownGivesTheSeedsFindings: the seed through Word and
// pandoc's gfm writer (variants/BE-pandoc.gfm.md) gives the seed's
// findings, rule for rule and pointer for pointer, but one: pandoc
// percent-encodes footnote 16's address, which then holds no spaces, so it
// is no longer reported as malformed.
func TestPandocMarkdownGivesTheSeedsFindings(t *testing.T) {
	key := func(name, text string) []string {
		var out []string
		for _, f := range lintText(name, text) {
			out = append(out, f.Rule+" "+f.Pointer+" "+richtext.Canonical(f.Message))
		}
		sort.Strings(out)
		return out
	}
	want := key("BE.txt", read(t, "BE.txt"))
	got := key("BE-pandoc.gfm.md", read(t, filepath.Join("variants", "BE-pandoc.gfm.md")))
	var missing []string
	for _, w := range want {
		if i := sort.SearchStrings(got, w); i < len(got) && got[i] == w {
			got = append(got[:i], got[i+1:]...)
			continue
		}
		missing = append(missing, w)
	}
	if len(got) != 0 {
		t.Errorf("findings only the pandoc Markdown has:\n%s", strings.Join(got, "\n"))
	}
	if len(missing) != 1 || !strings.HasPrefix(missing[0], "footnote-malformed-url /footnotes/15/text") {
		t.Errorf("findings only the seed has:\n%s", strings.Join(missing, "\n"))
	}
}
