package document_test

import (
	"fmt"
	"strings"
	"testing"
)

// An HTML comment "<!-- factsheet-ignore ... -->" is on what follows it:
// a row (also after a blank line, and written over several lines), a
// table's caption or header, a footnote, a Further-information item, a
// review round, a contributor, the title; one followed by a line the
// importer ignores is on nothing. Other comments are not suppressions.
func TestDocumentSuppressions(t *testing.T) {
	text := string(seed(t))
	edits := []struct{ before, comment string }{
		{"# POLICY MAPPING ON eHEALTH", "<!-- factsheet-ignore country-mismatch -- the title -->"},
		{"This country factsheet has been **updated**", "<!-- factsheet-ignore date-unreviewed-update -- a round -->"},
		{"- Stefanie Devos", "<!-- factsheet-ignore schema-value -- a contributor -->"},
		{"Table 2 : ", "<!-- factsheet-ignore template-missing -- a table -->"},
		{"Is there a National Cancer Plan in place?\t", "<!--\n  factsheet-ignore date-past-due\n  -- over lines, after a blank line\n-->\n"},
		{"<sup>1</sup> [WHO EMRO", "<!-- factsheet-ignore footnote-placeholder-link -- a footnote -->"},
		{"- No further information identified.", "<!-- factsheet-ignore placeholder-text -- an item -->"},
		{"## 3 STRATEGIES/POLICIES", "<!-- factsheet-ignore empty-cell -- before a chapter heading: on nothing -->"},
		{"## 2 GOVERNANCE", "<!-- an ordinary comment -->"},
	}
	for _, e := range edits {
		i := strings.Index(text, "\n"+e.before)
		if i < 0 {
			t.Fatalf("%q is not in the document", e.before)
		}
		text = text[:i+1] + e.comment + "\n" + text[i+1:]
	}
	res := loadDoc(t, "BE.txt", []byte(text))
	var got []string
	for _, s := range res.Model.Suppressions {
		where := s.Pointer
		if s.Detached {
			where = "(on nothing)"
		}
		got = append(got, fmt.Sprintf("%s %s: %s", where, strings.Join(s.Rules, ","), s.Reason))
	}
	want := []string{
		"/title country-mismatch: the title",
		"/rounds/2 date-unreviewed-update: a round",
		"/rounds/3/contributors/0 schema-value: a contributor",
		"/footnotes/0 footnote-placeholder-link: a footnote",
		"/governance template-missing: a table",
		"/governance/further_information/0 placeholder-text: an item",
		"(on nothing) empty-cell: before a chapter heading: on nothing",
		"/strategies/questions/national_cancer_plan date-past-due: over lines, after a blank line",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
