package document_test

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// TestTabsTurnedIntoSpacesOwnAnswers: where a tab became a single space
// after the answer, the answer cell ends at an answer of the template's
// vocabularies, its own words too: with a template answering "Oui", "Ní"
// and "S/O" (synthetic, as long as "Yes", "No" and "N/A", so the tab stops
// fall where they fall for the seed; stops every 4 characters), as many rows
// are read as with the built-in words: 7 not split, where the built-in words
// alone left 21.
func TestTabsTurnedIntoSpacesOwnAnswers(t *testing.T) {
	raw := string(seed(t))
	own := map[string]string{"Yes": "Oui", "No": "Ní", "N/A": "S/O"}
	lines := strings.Split(raw, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		if len(cells) == 3 && own[cells[1]] != "" {
			cells[1] = own[cells[1]]
			lines[i] = strings.Join(cells, "\t")
		}
	}
	french := strings.Join(lines, "\n")
	if french == raw {
		t.Fatal("no answer was replaced")
	}
	tpl := *template.Builtin().Default()
	v := tpl.Vocabularies
	v.Yes = append([]string{"Oui"}, v.Yes[1:]...)
	v.No = append([]string{"Ní"}, v.No[1:]...)
	v.NA = append([]string{"S/O"}, v.NA[1:]...)
	tpl.Vocabularies = v
	unread := func(text string, tplOwn bool) int {
		f, _ := source.Decode("BE.txt", []byte(expandTabs(text, 4, false)))
		res := document.Import(f)
		if tplOwn {
			res = document.ImportWith(f, &tpl)
		}
		return rulesOf(res.Findings)[document.RuleRowCells]
	}
	if got, want := unread(french, true), unread(raw, false); got != want {
		t.Errorf("%d rows not split with the template's own answers, want %d as with the built-in ones", got, want)
	}
}
