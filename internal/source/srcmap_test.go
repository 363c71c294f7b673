package source_test

import (
	"testing"

	"github.com/ecanplus/factsheet/internal/source"
)

func TestMapFindAndAt(t *testing.T) {
	m := source.Map{}
	m.Set("", source.Span{Line: 1, Col: 1})
	m.Set("/governance", source.Span{Line: 10, Col: 3, KeyLine: 10, KeyCol: 1})
	m.Set("/governance/questions/ministry/answer", source.Span{Line: 12, Col: 15, KeyLine: 12, KeyCol: 7, EndLine: 11})
	if s := m["/governance/questions/ministry/answer"]; s.EndLine != 12 {
		t.Errorf("Set keeps an end line before the start: %d", s.EndLine)
	}
	for _, tc := range []struct {
		ptr       string
		key       bool
		line, col int
		found     string
	}{
		{"/governance/questions/ministry/answer", false, 12, 15, "/governance/questions/ministry/answer"},
		{"/governance/questions/ministry/answer", true, 12, 7, "/governance/questions/ministry/answer"},
		// A missing member points at the key of the object that lacks it.
		{"/governance/questions/board", false, 10, 1, "/governance"},
		{"/strategies", false, 1, 1, ""},
	} {
		if line, col := m.At(tc.ptr, tc.key); line != tc.line || col != tc.col {
			t.Errorf("At(%q, %v) = %d:%d, want %d:%d", tc.ptr, tc.key, line, col, tc.line, tc.col)
		}
		if _, found := m.Find(tc.ptr); found != tc.found {
			t.Errorf("Find(%q) found %q, want %q", tc.ptr, found, tc.found)
		}
	}
	if line, col := (source.Map{}).At("/x", false); line != 0 || col != 0 {
		t.Errorf("empty map: %d:%d", line, col)
	}
}

// TestLocate: a finding about one sentence of a long comment points at that
// sentence's line, also when the source wraps it differently; otherwise at
// the value.
func TestLocate(t *testing.T) {
	text := "comments: |\n  The plan was adopted in 2021.\n  A new plan will be available in\n  early 2026 according to the ministry.\nnext: 1\n"
	f := source.New("BE.yaml", text)
	m := source.Map{}
	m.Set("/comments", source.Span{Line: 1, Col: 11, EndLine: 4})
	m.Set("/next", source.Span{Line: 5, Col: 7})
	for _, tc := range []struct {
		snippet   string
		line, col int
	}{
		{"The plan was adopted in 2021.", 2, 3},
		{"early 2026 according", 4, 3},
		// Wrapped over two lines: the longest prefix found on one line.
		{"A new plan will be available in early 2026 according to the ministry.", 3, 3},
		// Not there (or on a line of another value): the value's position.
		{"next: 1", 1, 11},
		{"   ", 1, 11},
	} {
		if line, col := m.Locate(f, "/comments", tc.snippet); line != tc.line || col != tc.col {
			t.Errorf("Locate(%q) = %d:%d, want %d:%d", tc.snippet, line, col, tc.line, tc.col)
		}
	}
	// Extra lines of a value out of order (a row continued after a page
	// break) are searched too.
	m.Set("/row", source.Span{Line: 2, Col: 3, More: []int{4}})
	if line, _, ok := m.Search(f, "/row", "according to the ministry"); !ok || line != 4 {
		t.Errorf("Search over More = %d, %v", line, ok)
	}
}

func TestPointerEscaping(t *testing.T) {
	for _, tc := range []struct{ raw, escaped string }{
		{"national_board", "national_board"},
		{"a/b", "a~1b"},
		{"m~n", "m~0n"},
		{"~/", "~0~1"},
		{"~1", "~01"},
	} {
		if got := source.Escape(tc.raw); got != tc.escaped {
			t.Errorf("Escape(%q) = %q, want %q", tc.raw, got, tc.escaped)
		}
		if got := source.Unescape(tc.escaped); got != tc.raw {
			t.Errorf("Unescape(%q) = %q, want %q", tc.escaped, got, tc.raw)
		}
	}
}

// TestSearchFrom: each search starts where the last one ended, inside the
// value's lines only, and finds the next occurrence, on the same line or a
// later one.
func TestSearchFrom(t *testing.T) {
	f := source.New("x.yaml", "a: [^1] x\nc: |-\n  one [^2] two [^2]\n  three [^2]\nd: [^2]\n")
	m := source.Map{}
	m.Set("/c", source.Span{Line: 3, Col: 3, EndLine: 4})
	var got [][2]int
	from := 0
	for {
		line, col, off, ok := m.SearchFrom(f, "/c", "[^2]", from)
		if !ok {
			break
		}
		got = append(got, [2]int{line, col})
		from = off + 4
	}
	want := [][2]int{{3, 7}, {3, 16}, {4, 9}}
	if len(got) != len(want) {
		t.Fatalf("found %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("occurrence %d at %v, want %v", i, got[i], want[i])
		}
	}
	if _, _, _, ok := m.SearchFrom(f, "/c", "[^1]", 0); ok {
		t.Error("found a snippet outside the value's lines")
	}
}
