// Package config reads the project configuration, .factsheet.yaml: rule
// severities (or off), the maximum age of reviews, paths to ignore and
// waivers for known findings. Each checked file uses the nearest file above
// it (see Set), or the one named with --config; it is validated against its own
// embedded schema with positions like a factsheet, and then applied to the
// findings of every file: a configuration problem is a usage error (exit 2)
// that names the line to fix.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/decode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/glob"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
)

// Names are the file names looked for, in order.
var Names = []string{".factsheet.yaml", ".factsheet.yml"}

// SchemaFile is the embedded schema of the configuration.
const SchemaFile = "config.schema.json"

// Rule IDs of the findings about waivers (registered with the lint rules).
const (
	RuleWaiverExpired = rules.WaiverExpired
	RuleWaiverUnused  = rules.WaiverUnused
)

// Severity settings: a severity or off.
const Off = "off"

// Config is a loaded configuration. The zero value (no file) applies the
// defaults.
type Config struct {
	Path   string       // the file read; "" when none was found
	Dir    string       // globs are relative to this directory
	File   *source.File // for reporting waiver findings with excerpts
	MaxAge string       // "" when not set
	// FixUnsafe is fix: {unsafe: true}: lint --fix applies the unsafe
	// fixes to the files below, as --unsafe-fixes does.
	FixUnsafe bool
	Rules     map[string]string
	Ignore    []string
	Waivers   []*Waiver
	// Templates are the repository's template files (`templates:`), as
	// written: paths relative to the configuration's directory. Registry
	// reads them.
	Templates []string
	// templatePaths are Templates as paths from the working directory.
	templatePaths []string

	templateFiles []template.File
	registryErr   error
	registryOne   sync.Once

	// ignore are the Ignore globs, checked once when the file was read
	// (internal/glob's dialect); a bad one is a finding at its place.
	ignore []glob.Pattern

	m  source.Map // where each value is written in File
	mu sync.Mutex
}

// Waiver silences the findings of one rule in matching files until it
// expires; when it names a place, only there: a JSON pointer and what is
// under it, an item by stable ID and its parts (Item, matched against the
// finding's identity, so it does not shift when rows move or footnotes are
// renumbered), or a footnote by a source it cites (Footnote: an address,
// or the words of a footnote without one).
type Waiver struct {
	File, Rule, Pointer, Reason string
	Item, Footnote              string
	Expires                     dates.Date
	Ptr                         string // pointer of the waiver in the config file
	used                        bool
	file                        glob.Pattern // File, checked when the file was read
}

// Error is a problem with the configuration file, with its position.
type Error struct {
	Findings []finding.Finding
}

func (e *Error) Error() string {
	var lines []string
	for _, f := range e.Findings {
		pos := f.File
		if f.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		lines = append(lines, pos+": "+f.Message)
	}
	return "invalid configuration: " + strings.Join(lines, "; ")
}

