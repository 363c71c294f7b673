#!/usr/bin/env python3
"""Make BE-reviewed.docx: BE-libreoffice.docx as an expert sends it back from
Word, with tracked changes and comments.

    python3 review.py BE-libreoffice.docx BE-reviewed.docx

Python 3 standard library only.  The edits are careful text edits of
word/document.xml (no XML re-serialisation, so everything LibreOffice wrote
stays byte for byte), each anchored on a text that must occur exactly once:

  tracked changes (author Stefanie Devos, the February 2026 reviewer)
    1. w:ins  Table 2, "national eHealth governance board" row, Comments cell:
              " within the Interministerial Conference on Public Health"
              before the final "."
    2. w:del  Table 6, first row ("How many eHealth solutions..."), Comments
              cell: its last sentence " It is possible that additional
              tools ... on mHealthBelgium."
    3. w:ins  header, first joint-action paragraph: " in Belgium" after
              "country experts on eHealth and cancer care"
    4. w:moveFrom/w:moveTo  Table 3, "stakeholder groups ... regional
              strategy/ies" row, Comments cell: the list item
              "• Patient Organizations" moved up before "• Healthcare
              Providers" (paragraph and paragraph mark)
  comments (word/comments.xml, replies in word/commentsExtended.xml)
    0. Stefanie Devos on Table 6 first row, Answer cell, the whole text
       "At least 13 as of February 2026"
    1. Victoria Leclercq, a reply to 0 on the same range
    2. Stefanie Devos on "restricted to a maximum of five months" in the
       chapter 4 "Further information" item

Also: w:trackRevisions in settings.xml (the expert worked with change
tracking on), cp:lastModifiedBy in docProps/core.xml, the new parts in
[Content_Types].xml and word/_rels/document.xml.rels.  Zip entries get a
fixed time so the output depends only on the input.
"""

import re
import sys
import zipfile
from xml.sax.saxutils import escape

