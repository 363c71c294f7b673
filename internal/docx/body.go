package docx

import (
	"encoding/xml"
	"strings"
)

// The document as read: blocks of paragraphs and tables, with the text of
// each paragraph as runs of uniform formatting (segments).

type link struct {
	href   string // external target, or "" for an anchor alone
	anchor string // bookmark in this document ("" for none)
}

type seg struct {
	text              string
	bold, italic, sup bool
	link              *link
	note              *noteRef // a footnote or endnote reference
	ref               bool     // a superscript that cites a footnote by its number (NOTEREF, a typed footnote's label)
	brk               bool     // a line break
}

type para struct {
	style    string
	outline  int // direct w:outlineLvl, 1-based
	list     bool
	level    int // list level (w:ilvl), 0 outermost
	segs     []seg
	markJoin bool  // the paragraph mark is gone in the view read (a pending deletion, or an insertion when rejected): joins the next paragraph
	reviews  []int // reviews that happen in this paragraph
}

type table struct{ rows []*trow }

type trow struct {
	cells   []*tcell
	header  bool
	deleted bool  // gone in the view read (deleted, or inserted when rejected)
	reviews []int // the row's own insertion or deletion
}

type tcell struct {
	blocks []block
	span   int
	vcont  bool // continues a vertical merge: empty in the layout
}

type block struct {
	p *para
	t *table
}

type noteRef struct {
	kind, id string
	label    string // the number Word shows, given in document order
}

type note struct {
	paras []*para
}

// field is a complex field (fldChar begin ... separate ... end) being read.
type field struct {
	instr   strings.Builder
	result  bool // past "separate": runs are the displayed result
	link    *link
	noteref bool // NOTEREF: the result is a footnote's number
}

// kindMoveFrom is the old place of moved text; reported only when its new
// place is not in the document.
const kindMoveFrom = "move away (the text's old place)"

type revision struct {
	review int
}

type parser struct {
	st      *styles
	rels    map[string]rel // of the part being read
	docRels map[string]rel // of the document part

	body      []block
	bookmarks map[string]bool
	refs      []*noteRef
	noteText  map[string]*note // by kind + id

	reviews    []Review
	revs       []revision
	deleted    int            // inside a revision hidden in the view read (w:del, or w:ins when rejecting)
	reject     bool           // read the document with every change rejected
	literalSup bool           // typed superscripts are not citations (the document has real footnotes)
	commentAt  map[string]int // comment id -> review index
	open       map[string]bool
	pending    []string // comment ranges started between paragraphs
	cur        *para
	fields     []*field
}

func newParser(st *styles) *parser {
	return &parser{st: st, bookmarks: map[string]bool{}, noteText: map[string]*note{},
		commentAt: map[string]int{}, open: map[string]bool{}}
}

// document reads word/document.xml.
func (ps *parser) document(b []byte) error {
	t := newTokens(b)
	return t.top("body", func(xml.StartElement) error { return ps.blocks(t, &ps.body) })
}

// blocks reads the block-level children of the element just started.
func (ps *parser) blocks(t *tokens, into *[]block) error {
	return t.each(func(e xml.StartElement) error { return ps.block(t, e, into) })
}

// block reads one block-level element: a paragraph, a table, or what wraps
// them.
func (ps *parser) block(t *tokens, e xml.StartElement, into *[]block) error {
	switch e.Name.Local {
	case "p":
		p, err := ps.paragraph(t)
		if err != nil {
			return err
		}
		*into = append(*into, block{p: p})
	case "tbl":
		tb, err := ps.table(t)
		if err != nil {
			return err
		}
		*into = append(*into, block{t: tb})
	case "sdt", "sdtContent", "customXml", "smartTag":
		return ps.blocks(t, into) // wrappers: their content is the document's
	case "ins", "moveTo", "del", "moveFrom":
		if !ps.hides(e.Name.Local) {
			return ps.blocks(t, into)
		}
		ps.deleted++
		var dropped []block
		err := ps.blocks(t, &dropped)
		ps.deleted--
		return err
	case "AlternateContent":
		return ps.alternate(t, func() error { return ps.blocks(t, into) })
	case "commentRangeStart":
		id := attr(e, "id")
		ps.pending = append(ps.pending, id)
		ps.open[id] = true
	case "commentRangeEnd":
		delete(ps.open, attr(e, "id"))
	case "bookmarkStart":
		ps.bookmarks[attr(e, "name")] = true
	}
	// sdtPr, sectPr, tcPr, bookmarkEnd, proofErr, permStart...: no content.
	return nil
}

