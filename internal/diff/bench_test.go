package diff_test

import (
	"io"
	"testing"

	"github.com/ecanplus/factsheet/internal/diff"
)

// BenchmarkDiff compares the October 2025 round of the Belgian factsheet
// with the published February 2026 version, both already loaded.
func BenchmarkDiff(b *testing.B) {
	old, new := loadFile(b, roundOld).Model, loadFile(b, beYAML).Model
	b.ReportAllocs()
	for b.Loop() {
		if r := diff.Compare(old, new); len(r.Changes) != 5 {
			b.Fatalf("%d changes", len(r.Changes))
		}
	}
}

// BenchmarkDiffWithLoad is the work of one `factsheet diff` process: read
// both files (the old YAML round, the published document), compare them
// and write the text report. The schema is compiled once before timing, as
// a process compiles it once.
func BenchmarkDiffWithLoad(b *testing.B) {
	loadFile(b, beYAML)
	b.ReportAllocs()
	for b.Loop() {
		r := diff.Compare(loadFile(b, roundOld).Model, loadFile(b, beDoc).Model)
		if err := diff.WriteText(io.Discard, r, diff.TextOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender writes the Belgian round's report in each format.
func BenchmarkRender(b *testing.B) {
	r := diff.Compare(loadFile(b, roundOld).Model, loadFile(b, beYAML).Model)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *diff.Result) error
	}{
		{"text", func(w io.Writer, r *diff.Result) error { return diff.WriteText(w, r, diff.TextOptions{}) }},
		{"markdown", diff.WriteMarkdown},
		{"html", func(w io.Writer, r *diff.Result) error { return diff.WriteHTML(w, r, htmlOpts) }},
		{"json", diff.WriteJSON},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
