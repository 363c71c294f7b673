package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// nsRel is the relationships namespace: r:id attributes name parts and
// link targets, and must not be mistaken for w:id.
const nsRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// tokens reads XML tokens with the package's guards: a DOCTYPE (and so any
// entity declaration) is refused rather than ignored, nesting is capped, and
// errors carry the line of the part.
//
// It reads raw tokens (no namespace translation, which is most of the cost
// of encoding/xml's Token): elements are matched by local name, and the
// prefixes bound to the relationships namespace are remembered from the
// xmlns declarations as they come.
type tokens struct {
	dec   *xml.Decoder
	depth int
	rel   map[string]bool // prefixes bound to nsRel
}

func newTokens(b []byte) *tokens {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	return &tokens{dec: d, rel: map[string]bool{}}
}

var errDepth = errors.New("elements nested more than 200 deep")

// next returns the next token; io.EOF at the end.
func (t *tokens) next() (xml.Token, error) {
	tok, err := t.dec.RawToken()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid XML at line %d: %s", se.Line, se.Msg)
		}
		return nil, fmt.Errorf("invalid XML: %v", err)
	}
	switch v := tok.(type) {
	case xml.StartElement:
		t.depth++
		if t.depth > MaxDepth {
			return nil, errDepth
		}
		for _, a := range v.Attr {
			if a.Name.Space == "xmlns" && a.Value == nsRel {
				t.rel[a.Name.Local] = true
			}
		}
	case xml.EndElement:
		t.depth--
	case xml.Directive:
		if bytes.HasPrefix(bytes.TrimSpace(bytes.ToUpper(v)), []byte("DOCTYPE")) || bytes.Contains(v, []byte("ENTITY")) {
			return nil, errors.New("the XML declares a DOCTYPE or entities, which Word never writes: refused")
		}
	}
	return tok, nil
}

// each calls f for each child element of the element just started, in
// order, and returns at that element's end. f may read a child (up to its
// end) or leave it: what f leaves unread is skipped. This is the one loop
// of the package: every reader is a switch over the children it knows.
func (t *tokens) each(f func(e xml.StartElement) error) error {
	stop := t.depth - 1
	for t.depth > stop {
		tok, err := t.next()
		if err != nil {
			return eofIsTruncation(err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		open := t.depth
		if err := f(e); err != nil {
			return err
		}
		for t.depth >= open { // the child, or part of it, left unread
			if _, err := t.next(); err != nil {
				return eofIsTruncation(err)
			}
		}
	}
	return nil
}

// top calls f for each element named local anywhere in a part (the
// footnotes of footnotes.xml, the comments of comments.xml).
func (t *tokens) top(local string, f func(e xml.StartElement) error) error {
	for {
		tok, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == local {
			open := t.depth
			if err := f(e); err != nil {
				return err
			}
			for t.depth >= open {
				if _, err := t.next(); err != nil {
					return eofIsTruncation(err)
				}
			}
		}
	}
}

// text returns the character data of the element just started, up to its
// end (nested elements are skipped).
func (t *tokens) text() (string, error) {
	var b strings.Builder
	stop := t.depth - 1
	for t.depth > stop {
		tok, err := t.next()
		if err != nil {
			return "", eofIsTruncation(err)
		}
		if cd, ok := tok.(xml.CharData); ok && t.depth == stop+1 {
			b.Write(cd)
		}
	}
	return b.String(), nil
}

func eofIsTruncation(err error) error {
	if err == io.EOF {
		return errors.New("invalid XML: it ends in the middle of an element")
	}
	return err
}

// attr returns the value of the attribute with the local name (not one in
// the relationships namespace).
func (t *tokens) attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && !t.rel[a.Name.Space] {
			return a.Value
		}
	}
	return ""
}

// relAttr returns the value of r:local (a relationship id).
func (t *tokens) relAttr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && t.rel[a.Name.Space] {
			return a.Value
		}
	}
	return ""
}

// attr is tokens.attr for parts without relationship attributes.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return a.Value
		}
	}
	return ""
}