FIXED_TIME = (2026, 2, 13, 16, 20, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

REVIEWER = "Stefanie Devos"
UPDATER = "Victoria Leclercq"

# revision and range ids: one number space, well above anything LibreOffice
# wrote (it numbers footnotes 0-30 and writes no bookmarks)
REV = iter(range(901, 999))


def once(doc, needle):
    n = doc.count(needle)
    if n != 1:
        sys.exit(f"review: {needle!r} occurs {n} times in document.xml, expected once")
    return doc.index(needle)


def paragraph_at(doc, pos):
    """(start, end) of the w:p around pos (LibreOffice writes bare <w:p>)."""
    start = doc.rfind("<w:p>", 0, pos)
    end = doc.find("</w:p>", pos) + len("</w:p>")
    if start < 0 or end < len("</w:p>") or "<w:p>" in doc[start + 5 : pos]:
        sys.exit("review: no paragraph found")
    return start, end


RUN = re.compile(r"<w:r>(<w:rPr>.*?</w:rPr>|<w:rPr/>)?<w:t( xml:space=\"preserve\")?>([^<]*)</w:t></w:r>", re.S)


def run_with(doc, needle):
    """The w:r whose w:t holds needle (escaped form): (start, end, rPr, text)."""
    pos = once(doc, needle)
    start = doc.rfind("<w:r>", 0, pos)
    m = RUN.match(doc, start)
    if not m or m.end() < pos:
        sys.exit(f"review: {needle!r} is not inside one simple run")
    return m.start(), m.end(), m.group(1) or "", m.group(3)


def run(rpr, text, tag="w:t"):
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{text}</{tag}></w:r>'


def attrs(author, date):
    return f'w:author="{author}" w:date="{date}"'


def insert_words(doc, needle, after, words, author, date):
    """Split the run holding needle after the text `after` and put a w:ins
    with `words` there."""
    start, end, rpr, text = run_with(doc, needle)
    k = text.index(after) + len(after)
    ins = f'<w:ins w:id="{next(REV)}" {attrs(author, date)}>{run(rpr, escape(words))}</w:ins>'
    new = run(rpr, text[:k]) + ins + (run(rpr, text[k:]) if text[k:] else "")
    return doc[:start] + new + doc[end:]


def delete_words(doc, needle, author, date):
    """Split the run holding needle and mark needle (to the end of the run,
    or inside it) as deleted."""
    start, end, rpr, text = run_with(doc, needle)
    k = text.index(needle)
    before, gone, rest = text[:k], needle, text[k + len(needle) :]
    dele = f'<w:del w:id="{next(REV)}" {attrs(author, date)}>{run(rpr, gone, "w:delText")}</w:del>'
    new = (run(rpr, before) if before else "") + dele + (run(rpr, rest) if rest else "")
    return doc[:start] + new + doc[end:]


def mark_paragraph(p, kind, author, date):
    """Give the paragraph mark a revision (w:ins/w:del/w:moveFrom/w:moveTo in
    the w:rPr of w:pPr)."""
    mark = f'<w:{kind} w:id="{next(REV)}" {attrs(author, date)}/>'
    if "<w:rPr></w:rPr></w:pPr>" in p:
        return p.replace("<w:rPr></w:rPr></w:pPr>", f"<w:rPr>{mark}</w:rPr></w:pPr>", 1)
    return p.replace("</w:pPr>", f"<w:rPr>{mark}</w:rPr></w:pPr>", 1)


def wrap_runs(p, kind, name, author, date):
    """Wrap all runs of paragraph p in w:moveFrom/w:moveTo, inside its
    move range."""
    i = p.index("</w:pPr>") + len("</w:pPr>")
    j = p.rindex("</w:p>")
    rng = next(REV)
    body = p[i:j]
    return (
        p[:i]
        + f'<w:{kind}RangeStart w:id="{rng}" {attrs(author, date)} w:name="{name}"/>'
        + f'<w:{kind} w:id="{next(REV)}" {attrs(author, date)}>{body}</w:{kind}>'
        + f'<w:{kind}RangeEnd w:id="{rng}"/>'
        + p[j:]
    )


def move_paragraph_before(doc, moved_needle, target_needle, author, date):
    ms, me = paragraph_at(doc, once(doc, moved_needle))
    ts, te = paragraph_at(doc, once(doc, target_needle))
    if not ts < ms:
        sys.exit("review: the move goes upwards only")
    moved = doc[ms:me]
    src = wrap_runs(mark_paragraph(moved, "moveFrom", author, date), "moveFrom", "move1", author, date)
    dst = wrap_runs(mark_paragraph(moved, "moveTo", author, date), "moveTo", "move1", author, date)
    return doc[:ts] + dst + doc[ts:ms] + src + doc[me:]


def comment_range(doc, needle, ids, whole_run=False):
    """Anchor comments `ids` on needle: commentRangeStart before it,
    commentRangeEnd after it, then a run with the commentReference."""
    start, end, rpr, text = run_with(doc, needle)
    k = text.index(needle)
    before, inside, after = text[:k], needle, text[k + len(needle) :]
    starts = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
    ends = "".join(
        f'<w:commentRangeEnd w:id="{i}"/><w:r><w:rPr></w:rPr><w:commentReference w:id="{i}"/></w:r>' for i in ids
    )
    new = (run(rpr, before) if before else "") + starts + run(rpr, inside) + ends + (run(rpr, after) if after else "")
    if whole_run and (before or after):
        sys.exit(f"review: {needle!r} is not the whole run")
    return doc[:start] + new + doc[end:]


COMMENTS = [
    # id, author, initials, date, paraId, parent paraId, text
    (
        0,
        REVIEWER,
        "SD",
        "2026-02-12T10:02:00Z",
        "3A1F0001",
        None,
        "Please check this number on mHealthBelgium just before publication: apps are added every month.",
    ),
    (
        1,
        UPDATER,
        "VL",
        "2026-02-13T08:47:00Z",
        "3A1F0002",
        "3A1F0001",
        "Checked on 13 February 2026: still 13 apps when filtering for \u00abcancer\u00bb.",
    ),
    (
        2,
        REVIEWER,
        "SD",
        "2026-02-12T10:15:00Z",
        "3A1F0003",
        None,
        "The five-month limit is set in the RIZIV/INAMI convention on telemonitoring; worth a footnote.",
    ),
]


def comments_xml():
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<w:comments xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14">',
    ]
    for cid, author, initials, date, para, _parent, text in COMMENTS:
        out.append(
            f'<w:comment w:id="{cid}" w:author="{author}" w:date="{date}" w:initials="{initials}">'
            f'<w:p w14:paraId="{para}" w14:textId="77777777"><w:r><w:annotationRef/></w:r>'
            f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:comment>'
        )
    out.append("</w:comments>")
    return "".join(out)


