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
	"strings"

	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/validation"
	"github.com/ecanplus/factsheet/schema"
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
	res := &Result{Name: name}
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
	switch res.Form {
	case YAML:
		parsed = decode.YAML(f)
	case JSON:
		parsed = decode.JSON(f)
	default:
		parsed = document.Import(f)
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
	v, err := factsheetValidator()
	if err != nil {
		res.Findings = append(res.Findings, finding.Finding{
			Rule: validation.RuleValue, Severity: finding.Error,
			Location: finding.Location{File: name}, Message: err.Error(),
		})
	} else {
		res.Findings = append(res.Findings, explained(v.Validate(parsed.Value, parsed.Map, name), parsed.Unread)...)
	}
	res.Unread = parsed.Unread
	res.Model = model.FromValue(parsed.Value)
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

func factsheetValidator() (*validation.Validator, error) {
	v, err := validation.New(schema.Root)
	if err != nil {
		return nil, err
	}
	v.Namer = templateNamer{}
	return v, nil
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
// use it to pick factsheet documents among other Markdown files.
func LooksLikeDocument(text string) bool {
	head := text
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	upper := strings.ToUpper(head)
	return strings.Contains(upper, "POLICY MAPPING ON EHEALTH") ||
		(strings.Contains(head, "Table 1 :") && strings.Contains(head, "\t")) ||
		bytes.Contains([]byte(head), []byte("## 1 DEFINITIONS"))
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
