package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchCountries are the 30 EU and EEA countries of the overview benchmark.
var benchCountries = [][2]string{
	{"AT", "Austria"}, {"BE", "Belgium"}, {"BG", "Bulgaria"}, {"HR", "Croatia"}, {"CY", "Cyprus"},
	{"CZ", "Czechia"}, {"DK", "Denmark"}, {"EE", "Estonia"}, {"FI", "Finland"}, {"FR", "France"},
	{"DE", "Germany"}, {"GR", "Greece"}, {"HU", "Hungary"}, {"IS", "Iceland"}, {"IE", "Ireland"},
	{"IT", "Italy"}, {"LV", "Latvia"}, {"LI", "Liechtenstein"}, {"LT", "Lithuania"}, {"LU", "Luxembourg"},
	{"MT", "Malta"}, {"NL", "Netherlands"}, {"NO", "Norway"}, {"PL", "Poland"}, {"PT", "Portugal"},
	{"RO", "Romania"}, {"SK", "Slovakia"}, {"SI", "Slovenia"}, {"ES", "Spain"}, {"SE", "Sweden"},
}

// writeOverviewCorpus writes 30 countries x 3 rounds of SYNTHETIC
// factsheets (90 files of about 30 KB) into dir: copies of the Belgian
// factsheet with the country, the date of the last review and a few
// answers changed, and a paragraph saying they are benchmark copies.
func writeOverviewCorpus(tb testing.TB, dir string) {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(be, "BE.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	src := string(raw)
	pad := "  SYNTHETIC BENCHMARK COPY: this file is the Belgian factsheet with its country, dates and some answers changed, to time `factsheet overview`; it is not the policy of the country it names.\n"
	for i, c := range benchCountries {
		for r, year := range []string{"2024", "2025", "2026"} {
			s := strings.Replace(src, "  code: BE\n  name: Belgium\n", "  code: "+c[0]+"\n  name: "+c[1]+"\n", 1)
			// Round r's last review is in February of its year, the update
			// before it in the October before.
			prev := fmt.Sprint(2023 + r)
			s = strings.Replace(s, "    date: 2026-02\n", "    date: "+year+"-02\n", 1)
			s = strings.Replace(s, "    date: 2025-10\n", "    date: "+prev+"-10\n", 1)
			if r == 0 {
				s = strings.ReplaceAll(s, "    date: 2023/2024\n", "    date: 2022/2023\n")
			}
			s = strings.Replace(s, "introduction: |-\n", "introduction: |-\n"+strings.Repeat(pad, 28)+"\n", 1)
			if (i+r)%3 == 0 {
				s = strings.Replace(s, "    national_board:\n      answer: \"Yes\"\n", "    national_board:\n      answer: \"No\"\n", 1)
			}
			if (i+r)%4 == 1 {
				s = strings.Replace(s, "    ministry_unit:\n      answer: N/A\n", "    ministry_unit:\n      answer: Yes, some\n", 1)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%s.yaml", c[0], year))
			if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

func benchOverview(b *testing.B, format string) {
	dir := b.TempDir()
	writeOverviewCorpus(b, dir)
	out := filepath.Join(b.TempDir(), "overview."+format)
	benchRun(b, "overview", "--today", "2026-11-22", dir, "-o", out, "--force")
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		b.Fatalf("no overview written: %v", err)
	}
}

// BenchmarkOverviewXLSX is the whole overview command on 90 files (30
// countries x 3 rounds) written as a workbook: read, lint, build, write.
func BenchmarkOverviewXLSX(b *testing.B) { benchOverview(b, "xlsx") }

// BenchmarkOverviewHTML is the same written as the HTML page.
func BenchmarkOverviewHTML(b *testing.B) { benchOverview(b, "html") }

// TestOverviewBenchCorpus checks the benchmark's corpus (90 files, 30
// columns), and writes it to $FACTSHEET_BENCH_CORPUS when set, so the
// whole process can be timed (docs/performance.md).
func TestOverviewBenchCorpus(t *testing.T) {
	dir := os.Getenv("FACTSHEET_BENCH_CORPUS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeOverviewCorpus(t, dir)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 90 {
		t.Fatalf("%d files, want 90", len(entries))
	}
	st, _ := os.Stat(filepath.Join(dir, "SE-2026.yaml"))
	if st.Size() < 28_000 || st.Size() > 34_000 {
		t.Errorf("a benchmark file is %d bytes, want about 30 KB", st.Size())
	}
	out := filepath.Join(t.TempDir(), "o.json")
	var stderr strings.Builder
	code := Run([]string{"overview", "--today", "2026-11-22", dir, "-o", out}, IOStreams{In: strings.NewReader(""), Out: &strings.Builder{}, ErrOut: &stderr, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	raw, _ := os.ReadFile(out)
	if n := strings.Count(string(raw), `"header": "`); n != 30 {
		t.Errorf("%d columns, want 30", n)
	}
	if n := strings.Count(string(raw), `"state": "superseded"`); n != 60 {
		t.Errorf("%d superseded files, want 60", n)
	}
}