// alternate reads mc:AlternateContent through its mc:Fallback, which
// every consumer understands and Word always writes; the mc:Choice
// branches (drawings, new symbol forms) are skipped. Streaming XML cannot
// look ahead, so a choice is never read as a stand-in.
func (ps *parser) alternate(t *tokens, read func() error) error {
	return t.each(func(e xml.StartElement) error {
		if e.Name.Local == "Fallback" {
			return read()
		}
		return nil
	})
}

// table reads w:tbl: its rows, also those inside wrappers.
func (ps *parser) table(t *tokens) (*table, error) {
	tb := &table{}
	var rows func(e xml.StartElement) error
	rows = func(e xml.StartElement) error {
		switch e.Name.Local {
		case "tr":
			r, err := ps.row(t)
			if err != nil {
				return err
			}
			tb.rows = append(tb.rows, r)
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			return t.each(rows)
		}
		return nil
	}
	return tb, t.each(rows)
}

func (ps *parser) row(t *tokens) (*trow, error) {
	r := &trow{}
	var cells func(e xml.StartElement) error
	cells = func(e xml.StartElement) error {
		switch e.Name.Local {
		case "trPr":
			return t.each(func(e xml.StartElement) error {
				switch e.Name.Local {
				case "tblHeader":
					r.header = on(e)
				case "del":
					// A deleted row: gone once the change is accepted.
					r.deleted = r.deleted || !ps.reject
					r.reviews = append(r.reviews, ps.addReview(Review{Rule: RuleRevision, Kind: "deletion of a table row", Author: attr(e, "author"), Date: attr(e, "date")}))
				case "ins":
					r.deleted = r.deleted || ps.reject
					r.reviews = append(r.reviews, ps.addReview(Review{Rule: RuleRevision, Kind: "insertion of a table row", Author: attr(e, "author"), Date: attr(e, "date")}))
				}
				return nil
			})
		case "tc":
			c, err := ps.cell(t)
			if err != nil {
				return err
			}
			r.cells = append(r.cells, c)
		case "sdt", "sdtContent", "customXml":
			return t.each(cells)
		}
		return nil
	}
	return r, t.each(cells)
}

func (ps *parser) cell(t *tokens) (*tcell, error) {
	c := &tcell{span: 1}
	err := t.each(func(e xml.StartElement) error {
		if e.Name.Local != "tcPr" {
			return ps.block(t, e, &c.blocks)
		}
		return t.each(func(e xml.StartElement) error {
			switch e.Name.Local {
			case "gridSpan":
				if n := atoiSmall(attr(e, "val")); n > 1 {
					c.span = n
				}
			case "vMerge":
				v := attr(e, "val")
				c.vcont = v == "" || v == "continue"
			case "hMerge":
				if v := attr(e, "val"); v == "" || v == "continue" {
					c.span = 0 // merged into the cell before it
				}
			}
			return nil
		})
	})
	return c, err
}

