package template

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/schema"
)

// DefaultName is the template a file is read with when it names none (or
// names one the registry does not have: validation reports that): the one
// every published factsheet follows so far.
const DefaultName = "ecan-plus-2025"

// Registry is the set of templates a run knows: the built-in ones and those
// a repository adds (.factsheet.yaml `templates:`, --template-file).
// Built-in templates are parsed the first time they are looked up, so a
// run pays only for the templates its files use.
type Registry struct {
	entries []*entry // sorted by name
}

type entry struct {
	name string
	once sync.Once
	load func() (*Template, error)
	tpl  *Template
	err  error
}

func (e *entry) get() (*Template, error) {
	e.once.Do(func() { e.tpl, e.err = e.load() })
	return e.tpl, e.err
}

// builtinMarker tells an embedded template schema from the other embedded
// schemas without parsing it.
var builtinMarker = []byte(`"` + kwChapters + `"`)

var builtin = sync.OnceValue(func() *Registry {
	r := &Registry{}
	for _, file := range schema.Names() {
		b, _ := schema.File(file)
		name, ok := strings.CutSuffix(file, ".schema.json")
		if !ok || !bytes.Contains(b, builtinMarker) {
			continue
		}
		r.entries = append(r.entries, &entry{name: name, load: func() (*Template, error) {
			if gen, ok := generated[name]; ok {
				t := gen()
				t.Source = b
				return t, nil
			}
			t, err := parse(file, schema.Base+file, b, true)
			if err != nil {
				return nil, err
			}
			if t.Version != name {
				return nil, fmt.Errorf("%s: names its template %q: a built-in template's name is its file name", file, t.Version)
			}
			t.Builtin = true
			return t, nil
		}})
	}
	return r
})

// Builtin returns the registry of the templates embedded in the binary.
func Builtin() *Registry { return builtin() }

// Names lists the templates' names, sorted.
func (r *Registry) Names() []string {
	var out []string
	for _, e := range r.entries {
		out = append(out, e.name)
	}
	return out
}

// Lookup returns the template with the given name. A built-in template
// that does not parse is a bug the tests catch; it is reported as unknown
// rather than crashing a run.
func (r *Registry) Lookup(name string) (*Template, bool) {
	if r == nil {
		r = Builtin()
	}
	for _, e := range r.entries {
		if e.name == name {
			t, err := e.get()
			return t, err == nil
		}
	}
	return nil, false
}

// Default returns the template a file that names none is read with.
func (r *Registry) Default() *Template {
	if t, ok := r.Lookup(DefaultName); ok {
		return t
	}
	t, ok := Builtin().Lookup(DefaultName)
	if !ok {
		panic("built-in template " + DefaultName + " does not parse: run go test ./internal/template")
	}
	return t
}

// All returns every template, parsing those not parsed yet (the importer
// matches a document's wording against each).
func (r *Registry) All() []*Template {
	if r == nil {
		r = Builtin()
	}
	var out []*Template
	for _, e := range r.entries {
		if t, err := e.get(); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// Add returns a registry with the repository templates added: files already
// read, parsed now so that a bad one is an error before anything is read
// with it. A repository template may not take a built-in template's name:
// files naming that template would silently change meaning between
// repositories; a repository that needs a stricter version gives it a name
// of its own. The same name twice among the added files is an error too.
func (r *Registry) Add(files []File) (*Registry, error) {
	if r == nil {
		r = Builtin()
	}
	out := &Registry{entries: slices.Clone(r.entries)}
	from := map[string]string{}
	for i, f := range files {
		// A URL of its own, which nothing fetches: relative $refs
		// (defs.schema.json) resolve beside it, to the embedded schemas.
		url := fmt.Sprintf("%s%d/%s", repositoryBase, i+1, path.Base(filepath.ToSlash(f.Name)))
		t, err := Parse(f.Name, url, f.Data)
		if err != nil {
			return nil, err
		}
		if prev, ok := from[t.Version]; ok && prev == f.Name {
			continue // the same file named twice adds it once
		} else if ok {
			return nil, fmt.Errorf("%s:%s: /properties/template/const: template %q is also defined in %s", f.Name, t.namePlace, t.Version, prev)
		}
		for _, e := range out.entries {
			if e.name == t.Version {
				return nil, fmt.Errorf("%s:%s: /properties/template/const: %q is the name of a built-in template; give the repository's template a name of its own", f.Name, t.namePlace, t.Version)
			}
		}
		from[t.Version] = f.Name
		out.entries = append(out.entries, &entry{name: t.Version, load: func() (*Template, error) { return t, nil }})
	}
	slices.SortFunc(out.entries, func(a, b *entry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// repositoryBase is where the URLs of repository templates start: a
// reserved domain, so that no URL of a repository template is ever one a
// network request could reach.
const repositoryBase = "https://repository.factsheet.invalid/"

// File is a repository template's schema as read: Name says where it came
// from (the path as configured), Data its content.
type File struct {
	Name string
	Data []byte
}
