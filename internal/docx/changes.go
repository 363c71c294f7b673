package docx

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Tracked changes: WriteChanges writes the new version of a factsheet with
// every difference from the old one as a Word tracked change, so an expert
// or coordinator sees the round in Word's review pane and accepts or
// rejects each change. Reading the document with every change accepted
// gives the new version; with every change rejected, the old one.
//
// The two versions are compared as their canonical text layouts: blocks (a
// paragraph, a list item, a table row) aligned by their keys — a row by its
// label, so rows match whatever moved around them — and, within a pair,
// tokens (words, spaces, and each link, emphasis or footnote reference as
// one token, so that each side of a change stays whole). Footnotes are
// compared by their text, never by their number: Word numbers them, so a
// renumbering is no change.

const (
	revInsert byte = 'i'
	revDelete byte = 'd'
)

// Markers of tracked changes in the text given to the run writer. They are
// control characters, which the layout never holds (text is written
// without them: XML cannot carry them).
const (
	markIns    = "\x1c"
	markInsEnd = "\x1d"
	markDel    = "\x1e"
	markDelEnd = "\x1f"
	markers    = markIns + markInsEnd + markDel + markDelEnd
)

func markerRev(c byte) byte {
	switch string(c) {
	case markIns:
		return revInsert
	case markDel:
		return revDelete
	}
	return 0
}

var revClose = map[byte]string{revInsert: `</w:ins>`, revDelete: `</w:del>`}

// revOpen opens a tracked change of the writer's author and date.
func (w *writer) revOpen(rev byte) string {
	w.revID++
	tag := "w:ins"
	if rev == revDelete {
		tag = "w:del"
	}
	return fmt.Sprintf(`<%s w:id="%d" w:author="%s" w:date="%s">`, tag, 100000+w.revID, xmlAttr(w.author), xmlAttr(w.date))
}

// revRun writes a run (a footnote reference, a break) inside a tracked
// change when rev says so.
func (w *writer) revRun(b *strings.Builder, rev byte, run string) {
	if rev == 0 {
		b.WriteString(run)
		return
	}
	b.WriteString(w.revOpen(rev) + run + revClose[rev])
}

// revMark is the paragraph mark's (or row's) revision element.
func (w *writer) revMark(rev byte) string {
	if rev == 0 {
		return ""
	}
	s := w.revOpen(rev)
	return strings.Replace(s, ">", "/>", 1)
}

// WriteChanges writes the new layout as a Word document in which every
// difference from the old layout is a tracked change by author on date
// (ISO 8601).
func WriteChanges(oldLayout, newLayout string, meta Meta, author, date string) []byte {
	oldLines, newLines := splitLines(oldLayout), splitLines(newLayout)
	w := &writer{notes: map[string]string{}, noteID: map[string]int{}, relID: map[string]string{},
		noteLines: map[string][2]int{}, byLine: map[int][]int{}, author: author, date: date}
	unify(w, oldLines, newLines)
	w.unrefRev = uncited(oldLines, newLines)
	ob, nb := blocksOf(oldLines), blocksOf(newLines)
	w.changes(align(ob, nb))
	return w.pack(meta)
}

func splitLines(layout string) []string {
	return strings.Split(strings.ReplaceAll(layout, "\r\n", "\n"), "\n")
}

var supRef = regexp.MustCompile(`<sup>\s*([A-Za-z0-9_.-]+)\s*</sup>`)