// atoiSmall reads a small positive number (a column span), 0 otherwise.
func atoiSmall(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 64 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// runFmt is the formatting a run's properties give.
type runFmt struct{ bold, italic, sup bool }

// paragraph reads w:p.
func (ps *parser) paragraph(t *tokens) (*para, error) {
	p := &para{}
	outer := ps.cur
	ps.cur = p
	defer func() { ps.cur = outer }()
	for _, id := range ps.pending {
		ps.anchorComment(id)
	}
	ps.pending = ps.pending[:0]
	err := ps.inline(t, p, nil)
	p.segs = compact(p.segs)
	return p, err
}

// inline reads the inline children of the element just started (a
// paragraph, a hyperlink, a revision, a wrapper) into p.
func (ps *parser) inline(t *tokens, p *para, lk *link) error {
	return t.each(func(e xml.StartElement) error { return ps.inlineElement(t, p, lk, e) })
}

func (ps *parser) inlineElement(t *tokens, p *para, lk *link, e xml.StartElement) error {
	switch e.Name.Local {
	case "pPr":
		return ps.paraProps(t, p)
	case "r":
		return ps.run(t, p, lk)
	case "hyperlink":
		l := &link{anchor: t.attr(e, "anchor")}
		if id := t.relAttr(e, "id"); id != "" {
			r, ok := ps.rels[id]
			if !ok {
				r, ok = ps.docRels[id] // a note's link, written against the document's rels
			}
			if ok && r.external {
				l.href = r.target
			}
		}
		if l.href == "" && l.anchor == "" {
			l = lk // a link without a target is no link
		}
		return ps.inline(t, p, l)
	case "fldSimple":
		l := lk
		if hl := hyperlinkField(attr(e, "instr")); hl != nil {
			l = hl
		}
		return ps.inline(t, p, l)
	case "ins", "moveTo", "del", "moveFrom":
		kind := map[string]string{"ins": "insertion", "moveTo": "move", "del": "deletion", "moveFrom": kindMoveFrom}[e.Name.Local]
		ps.revs = append(ps.revs, revision{review: ps.addReview(Review{Rule: RuleRevision, Kind: kind, Author: attr(e, "author"), Date: attr(e, "date")})})
		hide := ps.hides(e.Name.Local)
		if hide {
			ps.deleted++
		}
		err := ps.inline(t, p, lk)
		if hide {
			ps.deleted--
		}
		ps.revs = ps.revs[:len(ps.revs)-1]
		return err
	case "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo":
		return ps.inline(t, p, lk)
	case "AlternateContent":
		return ps.alternate(t, func() error { return ps.inline(t, p, lk) })
	case "commentRangeStart":
		id := attr(e, "id")
		ps.anchorComment(id)
		ps.open[id] = true
	case "commentRangeEnd":
		delete(ps.open, attr(e, "id"))
	case "bookmarkStart":
		ps.bookmarks[attr(e, "name")] = true
	}
	// Everything else (proofErr, bookmarkEnd, permStart, oMath, sdtPr...)
	// carries no text the factsheet holds.
	return nil
}

func (ps *parser) paraProps(t *tokens, p *para) error {
	return t.each(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "pStyle":
			p.style = attr(e, "val")
		case "numPr":
			return t.each(func(e xml.StartElement) error {
				switch e.Name.Local {
				case "numId":
					p.list = attr(e, "val") != "0"
				case "ilvl":
					if n := atoiSmall(attr(e, "val")); n > 0 && n < 9 {
						p.level = n
					}
				}
				return nil
			})
		case "outlineLvl":
			p.outline = outlineLevel(attr(e, "val"))
		case "rPr":
			// The paragraph mark's properties: a deleted mark joins the
			// paragraph to the next once accepted.
			return t.each(func(e xml.StartElement) error {
				if (e.Name.Local == "del" || e.Name.Local == "ins") && ps.hides(e.Name.Local) {
					p.markJoin = true
				}
				return nil
			})
		case "pPrChange":
			ps.formatChange(e, p)
		}
		return nil
	})
}

func (ps *parser) formatChange(e xml.StartElement, p *para) {
	i := ps.addReview(Review{Rule: RuleRevision, Kind: "formatting change", Author: attr(e, "author"), Date: attr(e, "date")})
	if p != nil {
		p.reviews = append(p.reviews, i)
	}
}

