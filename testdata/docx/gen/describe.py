#!/usr/bin/env python3
"""List the tracked changes and comments of a .docx with where they are: the
table (by its caption), the row (by its first cell) and the column (by its
header cell), or the paragraph outside tables.  Used to write and check
testdata/docx/README.md.

    python3 describe.py BE-reviewed.docx

Python 3 standard library only (reading; ElementTree is fine for that).
"""

import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
REVS = ("ins", "del", "moveFrom", "moveTo")


def text(el, deleted=True):
    out = []
    for t in el.iter():
        if t.tag == W + "t" or (deleted and t.tag == W + "delText"):
            out.append(t.text or "")
        elif t.tag == W + "tab":
            out.append("\t")
    return "".join(out)


def short(s, n=60):
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def main():
    z = zipfile.ZipFile(sys.argv[1])
    body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
    comments = {}
    if "word/comments.xml" in z.namelist():
        for c in ET.fromstring(z.read("word/comments.xml")):
            paras = c.findall(W + "p")
            comments[c.get(W + "id")] = {
                "author": c.get(W + "author"),
                "initials": c.get(W + "initials"),
                "date": c.get(W + "date"),
                "text": "\n".join(text(p) for p in paras),
                "paraId": paras[-1].get(W14 + "paraId") if paras else None,
            }
    parents = {}
    if "word/commentsExtended.xml" in z.namelist():
        for ce in ET.fromstring(z.read("word/commentsExtended.xml")):
            if ce.get(W15 + "paraIdParent"):
                parents[ce.get(W15 + "paraId")] = ce.get(W15 + "paraIdParent")
    by_para = {v["paraId"]: k for k, v in comments.items()}

    caption = None
    npara = 0
    open_ranges = {}  # comment id -> [where, text parts]

    def visit_para(p, where):
        # walk runs in order, collecting comment-anchored text and revisions
        def walk(el, rev=None):
            for ch in el:
                tag = ch.tag[len(W):] if ch.tag.startswith(W) else ch.tag
                if tag == "pPr":
                    rpr = ch.find(W + "rPr")
                    if rpr is not None:
                        for r in REVS:
                            m = rpr.find(W + r)
                            if m is not None:
                                print(f"  {r:8} paragraph mark  {m.get(W+'author')} {m.get(W+'date')}  [{where}]")
                    continue
                if tag in REVS:
                    print(
                        f"  {tag:8} w:id={ch.get(W+'id')} {ch.get(W+'author')} {ch.get(W+'date')}"
                        f"  {text(ch)!r}  [{where}]"
                    )
                if tag == "commentRangeStart":
                    open_ranges[ch.get(W + "id")] = [where, []]
                elif tag == "commentRangeEnd":
                    cid = ch.get(W + "id")
                    w, parts = open_ranges.pop(cid, [where, []])
                    c = comments.get(cid, {})
                    parent = parents.get(c.get("paraId"))
                    reply = f" (reply to comment {by_para.get(parent)})" if parent else ""
                    print(
                        f"  comment  w:id={cid} {c.get('author')} ({c.get('initials')}) {c.get('date')}{reply}\n"
                        f"           text: {c.get('text')!r}\n"
                        f"           anchored on {''.join(parts)!r}  [{w}]"
                    )
                elif tag in ("t", "delText"):
                    for rng in open_ranges.values():
                        rng[1].append(ch.text or "")
                walk(ch, rev)

        walk(p)

    tables = 0
    for el in body:
        if el.tag == W + "p":
            npara += 1
            t = text(el)
            if t.startswith("Table "):
                caption = t.split(" :")[0]
            visit_para(el, f"paragraph {npara}: {short(t, 50)!r}")
        elif el.tag == W + "tbl":
            tables += 1
            rows = el.findall(W + "tr")
            header = [text(tc) for tc in rows[0].findall(W + "tc")]
            for ri, tr in enumerate(rows):
                cells = tr.findall(W + "tc")
                first = text(cells[0]) if cells else ""
                for ci, tc in enumerate(cells):
                    col = header[ci] if ci < len(header) else f"column {ci+1}"
                    where = f"{caption or f'table {tables}'}, row {ri} {short(first, 45)!r}, column {ci+1} {col!r}"
                    for p in tc.iter(W + "p"):
                        visit_para(p, where)


if __name__ == "__main__":
    main()
