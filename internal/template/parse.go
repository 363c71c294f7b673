package template

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/schema"
)

// The annotation keywords a template schema carries (docs/templates.md).
// Other validators ignore them, as draft 2020-12 asks of unknown keywords.
const (
	kwTitlePrefix = "x-factsheet-title-prefix"
	kwChapters    = "x-factsheet-chapters"
	kwTable       = "x-factsheet-table"
	kwKind        = "x-factsheet-kind"
	kwCaption     = "x-factsheet-caption"
	kwDash        = "x-factsheet-caption-dash"
	kwColumns     = "x-factsheet-columns"
	kwTypes       = "x-factsheet-types"
	kwWording     = "x-factsheet-wording"
	kwHelp        = "x-factsheet-help"
	kwAnswers     = "x-factsheet-answers"
	kwDependsOn   = "x-factsheet-depends-on"
	kwAppliesWhen = "x-factsheet-applies-when"
	kwVocabs      = "x-factsheet-vocabularies"
)

// Error is a template file that cannot be used: its place and what is wrong,
// read as one line: "x.schema.json:12:5: /$defs/governance: missing
// "x-factsheet-caption"".
type Error struct {
	File      string
	Line, Col int
	Pointer   string // JSON pointer of the offending schema part, "" for the file
	Msg       string
}

func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d:%d", e.Line, e.Col)
	}
	if e.Pointer != "" {
		s += ": " + e.Pointer
	}
	return s + ": " + e.Msg
}

var (
	nameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	idRe   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// parser reads one template schema; the first problem stops it (a template
// is used whole or not at all).
type parser struct {
	file string
	m    source.Map
	root map[string]any
	err  *Error
}

func (p *parser) fail(ptr string, key bool, format string, a ...any) {
	if p.err != nil {
		return
	}
	line, col := p.m.At(ptr, key)
	p.err = &Error{File: p.file, Line: line, Col: col, Pointer: ptr, Msg: fmt.Sprintf(format, a...)}
}

func (p *parser) place(ptr string) string {
	line, col := p.m.At(ptr, true)
	return fmt.Sprintf("%d:%d", line, col)
}

// Parse reads a template from its JSON Schema. file names it in errors; url
// is the absolute URL the schema is compiled under (relative references
// resolve against it). Every problem is an *Error with its position.
func Parse(file, url string, data []byte) (*Template, error) {
	return parse(file, url, data, false)
}

// parse reads a template; trusted skips the checks of the text (encoding)
// and of every schema keyword and $ref, which the tests run on the
// built-in templates: a run then pays only for reading the annotations.
func parse(file, url string, data []byte, trusted bool) (*Template, error) {
	var f *source.File
	if trusted {
		f = source.New(file, string(data))
	} else {
		var fs []finding.Finding
		if f, fs = source.Decode(file, data); f == nil || len(fs) > 0 {
			return nil, findingError(file, fs)
		}
	}
	res := decode.JSON(f)
	if len(res.Findings) > 0 || res.State != decode.Read {
		return nil, findingError(file, res.Findings)
	}
	p := &parser{file: file, m: res.Map}
	root, ok := res.Value.(map[string]any)
	if !ok {
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: "a template is a JSON Schema object"}
	}
	p.root = root
	t := p.template(url)
	if p.err == nil && !trusted {
		p.checkSchema("", root, 0)
	}
	if p.err == nil && !trusted {
		p.checkRefs(url)
	}
	if p.err != nil {
		return nil, p.err
	}
	t.File, t.URL, t.Source = file, url, data
	return t, nil
}

