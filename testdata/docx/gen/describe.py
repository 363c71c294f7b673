#!/usr/bin/env python3
"""List the tracked changes and comments of a .docx with where they are: the
table (by its caption), the row (by its first cell) and the column (by its
header cell), or the paragraph outside tables.  Used to write and check
testdata/docx/README.md.

    python3 describe.py BE-reviewed.docx             # tracked changes, comments
    python3 describe.py --links BE-pandoc.docx       # every link, how it is written
    python3 describe.py --footnotes BE-pandoc.docx   # footnotes in reference order

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


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def rels(z, part):
    name = part.replace("word/", "word/_rels/") + ".rels"
    if name not in z.namelist():
        return {}
    return {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read(name))}


def links(z, part, root, label):
    """Hyperlinks of one part: w:hyperlink (r:id or w:anchor) and HYPERLINK
    fields (w:instrText between fldChar begin/separate, text up to end)."""
    targets = rels(z, part)
    out = []
    field = None  # [instr, text, state]
    for el in root.iter():
        if el.tag == W + "hyperlink":
            rid = el.get(R + "id")
            how = f"w:hyperlink r:id={rid} -> {targets.get(rid)!r}" if rid else ""
            if el.get(W + "anchor") is not None:
                how += f" w:anchor={el.get(W + 'anchor')!r}"
            out.append(f"{label}: {how.strip()}  text {text(el)!r}")
        elif el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                field = ["", "", "instr"]
            elif kind == "separate" and field:
                field[2] = "text"
            elif kind == "end" and field:
                out.append(f"{label}: field {field[0].strip()!r}  text {field[1]!r}")
                field = None
        elif field and el.tag == W + "instrText":
            field[0] += el.text or ""
        elif field and field[2] == "text" and el.tag == W + "t":
            field[1] += el.text or ""
    return out


def footnote_texts(z):
    root = ET.fromstring(z.read("word/footnotes.xml"))
    return root, {fn.get(W + "id"): fn for fn in root if fn.get(W + "type") is None}


def main_links(path):
    z = zipfile.ZipFile(path)
    doc = ET.fromstring(z.read("word/document.xml"))
    for line in links(z, "word/document.xml", doc, "document"):
        print(line)
    _, notes = footnote_texts(z)
    refs = [r.get(W + "id") for r in doc.iter(W + "footnoteReference")]
    for n, fid in enumerate(refs, 1):
        for line in links(z, "word/footnotes.xml", notes[fid], f"footnote {n} (w:id={fid})"):
            print(line)


def main_footnotes(path):
    z = zipfile.ZipFile(path)
    doc = ET.fromstring(z.read("word/document.xml"))
    _, notes = footnote_texts(z)
    refs = [r.get(W + "id") for r in doc.iter(W + "footnoteReference")]
    print(f"{len(refs)} references, {len(notes)} footnotes, {len(set(refs))} distinct")
    for n, fid in enumerate(refs, 1):
        print(f"{n:2} w:id={fid:3} {text(notes[fid])!r}")


def main():
    if sys.argv[1] == "--links":
        return main_links(sys.argv[2])
    if sys.argv[1] == "--footnotes":
        return main_footnotes(sys.argv[2])
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