// unify relabels the footnotes of both versions by their text: the same
// footnote gets the same label in both, whatever its number, and the
// writer's footnotes are the union.
func unify(w *writer, oldLines, newLines []string) {
	byText := map[string]string{}
	relabel := func(lines []string) {
		tmp := &writer{notes: map[string]string{}, noteLines: map[string][2]int{}}
		tmp.collectNotes(lines)
		// In the order of their definitions, so that two footnotes citing
		// the same source (a repeated text) stay two, matched in order.
		labels := make([]string, 0, len(tmp.notes))
		for label := range tmp.notes {
			labels = append(labels, label)
		}
		sort.Slice(labels, func(i, j int) bool { return tmp.noteLines[labels[i]][0] < tmp.noteLines[labels[j]][0] })
		local := map[string]string{}
		seen := map[string]int{}
		for _, label := range labels {
			text := tmp.notes[label]
			key := strings.Join(strings.Fields(text), " ")
			seen[key]++
			key += "\x00" + strconv.Itoa(seen[key])
			u, ok := byText[key]
			if !ok {
				u = strconv.Itoa(len(byText) + 1)
				byText[key] = u
				w.notes[u] = text
			}
			local[label] = u
		}
		for i, l := range lines {
			lines[i] = supRef.ReplaceAllStringFunc(l, func(m string) string {
				label := supRef.FindStringSubmatch(m)[1]
				if u, ok := local[label]; ok {
					return "<sup>" + u + "</sup>"
				}
				return m
			})
		}
	}
	relabel(newLines) // the new version's footnotes first: its numbering wins
	relabel(oldLines)
}

// uncited finds the footnotes (by unified label) that no text of a
// version cites: kept when neither version cites them, inserted when only
// the new one leaves them uncited, deleted when only the old one does.
func uncited(oldLines, newLines []string) map[string]byte {
	sets := func(lines []string) (defined, cited map[string]bool) {
		defined, cited = map[string]bool{}, map[string]bool{}
		for _, l := range lines {
			body := l
			if m := footdefLine.FindStringSubmatch(l); m != nil && !strings.Contains(l, "\t") {
				defined[m[1]] = true
				body = l[len(m[0]):]
			}
			for _, m := range supRef.FindAllStringSubmatch(body, -1) {
				cited[m[1]] = true
			}
		}
		return defined, cited
	}
	od, oc := sets(oldLines)
	nd, nc := sets(newLines)
	out := map[string]byte{}
	for l := range nd {
		if !nc[l] {
			if od[l] && !oc[l] {
				out[l] = 0
			} else {
				out[l] = revInsert
			}
		}
	}
	for l := range od {
		if !oc[l] && !(nd[l] && !nc[l]) {
			out[l] = revDelete
		}
	}
	return out
}

// An lblock is a block of the layout: a paragraph, a list item or a table row of a layout, with its
// continuation lines; footnote definitions are not blocks (their texts are
// the writer's footnotes).
type lblock struct {
	kind byte // 'r' row, 'p' paragraph (its first line says which kind)
	text string
	key  string
}

func blocksOf(lines []string) []lblock {
	var out []lblock
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.Contains(l, "\t") {
			label := strings.Join(strings.Fields(strings.SplitN(l, "\t", 2)[0]), " ")
			out = append(out, lblock{kind: 'r', text: l, key: "r:" + label})
			continue
		}
		text := l
		for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !isLandmark(lines[i+1]) {
			i++
			text += "\n" + lines[i]
		}
		if footdefLine.MatchString(l) {
			continue
		}
		out = append(out, lblock{kind: 'p', text: text, key: "p:" + text})
	}
	return out
}

// pair is one block of the merged document: in both versions (old and new
// set), only in the new one (inserted) or only in the old one (deleted).
type pair struct{ old, new *lblock }