func findingError(file string, fs []finding.Finding) error {
	if len(fs) > 0 {
		x := fs[0]
		msg := x.Message
		switch {
		case strings.HasPrefix(msg, "duplicate key"):
			// A reused ID or section key: JSON would keep only the last.
			msg = strings.Replace(msg, "; the second value would be lost", "; every key (an ID, a section) is written once", 1)
		case !strings.HasPrefix(msg, "invalid JSON"):
			msg = "not valid JSON: " + msg
		}
		return &Error{File: file, Line: x.Location.Line, Col: x.Location.Column, Msg: msg}
	}
	return &Error{File: file, Msg: "not valid JSON"}
}

// get returns obj[key] as a T, failing (with the key's place) when it is
// missing or of another type.
func get[T any](p *parser, obj map[string]any, ptr, key, want string) (T, bool) {
	var zero T
	v, ok := obj[key]
	if !ok {
		p.fail(ptr, true, "missing %q", key)
		return zero, false
	}
	x, ok := v.(T)
	if !ok {
		p.fail(ptr+"/"+source.Escape(key), false, "%q must be %s", key, want)
		return zero, false
	}
	return x, true
}

func (p *parser) str(obj map[string]any, ptr, key string) string {
	s, ok := get[string](p, obj, ptr, key, "a string")
	if ok && strings.TrimSpace(s) == "" {
		p.fail(ptr+"/"+source.Escape(key), false, "%q must not be empty", key)
	}
	return s
}

// answers reads a closed vocabulary: a list of distinct, non-empty answers.
func (p *parser) answers(list []any, ptr string) []string {
	if len(list) == 0 {
		p.fail(ptr, false, "%q must list at least one answer", ptr[strings.LastIndexByte(ptr, '/')+1:])
		return nil
	}
	out := make([]string, 0, len(list))
	seen := map[string]int{}
	for i, x := range list {
		a, ok := x.(string)
		if !ok || strings.TrimSpace(a) == "" {
			p.fail(ptr+"/"+strconv.Itoa(i), false, "an answer is a non-empty string")
			return nil
		}
		k := answerWords(a)
		if k == "" {
			p.fail(ptr+"/"+strconv.Itoa(i), false, "answer %q has no letter or digit: lint reads it as an empty answer", a)
			return nil
		}
		if j, dup := seen[k]; dup {
			p.fail(ptr+"/"+strconv.Itoa(i), false, "answer %q is listed twice (also at %s/%d)", a, ptr, j)
			return nil
		}
		seen[k] = i
		out = append(out, a)
	}
	return out
}

// vocabularies reads x-factsheet-vocabularies: the answers of the yes-no
// and extent vocabularies, each class a list of distinct answers, no
// answer in two classes of yes-no (it would be yes and no at once).
func (p *parser) vocabularies(v any) Vocabularies {
	ptr := "/" + kwVocabs
	o, ok := v.(map[string]any)
	if !ok {
		p.fail(ptr, false, "%q is an object of answer lists: yes, no, n/a and extent", kwVocabs)
		return Vocabularies{}
	}
	for k := range o {
		switch k {
		case "yes", "no", "n/a", "extent":
		default:
			p.fail(ptr+"/"+source.Escape(k), true, "%q has no class %q: its classes are yes, no, n/a and extent", kwVocabs, k)
			return Vocabularies{}
		}
	}
	list := func(k string) []string {
		l, ok := get[[]any](p, o, ptr, k, "a list of answers")
		if !ok {
			return nil
		}
		return p.answers(l, ptr+"/"+source.Escape(k))
	}
	out := Vocabularies{Yes: list("yes"), No: list("no"), NA: list("n/a"), Extent: list("extent")}
	seen := map[string]string{}    // answer words -> class
	written := map[string]string{} // answer words -> the answer as written
	for _, c := range []struct {
		name string
		l    []string
	}{{"yes", out.Yes}, {"no", out.No}, {"n/a", out.NA}} {
		for i, a := range c.l {
			k := answerWords(a)
			if prev, dup := seen[k]; dup && p.err == nil {
				at := fmt.Sprintf("%s/%s/%d", ptr, source.Escape(c.name), i)
				if w := written[k]; !strings.EqualFold(strings.TrimSpace(w), strings.TrimSpace(a)) {
					p.fail(at, false, "answer %q in %s reads as %q in %s (answers are compared without case and punctuation): an answer is in one class", a, c.name, w, prev)
				} else {
					p.fail(at, false, "answer %q is in %s and %s: an answer is in one class", a, prev, c.name)
				}
			}
			seen[k], written[k] = c.name, a
		}
	}
	return out
}

