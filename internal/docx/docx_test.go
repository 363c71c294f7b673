package docx

import (
	"strings"
	"testing"
)

const footnotesXML = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wordNS + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:hyperlink w:anchor="_Missing"><w:r><w:t>WHO (site)</w:t></w:r></w:hyperlink></w:p></w:footnote>
<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:hyperlink r:id="rIdL"><w:r><w:t>https://example.org/a?b=1&amp;c=2</w:t></w:r></w:hyperlink></w:p></w:footnote>
</w:footnotes>`

// TestLayout reads the parts of a factsheet as Word writes them into the
// text layout the importer reads.
func TestLayout(t *testing.T) {
	body := p("Title", r("POLICY MAPPING IN BELGIUM")) +
		p("", r("This country factsheet was originally ")+rb("pre-filled in 2023/2024")+r(" by")) +
		p("ListBullet", r("Jane Doe, Agency, Belgium")) +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>` + r("John Roe, Agency, Belgium") + `</w:p>` +
		p("berschrift1", `<w:proofErr w:type="spellStart"/>`+r("1 DEFI")+`<w:bookmarkStart w:id="0" w:name="_Toc1"/>`+r("NITIONS")+`<w:bookmarkEnd w:id="0"/>`) +
		p("", r("Table 1 : Definitions - Belgium")) +
		tbl([]string{"Term", "Definition", "Deviation"},
			[]string{"eHealth",
				p("", r("The WHO defines it. ")+`<w:r><w:footnoteReference w:id="2"/></w:r>`) +
					p("", `<w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r>`+r(" and &lt;tag&gt; &amp; co")),
				p("ListBullet", r("• first")) + p("ListBullet", r("second"))}) +
		`<w:sdt><w:sdtPr/><w:sdtContent>` + p("Kop2", r("Further information:")) + `</w:sdtContent></w:sdt>` +
		p("ListBullet", `<w:smartTag w:element="place">`+r("See ")+`</w:smartTag>`+
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/page" \l "part" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
			r("the page")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
			`<w:customXml w:element="x">`+r(" and ")+`</w:customXml>`+
			`<mc:AlternateContent><mc:Choice Requires="w14">`+r("CHOICE")+`</mc:Choice><mc:Fallback>`+r("fallback")+`</mc:Fallback></mc:AlternateContent>`+
			`<w:r><w:footnoteReference w:id="5"/></w:r>`)
	d := read(t, doc(t, body, map[string]string{"word/footnotes.xml": footnotesXML}))
	want := `# POLICY MAPPING IN BELGIUM

This country factsheet was originally **pre-filled in 2023/2024** by

- Jane Doe, Agency, Belgium
- John Roe, Agency, Belgium

## 1 DEFINITIONS

Table 1 : Definitions - Belgium

Term	Definition	Deviation
eHealth	The WHO defines it. <sup>1</sup> <p><i>italic</i> and &lt;tag> & co</p>	<ul style="list-style-type: none"> <li>• first</li> <li>• second</li> </ul>

### Further information:

- See [the page](https://example.org/page#part) and fallback<sup>2</sup>

<sup>1</sup> [WHO \(site\)](#)

<sup>2</sup> <https://example.org/a?b=1&c=2>

`
	if d.Text != want {
		t.Errorf("layout:\n%s\nwant:\n%s", d.Text, want)
	}
	lines := strings.Split(d.Text, "\n")
	find := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line %q", prefix)
		return 0
	}
	for _, c := range []struct {
		line, col int
		want      string
	}{
		{find("eHealth"), 1, `Table 1, row 2 "eHealth"`},
		{find("eHealth"), 9, `Table 1, row 2 "eHealth", Definition`},
		{find("eHealth"), strings.LastIndex(lines[find("eHealth")-1], "\t") + 2, `Table 1, row 2 "eHealth", Deviation`},
		{find("Term"), 1, `Table 1, header row`},
		{find("<sup>2</sup>"), 1, `footnote 2`},
		{find("## 1"), 1, `heading "1 DEFINITIONS"`},
		{find("This country"), 5, `paragraph 2 "This country factsheet was originally pre-filled in 2023/2024 by"`},
	} {
		if got := d.Describe(c.line, c.col, lines[c.line-1]); got != c.want {
			t.Errorf("Describe(%d, %d) = %s, want %s", c.line, c.col, got, c.want)
		}
	}
}

const commentsXML = `<?xml version="1.0" encoding="UTF-8"?><w:comments ` + wordNS + `>
<w:comment w:id="0" w:author="Stefanie Devos" w:date="2026-02-10T09:00:00Z" w:initials="SD"><w:p w14:paraId="0000000A"><w:r><w:annotationRef/></w:r><w:r><w:t>Is this still true?</w:t></w:r></w:p></w:comment>
<w:comment w:id="1" w:author="Robbe Saesen" w:date="2026-02-11T10:00:00Z"><w:p w14:paraId="0000000B"><w:r><w:t>Yes, checked.</w:t></w:r></w:p></w:comment>
</w:comments>`

