package output

import (
	"encoding/json"
	"io"

	"github.com/ecanplus/factsheet/internal/finding"
)

// JSON prints one JSON object for the whole run:
//
//	{"findings": [{"rule": ..., "severity": ..., "file": ..., "line": ..., "column": ...,
//	  "pointer": ..., "message": ..., "hint": ..., "related": [...]}],
//	 "summary": {"files": 1, "errors": 0, "warnings": 0, "infos": 0}}
//
// Its shape is described by schema/findings.schema.json. "findings" is
// always an array, never null.
type JSON struct {
	w        io.Writer
	findings []finding.Finding
}

// NewJSON returns the JSON printer.
func NewJSON(w io.Writer, _ Options) *JSON {
	return &JSON{w: w, findings: []finding.Finding{}}
}

// File collects the findings of one file.
func (j *JSON) File(r Report) error {
	j.findings = append(j.findings, r.Findings...)
	return nil
}

type jsonSummary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Flush writes the object.
func (j *JSON) Flush(s Summary) error {
	enc := json.NewEncoder(j.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Findings []finding.Finding `json:"findings"`
		Summary  jsonSummary       `json:"summary"`
	}{j.findings, jsonSummary{s.Files, s.Counts.Errors, s.Counts.Warnings, s.Counts.Infos}})
}