// answerWords is an answer as lint and the overview compare answers: lower
// case, Markdown removed, each run of what is not a letter or digit one
// space. Two answers the same in these words are one answer to them ("N/A"
// and "n.a."), so the template may not list them as two, nor in two classes.
func answerWords(a string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(richtext.Plain(a)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// oneOf reads obj[key], a string naming one of values (names[i] names
// values[i]); anything else fails with the names it may be, and more, what
// else may stand there ("a list of answers"), when the caller reads that.
func oneOf[T any](p *parser, obj map[string]any, ptr, key string, names []string, values []T, more string) T {
	s := p.str(obj, ptr, key)
	if i := slices.Index(names, s); i >= 0 {
		return values[i]
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if more != "" {
		q = append(q, more)
	}
	p.fail(ptr+"/"+source.Escape(key), false, "%q must be %s or %s, not %q", key, strings.Join(q[:len(q)-1], ", "), q[len(q)-1], s)
	var zero T
	return zero
}

func (p *parser) number(obj map[string]any, ptr, key string) int {
	n, ok := get[json.Number](p, obj, ptr, key, "a whole number")
	if !ok {
		return 0
	}
	i, err := n.Int64()
	if err != nil || i < 1 || i > 99 {
		p.fail(ptr+"/"+source.Escape(key), false, "%q must be a whole number from 1 to 99", key)
	}
	return int(i)
}

func (p *parser) object(obj map[string]any, ptr, key string) map[string]any {
	o, _ := get[map[string]any](p, obj, ptr, key, "an object")
	return o
}

// ordered returns the keys of the object at ptr in the order written: the
// template's order of chapters, tables and rows is the file's.
func (p *parser) ordered(obj map[string]any, ptr string) []string {
	type placed struct {
		k         string
		line, col int
	}
	ps := make([]placed, 0, len(obj))
	for k := range obj {
		line, col := p.m.At(ptr+"/"+source.Escape(k), true)
		ps = append(ps, placed{k, line, col})
	}
	slices.SortFunc(ps, func(a, b placed) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
	keys := make([]string, len(ps))
	for i, x := range ps {
		keys[i] = x.k
	}
	return keys
}

func (p *parser) template(url string) *Template {
	t := &Template{}
	root := p.root
	t.Title, _ = root["title"].(string)
	t.Description, _ = root["description"].(string)
	t.ID, _ = root["$id"].(string)
	props := p.object(root, "", "properties")
	if props == nil {
		return t
	}
	tv := p.object(props, "/properties", "template")
	if tv == nil {
		return t
	}
	t.Version = p.str(tv, "/properties/template", "const")
	t.namePlace = p.place("/properties/template/const")
	if p.err == nil && !nameRe.MatchString(t.Version) {
		p.fail("/properties/template/const", false, "template name %q must be lower case letters, digits, dots and dashes", t.Version)
	}
	t.TitlePrefix = p.str(root, "", kwTitlePrefix)
	if _, ok := root[kwVocabs]; ok {
		t.Vocabularies = p.vocabularies(root[kwVocabs])
	}
	chapters, ok := get[[]any](p, root, "", kwChapters, "an array")
	if !ok {
		return t
	}
	defs := p.object(root, "", "$defs")
	if defs == nil {
		return t
	}
	seenCh := map[int]string{}
	seenSec := map[string]string{}
	seenTable := map[int]string{}
	for i, c := range chapters {
		cptr := fmt.Sprintf("/%s/%d", kwChapters, i)
		co, ok := c.(map[string]any)
		if !ok {
			p.fail(cptr, false, "a chapter is an object with number, heading and sections")
			return t
		}
		ch := &Chapter{Number: p.number(co, cptr, "number"), Heading: p.str(co, cptr, "heading")}
		if prev, dup := seenCh[ch.Number]; dup && p.err == nil {
			p.fail(cptr+"/number", false, "chapter %d is also defined at %s", ch.Number, prev)
		}
		seenCh[ch.Number] = p.place(cptr)
		secs, _ := get[[]any](p, co, cptr, "sections", "an array of section keys")
		for j, s := range secs {
			sptr := fmt.Sprintf("%s/sections/%d", cptr, j)
			name, ok := s.(string)
			if !ok || !idRe.MatchString(name) {
				p.fail(sptr, false, "a section key is a lower-case ID (letters, digits, _)")
				return t
			}
			if prev, dup := seenSec[name]; dup {
				p.fail(sptr, false, "section %q is also listed at %s", name, prev)
				return t
			}
			seenSec[name] = p.place(sptr)
			tb := p.table(defs, props, name)
			if p.err != nil {
				return t
			}
			if prev, dup := seenTable[tb.Number]; dup {
				p.fail("/$defs/"+source.Escape(name)+"/"+kwTable, false, "table %d is also defined at %s", tb.Number, prev)
				return t
			}
			seenTable[tb.Number] = p.place("/$defs/" + source.Escape(name) + "/" + kwTable)
			ch.Tables = append(ch.Tables, tb)
		}
		if p.err != nil {
			return t
		}
		if len(ch.Tables) == 0 {
			p.fail(cptr+"/sections", false, "chapter %d has no sections", ch.Number)
			return t
		}
		t.Chapters = append(t.Chapters, ch)
	}
	if len(t.Chapters) == 0 {
		p.fail("/"+kwChapters, false, "the template has no chapters")
	}
	p.wording(t, defs)
	p.needVocabularies(t)
	return t
}

// needVocabularies gives a template that does not list its vocabularies
// the built-in template's (the data of ecan-plus-2025.schema.json, as
// builtin_gen.go holds it; a template copied from it lists them anyway),
// when its questions need them:
// yes-no and extent questions, and conditional ones.
func (p *parser) needVocabularies(t *Template) {
	if p.err != nil || t.Vocabularies.Yes != nil || t.Vocabularies.No != nil || t.Vocabularies.NA != nil || t.Vocabularies.Extent != nil {
		return
	}
	for _, tb := range t.Tables() {
		for _, it := range tb.Items {
			if it.Vocabulary == YesNo || it.Vocabulary == Extent || it.DependsOn != "" {
				if gen, ok := generated[DefaultName]; ok {
					t.Vocabularies = gen().Vocabularies
				}
				return
			}
		}
	}
}

func (p *parser) table(defs, props map[string]any, section string) *Table {
	dptr := "/$defs/" + source.Escape(section)
	// The factsheet's root must hold the section, as the $def's.
	if pr, ok := props[section].(map[string]any); !ok || pr["$ref"] != "#"+dptr {
		p.fail("/properties", true, "section %q: missing property %q with \"$ref\": %q", section, section, "#"+dptr)
		return nil
	}
	d := p.object(defs, "/$defs", section)
	if d == nil {
		return nil
	}
	tb := &Table{Section: section}
	tb.Number = p.number(d, dptr, kwTable)
	kinds := []string{"terms", "questions", "matrix"}
	tb.Kind = oneOf(p, d, dptr, kwKind, kinds, []Kind{Terms, Questions, Matrix}, "")
	tb.Caption = p.str(d, dptr, kwCaption)
	tb.Dash = p.str(d, dptr, kwDash)
	cols, _ := get[[]any](p, d, dptr, kwColumns, "an array of strings")
	for i, c := range cols {
		s, ok := c.(string)
		if !ok || strings.TrimSpace(s) == "" {
			p.fail(fmt.Sprintf("%s/%s/%d", dptr, kwColumns, i), false, "a column label is a non-empty string")
		}
		tb.Header = append(tb.Header, s)
	}
	if want := map[Kind]int{Terms: 3, Questions: 3, Matrix: 1}[tb.Kind]; p.err == nil && len(tb.Header) != want {
		p.fail(dptr+"/"+kwColumns, false, "%q of a %s table has %d label(s), not %d", kwColumns, kinds[tb.Kind], len(tb.Header), want)
	}
	if p.err != nil {
		return nil
	}
	sp := p.object(d, dptr, "properties")
	iptr := dptr + "/properties/" + tb.ItemsKey()
	items := p.object(sp, dptr+"/properties", tb.ItemsKey())
	if items == nil {
		return nil
	}
	ip := p.object(items, iptr, "properties")
	if ip == nil {
		return nil
	}
	var typesRef string
	if tb.Kind == Matrix {
		typesRef = p.str(d, dptr, kwTypes)
		tptr, ok := strings.CutPrefix(typesRef, "#")
		td, _ := p.at(tptr).(map[string]any)
		if p.err == nil && (!ok || td == nil) {
			p.fail(dptr+"/"+kwTypes, false, "%q must point to a subschema of this file (#/$defs/...), not %q", kwTypes, typesRef)
		}
		if p.err != nil {
			return nil
		}
		tp := p.object(td, tptr, "properties")
		tb.Types = p.items(tb, td, tptr, tp, tptr+"/properties", false)
		if p.err == nil && len(tb.Types) == 0 {
			p.fail(tptr+"/properties", false, "a matrix needs at least one solution type")
		}
	}
	tb.Items = p.items(tb, items, iptr, ip, iptr+"/properties", true)
	if p.err == nil && len(tb.Items) == 0 {
		p.fail(iptr+"/properties", false, "table %d has no %s", tb.Number, tb.ItemsKey())
	}
	if tb.Kind == Matrix {
		for _, a := range tb.Items {
			aptr := iptr + "/properties/" + source.Escape(a.ID)
			if ao, _ := ip[a.ID].(map[string]any); p.err == nil && ao["$ref"] != typesRef {
				p.fail(aptr, true, "area %q: every area of a matrix refers to its solution types with \"$ref\": %q", a.ID, typesRef)
			}
		}
	}
	return tb
}

// items reads the rows (or columns) of a table: each property is an item,
// its name the stable ID.
func (p *parser) items(tb *Table, owner map[string]any, optr string, props map[string]any, ptr string, rows bool) []Item {
	var out []Item
	index := map[string]int{}
	for _, id := range p.ordered(props, ptr) {
		iptr := ptr + "/" + source.Escape(id)
		if !idRe.MatchString(id) {
			p.fail(iptr, true, "ID %q must be lower case letters, digits and _, starting with a letter", id)
			return nil
		}
		o, ok := props[id].(map[string]any)
		if !ok {
			p.fail(iptr, false, "an item's schema is an object")
			return nil
		}
		it := Item{ID: id, Wording: p.str(o, iptr, kwWording)}
		if h, ok := o[kwHelp]; ok {
			if it.Help, ok = h.(string); !ok {
				p.fail(iptr+"/"+kwHelp, false, "%q must be a string", kwHelp)
			}
		}
		if rows && tb.Kind == Questions {
			if list, ok := o[kwAnswers].([]any); ok {
				it.Vocabulary, it.Answers = Listed, p.answers(list, iptr+"/"+kwAnswers)
			} else {
				it.Vocabulary = oneOf(p, o, iptr, kwAnswers, []string{"yes-no", "extent", "free-text"}, []Vocabulary{YesNo, Extent, FreeText}, "a list of answers")
			}
			if dep, ok := o[kwDependsOn]; ok {
				it.DependsOn, _ = dep.(string)
				if j, ok := index[it.DependsOn]; !ok || j >= len(out) {
					p.fail(iptr+"/"+kwDependsOn, false, "%q must name an earlier question of table %d, not %v", kwDependsOn, tb.Number, dep)
				}
				it.Condition = oneOf(p, o, iptr, kwAppliesWhen, []string{"yes", "no"}, []Condition{IfYes, IfNo}, "")
			} else if _, ok := o[kwAppliesWhen]; ok {
				p.fail(iptr+"/"+kwAppliesWhen, true, "%q needs %q", kwAppliesWhen, kwDependsOn)
			}
		}
		if p.err != nil {
			return nil
		}
		index[id] = len(out)
		out = append(out, it)
	}
	// Every item is required: a factsheet answers every question, even N/A.
	req, _ := owner["required"].([]any)
	for _, it := range out {
		if !slices.Contains(req, any(it.ID)) {
			p.fail(optr, true, "%q is not in \"required\": every %s of the template is required", it.ID, tb.ItemNoun())
			return nil
		}
	}
	return out
}

// wording checks that the wording map (the labels a document wrote
// differently) names exactly the template's rows and columns.
func (p *parser) wording(t *Template, defs map[string]any) {
	if p.err != nil {
		return
	}
	w := p.object(defs, "/$defs", "wording")
	wp := p.object(w, "/$defs/wording", "properties")
	if wp == nil {
		return
	}
	ids := map[string]bool{}
	for _, tb := range t.Tables() {
		for _, it := range slices.Concat(tb.Items, tb.Types) {
			ids[tb.ID(it.ID)] = true
			if _, ok := wp[tb.ID(it.ID)]; !ok {
				p.fail("/$defs/wording/properties", true, "missing property %q (every row and column of the template has one)", tb.ID(it.ID))
				return
			}
		}
	}
	for _, k := range p.ordered(wp, "/$defs/wording/properties") {
		if !ids[k] {
			p.fail("/$defs/wording/properties/"+source.Escape(k), true, "%q is not a row or column of the template", k)
			return
		}
	}
	if props, _ := p.root["properties"].(map[string]any); props != nil {
		if wr, _ := props["wording"].(map[string]any); wr == nil || wr["$ref"] != "#/$defs/wording" {
			p.fail("/properties", true, "missing property \"wording\" with \"$ref\": \"#/$defs/wording\"")
		}
	}
}

// at returns the value at a JSON pointer of the template document.
func (p *parser) at(ptr string) any {
	var v any = p.root
	if ptr == "" {
		return v
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[source.Unescape(tok)]; !ok {
				return nil
			}
		case []any:
			// An array element (allOf/0): checkRefs walks into arrays, so a
			// $ref under allOf, anyOf or prefixItems is found at its index.
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) || strconv.Itoa(i) != tok {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

var typeNames = map[string]bool{"null": true, "boolean": true, "object": true, "array": true, "number": true, "string": true, "integer": true}

// checkSchema checks the shape of the keywords a schema is made of, so a
// file that is JSON but not a JSON Schema is refused at load with its place
// (the evaluator's own checks then apply when it is compiled).
func (p *parser) checkSchema(ptr string, v any, depth int) {
	if p.err != nil {
		return
	}
	if depth > 64 {
		p.fail(ptr, false, "schema nested more than 64 levels deep")
		return
	}
	if _, ok := v.(bool); ok {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		p.fail(ptr, false, "a schema must be an object or a boolean")
		return
	}
	for _, k := range p.ordered(m, ptr) {
		kptr := ptr + "/" + source.Escape(k)
		x := m[k]
		switch k {
		case "type":
			switch t := x.(type) {
			case string:
				if !typeNames[t] {
					p.fail(kptr, false, "unknown type %q", t)
				}
			case []any:
				for _, e := range t {
					if s, _ := e.(string); !typeNames[s] {
						p.fail(kptr, false, "unknown type %v", e)
					}
				}
			default:
				p.fail(kptr, false, "\"type\" must be a string or an array of strings")
			}
		case "properties", "$defs":
			sub, ok := x.(map[string]any)
			if !ok {
				p.fail(kptr, false, "%q must be an object of schemas", k)
				return
			}
			for _, name := range p.ordered(sub, kptr) {
				p.checkSchema(kptr+"/"+source.Escape(name), sub[name], depth+1)
			}
		case "items", "additionalProperties":
			p.checkSchema(kptr, x, depth+1)
		case "required":
			l, ok := x.([]any)
			for _, e := range l {
				if _, s := e.(string); !s {
					ok = false
				}
			}
			if !ok {
				p.fail(kptr, false, "\"required\" must be an array of strings")
			}
		case "$ref":
			if _, ok := x.(string); !ok {
				p.fail(kptr, false, "\"$ref\" must be a string")
			}
		case "pattern":
			s, ok := x.(string)
			if _, err := regexp.Compile(s); !ok || err != nil {
				p.fail(kptr, false, "\"pattern\" must be a regular expression")
			}
		case "enum":
			if _, ok := x.([]any); !ok {
				p.fail(kptr, false, "\"enum\" must be an array")
			}
		case "minItems", "minLength":
			if n, ok := x.(json.Number); !ok || strings.HasPrefix(string(n), "-") {
				p.fail(kptr, false, "%q must be a non-negative number", k)
			}
		}
		if p.err != nil {
			return
		}
	}
}

// checkRefs follows every $ref of the template: local ones must point into
// the file, others to an embedded schema (defs.schema.json); a remote URL is
// never fetched. A chain of $refs that comes back to where it started would
// make validation recurse without end: it is refused here.
func (p *parser) checkRefs(base string) {
	var refs []string
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if _, ok := x["$ref"].(string); ok {
				refs = append(refs, ptr)
			}
			for _, k := range p.ordered(x, ptr) {
				walk(ptr+"/"+source.Escape(k), x[k])
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s/%d", ptr, i), e)
			}
		}
	}
	walk("", p.root)
	for _, ptr := range refs {
		seen := map[string]bool{ptr: true}
		cur := ptr
		for {
			r := p.at(cur).(map[string]any)["$ref"].(string)
			file, frag, _ := strings.Cut(r, "#")
			if file != "" {
				_, self, ok := embeddedName(base, file)
				if !ok {
					if strings.Contains(file, "://") {
						p.fail(ptr+"/$ref", false, "$ref to the remote URL %s: a template may refer only to itself and to the built-in defs.schema.json (nothing is fetched)", r)
					} else {
						p.fail(ptr+"/$ref", false, "$ref to %s: a template may refer only to itself and to the built-in defs.schema.json", r)
					}
					return
				}
				if !self {
					break // the built-in schemas are checked by their own tests
				}
			}
			if frag != "" && !strings.HasPrefix(frag, "/") {
				p.fail(ptr+"/$ref", false, "$ref %q: only JSON pointer fragments (#/...) are supported", r)
				return
			}
			// A fragment is percent-encoded (RFC 3986), as the evaluator
			// reads it: "#/$defs/a%20b" is the definition "a b".
			frag, err := url.PathUnescape(frag)
			if err != nil {
				p.fail(ptr+"/$ref", false, "$ref %q: the fragment is not valid percent-encoding", r)
				return
			}
			target, ok := p.at(frag).(map[string]any)
			if !ok {
				p.fail(ptr+"/$ref", false, "$ref %q points to nothing in this file", r)
				return
			}
			if _, more := target["$ref"].(string); !more {
				break
			}
			if seen[frag] {
				p.fail(ptr+"/$ref", false, "$ref cycle: %q leads back to %s", r, ptr)
				return
			}
			seen[frag] = true
			cur = frag
		}
	}
}

// embeddedName resolves a $ref's file part against the URL of the template
// that holds it: the template itself (self), or the name of an embedded
// schema (defs.schema.json), or neither (ok false: a remote URL or a file
// that is not built in).
func embeddedName(url, file string) (name string, self, ok bool) {
	dir := url[:strings.LastIndexByte(url, '/')+1]
	abs := file
	if !strings.Contains(file, "://") {
		abs = dir + path.Clean(file)
	}
	if abs == url {
		return "", true, true
	}
	name, ok = strings.CutPrefix(abs, dir)
	if !ok {
		name, ok = strings.CutPrefix(abs, schema.Base)
	}
	if !ok || strings.Contains(name, "/") {
		return "", false, false
	}
	if _, embedded := schema.Lean(name); !embedded {
		return "", false, false
	}
	return name, false, true
}

// Position is the line and column of the value at ptr (a JSON pointer) in
// the template's file as written, or 0, 0. The validator compiles the
// schema without its annotations (SchemaDoc), a text of other lines and
// columns, but with the same pointers: this turns its positions back into
// the author's.
func (t *Template) Position(ptr string) (line, col int) {
	f, fs := source.Decode(t.File, t.Source)
	if f == nil || len(fs) > 0 {
		return 0, 0
	}
	res := decode.JSON(f)
	if s := res.Map[ptr]; s != nil {
		return s.Line, s.Col
	}
	return 0, 0
}

// SchemaDoc returns the schema document at url as the validator compiles
// it: the template's own schema without its annotations, or an embedded
// schema it refers to. Nothing is ever fetched.
func (t *Template) SchemaDoc(url string) ([]byte, error) {
	if url == t.URL {
		if t.Builtin {
			if b, ok := schema.Lean(t.File); ok {
				return b, nil
			}
		}
		return lean(t.Source)
	}
	if t.ID != "" && url == t.ID {
		return lean(t.Source)
	}
	// Relative references resolve against the schema's own $id where it has
	// one (the validator honours $id as a base URI), else against its URL.
	name, _, ok := embeddedName(t.URL, url)
	if !ok && t.ID != "" && strings.Contains(t.ID, "://") {
		name, _, ok = embeddedName(t.ID, url)
	}
	if !ok {
		return nil, fmt.Errorf("%s: $ref to %s is neither this template nor a built-in schema", t.File, url)
	}
	b, _ := schema.Lean(name)
	return b, nil
}

// lean drops the annotation keywords (x-factsheet-..., title, description,
// examples) of a schema, as schema/lean/ holds the built-in ones: the
// evaluator refuses keywords it does not know, and annotations never change
// a verdict. The bytes are decoded as the template was read (a BOM, UTF-16):
// read raw, a template saved with a BOM was refused with "invalid character
// 'ï' looking for beginning of value".
func lean(src []byte) ([]byte, error) {
	if f, fs := source.Decode("", src); f != nil && len(fs) == 0 {
		src = []byte(f.Text)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(Strip(v))
}

// Strip returns a schema value without its annotation keywords. Property
// and $defs names are data, never dropped.
func Strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if IsAnnotation(k) {
				continue
			}
			if m, ok := e.(map[string]any); ok && (k == "properties" || k == "$defs") {
				sub := map[string]any{}
				for name, s := range m {
					sub[name] = Strip(s)
				}
				out[k] = sub
				continue
			}
			out[k] = Strip(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Strip(e)
		}
		return out
	}
	return v
}

// IsAnnotation reports whether a schema keyword never changes a verdict:
// the standard annotations and every x- keyword.
func IsAnnotation(k string) bool {
	switch k {
	case "title", "description", "examples", "$comment", "default":
		return true
	}
	return strings.HasPrefix(k, "x-")
}
