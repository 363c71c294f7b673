package load

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
)

// RuleForm is the finding for a file in a form the tool cannot read
// reliably (PDF, legacy Word, OpenDocument, RTF): it says which form and
// what to send instead.
const RuleForm = rules.InputForm

func isWordName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx", ".dotm":
		return true
	}
	return false
}

// readWord reads a .docx into its text layout. ok is false when it cannot
// be read; the finding says why.
func (r *Result) readWord(raw []byte, opts Options) (*source.File, bool) {
	if !docx.IsZip(raw) {
		r.Findings = append(r.Findings, finding.Finding{
			Rule: docx.RuleUnreadable, Severity: finding.Error, Location: finding.Location{File: r.Name},
			Message: "the file is named as a Word document but is not one (a .docx is a zip package); save it again from Word as .docx",
		})
		return nil, false
	}
	d, err := docx.ReadWith(raw, docx.Options{Reject: opts.RejectChanges})
	if err != nil {
		r.Findings = append(r.Findings, finding.Finding{
			Rule: docx.RuleUnreadable, Severity: finding.Error, Location: finding.Location{File: r.Name},
			Message: err.Error(),
		})
		return nil, false
	}
	r.word = d
	return source.New(r.Name, d.Text), true
}

// reviewFindings are the Word document's pending tracked changes and
// comments, each at the item it concerns.
func (r *Result) reviewFindings(m source.Map) []finding.Finding {
	out := make([]finding.Finding, 0, len(r.word.Reviews))
	for _, rv := range r.word.Reviews {
		out = append(out, finding.Finding{
			Rule: rv.Rule, Severity: finding.Info,
			Location: finding.Location{File: r.Name, Line: rv.Line, Column: rv.Col, Pointer: pointerAt(m, rv.Line, rv.Col)},
			Message:  rv.Message(),
		})
	}
	return out
}

// pointerAt finds the item whose value starts last at or before line:col:
// the table cell, row or footnote a change is in.
func pointerAt(m source.Map, line, col int) string {
	best, bestCol := "", 0
	for ptr, s := range m {
		if s.Line != line || s.Col > col {
			continue
		}
		if s.Col > bestCol || (s.Col == bestCol && len(ptr) > len(best)) {
			best, bestCol = ptr, s.Col
		}
	}
	return best
}

// Relocate tells the findings of a Word document in Word's terms: the
// place (table, row and column; paragraph; footnote) instead of a line of
// the text layout, which is nowhere a person can go. Other files' findings
// are returned as they are. It may be called more than once.
func (r *Result) Relocate(fs []finding.Finding) []finding.Finding {
	if r.word == nil {
		return fs
	}
	for i := range fs {
		r.relocate(&fs[i].Location)
		for j := range fs[i].Related {
			r.relocate(&fs[i].Related[j].Location)
		}
	}
	return fs
}

func (r *Result) relocate(l *finding.Location) {
	if l.File != r.Name || l.Line <= 0 || r.File == nil || l.Line > r.File.Lines() {
		return
	}
	l.Place = r.word.Describe(l.Line, l.Column, r.File.Line(l.Line))
	l.Order = l.Line
	l.Line, l.Column = 0, 0
}

// unreadableForm recognises the forms a factsheet is often saved in that
// the tool cannot read reliably, by their first bytes, and says what to
// send instead.
func unreadableForm(name string, raw []byte) (finding.Finding, bool) {
	msg := ""
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		msg = "this is a PDF: its text loses the tables and footnotes of the factsheet, so it cannot be checked reliably; check the Word document (.docx) or the Markdown/text it was made from"
	case bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		if bytes.Contains(raw, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")) {
			msg = "this Word document is password-protected (encrypted): remove the password in Word (File > Info > Protect Document) and save it as .docx"
		} else {
			msg = "this is a legacy Word document (.doc) or another old Office file: open it in Word and save it as Word Document (.docx)"
		}
	case docx.IsZip(raw) && bytes.Contains(raw[:min(len(raw), 200)], []byte("application/vnd.oasis.opendocument")):
		msg = "this is an OpenDocument file (.odt): save it as Word Document (.docx) and check that"
	case bytes.HasPrefix(raw, []byte(`{\rtf`)):
		msg = "this is an RTF file: save it as Word Document (.docx) and check that"
	default:
		return finding.Finding{}, false
	}
	return finding.Finding{Rule: RuleForm, Severity: finding.Error, Location: finding.Location{File: name}, Message: msg}, true
}
