package fix

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/ecanplus/factsheet/internal/source"
)

// Edit replaces the bytes [Start, End) of a text with New. A fix is a list
// of edits on the original bytes of the file, so everything they do not
// touch stays exactly as the author wrote it.
type Edit struct {
	Start, End int
	New        string
}

// sortEdits orders edits by position (an insertion before a replacement at
// the same place) and reports whether they are free of overlaps.
func sortEdits(es []Edit) bool {
	slices.SortStableFunc(es, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	for i := 1; i < len(es); i++ {
		if es[i].Start < es[i-1].End || es[i].Start == es[i-1].Start && es[i].Start == es[i-1].End && es[i].End == es[i].Start {
			return false // two edits on the same bytes, or two insertions at one place
		}
	}
	return true
}

// apply applies sorted, non-overlapping edits to b in one pass.
func apply(b []byte, es []Edit) []byte {
	n := len(b)
	for _, e := range es {
		n += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, n)
	last := 0
	for _, e := range es {
		out = append(out, b[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, b[last:]...)
}

// overlaps reports whether any edit of a touches the bytes of an edit of b
// (both sorted). Touching ends count: two fixes that meet at a byte are
// applied in different passes, so neither sees the other's text half-made.
func overlaps(a, b []Edit) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x.Start <= y.End && y.Start <= x.End {
			return true
		}
		if x.End < y.End {
			i++
		} else {
			j++
		}
	}
	return false
}

// piece is a part of an edited text: a range of the original bytes kept
// as they are, or inserted text (keep false).
type piece struct {
	keep       bool
	start, end int // of the original, when keep
	text       string
}

// compose returns the edits on the original that have the effect of
// applying base (on the original) and then next (on base's result). Both
// are sorted and non-overlapping; the work is linear in the edits and the
// length of the text they insert, never in the length of the file.
func compose(n int, base, next []Edit) []Edit {
	// The text after base, as pieces.
	var ps []piece
	last := 0
	for _, e := range base {
		if e.Start > last {
			ps = append(ps, piece{keep: true, start: last, end: e.Start})
		}
		if e.New != "" {
			ps = append(ps, piece{text: e.New})
		}
		last = e.End
	}
	if last < n {
		ps = append(ps, piece{keep: true, start: last, end: n})
	}
	// Apply next on the pieces: copy what lies before each edit, put its
	// text in, skip what it replaces.
	var out []piece
	pos, k := 0, 0 // position in base's result; the piece being read
	off := 0       // bytes of piece k already consumed
	length := func(p piece) int {
		if p.keep {
			return p.end - p.start
		}
		return len(p.text)
	}
	take := func(upto int, emit bool) {
		for pos < upto && k < len(ps) {
			p := ps[k]
			rest := length(p) - off
			step := min(rest, upto-pos)
			if emit {
				if p.keep {
					out = append(out, piece{keep: true, start: p.start + off, end: p.start + off + step})
				} else {
					out = append(out, piece{text: p.text[off : off+step]})
				}
			}
			pos += step
			off += step
			if off == length(p) {
				k, off = k+1, 0
			}
		}
	}
	for _, e := range next {
		take(e.Start, true)
		if e.New != "" {
			out = append(out, piece{text: e.New})
		}
		take(e.End, false)
	}
	take(1<<62, true)
	// Back to edits: every gap between kept ranges, and every insertion,
	// is an edit of the original.
	var es []Edit
	at := 0
	var ins strings.Builder
	flush := func(upto int) {
		if upto != at || ins.Len() > 0 {
			es = append(es, Edit{Start: at, End: upto, New: ins.String()})
			ins.Reset()
		}
	}
	for _, p := range out {
		if !p.keep {
			ins.WriteString(p.text)
			continue
		}
		if p.start == at && ins.Len() == 0 {
			at = p.end
			continue
		}
		flush(p.start)
		at = p.end
	}
	flush(n)
	return es
}

// rawText maps offsets in a file's decoded text (UTF-8, "\n" line ends)
// to offsets in its bytes (a byte order mark, CRLF or CR line ends), so a
// fix made on the text edits the bytes and keeps the file's own encoding
// and line ends.
type rawText struct {
	raw        []byte
	text       *source.File
	rawStarts  []int // byte offset of each line in raw
	textStarts []int
	ends       []string // each line's own line end in raw ("" for the last)
}

// newRawText indexes raw, whose decoded text is f. It returns nil when the
// bytes are not UTF-8 (UTF-16 is decoded, not mapped byte for byte) or do
// not line up with the text.
func newRawText(raw []byte, f *source.File) *rawText {
	bom := 0
	switch f.Encoding {
	case "UTF-8":
	case "UTF-8 with BOM":
		bom = 3
	default:
		return nil
	}
	rt := &rawText{raw: raw, text: f}
	rt.rawStarts = append(rt.rawStarts, bom)
	for i := bom; i < len(raw); i++ {
		switch raw[i] {
		case '\n':
			rt.ends = append(rt.ends, "\n")
			rt.rawStarts = append(rt.rawStarts, i+1)
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				rt.ends = append(rt.ends, "\r\n")
				i++
			} else {
				rt.ends = append(rt.ends, "\r")
			}
			rt.rawStarts = append(rt.rawStarts, i+1)
		}
	}
	rt.ends = append(rt.ends, "")
	if len(rt.rawStarts) != f.Lines() {
		return nil
	}
	rt.textStarts = make([]int, f.Lines())
	for l := range rt.textStarts {
		rt.textStarts[l] = f.Offset(l+1, 1)
	}
	return rt
}

// lineOf is the 0-based line of a text offset.
func (rt *rawText) lineOf(off int) int {
	l, found := slices.BinarySearch(rt.textStarts, off)
	if !found {
		l--
	}
	return max(l, 0)
}

// raw maps a text offset to a byte offset. The offset just after a line's
// text (its "\n") maps to the start of the raw line end, so an edit that
// ends there keeps the line end.
func (rt *rawText) rawOffset(off int) int {
	l := rt.lineOf(off)
	return rt.rawStarts[l] + off - rt.textStarts[l]
}

// edits maps edits on the text to edits on the bytes; a "\n" in inserted
// text becomes the line end of the line the edit starts on (CRLF stays
// CRLF).
func (rt *rawText) edits(es []Edit) []Edit {
	out := make([]Edit, 0, len(es))
	for _, e := range es {
		r := Edit{Start: rt.rawOffset(e.Start), End: rt.rawOffset(e.End), New: e.New}
		if strings.Contains(e.New, "\n") {
			end := rt.ends[rt.lineOf(e.Start)]
			if end == "" {
				end = rt.ends[0]
			}
			if end != "\n" && end != "" {
				r.New = strings.ReplaceAll(e.New, "\n", end)
			}
		}
		out = append(out, r)
	}
	return out
}

// lineStarts lists the byte offsets where the lines of b start ("\n"
// ends a line; a "\r" before it stays part of the line's text).
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return starts
}
