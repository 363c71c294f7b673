package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/schema"
)

// TestBundleValidatesAlone: the bundle compiles with nothing else available
// (no other resource, no network) and judges the Belgian factsheet and a
// broken copy as the separate schemas do.
func TestBundleValidatesAlone(t *testing.T) {
	b, err := Schema(schema.Root)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, errors.New("fetch attempted: " + u) }
	if err := c.AddResource("bundle.json", bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("bundle.json")
	if err != nil {
		t.Fatalf("the bundle does not compile alone: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := source.Decode("BE.yaml", raw)
	v := decode.YAML(f).Value
	if err := s.Validate(v); err != nil {
		t.Errorf("BE.yaml fails the bundle: %v", err)
	}
	v.(map[string]any)["governance"].(map[string]any)["questions"].(map[string]any)["national_board"] = map[string]any{"answr": "Yes"}
	if err := s.Validate(v); err == nil {
		t.Errorf("a broken factsheet passes the bundle")
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"defs.schema.json", "ecan-plus-2025.schema.json"} {
		if _, ok := doc["$defs"].(map[string]any)[n]; !ok {
			t.Errorf("the bundle lacks %s", n)
		}
	}
}
