package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/richtext"
)

// OpKind says what a piece of a word-level diff is.
type OpKind int

const (
	// Equal text is in both versions.
	Equal OpKind = iota
	// Delete text is only in the old version.
	Delete
	// Insert text is only in the new version.
	Insert
)

// String names the kind as the JSON output does.
func (k OpKind) String() string {
	switch k {
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "equal"
}

// Op is one piece of a word-level diff.
//
// Old is the text as the old version writes it and New as the new version
// writes it, for side-by-side views: Equal has both (they differ only in
// footnote references that were renumbered: [^4] in the old file, [^5] in
// the new one, citing the same source), Delete only Old, Insert only New.
//
// Text is what a one-column view shows, with every footnote reference in
// the new numbering: New for Equal and Insert; for Delete the old text with
// its references renumbered (a reference to a footnote the new version no
// longer has reads [^old N]).
type Op struct {
	Kind     OpKind
	Text     string
	Old, New string
}

// token is one word, run of spaces, punctuation character or footnote
// reference. key is what is compared: the text itself, or for a footnote
// reference the canonical ID of the footnote it cites. shown is the token
// in the new numbering.
type token struct{ text, key, shown string }

// tokenize splits Markdown text into tokens. ref maps a footnote label to
// the key its references compare by, and show to the label to show.
func tokenize(s string, ref, show func(label string) string) []token {
	out := make([]token, 0, len(s)/4+1)
	refs := richtext.Refs(s)
	last := 0
	for _, r := range refs {
		out = appendWords(out, s[last:r.Start])
		out = append(out, token{s[r.Start:r.End], "[^" + ref(r.Label) + "]", "[^" + show(r.Label) + "]"})
		last = r.End
	}
	return appendWords(out, s[last:])
}

func appendWords(out []token, s string) []token {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
		}
		out = append(out, token{s[i:j], s[i:j], s[i:j]})
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isSpaceToken(s string) bool {
	return strings.TrimSpace(s) == ""
}

// maxEdits bounds the word diff: texts that differ in more tokens than this
// are shown as all removed and all added, which is what they effectively
// are, instead of spending quadratic time and memory on an alignment no
// reader could follow.
const maxEdits = 1500

// maxWork bounds the steps of one alignment: Myers' algorithm costs about
// (n+m) steps per edit, so long texts get fewer edits before the fallback
// (a 600 KB comment: about 30). Time and memory stay linear in the length.
const maxWork = 20_000_000

// wordDiff returns the word-level diff of two token lists: the shortest edit
// script (Myers' O(ND) algorithm on tokens), with single spaces between two
// changes folded into the change so that a rewritten phrase reads as one
// deletion and one insertion.
func wordDiff(a, b []token) []Op {
	// Common prefix and suffix first: most edits are small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].key == b[pre].key {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].key == b[len(b)-1-suf].key {
		suf++
	}
	var edits []edit
	for i := 0; i < pre; i++ {
		edits = append(edits, edit{Equal, i, i})
	}
	edits = append(edits, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := 0; i < suf; i++ {
		edits = append(edits, edit{Equal, len(a) - suf + i, len(b) - suf + i})
	}
	return coalesce(edits, a, b)
}

// edit is one step of an edit script: keep a[i] (= b[j]), delete a[i] or
// insert b[j].
type edit struct {
	kind OpKind
	i, j int
}

// myers computes a shortest edit script from a to b. aoff, boff are the
// positions of a[0] and b[0] in the whole token lists.
func myers(a, b []token, aoff, boff int) []edit {
	n, m := len(a), len(b)
	whole := func() []edit {
		out := make([]edit, 0, n+m)
		for i := 0; i < n; i++ {
			out = append(out, edit{Delete, aoff + i, 0})
		}
		for j := 0; j < m; j++ {
			out = append(out, edit{Insert, 0, boff + j})
		}
		return out
	}
	if n == 0 || m == 0 {
		return whole()
	}
	limit := min(n+m, maxEdits, max(16, maxWork/(n+m)))
	// v[k+limit] is the furthest x on diagonal k; trace keeps a copy of the
	// live part of v for every d, to walk back.
	v := make([]int32, 2*limit+2)
	var trace [][]int32
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		snap := make([]int32, 2*d+1)
		copy(snap, v[limit-d:limit+d+1])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[limit+k-1] < v[limit+k+1]) {
				x = int(v[limit+k+1]) // down: insertion
			} else {
				x = int(v[limit+k-1]) + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x].key == b[y].key {
				x++
				y++
			}
			v[limit+k] = int32(x)
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return whole()
	}
	// Walk back from (n, m).
	var rev []edit
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d] // v before step d, indices -(d)..d mapped to 0..2d
		get := func(k int) int { return int(prev[k+d]) }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, edit{Equal, aoff + x, boff + y})
		}
		if pk == k+1 {
			y--
			rev = append(rev, edit{Insert, 0, boff + y})
		} else {
			x--
			rev = append(rev, edit{Delete, aoff + x, 0})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, edit{Equal, aoff + x, boff + y})
	}
	out := make([]edit, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// coalesce turns an edit script into ops: runs of deletions and insertions
// become one Delete followed by one Insert, and a run of spaces between two
// changes joins them (it appears in both), so "a b" -> "x y" reads
// [-a b-]{+x y+} rather than [-a-]{+x+} [-b-]{+y+}.
func coalesce(edits []edit, a, b []token) []Op {
	var out []Op
	var del, delShown, ins strings.Builder
	// Unchanged text is collected here until the next change: appending to
	// the last op's strings copied them every time (a 600 KB comment with
	// five changed words took 57 s).
	var eqOld, eqNew strings.Builder
	pending := false
	var after string // spaces both sides of a change end with: unchanged
	addEqual := func(o, n string) {
		eqOld.WriteString(o)
		eqNew.WriteString(n)
	}
	endEqual := func() {
		if eqOld.Len() > 0 || eqNew.Len() > 0 {
			n := eqNew.String()
			out = append(out, Op{Kind: Equal, Text: n, Old: eqOld.String(), New: n})
			eqOld.Reset()
			eqNew.Reset()
		}
	}
	flush := func() {
		d, ds, in := del.String(), delShown.String(), ins.String()
		if d != "" && in != "" {
			// Spaces joined into both sides at an edge are unchanged text.
			lead := commonSpace(d, in, false)
			if lead != "" {
				addEqual(lead, lead)
				d, ds, in = d[len(lead):], ds[len(lead):], in[len(lead):]
			}
			after = commonSpace(d, in, true)
			d, ds, in = d[:len(d)-len(after)], ds[:len(ds)-len(after)], in[:len(in)-len(after)]
		}
		if d != "" || in != "" {
			endEqual()
		}
		if d != "" {
			out = append(out, Op{Kind: Delete, Text: ds, Old: d})
		}
		if in != "" {
			out = append(out, Op{Kind: Insert, Text: in, New: in})
		}
		if after != "" {
			a := after
			after = ""
			addEqual(a, a)
		}
		del.Reset()
		delShown.Reset()
		ins.Reset()
		pending = false
	}
	for i := 0; i < len(edits); i++ {
		e := edits[i]
		switch e.kind {
		case Delete:
			del.WriteString(a[e.i].text)
			delShown.WriteString(a[e.i].shown)
			pending = true
		case Insert:
			ins.WriteString(b[e.j].text)
			pending = true
		case Equal:
			t := a[e.i]
			// A lone space between two changes joins them.
			if pending && isSpaceToken(t.text) && i+1 < len(edits) && edits[i+1].kind != Equal {
				del.WriteString(t.text)
				delShown.WriteString(t.shown)
				ins.WriteString(b[e.j].text)
				continue
			}
			if pending {
				flush()
			}
			addEqual(t.text, b[e.j].text)
		}
	}
	if pending {
		flush()
	}
	endEqual()
	return out
}

// commonSpace returns the whitespace both a and b start with (or end with,
// when suffix is set).
func commonSpace(a, b string, suffix bool) string {
	n := 0
	for n < len(a) && n < len(b) {
		var ca, cb byte
		if suffix {
			ca, cb = a[len(a)-1-n], b[len(b)-1-n]
		} else {
			ca, cb = a[n], b[n]
		}
		if ca != cb || (ca != ' ' && ca != '\t' && ca != '\n') {
			break
		}
		n++
	}
	// Keep at least one character of each side.
	n = min(n, len(a)-1, len(b)-1)
	if n <= 0 {
		return ""
	}
	if suffix {
		return a[len(a)-n:]
	}
	return a[:n]
}