// align pairs the blocks of the two versions: equal keys by a longest
// common subsequence, then, in each gap, blocks of the same kind side by
// side (a paragraph reworded, a row relabelled).
func align(ob, nb []lblock) []pair {
	n, m := len(ob), len(nb)
	// LCS table over keys; layouts have a few hundred blocks.
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ob[i].key == nb[j].key {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []pair
	var gapOld, gapNew []int
	flush := func() {
		// Same-kind blocks in a gap are changes of each other, in order.
		k := 0
		for _, oi := range gapOld {
			for k < len(gapNew) && nb[gapNew[k]].kind != ob[oi].kind {
				out = append(out, pair{new: &nb[gapNew[k]]})
				k++
			}
			if k < len(gapNew) {
				out = append(out, pair{old: &ob[oi], new: &nb[gapNew[k]]})
				k++
			} else {
				out = append(out, pair{old: &ob[oi]})
			}
		}
		for ; k < len(gapNew); k++ {
			out = append(out, pair{new: &nb[gapNew[k]]})
		}
		gapOld, gapNew = nil, nil
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ob[i].key == nb[j].key:
			flush()
			out = append(out, pair{old: &ob[i], new: &nb[j]})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			gapNew = append(gapNew, j)
			j++
		default:
			gapOld = append(gapOld, i)
			i++
		}
	}
	flush()
	return out
}

// changes writes the merged blocks.
func (w *writer) changes(pairs []pair) {
	var rows []rowChange
	flushRows := func() {
		if rows != nil {
			w.changedTable(rows)
			rows = nil
		}
	}
	for _, p := range pairs {
		b := p.new
		if b == nil {
			b = p.old
		}
		if b.kind == 'r' {
			rows = append(rows, rowChange{p})
			continue
		}
		flushRows()
		w.changedPara(p)
	}
	flushRows()
	w.unreferenced()
}

type rowChange struct{ pair }

// changedPara writes a paragraph block: kept, reworded word by word,
// inserted or deleted (its mark too, so that accepting or rejecting every
// change gives each version's paragraphs).
func (w *writer) changedPara(p pair) {
	var html, first string
	var mark byte
	switch {
	case p.old == nil:
		html, first, mark = markIns+blockHTML(p.new.text)+markInsEnd, p.new.text, revInsert
	case p.new == nil:
		html, first, mark = markDel+blockHTML(p.old.text)+markDelEnd, p.old.text, revDelete
	default:
		html, first = mergeHTML(blockHTML(p.old.text), blockHTML(p.new.text)), p.new.text
	}
	style, props := blockStyle(first)
	b := &w.body
	b.WriteString(`<w:p><w:pPr>`)
	if style != "" {
		b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	b.WriteString(props)
	if mark != 0 {
		b.WriteString(`<w:rPr>` + w.revMark(mark) + `</w:rPr>`)
	}
	b.WriteString(`</w:pPr>`)
	w.inline(b, html)
	b.WriteString(`</w:p>`)
}

// blockStyle is the paragraph style a layout line is written in, as
// bodyFrom writes it.
func blockStyle(line string) (style, props string) {
	switch {
	case strings.HasPrefix(line, "# "):
		return "Title", ""
	case chapterLine.MatchString(line):
		return "Heading1", ""
	case strings.HasPrefix(line, "#"):
		return "Heading2", ""
	case bulletLine.MatchString(line):
		return "ListBullet", listPr(0)
	case captionLine.MatchString(line):
		return "Caption", ""
	}
	return "", ""
}

// blockHTML is the inline HTML of a paragraph block (headings as plain
// text, list items without their bullet).
func blockHTML(text string) string {
	switch {
	case strings.HasPrefix(text, "#"):
		return html.EscapeString(strings.TrimSpace(strings.TrimLeft(text, "#")))
	case bulletLine.MatchString(text):
		return mdToHTML(text[len(bulletLine.FindString(text)):])
	case captionLine.MatchString(text):
		return mdToHTML(text)
	}
	return mdToHTML(text)
}

// changedTable writes consecutive row blocks as one table; inserted and
// deleted rows are tracked as rows, kept rows are compared cell by cell.
func (w *writer) changedTable(rows []rowChange) {
	var cells [][]string
	var revs []byte
	for _, r := range rows {
		switch {
		case r.old == nil:
			cells = append(cells, wrapCells(strings.Split(r.new.text, "\t"), markIns, markInsEnd))
			revs = append(revs, revInsert)
		case r.new == nil:
			cells = append(cells, wrapCells(strings.Split(r.old.text, "\t"), markDel, markDelEnd))
			revs = append(revs, revDelete)
		default:
			oc, nc := strings.Split(r.old.text, "\t"), strings.Split(r.new.text, "\t")
			merged := make([]string, max(len(oc), len(nc)))
			for k := range merged {
				var o, n string
				if k < len(oc) {
					o = oc[k]
				}
				if k < len(nc) {
					n = nc[k]
				}
				merged[k] = mergeCell(o, n)
			}
			cells = append(cells, merged)
			revs = append(revs, 0)
		}
	}
	w.rowRevs = revs
	w.table(cells, make([]int, len(cells)))
	w.rowRevs = nil
}

func wrapCells(cells []string, open, end string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if strings.TrimSpace(c) != "" {
			out[i] = open + c + end
		}
	}
	return out
}