// run reads w:r.
func (ps *parser) run(t *tokens, p *para, lk *link) error {
	var f runFmt
	return t.each(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "rPr":
			var err error
			f, err = ps.runProps(t, p)
			return err
		case "t", "delText":
			txt, err := t.text()
			if err != nil {
				return err
			}
			ps.addText(p, lk, f, txt)
		case "tab", "ptab":
			ps.addText(p, lk, f, " ")
		case "br", "cr":
			if attr(e, "type") == "page" || attr(e, "type") == "column" {
				ps.addText(p, lk, f, " ")
			} else {
				ps.inRevisions(p, " ")
				if ps.visible() {
					p.segs = append(p.segs, seg{brk: true})
				}
			}
		case "noBreakHyphen":
			ps.addText(p, lk, f, "\u2011")
		case "sym":
			if r := symbol(attr(e, "char")); r != "" {
				ps.addText(p, lk, f, r)
			}
		case "footnoteReference", "endnoteReference":
			ps.inRevisions(p, " [footnote] ")
			if ps.visible() {
				ref := &noteRef{kind: strings.TrimSuffix(e.Name.Local, "Reference"), id: attr(e, "id")}
				ps.refs = append(ps.refs, ref)
				p.segs = append(p.segs, seg{note: ref})
			}
		case "fldChar":
			ps.fieldChar(attr(e, "fldCharType"))
		case "instrText":
			txt, err := t.text()
			if err != nil {
				return err
			}
			if n := len(ps.fields); n > 0 && !ps.fields[n-1].result && ps.fields[n-1].instr.Len() < 4096 {
				ps.fields[n-1].instr.WriteString(txt)
			}
		case "commentReference":
			ps.anchorComment(attr(e, "id"))
		case "AlternateContent":
			// A run's alternate content (a symbol font, a drawing): the
			// text of its fallback, if any.
			return ps.alternate(t, func() error {
				return t.each(func(e xml.StartElement) error {
					if e.Name.Local != "t" {
						return nil
					}
					txt, err := t.text()
					ps.addText(p, lk, f, txt)
					return err
				})
			})
		}
		// drawing, pict, object, lastRenderedPageBreak, softHyphen...
		return nil
	})
}

// runProps reads w:rPr: bold, italic and superscript, directly or from a
// character style (direct formatting wins).
func (ps *parser) runProps(t *tokens, p *para) (runFmt, error) {
	var b, i, s, sb, si, ss int8
	err := t.each(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "rStyle":
			sb, si, ss = ps.st.emphasis(attr(e, "val"))
		case "b":
			b = tri(on(e))
		case "i":
			i = tri(on(e))
		case "vertAlign":
			s = tri(attr(e, "val") == "superscript")
		case "rPrChange":
			ps.formatChange(e, p)
		}
		return nil
	})
	pick := func(direct, style int8) bool { return direct > 0 || (direct == 0 && style > 0) }
	return runFmt{bold: pick(b, sb), italic: pick(i, si), sup: pick(s, ss)}, err
}

// visible reports whether text read now is in the document once changes
// are accepted.
func (ps *parser) visible() bool { return ps.deleted == 0 }

// hides reports whether the content of a revision element is left out of
// the view read: deletions once changes are accepted (the default),
// insertions once they are rejected.
func (ps *parser) hides(local string) bool {
	if ps.reject {
		return local == "ins" || local == "moveTo"
	}
	return local == "del" || local == "moveFrom"
}

// inField reports whether runs are a field's instructions (hidden), and the
// link a HYPERLINK field's result carries.
func (ps *parser) fieldState() (hidden bool, lk *link, noteref bool) {
	for _, f := range ps.fields {
		if !f.result {
			return true, nil, false
		}
		if f.link != nil {
			lk = f.link
		}
		noteref = noteref || f.noteref
	}
	return false, lk, noteref
}

