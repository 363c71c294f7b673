package overview_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/internal/template"
)

// TestExtractLargeVocabulary: a file's values are placed in the template's
// vocabularies with their words made once per file, not once per item: a
// template listing n forms of yes cost each file its ~80 items times n
// (20 000 answers, 10 factsheets: 5 s). The allocations of Extract grow
// with n about once, not 80 times. The vocabulary is synthetic.
func TestExtractLargeVocabulary(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repo, "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	allocs := func(n int) float64 {
		res := load.Bytes("BE.yaml", raw, load.Options{})
		tpl := *res.Model.TemplateOrDefault()
		tpl.Vocabularies.Yes = append([]string(nil), tpl.Vocabularies.Yes...)
		for i := 0; i < n; i++ {
			tpl.Vocabularies.Yes = append(tpl.Vocabularies.Yes, fmt.Sprintf("Synthetic yes form %d", i))
		}
		res.Model.Tpl = &tpl
		return testing.AllocsPerRun(2, func() { overview.Extract(res, nil, today) })
	}
	const n = 5000
	small, large := allocs(0), allocs(n)
	if grown := large - small; grown > 10*n {
		t.Errorf("%d more answers in the vocabulary cost Extract %.0f more allocations (%.0f per answer): the vocabulary is read once per item", n, grown, grown/n)
	}
	if v := overview.CategorizeIn("Synthetic yes form 7", template.Vocabularies{Yes: []string{"Yes", "Synthetic yes form 7"}}); v != overview.Partial {
		t.Errorf("a later form of yes is %s, want partial", v)
	}
}
