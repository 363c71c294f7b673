package model

import (
	"slices"
	"testing"
)

func TestParseSuppression(t *testing.T) {
	for _, tc := range []struct {
		in     string
		ok     bool
		rules  []string
		reason string
	}{
		{"factsheet-ignore date-past-due -- the plan is announced", true, []string{"date-past-due"}, "the plan is announced"},
		{"  factsheet-ignore a, b,c --  two -- dashes  ", true, []string{"a", "b", "c"}, "two -- dashes"},
		{"factsheet-ignore: a -- colon", true, []string{"a"}, "colon"},
		{"factsheet-ignore a", true, []string{"a"}, ""},
		{"factsheet-ignore -- no rule", true, nil, "no rule"},
		// An em or en dash, as word processors type "--".
		{"factsheet-ignore date-past-due — the plan is announced", true, []string{"date-past-due"}, "the plan is announced"},
		{"factsheet-ignore a,b–reason -- with dashes", true, []string{"a", "b"}, "reason -- with dashes"},
		{"factsheet-ignored a -- b", false, nil, ""},
		{"see factsheet-ignore a -- b", false, nil, ""},
	} {
		s, ok := ParseSuppression(tc.in)
		if ok != tc.ok || !slices.Equal(s.Rules, tc.rules) || s.Reason != tc.reason {
			t.Errorf("ParseSuppression(%q) = %q %q %v", tc.in, s.Rules, s.Reason, ok)
		}
		if ok {
			if back, _ := ParseSuppression(s.Directive()); !slices.Equal(back.Rules, s.Rules) || back.Reason != s.Reason {
				t.Errorf("Directive %q does not read back", s.Directive())
			}
		}
	}
}
