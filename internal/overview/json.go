package overview

import (
	"encoding/json"
	"io"
)

// SchemaURL is the $id of the JSON Schema the JSON format follows
// (schema/overview.schema.json, printed by `factsheet schema overview`).
const SchemaURL = "https://raw.githubusercontent.com/ecanplus/factsheet/main/schema/overview.schema.json"

type jsonOverview struct {
	Schema     string         `json:"$schema"`
	Title      string         `json:"title"`
	Today      string         `json:"today"`
	Rounds     string         `json:"rounds"`
	Summary    string         `json:"summary"`
	Categories []jsonCategory `json:"categories"`
	Columns    []jsonColumn   `json:"columns"`
	Files      []jsonFile     `json:"files"`
	Items      []jsonItem     `json:"items"`
	Topics     []jsonTopic    `json:"topics,omitempty"`
	Sources    []jsonNumbered `json:"sources,omitempty"`
}

type jsonCategory struct {
	ID      Category `json:"id"`
	Label   string   `json:"label"`
	Meaning string   `json:"meaning"`
}

type jsonCountry struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type jsonColumn struct {
	Country jsonCountry `json:"country"`
	Round   *Round      `json:"round"`
	File    string      `json:"file"`
	Header  string      `json:"header"`
}

type jsonCompleteness struct {
	Answered int `json:"answered"`
	Items    int `json:"items"`
	Percent  int `json:"percent"`
}

type jsonCounts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

type jsonFile struct {
	File         string            `json:"file"`
	Form         string            `json:"form"`
	State        State             `json:"state"`
	Note         string            `json:"note,omitempty"`
	Other        string            `json:"other,omitempty"`
	Country      *jsonCountry      `json:"country"`
	Template     string            `json:"template"`
	Round        *Round            `json:"round"`
	LastReview   *Review           `json:"last_review"`
	Completeness *jsonCompleteness `json:"completeness"`
	Findings     jsonCounts        `json:"findings"`
	PastDue      int               `json:"past_due"`
	Errors       []Problem         `json:"errors"`
}

type jsonItem struct {
	ID      string      `json:"id"`
	Kind    ItemKind    `json:"kind"`
	Chapter int         `json:"chapter"`
	Heading string      `json:"chapter_heading"`
	Table   int         `json:"table"`
	Caption string      `json:"table_caption"`
	Label   string      `json:"label"`
	Values  []jsonValue `json:"values"`
}

type jsonValue struct {
	Present  bool     `json:"present"`
	Answer   string   `json:"answer"`
	Comment  string   `json:"comment"`
	Category Category `json:"category"`
	Sources  []Source `json:"sources"`
	Position Position `json:"position"`
}

type jsonTopic struct {
	Item       string          `json:"item"`
	Label      string          `json:"label"`
	Paragraphs []jsonParagraph `json:"paragraphs"`
}

type jsonParagraph struct {
	Column int    `json:"column"`
	Name   string `json:"name"`
	Text   string `json:"text"`
}

type jsonNumbered struct {
	N int `json:"n"`
	Source
}

// WriteJSON writes everything the overview holds as one JSON document
// (schema/overview.schema.json): the categories, the columns, every file
// read with its status, and every item with one value per column (the
// values are aligned with "columns"). Text is as written (Markdown). With
// items chosen (--item) it adds the by-topic text and its numbered
// sources.
func WriteJSON(w io.Writer, ov *Overview) error {
	out := jsonOverview{Schema: SchemaURL, Title: ov.Title, Today: ov.Today.String(), Rounds: "latest", Summary: ov.Summary(),
		Categories: []jsonCategory{}, Columns: []jsonColumn{}, Files: []jsonFile{}, Items: []jsonItem{}}
	if ov.AllRounds {
		out.Rounds = "all"
	}
	for _, c := range Categories {
		out.Categories = append(out.Categories, jsonCategory{c, c.Label(), c.Meaning()})
	}
	for _, c := range ov.Columns {
		out.Columns = append(out.Columns, jsonColumn{Country: jsonCountry{c.File.Code, c.File.Country}, Round: c.File.Round, File: c.File.Name, Header: c.Header()})
	}
	for _, f := range ov.Files {
		jf := jsonFile{File: f.Name, Form: f.Form, State: f.State, Note: f.Note, Other: f.Other, Template: f.Template,
			Round: f.Round, LastReview: f.LastReview, PastDue: f.PastDue, Errors: f.Errors,
			Findings: jsonCounts{f.Counts.Errors, f.Counts.Warnings, f.Counts.Infos}}
		if jf.Errors == nil {
			jf.Errors = []Problem{}
		}
		if f.Code != "" || f.Country != "" {
			jf.Country = &jsonCountry{f.Code, f.Country}
		}
		if f.Total > 0 {
			jf.Completeness = &jsonCompleteness{f.Answered, f.Total, f.Completeness()}
		}
		out.Files = append(out.Files, jf)
	}
	for i, it := range ov.Items {
		ji := jsonItem{ID: it.ID, Kind: it.Kind, Chapter: it.Chapter.Number, Heading: it.Chapter.Heading,
			Table: it.Table.Number, Caption: it.Table.Caption, Label: it.Label(), Values: []jsonValue{}}
		for j := range ov.Columns {
			v := ov.Value(i, j)
			jv := jsonValue{Present: v.Present, Answer: v.Answer, Comment: v.Comment, Category: v.Category, Sources: v.Sources, Position: v.Pos}
			if jv.Sources == nil {
				jv.Sources = []Source{}
			}
			ji.Values = append(ji.Values, jv)
		}
		out.Items = append(out.Items, ji)
	}
	if ov.Selected {
		topics, sources := ov.Topics()
		out.Topics, out.Sources = []jsonTopic{}, []jsonNumbered{}
		for _, t := range topics {
			jt := jsonTopic{Item: t.Item.ID, Label: t.Item.Label(), Paragraphs: []jsonParagraph{}}
			for j, p := range t.Paragraphs {
				jt.Paragraphs = append(jt.Paragraphs, jsonParagraph{Column: j, Name: ov.ColumnName(p.Column), Text: p.Sentence()})
			}
			out.Topics = append(out.Topics, jt)
		}
		for _, s := range sources {
			out.Sources = append(out.Sources, jsonNumbered(s))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
