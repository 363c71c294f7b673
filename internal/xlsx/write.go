package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Namespaces and relationship types of the parts written.
const (
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDoc    = nsRel + "/officeDocument"
	relCore   = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp    = nsRel + "/extended-properties"
	relSheet  = nsRel + "/worksheet"
	relStyles = nsRel + "/styles"
	relShared = nsRel + "/sharedStrings"
	relTheme  = nsRel + "/theme"
	relLink   = nsRel + "/hyperlink"
	relNotes  = nsRel + "/comments"
	relVML    = nsRel + "/vmlDrawing"
	ctPrefix  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Write writes the workbook as an .xlsx package. Every zip entry is
// stamped with the day of Props.Created (or 1980-01-01, the first date a
// zip holds, if it has none), in a fixed order: [Content_Types].xml and
// the package relationships first, as Office writes them and as file-type
// detection expects, then by name. The bytes depend on the content alone.
func (w *Workbook) Write(out io.Writer) error {
	if w.err != nil {
		return w.err
	}
	if len(w.sheets) == 0 {
		return errNoSheets
	}
	if w.Active < 0 || w.Active >= len(w.sheets) {
		return fmt.Errorf("xlsx: no sheet %d to make active", w.Active)
	}
	modified := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if w.Props.Created != "" {
		t, err := time.Parse(time.RFC3339, w.Props.Created)
		if err != nil {
			return fmt.Errorf("xlsx: creation time: %w", err)
		}
		modified = t.UTC()
	}
	p := &pkg{parts: map[string][]byte{}, types: map[string]string{}}
	ss := &sharedStrings{index: map[string]int{}}
	var wbRels rels
	block := 1 // the next block of 1024 note shape ids
	for i, s := range w.sheets {
		n := strconv.Itoa(i + 1)
		name := "xl/worksheets/sheet" + n + ".xml"
		var sr rels
		if len(s.notes) > 0 {
			notes, vml := s.notesXML(w.NoteAuthor, block)
			block += (len(s.notes) + 1023) / 1024
			p.add("xl/comments"+n+".xml", ctPrefix+"comments+xml", notes)
			p.add("xl/drawings/vmlDrawing"+n+".vml", "", vml)
		}
		p.add(name, ctPrefix+"worksheet+xml", s.xml(w, i, ss, &sr, n))
		if len(sr) > 0 {
			p.add("xl/worksheets/_rels/sheet"+n+".xml.rels", "", sr.xml())
		}
		wbRels.add(relSheet, "worksheets/sheet"+n+".xml", false)
	}
	wbRels.add(relStyles, "styles.xml", false)
	wbRels.add(relShared, "sharedStrings.xml", false)
	wbRels.add(relTheme, "theme/theme1.xml", false)
	p.add("xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml", []byte(themeXML))
	p.add("xl/workbook.xml", ctPrefix+"sheet.main+xml", w.workbookXML())
	p.add("xl/_rels/workbook.xml.rels", "", wbRels.xml())
	p.add("xl/styles.xml", ctPrefix+"styles+xml", w.stylesXML())
	p.add("xl/sharedStrings.xml", ctPrefix+"sharedStrings+xml", ss.xml())
	p.add("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml", w.coreXML())
	p.add("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml", w.appXML())
	var root rels
	root.add(relDoc, "xl/workbook.xml", false)
	root.add(relCore, "docProps/core.xml", false)
	root.add(relApp, "docProps/app.xml", false)
	p.add("_rels/.rels", "", root.xml())
	p.add("[Content_Types].xml", "", p.contentTypes())
	return p.write(out, modified)
}

// pkg is the package's parts, by name, and the content type of each part
// that is not a relationships or VML part (those go by extension).
type pkg struct {
	parts map[string][]byte
	types map[string]string
}

func (p *pkg) add(name, contentType string, data []byte) {
	p.parts[name] = data
	if contentType != "" {
		p.types[name] = contentType
	}
}

func (p *pkg) contentTypes() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>`)
	for _, name := range sortedKeys(p.types) {
		fmt.Fprintf(&b, `<Override PartName="/%s" ContentType="%s"/>`, esc(name), p.types[name])
	}
	b.WriteString(`</Types>`)
	return b.Bytes()
}

func (p *pkg) write(out io.Writer, modified time.Time) error {
	names := sortedKeys(p.parts)
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })
	zw := zip.NewWriter(out)
	for _, name := range names {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.parts[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rels is a part's relationships, numbered rId1, rId2... in order.
type rels []struct {
	typ, target string
	external    bool
}

// add adds a relationship and returns its id.
func (r *rels) add(typ, target string, external bool) string {
	*r = append(*r, struct {
		typ, target string
		external    bool
	}{typ, target, external})
	return "rId" + strconv.Itoa(len(*r))
}

func (r rels) xml() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsPkgRels + `">`)
	for i, e := range r {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s" Target="%s"`, i+1, e.typ, esc(e.target))
		if e.external {
			b.WriteString(` TargetMode="External"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

// sharedStrings is the workbook's table of text, each distinct text once.
type sharedStrings struct {
	list  []string
	index map[string]int
	count int
}

func (s *sharedStrings) id(t string) int {
	s.count++
	if i, ok := s.index[t]; ok {
		return i
	}
	s.list = append(s.list, t)
	s.index[t] = len(s.list) - 1
	return len(s.list) - 1
}

func (s *sharedStrings) xml() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, xmlHeader+`<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, s.count, len(s.list))
	for _, t := range s.list {
		b.WriteString(`<si>`)
		writeT(&b, t)
		b.WriteString(`</si>`)
	}
	b.WriteString(`</sst>`)
	return b.Bytes()
}

// writeT writes a text element, keeping its spaces where a reader would
// otherwise trim them.
func writeT(b *bytes.Buffer, t string) {
	if t != strings.TrimSpace(t) {
		b.WriteString(`<t xml:space="preserve">`)
	} else {
		b.WriteString(`<t>`)
	}
	b.WriteString(esc(t))
	b.WriteString(`</t>`)
}

// esc escapes text for XML content and attribute values alike (quotes,
// tabs and line ends as character references, so attribute normalisation
// keeps them).
func esc(s string) string {
	if !strings.ContainsAny(s, "&<>\"'\t\n\r") {
		return s
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// quoteSheet is a sheet name as a formula reference writes it: 'T2 Governance'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

func (w *Workbook) workbookXML() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, xmlHeader+`<workbook xmlns="%s" xmlns:r="%s">`, nsMain, nsRel)
	fmt.Fprintf(&b, `<workbookPr/><bookViews><workbookView activeTab="%d"/></bookViews><sheets>`, w.Active)
	for i, s := range w.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, esc(s.name), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	var names bytes.Buffer
	for i, s := range w.sheets {
		if f := s.filter; f != nil {
			fmt.Fprintf(&names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!%s</definedName>`,
				i, esc(quoteSheet(s.name)), absRange(*f))
		}
		if s.titles > 0 {
			fmt.Fprintf(&names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s!$1:$%d</definedName>`,
				i, esc(quoteSheet(s.name)), s.titles)
		}
	}
	if names.Len() > 0 {
		b.WriteString(`<definedNames>`)
		b.Write(names.Bytes())
		b.WriteString(`</definedNames>`)
	}
	b.WriteString(`</workbook>`)
	return b.Bytes()
}

func absRange(a area) string {
	return "$" + ColumnName(a.c1) + "$" + strconv.Itoa(a.r1) + ":$" + ColumnName(a.c2) + "$" + strconv.Itoa(a.r2)
}

func (a area) String() string {
	if a.c1 == a.c2 && a.r1 == a.r2 {
		return CellName(a.c1, a.r1)
	}
	return CellName(a.c1, a.r1) + ":" + CellName(a.c2, a.r2)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// xml is the worksheet part; it adds the sheet's text to ss and its
// relationships (links, notes) to r.
func (s *Sheet) xml(w *Workbook, index int, ss *sharedStrings, r *rels, n string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, xmlHeader+`<worksheet xmlns="%s" xmlns:r="%s">`, nsMain, nsRel)
	if s.page != nil && (s.page.FitToWidth > 0 || s.page.FitToHeight > 0) {
		b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	// The dimension: the used rectangle.
	maxCol := 0
	for _, row := range s.rows {
		maxCol = max(maxCol, len(row))
	}
	dim := "A1"
	if len(s.rows) > 0 && maxCol > 0 {
		dim = area{1, 1, maxCol, len(s.rows)}.String()
	}
	fmt.Fprintf(&b, `<dimension ref="%s"/>`, dim)

	b.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if index == w.Active {
		b.WriteString(` tabSelected="1"`)
	}
	if f := s.frozen; f.col > 0 || f.row > 0 {
		top := CellName(f.col+1, f.row+1)
		pane := "bottomRight"
		switch {
		case f.col == 0:
			pane = "bottomLeft"
		case f.row == 0:
			pane = "topRight"
		}
		b.WriteString(`><pane`)
		if f.col > 0 {
			fmt.Fprintf(&b, ` xSplit="%d"`, f.col)
		}
		if f.row > 0 {
			fmt.Fprintf(&b, ` ySplit="%d"`, f.row)
		}
		fmt.Fprintf(&b, ` topLeftCell="%s" activePane="%s" state="frozen"/><selection pane="%s" activeCell="%s" sqref="%s"/></sheetView>`,
			top, pane, pane, top, top)
	} else {
		b.WriteString(`/>`)
	}
	b.WriteString(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)

	if len(s.widths) > 0 {
		cols := make([]int, 0, len(s.widths))
		for c := range s.widths {
			cols = append(cols, c)
		}
		slices.Sort(cols)
		b.WriteString(`<cols>`)
		for i := 0; i < len(cols); {
			j := i
			for j+1 < len(cols) && cols[j+1] == cols[j]+1 && s.widths[cols[j+1]] == s.widths[cols[i]] {
				j++
			}
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, cols[i], cols[j], num(s.widths[cols[i]]))
			i = j + 1
		}
		b.WriteString(`</cols>`)
	}

	b.WriteString(`<sheetData>`)
	lastRow := len(s.rows)
	for row := range s.heights {
		lastRow = max(lastRow, row)
	}
	for i := 1; i <= lastRow; i++ {
		var cells []cell
		if i <= len(s.rows) {
			cells = s.rows[i-1]
		}
		h, custom := s.heights[i]
		if len(cells) == 0 && !custom {
			continue
		}
		fmt.Fprintf(&b, `<row r="%d"`, i)
		if custom {
			fmt.Fprintf(&b, ` ht="%s" customHeight="1"`, num(h))
		}
		b.WriteString(`>`)
		for j, c := range cells {
			if c.kind == blank && c.style == 0 {
				continue
			}
			fmt.Fprintf(&b, `<c r="%s"`, CellName(j+1, i))
			if c.style != 0 {
				fmt.Fprintf(&b, ` s="%d"`, c.style)
			}
			switch c.kind {
			case text:
				fmt.Fprintf(&b, ` t="s"><v>%d</v></c>`, ss.id(c.str))
			case number:
				fmt.Fprintf(&b, `><v>%s</v></c>`, c.str)
			default:
				b.WriteString(`/>`)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)

	if f := s.filter; f != nil {
		fmt.Fprintf(&b, `<autoFilter ref="%s"/>`, f)
	}
	if len(s.merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(s.merges))
		for _, m := range s.merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString(`</mergeCells>`)
	}
	if len(s.links) > 0 {
		b.WriteString(`<hyperlinks>`)
		for _, at := range sortedRefs(s.links) {
			id := r.add(relLink, s.links[at], true)
			fmt.Fprintf(&b, `<hyperlink ref="%s" r:id="%s"/>`, CellName(at.col, at.row), id)
		}
		b.WriteString(`</hyperlinks>`)
	}
	b.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	if p := s.page; p != nil {
		b.WriteString(`<pageSetup`)
		if p.Paper > 0 {
			fmt.Fprintf(&b, ` paperSize="%d"`, p.Paper)
		}
		if p.FitToWidth > 0 || p.FitToHeight > 0 {
			fmt.Fprintf(&b, ` fitToWidth="%d" fitToHeight="%d"`, p.FitToWidth, p.FitToHeight)
		}
		if p.Landscape {
			b.WriteString(` orientation="landscape"`)
		}
		b.WriteString(`/>`)
	}
	if len(s.notes) > 0 {
		id := r.add(relVML, "../drawings/vmlDrawing"+n+".vml", false)
		r.add(relNotes, "../comments"+n+".xml", false)
		fmt.Fprintf(&b, `<legacyDrawing r:id="%s"/>`, id)
	}
	b.WriteString(`</worksheet>`)
	return b.Bytes()
}

// sortedRefs is the cells of m in reading order: by row, then column.
func sortedRefs[V any](m map[ref]V) []ref {
	refs := make([]ref, 0, len(m))
	for r := range m {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	return refs
}

// notes is the sheet's comments part and the legacy VML drawing Excel and
// LibreOffice draw the notes from (a note without its shape is not
// shown). Shape ids are unique in the workbook: block is the first of the
// blocks of 1024 ids the sheet's shapes take.
func (s *Sheet) notesXML(author string, block int) (comments, vml []byte) {
	if author == "" {
		author = "author"
	}
	refs := sortedRefs(s.notes)
	var c bytes.Buffer
	c.WriteString(xmlHeader + `<comments xmlns="` + nsMain + `"><authors><author>` + esc(clean(author)) + `</author></authors><commentList>`)
	for _, at := range refs {
		fmt.Fprintf(&c, `<comment ref="%s" authorId="0"><text>`, CellName(at.col, at.row))
		writeT(&c, s.notes[at])
		c.WriteString(`</text></comment>`)
	}
	c.WriteString(`</commentList></comments>`)

	var v bytes.Buffer
	blocks := make([]string, 0, (len(refs)+1023)/1024)
	for k := range (len(refs) + 1023) / 1024 {
		blocks = append(blocks, strconv.Itoa(block+k))
	}
	v.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">`)
	fmt.Fprintf(&v, `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%s"/></o:shapelayout>`, strings.Join(blocks, ","))
	v.WriteString(`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
		`<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, at := range refs {
		// The box: to the right of the cell, one column wide and four rows
		// high (Excel and LibreOffice size it by this anchor: columns and
		// rows, 0-based, with offsets in pixels), about the size of
		// Excel's own default note on the overview's wide columns.
		c0, r0 := at.col, max(at.row-2, 0)
		fmt.Fprintf(&v, `<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:270pt;height:165pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`,
			block*1024+i+1, i+1)
		v.WriteString(`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
			`<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`)
		fmt.Fprintf(&v, `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%d, 15, %d, 2, %d, 15, %d, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			c0, r0, c0+1, r0+4, at.row-1, at.col-1)
	}
	v.WriteString(`</xml>`)
	return c.Bytes(), v.Bytes()
}

func (w *Workbook) stylesXML() []byte {
	fonts, fills, borders := []Font{{}}, []string{"", "gray125"}, []string{""}
	find := func(list *[]string, v string) int {
		if v == "" {
			return 0
		}
		if i := slices.Index(*list, v); i >= 0 {
			return i
		}
		*list = append(*list, v)
		return len(*list) - 1
	}
	type xf struct{ font, fill, border int }
	xfs := make([]xf, len(w.styles))
	for i, s := range w.styles {
		f := slices.Index(fonts, s.Font)
		if f < 0 {
			fonts = append(fonts, s.Font)
			f = len(fonts) - 1
		}
		xfs[i] = xf{f, find(&fills, s.Fill), find(&borders, s.Border)}
	}
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<styleSheet xmlns="` + nsMain + `">`)
	fmt.Fprintf(&b, `<fonts count="%d">`, len(fonts))
	for _, f := range fonts {
		b.WriteString(`<font>`)
		if f.Bold {
			b.WriteString(`<b/>`)
		}
		if f.Underline {
			b.WriteString(`<u/>`)
		}
		size := f.Size
		if size == 0 {
			size = 11
		}
		fmt.Fprintf(&b, `<sz val="%s"/>`, num(size))
		if f.Color != "" {
			fmt.Fprintf(&b, `<color rgb="FF%s"/>`, strings.ToUpper(f.Color))
		}
		name, family := f.Name, 2
		if name == "" {
			name = "Calibri"
		}
		if strings.EqualFold(name, "Consolas") || strings.EqualFold(name, "Courier New") {
			family = 3 // modern: fixed pitch
		}
		fmt.Fprintf(&b, `<name val="%s"/><family val="%d"/></font>`, esc(name), family)
	}
	fmt.Fprintf(&b, `</fonts><fills count="%d"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`, len(fills))
	for _, f := range fills[2:] {
		fmt.Fprintf(&b, `<fill><patternFill patternType="solid"><fgColor rgb="FF%s"/></patternFill></fill>`, strings.ToUpper(f))
	}
	fmt.Fprintf(&b, `</fills><borders count="%d"><border><left/><right/><top/><bottom/><diagonal/></border>`, len(borders))
	for _, c := range borders[1:] {
		b.WriteString(`<border>`)
		for _, side := range []string{"left", "right", "top", "bottom"} {
			fmt.Fprintf(&b, `<%s style="thin"><color rgb="FF%s"/></%s>`, side, strings.ToUpper(c), side)
		}
		b.WriteString(`<diagonal/></border>`)
	}
	b.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">`, len(w.styles))
	for i, s := range w.styles {
		x := xfs[i]
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, s.NumFmt, x.font, x.fill, x.border)
		for _, a := range []struct {
			name string
			on   bool
		}{{"applyNumberFormat", s.NumFmt != 0}, {"applyFont", x.font != 0}, {"applyFill", x.fill != 0}, {"applyBorder", x.border != 0}, {"applyAlignment", s.Wrap}} {
			if a.on {
				fmt.Fprintf(&b, ` %s="1"`, a.name)
			}
		}
		if s.Wrap {
			b.WriteString(`><alignment vertical="top" wrapText="1"/></xf>`)
		} else {
			b.WriteString(`/>`)
		}
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`)
	return b.Bytes()
}

func (w *Workbook) coreXML() []byte {
	p := w.Props
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range []struct{ tag, v string }{
		{"dc:title", p.Title}, {"dc:subject", p.Subject}, {"dc:creator", p.Creator}, {"dc:description", p.Description},
		{"cp:lastModifiedBy", p.Creator}, {"dc:language", p.Language},
	} {
		if e.v != "" {
			fmt.Fprintf(&b, `<%s>%s</%s>`, e.tag, esc(clean(e.v)), e.tag)
		}
	}
	if p.Created != "" {
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`,
			esc(p.Created), esc(p.Created))
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

func (w *Workbook) appXML() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
		` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	if a := w.Props.Application; a != "" {
		fmt.Fprintf(&b, `<Application>%s</Application>`, esc(clean(a)))
	}
	b.WriteString(`<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>`)
	return b.Bytes()
}
