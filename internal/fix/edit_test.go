package fix

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/source"
)

// randomEdits makes sorted, non-overlapping edits on a text of length n.
func randomEdits(r *rand.Rand, n int) []Edit {
	var es []Edit
	for pos := 0; pos <= n; {
		pos += r.IntN(6)
		if pos > n {
			break
		}
		end := min(pos+r.IntN(4), n)
		es = append(es, Edit{Start: pos, End: end, New: strings.Repeat("x", r.IntN(3)) + strconv.Itoa(r.IntN(10))})
		pos = end + 1
	}
	return es
}

// TestComposeIsApplyingInTurn: the composed edits on the original give
// what the two lists of edits give one after the other (a property test
// over random texts and edits).
func TestComposeIsApplyingInTurn(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		orig := []byte(strings.Repeat("abcdefghij\n", r.IntN(5))[:])
		orig = orig[:r.IntN(len(orig)+1)]
		a := randomEdits(r, len(orig))
		mid := apply(orig, a)
		b := randomEdits(r, len(mid))
		want := apply(mid, b)
		c := compose(len(orig), a, b)
		if !sortEdits(c) {
			t.Fatalf("composed edits overlap: %v", c)
		}
		if got := apply(orig, c); string(got) != string(want) {
			t.Fatalf("orig %q, a %v, b %v: composed %v gives %q, want %q", orig, a, b, c, got, want)
		}
	}
}

func TestSortEditsFindsOverlaps(t *testing.T) {
	for _, tc := range []struct {
		name string
		es   []Edit
		ok   bool
	}{
		{"apart", []Edit{{5, 6, "x"}, {0, 2, "y"}}, true},
		{"touching", []Edit{{0, 2, "y"}, {2, 4, "x"}}, true},
		{"overlapping", []Edit{{0, 3, "y"}, {2, 4, "x"}}, false},
		{"two insertions at one place", []Edit{{2, 2, "y"}, {2, 2, "x"}}, false},
		{"same bytes", []Edit{{1, 3, "y"}, {1, 3, "x"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sortEdits(tc.es); got != tc.ok {
				t.Errorf("sortEdits = %v, want %v", got, tc.ok)
			}
		})
	}
}

// TestRawTextKeepsEncodingAndLineEnds: edits made on the decoded text land
// on the same characters of the bytes, whatever the byte order mark and the
// line ends, and a line end inserted is the file's own.
func TestRawTextKeepsEncodingAndLineEnds(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
	}{
		{"LF", "a: 1\nb: x\n", "a: 1\nb: yz\nq\n"},
		{"CRLF", "a: 1\r\nb: x\r\n", "a: 1\r\nb: yz\r\nq\r\n"},
		{"CR", "a: 1\rb: x\r", "a: 1\rb: yz\rq\r"},
		{"BOM", "\xef\xbb\xbfa: 1\nb: x\n", "\xef\xbb\xbfa: 1\nb: yz\nq\n"},
		{"no final line end", "a: 1\r\nb: x", "a: 1\r\nb: yz\r\nq"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := source.Decode("x.yaml", []byte(tc.raw))
			rt := newRawText([]byte(tc.raw), f)
			if rt == nil {
				t.Fatal("no mapping")
			}
			x := strings.Index(f.Text, "x")
			es := rt.edits([]Edit{{Start: x, End: x + 1, New: "yz\nq"}})
			if got := string(apply([]byte(tc.raw), es)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRawTextRefusesUTF16: UTF-16 is converted when read; its bytes are
// not the text's, and are not edited.
func TestRawTextRefusesUTF16(t *testing.T) {
	raw := []byte{0xFF, 0xFE, 'a', 0, '\n', 0}
	f, _ := source.Decode("x.txt", raw)
	if f == nil {
		t.Fatal("UTF-16 not decoded")
	}
	if rt := newRawText(raw, f); rt != nil {
		t.Error("UTF-16 bytes mapped as if they were the text")
	}
}

// applyDiff applies a unified diff made by Diff to orig: what patch does,
// for the hunks Diff writes.
func applyDiff(t *testing.T, orig, diff string) string {
	t.Helper()
	lines := strings.SplitAfter(orig, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var out []string
	at := 0
	dl := strings.SplitAfter(diff, "\n")
	for i := 2; i < len(dl); i++ {
		l := dl[i]
		if strings.HasPrefix(l, `\ No newline`) {
			if prev := dl[i-1]; prev[0] == '+' || prev[0] == ' ' {
				out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
			}
			continue
		}
		switch {
		case strings.HasPrefix(l, "@@ -"):
			spec := strings.Fields(l)[1][1:]
			start, _, _ := strings.Cut(spec, ",")
			n, _ := strconv.Atoi(start)
			if !strings.Contains(spec, ",") || !strings.HasSuffix(spec, ",0") {
				n--
			}
			out = append(out, lines[at:n]...)
			at = n
		case l == "":
		case l[0] == ' ':
			out = append(out, l[1:])
			at++
		case l[0] == '-':
			at++
		case l[0] == '+':
			out = append(out, l[1:])
		}
	}
	out = append(out, lines[at:]...)
	return strings.Join(out, "")
}

// TestDiffAppliesBack: the diff of random edits, applied as patch applies
// it, turns the original into the edited text.
func TestDiffAppliesBack(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"alpha ", "beta\n", "gamma\n", "\n", "delta ", "eps\r\n"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(words[r.IntN(len(words))])
		}
		orig := b.String()
		var es []Edit
		for _, e := range randomEdits(r, len(orig)) {
			if r.IntN(4) == 0 {
				e.New += "\n"
			}
			if r.IntN(3) == 0 {
				es = append(es, e)
			}
		}
		want := string(apply([]byte(orig), es))
		d := Diff("f", []byte(orig), es)
		if want == orig {
			if d != "" {
				t.Fatalf("no change, but a diff:\n%s", d)
			}
			continue
		}
		if got := applyDiff(t, orig, d); got != want {
			t.Fatalf("orig %q, edits %v:\ndiff\n%s\napplies to %q, want %q", orig, es, d, got, want)
		}
	}
}

func TestDiffFormat(t *testing.T) {
	orig := "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"
	at := strings.Index(orig, "two")
	nine := strings.Index(orig, "nine")
	got := Diff("x.txt", []byte(orig), []Edit{{at, at + 3, "2"}, {nine, nine + 5, ""}})
	want := `--- x.txt
+++ x.txt
@@ -1,10 +1,9 @@
 one
-two
+2
 three
 four
 five
 six
 seven
 eight
-nine
 ten
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
