package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/schema"
)

// Compile returns a validator for the schema at rootURL, reading every
// schema document it reaches through load (which must never fetch: a
// repository's template hands in its own file and the embedded schemas).
// Findings read the embedded schemas' annotations where a failing keyword
// is in one of them, and the loaded document's otherwise.
func Compile(rootURL string, load func(url string) ([]byte, error)) (*Validator, error) {
	var mu sync.Mutex
	cache := map[string]any{}
	docs := func(url string) (any, error) {
		mu.Lock()
		defer mu.Unlock()
		if v, ok := cache[url]; ok {
			return v, nil
		}
		b, err := load(url)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("schema %s: %w", url, err)
		}
		cache[url] = v
		return v, nil
	}
	p, err := compileRoot(docs, rootURL)
	if err != nil {
		return nil, err
	}
	raw := func(url string) (any, error) {
		if name, ok := strings.CutPrefix(url, schema.Base); ok {
			if _, embedded := schema.File(name); embedded {
				return rawSchema(url)
			}
		}
		return docs(url)
	}
	return &Validator{root: rootURL, prog: p, docs: raw}, nil
}
