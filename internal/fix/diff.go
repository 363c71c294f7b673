package fix

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// contextLines is the number of unchanged lines a hunk shows around a
// change, as diff -u does.
const contextLines = 3

// Diff writes the unified diff of applying edits (sorted, non-overlapping,
// on the bytes of orig) under the file's name, as `diff -u` would write it
// for the two versions. It is computed from the edits, not by comparing
// the two texts: linear in the file and the edits, whatever their number.
// Lines keep their own line ends (a CRLF file's diff has CRLF lines, as
// git's). Empty when the edits change nothing.
func Diff(name string, orig []byte, edits []Edit) string {
	edits = effective(orig, edits)
	if len(edits) == 0 {
		return ""
	}
	starts := lineStarts(orig)
	nLines := len(starts)
	if starts[nLines-1] == len(orig) && nLines > 1 {
		nLines-- // a final line end does not start a line
	}
	lineOf := func(off int) int { return sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1 }
	lineEnd := func(l int) int { // offset just past line l, its line end included
		if l+1 < len(starts) {
			return starts[l+1]
		}
		return len(orig)
	}
	// The lines each edit touches, grouped into hunks with their context.
	type hunk struct {
		from, to int // lines [from, to] of orig, context included
		edits    []Edit
	}
	var hunks []hunk
	// The lines an edit changes: those its bytes are on, and the line
	// after when it takes away a line end without giving one back (the
	// two lines become one).
	span := func(e Edit) (first, last int) {
		first, last = lineOf(e.Start), lineOf(e.Start)
		if e.End > e.Start {
			last = lineOf(e.End - 1)
			whole := e.Start == starts[first] && e.New == "" // whole lines deleted
			if orig[e.End-1] == '\n' && !strings.HasSuffix(e.New, "\n") && !whole && e.End < len(orig) {
				last = lineOf(e.End)
			}
		}
		return first, last
	}
	for _, e := range edits {
		first, last := span(e)
		from, to := max(first-contextLines, 0), min(last+contextLines, nLines-1)
		if to < from {
			to = from
		}
		if n := len(hunks); n > 0 && from <= hunks[n-1].to+1 {
			hunks[n-1].to = max(hunks[n-1].to, to)
			hunks[n-1].edits = append(hunks[n-1].edits, e)
			continue
		}
		hunks = append(hunks, hunk{from: from, to: to, edits: []Edit{e}})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", name, name)
	delta := 0 // lines added minus removed by the hunks before
	for _, h := range hunks {
		// The hunk's body: each cluster of edits on the same lines as the
		// lines it removes and the lines it adds; the lines between
		// clusters, and around them, as context.
		var body strings.Builder
		nOld, nNew := 0, 0
		line := h.from
		context := func(upto int) {
			for ; line < upto; line++ {
				writeLines(&body, ' ', [][]byte{orig[starts[line]:lineEnd(line)]})
				nOld++
				nNew++
			}
		}
		for i := 0; i < len(h.edits); {
			first, last := span(h.edits[i])
			j := i
			for ; j < len(h.edits); j++ {
				f, l := span(h.edits[j])
				if f > last {
					break
				}
				last = max(last, l)
			}
			context(first)
			start, end := starts[first], lineEnd(last)
			shifted := make([]Edit, 0, j-i)
			for _, e := range h.edits[i:j] {
				shifted = append(shifted, Edit{Start: e.Start - start, End: e.End - start, New: e.New})
			}
			oldLines, newLines := splitLines(orig[start:end]), splitLines(apply(orig[start:end], shifted))
			writeChanged(&body, oldLines, newLines)
			nOld += len(oldLines)
			nNew += len(newLines)
			line = last + 1
			i = j
		}
		context(h.to + 1)
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(h.from+1, nOld), hunkRange(h.from+1+delta, nNew))
		b.WriteString(body.String())
		delta += nNew - nOld
	}
	return b.String()
}

// effective drops the edits that replace bytes by the same bytes.
func effective(orig []byte, edits []Edit) []Edit {
	out := edits[:0:0]
	for _, e := range edits {
		if string(orig[e.Start:e.End]) != e.New {
			out = append(out, e)
		}
	}
	return out
}

// writeChanged writes a changed block line by line where the two sides
// have as many lines (a renumbered reference: each line removed, then
// added, next to its old self, as reviewers read it best), else as one
// block removed and one added.
func writeChanged(b *strings.Builder, old, nw [][]byte) {
	if len(old) == len(nw) {
		for i := range old {
			if bytes.Equal(old[i], nw[i]) {
				writeLines(b, ' ', old[i:i+1])
				continue
			}
			writeLines(b, '-', old[i:i+1])
			writeLines(b, '+', nw[i:i+1])
		}
		return
	}
	writeLines(b, '-', old)
	writeLines(b, '+', nw)
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits b after each "\n".
func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, b)
			break
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}

func writeLines(b *strings.Builder, mark byte, lines [][]byte) {
	for _, l := range lines {
		b.WriteByte(mark)
		b.Write(l)
		if !bytes.HasSuffix(l, []byte("\n")) {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
