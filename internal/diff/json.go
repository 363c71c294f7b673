package diff

import (
	"encoding/json"
	"io"
)

// SchemaURL is the $id of the JSON Schema the JSON format follows
// (schema/diff.schema.json, printed by `factsheet schema diff`).
const SchemaURL = "https://raw.githubusercontent.com/ecanplus/factsheet/main/schema/diff.schema.json"

type jsonResult struct {
	Old        string         `json:"old"`
	New        string         `json:"new"`
	Summary    jsonSummary    `json:"summary"`
	Renumbered []jsonRenumber `json:"renumbered"`
	Respelled  int            `json:"respelled,omitempty"`
	Templates  *jsonTemplates `json:"templates,omitempty"`
	Changes    []jsonChange   `json:"changes"`
}

type jsonCounts struct {
	Total          int `json:"total"`
	Added          int `json:"added"`
	Removed        int `json:"removed"`
	Changed        int `json:"changed"`
	AnswersChanged int `json:"answers_changed"`
}

type jsonSummary struct {
	jsonCounts
	Groups []jsonGroup `json:"groups"`
}

type jsonGroup struct {
	Group   string `json:"group"`
	Title   string `json:"title"`
	Chapter int    `json:"chapter,omitempty"`
	jsonCounts
}

type jsonRenumber struct {
	OldFirst string `json:"old_first"`
	OldLast  string `json:"old_last"`
	NewFirst string `json:"new_first"`
	NewLast  string `json:"new_last"`
	Count    int    `json:"count"`
	Note     string `json:"note"`
}

type jsonChange struct {
	Kind    Kind     `json:"kind"`
	Path    []string `json:"path"`
	ID      string   `json:"id"`
	Field   string   `json:"field,omitempty"`
	Old     *any     `json:"old,omitempty"`
	New     *any     `json:"new,omitempty"`
	Group   string   `json:"group"`
	Chapter int      `json:"chapter,omitempty"`
	CitedIn []string `json:"cited_in,omitempty"`
}

func counts(c Counts, answers int) jsonCounts {
	return jsonCounts{Total: c.Total(), Added: c.Added, Removed: c.Removed, Changed: c.Changed, AnswersChanged: answers}
}

// JSONValue returns the JSON form of a result, as WriteJSON writes it.
func JSONValue(r *Result) any {
	out := jsonResult{
		Old: r.Old, New: r.New,
		Summary:    jsonSummary{jsonCounts: counts(r.Summary.Counts, r.Summary.Answers), Groups: []jsonGroup{}},
		Renumbered: []jsonRenumber{},
		Respelled:  r.Respelled,
		Templates:  jsonTemplatesOf(r.Templates),
		Changes:    []jsonChange{},
	}
	for _, g := range r.Summary.Groups {
		out.Summary.Groups = append(out.Summary.Groups, jsonGroup{Group: g.Key, Title: g.Title, Chapter: g.Chapter, jsonCounts: counts(g.Counts, g.Answers)})
	}
	for _, n := range r.Renumbered {
		out.Renumbered = append(out.Renumbered, jsonRenumber(n))
	}
	for _, c := range r.Changes {
		jc := jsonChange{Kind: c.Kind, Path: c.Path, ID: c.ID, Field: c.Field, Group: c.Group, Chapter: c.Chapter, CitedIn: c.CitedIn}
		if c.Kind != Added {
			v := c.Old
			jc.Old = &v
		}
		if c.Kind != Removed {
			v := c.New
			jc.New = &v
		}
		out.Changes = append(out.Changes, jc)
	}
	return out
}

// WriteJSON writes the result as JSON (schema/diff.schema.json): the two
// file names, the summary, the renumbering notes and the changes in
// document order. "old" is absent for an added part, "new" for a removed
// one.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(JSONValue(r))
}

// jsonTemplates is the template change of two versions on different
// templates.
type jsonTemplates struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	OnlyOld []string `json:"only_old"`
	OnlyNew []string `json:"only_new"`
}

func jsonTemplatesOf(t *TemplateChange) *jsonTemplates {
	if t == nil {
		return nil
	}
	j := &jsonTemplates{Old: t.Old, New: t.New, OnlyOld: t.OnlyOld, OnlyNew: t.OnlyNew}
	if j.OnlyOld == nil {
		j.OnlyOld = []string{}
	}
	if j.OnlyNew == nil {
		j.OnlyNew = []string{}
	}
	return j
}