// structTag finds the block tags of a cell: when it differs, the
// cell is replaced whole (its old paragraphs deleted, the new inserted).
var structTag = regexp.MustCompile(`</?(?:p|ul|li)\b[^>]*>`)

func mergeCell(o, n string) string {
	if o == n {
		return n
	}
	if strings.Join(structTag.FindAllString(o, -1), "") != strings.Join(structTag.FindAllString(n, -1), "") {
		var b strings.Builder
		if strings.TrimSpace(o) != "" {
			b.WriteString(markDel + o + markDelEnd)
		}
		if strings.TrimSpace(n) != "" {
			b.WriteString(markIns + n + markInsEnd)
		}
		return b.String()
	}
	// The same paragraphs and lists: compare the text between lblock tags.
	os, ns := structTag.Split(o, -1), structTag.Split(n, -1)
	tags := structTag.FindAllString(n, -1)
	var b strings.Builder
	for i := range ns {
		b.WriteString(mergeHTML(os[i], ns[i]))
		if i < len(tags) {
			b.WriteString(tags[i])
		}
	}
	return b.String()
}

// inlineToken matches one token of inline HTML: an element that must stay
// whole (a link, emphasis, a superscript), another tag, a word, or spaces.
var inlineToken = regexp.MustCompile(`(?s)<(a|b|strong|i|em|sup)\b[^>]*>.*?</(?:a|b|strong|i|em|sup)>|<[^>]*>|[^\s<]+|\s+|<`)

func htmlTokens(h string) []string { return inlineToken.FindAllString(h, -1) }

// mergeHTML writes new with what differs from old marked: deleted tokens
// before inserted ones in each changed run.
func mergeHTML(o, n string) string {
	if o == n {
		return n
	}
	ot, nt := htmlTokens(o), htmlTokens(n)
	if len(ot)*len(nt) > 4_000_000 {
		// Too long to align word by word: one replacement.
		return wrap(o, markDel, markDelEnd) + wrap(n, markIns, markInsEnd)
	}
	lcs := make([][]int32, len(ot)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(nt)+1)
	}
	for i := len(ot) - 1; i >= 0; i-- {
		for j := len(nt) - 1; j >= 0; j-- {
			if ot[i] == nt[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b, del, ins strings.Builder
	flush := func() {
		b.WriteString(wrap(del.String(), markDel, markDelEnd))
		b.WriteString(wrap(ins.String(), markIns, markInsEnd))
		del.Reset()
		ins.Reset()
	}
	i, j := 0, 0
	for i < len(ot) || j < len(nt) {
		switch {
		case i < len(ot) && j < len(nt) && ot[i] == nt[j]:
			flush()
			b.WriteString(nt[j])
			i++
			j++
		case j < len(nt) && (i == len(ot) || lcs[i][j+1] >= lcs[i+1][j]):
			ins.WriteString(nt[j])
			j++
		default:
			del.WriteString(ot[i])
			i++
		}
	}
	flush()
	return b.String()
}

func wrap(s, open, end string) string {
	if s == "" {
		return ""
	}
	return open + s + end
}
