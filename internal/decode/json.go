package decode

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

// JSON parses the file as one JSON value.
//
// The parser is a direct recursive descent over the text that records the
// position of every key and value as it goes. encoding/json's token API,
// which this replaced, allocated for every token and was a third of the
// time of a batch lint. It accepts exactly what encoding/json accepts and
// builds the same values (strings decoded, numbers as json.Number written
// as in the file): the fuzz test FuzzJSON checks both against encoding/json.
func JSON(f *source.File) Result {
	b := &builder{file: f, m: source.Map{}}
	if f.Control {
		// As for YAML: source.Decode has reported the control characters.
		return Result{State: Skipped, Map: b.m}
	}
	p := &jsonParser{b: b, s: f.Text}
	p.ws()
	if p.i == len(p.s) {
		b.add(RuleEmpty, 1, 1, "", "the file is empty")
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	v, ok := p.value("", 0, nil)
	if !ok {
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	p.ws()
	if p.i < len(p.s) {
		line, col := f.Position(p.i)
		b.add(RuleSyntax, line, col, "", "invalid JSON: unexpected data after the end of the document")
	}
	if b.over {
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	return Result{Value: v, Map: b.m, Findings: b.fs}
}

type jsonParser struct {
	b *builder
	s string
	i int
	// line and lineStart follow the scan, so positions cost nothing extra;
	// colAt and col are the last offset whose column was asked for and that
	// column, so a column is counted from there rather than from the start
	// of the line (a minified file is one line: counting from its start
	// made reading quadratic).
	line, lineStart int
	colAt, col      int
	// scanned counts the bytes the column counter has looked at: the tests
	// check that it stays proportional to the input.
	scanned int
}

type keyPos struct{ line, col int }

// ws skips white space, counting lines.
func (p *jsonParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '\n':
			p.i++
			p.line++
			p.lineStart = p.i
		case ' ', '\t', '\r':
			p.i++
		default:
			return
		}
	}
}

// pos is the line and column (in characters) of the current offset.
func (p *jsonParser) pos() (int, int) {
	if p.colAt < p.lineStart || p.colAt > p.i {
		p.colAt, p.col = p.lineStart, 0
	}
	p.col += utf8.RuneCountInString(p.s[p.colAt:p.i])
	p.scanned += p.i - p.colAt
	p.colAt = p.i
	return p.line + 1, p.col + 1
}

// fail reports a syntax error at the current offset.
func (p *jsonParser) fail(format string, a ...any) {
	line, col := p.pos()
	if p.i >= len(p.s) {
		p.b.add(RuleSyntax, line, col, "", "invalid JSON: the document ends early (truncated file?)")
		return
	}
	p.b.add(RuleSyntax, line, col, "", "invalid JSON: "+fmt.Sprintf(format, a...))
}

// what names the character at the current offset for messages.
func (p *jsonParser) what() string {
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return strconv.QuoteRune(r)
}

// setOnce records a span unless the pointer has one: with a duplicate key
// the first value is kept, and so are its positions.
func (p *jsonParser) setOnce(ptr string, s source.Span) {
	if _, seen := p.b.m[ptr]; !seen {
		p.b.m.Set(ptr, s)
	}
}

// value reads one value at ptr. ok is false when the document cannot be read
// further (syntax error, limit reached).
func (p *jsonParser) value(ptr string, depth int, key *keyPos) (any, bool) {
	p.ws()
	if p.i >= len(p.s) {
		p.fail("")
		return nil, false
	}
	line, col := p.pos()
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
	var v any
	ok := true
	switch c := p.s[p.i]; {
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			p.b.over = true
			p.b.add(RuleLimit, line, col, ptr, fmt.Sprintf("nesting deeper than %d levels (the files the tool reads, factsheets among them, are a few levels deep)", MaxDepth))
			return nil, false
		}
		if c == '{' {
			v, ok = p.object(ptr, depth)
		} else {
			v, ok = p.array(ptr, depth)
		}
	case c == '"':
		v, ok = p.str()
	case c == '-' || c >= '0' && c <= '9':
		v, ok = p.number()
	case c == 't':
		v, ok = p.literal("true", true)
	case c == 'f':
		v, ok = p.literal("false", false)
	case c == 'n':
		v, ok = p.literal("null", nil)
	default:
		p.fail("character %s looking for beginning of value", p.what())
		return nil, false
	}
	span.EndLine, span.EndCol = p.pos()
	p.setOnce(ptr, span)
	return v, ok
}

func (p *jsonParser) literal(word string, v any) (any, bool) {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return v, true
	}
	for k := 0; k < len(word) && p.i < len(p.s); k++ {
		if p.s[p.i] != word[k] {
			p.fail("character %s in literal %s (expecting '%c')", p.what(), word, word[k])
			return nil, false
		}
		p.i++
	}
	p.fail("")
	return nil, false
}

