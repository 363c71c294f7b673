// Package docx reads Word documents (.docx, WordprocessingML) as the
// factsheet's fourth form.
//
// A Word document is turned into the published text layout (the form the
// document importer reads: headings, captions, tab-separated rows with
// inline HTML cells, "<sup>N</sup>" footnote definitions), together with a
// map from each line of that text back to what a person finds in Word: the
// table, row and column, the paragraph, the footnote. The importer then gives
// a Word document exactly the model its text form gives, and every finding
// can be told in Word's terms.
//
// The document is read as it would be with every tracked change accepted
// (insertions kept, deletions dropped, moves applied); each pending change
// and each comment is kept as a Review so that a round is not closed while
// they remain.
//
// No free, maintained Go library reads footnotes, comments and tracked
// changes, so this package works on archive/zip and encoding/xml directly.
// It is defensive: inflated sizes are capped per part and in total (zip
// bombs), element nesting is capped, a DOCTYPE is refused (entity
// expansion), and every problem is a Problem with a plain message, never a
// panic.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/ecanplus/factsheet/internal/rules"
)

// Budgets. A real factsheet's document.xml inflates to well under 2 MiB.
const (
	MaxPart  = 48 << 20 // inflated bytes of one part
	MaxTotal = 96 << 20 // inflated bytes of all parts read
	MaxDepth = 200      // element nesting (tables in tables in ...)
)

// Rule IDs of the findings about Word documents.
const (
	// RuleUnreadable: the file is meant to be a Word document but cannot be
	// read (not a zip, truncated, no document part, a budget exceeded,
	// invalid XML).
	RuleUnreadable = rules.DocxUnreadable
	// RuleRevision: a tracked change is still pending.
	RuleRevision = rules.DocxRevision
	// RuleComment: a comment (or a reply) is in the document.
	RuleComment = rules.DocxComment
)

// Problem is why a Word document could not be read.
type Problem struct{ Message string }

func (p *Problem) Error() string { return p.Message }

func problemf(format string, args ...any) *Problem {
	return &Problem{Message: fmt.Sprintf(format, args...)}
}

// IsZip reports whether raw starts like a zip archive.
func IsZip(raw []byte) bool {
	return bytes.HasPrefix(raw, []byte("PK\x03\x04")) || bytes.HasPrefix(raw, []byte("PK\x05\x06"))
}

// Document is a Word document read into the text layout.
type Document struct {
	// Text is the factsheet in the published text layout.
	Text string
	// Reviews are the pending tracked changes and the comments, in
	// document order.
	Reviews []Review

	places []Place // per line of Text, 0-based
}

// Options choose how a document is read.
type Options struct {
	// Reject reads the document as it would be with every tracked change
	// rejected (the version before the changes); the default accepts them.
	Reject bool
}

// Read parses the bytes of a .docx package, with every tracked change
// accepted.
func Read(raw []byte) (*Document, error) { return ReadWith(raw, Options{}) }

