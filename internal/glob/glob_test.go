package glob

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		glob, path string
		want       bool
	}{
		{"*.yaml", "BE.yaml", true},
		{"*.yaml", "drafts/BE.yaml", false}, // * stays in one segment
		{"drafts/*", "drafts/BE.yaml", true},
		{"drafts/*", "drafts/old/BE.yaml", false},
		{"drafts/**", "drafts/old/BE.yaml", true},
		{"drafts/**", "drafts", true}, // the directory itself: a walk skips it whole
		{"**/old/*.yaml", "factsheets/2024/old/BE.yaml", true},
		{"**/old/*.yaml", "old/BE.yaml", true}, // ** also matches no directory
		{"a/**/b.yaml", "a/b.yaml", true},
		{"a/**/b.yaml", "a/x/y/b.yaml", true},
		{"a/**/b.yaml", "ab.yaml", false},
		{"??.yaml", "BE.yaml", true},
		{"??.yaml", "BEL.yaml", false},
		{"[A-C]*.yaml", "BE.yaml", true},
		{"[A-C]*.yaml", "NL.yaml", false},
		{"{BE,NL}.yaml", "NL.yaml", true},
		{"{BE,NL}.yaml", "FR.yaml", false},
		{`\*.yaml`, "*.yaml", true},
		{`\*.yaml`, "BE.yaml", false},
		{"factsheets/BE.*", `factsheets\BE.docx`, filepathSeparatorIsBackslash},
	}
	for _, c := range cases {
		p, err := Compile(c.glob)
		if err != nil {
			t.Fatalf("%q: %v", c.glob, err)
		}
		if got := p.Match(c.path); got != c.want {
			t.Errorf("%q matches %q: %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}

func TestCompileRefuses(t *testing.T) {
	for _, g := range []string{"", "  ", "[", "drafts/[a-", "{BE,NL", `BE\`} {
		if _, err := Compile(g); err == nil {
			t.Errorf("%q compiled", g)
		}
	}
	if _, err := CompileAll([]string{"ok/*", "{bad"}); err == nil || !strings.Contains(err.Error(), `"{bad"`) {
		t.Errorf("CompileAll: %v", err)
	}
	if (Pattern{}).Match("x") {
		t.Error("the zero pattern matched")
	}
}

// TestMatchLinear: matching a long path against a pattern with many
// stars stays fast (doublestar backtracks, but boundedly).
func TestMatchLinear(t *testing.T) {
	p := MustCompile("**/a*a*a*a*a*a*b/**")
	path := strings.Repeat("aaaaaaaaaa/", 100) + strings.Repeat("a", 200)
	if p.Match(path) {
		t.Error("matched")
	}
}
