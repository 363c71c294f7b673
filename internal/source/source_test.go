package source_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

func TestMaxSize(t *testing.T) {
	if source.MaxSize != 8<<20 {
		t.Errorf("MaxSize = %d; docs/layout.md and the rules say 8 MiB", source.MaxSize)
	}
	for _, tc := range []struct {
		size int64
		want string
	}{
		{-1, "(size unknown)"},
		{9 << 20, "(9.0 MiB)"},
		{500, "(500 bytes)"},
	} {
		f := source.TooLarge("BE.yaml", tc.size)
		if f.Rule != source.RuleTooLarge || f.Severity != finding.Error || f.File != "BE.yaml" || f.Line != 0 {
			t.Errorf("TooLarge(%d) = %+v", tc.size, f)
		}
		if !strings.Contains(f.Message, "8 MiB limit "+tc.want) {
			t.Errorf("TooLarge(%d) message %q, want %q", tc.size, f.Message, tc.want)
		}
	}
}

// TestDecodeForms: every encoding and line end the design names reads to
// the same text.
func TestDecodeForms(t *testing.T) {
	const text = "country:\n  name: België\n"
	utf16 := func(big bool, s string) []byte {
		var b []byte
		if big {
			b = []byte{0xFE, 0xFF}
		} else {
			b = []byte{0xFF, 0xFE}
		}
		for _, r := range s {
			hi, lo := byte(r>>8), byte(r)
			if big {
				b = append(b, hi, lo)
			} else {
				b = append(b, lo, hi)
			}
		}
		return b
	}
	for _, tc := range []struct {
		name     string
		raw      []byte
		encoding string
		ends     string
	}{
		{"UTF-8", []byte(text), "UTF-8", "LF"},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), "UTF-8 with BOM", "LF"},
		{"CRLF", []byte(strings.ReplaceAll(text, "\n", "\r\n")), "UTF-8", "CRLF"},
		{"CR", []byte(strings.ReplaceAll(text, "\n", "\r")), "UTF-8", "CR"},
		{"mixed", []byte("country:\r\n  name: België\n"), "UTF-8", "mixed"},
		{"UTF-16LE", utf16(false, text), "UTF-16LE with BOM", "LF"},
		{"UTF-16BE", utf16(true, strings.ReplaceAll(text, "\n", "\r\n")), "UTF-16BE with BOM", "CRLF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, fs := source.Decode("BE.yaml", tc.raw)
			if f == nil || len(fs) != 0 {
				t.Fatalf("Decode: %v", fs)
			}
			if f.Text != text || f.Encoding != tc.encoding || f.LineEnds != tc.ends || f.Control {
				t.Errorf("text %q encoding %q ends %q control %v", f.Text, f.Encoding, f.LineEnds, f.Control)
			}
			if f.Lines() != 3 || f.Line(2) != "  name: België" {
				t.Errorf("lines %d, line 2 %q", f.Lines(), f.Line(2))
			}
		})
	}
	if f, _ := source.Decode("one.yaml", []byte("x: 1")); f.LineEnds != "" {
		t.Errorf("a single line has line ends %q", f.LineEnds)
	}
}

