package validation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ecanplus/factsheet/schema"
)

// BenchmarkCompile measures compiling the embedded factsheet schema, from
// decoding its documents on: paid once per process.
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		compileMu.Lock()
		delete(compiled, schema.Root)
		compileMu.Unlock()
		patternsMu.Lock()
		clear(patterns) // as in a new process
		patternsMu.Unlock()
		if _, err := New(schema.Root); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileFallback measures compiling the same schema with the
// fallback (the copy of v5), as a repository template using keywords the
// evaluator lacks would be: the meta-schemas are compiled by the first
// iteration only, as in a process.
func BenchmarkCompileFallback(b *testing.B) {
	for b.Loop() {
		fallbackFor(b, schema.Root)
	}
}

// BenchmarkValidate compares validating the Belgian factsheet with the
// built-in evaluator and with the fallback.
func BenchmarkValidate(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	v := decodeYAML(b, "BE.yaml", string(raw))
	builtin, err := New(schema.Root)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range []struct {
		name string
		e    engine
	}{{"builtin", builtin.engine}, {"fallback", fallbackFor(b, schema.Root)}} {
		b.Run(e.name, func(b *testing.B) {
			for b.Loop() {
				e.e.validate(v)
			}
		})
	}
}
