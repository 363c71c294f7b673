package overview_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/internal/template"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and docs/overview.png")

// today is the day the tests judge ages against, as the Makefile's demo.
var today = dates.Date{Year: 2026, Month: time.November, Day: 22}

// repo is the repository root, seen from this package.
var repo = filepath.Join("..", "..")

// corpus lists the synthetic corpus (testdata/overview) in the order a
// directory walk reads it.
var corpus = []string{"AT.yaml", "DK-2025-06.yaml", "DK.yaml", "EE.json", "FI.md", "IE.yaml", "LU-broken.yaml", "PT.yaml", "PT_copy.json"}

// read loads a file as the command does (read, lint without a
// configuration, Extract), naming it name so outputs do not depend on
// where the tests run.
func read(t testing.TB, path, name string) *overview.File {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := load.Bytes(name, raw, load.Options{})
	fs := append(res.Findings, lint.Run(res, lint.Options{Today: today})...)
	return overview.Extract(res, res.Relocate(fs), today)
}

// readCorpus reads the synthetic corpus.
func readCorpus(t testing.TB) []*overview.File {
	t.Helper()
	var out []*overview.File
	for _, name := range corpus {
		out = append(out, read(t, filepath.Join(repo, "testdata", "overview", name), name))
	}
	return out
}

// build builds the overview of the synthetic corpus.
func build(t testing.TB, opts overview.Options, selectors ...string) *overview.Overview {
	t.Helper()
	items, err := overview.Select(template.Builtin().Default(), selectors)
	if err != nil {
		t.Fatal(err)
	}
	opts.Today, opts.Items, opts.Selected = today, items, len(selectors) > 0
	return overview.Build(readCorpus(t), opts)
}

// beOverview is the overview of the real Belgian factsheet alone.
func beOverview(t testing.TB, selectors ...string) *overview.Overview {
	t.Helper()
	items, err := overview.Select(template.Builtin().Default(), selectors)
	if err != nil {
		t.Fatal(err)
	}
	f := read(t, filepath.Join(repo, "testdata", "factsheets", "BE.yaml"), "BE.yaml")
	return overview.Build([]*overview.File{f}, overview.Options{Today: today, Items: items, Selected: len(selectors) > 0})
}

type writer func(w *bytes.Buffer, ov *overview.Overview) error

var writers = map[string]writer{
	"md":   func(w *bytes.Buffer, ov *overview.Overview) error { return overview.WriteMarkdown(w, ov) },
	"csv":  func(w *bytes.Buffer, ov *overview.Overview) error { return overview.WriteCSV(w, ov) },
	"html": func(w *bytes.Buffer, ov *overview.Overview) error { return overview.WriteHTML(w, ov) },
	"json": func(w *bytes.Buffer, ov *overview.Overview) error { return overview.WriteJSON(w, ov) },
	"xlsx": func(w *bytes.Buffer, ov *overview.Overview) error { return overview.WriteXLSX(w, ov) },
}

func render(t testing.TB, format string, ov *overview.Overview) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := writers[format](&b, ov); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// tool finds an external program a test needs. Without it the test is
// skipped, except under CI (CI=true), where a missing tool is a failure:
// .ci/run installs every one.
func tool(t *testing.T, env string, names ...string) string {
	t.Helper()
	if env != "" {
		if p := os.Getenv(env); p != "" {
			return p
		}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; .ci/run installs it", names[0])
	}
	t.Skipf("%s is not installed (under CI=true this fails)", names[0])
	return ""
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
