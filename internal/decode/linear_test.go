package decode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/source"
)

// minified is a JSON document of about n bytes on one line, with many
// values and characters of several bytes, as a minifier writes it.
func minified(n int) string {
	var b strings.Builder
	b.WriteString(`{"footnotes":[`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"label":"%d","text":"Fédération – Übersicht %d"}`, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestMinifiedJSONIsLinear: the column of every value is counted from the
// previous one, not from the start of the line. Before, a minified
// factsheet of 457 KB took 6.8 s (the same pretty-printed: 0.06 s).
func TestMinifiedJSONIsLinear(t *testing.T) {
	work := func(n int) (int, int) {
		text := minified(n)
		f := source.New("x.json", text)
		b := &builder{file: f, m: source.Map{}}
		p := &jsonParser{b: b, s: f.Text}
		if _, ok := p.value("", 0, nil); !ok {
			t.Fatalf("%v", b.fs)
		}
		// The last value's column is right.
		last := strings.LastIndex(text, `"Fédération`)
		_, wantCol := f.Position(last)
		var got int
		for ptr, s := range b.m {
			if strings.HasSuffix(ptr, "/text") && s.Col > got {
				got = s.Col
			}
		}
		if got != wantCol {
			t.Errorf("last text at column %d, want %d", got, wantCol)
		}
		return p.scanned, len(text)
	}
	for _, n := range []int{100 << 10, 1 << 20} {
		scanned, size := work(n)
		if scanned > size {
			t.Errorf("%d bytes: the column counter scanned %d bytes, want at most the input", size, scanned)
		}
	}
}

func BenchmarkMinifiedJSON(b *testing.B) {
	for _, n := range []int{100 << 10, 1 << 20} {
		f := source.New("x.json", minified(n))
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(f.Text)))
			for b.Loop() {
				if r := JSON(f); len(r.Findings) > 0 {
					b.Fatal(r.Findings)
				}
			}
		})
	}
}
