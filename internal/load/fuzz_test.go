package load

// FuzzBytes runs the whole reading pipeline, load.Bytes with the default
// options (the form detected from the name, then the content), on arbitrary
// bytes under one of the names "x.yaml", "x.json", "x.md" and "x" (chosen by
// the first fuzz argument), and checks:
//
//   - no panic, and it returns (the fuzzer's timeout catches hangs);
//   - the findings are sorted (finding.Compare), as the commands print them;
//   - every finding has a non-empty Rule and a non-empty Message;
//   - when the bytes decoded (Result.File != nil), every finding has
//     Line >= 0, Column >= 0 and Line <= File.Lines().
//
// Seeds (deterministic): the shipped testdata/factsheets/BE.txt and BE.yaml
// read at test time, each under every name, plus the small inputs below.
//
// Run it with:
//
//	go test -run='^$' -fuzz='^FuzzBytes$' -fuzztime=90s ./internal/load/
//
// A plain `go test ./internal/load/` runs the seeds and any failing inputs
// saved under testdata/fuzz/.
//
// The BE seeds are large (25 KB): with the default -fuzzminimizetime (60s)
// the minimisation of each new interesting input can take most of a short
// run (long stretches of "0/sec"); add -fuzzminimizetime=3s for more execs.

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

var fuzzNames = []string{"x.yaml", "x.json", "x.md", "x"}

var fuzzLoadSeeds = []string{
	"",
	"{}",
	"[]",
	"null",
	"template: ecan-plus-2025\n",
	"country:\n  code: BE\n  name: Belgium\n",
	"- a\n- b\n",
	"a: .inf\n",
	`{"template": "ecan-plus-2025", "rounds": []}`,
	`{"a": 1, "a": 2}`,
	"# POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN BELGIUM\n",
	"## 1 DEFINITIONS\n\nTable 1 : Deviations in the use of international definitions for eHealth terms - Belgium\n\nTerm\tDefinition\tDeviation\neHealth\tx\ty\n",
	"\xff\xfe\x00",
	"caf\xe9",
}

func FuzzBytes(f *testing.F) {
	for _, s := range fuzzLoadSeeds {
		for i := range fuzzNames {
			f.Add(uint8(i), []byte(s))
		}
	}
	for _, name := range []string{"BE.txt", "BE.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", name))
		if err != nil {
			f.Fatalf("seed corpus: %v", err)
		}
		for i := range fuzzNames {
			f.Add(uint8(i), b)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, raw []byte) {
		name := fuzzNames[int(which)%len(fuzzNames)]
		res := Bytes(name, raw, Options{})
		if res == nil {
			t.Fatal("nil result")
		}
		if !slices.IsSortedFunc(res.Findings, finding.Compare) {
			t.Errorf("findings of %s are not sorted:", name)
			for _, x := range res.Findings {
				t.Logf("  %v", x)
			}
		}
		for _, x := range res.Findings {
			if x.Rule == "" || x.Message == "" {
				t.Errorf("finding without a rule or a message: %#v", x)
			}
			if res.File != nil && (x.Line < 0 || x.Column < 0 || x.Line > res.File.Lines()) {
				t.Errorf("finding outside the text (%d lines): %v", res.File.Lines(), x)
			}
		}
	})
}