// ReadWith parses the bytes of a .docx package.
func ReadWith(raw []byte, opts Options) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, problemf("the Word document cannot be opened: it is not a complete zip package (%s); save it again from Word, or check that the download finished", zipReason(err))
	}
	pk := &pkg{files: map[string]*zip.File{}, reject: opts.Reject}
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(f.Name, `\`, "/")), "/")
		if _, dup := pk.files[strings.ToLower(name)]; !dup {
			pk.files[strings.ToLower(name)] = f
		}
	}
	return pk.read()
}

func zipReason(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "zip: ")
	return s
}

// pkg is the opened package: its parts by lower-case name, and the budget
// left for inflating them.
type pkg struct {
	files  map[string]*zip.File
	used   int64
	reject bool
}

// part returns the inflated bytes of a part, nil when it does not exist.
func (p *pkg) part(name string) ([]byte, error) {
	f := p.files[strings.ToLower(name)]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, problemf("the Word document is damaged: its part %s cannot be read (%s)", name, zipReason(err))
	}
	defer rc.Close()
	limit := min(int64(MaxPart), MaxTotal-p.used)
	// The header's size may lie: the limit is on what is actually inflated.
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, problemf("the Word document is damaged: its part %s cannot be read (%s)", name, zipReason(err))
	}
	if int64(len(b)) > limit {
		return nil, problemf("the Word document's part %s inflates to more than %d MiB: refused (a real factsheet is a few hundred KiB; this looks like a zip bomb)", name, limit>>20)
	}
	p.used += int64(len(b))
	return b, nil
}

func (p *pkg) read() (*Document, error) {
	main := p.mainPart()
	if main == "" {
		if p.files["content.xml"] != nil && p.files["mimetype"] != nil {
			return nil, problemf("this is an OpenDocument file (.odt), not a Word document: save it as Word (.docx) and check that")
		}
		return nil, problemf("this zip file is not a Word document: it has no word/document.xml part")
	}
	body, err := p.part(main)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, problemf("this zip file is not a Word document: its main part %s is missing", main)
	}
	dir := path.Dir(main)
	rels, err := p.rels(main)
	if err != nil {
		return nil, err
	}
	st, err := p.styles(dir, rels)
	if err != nil {
		return nil, err
	}
	ps := newParser(st)
	ps.rels, ps.docRels = rels, rels
	ps.reject = p.reject
	if err := ps.document(body); err != nil {
		return nil, problemf("the Word document is damaged: %s: %v", main, err)
	}
	if err := p.notes(ps, dir, rels); err != nil {
		return nil, err
	}
	if err := p.comments(ps, dir, rels); err != nil {
		return nil, err
	}
	return ps.layout(), nil
}

// mainPart finds the document part: through the package relationships, as
// Word does, or at its usual name.
func (p *pkg) mainPart() string {
	if b, err := p.part("_rels/.rels"); err == nil && b != nil {
		if rs, err := parseRels(b, ""); err == nil {
			for _, r := range rs {
				if strings.HasSuffix(r.typ, "/officeDocument") && p.files[strings.ToLower(r.target)] != nil {
					return r.target
				}
			}
		}
	}
	if p.files["word/document.xml"] != nil {
		return "word/document.xml"
	}
	return ""
}

// rels reads the relationships of a part (word/_rels/document.xml.rels for
// word/document.xml).
func (p *pkg) rels(part string) (map[string]rel, error) {
	name := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	b, err := p.part(name)
	if err != nil || b == nil {
		return map[string]rel{}, err
	}
	rs, err := parseRels(b, path.Dir(part))
	if err != nil {
		return nil, problemf("the Word document is damaged: %s: %v", name, err)
	}
	m := make(map[string]rel, len(rs))
	for _, r := range rs {
		m[r.id] = r
	}
	return m, nil
}

// target finds the part a relationship of the given type points to.
func target(rels map[string]rel, suffix, fallback string) string {
	for _, r := range rels {
		if strings.HasSuffix(r.typ, suffix) && !r.external {
			return r.target
		}
	}
	return fallback
}

func (p *pkg) styles(dir string, rels map[string]rel) (*styles, error) {
	b, err := p.part(target(rels, "/styles", path.Join(dir, "styles.xml")))
	if err != nil {
		return nil, err
	}
	st := &styles{byID: map[string]*style{}}
	if b == nil {
		return st, nil
	}
	if err := st.parse(b); err != nil {
		return nil, problemf("the Word document is damaged: styles.xml: %v", err)
	}
	return st, nil
}

func (p *pkg) notes(ps *parser, dir string, rels map[string]rel) error {
	for _, kind := range []string{"footnote", "endnote"} {
		name := target(rels, "/"+kind+"s", path.Join(dir, kind+"s.xml"))
		b, err := p.part(name)
		if err != nil {
			return err
		}
		if b == nil {
			continue
		}
		nrels, err := p.rels(name)
		if err != nil {
			return err
		}
		if err := ps.notes(b, kind, nrels); err != nil {
			return problemf("the Word document is damaged: %s: %v", name, err)
		}
	}
	return nil
}

func (p *pkg) comments(ps *parser, dir string, rels map[string]rel) error {
	name := target(rels, "/comments", path.Join(dir, "comments.xml"))
	b, err := p.part(name)
	if err != nil || b == nil {
		return err
	}
	ext, err := p.part(target(rels, "/commentsExtended", path.Join(dir, "commentsExtended.xml")))
	if err != nil {
		return err
	}
	if err := ps.comments(b, ext); err != nil {
		return problemf("the Word document is damaged: %s: %v", name, err)
	}
	return nil
}
