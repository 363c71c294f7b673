package source

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// naivePosition is the definition Position must agree with: lines counted
// by "\n", the column by characters from the start of the line.
func naivePosition(text string, off int) (int, int) {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return strings.Count(text[:off], "\n") + 1, utf8.RuneCountInString(text[start:off]) + 1
}

// randomText mixes ASCII, two-, three- and four-byte characters and line
// ends, with some very long lines, so that lines cross index blocks.
func randomText(r *rand.Rand, n int) string {
	pieces := []string{"a", "b", " ", "é", "€", "😀", "\n", "\t", "xyz"}
	var b strings.Builder
	for b.Len() < n {
		p := pieces[r.IntN(len(pieces))]
		if p == "\n" && r.IntN(4) != 0 {
			p = "ü" // few line ends: long lines
		}
		b.WriteString(p)
	}
	return b.String()
}

func TestPositionAndOffsetMatchCounting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 100, runeBlock - 1, runeBlock, 3*runeBlock + 7, 20_000} {
		for _, ascii := range []bool{false, true} {
			text := randomText(r, size)
			if ascii {
				text = strings.Map(func(c rune) rune {
					if c >= utf8.RuneSelf {
						return 'x'
					}
					return c
				}, text)
			}
			t.Run(fmt.Sprintf("%d-ascii=%v", size, ascii), func(t *testing.T) {
				f := New("x", text)
				for off := 0; off <= len(text); off++ {
					if off < len(text) && !utf8.RuneStart(text[off]) {
						continue
					}
					wl, wc := naivePosition(text, off)
					if l, c := f.Position(off); l != wl || c != wc {
						t.Fatalf("Position(%d) = %d:%d, want %d:%d", off, l, c, wl, wc)
					}
					if back := f.Offset(wl, wc); back != off {
						t.Fatalf("Offset(%d, %d) = %d, want %d", wl, wc, back, off)
					}
				}
				// Columns past the end of a line stop at its end.
				for l := 1; l <= f.Lines(); l++ {
					if got, want := f.Offset(l, 1<<30), f.Offset(l, 1)+len(f.Line(l)); got != want {
						t.Fatalf("Offset(%d, huge) = %d, want the line end %d", l, got, want)
					}
				}
			})
		}
	}
}

// TestPositionWorkIsBounded: a lookup scans at most a block or two of the
// index, whatever the length of the line: a column is no longer counted
// from the start of its line (a minified JSON file of 457 KB took 6.8 s).
func TestPositionWorkIsBounded(t *testing.T) {
	for _, size := range []int{100 << 10, 1 << 20} {
		text := strings.Repeat("é", size/2) // one line, not ASCII
		f := New("x", text)
		before, calls := Scanned(), 0
		for off := 0; off < len(text); off += 2 * 37 {
			_, col := f.Position(off)
			if f.Offset(1, col) != off {
				t.Fatalf("offset %d does not come back", off)
			}
			calls++
		}
		perCall := (Scanned() - before) / int64(calls)
		if perCall > 3*runeBlock {
			t.Errorf("%d bytes: %d bytes scanned per lookup, want at most %d", size, perCall, 3*runeBlock)
		}
	}
}

// TestControlCharactersAreLinear: a line of control characters is one
// finding, found in one pass (300 KB of them took 40 s).
func TestControlCharactersAreLinear(t *testing.T) {
	work := func(n int) int64 {
		before := Scanned()
		f, fs := Decode("x", []byte("é"+strings.Repeat("\x01", n)+"\n\x02\n"))
		if f == nil || len(fs) != 2 || fs[1].Line != 2 {
			t.Fatalf("%d control characters: %v", n, fs)
		}
		return Scanned() - before
	}
	small, large := work(100<<10), work(1<<20)
	if large > 2*runeBlock || small > 2*runeBlock {
		t.Errorf("scanned %d bytes for 100 KB, %d for 1 MB; want at most %d for each", small, large, 2*runeBlock)
	}
}

func BenchmarkPositionLongLine(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20} {
		text := strings.Repeat("é,", size/3)
		f := New("x", text)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for off := 0; off < len(text); off += 301 {
					f.Position(off)
				}
			}
		})
	}
}

// TestSearchStaysInTheValue: on a line that holds more than one value
// (minified JSON), a snippet is looked for in the value only, and found at
// its column.
func TestSearchStaysInTheValue(t *testing.T) {
	text := `{"a":"één twee","b":"drie twee"}`
	f := New("x.json", text)
	m := Map{}
	m.Set("/a", Span{Line: 1, Col: 6, EndLine: 1, EndCol: 15})
	m.Set("/b", Span{Line: 1, Col: 21, EndLine: 1, EndCol: 32})
	if _, col, ok := m.Search(f, "/a", "twee"); !ok || col != 11 {
		t.Errorf("twee in /a: column %d, %v; want 11", col, ok)
	}
	if _, col, ok := m.Search(f, "/b", "twee"); !ok || col != 27 {
		t.Errorf("twee in /b: column %d, %v; want 27", col, ok)
	}
	if _, _, ok := m.Search(f, "/a", "drie"); ok {
		t.Errorf("drie found in /a, which ends before it")
	}
}

func TestTerminalAndNoCommands(t *testing.T) {
	for _, tc := range []struct{ in, keep, line string }{
		{"plain", "plain", "plain"},
		{"a\u202eb\u2066c\u200fd\u061ce", `a\u202Eb\u2066c\u200Fd\u061Ce`, `a\u202Eb\u2066c\u200Fd\u061Ce`},
		{"x\x1b[2Jy\nz\t", "x\\x1B[2Jy\nz\t", "x\\x1B[2Jy\\nz\t"},
	} {
		if got := Terminal(tc.in, true); got != tc.keep {
			t.Errorf("Terminal(%q, true) = %q, want %q", tc.in, got, tc.keep)
		}
		if got := Terminal(tc.in, false); got != tc.line {
			t.Errorf("Terminal(%q, false) = %q, want %q", tc.in, got, tc.line)
		}
	}
	for in, want := range map[string]string{
		"::error::x":            `\x3A:error::x`,
		"a ::b":                 "a ::b",
		"ok\n  ::warning::y\n:": "ok\n  \\x3A:warning::y\n:",
		"":                      "",
	} {
		if got := NoCommands(in); got != want {
			t.Errorf("NoCommands(%q) = %q, want %q", in, got, want)
		}
	}
}
