package load

import (
	"os"
	"path/filepath"
	"testing"
)

func benchFile(b *testing.B, name string) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", name))
	if err != nil {
		b.Fatal(err)
	}
	Bytes(name, raw, Options{}) // compile the schema once, as a process does
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		if res := Bytes(name, raw, Options{}); res.Model == nil {
			b.Fatal("not readable")
		}
	}
}

// BenchmarkLoadYAML is the per-file reading pipeline (decode, parse,
// validate, model) for the Belgian factsheet in YAML.
func BenchmarkLoadYAML(b *testing.B) { benchFile(b, "BE.yaml") }

// BenchmarkLoadDocument is the same for the published document.
func BenchmarkLoadDocument(b *testing.B) { benchFile(b, "BE.txt") }
