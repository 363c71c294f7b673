package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/template"
)

func newTemplateCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "List the templates and print one's JSON Schema, to start a repository's own from",
		Long: `template lists the templates factsheets may follow here - the built-in ones,
the ones the nearest .factsheet.yaml adds (templates:) and --template-file's -
and prints the JSON Schema file of one. A template is that one file: a new
template year or a repository's stricter version starts as a copy of an
existing one (docs/templates.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newTemplateList(g), newTemplateShow(g))
	return cmd
}

// templateOptions are the flags of template list and template show.
type templateOptions struct {
	globalOptions
	templates templateFlags
	name      string // show: the template
	out       string
	force     bool
}

// templateRegistry is the registry of the nearest configuration (or
// --config's) with --template-file's templates.
func (g *globals) templateRegistry(t *templateFlags) (*template.Registry, error) {
	set, err := config.NewSet(g.Config, nil)
	if err != nil {
		return nil, configError(err)
	}
	cfg, err := set.ForDir(".")
	if err != nil {
		return nil, configError(err)
	}
	return t.registry(cfg)
}

func newTemplateList(g *globals) *cobra.Command {
	var o templateOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the templates: name, where it comes from, title",
		Example: `  factsheet template list
  factsheet template list --template-file templates/test-2027.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.globalOptions = g.globalOptions
			return runTemplateList(cmd.Context(), o, g.io)
		},
	}
	g.configFlag(cmd)
	o.templates.register(cmd, false)
	return cmd
}

// runTemplateList is template list once its command line is read.
func runTemplateList(_ context.Context, o templateOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	reg, err := g.templateRegistry(&o.templates)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
	for _, tpl := range reg.All() {
		from := "built-in"
		if !tpl.Builtin {
			from = tpl.File
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", tpl.Version, from, tpl.Title)
	}
	return w.Flush()
}

func newTemplateShow(g *globals) *cobra.Command {
	var o templateOptions
	cmd := &cobra.Command{
		Use:   "show NAME [-o FILE]",
		Short: "Print a template's JSON Schema file, or write it with -o",
		Long: `show prints the JSON Schema file of a template as written: the file to copy
when a repository adds a template of its own (give it a new name in
properties.template.const, then list it under templates: in .factsheet.yaml).
-o never replaces an existing file unless --force is given, and never a
template file it reads.`,
		Example: `  factsheet template show ecan-plus-2025 -o templates/my-2027.schema.json`,
		Args:    cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return template.Builtin().Names(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.name = g.globalOptions, args[0]
			return runTemplateShow(cmd.Context(), o, g.io)
		},
	}
	g.configFlag(cmd)
	o.templates.register(cmd, false)
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the output file if it exists")
	return cmd
}

// runTemplateShow is template show once its command line is read.
func runTemplateShow(_ context.Context, o templateOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	reg, err := g.templateRegistry(&o.templates)
	if err != nil {
		return err
	}
	tpl, ok := reg.Lookup(o.name)
	if !ok {
		return unknownTemplate("template show", o.name, reg)
	}
	out := o.out
	if out == "-" {
		out = ""
	}
	if out != "" {
		var inputs []string
		for _, x := range reg.All() {
			if !x.Builtin {
				inputs = append(inputs, x.File)
			}
		}
		if err := checkOutput(out, o.force, true, inputs...); err != nil {
			return err
		}
	}
	return g.writeOut(out, o.force, tpl.Source)
}
