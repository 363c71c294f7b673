package cli

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/country"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/template"
)

// newOptions are new's flags.
type newOptions struct {
	globalOptions
	country   string
	template  string
	to        string
	out       string
	force     bool
	templates templateFlags
}

func newNew(g *globals) *cobra.Command {
	var o newOptions
	cmd := &cobra.Command{
		Use:   "new --country CODE [--template ID] [-o FILE]",
		Short: "Write a blank factsheet for a country, ready to pre-fill",
		Long: `new writes a blank factsheet of the template for one country: every term,
question and Table 5 cell present and empty, the country's code and name and
the title filled in, no review round and no footnote yet. It is the file to
pre-fill; 'factsheet lint' on it reports what is still to do (each empty table
once, and the missing pre-fill round) and nothing else.

The form follows -o's extension (.yaml, .yml, .json, .md, .txt or .docx), or
--to; without -o the YAML goes to standard output. -o never replaces an
existing file unless --force is given.`,
		Example: `  factsheet new --country AT -o AT.yaml
  factsheet new --country Austria -o AT.md
  factsheet new --country AT --template ecan-plus-2025 -o AT.docx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.globalOptions = g.globalOptions
			return runNew(cmd.Context(), o, g.io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.country, "country", "", "the country: its ISO 3166-1 code (AT) or English name (Austria) (required)")
	f.StringVar(&o.template, "template", template.DefaultName, "the template the factsheet follows: a built-in one ("+strings.Join(template.Builtin().Names(), ", ")+") or one the repository adds")
	o.templates.register(cmd, false)
	f.StringVarP(&o.to, "to", "t", "", "the form: yaml, json, md or docx (default: by -o's extension, else yaml)")
	f.StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&o.force, "force", false, "replace the output file if it exists")
	_ = cmd.RegisterFlagCompletionFunc("template", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return template.Builtin().Names(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("to", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "json", "md", "docx"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// runNew is new once its command line is read.
func runNew(_ context.Context, o newOptions, s IOStreams) error {
	return start(s, o.globalOptions).newFactsheet(o)
}

func (g *globals) newFactsheet(o newOptions) error {
	if o.country == "" {
		return usageError{err: errors.New("--country is required: the country's ISO code (AT) or English name (Austria)"), help: "factsheet new"}
	}
	co, ok := countryOf(o.country)
	if !ok {
		return usagef("unknown country %q: give its ISO 3166-1 code (AT) or its English name (Austria)", o.country)
	}
	// The templates of the configuration where the file goes.
	where := o.out
	if where == "" || where == "-" {
		where = "factsheet.yaml"
	}
	cfg, err := nearestConfig(where)
	if err != nil {
		return err
	}
	reg, err := o.templates.registry(cfg)
	if err != nil {
		return err
	}
	tpl, ok := reg.Lookup(o.template)
	if !ok {
		return unknownTemplate("--template", o.template, reg)
	}
	to := load.YAML
	if o.to != "" {
		f, err := load.ParseForm(o.to)
		if err != nil || f == load.Auto {
			return usagef("invalid --to %q (want yaml, json, md or docx)", o.to)
		}
		to = f
	} else if o.out != "" && o.out != "-" {
		f, ok := formOfName(o.out)
		if !ok {
			return usagef("cannot tell the form from %s: name it .yaml, .json, .md or .docx, or give --to", o.out)
		}
		to = f
	}
	if to == load.Word && o.out == "" {
		return usagef("a Word document is not for a terminal: give -o FILE.docx (or -o - for standard output)")
	}
	if o.out == "-" {
		o.out = ""
	}
	if o.out != "" {
		if err := checkOutput(o.out, o.force, false); err != nil {
			return err
		}
	}
	return g.writeOut(o.out, o.force, render(model.Blank(tpl, co), to))
}

// countryOf reads --country: an ISO code in any case, or an English name.
func countryOf(s string) (model.Country, bool) {
	s = strings.TrimSpace(s)
	if name, ok := country.Name(s); ok && len(s) == 2 {
		return model.Country{Code: strings.ToUpper(s), Name: name}, true
	}
	if code, ok := country.Code(s); ok {
		name, _ := country.Name(code)
		return model.Country{Code: code, Name: name}, true
	}
	return model.Country{}, false
}

// formOfName is the form an output file's extension names, as new and
// convert read -o when --to is not given (as pandoc does).
func formOfName(name string) (load.Form, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return load.YAML, true
	case ".json":
		return load.JSON, true
	case ".md", ".txt", ".markdown":
		return load.Document, true
	case ".docx":
		return load.Word, true
	}
	return load.Auto, false
}
