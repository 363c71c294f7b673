package lint

import (
	"slices"
	"testing"

	"github.com/ecanplus/factsheet/internal/template"
)

// What a suppression covers: its value and what is under it, and the
// labels as written that the document holds in its row or table.
func TestCovering(t *testing.T) {
	for _, tc := range []struct {
		ptr  string
		sup  string
		want bool
	}{
		{"/governance/questions/ministry/answer", "/governance/questions/ministry", true},
		{"/governance/questions/ministry", "/governance/questions/ministry", true},
		{"/governance/questions/ministry_unit/answer", "/governance/questions/ministry", false},
		{"/governance/questions/ministry/answer", "/governance", true},
		{"/wording/governance.ministry", "/governance/questions/ministry", true},
		{"/wording/governance.ministry_unit", "/governance/questions/ministry", false},
		{"/wording/solutions.teleconferences", "/solutions", true},
		{"/wording/solutions.treatment", "/solutions/cells/treatment", true},
		{"/wording/strategies.indicators", "/solutions", false},
		{"/footnotes/3/text", "/footnotes/3", true},
		{"/footnotes/3/text", "/footnotes/30", false},
	} {
		if got := slices.Contains(covering(template.Builtin().Default(), tc.ptr), tc.sup); got != tc.want {
			t.Errorf("a suppression at %s covers %s: %v, want %v", tc.sup, tc.ptr, got, tc.want)
		}
	}
}