// on reads an OOXML on/off property: present means on unless its value says
// otherwise.
func on(e xml.StartElement) bool {
	switch strings.ToLower(attr(e, "val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

type rel struct {
	id, typ, target string
	external        bool
}

// parseRels reads a relationships part; internal targets are resolved
// against dir.
func parseRels(b []byte, dir string) ([]rel, error) {
	t := newTokens(b)
	var out []rel
	for {
		tok, err := t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "Relationship" {
			continue
		}
		r := rel{id: attr(e, "Id"), typ: attr(e, "Type"), target: attr(e, "Target")}
		r.external = strings.EqualFold(attr(e, "TargetMode"), "External")
		if !r.external {
			if strings.HasPrefix(r.target, "/") {
				r.target = strings.TrimPrefix(path.Clean(r.target), "/")
			} else {
				r.target = strings.TrimPrefix(path.Clean("/"+path.Join(dir, r.target)), "/")
			}
		}
		out = append(out, r)
	}
}

// style is what the reader needs of a style: its heading level, whether it
// makes a list, and the emphasis a character style gives.
type style struct {
	id, name, basedOn, typ string
	outline                int // 1-based heading level from w:outlineLvl; 0 none
	list                   bool
	bold, italic, sup      int8 // 0 unset, 1 on, -1 off
}

type styles struct{ byID map[string]*style }

func (s *styles) parse(b []byte) error {
	t := newTokens(b)
	var cur *style
	for {
		tok, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "style":
				cur = &style{id: attr(e, "styleId"), typ: attr(e, "type")}
				if _, dup := s.byID[cur.id]; !dup {
					s.byID[cur.id] = cur
				}
			case "name":
				if cur != nil {
					cur.name = attr(e, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(e, "val")
				}
			case "outlineLvl":
				if cur != nil {
					cur.outline = outlineLevel(attr(e, "val"))
				}
			case "numId":
				if cur != nil && attr(e, "val") != "0" {
					cur.list = true
				}
			case "b":
				if cur != nil {
					cur.bold = tri(on(e))
				}
			case "i":
				if cur != nil {
					cur.italic = tri(on(e))
				}
			case "vertAlign":
				if cur != nil {
					cur.sup = tri(attr(e, "val") == "superscript")
				}
			}
		case xml.EndElement:
			if e.Name.Local == "style" {
				cur = nil
			}
		}
	}
}

func tri(b bool) int8 {
	if b {
		return 1
	}
	return -1
}

// outlineLevel reads w:outlineLvl (0-based; 9 is body text) as a 1-based
// heading level.
func outlineLevel(v string) int {
	if len(v) == 1 && v[0] >= '0' && v[0] <= '8' {
		return int(v[0]-'0') + 1
	}
	return 0
}

// chain calls f on the style and the styles it is based on, nearest first
// (bounded: a cycle of basedOn is a broken file, not a hang).
func (s *styles) chain(id string, f func(*style) bool) {
	for i := 0; i < 16 && id != ""; i++ {
		st := s.byID[id]
		if st == nil || f(st) {
			return
		}
		id = st.basedOn
	}
}

// heading returns the heading level a paragraph style gives: 1-9, -1 for
// the title, 0 for body text. Names are Word's built-in English names
// ("heading 1", whatever the user's language shows) or LibreOffice's
// ("Heading 1"); failing a name, the outline level.
func (s *styles) heading(id string) int {
	level := 0
	s.chain(id, func(st *style) bool {
		name := strings.ToLower(strings.TrimSpace(st.name))
		switch {
		case name == "title":
			level = -1
		case strings.HasPrefix(name, "heading ") && len(name) == len("heading 1") && name[8] >= '1' && name[8] <= '9':
			level = int(name[8] - '0')
		case st.outline > 0:
			level = st.outline
		default:
			return false
		}
		return true
	})
	return level
}

// list reports whether a paragraph style makes list items.
func (s *styles) list(id string) bool {
	found := false
	s.chain(id, func(st *style) bool {
		if st.list {
			found = true
		}
		return found
	})
	return found
}

// emphasis returns the bold, italic and superscript a character style gives.
func (s *styles) emphasis(id string) (bold, italic, sup int8) {
	s.chain(id, func(st *style) bool {
		if bold == 0 {
			bold = st.bold
		}
		if italic == 0 {
			italic = st.italic
		}
		if sup == 0 {
			sup = st.sup
		}
		return false
	})
	return
}
