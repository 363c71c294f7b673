// Package load runs the reading half of the pipeline for one file: read the
// bytes (bounded), decode the text, detect the form, parse it into a
// JSON-shaped value with a source map, validate it against the embedded
// schema and build the typed model. Every command (validate, lint, convert,
// diff) reads files through here, so they agree on what a file says and
// where.
package load

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// Form is one of the three forms of a factsheet.
type Form int

const (
	// Auto detects the form from the extension, then the content.
	Auto Form = iota
	YAML
	JSON
	Document
	Word
)

// String names the form as the --input-format flag spells it.
func (f Form) String() string {
	switch f {
	case YAML:
		return "yaml"
	case JSON:
		return "json"
	case Document:
		return "md"
	case Word:
		return "docx"
	}
	return "auto"
}

// ParseForm reads a --input-format / --to value.
func ParseForm(s string) (Form, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return Auto, nil
	case "yaml", "yml":
		return YAML, nil
	case "json":
		return JSON, nil
	case "md", "markdown", "txt", "text", "document":
		return Document, nil
	case "docx", "word":
		return Word, nil
	}
	return Auto, fmt.Errorf("unknown format %q (want yaml, json, md or docx)", s)
}

// Result is one file read through the pipeline.
type Result struct {
	Name     string
	File     *source.File // nil when the bytes could not be decoded
	Form     Form
	Value    any
	Map      source.Map
	Model    *model.Factsheet // nil when nothing could be parsed
	Findings []finding.Finding
	// Unread is what the document importer saw but could not read (nil
	// when it read everything, and for YAML and JSON). Its parts are
	// reported by the importer; validation and lint leave them alone.
	Unread *decode.Unread
	// Raw is the bytes the result was read from (nil for a file too large
	// to read): lint --fix edits them.
	Raw []byte

	// word is the Word document a .docx was read from: File is then its
	// text layout, and findings are told in Word's terms (Relocate).
	word *docx.Document
}

// Readable reports whether the file parsed into a factsheet (possibly with
// schema or lint findings). Commands that need the content (convert, diff)
// refuse files that are not.
func (r *Result) Readable() bool { return r.Model != nil }

