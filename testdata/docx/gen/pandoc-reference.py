#!/usr/bin/env python3
"""Make a pandoc reference document (styles and page set-up) so that
BE-pandoc.docx looks like a factsheet rather than pandoc's defaults: A4 with
2 cm margins, 10 pt text, dark blue headings, tables with grid borders and a
shaded header row, 8 pt footnotes.  Only the look changes; style ids and
names stay pandoc's own (Heading1, BodyText, Compact, Table, FootnoteText...).

    pandoc -o default.docx --print-default-data-file reference.docx
    python3 pandoc-reference.py default.docx reference.docx

Python 3 standard library only.
"""

import re
import sys
import zipfile

FIXED_TIME = (2026, 2, 1, 0, 0, 0)


def sub1(pattern, repl, s, flags=re.S):
    out, n = re.subn(pattern, repl, s, count=1, flags=flags)
    if n != 1:
        sys.exit(f"pandoc-reference: pattern not found: {pattern}")
    return out


def style_block(s, style_id):
    m = re.search(r'<w:style [^>]*w:styleId="%s"[^>]*>.*?</w:style>' % re.escape(style_id), s, re.S)
    if not m:
        sys.exit(f"pandoc-reference: no style {style_id}")
    return m


def patch_style(s, style_id, fn):
    m = style_block(s, style_id)
    return s[: m.start()] + fn(m.group(0)) + s[m.end() :]


def set_size(block, half_points):
    block = re.sub(r'<w:sz w:val="\d+" ?/>', f'<w:sz w:val="{half_points}"/>', block)
    block = re.sub(r'<w:szCs w:val="\d+" ?/>', f'<w:szCs w:val="{half_points}"/>', block)
    if "<w:sz " not in block:
        if "<w:rPr>" in block:
            block = block.replace("<w:rPr>", f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>', 1)
        else:
            block = block.replace(
                "</w:style>", f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>'
            )
    return block


def heading(size):
    def fn(block):
        block = set_size(block, size)
        block = re.sub(r'<w:color [^>]*/>', '<w:color w:val="1F3864"/>', block)
        return block

    return fn


def styles(s):
    # 10 pt body text, Arial-like font
    s = sub1(
        r"<w:rFonts [^>]*/>\s*<w:sz w:val=\"24\" />\s*<w:szCs w:val=\"24\" />",
        '<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/>'
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
        s,
    )
    s = sub1(r'<w:pPrDefault>\s*<w:pPr>\s*<w:spacing w:after="200" />', '<w:pPrDefault><w:pPr><w:spacing w:after="120"/>', s)
    s = patch_style(s, "BodyText", lambda b: b.replace('w:before="180" w:after="180"', 'w:before="0" w:after="120"'))
    s = patch_style(s, "Heading1", heading(30))
    s = patch_style(s, "Heading2", heading(26))
    s = patch_style(s, "Heading3", heading(22))
    s = patch_style(s, "FootnoteText", lambda b: set_size(b, 16))

    def table(block):
        block = block.replace(
            "<w:tblPr>",
            "<w:tblPr><w:tblBorders>"
            '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            "</w:tblBorders>",
            1,
        )
        block = block.replace('<w:left w:w="108" w:type="dxa" />', '<w:left w:w="60" w:type="dxa"/>')
        block = block.replace('<w:right w:w="108" w:type="dxa" />', '<w:right w:w="60" w:type="dxa"/>')
        # header row: bold on blue-grey, top-aligned (children in schema order)
        block = sub1(
            r"<w:tcPr>.*?</w:tcPr>",
            '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tcBorders>'
            '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/><w:vAlign w:val="top"/></w:tcPr>',
            block,
        )
        block = block.replace(
            '<w:tblStylePr w:type="firstRow">',
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>',
        )
        # the table style's text: 9 pt, compact
        block = block.replace(
            "<w:tblPr>",
            '<w:pPr><w:spacing w:before="0" w:after="60"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:tblPr>',
            1,
        )
        return block

    s = patch_style(s, "Table", table)
    # for the cells of the 8-column Table 5 (sdfootnotes.lua sets it)
    s = s.replace(
        "</w:styles>",
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableSmall">'
        '<w:name w:val="Table Small"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="40"/></w:pPr>'
        '<w:rPr><w:sz w:val="15"/><w:szCs w:val="15"/></w:rPr></w:style></w:styles>',
    )
    return s


def document(s):
    return sub1(
        r"<w:sectPr\s*/>",
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>'
        "</w:sectPr>",
        s,
    )


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pandoc-reference.py DEFAULT-REFERENCE.docx OUT.docx")
    src, dst = sys.argv[1:]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/styles.xml":
                data = styles(data.decode("utf-8")).encode("utf-8")
            elif info.filename == "word/document.xml":
                data = document(data.decode("utf-8")).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


if __name__ == "__main__":
    main()
