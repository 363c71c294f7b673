package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/template"
)

// citations maps each footnote label to the places that reference it, as
// dotted paths in document order ("definitions.mhealth.deviation").
func citations(f *model.Factsheet, tpl *template.Template) map[string][]string {
	out := map[string][]string{}
	add := func(where, body string) {
		if !strings.Contains(body, "[^") {
			return
		}
		for _, r := range richtext.Refs(body) {
			l := out[r.Label]
			if len(l) == 0 || l[len(l)-1] != where {
				out[r.Label] = append(l, where)
			}
		}
	}
	add("introduction", f.Introduction)
	for _, tb := range tpl.Tables() {
		s := f.Sections[tb.Section]
		if s == nil {
			continue
		}
		switch tb.Kind {
		case template.Terms:
			for _, id := range ids(tb.Items, keysOf(s.Terms)) {
				if t := s.Terms[id]; t != nil {
					add(tb.ID(id)+".definition", t.Definition)
					add(tb.ID(id)+".deviation", t.Deviation)
				}
			}
		case template.Questions:
			for _, id := range ids(tb.Items, keysOf(s.Questions)) {
				if q := s.Questions[id]; q != nil {
					add(tb.ID(id)+".answer", q.Answer)
					add(tb.ID(id)+".comments", q.Comments)
				}
			}
		case template.Matrix:
			for _, area := range ids(tb.Items, keysOf(s.Cells)) {
				row := s.Cells[area]
				for _, typ := range ids(tb.Types, keysOf(row)) {
					add(tb.CellID(area, typ), row[typ])
				}
			}
		}
		for i, x := range s.FurtherInformation {
			add(tb.Section+".further_information."+strconv.Itoa(i), x)
		}
	}
	keys := make([]string, 0, len(f.Wording))
	for k := range f.Wording {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add("wording."+k, f.Wording[k])
	}
	for _, fn := range f.Footnotes {
		add("footnotes."+fn.Label, fn.Text)
	}
	return out
}
