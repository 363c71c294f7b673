package config

import (
	"bytes"
	"encoding/json"

	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/schema"
)

// Schema renders the JSON Schema of .factsheet.yaml. It is generated from
// the rule registry so that editors complete rule names and show each rule's
// summary on hover; a test keeps schema/config.schema.json in step.
func Schema() []byte {
	props := map[string]any{}
	for _, r := range rules.All() {
		levels := []string{Off, "info", "warning", "error"}
		if r.Fatal {
			levels = []string{"error"}
		}
		props[r.ID] = map[string]any{
			"description": r.Summary + " Default: " + r.Severity.String() + ".",
			"enum":        levels,
		}
	}
	date := "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         schema.Base + SchemaFile,
		"title":       "factsheet configuration (.factsheet.yaml)",
		"description": "Project settings of the factsheet linter. Generated from the rule registry; do not edit by hand.",
		"type":        "object",
		"properties": map[string]any{
			"max-age": map[string]any{
				"description": "How old the latest review and \"as of\" statements may be: 12m, 18 months, 1y, 90d (a bare number is months). Default 12m.",
				"type":        []string{"string", "integer"},
				"pattern":     "^[0-9]+ *(m|mo|months?|y|years?|d|days?|w|weeks?)?$",
				"minimum":     0,
			},
			"fix": map[string]any{
				"description": "How lint --fix fixes the files below this configuration (docs/fixing.md).",
				"type":        []string{"object", "null"},
				"properties": map[string]any{
					"unsafe": map[string]any{
						"description": "Apply the unsafe fixes too, as --unsafe-fixes does (they may change what a factsheet says: review the result). Default false.",
						"type":        "boolean",
					},
				},
				"additionalProperties": false,
			},
			"rules": map[string]any{
				"description":          "Severity of each rule: off, info, warning or error. Left empty (only comments), the defaults.",
				"type":                 []string{"object", "null"},
				"properties":           props,
				"additionalProperties": false,
			},
			"ignore": map[string]any{
				"description": "Paths not to check, as globs relative to this file (** crosses directories). Left empty, none.",
				"type":        []string{"array", "null"},
				"items":       map[string]any{"type": "string", "minLength": 1},
			},
			"templates": map[string]any{
				"description": "Templates this repository adds to the built-in ones: JSON Schema files (docs/templates.md), paths relative to this file. Factsheets name one in their template: field. Left empty, none.",
				"type":        []string{"array", "null"},
				"items":       map[string]any{"type": "string", "minLength": 1},
			},
			"waivers": map[string]any{
				"description": "Known findings accepted until a date. Left empty, none.",
				"type":        []string{"array", "null"},
				"items": map[string]any{
					"type": "object",
					"properties": map[string]any{
						"file":     map[string]any{"description": "Files the waiver covers: a glob relative to this file.", "type": "string", "minLength": 1},
						"rule":     map[string]any{"description": "The rule whose findings are waived.", "type": "string", "minLength": 1},
						"pointer":  map[string]any{"description": "Optional: only findings at this JSON pointer or under it (/strategies/questions/national_cancer_plan). Pointers into lists shift when an element is inserted before: prefer item or footnote.", "type": "string", "pattern": "^(/.*)?$"},
						"item":     map[string]any{"description": "Optional: only findings about this item or its parts, by stable ID (governance.national_board, solutions.treatment.telemonitoring, strategies.national_cancer_plan.comments, footnotes); it does not shift when rows move or footnotes are renumbered.", "type": "string", "minLength": 1},
						"footnote": map[string]any{"description": "Optional: only findings about the footnote that cites this source: its address (https://mhealthbelgium.be/), or for a footnote without one its first words; whatever its number.", "type": "string", "minLength": 1},
						"reason":   map[string]any{"description": "Why the finding is accepted; shown to whoever extends the waiver.", "type": "string", "minLength": 1},
						"expires":  map[string]any{"description": "The last day the waiver applies, YYYY-MM-DD; after it the finding is reported again and so is the waiver.", "type": "string", "pattern": date},
					},
					"required":             []string{"file", "rule", "reason", "expires"},
					"additionalProperties": false,
				},
			},
		},
		"additionalProperties": false,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(s) // maps of strings: cannot fail; encoding/json sorts keys
	return buf.Bytes()
}