func (ps *parser) fieldChar(typ string) {
	switch typ {
	case "begin":
		if len(ps.fields) < 64 {
			ps.fields = append(ps.fields, &field{})
		}
	case "separate":
		if n := len(ps.fields); n > 0 {
			f := ps.fields[n-1]
			f.result = true
			f.link = hyperlinkField(f.instr.String())
			// A NOTEREF field shows a footnote's number: another
			// citation of that footnote.
			f.noteref = strings.HasPrefix(strings.ToUpper(strings.TrimSpace(f.instr.String())), "NOTEREF")
		}
	case "end":
		if n := len(ps.fields); n > 0 {
			ps.fields = ps.fields[:n-1]
		}
	}
}

// hyperlinkField reads a HYPERLINK field instruction: HYPERLINK "url"
// [\l "anchor"] [\o "tooltip"] ...
func hyperlinkField(instr string) *link {
	instr = strings.TrimSpace(instr)
	if !strings.HasPrefix(strings.ToUpper(instr), "HYPERLINK") {
		return nil
	}
	rest := instr[len("HYPERLINK"):]
	l := &link{}
	for {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			break
		}
		sw := ""
		if rest[0] == '\\' && len(rest) > 1 {
			sw = rest[:2]
			rest = strings.TrimLeft(rest[2:], " \t")
		}
		var arg string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				arg, rest = rest[1:], ""
			} else {
				arg, rest = rest[1:1+end], rest[2+end:]
			}
		} else if sw == "" || sw == `\l` || sw == `\o` || sw == `\t` {
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			arg, rest = rest[:end], rest[end:]
		}
		switch sw {
		case "":
			if l.href == "" {
				l.href = arg
			}
		case `\l`:
			l.anchor = arg
		}
	}
	if l.href == "" && l.anchor == "" {
		return nil
	}
	return l
}

// addText appends text to the paragraph (or, inside a deletion, only to the
// pending change's record).
func (ps *parser) addText(p *para, lk *link, f runFmt, txt string) {
	if txt == "" {
		return
	}
	hidden, flk, noteref := ps.fieldState()
	if hidden {
		return
	}
	if flk != nil {
		lk = flk
	}
	ps.inRevisions(p, txt)
	if !ps.visible() {
		return
	}
	for id := range ps.open {
		if i, ok := ps.commentAt[id]; ok && ps.reviews[i].textLen < 400 {
			ps.reviews[i].Anchor += txt
			ps.reviews[i].textLen += len(txt)
		}
	}
	// Tabs and newlines in text would break the layout's rows.
	txt = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, txt)
	p.segs = append(p.segs, seg{text: txt, bold: f.bold, italic: f.italic, sup: f.sup || noteref, ref: noteref, link: lk})
}

// inRevisions records text (or a footnote reference, a break) as part of
// the tracked changes it is in, and places them in the paragraph.
func (ps *parser) inRevisions(p *para, txt string) {
	for _, r := range ps.revs {
		rv := &ps.reviews[r.review]
		if rv.textLen < 400 {
			rv.Text += txt
			rv.textLen += len(txt)
		}
		if !rv.placed {
			rv.placed = true
			p.reviews = append(p.reviews, r.review)
		}
	}
}

// compact merges neighbouring segments of the same formatting (Word splits
// runs at every edit session): in one pass, so a paragraph of a hundred
// thousand runs costs no more than its text.
func compact(segs []seg) []seg {
	out := segs[:0]
	var b strings.Builder
	for i := 0; i < len(segs); {
		s := segs[i]
		j := i + 1
		if !s.brk && s.note == nil {
			for j < len(segs) && sameFormat(s, segs[j]) {
				j++
			}
		}
		if j > i+1 {
			b.Reset()
			for _, t := range segs[i:j] {
				b.WriteString(t.text)
			}
			s.text = b.String()
		}
		out = append(out, s)
		i = j
	}
	return out
}

func sameFormat(a, b seg) bool {
	return !b.brk && b.note == nil && a.link == b.link && a.bold == b.bold && a.italic == b.italic && a.sup == b.sup && a.ref == b.ref
}

// symbol maps a w:sym character code (private-use range of a symbol font)
// to the characters factsheets use them for.
func symbol(code string) string {
	switch strings.ToUpper(strings.TrimPrefix(strings.ToUpper(code), "F0")) {
	case "B7", "A7":
		return "•"
	case "D8", "E0":
		return "→"
	}
	return ""
}

