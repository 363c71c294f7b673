// Command corpus writes a benchmark corpus: N factsheets made from the
// Belgian one, for varied countries, with defects planted in some of them,
// in the three forms (yaml/, json/, md/ under the output directory). It is
// used by bench/compare.sh and is not part of the shipped tool (it is in the
// separate tools module; paths are relative to tools/, where go -C runs it):
//
//	go -C tools run ./corpus -n 1000 -out ../bench/.work/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

// countries are the EU and EEA members the corpus cycles through.
var countries = [][2]string{
	{"AT", "Austria"}, {"BE", "Belgium"}, {"BG", "Bulgaria"}, {"HR", "Croatia"}, {"CY", "Cyprus"},
	{"CZ", "Czechia"}, {"DK", "Denmark"}, {"EE", "Estonia"}, {"FI", "Finland"}, {"FR", "France"},
	{"DE", "Germany"}, {"GR", "Greece"}, {"HU", "Hungary"}, {"IE", "Ireland"}, {"IT", "Italy"},
	{"LV", "Latvia"}, {"LT", "Lithuania"}, {"LU", "Luxembourg"}, {"MT", "Malta"}, {"NL", "Netherlands"},
	{"PL", "Poland"}, {"PT", "Portugal"}, {"RO", "Romania"}, {"SK", "Slovakia"}, {"SI", "Slovenia"},
	{"ES", "Spain"}, {"SE", "Sweden"}, {"IS", "Iceland"}, {"LI", "Liechtenstein"}, {"NO", "Norway"},
}

func main() {
	n := flag.Int("n", 1000, "number of factsheets")
	out := flag.String("out", "../bench/.work/corpus", "output directory")
	base := flag.String("from", "../testdata/factsheets/BE.yaml", "the factsheet to vary")
	flag.Parse()
	if err := run(*n, *out, *base); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func run(n int, out, base string) error {
	res, err := load.Path(base, load.Options{})
	if err != nil {
		return err
	}
	if !res.Readable() {
		return fmt.Errorf("%s is not readable", base)
	}
	for _, form := range []string{"yaml", "json", "md"} {
		if err := os.MkdirAll(filepath.Join(out, form), 0o755); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		f := vary(load.Bytes(base, []byte(encode.YAML(res.Model)), load.Options{Form: load.YAML}).Model, i)
		name := fmt.Sprintf("%s-%04d", f.Country.Code, i)
		files := map[string][]byte{
			filepath.Join(out, "yaml", name+".yaml"): encode.YAML(f),
			filepath.Join(out, "json", name+".json"): encode.JSON(f),
			filepath.Join(out, "md", name+".md"):     document.Render(f),
		}
		for p, b := range files {
			if i%9 == 4 && strings.HasSuffix(p, ".json") {
				// A schema error in some JSON files: an unknown field.
				b = []byte(strings.Replace(string(b), `"answer": "Yes"`, `"answr": "Yes"`, 1))
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// vary makes factsheet i: another country, and planted defects in some.
func vary(f *model.Factsheet, i int) *model.Factsheet {
	c := countries[i%len(countries)]
	f.Country = model.Country{Code: c[0], Name: c[1]}
	f.Title = "POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN " + strings.ToUpper(c[1])
	gov := f.Sections["governance"].Questions
	switch {
	case i%5 == 1: // placeholder text
		gov["ministry_unit"].Comments = "TBD - ask the ministry"
	case i%7 == 2: // a promise past due
		gov["national_board"].Comments += " A new board will be set up by the end of June 2025."
	case i%11 == 3: // a footnote reference without definition
		gov["public_agency"].Comments += " [^99]"
	}
	return f
}