// TestDecodeRefuses: what is not text becomes one finding at the first bad
// byte's line and column, and no file.
func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name      string
		raw       []byte
		rule      string
		line, col int
		msg       string
	}{
		{"NUL", []byte("template: ecan\x00plus\n"), source.RuleBinary, 1, 15, "NUL bytes"},
		{"NUL after CRLF", []byte("a\r\nbé\x00"), source.RuleBinary, 2, 3, "NUL bytes"},
		{"Latin-1", []byte("country:\n  name: Belgi\xe9\n"), source.RuleEncoding, 2, 14, "byte 0xE9 at offset 22"},
		{"UTF-16 without BOM", []byte("c\x00o\x00u\x00n\x00t\x00r\x00y\x00:\x00"), source.RuleEncoding, 1, 2, "UTF-16 without a byte order mark"},
		{"odd UTF-16", []byte{0xFF, 0xFE, 'a', 0, 'b'}, source.RuleEncoding, 0, 0, "odd number of bytes"},
		{"unpaired surrogate", []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0}, source.RuleEncoding, 1, 2, "unpaired surrogate 0xD800"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, fs := source.Decode("x.yaml", tc.raw)
			if f != nil || len(fs) != 1 {
				t.Fatalf("Decode = %v, %v; want no file and one finding", f, fs)
			}
			got := fs[0]
			if got.Rule != tc.rule || got.Line != tc.line || got.Column != tc.col || got.Severity != finding.Error || !strings.Contains(got.Message, tc.msg) {
				t.Errorf("finding %s, want %s at %d:%d mentioning %q", got, tc.rule, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// TestControlCharacters: reported once per line at the first one, the text
// is still returned, tabs are not control characters.
func TestControlCharacters(t *testing.T) {
	f, fs := source.Decode("x.yaml", []byte("a: \x1b[31mred\x07\nb:\tok\nc: \u0085\n"))
	if f == nil || !f.Control {
		t.Fatalf("Decode = %v", f)
	}
	var at []string
	for _, x := range fs {
		if x.Rule != source.RuleControl {
			t.Errorf("rule %s", x.Rule)
		}
		at = append(at, x.Location.File+":"+itoa(x.Line)+":"+itoa(x.Column))
	}
	if strings.Join(at, " ") != "x.yaml:1:4 x.yaml:3:4" {
		t.Errorf("control findings at %v", at)
	}
	for r, want := range map[rune]bool{'\t': false, '\n': false, 'a': false, 0x1b: true, 0x7f: true, 0x85: true, 0xa0: false, 'é': false} {
		if source.IsControl(r) != want {
			t.Errorf("IsControl(%U) = %v", r, !want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestPositions: columns count characters; Offset inverts Position at every
// character boundary; out-of-range offsets and lines are clamped.
func TestPositions(t *testing.T) {
	text := "ab\nçé€😀x\n\nend"
	f := source.New("x", text)
	if f.Lines() != 4 {
		t.Errorf("Lines = %d", f.Lines())
	}
	for off := 0; off <= len(text); off++ {
		if off < len(text) && !utf8.RuneStart(text[off]) {
			continue
		}
		line, col := f.Position(off)
		if back := f.Offset(line, col); back != off {
			t.Errorf("Offset(Position(%d) = %d:%d) = %d", off, line, col, back)
		}
	}
	for _, tc := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {strings.Index(text, "x"), 2, 5}, {strings.Index(text, "\n\n") + 1, 3, 1},
		{-5, 1, 1}, {len(text) + 10, 4, 4},
	} {
		if line, col := f.Position(tc.off); line != tc.line || col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
	}
	if f.Offset(0, 1) != 0 || f.Offset(99, 1) != len(text) || f.Offset(1, 99) != 2 {
		t.Errorf("Offset does not clamp: %d %d %d", f.Offset(0, 1), f.Offset(99, 1), f.Offset(1, 99))
	}
	if f.Line(0) != "" || f.Line(5) != "" || f.Line(3) != "" || f.Line(4) != "end" {
		t.Errorf("Line edge cases: %q %q %q %q", f.Line(0), f.Line(5), f.Line(3), f.Line(4))
	}
}

// TestPositionsOnLongText: positions stay exact on a long text (many lines,
// long lines) — the document form has rows thousands of characters long.
func TestPositionsOnLongText(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		b.WriteString(strings.Repeat("é", i%300))
		b.WriteString("x\n")
	}
	f := source.New("long", b.String())
	off := 0
	for i := range 2000 {
		off += len(strings.Repeat("é", i%300))
		if line, col := f.Position(off); line != i+1 || col != i%300+1 {
			t.Fatalf("x of line %d at %d:%d, want %d:%d", i+1, line, col, i+1, i%300+1)
		}
		off += 2
	}
}