func (p *jsonParser) object(ptr string, depth int) (any, bool) {
	out := map[string]any{}
	first := map[string]keyPos{}
	p.i++ // {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return out, true
	}
	for {
		p.ws()
		if p.i >= len(p.s) {
			p.fail("")
			return out, false
		}
		if p.s[p.i] != '"' {
			p.fail("character %s looking for beginning of object key string", p.what())
			return out, false
		}
		line, col := p.pos()
		kv, ok := p.str()
		if !ok {
			return out, false
		}
		name := kv.(string)
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			if p.i < len(p.s) {
				p.fail("character %s after object key", p.what())
			} else {
				p.fail("")
			}
			return out, false
		}
		p.i++
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
		p.ws()
		if p.i >= len(p.s) {
			p.fail("")
			return out, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return out, true
		default:
			p.fail("character %s after object key:value pair", p.what())
			return out, false
		}
	}
}

func (p *jsonParser) array(ptr string, depth int) (any, bool) {
	out := []any{}
	p.i++ // [
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return out, true
	}
	for n := 0; ; n++ {
		v, ok := p.value(ptr+"/"+strconv.Itoa(n), depth+1, nil)
		out = append(out, v)
		if !ok {
			return out, false
		}
		p.ws()
		if p.i >= len(p.s) {
			p.fail("")
			return out, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, true
		default:
			p.fail("character %s after array element", p.what())
			return out, false
		}
	}
}

// str reads a string, decoding escapes as encoding/json does (an invalid
// surrogate becomes U+FFFD).
func (p *jsonParser) str() (any, bool) {
	p.i++ // opening quote
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			v := p.s[start:p.i]
			p.i++
			return v, true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			p.fail("character %s in string literal", p.what())
			return nil, false
		}
		p.i++
	}
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), true
		case c < 0x20:
			p.fail("character %s in string literal", p.what())
			return nil, false
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		// An escape.
		if p.i+1 >= len(p.s) {
			p.i = len(p.s)
			p.fail("")
			return nil, false
		}
		e := p.s[p.i+1]
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, n, ok := p.unicodeEscape(p.i)
			if !ok {
				return nil, false
			}
			buf = utf8.AppendRune(buf, r)
			p.i += n
			continue
		default:
			p.i++
			p.fail("character %s in string escape code", p.what())
			return nil, false
		}
		p.i += 2
	}
	p.fail("")
	return nil, false
}

// unicodeEscape reads \uXXXX at i (and the low half of a surrogate pair
// after it), returning the rune and the bytes consumed. Half of a surrogate
// pair without its other half is no character: encoding/json reads it as
// U+FFFD silently, the parser does too and reports it, so that converting
// the file never writes the replacement character unnoticed.
func (p *jsonParser) unicodeEscape(i int) (rune, int, bool) {
	r, ok := p.hex4(i + 2)
	if !ok {
		return 0, 0, false
	}
	if !utf16.IsSurrogate(r) {
		return r, 6, true
	}
	if i+12 <= len(p.s) && p.s[i+6] == '\\' && p.s[i+7] == 'u' {
		if r2, ok := p.hex4(i + 8); ok {
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				return dec, 12, true
			}
		} else {
			return 0, 0, false
		}
	}
	line, col := p.pos()
	p.b.add(source.RuleEncoding, line, col, "",
		fmt.Sprintf("invalid JSON string: %s is half of a UTF-16 surrogate pair without its other half (it would be read as U+FFFD, the replacement character); write the character itself", p.s[i:i+6]))
	return utf8.RuneError, 6, true
}

func (p *jsonParser) hex4(i int) (rune, bool) {
	var r rune
	for k := 0; k < 4; k++ {
		if i+k >= len(p.s) {
			p.i = len(p.s)
			p.fail("")
			return 0, false
		}
		c := p.s[i+k]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			p.i = i + k
			p.fail("character %s in \\u hexadecimal character escape", p.what())
			return 0, false
		}
	}
	return r, true
}

// number reads a number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (any, bool) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		if p.i < len(p.s) {
			p.fail("character %s in numeric literal", p.what())
		} else {
			p.fail("")
		}
		return nil, false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			if p.i < len(p.s) {
				p.fail("character %s after decimal point in numeric literal", p.what())
			} else {
				p.fail("")
			}
			return nil, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			if p.i < len(p.s) {
				p.fail("character %s in exponent of numeric literal", p.what())
			} else {
				p.fail("")
			}
			return nil, false
		}
	}
	return json.Number(p.s[start:p.i]), true
}
