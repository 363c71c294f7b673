#!/bin/sh
# Remakes the Word/PDF/DOC/ODT fixtures of testdata/docx from testdata/factsheets/BE.txt.
#
# Needs: python3 (standard library only), pandoc (made with 2.17.1.1), LibreOffice Writer
# (soffice; made with 7.4.7.2, Debian libreoffice-writer-nogui), and for PREVIEW=1 pdftoppm
# (poppler-utils). Not run in CI: the files are committed, and other producer versions write
# different XML (the README describes what these versions wrote).
#
#   testdata/docx/make-fixtures.sh              # rewrite the fixtures
#   PREVIEW=1 testdata/docx/make-fixtures.sh    # also page 1-2 of each .docx as PNG in the work dir
#
# LibreOffice runs with a private profile in a temporary directory, so it neither uses nor
# changes the user's, and does not clash with an open LibreOffice.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../factsheets/BE.txt
gen=$here/gen
work=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-docx.XXXXXX")
keep=${KEEP:-${PREVIEW:-}}
trap '[ -n "$keep" ] || rm -rf "$work"' EXIT

# pandoc writes this time into docProps/core.xml (LibreOffice always writes the current time)
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1771200000} # 2026-02-16
export SOURCE_DATE_EPOCH

soffice() {
	command soffice -env:UserInstallation="file://$work/lo-profile" --headless "$@" >"$work/soffice.log" 2>&1 ||
		{ cat "$work/soffice.log" >&2; return 1; }
}

echo "HTML      $work/BE.html"
python3 "$gen/be2html.py" "$src" >"$work/BE.html"

# LibreOffice: read the HTML as a Writer document (not Writer/Web), write each format
for target in 'docx:MS Word 2007 XML' 'doc:MS Word 97' 'odt:writer8' 'pdf:writer_pdf_Export'; do
	echo "soffice   $target"
	soffice --infilter='HTML (StarWriter)' --convert-to "$target" --outdir "$work" "$work/BE.html"
done
mv "$work/BE.docx" "$here/BE-libreoffice.docx"
mv "$work/BE.doc" "$work/BE.odt" "$work/BE.pdf" "$here/"

# pandoc: the same HTML, footnotes through the Lua filter, the look through a reference document
echo "pandoc    docx"
pandoc -o "$work/default-reference.docx" --print-default-data-file reference.docx
python3 "$gen/pandoc-reference.py" "$work/default-reference.docx" "$work/reference.docx"
pandoc -f html -t docx --reference-doc "$work/reference.docx" --lua-filter "$gen/sdfootnotes.lua" \
	-o "$here/BE-pandoc.docx" "$work/BE.html"

# the reviewed copy: tracked changes and comments added to the LibreOffice file
echo "review    BE-reviewed.docx"
python3 "$gen/review.py" "$here/BE-libreoffice.docx" "$here/BE-reviewed.docx"

# proof that LibreOffice opens the reviewed copy: its ODT must hold the changes and comments
echo "check     BE-reviewed.docx opens in LibreOffice"
mkdir -p "$work/check"
soffice --convert-to odt --outdir "$work/check" "$here/BE-reviewed.docx"
soffice --convert-to 'txt:Text (encoded):UTF8' --outdir "$work/check" "$here/BE-reviewed.docx"
python3 - "$work/check/BE-reviewed.odt" "$work/check/BE-reviewed.txt" <<'EOF'
import re, sys, zipfile
content = zipfile.ZipFile(sys.argv[1]).read("content.xml").decode()
changes = len(re.findall(r"<text:changed-region", content))
notes = len(re.findall(r"<office:annotation[ >]", content))
text = open(sys.argv[2], encoding="utf-8-sig").read()
print(f"          {changes} tracked changes, {notes} comments; text {len(text)} characters")
if changes < 4 or notes < 3 or "Table 6 : Number of eHealth solutions" not in text:
    sys.exit("make-fixtures: LibreOffice did not read BE-reviewed.docx as expected")
EOF

if [ -n "${PREVIEW:-}" ]; then
	mkdir -p "$work/png"
	for f in BE-libreoffice BE-pandoc BE-reviewed; do
		soffice --convert-to pdf --outdir "$work/png" "$here/$f.docx"
		pdftoppm -png -r 60 -f 1 -l 2 "$work/png/$f.pdf" "$work/png/$f"
	done
	echo "previews  $work/png"
fi

cd "$here" && ls -l BE-libreoffice.docx BE-pandoc.docx BE-reviewed.docx BE.doc BE.odt BE.pdf