func (ps *parser) addReview(r Review) int {
	ps.reviews = append(ps.reviews, r)
	return len(ps.reviews) - 1
}

// anchorComment creates the review of a comment (filled from comments.xml
// later) the first time its id is seen, in the current paragraph.
func (ps *parser) anchorComment(id string) {
	if _, seen := ps.commentAt[id]; seen {
		return
	}
	i := ps.addReview(Review{Rule: RuleComment, Kind: "comment", id: id})
	ps.commentAt[id] = i
	if ps.cur != nil {
		ps.cur.reviews = append(ps.cur.reviews, i)
		ps.reviews[i].placed = true
	} else {
		ps.pending = append(ps.pending, id)
	}
}

// notes reads footnotes.xml or endnotes.xml.
func (ps *parser) notes(b []byte, kind string, rels map[string]rel) error {
	saved := ps.rels
	ps.rels = rels
	defer func() { ps.rels = saved }()
	t := newTokens(b)
	return t.top(kind, func(e xml.StartElement) error {
		if typ := attr(e, "type"); typ != "" && typ != "normal" {
			return nil // separators: not content
		}
		var blocks []block
		if err := ps.blocks(t, &blocks); err != nil {
			return err
		}
		n := &note{}
		flattenParas(blocks, &n.paras)
		ps.noteText[kind+":"+attr(e, "id")] = n
		return nil
	})
}

func flattenParas(blocks []block, out *[]*para) {
	for _, b := range blocks {
		if b.p != nil {
			*out = append(*out, b.p)
			continue
		}
		for _, r := range b.t.rows {
			for _, c := range r.cells {
				flattenParas(c.blocks, out)
			}
		}
	}
}

// comments reads comments.xml (and commentsExtended.xml for replies and
// resolved comments) into the reviews anchored while reading the document.
func (ps *parser) comments(b, ext []byte) error {
	parents, done := map[string]string{}, map[string]bool{}
	if ext != nil {
		err := newTokens(ext).top("commentEx", func(e xml.StartElement) error {
			id := attr(e, "paraId")
			if p := attr(e, "paraIdParent"); p != "" {
				parents[id] = p
			}
			done[id] = attr(e, "done") == "1"
			return nil
		})
		if err != nil {
			return err
		}
	}
	byPara := map[string]int{} // last paragraph id of a comment -> review
	var replies []int
	lastPara := map[int]string{}
	t := newTokens(b)
	err := t.top("comment", func(e xml.StartElement) error {
		id := attr(e, "id")
		i, anchored := ps.commentAt[id]
		if !anchored {
			i = ps.addReview(Review{Rule: RuleComment, Kind: "comment", id: id})
			ps.commentAt[id] = i
		}
		ps.reviews[i].Author, ps.reviews[i].Date = attr(e, "author"), attr(e, "date")
		var text strings.Builder
		var read func(e xml.StartElement) error
		read = func(e xml.StartElement) error {
			switch e.Name.Local {
			case "p":
				if pid := attr(e, "paraId"); pid != "" {
					lastPara[i] = pid
				}
				if text.Len() > 0 {
					text.WriteString(" ")
				}
			case "t":
				txt, err := t.text()
				if text.Len() < 2000 {
					text.WriteString(txt)
				}
				return err
			}
			return t.each(read)
		}
		if err := t.each(read); err != nil {
			return err
		}
		rv := &ps.reviews[i]
		rv.Text = strings.Join(strings.Fields(text.String()), " ")
		if pid := lastPara[i]; pid != "" {
			byPara[pid] = i
			rv.Resolved = done[pid]
			if parents[pid] != "" {
				replies = append(replies, i)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, i := range replies {
		if p, ok := byPara[parents[lastPara[i]]]; ok {
			ps.reviews[i].Kind = "reply"
			ps.reviews[i].ReplyTo = ps.reviews[p].Author
		}
	}
	return nil
}
