// Package decode parses YAML and JSON text into JSON-shaped Go values
// (map[string]any, []any, string, json.Number, bool, nil) and a source map
// from JSON pointers to positions.
//
// The values are built by hand rather than with yaml.Unmarshal or
// json.Unmarshal because the plain decoders are wrong for a validator in ways
// that matter (see docs/layout.md): YAML decoding produces map[any]any,
// time.Time for unquoted dates and NaN/Inf floats that crash the schema
// library; both silently keep one of two duplicate keys; neither bounds alias
// expansion or records where a value came from. Problems become findings
// with positions; what can be read is still returned.
package decode

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
)

// Limits that keep hostile input bounded in time and memory.
const (
	// MaxDepth is the deepest nesting accepted; a factsheet is 6 levels deep.
	MaxDepth = 100
	// MaxValues bounds the values built from one file, aliases expanded; a
	// factsheet has about 500. A "billion laughs" file stops here.
	MaxValues = 100_000
)

// Rule IDs of the findings this package produces.
const (
	RuleSyntax       = rules.InputSyntax
	RuleDuplicateKey = rules.InputDuplicateKey
	RuleEmpty        = rules.InputEmpty
	RuleLimit        = rules.InputLimit
	RuleUnsupported  = rules.InputUnsupported
)

// State says what became of a file's text. It is explicit because "no
// value and no findings" was once read as a document that is null.
type State int

const (
	// Read: the text was parsed; Value is what it holds (nil for a
	// document that is "null" or "~").
	Read State = iota
	// Failed: the text could not be read (syntax, limits, empty); the
	// findings say why and Value is nil.
	Failed
	// Skipped: the text was not parsed because of problems reported before
	// parsing (control characters, which source.Decode reports with their
	// positions); Value is nil.
	Skipped
)

// Result is a parsed file.
type Result struct {
	State    State
	Value    any        // nil when nothing could be read
	Map      source.Map // JSON pointer -> position
	Findings []finding.Finding
	// Comments are the directive comments (Directive) and the values they
	// are on, in no particular order; nil for JSON, which has no comments.
	Comments []Comment
	// Unread is what a reader saw but could not read, already reported in
	// Findings; nil when everything seen was read (always for YAML and
	// JSON). The checks after reading leave those parts alone rather than
	// report them missing one by one.
	Unread *Unread
}

// Unread says which parts of a document were seen but not read.
type Unread struct {
	// Items are the JSON pointers of template items whose rows were seen
	// but could not be read (each reported at its line).
	Items []string
	// Sections are the sections of the tables of which not one row could
	// be read (reported once per table, or once for the document when no
	// table could be read): their questions, terms and areas are missing
	// for that one reason.
	Sections []string
	// Refs are the footnote labels referenced in the lines not read: the
	// footnotes are cited, though the citing text could not be read.
	Refs []string
}

// Covers reports whether a finding about ptr is already explained by what
// was not read: a pointer into a section whose table could not be read, or
// into an item whose row could not be.
func (u *Unread) Covers(ptr string) bool {
	if u == nil {
		return false
	}
	for _, s := range u.Sections {
		if ptr == "/"+s || strings.HasPrefix(ptr, "/"+s+"/") {
			return true
		}
	}
	for _, it := range u.Items {
		if ptr == it || strings.HasPrefix(ptr, it+"/") {
			return true
		}
	}
	return false
}

type builder struct {
	file     *source.File
	m        source.Map
	fs       []finding.Finding
	values   int
	over     bool
	comments []Comment
}

func (b *builder) add(rule string, line, col int, ptr, msg string, related ...finding.Related) {
	b.fs = append(b.fs, finding.Finding{
		Rule: rule, Severity: finding.Error,
		Location: finding.Location{File: b.file.Name, Line: line, Column: col, Pointer: ptr},
		Message:  msg, Related: related,
	})
}

