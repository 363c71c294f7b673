// Package bundle turns a root schema and the schemas it refers to into one
// JSON Schema document: a draft 2020-12 compound document, with each
// referenced schema embedded under $defs with its own $id. Validators
// resolve the references to the embedded resources without fetching
// anything, so other tools (and editors offline) can use a single file.
package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/ecanplus/factsheet/schema"
)

// Schema returns the bundle of an embedded root schema.
func Schema(root string) ([]byte, error) {
	docs := map[string]map[string]any{}
	if err := collect(root, docs); err != nil {
		return nil, err
	}
	top := docs[root]
	defs, _ := top["$defs"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
	}
	names := make([]string, 0, len(docs))
	for n := range docs {
		if n != root {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		d := docs[n]
		delete(d, "$schema") // embedded resources share the root's dialect
		defs[n] = d
	}
	if len(defs) > 0 {
		top["$defs"] = defs
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// collect decodes name and, recursively, the embedded schemas its $refs name.
func collect(name string, docs map[string]map[string]any) error {
	if _, done := docs[name]; done {
		return nil
	}
	b, ok := schema.File(name)
	if !ok {
		return fmt.Errorf("no embedded schema %q", name)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	docs[name] = doc
	for _, ref := range refs(doc) {
		file, _, _ := strings.Cut(strings.TrimPrefix(ref, schema.Base), "#")
		if file == "" || strings.Contains(file, "://") {
			continue
		}
		if err := collect(file, docs); err != nil {
			return err
		}
	}
	return nil
}

func refs(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if r, ok := x["$ref"].(string); ok {
			out = append(out, r)
		}
		for _, e := range x {
			out = append(out, refs(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, refs(e)...)
		}
	}
	return out
}
