package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/validation"
	"github.com/ecanplus/factsheet/internal/walk"
)

// templateFlags are --template-file, the templates one run adds, and
// (forcing) --template, the template a document or Word file is read with.
type templateFlags struct {
	name  string
	files []string
	*templateState
}

// templateState is what a run has read of its templates; shared by the
// copies of the flags a command's options make.
type templateState struct {
	once  sync.Once
	extra []template.File
	err   error
	mu    sync.Mutex
	regs  map[*config.Config]*template.Registry
}

func (t *templateFlags) register(cmd *cobra.Command, forcing bool) {
	t.templateState = &templateState{}
	f := cmd.Flags()
	f.StringArrayVar(&t.files, "template-file", nil, "add the template in this JSON Schema file for this run (repeatable; docs/templates.md)")
	if forcing {
		f.StringVar(&t.name, "template", "", "read documents and Word files with this template instead of the one their wording matches")
		_ = cmd.RegisterFlagCompletionFunc("template", completeTemplates)
	}
}

func completeTemplates(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return template.Builtin().Names(), cobra.ShellCompDirectiveNoFileComp
}

// registry returns the templates a file under cfg may follow (nil cfg: no
// configuration): the built-in ones, the configuration's and --template-file's.
// Each registry is built once, and every template it adds is compiled then,
// so a template that cannot be used stops the run (exit 2) with its place.
func (t *templateFlags) registry(cfg *config.Config) (*template.Registry, error) {
	if t.templateState == nil {
		t.templateState = &templateState{}
	}
	t.once.Do(func() {
		for _, p := range t.files {
			b, err := inputfile.Read(p, source.MaxSize)
			if err != nil {
				t.err = usagef("--template-file %s: %v", p, unwrapTemplateErr(p, err))
				return
			}
			t.extra = append(t.extra, template.File{Name: p, Data: b})
		}
	})
	if t.err != nil {
		return nil, t.err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.regs[cfg]; ok {
		return r, nil
	}
	var reg *template.Registry
	var err error
	if cfg == nil {
		reg, err = template.Builtin().Add(t.extra)
	} else {
		reg, err = cfg.Registry(t.extra)
	}
	if err != nil {
		return nil, usagef("%v", err)
	}
	for _, tpl := range reg.All() {
		if !tpl.Builtin {
			if _, err := load.Validator(tpl); err != nil {
				return nil, usagef("%v", err)
			}
		}
	}
	if t.name != "" {
		if _, ok := reg.Lookup(t.name); !ok {
			return nil, unknownTemplate("--template", t.name, reg)
		}
	}
	if t.regs == nil {
		t.regs = map[*config.Config]*template.Registry{}
	}
	t.regs[cfg] = reg
	return reg, nil
}

func unwrapTemplateErr(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file")
	}
	return errors.New(strings.TrimPrefix(err.Error(), p+": "))
}

// unknownTemplate is the usage error for a template name no template has.
func unknownTemplate(flag, name string, reg *template.Registry) error {
	names := reg.Names()
	msg := fmt.Sprintf("%s: unknown template %q", flag, name)
	best, bestD := "", max(2, len(name)/3)+1
	for _, n := range names {
		if d := validation.Distance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return usagef("%s; known templates: %s", msg, strings.Join(names, ", "))
}

// nearestConfig is the configuration nearest above path, for the commands
// that read no other setting from it (convert, diff, new): they need its
// templates.
func nearestConfig(path string) (*config.Config, error) {
	set, err := config.NewSet("", nil)
	if err != nil {
		return nil, configError(err)
	}
	cfg, err := set.For(path)
	if err != nil {
		return nil, configError(err)
	}
	return cfg, nil
}

// readOptions are opts with the templates of the file at path (its nearest
// configuration's and --template-file's) and --template.
func (t *templateFlags) readOptions(opts load.Options, path, stdinName string) (load.Options, error) {
	if path == walk.Stdin {
		path = stdinName
	}
	cfg, err := nearestConfig(path)
	if err != nil {
		return opts, err
	}
	if opts.Templates, err = t.registry(cfg); err != nil {
		return opts, err
	}
	opts.Template = t.name
	return opts, nil
}
