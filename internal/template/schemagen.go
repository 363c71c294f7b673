package template

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ecanplus/factsheet/schema"
)

// SchemaBase is the URL under which the schemas are published (see schema.Base).
const SchemaBase = schema.Base

// SchemaFile is the file name of the generated schema of this template.
func (t *Template) SchemaFile() string { return t.Version + ".schema.json" }

// Schema renders the JSON Schema (draft 2020-12) of the template's sections:
// one $def per table, with every stable ID as a property whose title and
// description carry the canonical wording (editors show them on hover), and a
// $def for the `wording` map that records drifted wording. The root schema
// (schema/factsheet.schema.json) refers to these $defs. The output is
// deterministic: a test compares it with the checked-in file.
func (t *Template) Schema() []byte {
	defs := obj{}
	for _, c := range t.Chapters {
		for _, tb := range c.Tables {
			defs = append(defs, kv{tb.Section, t.sectionSchema(c, tb)})
		}
	}
	defs = append(defs, kv{"wording", t.wordingSchema()})
	root := obj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaBase + t.SchemaFile()},
		{"title", "eCAN factsheet template " + t.Version},
		{"description", "The tables of the " + t.Version + " template: every term, question, Table 5 area and solution type with its stable ID and canonical wording. Generated from internal/template; do not edit by hand."},
		{"$defs", defs},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(err) // only strings and nested obj: cannot fail
	}
	return buf.Bytes()
}

func (t *Template) sectionSchema(c *Chapter, tb *Table) obj {
	title := fmt.Sprintf("Chapter %d %s, Table %d: %s", c.Number, c.Heading, tb.Number, tb.Caption)
	items := obj{}
	var required []string
	for _, it := range tb.Items {
		required = append(required, it.ID)
		switch tb.Kind {
		case Terms:
			items = append(items, kv{it.ID, obj{
				{"$ref", "defs.schema.json#/$defs/term"},
				{"title", it.Wording},
				{"description", fmt.Sprintf("Term %q (ID %s): the international definition used and how the country deviates from it.", it.Wording, tb.ID(it.ID))},
			}})
		case Questions:
			items = append(items, kv{it.ID, obj{
				{"$ref", "defs.schema.json#/$defs/" + questionDef(it.Vocabulary)},
				{"title", it.Wording},
				{"description", questionDescription(tb, it)},
			}})
		case Matrix:
			items = append(items, kv{it.ID, t.areaSchema(tb, it)})
		}
	}
	return obj{
		{"title", title},
		{"type", "object"},
		{"properties", obj{
			{tb.ItemsKey(), obj{
				{"title", strings.ToUpper(tb.ItemsKey()[:1]) + tb.ItemsKey()[1:] + " of Table " + fmt.Sprint(tb.Number)},
				{"type", "object"},
				{"properties", items},
				{"required", required},
				{"additionalProperties", false},
			}},
			{"further_information", obj{{"$ref", "defs.schema.json#/$defs/furtherInformation"}}},
		}},
		{"required", []string{tb.ItemsKey()}},
		{"additionalProperties", false},
	}
}

func (t *Template) areaSchema(tb *Table, area Item) obj {
	cells := obj{}
	var required []string
	for _, typ := range tb.Types {
		required = append(required, typ.ID)
		cells = append(cells, kv{typ.ID, obj{
			{"$ref", "defs.schema.json#/$defs/richText"},
			{"title", area.Wording + " × " + typ.Wording},
			{"description", fmt.Sprintf("Table 5 cell %s: solutions of type %q in the area %q. \"-\" when there are none.", tb.CellID(area.ID, typ.ID), typ.Wording, area.Wording)},
		}})
	}
	return obj{
		{"title", area.Wording},
		{"description", fmt.Sprintf("Table 5 area %q (ID %s): one cell per solution type.", area.Wording, tb.ID(area.ID))},
		{"type", "object"},
		{"properties", cells},
		{"required", required},
		{"additionalProperties", false},
	}
}

func (t *Template) wordingSchema() obj {
	props := obj{}
	for _, tb := range t.Tables() {
		for _, it := range tb.Items {
			props = append(props, kv{tb.ID(it.ID), obj{
				{"type", "string"},
				{"description", "As written in the document, where it differs from the template's: " + it.Wording},
			}})
		}
		for _, typ := range tb.Types {
			props = append(props, kv{tb.ID(typ.ID), obj{
				{"type", "string"},
				{"description", "Table 5 column label as written in the document, where it differs from the template's: " + typ.Wording},
			}})
		}
	}
	return obj{
		{"title", "Wording as written"},
		{"description", "Row and column labels whose wording in the source document differs from the template's, keyed by stable ID. Kept so that converting a document to YAML and back loses nothing; the linter reports each entry (template-wording-drift)."},
		{"type", "object"},
		{"properties", props},
		{"additionalProperties", false},
	}
}

func questionDef(v Vocabulary) string {
	switch v {
	case YesNo:
		return "yesNoQuestion"
	case Extent:
		return "extentQuestion"
	default:
		return "question"
	}
}

func questionDescription(tb *Table, it Item) string {
	s := fmt.Sprintf("Question %s: %s", tb.ID(it.ID), it.Wording)
	switch it.Vocabulary {
	case YesNo:
		s += " Answer: Yes, No, N/A, or a graded yes (\"Yes, some\", \"Partially\")."
	case Extent:
		s += " Answer: Several, Some, All, None or N/A; name them in the comments."
	}
	if it.DependsOn != "" {
		cond := "yes"
		if it.Condition == IfNo {
			cond = "no"
		}
		s += fmt.Sprintf(" Applies when %s is answered %s; otherwise N/A.", tb.ID(it.DependsOn), cond)
	}
	return s
}

// obj is a JSON object that keeps its keys in the order written, so the
// generated schema reads in template order.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshalNoEscape(p.k)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshalNoEscape(p.v)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
