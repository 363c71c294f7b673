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

// BenchmarkLoadWord is the same for the Belgian factsheet as a Word
// document (LibreOffice's): unzip, read the XML, write the text layout,
// import it. The target: within 2x of the document form.
func BenchmarkLoadWord(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(wordDir, "BE-libreoffice.docx"))
	if err != nil {
		b.Fatal(err)
	}
	Bytes("BE.docx", raw, Options{})
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for b.Loop() {
		if res := Bytes("BE.docx", raw, Options{}); res.Model == nil {
			b.Fatal("not readable")
		}
	}
}
