package validation

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/schema"
)

var update = flag.Bool("update", false, "rewrite schema/lean/")

// annotations are the keywords that never change a verdict; so are the
// x- keywords (a template's x-factsheet- annotations).
var annotations = map[string]bool{"title": true, "description": true, "examples": true, "$comment": true, "default": true}

func strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if annotations[k] || strings.HasPrefix(k, "x-") {
				continue
			}
			// Property names are data, not keywords: keep every one.
			if k == "properties" || k == "$defs" {
				m := map[string]any{}
				for name, sub := range e.(map[string]any) {
					m[name] = strip(sub)
				}
				out[k] = m
				continue
			}
			out[k] = strip(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = strip(e)
		}
		return out
	}
	return v
}

// TestLeanSchemasUpToDate keeps schema/lean/ equal to the published schemas
// without their annotations.
func TestLeanSchemasUpToDate(t *testing.T) {
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(strip(v))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		path := filepath.Join("..", "..", "schema", "lean", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, _ := schema.Lean(name)
		if !bytes.Equal(got, want) {
			t.Errorf("schema/lean/%s is out of date: run go test ./internal/validation -update", name)
		}
	}
}