// YAML parses the first YAML document of the file. A second document is a
// finding (a factsheet is one document); an empty file or one with only
// comments is a finding too.
func YAML(f *source.File) Result {
	b := &builder{file: f, m: source.Map{}}
	if f.Control {
		// The YAML parser refuses control characters without a position;
		// source.Decode has reported each one with its position.
		return Result{State: Skipped, Map: b.m}
	}
	dec := yaml.NewDecoder(strings.NewReader(f.Text))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			b.empty()
		} else {
			b.syntax(err)
		}
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		b.add(RuleUnsupported, extra.Line, 1, "", "a second YAML document starts here; a factsheet file holds exactly one document (remove the \"---\" separator)")
	} else if !errors.Is(err, io.EOF) {
		b.syntax(err)
	}
	if len(doc.Content) == 0 {
		b.empty()
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && root.Value == "" {
		b.empty() // a lone "---": a document with nothing in it
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	v := b.node(root, "", 0, f.Lines(), nil)
	if b.over {
		return Result{State: Failed, Map: b.m, Findings: b.fs}
	}
	// Comments above the first key, after a blank line, and at the end of
	// the file are the document's: on no value.
	b.comment(&doc, doc.HeadComment, 0, "", true)
	b.comment(&doc, doc.FootComment, 0, "", true)
	b.comment(root, root.FootComment, 0, "", true)
	return Result{Value: v, Map: b.m, Findings: b.fs, Comments: b.comments}
}

func (b *builder) empty() {
	msg := "the file is empty"
	if strings.TrimSpace(b.file.Text) != "" {
		msg = "the file holds no YAML content (only comments or blank lines)"
	}
	b.add(RuleEmpty, 1, 1, "", msg)
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): `) })

func (b *builder) syntax(err error) {
	// The YAML library names the line, except for problems on the first
	// line (and for its depth limit, reported without one): those are line 1.
	msg := err.Error()
	line := 1
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if h, ok := explainSyntax(b.file.Text, line, msg); ok {
		b.add(RuleSyntax, h.line, h.col, "", h.msg)
		b.fs[len(b.fs)-1].Hint = h.hint
		return
	}
	b.add(RuleSyntax, line, 1, "", "invalid YAML: "+msg)
}

// node converts n (at pointer ptr) and records its span. end is the last
// line the value may occupy (the line before the next sibling). Aliases are
// expanded in place; the depth limit and the value budget bound them.
func (b *builder) node(n *yaml.Node, ptr string, depth, end int, key *yaml.Node) any {
	if b.over {
		return nil
	}
	b.values++
	if b.values > MaxValues {
		b.over = true
		b.add(RuleLimit, n.Line, n.Column, ptr, fmt.Sprintf("the document expands to more than %d values (YAML aliases?); refusing to read further", MaxValues))
		return nil
	}
	if depth >= MaxDepth {
		b.over = true
		b.add(RuleLimit, n.Line, n.Column, ptr, fmt.Sprintf("nesting deeper than %d levels (the files the tool reads, factsheets among them, are a few levels deep)", MaxDepth))
		return nil
	}
	span := source.Span{Line: n.Line, Col: n.Column, EndLine: min(end, b.file.Lines())}
	if key != nil {
		span.KeyLine, span.KeyCol = key.Line, key.Column
	}
	if span.Line > b.file.Lines() {
		// An implicit null after "? key" at the end of the file: the YAML
		// library places it on a line that does not exist. Point at the key.
		span.Line, span.Col = span.KeyLine, span.KeyCol
		if span.Line == 0 {
			span.Line, span.Col = b.file.Lines(), 1
		}
		span.EndLine = span.Line
	}
	if _, seen := b.m[ptr]; !seen {
		b.m.Set(ptr, span)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return b.node(n.Alias, ptr, depth+1, end, key)
	case yaml.MappingNode:
		// A mapping that is an element of a list ("- label: 3") holds the
		// comments above the element and on the line of its dash.
		b.comment(n, n.HeadComment, -1, ptr, false)
		return b.mapping(n, ptr, depth, end, key == nil && ptr != "")
	case yaml.SequenceNode:
		b.comment(n, n.FootComment, 0, "", true)
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			e := end
			if i+1 < len(n.Content) && n.Content[i+1].Line > c.Line {
				e = n.Content[i+1].Line - 1
			}
			out = append(out, b.node(c, ptr+"/"+strconv.Itoa(i), depth+1, e, nil))
		}
		return out
	case yaml.ScalarNode:
		if key == nil {
			b.comment(n, n.HeadComment, -1, ptr, false)
		}
		b.comment(n, n.LineComment, n.Line, ptr, false)
		return b.scalar(n, ptr)
	}
	return nil
}

// Directive is the word that marks the comments a reader keeps: inline
// suppressions, "# factsheet-ignore RULE -- reason" (model.Suppression
// reads them). Other comments are not kept.
const Directive = "factsheet-ignore"

// Comment is a directive comment and the value it is on or above.
type Comment struct {
	Ptr string // the value; meaningless when Detached
	// Detached is true for a comment on or above no value (at the end of
	// a block, or of the file).
	Detached  bool
	Line, Col int
	Text      string // the comment's text, without its markers
}

// comment records the directive lines of a comment the YAML library
// attached to node n: a head comment above it (line -1), a line comment on
// line, a foot comment after it (line 0, detached). The library gives a
// comment's text, not its lines: those of a head comment are found upwards
// from the node, those of a foot comment downwards, each search going on
// from where the last one stopped, so a comment of many lines is found in
// one pass over them.
func (b *builder) comment(n *yaml.Node, text string, line int, ptr string, detached bool) {
	if !strings.Contains(text, Directive) {
		return
	}
	lines := strings.Split(text, "\n")
	step, at := 1, n.Line // a foot comment: downwards from the node
	if line < 0 {
		step, at = -1, n.Line-1 // a head comment: upwards, its last line first
		slices.Reverse(lines)
	}
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		body := strings.TrimSpace(strings.TrimPrefix(t, "#"))
		l, col := line, -1
		if line > 0 {
			col = strings.Index(b.file.Line(line), t)
		} else if t != "" {
			for l = at; l >= 1 && l <= b.file.Lines(); l += step {
				if col = strings.Index(b.file.Line(l), t); col >= 0 {
					at = l + step
					break
				}
			}
		}
		if !strings.HasPrefix(body, Directive) {
			continue
		}
		if col < 0 || l < 1 || l > b.file.Lines() {
			l, col = max(n.Line, 1), 0 // not found where it should be: at the node
		}
		b.comments = append(b.comments, Comment{Ptr: ptr, Detached: detached, Line: l, Col: utf8.RuneCountInString(b.file.Line(l)[:col]) + 1, Text: body})
	}
}

func (b *builder) mapping(n *yaml.Node, ptr string, depth, end int, element bool) any {
	out := make(map[string]any, len(n.Content)/2)
	first := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			b.add(RuleUnsupported, k.Line, k.Column, ptr, "merge keys (<<) are not supported in factsheets; write the fields out")
			continue
		}
		if k.Kind != yaml.ScalarNode {
			kk := k
			if k.Kind == yaml.AliasNode && k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
				kk = k.Alias
			} else {
				b.add(RuleUnsupported, k.Line, k.Column, ptr, "a key must be plain text, not a list or a mapping")
				continue
			}
			k = &yaml.Node{Kind: yaml.ScalarNode, Tag: kk.Tag, Value: kk.Value, Line: k.Line, Column: k.Column}
		}
		name := k.Value
		child := ptr + "/" + source.Escape(name)
		if prev, dup := first[name]; dup {
			b.add(RuleDuplicateKey, k.Line, k.Column, child,
				fmt.Sprintf("duplicate key %q (first defined at %d:%d); the second value would be lost", name, prev.Line, prev.Column),
				finding.Related{Location: finding.Location{File: b.file.Name, Line: prev.Line, Column: prev.Column, Pointer: child}, Message: "first defined here"})
			continue
		}
		first[name] = k
		at := child
		if element && i == 0 && k.Line == n.Line {
			at = ptr // "- label: 3  # ..." is on the element
		}
		b.comment(k, k.HeadComment, -1, child, false)
		b.comment(k, k.LineComment, k.Line, at, false)
		b.comment(k, k.FootComment, 0, "", true)
		if v.Kind == yaml.ScalarNode {
			b.comment(v, v.LineComment, v.Line, at, false)
			v = withoutLineComment(v)
		} else {
			b.comment(v, v.LineComment, k.Line, at, false)
		}
		e := end
		if i+2 < len(n.Content) && n.Content[i+2].Line > k.Line {
			e = n.Content[i+2].Line - 1
		}
		out[name] = b.node(v, child, depth+1, e, k)
	}
	return out
}

func (b *builder) scalar(n *yaml.Node, ptr string) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		v, err := strconv.ParseBool(n.Value)
		if err != nil {
			return n.Value
		}
		return v
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		if strings.HasPrefix(s, "0o") {
			if i, err := strconv.ParseInt(s[2:], 8, 64); err == nil {
				return json.Number(strconv.FormatInt(i, 10))
			}
		}
		// Too large for int64: keep the digits when they are a JSON number.
		if isJSONNumber(s) {
			return json.Number(s)
		}
		return n.Value
	case "!!float":
		switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
		case ".inf", ".nan":
			b.add(RuleUnsupported, n.Line, n.Column, ptr, fmt.Sprintf("%s is not a number JSON can hold; quote it if it is text", n.Value))
			return n.Value
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return n.Value
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			b.add(RuleUnsupported, n.Line, n.Column, ptr, fmt.Sprintf("%s is not a number JSON can hold; quote it if it is text", n.Value))
			return n.Value
		}
		if isJSONNumber(n.Value) {
			return json.Number(n.Value)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		// !!str, !!timestamp (kept as written: dates are text in the model),
		// !!binary and custom tags: the text as written.
		return n.Value
	}
}

var jsonNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`) })

func isJSONNumber(s string) bool { return jsonNumber().MatchString(s) }

// withoutLineComment is a scalar whose line comment has been recorded as
// its member's: converting it does not record it again.
func withoutLineComment(v *yaml.Node) *yaml.Node {
	if v.LineComment == "" {
		return v
	}
	c := *v
	c.LineComment = ""
	return &c
}
