package document

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/country"
	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
)

// result builds the JSON-shaped value (the same shape as the YAML form) and
// its source map from what the importer collected.
func (im *importer) result() decode.Result {
	if im.landmarks == 0 {
		msg := "this is not a factsheet document: it has no title (# POLICY MAPPING ON eHEALTH ...), no chapter headings (## 1 DEFINITIONS), no table captions (Table 1 : ...) and no tab-separated table rows"
		if strings.TrimSpace(im.f.Text) == "" {
			return decode.Result{State: decode.Failed, Map: im.m, Findings: []finding.Finding{{
				Rule: decode.RuleEmpty, Severity: finding.Error,
				Location: finding.Location{File: im.f.Name, Line: 1, Column: 1}, Message: "the file is empty",
			}}}
		}
		return decode.Result{State: decode.Failed, Map: im.m, Findings: []finding.Finding{{
			Rule: RuleNotFactsheet, Severity: finding.Error,
			Location: finding.Location{File: im.f.Name, Line: 1, Column: 1}, Message: msg,
		}}}
	}
	root := map[string]any{"template": im.tpl.Version}
	im.m.Set("", source.Span{Line: 1, Col: 1, EndLine: im.f.Lines()})
	titleLine := max(im.titleLine, 1)
	im.m.Set("/template", source.Span{Line: titleLine, Col: 1, KeyLine: titleLine, KeyCol: 1})
	if im.titleText != "" {
		root["title"] = im.titleText
		im.set("/title", im.titleLine, im.titleCol, im.titleLine)
	}
	if len(im.intro) > 0 {
		// Footnote references are <sup>N</sup> in the document's prose.
		root["introduction"] = richtext.SupToRefs(strings.Join(im.intro, "\n\n"))
		im.set("/introduction", im.introLine, 1, im.introEnd)
	}
	if im.contact != "" {
		root["contact"] = im.contact
		im.set("/contact", im.contactLine, im.contactCol, im.contactLine)
	}
	root["country"] = im.countryValue()
	root["rounds"] = im.roundsValue()
	for _, tb := range im.tpl.Tables() {
		if s := im.sections[tb.Section]; s != nil {
			root[tb.Section] = im.sectionValue(tb, s)
		}
	}
	if len(im.footnotes) > 0 {
		root["footnotes"] = im.footnotesValue()
	}
	if len(im.wording) > 0 {
		w := map[string]any{}
		for id, text := range im.wording {
			w[id] = text
			line := im.wordingLine(id)
			im.set(model.WordingPtr(id), line, 1, line)
		}
		root["wording"] = w
	}
	return decode.Result{Value: root, Map: im.m, Findings: im.fs}
}

func (im *importer) set(ptr string, line, col, end int, more ...int) {
	im.m.Set(ptr, source.Span{Line: line, Col: col, KeyLine: line, KeyCol: col, EndLine: end, More: more})
}

func (im *importer) countryValue() map[string]any {
	c := map[string]any{}
	name := im.countryName
	line, col := im.countryLine, im.countryCol
	if name == "" && im.titleText != "" {
		// No caption: the title ends with "IN <COUNTRY>".
		if i := strings.LastIndex(strings.ToUpper(im.titleText), " IN "); i >= 0 {
			cand := strings.TrimSpace(im.titleText[i+4:])
			if code, ok := country.Code(cand); ok {
				name, _ = country.Name(code)
				line, col = im.titleLine, im.titleCol+i+4
			}
		}
	}
	if name == "" {
		return c
	}
	c["name"] = name
	im.set("/country", line, col, line)
	im.set("/country/name", line, col, line)
	if code, ok := country.Code(name); ok {
		c["code"] = code
		im.set("/country/code", line, col, line)
	} else {
		im.add(RuleCountry, finding.Error, line, col, "/country/code",
			fmt.Sprintf("cannot tell the ISO 3166-1 code of %q from the document; check the country name in the table captions", name))
	}
	return c
}

