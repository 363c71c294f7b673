package overview_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ecanplus/factsheet/internal/overview"
)

// BenchmarkWriters times each format alone on 30 columns (the synthetic
// corpus read five times over, each copy a country of its own). The whole
// command, reading and lint included, is BenchmarkOverviewXLSX and
// BenchmarkOverviewHTML in internal/cli.
func BenchmarkWriters(b *testing.B) {
	var files []*overview.File
	for len(files) < 40 {
		files = append(files, readCorpus(b)...)
	}
	n := 0
	for _, f := range files {
		if f.State == overview.Excluded || n == 30 {
			f.State = overview.Excluded
			continue
		}
		f.Code = fmt.Sprintf("%c%c", 'A'+n/26, 'A'+n%26)
		n++
	}
	ov := overview.Build(files, overview.Options{Today: today, AllRounds: true})
	if len(ov.Columns) != 30 {
		b.Fatalf("%d columns", len(ov.Columns))
	}
	for _, format := range []string{"xlsx", "html", "csv", "json", "md"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if err := writers[format](&buf, ov); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
