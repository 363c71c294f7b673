package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/bundle"
	"github.com/ecanplus/factsheet/schema"
)

func newSchema(g *globals) *cobra.Command {
	o := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [NAME]",
		Short: "Print or write the embedded JSON Schemas",
		Long: `schema prints an embedded JSON Schema (default: the factsheet's root schema,
` + schema.Root + `) for editors and other validators. With --list it names
them all; with -o DIR it writes every schema file into DIR, keeping the file
names, so the relative $refs between them resolve.`,
		Example: `  factsheet schema                       # the root schema
  factsheet schema --list
  factsheet schema defs.schema.json
  factsheet schema --bundle > factsheet.bundle.json   # one file, for other validators
  factsheet schema -o .schemas            # all files, for an editor`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return schema.Names(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.names = g.globalOptions, args
			return runSchema(cmd.Context(), o, g.io)
		},
	}
	cmd.Flags().BoolVar(&o.list, "list", false, "list the embedded schemas")
	cmd.Flags().BoolVar(&o.bundle, "bundle", false, "print one self-contained document: the schema with every schema it refers to embedded")
	cmd.Flags().StringVarP(&o.dir, "output-dir", "o", "", "write the schema files into this directory")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace schema files that already exist in the directory")
	return cmd
}

// schemaOptions holds schema's flags and argument.
type schemaOptions struct {
	globalOptions
	names  []string // at most one
	list   bool
	bundle bool
	dir    string
	force  bool
}

// runSchema is schema once its command line is read.
func runSchema(_ context.Context, o *schemaOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	if o.list && len(o.names) > 0 {
		return usagef("--list takes no schema name")
	}
	if o.list {
		for _, n := range schema.Names() {
			fmt.Fprintln(g.io.Out, n)
		}
		return nil
	}
	if o.dir != "" {
		return writeSchemas(o.dir, o.names, o.force)
	}
	name := schema.Root
	if len(o.names) == 1 {
		name = schemaName(o.names[0])
	}
	b, ok := schema.File(name)
	if !ok {
		return usagef("no embedded schema %q (have: %s)", o.names[0], strings.Join(schema.Names(), ", "))
	}
	if o.bundle {
		var err error
		if b, err = bundle.Schema(name); err != nil {
			return err
		}
	}
	_, err := g.io.Out.Write(b)
	return err
}

// schemaName accepts "defs", "defs.schema.json" or "defs.json".
func schemaName(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".json"), ".schema")
	return s + ".schema.json"
}

// writeSchemas writes the schema files into dir (created if needed). It
// checks every target before writing any, so a refusal leaves dir as it was.
func writeSchemas(dir string, args []string, force bool) error {
	names := schema.Names()
	if len(args) == 1 {
		names = []string{schemaName(args[0])}
	}
	for _, n := range names {
		if _, ok := schema.File(n); !ok {
			return usagef("no embedded schema %q (have: %s)", args[0], strings.Join(schema.Names(), ", "))
		}
		p := filepath.Join(dir, n)
		if _, _, err := atomicfile.Target(p, atomicfile.Options{Overwrite: force}); err != nil {
			return outputError(p, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("cannot create %s: %v", dir, err)
	}
	for _, n := range names {
		b, _ := schema.File(n)
		p := filepath.Join(dir, n)
		f, err := atomicfile.Create(p, atomicfile.Options{Overwrite: force})
		if err != nil {
			return outputError(p, err)
		}
		if _, err := f.Write(b); err != nil {
			f.Abort()
			return err
		}
		// A file that appeared since the check is not replaced either.
		if err := f.Commit(); err != nil {
			return outputError(p, err)
		}
	}
	return nil
}