func (im *importer) roundsValue() []any {
	out := []any{}
	for i, r := range im.rounds {
		ptr := model.RoundPtr(i)
		cs := []any{}
		for j, c := range r.contributors {
			cm := map[string]any{"name": c.Name}
			for k, v := range map[string]string{"role": c.Role, "organisation": c.Organisation, "country": c.Country} {
				if v != "" {
					cm[k] = v
				}
			}
			cs = append(cs, cm)
			l := r.contribLines[j]
			im.set(ptr+"/contributors/"+strconv.Itoa(j), l, r.contribColumns[j], l)
			im.set(ptr+"/contributors/"+strconv.Itoa(j)+"/name", l, r.contribColumns[j], l)
		}
		rm := map[string]any{"kind": r.kind, "contributors": cs}
		if r.date != "" {
			rm["date"] = r.date
		}
		out = append(out, rm)
		end := r.line
		if n := len(r.contribLines); n > 0 {
			end = r.contribLines[n-1]
		}
		im.set(ptr, r.line, 1, end)
		im.set(ptr+"/kind", r.line, 1, r.line)
		im.set(ptr+"/date", r.line, r.dateCol, r.line)
		im.set(ptr+"/contributors", r.line, 1, end)
	}
	if len(im.rounds) > 0 {
		im.set("/rounds", im.rounds[0].line, 1, im.rounds[len(im.rounds)-1].line)
	}
	return out
}

func (im *importer) sectionValue(tb *template.Table, s *sectionState) map[string]any {
	items := map[string]any{}
	sec := map[string]any{tb.ItemsKey(): items}
	ptr := model.SectionPtr(tb.Section)
	im.set(ptr, s.captionLine, 1, s.captionLine)
	headerLine := s.headerLine
	if headerLine == 0 {
		headerLine = s.captionLine
	}
	im.set(ptr+"/"+tb.ItemsKey(), headerLine, 1, headerLine)
	for _, r := range im.rowOrder {
		if r.table != tb {
			continue
		}
		im.rowValue(tb, r, items)
	}
	if s.hasFurther {
		fi := []any{}
		for i, it := range s.further {
			fi = append(fi, richtext.SupToRefs(unescapeLandmarks(strings.TrimRight(it.text, " \t"))))
			im.set(model.FurtherPtr(tb.Section, i), it.line, it.col, it.endLine)
		}
		sec["further_information"] = fi
		im.set(ptr+"/further_information", s.furtherLine, s.furtherCl, s.furtherLine)
	}
	return sec
}

// fields names the cells after the label, per kind of table.
func fields(tb *template.Table) []string {
	switch tb.Kind {
	case template.Terms:
		return []string{"definition", "deviation"}
	case template.Matrix:
		ids := make([]string, len(tb.Types))
		for i, t := range tb.Types {
			ids[i] = t.ID
		}
		return ids
	default:
		return []string{"answer", "comments"}
	}
}

func (im *importer) rowValue(tb *template.Table, r *row, items map[string]any) {
	ptr := model.ItemPtr(tb, r.id)
	v := map[string]any{}
	var all []int
	for i, name := range fields(tb) {
		c := i + 1
		if c >= len(r.cells) {
			continue
		}
		text, flattened := richtext.FromHTMLChecked(r.cells[c])
		if flattened {
			im.add(decode.RuleLimit, finding.Error, r.line, r.cols[c], ptr+"/"+name,
				fmt.Sprintf("lists nested deeper than %d levels in this cell; the deeper items are read as items of level %d", richtext.MaxListDepth, richtext.MaxListDepth))
		}
		if name == "comments" && text == "" {
			continue
		}
		v[name] = text
		im.set(ptr+"/"+name, r.line, r.cols[c], r.line, r.more[c]...)
		all = append(all, r.more[c]...)
	}
	items[r.id] = v
	im.set(ptr, r.line, 1, r.line, all...)
}

func (im *importer) footnotesValue() []any {
	out := []any{}
	for i, fn := range im.footnotes {
		// A definition whose text starts on the next line has a blank first
		// line, which writing the document drops (see lines in render.go).
		text := unescapeLandmarks(strings.TrimRight(fn.text.text, " \t"))
		if first, rest, ok := strings.Cut(text, "\n"); ok && strings.TrimSpace(first) == "" {
			text = rest
		}
		out = append(out, map[string]any{"label": fn.label, "text": text})
		ptr := model.FootnotePtr(i)
		im.set(ptr, fn.line, 1, fn.text.endLine)
		im.set(ptr+"/label", fn.line, fn.labelCol, fn.line)
		im.set(ptr+"/text", fn.line, fn.text.col, fn.text.endLine)
	}
	return out
}

// wordingLine is where a label with drifted wording was read: its row, or
// the Table 5 header for a column label.
func (im *importer) wordingLine(id string) int {
	if r, ok := im.rows[id]; ok {
		return r.line
	}
	if s := im.sections["solutions"]; s != nil {
		return s.headerLine
	}
	return 1
}