// HasErrors reports whether any finding is an error.
func (r *Result) HasErrors() bool {
	for _, f := range r.Findings {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

// Options control reading.
type Options struct {
	Form Form // Auto unless forced with --input-format
	// RejectChanges reads a Word document as it would be with every
	// tracked change rejected (--tracked-changes reject); the default
	// accepts them.
	RejectChanges bool
	// Templates are the templates the file may follow: nil for the
	// built-in ones alone.
	Templates *template.Registry
	// Template forces the template of a document or Word file (--template);
	// "" matches it by wording. YAML and JSON name theirs.
	Template string
}

// ErrNotExist and friends are I/O problems with the path itself: usage
// errors (exit 2), not findings in a file.
var ErrNotExist = errors.New("no such file or directory")

// Path reads one file. Only problems with the path itself (missing,
// unreadable, a directory) return an error; everything about the content is
// a finding in the result.
func Path(path string, opts Options) (*Result, error) {
	fh, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotExist)
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	return Reader(path, fh, opts)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Reader reads a file's content from r, at most source.MaxSize bytes.
func Reader(name string, r io.Reader, opts Options) (*Result, error) {
	// Size the buffer from the file when it says how big it is: reading
	// then allocates once instead of doubling its way up.
	size := 512
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Size() < source.MaxSize {
			size = int(fi.Size()) + 1
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(io.LimitReader(r, source.MaxSize+1))
	raw := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if len(raw) > source.MaxSize {
		size := int64(-1)
		if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
			if fi, err := st.Stat(); err == nil {
				size = fi.Size()
			}
		}
		return &Result{Name: name, Findings: []finding.Finding{source.TooLarge(name, size)}}, nil
	}
	return Bytes(name, raw, opts), nil
}

// Bytes runs the pipeline on content already in memory.
func Bytes(name string, raw []byte, opts Options) *Result {
	res := &Result{Name: name, Raw: raw}
	// Findings leave in the output order on every path, early returns too.
	defer func() { res.Findings = finding.Sort(res.Relocate(res.Findings)) }()
	var f *source.File
	res.Form = opts.Form
	if fnd, ok := unreadableForm(name, raw); ok {
		res.Findings = append(res.Findings, fnd)
		return res
	}
	if res.Form == Word || (res.Form == Auto && (docx.IsZip(raw) || isWordName(name))) {
		res.Form = Word
		var ok bool
		if f, ok = res.readWord(raw, opts); !ok {
			return res
		}
	} else {
		var fs []finding.Finding
		f, fs = source.Decode(name, raw)
		res.Findings = fs
		if f == nil {
			return res
		}
	}
	res.File = f
	if res.Form == Auto {
		res.Form = Detect(name, f.Text)
	}
	var parsed decode.Result
	var tpl *template.Template
	switch res.Form {
	case YAML:
		parsed = decode.YAML(f)
	case JSON:
		parsed = decode.JSON(f)
	default:
		var tied []*template.Template
		tpl, tied = documentTemplate(opts, f.Text)
		parsed = document.ImportWith(f, tpl)
		if len(tied) > 0 {
			parsed.Findings = append(parsed.Findings, tieFinding(f.Name, tpl, tied))
		}
	}
	if res.word != nil {
		parsed.Findings = append(parsed.Findings, res.reviewFindings(parsed.Map)...)
	}
	res.Map = parsed.Map
	res.Findings = append(res.Findings, parsed.Findings...)
	if parsed.State != decode.Read {
		return res // the findings (here or from source.Decode) say why
	}
	if parsed.Value == nil {
		// "null" or "~": parsed, but nothing to check.
		line, col := parsed.Map.At("", false)
		res.Findings = append(res.Findings, finding.Finding{
			Rule: validation.RuleType, Severity: finding.Error,
			Location: finding.Location{File: name, Line: max(line, 1), Column: max(col, 1)},
			Message:  "the document is empty (null); a factsheet is a mapping of fields (template, country, rounds, ...)",
		})
		return res
	}
	res.Value = parsed.Value
	if _, ok := parsed.Value.(map[string]any); !ok {
		line, col := parsed.Map.At("", false)
		res.Findings = append(res.Findings, finding.Finding{
			Rule: validation.RuleType, Severity: finding.Error,
			Location: finding.Location{File: name, Line: line, Column: col},
			Message:  "a factsheet is a mapping of fields (template, country, rounds, ...), not a single value or a list",
		})
		return res
	}
	var unknown *finding.Finding
	if tpl == nil {
		tpl, unknown = namedTemplate(opts.Templates, parsed.Value, parsed.Map, name)
	}
	v, err := Validator(tpl)
	if err != nil {
		res.Findings = append(res.Findings, finding.Finding{
			Rule: validation.RuleValue, Severity: finding.Error,
			Location: finding.Location{File: name}, Message: err.Error(),
		})
	} else {
		fs := explained(v.Validate(parsed.Value, parsed.Map, name), parsed.Unread)
		if unknown != nil {
			// The unknown name is the finding; the schema's "must be
			// ecan-plus-2025" would only repeat it less helpfully.
			fs = slices.DeleteFunc(fs, func(f finding.Finding) bool { return f.Pointer == "/template" })
			fs = append(fs, *unknown)
		}
		res.Findings = append(res.Findings, fs...)
	}
	res.Unread = parsed.Unread
	res.Model = model.FromValueOf(parsed.Value, tpl)
	res.Model.Suppressions = suppressions(parsed.Comments)
	return res
}

// suppressions reads the directive comments of a file as suppressions, in
// the order of the file.
func suppressions(cs []decode.Comment) []model.Suppression {
	var out []model.Suppression
	for _, c := range cs {
		s, ok := model.ParseSuppression(c.Text)
		if !ok {
			continue
		}
		s.Pointer, s.Detached, s.Line, s.Col = c.Ptr, c.Detached, c.Line, c.Col
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b model.Suppression) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return out
}

// explained drops the template-missing findings of what the importer saw
// but could not read: its own finding says why (one for a document whose
// tables could not be read at all, instead of one per question).
func explained(fs []finding.Finding, u *decode.Unread) []finding.Finding {
	if u == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Rule == validation.RuleMissing && u.Covers(f.Pointer) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Warm compiles the default template's validator. A run that reads one
// factsheet spends a millisecond compiling it, which a second core can do
// while the file is read and decoded (the command layer calls Warm in a
// goroutine). Validator waits for it, so nothing is compiled twice; a run
// that needs another template has spent that time on a core it did not use.
func Warm() { _, _ = Validator(template.Builtin().Default()) }

// Validator returns the validator of a template's factsheets: its schema,
// compiled once per process, with messages in the template's terms.
func Validator(tpl *template.Template) (*validation.Validator, error) {
	validatorsMu.Lock()
	defer validatorsMu.Unlock()
	if v, ok := validators[tpl]; ok {
		return v, nil
	}
	var v *validation.Validator
	var err error
	if tpl.Builtin {
		v, err = validation.New(tpl.File)
	} else {
		v, err = validation.Compile(tpl.URL, tpl.SchemaDoc)
		var se *validation.SchemaError
		switch {
		case err == nil:
		case errors.As(err, &se) && (se.URL == tpl.URL || tpl.ID != "" && se.URL == tpl.ID):
			// In the template's own file: said with its name and the place
			// in it as written (the compiled text has no annotations, so
			// other lines and columns).
			e := *se
			e.URL = tpl.File
			e.Line, e.Column = 0, 0
			if e.Pointer != "" {
				e.Line, e.Column = tpl.Position(e.Pointer)
			}
			e.Msg = strings.ReplaceAll(strings.ReplaceAll(e.Msg, tpl.URL+"#", ""), tpl.URL, tpl.File)
			err = &e
		default:
			// Said with the file's name, not the URL it is compiled under.
			msg := strings.ReplaceAll(err.Error(), tpl.URL+"#", "")
			err = fmt.Errorf("%s: %s", tpl.File, strings.ReplaceAll(msg, tpl.URL, tpl.File))
		}
	}
	if err != nil {
		return nil, err
	}
	v.Namer = templateNamer{tpl}
	validators[tpl] = v
	return v, nil
}

var (
	validatorsMu sync.Mutex
	validators   = map[*template.Template]*validation.Validator{}
)

// namedTemplate is the template a YAML or JSON factsheet names. A file
// that names none, or one the registry does not know, is read with the
// default template; the second is a finding at its `template:` (the schema
// reports a missing one).
func namedTemplate(reg *template.Registry, value any, m source.Map, file string) (*template.Template, *finding.Finding) {
	if reg == nil {
		reg = template.Builtin()
	}
	name, ok := value.(map[string]any)["template"].(string)
	if !ok {
		return reg.Default(), nil
	}
	if t, ok := reg.Lookup(name); ok {
		return t, nil
	}
	names := reg.Names()
	msg := fmt.Sprintf("unknown template %q", name)
	if best := nearest(name, names); best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	msg += "; known templates: " + strings.Join(names, ", ") + " (a repository adds its own with templates: in .factsheet.yaml)"
	line, col := m.At("/template", false)
	return reg.Default(), &finding.Finding{
		Rule: validation.RuleValue, Severity: finding.Error,
		Location: finding.Location{File: file, Line: line, Column: col, Pointer: "/template"},
		Message:  msg,
	}
}

// documentTemplate is the template a document or Word file is read with:
// the one --template names, or the one whose wording the text matches best
// (title, captions, row and column labels), with the templates that match
// as well (a tie). With the built-in templates alone that is the default
// one, and nothing is compared.
func documentTemplate(opts Options, text string) (*template.Template, []*template.Template) {
	reg := opts.Templates
	if reg == nil {
		reg = template.Builtin()
	}
	if opts.Template != "" {
		if t, ok := reg.Lookup(opts.Template); ok {
			return t, nil
		}
	}
	all := reg.All()
	if len(all) <= 1 {
		return reg.Default(), nil
	}
	return template.Match(all, text, reg.Default())
}

// tieFinding says which template a document was read with when its wording
// matched others as well: without it, a document of a repository's stricter
// copy of a template was checked against the other one without a word.
func tieFinding(file string, chosen *template.Template, tied []*template.Template) finding.Finding {
	names := []string{strconv.Quote(chosen.Version)}
	for _, t := range tied {
		names = append(names, strconv.Quote(t.Version))
	}
	why := "the first by name"
	if chosen.Builtin {
		why = "the built-in template wins a tie"
	}
	return finding.Finding{Rule: rules.DocumentTemplateTie, Severity: finding.Info,
		Location: finding.Location{File: file, Line: 1, Column: 1},
		Message: fmt.Sprintf("the wording matches the templates %s equally; read with %q (%s): --template NAME chooses another",
			strings.Join(names, ", "), chosen.Version, why)}
}

// Detect tells the form of a file: by extension for .yaml, .yml and .json;
// by content for everything else (.md, .txt, no extension, stdin): JSON when
// it starts with "{", the document when it has the factsheet's title or
// table layout, YAML when it looks like a mapping of the factsheet's fields,
// and the document otherwise (its importer explains what is missing).
func Detect(name, text string) Form {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return YAML
	case ".json":
		return JSON
	}
	return DetectContent(text)
}

// DetectContent guesses the form from the text alone: JSON when it starts
// with "{", YAML when a line starts with one of the factsheet's top-level
// fields or the editor modeline, and the document otherwise.
func DetectContent(text string) Form {
	trimmed := strings.TrimLeft(text, " \t\n")
	if strings.HasPrefix(trimmed, "{") {
		return JSON
	}
	// YAML's own markers first: a YAML factsheet's title holds the
	// document's landmark words too.
	for _, line := range strings.SplitN(text, "\n", 50) {
		if strings.HasPrefix(line, "template:") || strings.HasPrefix(line, "country:") ||
			strings.HasPrefix(line, "rounds:") || strings.HasPrefix(line, "# yaml-language-server:") {
			return YAML
		}
	}
	return Document
}

// LooksLikeDocument reports whether text has the factsheet document's
// landmarks: its title, a table caption or a chapter heading. Directory walks
// use it to pick factsheet documents among other Markdown files. The caption
// is looked for in the form every template's documents share ("Table 3 : "
// and a tab-separated table), so a repository's own template, with its own
// title and headings, is found as well as the built-in one.
func LooksLikeDocument(text string) bool {
	head := text
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	upper := strings.ToUpper(head)
	return strings.Contains(upper, "POLICY MAPPING ON EHEALTH") ||
		(hasCaption(head) && strings.Contains(head, "\t")) ||
		bytes.Contains([]byte(head), []byte("## 1 DEFINITIONS"))
}

// hasCaption reports whether text holds a table caption, "Table N : ", in
// one pass.
func hasCaption(text string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], "Table ")
		if j < 0 {
			return false
		}
		j += i
		k := j + len("Table ")
		d := k
		for d < len(text) && text[d] >= '0' && text[d] <= '9' {
			d++
		}
		if d > k && strings.HasPrefix(text[d:], " :") {
			return true
		}
		i = k
	}
}

