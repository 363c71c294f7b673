// Package encode writes a factsheet as YAML or JSON in a stable order: the
// template's order for rows, a fixed order for fields. Both writers walk the
// same ordered tree, so the two forms never drift apart, and writing the
// same model twice gives the same bytes.
package encode

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/schema"
)

// node is an ordered JSON-shaped value: an object (keys set), a list
// (items set) or a scalar (string, integer label).
type node struct {
	keys   []string
	vals   []*node
	items  []*node
	isList bool
	str    *string
	num    string // an integer written as a number (footnote labels)
}

func obj() *node { return &node{} }

func (n *node) set(k string, v *node) *node {
	if v != nil {
		n.keys = append(n.keys, k)
		n.vals = append(n.vals, v)
	}
	return n
}

func text(s string) *node { return &node{str: &s} }

// opt is a string member that is left out when empty.
func opt(s string) *node {
	if s == "" {
		return nil
	}
	return text(s)
}

func list(items []*node) *node { return &node{items: items, isList: true} }

// tree builds the ordered tree of a factsheet.
func tree(f *model.Factsheet) *node {
	tpl := f.TemplateOrDefault()
	root := obj()
	root.set("template", text(f.Template))
	root.set("country", obj().set("code", text(f.Country.Code)).set("name", text(f.Country.Name)))
	root.set("title", text(f.Title))
	root.set("introduction", opt(f.Introduction))
	root.set("contact", opt(f.Contact))
	rounds := []*node{}
	for _, r := range f.Rounds {
		cs := []*node{}
		for _, c := range r.Contributors {
			cs = append(cs, obj().set("name", text(c.Name)).set("role", opt(c.Role)).
				set("organisation", opt(c.Organisation)).set("country", opt(c.Country)))
		}
		rounds = append(rounds, obj().set("kind", text(r.Kind)).set("date", text(r.Date)).set("contributors", list(cs)))
	}
	root.set("rounds", list(rounds))
	for _, tb := range tpl.Tables() {
		s := f.Sections[tb.Section]
		if s == nil {
			continue
		}
		root.set(tb.Section, section(tb, s))
	}
	if len(f.Footnotes) > 0 {
		fns := []*node{}
		for _, fn := range f.Footnotes {
			fns = append(fns, obj().set("label", labelNode(fn.Label)).set("text", text(fn.Text)))
		}
		root.set("footnotes", list(fns))
	}
	if len(f.Wording) > 0 {
		w := obj()
		for _, id := range wordingOrder(tpl, f.Wording) {
			w.set(id, text(f.Wording[id]))
		}
		root.set("wording", w)
	}
	return root
}

func section(tb *template.Table, s *model.Section) *node {
	items := obj()
	switch tb.Kind {
	case template.Terms:
		for _, id := range order(tb.Items, keys(s.Terms)) {
			t := s.Terms[id]
			items.set(id, obj().set("definition", text(t.Definition)).set("deviation", text(t.Deviation)))
		}
	case template.Questions:
		for _, id := range order(tb.Items, keys(s.Questions)) {
			q := s.Questions[id]
			items.set(id, obj().set("answer", text(q.Answer)).set("comments", opt(q.Comments)))
		}
	case template.Matrix:
		for _, area := range order(tb.Items, keys(s.Cells)) {
			row := obj()
			for _, typ := range order(tb.Types, keys(s.Cells[area])) {
				row.set(typ, text(s.Cells[area][typ]))
			}
			items.set(area, row)
		}
	}
	n := obj().set(tb.ItemsKey(), items)
	if s.FurtherInformation != nil {
		fi := []*node{}
		for _, x := range s.FurtherInformation {
			fi = append(fi, text(x))
		}
		n.set("further_information", list(fi))
	}
	return n
}