def comments_extended_xml():
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<w15:commentsEx xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w15">',
    ]
    for _cid, _author, _initials, _date, para, parent, _text in COMMENTS:
        p = f' w15:paraIdParent="{parent}"' if parent else ""
        out.append(f'<w15:commentEx w15:paraId="{para}"{p} w15:done="0"/>')
    out.append("</w15:commentsEx>")
    return "".join(out)


def document(doc):
    d1 = "2026-02-12T09:41:00Z"
    # 1. Table 2, national eHealth governance board, Comments: insertion
    doc = insert_words(
        doc,
        " through inter-federal coordination and collaboration.",
        " through inter-federal coordination and collaboration",
        " within the Interministerial Conference on Public Health",
        REVIEWER,
        d1,
    )
    # 2. Table 6, first row, Comments: deletion of the last sentence
    doc = delete_words(
        doc,
        " It is possible that additional tools are available, of whose existence is not publicly known"
        " as they are not registered on mHealthBelgium.",
        REVIEWER,
        "2026-02-12T09:58:00Z",
    )
    # 3. header, first joint-action paragraph: insertion
    doc = insert_words(
        doc,
        "was sent for review to country experts on eHealth and cancer care.",
        "country experts on eHealth and cancer care",
        " in Belgium",
        REVIEWER,
        "2026-02-12T09:30:00Z",
    )
    # 4. Table 3, regional stakeholder groups, Comments: a list item moved up
    doc = move_paragraph_before(
        doc,
        '<w:t xml:space="preserve">Patient Organizations </w:t>',
        '<w:t xml:space="preserve">Healthcare Providers </w:t>',
        REVIEWER,
        "2026-02-12T10:07:00Z",
    )
    # comments 0 and 1 (reply): Table 6, first row, Answer cell
    doc = comment_range(doc, "At least 13 as of February 2026", [0, 1], whole_run=True)
    # comment 2: chapter 4, Further information
    doc = comment_range(doc, "restricted to a maximum of five months", [2])
    return doc


def settings(s):
    if "<w:trackRevisions" in s:
        return s
    # w:trackRevisions comes after w:zoom in CT_Settings' sequence
    m = re.search(r"<w:zoom [^>]*/>", s)
    if not m:
        sys.exit("review: no w:zoom in settings.xml")
    return s[: m.end()] + "<w:trackRevisions/>" + s[m.end() :]


def core(s):
    s = s.replace("<cp:lastModifiedBy></cp:lastModifiedBy>", f"<cp:lastModifiedBy>{REVIEWER}</cp:lastModifiedBy>")
    return s


def content_types(s):
    add = (
        '<Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        '<Override PartName="/word/commentsExtended.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>'
    )
    return s.replace("</Types>", add + "</Types>", 1)


def document_rels(s):
    add = (
        '<Relationship Id="rIdComments" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="comments.xml"/>'
        '<Relationship Id="rIdCommentsExtended" '
        'Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" '
        'Target="commentsExtended.xml"/>'
    )
    return s.replace("</Relationships>", add + "</Relationships>", 1)


EDITS = {
    "word/document.xml": document,
    "word/settings.xml": settings,
    "docProps/core.xml": core,
    "[Content_Types].xml": content_types,
    "word/_rels/document.xml.rels": document_rels,
}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: review.py BE-libreoffice.docx BE-reviewed.docx")
    src, dst = sys.argv[1:]
    done = set()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:

        def put(name, data):
            zi = zipfile.ZipInfo(name, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)

        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in EDITS:
                data = EDITS[info.filename](data.decode("utf-8")).encode("utf-8")
                done.add(info.filename)
            put(info.filename, data)
        put("word/comments.xml", comments_xml().encode("utf-8"))
        put("word/commentsExtended.xml", comments_extended_xml().encode("utf-8"))
    missing = set(EDITS) - done
    if missing:
        sys.exit(f"review: parts not found in {src}: {sorted(missing)}")


if __name__ == "__main__":
    main()
