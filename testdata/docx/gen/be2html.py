#!/usr/bin/env python3
"""Render a factsheet in its published text layout (testdata/factsheets/BE.txt)
as an HTML document with real structure, for LibreOffice and pandoc to turn
into Word files.

    python3 be2html.py BE.txt > BE.html

Python 3 standard library only.  What it does (see testdata/docx/README.md):

- header: the title as <h1>, the joint-action paragraphs, each review-round
  sentence as a paragraph followed by its contributors as a <ul>, the chapter
  list, the contact line with a mailto link; the repeated title before
  chapter 1 as a second <h1> on a new page;
- chapters as <h2> (number kept in the text), "### Further information:" and
  "**Further information:**" as <h3> followed by its <ul>;
- table captions as plain paragraphs, exact text;
- each table as ONE <table> with its header row in <thead>/<th>: a header row
  repeated after a page break is dropped, a row continued after a break (its
  leading cells empty) is joined to the row before it, cell by cell, with a
  space;
- cells as their HTML, with Markdown links and autolinks turned into <a>;
- footnotes in LibreOffice's HTML form: every <sup>N</sup> reference becomes
  <a class="sdfootnoteanc" ...><sup>K</sup></a> and the definitions of N
  follow at the end in <div id="sdfootnoteK">.  K counts references in
  document order; each reference gets its own footnote (Word has one footnote
  per reference), so a number cited twice would get two footnotes with the
  same text.  pandoc reads this form with sdfootnotes.lua.
"""

import html
import re
import sys

SUP = re.compile(r"<sup>(\d+)</sup>")
FOOTDEF = re.compile(r"^<sup>(\d+)</sup>\s?(.*)$")
AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]*)>")


class Footnotes:
    """Footnote definitions by number, and the references in document order."""

    def __init__(self):
        self.defs = {}  # number -> Markdown text
        self.refs = []  # number of each reference, in document order

    def anchor(self, number):
        self.refs.append(number)
        k = len(self.refs)
        return (
            f'<a class="sdfootnoteanc" name="sdfootnote{k}anc" '
            f'href="#sdfootnote{k}sym"><sup>{k}</sup></a>'
        )