// Find looks for a configuration file in dir and its parents (Set does the
// same for every file of a run, remembering what it found).
func Find(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load reads and checks a configuration file. It reads only a regular file
// (or a descriptor such as <(...)), and at most source.MaxSize bytes of it:
// a pull request can add a .factsheet.yaml that links to /dev/zero or to a
// named pipe, and that must be a usage error, not a hang or all the memory.
func Load(path string) (*Config, error) {
	raw, err := inputfile.Read(path, source.MaxSize)
	if tl := (*inputfile.TooLargeError)(nil); errors.As(err, &tl) {
		return nil, &Error{[]finding.Finding{source.TooLarge(path, tl.Size)}}
	}
	if err != nil {
		return nil, fmt.Errorf("reading the configuration: %w", err)
	}
	abs, _ := filepath.Abs(path)
	return Parse(path, filepath.Dir(abs), raw)
}

// Parse checks configuration content; dir anchors its globs.
func Parse(name, dir string, raw []byte) (*Config, error) {
	if len(raw) > source.MaxSize {
		return nil, &Error{[]finding.Finding{source.TooLarge(name, int64(len(raw)))}}
	}
	f, fs := source.Decode(name, raw)
	if f == nil || hasError(fs) {
		return nil, &Error{fs}
	}
	res := decode.YAML(f)
	if hasError(res.Findings) {
		return nil, &Error{res.Findings}
	}
	c := &Config{Path: name, Dir: dir, File: f, Rules: map[string]string{}, m: res.Map}
	if res.Value == nil {
		return c, nil // only comments: the defaults
	}
	v, err := validation.New(SchemaFile)
	if err != nil {
		return nil, err
	}
	if fs := v.Validate(res.Value, res.Map, name); len(fs) > 0 {
		return nil, &Error{fs}
	}
	c.fill(res.Value.(map[string]any))
	if fs := c.check(res.Map); len(fs) > 0 {
		return nil, &Error{fs}
	}
	return c, nil
}

func hasError(fs []finding.Finding) bool {
	for _, f := range fs {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

func (c *Config) fill(root map[string]any) {
	if v, ok := root["max-age"]; ok {
		c.MaxAge = fmt.Sprint(v)
	}
	if rules, ok := root["rules"].(map[string]any); ok {
		for id, sev := range rules {
			c.Rules[id] = fmt.Sprint(sev)
		}
	}
	for _, g := range list(root["ignore"]) {
		c.Ignore = append(c.Ignore, fmt.Sprint(g))
	}
	if fix, ok := root["fix"].(map[string]any); ok {
		c.FixUnsafe, _ = fix["unsafe"].(bool)
	}
	for _, t := range list(root["templates"]) {
		c.Templates = append(c.Templates, fmt.Sprint(t))
	}
	for i, w := range list(root["waivers"]) {
		m, _ := w.(map[string]any)
		wv := &Waiver{Ptr: fmt.Sprintf("/waivers/%d", i)}
		wv.File, _ = m["file"].(string)
		wv.Rule, _ = m["rule"].(string)
		wv.Pointer, _ = m["pointer"].(string)
		wv.Item, _ = m["item"].(string)
		wv.Footnote, _ = m["footnote"].(string)
		wv.Reason, _ = m["reason"].(string)
		if s, ok := m["expires"].(string); ok {
			if t, err := time.Parse("2006-01-02", s); err == nil {
				wv.Expires = dates.DateOf(t)
			}
		}
		c.Waivers = append(c.Waivers, wv)
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// check does what the schema cannot: rule IDs exist, fatal rules stay on,
// the age and expiry dates parse.
func (c *Config) check(m source.Map) []finding.Finding {
	var fs []finding.Finding
	bad := func(ptr string, key bool, msg string) {
		line, col := m.At(ptr, key)
		fs = append(fs, finding.Finding{Rule: "config", Severity: finding.Error,
			Location: finding.Location{File: c.Path, Line: line, Column: col, Pointer: ptr}, Message: msg})
	}
	for i, t := range c.Templates {
		// Relative to the configuration; a path from the working
		// directory when the configuration's own is.
		p := t
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(c.Path), filepath.FromSlash(t))
		}
		c.templatePaths = append(c.templatePaths, p)
		st, err := os.Stat(p)
		if err == nil && st.IsDir() {
			err = inputfile.ErrIsDir
		} else if err == nil {
			err = inputfile.Check(p)
		}
		if err != nil {
			bad(fmt.Sprintf("/templates/%d", i), false, fmt.Sprintf("template %s: %v", t, unwrapPath(p, err)))
		}
	}
	// Waivers may name the items of the configuration's own templates.
	var tpls []*template.Template
	if len(fs) == 0 && len(c.Templates) > 0 {
		tpls = c.itemTemplates()
	}
	if c.MaxAge != "" {
		if _, err := dates.ParseAge(c.MaxAge); err != nil {
			bad("/max-age", false, err.Error())
		}
	}
	ids := sortedKeys(c.Rules)
	for _, id := range ids {
		ptr := "/rules/" + source.Escape(id)
		r, ok := rules.Lookup(id)
		if !ok {
			bad(ptr, true, UnknownRule(id))
			continue
		}
		if r.Fatal && c.Rules[id] != "error" {
			bad(ptr, false, fmt.Sprintf("rule %s reports files that cannot be read; it cannot be set to %s", id, c.Rules[id]))
		}
	}
	for _, w := range c.Waivers {
		if _, ok := rules.Lookup(w.Rule); !ok {
			bad(w.Ptr+"/rule", false, UnknownRule(w.Rule))
		}
		if w.Expires.IsZero() {
			bad(w.Ptr+"/expires", false, "expires must be a real day, YYYY-MM-DD")
		}
		if p, err := glob.Compile(w.File); err != nil {
			bad(w.Ptr+"/file", false, globError(w.File, err))
		} else {
			w.file = p
		}
		places := 0
		for _, p := range []string{w.Pointer, w.Item, w.Footnote} {
			if p != "" {
				places++
			}
		}
		if places > 1 {
			bad(w.Ptr, false, "a waiver names its place once: pointer, item or footnote, not several")
		}
		if w.Item != "" && !identity.KnownSelector(w.Item, tpls...) {
			bad(w.Ptr+"/item", false, unknownItem(w.Item, tpls, len(c.Templates) > 0))
		}
	}
	c.ignore = make([]glob.Pattern, 0, len(c.Ignore))
	for i, g := range c.Ignore {
		p, err := glob.Compile(g)
		if err != nil {
			bad(fmt.Sprintf("/ignore/%d", i), false, globError(g, err))
			continue
		}
		c.ignore = append(c.ignore, p)
	}
	return finding.Sort(fs)
}

// unknownItem phrases an item selector the template does not have, with
// the nearest one it has.
func unknownItem(sel string, tpls []*template.Template, ownTemplates bool) string {
	best, bestD := "", 1<<30
	for _, known := range identity.Selectors(tpls...) {
		if d := validation.Distance(sel, known); d < bestD {
			best, bestD = known, d
		}
	}
	msg := fmt.Sprintf("unknown item %q", sel)
	if bestD <= max(3, len(sel)/3) {
		return msg + fmt.Sprintf(" (did you mean %q?)", best)
	}
	msg += " (name a section, question, term, Table 5 area or cell by its stable ID: governance.national_board"
	if !ownTemplates {
		// A template named only by --template-file is not the
		// configuration's: its items are unknown here.
		msg += "; an item of a repository template needs the template under templates: in this configuration"
	}
	return msg + ")"
}

// UnknownRule phrases an unknown rule ID with the nearest known one.
func UnknownRule(id string) string {
	best, bestD := "", 1<<30
	for _, known := range rules.IDs() {
		if d := validation.Distance(id, known); d < bestD {
			best, bestD = known, d
		}
	}
	msg := fmt.Sprintf("unknown rule %q", id)
	if bestD <= max(3, len(id)/3) {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	} else {
		msg += " (factsheet rules lists them)"
	}
	return msg
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Severity returns the configured severity of a rule, and whether it is on.
func (c *Config) Severity(r *rules.Rule) (finding.Severity, bool) {
	if c == nil {
		return r.Severity, true
	}
	s, ok := c.Rules[r.ID]
	if !ok {
		return r.Severity, true
	}
	if s == Off {
		return r.Severity, false
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return r.Severity, true
	}
	return sev, true
}

// Line returns the line of the configuration file where the value at a
// JSON pointer is written ("/rules/date-past-due", "/waivers/0"), or 0
// when the file does not set it (the default applies).
func (c *Config) Line(ptr string) int {
	if c == nil || c.m == nil {
		return 0
	}
	if _, ok := c.m[ptr]; !ok {
		return 0
	}
	line, _ := c.m.At(ptr, false)
	return line
}

// IgnoredBy returns the ignore glob that matches a path, or "".
func (c *Config) IgnoredBy(path string) string {
	if c == nil || len(c.ignore) == 0 {
		return ""
	}
	rel := c.rel(path)
	for _, g := range c.ignore {
		if g.Match(rel) || g.Match(path) {
			return g.String()
		}
	}
	return ""
}

// Covers reports whether a waiver's file glob matches a file.
func (c *Config) Covers(w *Waiver, file string) bool {
	return w.file.Match(c.rel(file)) || w.file.Match(file)
}

// IsTemplate reports whether path is one of the configuration's template
// files (templates:), in any spelling: a directory walk leaves them out,
// since a template is a JSON Schema, not a factsheet.
func (c *Config) IsTemplate(path string) bool {
	if c == nil || len(c.templatePaths) == 0 {
		return false
	}
	abs, _ := filepath.Abs(path)
	var st os.FileInfo
	for _, t := range c.templatePaths {
		if ta, _ := filepath.Abs(t); ta == abs {
			return true
		}
		if filepath.Base(t) != filepath.Base(path) {
			continue // a link under another name is rare; a stat per file is not
		}
		if st == nil {
			var err error
			if st, err = os.Stat(path); err != nil {
				return false
			}
		}
		if tst, err := os.Stat(t); err == nil && os.SameFile(st, tst) {
			return true
		}
	}
	return false
}

// Ignored reports whether a path is under an ignore glob.
func (c *Config) Ignored(path string) bool {
	if c == nil || len(c.ignore) == 0 {
		return false
	}
	return c.IgnoredBy(path) != ""
}

// rel is path relative to the configuration's directory, slash-separated.
func (c *Config) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil || c.Dir == "" {
		return filepath.ToSlash(path)
	}
	r, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// Apply sets configured severities, drops findings of rules that are off
// and findings covered by a waiver in force. file is the path the findings
// belong to. It is safe for concurrent use.
func (c *Config) Apply(file string, fs []finding.Finding, today dates.Date) []finding.Finding {
	if c == nil {
		return fs
	}
	rel := c.rel(file)
	out := fs[:0:0]
	for _, f := range fs {
		if r, ok := rules.Lookup(f.Rule); ok && !r.Fatal {
			sev, on := c.Severity(r)
			if !on {
				continue
			}
			f.Severity = sev
		}
		if c.waived(rel, file, f, today) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (c *Config) waived(rel, file string, f finding.Finding, today dates.Date) bool {
	for _, w := range c.Waivers {
		if w.Rule != f.Rule || today.After(w.Expires) {
			continue
		}
		if w.Pointer != "" && f.Pointer != w.Pointer && !strings.HasPrefix(f.Pointer, w.Pointer+"/") {
			continue
		}
		if w.Item != "" && !identity.Covers(w.Item, f.Item) {
			continue
		}
		if w.Footnote != "" && !identity.CitesSource(f.Item, w.Footnote) {
			continue
		}
		if !w.file.Match(rel) && !w.file.Match(file) {
			continue
		}
		c.mu.Lock()
		w.used = true
		c.mu.Unlock()
		return true
	}
	return false
}

// WaiverFindings reports, after a run, the waivers that expired (they no
// longer silence anything) and, when the run checked everything (all is
// true), those that matched nothing.
func (c *Config) WaiverFindings(today dates.Date, all bool) []finding.Finding {
	if c == nil || c.File == nil {
		return nil
	}
	res := decode.YAML(c.File)
	var fs []finding.Finding
	for _, w := range c.Waivers {
		line, col := res.Map.At(w.Ptr, false)
		loc := finding.Location{File: c.Path, Line: line, Column: col, Pointer: w.Ptr}
		switch {
		case today.After(w.Expires):
			eline, ecol := res.Map.At(w.Ptr+"/expires", false)
			loc.Line, loc.Column = eline, ecol
			fs = append(fs, finding.Finding{Rule: RuleWaiverExpired, Severity: finding.Warning, Location: loc,
				Message: fmt.Sprintf("the waiver of %s for %s expired on %s; its findings are reported again", w.Rule, w.File, w.Expires),
				Hint:    "fix the findings, or extend the waiver with a reason"})
		case all && !w.used:
			fs = append(fs, finding.Finding{Rule: RuleWaiverUnused, Severity: finding.Info, Location: loc,
				Message: fmt.Sprintf("the waiver of %s for %s matched no finding; remove it if the problem is fixed", w.Rule, w.File)})
		}
	}
	return fs
}

// globError phrases a bad glob of the configuration.
func globError(g string, err error) string {
	return fmt.Sprintf("invalid glob %q: %v", g, err)
}

func unwrapPath(p string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file"
	}
	return strings.TrimPrefix(err.Error(), p+": ")
}

// Registry returns the templates files under this configuration may
// follow: the built-in ones, the configuration's (`templates:`) and extra,
// the files --template-file names. It is built once per configuration; a
// template that cannot be used is an error naming its place.
func (c *Config) Registry(extra []template.File) (*template.Registry, error) {
	files, err := c.ownTemplates()
	if err != nil {
		return nil, err
	}
	all := files[:len(files):len(files)]
	for _, x := range extra {
		if !slices.ContainsFunc(files, func(f template.File) bool { return sameFile(f.Name, x.Name) }) {
			all = append(all, x) // --template-file naming a configured template adds nothing
		}
	}
	return template.Builtin().Add(all)
}

// sameFile tells whether two paths name one file (a path and a symlink to
// it, ./t.json and t.json).
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// TemplatePaths are the configuration's template files (`templates:`) as
// paths from the working directory: files a run reads, which no report of
// it may replace.
func (c *Config) TemplatePaths() []string { return c.templatePaths }

// ownTemplates reads the configuration's template files, once.
func (c *Config) ownTemplates() ([]template.File, error) {
	c.registryOne.Do(func() {
		for i, p := range c.templatePaths {
			b, err := inputfile.Read(p, source.MaxSize)
			if err != nil {
				line, col := c.m.At(fmt.Sprintf("/templates/%d", i), false)
				c.registryErr = fmt.Errorf("%s:%d:%d: template %s: %v", c.Path, line, col, p, unwrapPath(p, err))
				return
			}
			c.templateFiles = append(c.templateFiles, template.File{Name: p, Data: b})
		}
	})
	return c.templateFiles, c.registryErr
}

// itemTemplates are the templates whose items the configuration's waivers
// may name: the built-in ones and its own. A template that cannot be used
// leaves its own out here; reading a file under the configuration reports it.
func (c *Config) itemTemplates() []*template.Template {
	files, err := c.ownTemplates()
	if err != nil {
		return nil
	}
	reg, err := template.Builtin().Add(files)
	if err != nil {
		return nil
	}
	return reg.All()
}