// RuleUnreadable is the finding for a file that exists but cannot be read.
const RuleUnreadable = rules.InputUnreadable

// SniffDocument reports whether the first bytes of a file are a factsheet
// document, whatever their encoding.
func SniffDocument(head []byte) bool {
	// Cut a truncated multi-byte character (or UTF-16 unit) at the end so the
	// head decodes like the whole file.
	for i := 0; i < 4 && len(head) > 0; i++ {
		if f, _ := source.Decode("", head); f != nil {
			return LooksLikeDocument(f.Text)
		}
		head = head[:len(head)-1]
	}
	return false
}

// Unrelated reports whether a file read without being asked for explicitly
// (a hook passes every changed YAML, JSON or Markdown file) is simply not a
// factsheet: a document without any of the layout's landmarks, an empty
// file, or YAML/JSON whose top level holds none of the factsheet's fields.
// A file that looks like a factsheet but is broken is not unrelated.
func Unrelated(r *Result) bool {
	for _, f := range r.Findings {
		if f.Rule == document.RuleNotFactsheet || f.Rule == decode.RuleEmpty {
			return true
		}
	}
	if r.Form == Document || r.Value == nil {
		return false
	}
	m, ok := r.Value.(map[string]any)
	if !ok {
		return true
	}
	for _, k := range []string{"template", "country", "title", "rounds", "definitions", "governance"} {
		if _, ok := m[k]; ok {
			return false
		}
	}
	return true
}

// nearest is the name closest to s by edit distance, when close enough to
// be a typo ("ecan-plus-2052").
func nearest(s string, names []string) string {
	best, bestD := "", max(2, len(s)/3)+1
	for _, n := range names {
		if d := validation.Distance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