def find_link_end(s, i):
    """s[i] == '(' of a Markdown link destination; return the index of the
    closing ')' (parentheses inside balanced, as CommonMark does), or -1."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\" and j + 1 < len(s):
            j += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def find_bracket_end(s, i):
    """s[i] == '['; return the index of the matching ']' or -1."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\" and j + 1 < len(s):
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def md_inline(s, notes):
    """The factsheet's Markdown subset, inline, to HTML: escapes, **bold**,
    *italic*, [text](url), <autolink>, <sup>N</sup> footnote references,
    other inline HTML tags kept as written."""
    out = []
    i = 0
    stack = []  # open emphasis markers
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and not s[i + 1].isalnum() and not s[i + 1].isspace():
            out.append(html.escape(s[i + 1], quote=False))
            i += 2
            continue
        if c == "<":
            m = SUP.match(s, i)
            if m:
                out.append(notes.anchor(int(m.group(1))))
                i = m.end()
                continue
            m = AUTOLINK.match(s, i)
            if m:
                url = m.group(1)
                text = url[len("mailto:"):] if url.startswith("mailto:") else url
                out.append(f'<a href="{html.escape(url)}">{html.escape(text, quote=False)}</a>')
                i = m.end()
                continue
            m = re.match(r"</?[A-Za-z][^<>]*>", s[i:])
            if m:
                out.append(m.group(0))
                i += m.end()
                continue
        if c == "[":
            j = find_bracket_end(s, i)
            if j > 0 and j + 1 < len(s) and s[j + 1] == "(":
                k = find_link_end(s, j + 1)
                if k > 0:
                    text = md_inline(s[i + 1 : j], notes)
                    url = s[j + 2 : k].strip()
                    out.append(f'<a href="{html.escape(url)}">{text}</a>')
                    i = k + 1
                    continue
        if c == "*":
            n = 2 if s.startswith("**", i) else 1
            tag = "b" if n == 2 else "i"
            if stack and stack[-1] == tag:
                stack.pop()
                out.append(f"</{tag}>")
                i += n
                continue
            closer = s.find("*" * n, i + n)
            if closer > i + n and not s[i + n].isspace():
                stack.append(tag)
                out.append(f"<{tag}>")
                i += n
                continue
            # a stray marker: leave it out (see "1 definitions**" in BE.txt)
            i += n
            continue
        if c == "&" and re.match(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", s[i:]):
            m = re.match(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", s[i:])
            out.append(m.group(0))
            i += m.end()
            continue
        out.append(html.escape(c, quote=False))
        i += 1
    while stack:
        out.append(f"</{stack.pop()}>")
    return "".join(out)


def cell_html(s, notes):
    """A table cell is HTML already: keep it as written, but turn footnote
    references into footnote anchors and Markdown links / autolinks into <a>
    (outside tags)."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "<":
            m = SUP.match(s, i)
            if m:
                out.append(notes.anchor(int(m.group(1))))
                i = m.end()
                continue
            m = AUTOLINK.match(s, i)
            if m:
                url = m.group(1)
                out.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
                i = m.end()
                continue
            j = s.find(">", i)
            out.append(s[i : j + 1])
            i = j + 1
            continue
        if c == "[":
            j = find_bracket_end(s, i)
            if j > 0 and j + 1 < len(s) and s[j + 1] == "(":
                k = find_link_end(s, j + 1)
                if k > 0:
                    text = md_inline(s[i + 1 : j], notes)
                    url = s[j + 2 : k].strip()
                    out.append(f'<a href="{html.escape(url)}">{text}</a>')
                    i = k + 1
                    continue
        out.append(c)
        i += 1
    # The text layout types a "• " in each item of a list-style-none list;
    # in Word a list item has its bullet from the list itself, so the
    # document shows one bullet, not two.
    h = "".join(out).replace(' style="list-style-type: none"', "")
    return re.sub(r"<li>\s*•\s*", "<li>", h)


class Table:
    def __init__(self, header):
        self.header = header
        self.rows = []

    def add(self, cells):
        if cells == self.header:
            return  # header row repeated after a page break
        if self.rows and cells and cells[0] == "":
            # a row continued after a page break: leading cells empty
            last = self.rows[-1]
            for n, text in enumerate(cells):
                if not text:
                    continue
                if n < len(last):
                    last[n] = f"{last[n]} {text}" if last[n] else text
                else:
                    last.append(text)
            return
        self.rows.append(cells)


def col_widths(header):
    ncols = len(header)
    if ncols == 3 and header[1] == "Definition":
        return [16, 42, 42]
    if ncols == 3:
        return [26, 14, 60]
    if ncols == 8:
        # Table 5: the long one-word headers need the room
        return [13, 11, 10, 11, 15, 15, 13, 12]
    first = 16
    rest = (100 - first) / (ncols - 1)
    return [first] + [rest] * (ncols - 1)


def render_table(t, notes):
    ncols = len(t.header)
    cls = "wide" if ncols > 3 else "std"
    # LibreOffice applies no descendant CSS selectors: size the text per cell
    size = ' style="font-size: 7.5pt"' if ncols > 3 else ""
    pad = 2 if ncols > 3 else 4
    widths = col_widths(t.header)
    # LibreOffice takes column widths from the cells' width attributes (not
    # from <col>, which even overrides them), and vertical alignment only
    # from valign.
    out = [f'<table class="{cls}" border="1" cellspacing="0" cellpadding="{pad}" width="100%">']
    out.append(
        "<thead><tr>"
        + "".join(
            f'<th width="{w:.0f}%" valign="top" bgcolor="#D9E2F3" align="left"{size}>{cell_html(h, notes)}</th>'
            for h, w in zip(t.header, widths)
        )
        + "</tr></thead>"
    )
    out.append("<tbody>")
    for row in t.rows:
        row = row + [""] * (ncols - len(row))
        out.append(
            "<tr>"
            + "".join(f'<td width="{w:.0f}%" valign="top"{size}>{cell_html(c, notes)}</td>' for c, w in zip(row, widths))
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def blocks(lines):
    """Split into blocks of non-blank lines (tab rows are blocks of their
    own kind, but rows of one table are consecutive non-blank lines)."""
    block = []
    for ln in lines:
        if ln.strip() == "":
            if block:
                yield block
                block = []
        else:
            block.append(ln)
    if block:
        yield block


def render_list(block, notes):
    items = []
    for ln in block:
        if ln.startswith("- "):
            items.append(ln[2:])
        elif items:
            # a continuation line; two trailing spaces are a hard break
            prev = items[-1]
            if prev.endswith("  "):
                items[-1] = prev.rstrip(" ") + "\n" + ln
            else:
                items[-1] = prev + " " + ln
    lis = []
    for it in items:
        parts = [md_inline(p, notes) for p in it.split("\n")]
        lis.append("<li>" + "<br>".join(parts) + "</li>")
    # no whitespace between the tags: LibreOffice would append it to an item
    return "<ul>" + "".join(lis) + "</ul>"


def convert(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    lines = [ln.rstrip("\n") for ln in lines]
    notes = Footnotes()
    body = []
    table = None
    titles = 0
    title = ""

    def close_table():
        nonlocal table
        if table is not None:
            body.append(render_table(table, notes))
            table = None

    for block in blocks(lines):
        first = block[0]
        m = FOOTDEF.match(first)
        if m:
            # a footnote definition; following lines continue it
            n = int(m.group(1))
            notes.defs[n] = " ".join([m.group(2)] + [b.strip() for b in block[1:]])
            continue
        if "\t" in first:
            for ln in block:
                cells = ln.split("\t")
                if table is None:
                    table = Table(cells)
                else:
                    table.add(cells)
            continue
        close_table()
        if first.startswith("# "):
            titles += 1
            title = first[2:].strip()
            style = ' style="page-break-before: always"' if titles > 1 else ""
            body.append(f"<h1{style}>{md_inline(title, notes)}</h1>")
        elif first.startswith("## "):
            body.append(f"<h2>{md_inline(first[3:].strip(), notes)}</h2>")
        elif first.startswith("### "):
            body.append(f"<h3>{md_inline(first[4:].strip(), notes)}</h3>")
        elif re.fullmatch(r"\*\*Further information:?\*\*", first.strip()):
            body.append("<h3>Further information:</h3>")
        elif first.startswith("- "):
            body.append(render_list(block, notes))
        elif re.match(r"Table \d+ :", first):
            body.append(f'<p class="caption">{html.escape(first.strip(), quote=False)}</p>')
        else:
            body.append("<p>" + md_inline(" ".join(b.strip() for b in block), notes) + "</p>")
    close_table()

    foot = []
    for k, n in enumerate(notes.refs, 1):
        if n not in notes.defs:
            sys.exit(f"be2html: footnote {n} is referenced but not defined")
        if k != n:
            print(f"be2html: note: reference {k} cites footnote {n}", file=sys.stderr)
        foot.append(
            f'<div id="sdfootnote{k}"><p class="sdfootnote">'
            f'<a class="sdfootnotesym" name="sdfootnote{k}sym" href="#sdfootnote{k}anc">{k}</a>'
            f"{md_inline(notes.defs[n], Footnotes())}</p></div>"
        )
    unused = sorted(set(notes.defs) - set(notes.refs))
    if unused:
        print(f"be2html: note: footnotes never referenced: {unused}", file=sys.stderr)

    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "Liberation Sans", Arial, sans-serif; font-size: 10pt; }}
h1 {{ font-size: 15pt; color: #1F3864; }}
h2 {{ font-size: 13pt; color: #1F3864; margin-top: 18pt; }}
h3 {{ font-size: 11pt; color: #1F3864; }}
p.caption {{ font-size: 9pt; font-style: normal; margin-bottom: 4pt; }}
table {{ border-collapse: collapse; }}
th {{ background: #D9E2F3; text-align: left; vertical-align: top; font-size: 9pt; }}
td {{ vertical-align: top; font-size: 9pt; }}
td ul {{ margin-top: 0; margin-bottom: 0; }}
p.sdfootnote {{ font-size: 8pt; margin: 0; }}
</style>
</head>
<body>
"""
    return head + "\n".join(body) + "\n" + "\n".join(foot) + "\n</body>\n</html>\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: be2html.py FACTSHEET.txt > OUT.html")
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        sys.stdout.write(convert(f.read()))


if __name__ == "__main__":
    main()
