package decode

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// JSON parses the file as one JSON value. Positions come from the decoder's
// token stream: for each token the start offset is found by skipping the
// whitespace, commas and colons after the previous token's end, which is
// exact and needs no second scan of the text.
func JSON(f *source.File) Result {
	b := &builder{file: f, m: source.Map{}}
	if f.Control {
		return Result{Map: b.m}
	}
	if strings.TrimSpace(f.Text) == "" {
		b.add(RuleEmpty, 1, 1, "", "the file is empty")
		return Result{Map: b.m, Findings: b.fs}
	}
	p := &jsonParser{b: b, dec: json.NewDecoder(strings.NewReader(f.Text)), text: f.Text}
	p.dec.UseNumber()
	v, ok := p.value("", 0, nil)
	if !ok {
		return Result{Map: b.m, Findings: b.fs}
	}
	off := p.skip(int(p.dec.InputOffset()))
	if _, err := p.dec.Token(); err != io.EOF {
		line, col := f.Position(off)
		b.add(RuleSyntax, line, col, "", "invalid JSON: unexpected data after the end of the document")
	}
	if b.over {
		v = nil
	}
	return Result{Value: v, Map: b.m, Findings: b.fs}
}

type jsonParser struct {
	b    *builder
	dec  *json.Decoder
	text string
}

type keyPos struct{ line, col int }

// skip returns the offset of the next token at or after off.
func (p *jsonParser) skip(off int) int {
	for off < len(p.text) {
		switch p.text[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *jsonParser) fail(err error) {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		// The offset is that of the offending byte.
		line, col := p.b.file.Position(int(se.Offset))
		p.b.add(RuleSyntax, line, col, "", "invalid JSON: "+strings.TrimPrefix(se.Error(), "invalid "))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := p.b.file.Position(len(p.text))
		p.b.add(RuleSyntax, line, col, "", "invalid JSON: the document ends early (truncated file?)")
	default:
		line, col := p.b.file.Position(int(p.dec.InputOffset()))
		p.b.add(RuleSyntax, line, col, "", "invalid JSON: "+err.Error())
	}
}

// setOnce records a span unless the pointer has one: with a duplicate key the
// first value is kept, and so are its positions.
func (p *jsonParser) setOnce(ptr string, s source.Span) {
	if _, seen := p.b.m[ptr]; !seen {
		p.b.m.Set(ptr, s)
	}
}

// value reads one value at ptr. ok is false when the document cannot be read
// further (syntax error, limit reached).
func (p *jsonParser) value(ptr string, depth int, key *keyPos) (any, bool) {
	start := p.skip(int(p.dec.InputOffset()))
	tok, err := p.dec.Token()
	if err != nil {
		p.fail(err)
		return nil, false
	}
	line, col := p.b.file.Position(start)
	p.b.values++
	if p.b.values > MaxValues {
		p.b.over = true
		p.b.add(RuleLimit, line, col, ptr, fmt.Sprintf("the document has more than %d values; refusing to read further", MaxValues))
		return nil, false
	}
	span := source.Span{Line: line, Col: col}
	if key != nil {
		span.KeyLine, span.KeyCol = key.line, key.col
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= MaxDepth {
			p.b.over = true
			p.b.add(RuleLimit, line, col, ptr, fmt.Sprintf("nesting deeper than %d levels; a factsheet is a few levels deep", MaxDepth))
			return nil, false
		}
		var v any
		var ok bool
		if t == '{' {
			v, ok = p.object(ptr, depth)
		} else {
			v, ok = p.array(ptr, depth)
		}
		endLine, _ := p.b.file.Position(int(p.dec.InputOffset()))
		span.EndLine = endLine
		p.setOnce(ptr, span)
		return v, ok
	default:
		endLine, _ := p.b.file.Position(int(p.dec.InputOffset()))
		span.EndLine = endLine
		p.setOnce(ptr, span)
		return t, true // string, json.Number, bool or nil
	}
}

func (p *jsonParser) object(ptr string, depth int) (any, bool) {
	out := map[string]any{}
	first := map[string]keyPos{}
	for p.dec.More() {
		start := p.skip(int(p.dec.InputOffset()))
		tok, err := p.dec.Token()
		if err != nil {
			p.fail(err)
			return out, false
		}
		name, _ := tok.(string)
		line, col := p.b.file.Position(start)
		kp := keyPos{line, col}
		child := ptr + "/" + source.Escape(name)
		v, ok := p.value(child, depth+1, &kp)
		if prev, dup := first[name]; dup {
			p.b.add(RuleDuplicateKey, line, col, child,
				fmt.Sprintf("duplicate key %q (first defined at %d:%d); the second value would be lost", name, prev.line, prev.col),
				finding.Related{Location: finding.Location{File: p.b.file.Name, Line: prev.line, Column: prev.col, Pointer: child}, Message: "first defined here"})
		} else {
			first[name] = kp
			out[name] = v
		}
		if !ok {
			return out, false
		}
	}
	if _, err := p.dec.Token(); err != nil { // '}'
		p.fail(err)
		return out, false
	}
	return out, true
}

func (p *jsonParser) array(ptr string, depth int) (any, bool) {
	out := []any{}
	for i := 0; p.dec.More(); i++ {
		v, ok := p.value(ptr+"/"+strconv.Itoa(i), depth+1, nil)
		out = append(out, v)
		if !ok {
			return out, false
		}
	}
	if _, err := p.dec.Token(); err != nil { // ']'
		p.fail(err)
		return out, false
	}
	return out, true
}