const commentsExtXML = `<?xml version="1.0" encoding="UTF-8"?><w15:commentsEx ` + wordNS + `>
<w15:commentEx w15:paraId="0000000A" w15:done="0"/>
<w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A" w15:done="0"/>
</w15:commentsEx>`

// TestReviews: the document is read with every change accepted, and each
// pending change and comment is a review placed where it is.
func TestReviews(t *testing.T) {
	body := p("", r("Table 2 : Governance - Belgium")) +
		tbl([]string{"Question", "Answer", "Comments/Experience"},
			[]string{"Is there a board?", "Yes",
				`<w:p><w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>` + r("The board meets ") +
					`<w:ins w:id="10" w:author="Stefanie Devos" w:date="2026-02-10T09:00:00Z"><w:r><w:t>twice </w:t></w:r></w:ins>` +
					`<w:del w:id="11" w:author="Stefanie Devos" w:date="2026-02-10T09:01:00Z"><w:r><w:delText>once </w:delText></w:r></w:del>` +
					r("a year.") + `<w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r></w:p>`},
			[]string{`<w:p><w:pPr><w:rPr><w:del w:id="12" w:author="A" w:date="2026-02-10T09:02:00Z"/></w:rPr></w:pPr>` + r("Is there an ") + `</w:p>` + p("", r("agency?")), "No", ""})
	d := read(t, doc(t, body, map[string]string{"word/comments.xml": commentsXML, "word/commentsExtended.xml": commentsExtXML}))
	if !strings.Contains(d.Text, "Is there a board?\tYes\tThe board meets twice a year.\n") {
		t.Errorf("changes not accepted:\n%s", d.Text)
	}
	// The deleted paragraph mark joins the two paragraphs of the cell.
	if !strings.Contains(d.Text, "Is there an agency?\tNo\t\n") {
		t.Errorf("deleted paragraph mark not applied:\n%s", d.Text)
	}
	var got []string
	for _, rv := range d.Reviews {
		got = append(got, rv.Rule+" "+rv.Message())
	}
	want := []string{
		`docx-comment open comment by Stefanie Devos on 2026-02-10: Is this still true? (on "The board meets twice a year.")`,
		`docx-comment open reply to Stefanie Devos by Robbe Saesen on 2026-02-11: Yes, checked. (on "The board meets twice a year.")`,
		`docx-tracked-change pending tracked change (insertion) by Stefanie Devos on 2026-02-10: "twice"; accept or reject it in Word (Review > Accept/Reject) before the round is closed`,
		`docx-tracked-change pending tracked change (deletion) by Stefanie Devos on 2026-02-10: "once"; accept or reject it in Word (Review > Accept/Reject) before the round is closed`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reviews:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	lines := strings.Split(d.Text, "\n")
	for _, rv := range d.Reviews {
		if got := d.Describe(rv.Line, rv.Col, lines[rv.Line-1]); got != `Table 2, row 2 "Is there a board?", Comments/Experience` {
			t.Errorf("%s at %s", rv.Kind, got)
		}
	}
}

// TestNestedListsAndTypedFootnotes: list levels in a cell nest as the
// layout's lists do, and footnotes typed by hand (a superscript number and
// a paragraph that starts with it) read like the published layout's.
func TestNestedListsAndTypedFootnotes(t *testing.T) {
	item := func(level, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + level + `"/><w:numId w:val="4"/></w:numPr></w:pPr>` + r(text) + `</w:p>`
	}
	sup := func(n string) string {
		return `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>` + n + `</w:t></w:r>`
	}
	body := p("", r("Table 2 : x")) + tbl([]string{"Question", "Answer", "Comments/Experience"},
		[]string{"Q?", "Yes", p("", r("Regions:")) + item("0", "Flanders") + item("1", "Ghent") + item("1", "Antwerp") + item("0", "Wallonia") + p("", r("See the plan.")+sup("3"))}) +
		p("", sup("3")+r(" ")+`<w:hyperlink r:id="rIdL"><w:r><w:t>The plan</w:t></w:r></w:hyperlink>`)
	d := read(t, doc(t, body, nil))
	want := "Q?\tYes\tRegions: " + `<ul style="list-style-type: none"> <li>• Flanders <ul style="list-style-type: none"> <li>• Ghent</li> <li>• Antwerp</li> </ul></li> <li>• Wallonia</li> </ul>` + " <p>See the plan.<sup>3</sup></p>\n"
	if !strings.Contains(d.Text, want) {
		t.Errorf("got:\n%s\nwant the row:\n%s", d.Text, want)
	}
	if !strings.Contains(d.Text, "\n<sup>3</sup> [The plan](https://example.org/a?b=1&c=2)\n") {
		t.Errorf("typed footnote:\n%s", d.Text)
	}
}