func labelNode(l string) *node {
	if _, err := strconv.Atoi(l); err == nil && (l == "0" || !strings.HasPrefix(l, "0")) {
		return &node{num: l}
	}
	return text(l)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// order lists the template items present in have, in template order; IDs the
// template does not know (a factsheet with schema errors) come last, sorted.
func order(items []template.Item, have []string) []string {
	set := map[string]bool{}
	for _, h := range have {
		set[h] = true
	}
	var out []string
	for _, it := range items {
		if set[it.ID] {
			out = append(out, it.ID)
			delete(set, it.ID)
		}
	}
	return append(out, sorted(set)...)
}

func wordingOrder(tpl *template.Template, w map[string]string) []string {
	set := map[string]bool{}
	for k := range w {
		set[k] = true
	}
	var out []string
	for _, tb := range tpl.Tables() {
		for _, it := range append(append([]template.Item{}, tb.Items...), tb.Types...) {
			if id := tb.ID(it.ID); set[id] {
				out = append(out, id)
				delete(set, id)
			}
		}
	}
	return append(out, sorted(set)...)
}

func sorted(set map[string]bool) []string {
	return slices.Sorted(maps.Keys(set))
}

// SchemaURL is the URL the YAML modeline points editors at.
func SchemaURL() string { return schema.Base + schema.Root }

// YAML writes the factsheet as YAML: a yaml-language-server modeline first
// (live validation and hover help in editors), two-space indentation, long
// or multi-line text as literal block scalars.
//
// A factsheet of a repository's template points editors at the template's
// own $id; without one (or with a built-in template's, as a copy keeps
// it), there is no modeline rather than one that would report every
// difference from the built-in template as an error.
func YAML(f *model.Factsheet) []byte {
	var buf bytes.Buffer
	switch t := f.Tpl; {
	case t == nil || t.Builtin:
		buf.WriteString("# yaml-language-server: $schema=" + SchemaURL() + "\n")
	case t.ID != "" && !strings.HasPrefix(t.ID, schema.Base):
		buf.WriteString("# yaml-language-server: $schema=" + t.ID + "\n")
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(withSuppressions(yamlNode(tree(f)), f.Suppressions)); err != nil {
		panic("encode: " + err.Error()) // a tree of strings and maps cannot fail to encode
	}
	_ = enc.Close()
	return buf.Bytes()
}

var yaml11Special = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true,
}

// blockWidth is the length above which single-line text is written as a
// block scalar, so long comments read as paragraphs in an editor.
const blockWidth = 80

func yamlNode(n *node) *yaml.Node {
	switch {
	case n.str != nil:
		y := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: *n.str}
		switch {
		case strings.Contains(*n.str, "\n") || len(*n.str) > blockWidth:
			y.Style = yaml.LiteralStyle
		case yaml11Special[strings.ToLower(*n.str)]:
			// Yes/No/On/Off are booleans to YAML 1.1 readers (PyYAML, older
			// editors); quoting keeps "Yes" an answer everywhere.
			y.Style = yaml.DoubleQuotedStyle
		}
		return y
	case n.num != "":
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: n.num}
	case n.isList:
		y := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range n.items {
			y.Content = append(y.Content, yamlNode(it))
		}
		return y
	default:
		y := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for i, k := range n.keys {
			y.Content = append(y.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, yamlNode(n.vals[i]))
		}
		return y
	}
}

// JSON writes the factsheet as indented JSON, without HTML escaping (the
// text is Markdown, and "<" must stay readable).
func JSON(f *model.Factsheet) []byte {
	var buf bytes.Buffer
	writeJSON(&buf, tree(f), "")
	buf.WriteByte('\n')
	return buf.Bytes()
}

func writeJSON(buf *bytes.Buffer, n *node, indent string) {
	in := indent + "  "
	switch {
	case n.str != nil:
		buf.Write(jsonString(*n.str))
	case n.num != "":
		buf.WriteString(n.num)
	case n.isList:
		if len(n.items) == 0 {
			buf.WriteString("[]")
			return
		}
		buf.WriteString("[\n")
		for i, it := range n.items {
			buf.WriteString(in)
			writeJSON(buf, it, in)
			if i < len(n.items)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	default:
		if len(n.keys) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteString("{\n")
		for i, k := range n.keys {
			buf.WriteString(in)
			buf.Write(jsonString(k))
			buf.WriteString(": ")
			writeJSON(buf, n.vals[i], in)
			if i < len(n.keys)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	}
}

func jsonString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// withSuppressions writes the inline suppressions as comments on the line
// above the value each is on: a member's key, a list element. A value the
// YAML does not hold (an empty comment is left out) gets its suppressions
// on the nearest value that holds it, which covers it; a detached
// suppression goes at the top of the file, after a blank line, on no value,
// as it was.
func withSuppressions(root *yaml.Node, sups []model.Suppression) *yaml.Node {
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	if len(sups) == 0 {
		return doc
	}
	at := map[string]*yaml.Node{} // pointer -> the node its comment goes on
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				child := ptr + "/" + source.Escape(n.Content[i].Value)
				at[child] = n.Content[i]
				walk(n.Content[i+1], child)
			}
		case yaml.SequenceNode:
			for i, it := range n.Content {
				child := ptr + "/" + strconv.Itoa(i)
				at[child] = it
				walk(it, child)
			}
		}
	}
	walk(root, "")
	add := func(n *yaml.Node, s model.Suppression) {
		if n.HeadComment != "" {
			n.HeadComment += "\n"
		}
		n.HeadComment += "# " + s.Directive()
	}
	for _, s := range sups {
		if s.Detached {
			add(doc, s)
			continue
		}
		ptr := s.Pointer
		for at[ptr] == nil && ptr != "" {
			ptr = ptr[:strings.LastIndexByte(ptr, '/')]
		}
		if n := at[ptr]; n != nil {
			add(n, s)
		} else {
			add(doc, s) // on the whole factsheet: nowhere a comment can say so
		}
	}
	return doc
}
