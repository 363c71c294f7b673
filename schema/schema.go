// Package schema embeds the JSON Schemas (draft 2020-12) of the factsheet
// and of the tool's own files and outputs, so the binary validates without
// network access and `factsheet schema` can hand them to editors and other
// tools. The template schema (ecan-plus-2025.schema.json) is generated from
// internal/template: run `go test ./internal/template -update` after changing
// the template.
package schema

import (
	"embed"
	"io/fs"
	"sort"
)

// Base is the absolute URL every schema's $id starts with. Relative $refs
// between the files resolve against it.
const Base = "https://raw.githubusercontent.com/ecanplus/factsheet/main/schema/"

// Root is the file name of the factsheet's root schema.
const Root = "factsheet.schema.json"

//go:embed *.schema.json
var files embed.FS

// Names lists the embedded schema files, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// File returns the content of an embedded schema file.
func File(name string) ([]byte, bool) {
	b, err := files.ReadFile(name)
	return b, err == nil
}
