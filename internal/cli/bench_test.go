package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchRun(b *testing.B, args ...string) {
	streams := IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard, Getenv: func(string) string { return "" }}
	Run(args, streams) // the schema is compiled once per process
	b.ResetTimer()
	for b.Loop() {
		if code := Run(args, streams); code > 1 {
			var buf bytes.Buffer
			streams.ErrOut = &buf
			Run(args, streams)
			b.Fatalf("exit %d: %s", code, buf.String())
		}
	}
}

var be = filepath.Join("..", "..", "testdata", "factsheets")

// BenchmarkLintYAML is one lint of the Belgian factsheet in YAML, all rules,
// text output, after the process's one-time schema compilation.
func BenchmarkLintYAML(b *testing.B) {
	benchRun(b, "lint", "--today", "2026-11-22", filepath.Join(be, "BE.yaml"))
}

// BenchmarkLintDocument is the same for the published document.
func BenchmarkLintDocument(b *testing.B) {
	benchRun(b, "lint", "--today", "2026-11-22", filepath.Join(be, "BE.txt"))
}

// BenchmarkLintCorpus lints the generated corpus of bench/compare.sh (1000
// JSON factsheets), when it exists: the batch path, all rules, text output.
func BenchmarkLintCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "bench", ".work", "corpus-1000", "json")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus: run bench/compare.sh first")
	}
	benchRun(b, "lint", "--today", "2026-11-22", dir)
}

// BenchmarkLintWord is BenchmarkLintDocument for the Word document.
func BenchmarkLintWord(b *testing.B) {
	benchRun(b, "lint", "--today", "2026-11-22", filepath.Join("..", "..", "testdata", "docx", "BE-libreoffice.docx"))
}

// BenchmarkConvertMarkdown, BenchmarkConvertWord and BenchmarkAnnotate are
// the Word writers against the document form they must stay within 3x of.
func BenchmarkConvertMarkdown(b *testing.B) {
	benchRun(b, "convert", filepath.Join(be, "BE.yaml"), "--to", "md", "-o", filepath.Join(b.TempDir(), "BE.md"), "--force")
}

func BenchmarkConvertWord(b *testing.B) {
	benchRun(b, "convert", filepath.Join(be, "BE.yaml"), "--to", "docx", "-o", filepath.Join(b.TempDir(), "BE.docx"), "--force")
}

func BenchmarkAnnotate(b *testing.B) {
	benchRun(b, "lint", "--today", "2026-11-22", filepath.Join(be, "BE.yaml"), "--annotate", filepath.Join(b.TempDir(), "BE.docx"), "--force")
}
