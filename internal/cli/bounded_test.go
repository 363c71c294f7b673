package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/testenv"
)

// hostile is one form of input that used to take time or memory growing
// with the square of its size, made at about n bytes.
type hostile struct {
	name string
	ext  string
	make func(t *testing.T, n int) []byte
}

func beModel(t *testing.T) *model.Factsheet {
	t.Helper()
	res, err := load.Path(filepath.Join(be, "BE.yaml"), load.Options{})
	if err != nil || res.Model == nil {
		t.Fatalf("BE.yaml: %v", err)
	}
	return res.Model
}

func withComment(t *testing.T, unit string, n int) []byte {
	m := beModel(t)
	m.Sections["governance"].Questions["national_board"].Comments = strings.Repeat(unit, n/len(unit))
	return encode.JSON(m)
}

func withCell(t *testing.T, unit string, n int) []byte {
	text, err := os.ReadFile(filepath.Join(be, "BE.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Is there a National Cancer Plan") {
			cells := strings.Split(l, "\t")
			cells[2] = strings.Repeat(unit, n/len(unit))
			lines[i] = strings.Join(cells, "\t")
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

var hostileInputs = []hostile{
	{"minified JSON", ".json", func(t *testing.T, n int) []byte {
		m := beModel(t)
		fn := m.Footnotes
		for len(m.Footnotes)*40 < n {
			for _, f := range fn {
				m.Footnotes = append(m.Footnotes, model.Footnote{Label: fmt.Sprint("x", len(m.Footnotes)), Text: f.Text})
			}
		}
		var b strings.Builder
		for _, line := range strings.Split(string(encode.JSON(m)), "\n") {
			b.WriteString(strings.TrimSpace(line))
		}
		return []byte(b.String())
	}},
	{"control characters", ".yaml", func(t *testing.T, n int) []byte {
		return []byte("title: \"" + strings.Repeat("\x01", n) + "\"\n")
	}},
	{"as of without a full stop", ".json", func(t *testing.T, n int) []byte { return withComment(t, "as of 2021 ", n) }},
	{"distinct stale dates", ".json", func(t *testing.T, n int) []byte {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "as of %d March 20%02d ", 1+i%28, i%20)
		}
		return withComment(t, b.String(), b.Len())
	}},
	{"brackets in a comment", ".json", func(t *testing.T, n int) []byte { return withComment(t, "[", n) }},
	{"tag starts in a comment", ".json", func(t *testing.T, n int) []byte { return withComment(t, "<a ", n) }},
	{"links in a comment", ".json", func(t *testing.T, n int) []byte { return withComment(t, "[a](#) ", n) }},
	{"unclosed lists in a cell", ".txt", func(t *testing.T, n int) []byte { return withCell(t, "<ul><li>", n) }},
	{"unclosed emphasis in a cell", ".txt", func(t *testing.T, n int) []byte { return withCell(t, "<i>x", n) }},
	{"links in a cell", ".txt", func(t *testing.T, n int) []byte { return withCell(t, `<a href="#">x</a> `, n) }},
}

// TestHostileInputsBoundedWork runs the commands on every form of input
// that was quadratic, at two sizes eight times apart: the work (bytes
// allocated by the whole command: read, validate, lint, print; convert;
// diff) must grow in proportion. Before, these took from 6.8 s (a 457 KB
// minified file) to more than 20 s and 2.3 GB (800 KB of <ul><li>) at sizes
// far below the 8 MiB limit.
func TestHostileInputsBoundedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("several MB of input")
	}
	streams := IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard, Getenv: func(string) string { return "" }}
	dir := t.TempDir()
	run := func(args ...string) int { return Run(args, streams) }
	run("version")
	for _, h := range hostileInputs {
		t.Run(h.name, func(t *testing.T) {
			var work [2]uint64
			for i, n := range []int{128 << 10, 1 << 20} {
				path := filepath.Join(dir, fmt.Sprintf("%d%s", i, h.ext))
				if err := os.WriteFile(path, h.make(t, n), 0o644); err != nil {
					t.Fatal(err)
				}
				out := filepath.Join(dir, fmt.Sprintf("%d.out.yaml", i))
				work[i] = testenv.Allocated(func() {
					if code := run("lint", "--today", "2026-11-22", path); code > 1 {
						t.Errorf("lint exit %d", code)
					}
					if code := run("convert", path, "--to", "yaml", "-o", out, "--force"); code > 1 {
						t.Errorf("convert exit %d", code)
					}
				})
			}
			if ratio := float64(work[1]) / float64(work[0]); ratio > 16 {
				t.Errorf("8x the input allocates %.0fx as much (%d -> %d bytes): not linear", ratio, work[0], work[1])
			}
		})
	}
	t.Run("diff of a long comment", func(t *testing.T) {
		var work [2]uint64
		for i, n := range []int{128 << 10, 1 << 20} {
			words := strings.Fields(strings.Repeat("alpha beta gamma care plan health data ", n/40))
			old := filepath.Join(dir, fmt.Sprintf("old%d.json", i))
			text := strings.Join(words, " ")
			if err := os.WriteFile(old, withComment(t, text, len(text)), 0o644); err != nil {
				t.Fatal(err)
			}
			for k := 0; k < 5; k++ {
				words[(k+1)*len(words)/7] = fmt.Sprint("CHANGED", k)
			}
			new := filepath.Join(dir, fmt.Sprintf("new%d.json", i))
			text = strings.Join(words, " ")
			if err := os.WriteFile(new, withComment(t, text, len(text)), 0o644); err != nil {
				t.Fatal(err)
			}
			work[i] = testenv.Allocated(func() {
				for _, format := range []string{"text", "markdown", "html", "json"} {
					if code := run("diff", "--format", format, old, new); code > 1 {
						t.Errorf("diff exit %d", code)
					}
				}
			})
		}
		if ratio := float64(work[1]) / float64(work[0]); ratio > 16 {
			t.Errorf("8x the input allocates %.0fx as much (%d -> %d bytes): not linear", ratio, work[0], work[1])
		}
	})
}
