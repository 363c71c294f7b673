package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/walk"
)

// convertOptions are convert's flags and argument.
type convertOptions struct {
	globalOptions
	in          string
	to          string
	out         string
	force       bool
	inputFormat string
	tracked     trackedFlag
	templates   templateFlags
	stdinName   string
}

func newConvert(g *globals) *cobra.Command {
	var o convertOptions
	cmd := &cobra.Command{
		Use:   "convert IN --to yaml|json|md|docx [-o OUT]",
		Short: "Convert a factsheet between YAML, JSON, the document and Word",
		Long: `convert reads a factsheet in any form and writes it in another: yaml (the
authoring form, with a yaml-language-server modeline for editors), json, md
(the published document layout, canonical: page-break artefacts removed,
footnotes numbered in order of first reference), or docx (the published
layout as a Word document: real tables whose header row repeats on every
page, real footnotes; it needs -o).

The form is --to's, or else the one -o's extension names (.yaml, .yml,
.json, .md, .txt or .docx). Without -o the result goes to standard output.
With -o the file is written atomically (a temporary file renamed into place),
never over an existing file unless --force is given, and never over the input
itself. A file with errors
is not converted (what the model cannot hold would be lost): its findings are
printed and the exit status is 1.`,
		Example: `  factsheet convert BE.md --to yaml -o BE.yaml
  factsheet convert BE.yaml --to md
  factsheet convert BE.yaml --to json -o BE.json --force
  factsheet convert BE.yaml --to docx -o BE.docx`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeFactsheets,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.in = g.globalOptions, args[0]
			return runConvert(cmd.Context(), o, g.io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.to, "to", "t", "", "output form: yaml, json, md or docx (default: by -o's extension)")
	f.StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&o.force, "force", false, "replace the output file if it exists")
	f.StringVar(&o.inputFormat, "input-format", "auto", "the input form: auto (by extension, then content), yaml, json, md or docx")
	f.StringVar(&o.stdinName, "stdin-filename", "<stdin>", "name to report for standard input (-)")
	o.tracked.register(cmd)
	o.templates.register(cmd, true)
	_ = cmd.RegisterFlagCompletionFunc("to", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "json", "md", "docx"}, cobra.ShellCompDirectiveNoFileComp
	})
	setExit(cmd, "the file was converted", "the file has errors: its findings are printed and nothing is written")
	return cmd
}

// runConvert is convert once its command line is read.
func runConvert(_ context.Context, o convertOptions, s IOStreams) error {
	return start(s, o.globalOptions).convert(o.in, o)
}

func (g *globals) convert(in string, o convertOptions) error {
	if o.to == "" {
		// -o names the form by its extension, as for new.
		if f, ok := formOfName(o.out); ok && o.out != "-" {
			o.to = map[load.Form]string{load.YAML: "yaml", load.JSON: "json", load.Document: "md", load.Word: "docx"}[f]
		} else {
			return usageError{err: errors.New("--to is required: the form to write, yaml, json, md or docx (or an -o whose extension names it)"), help: "factsheet convert"}
		}
	}
	to, err := load.ParseForm(o.to)
	if err != nil || to == load.Auto {
		return usagef("invalid --to %q (want yaml, json, md or docx)", o.to)
	}
	if to == load.Word && o.out == "" {
		// As pandoc does: a binary document is not for a terminal.
		return usagef("--to docx writes a Word document: give -o FILE.docx (or -o - for standard output)")
	}
	form, err := load.ParseForm(o.inputFormat)
	if err != nil {
		return usagef("invalid --input-format: %v", err)
	}
	readOpts, err := o.tracked.options(form)
	if err != nil {
		return err
	}
	if readOpts, err = o.templates.readOptions(readOpts, in, o.stdinName); err != nil {
		return err
	}
	if o.out == "-" {
		o.out = "" // "-o -" is standard output
	}
	if o.out != "" {
		var inputs []string
		if in != walk.Stdin {
			inputs = append(inputs, in)
		}
		if err := checkOutput(o.out, o.force, false, inputs...); err != nil {
			return err
		}
	}
	var res *load.Result
	if in == walk.Stdin {
		res, err = load.Reader(o.stdinName, g.stdin(), readOpts)
	} else {
		res, err = loadPath(in, readOpts)
	}
	if err != nil {
		return asUsage(err)
	}
	if res.HasErrors() || !res.Readable() {
		p := output.NewText(g.io.ErrOut, output.Options{Color: g.colorErr})
		_ = p.File(report(res, errorsOnly(res.Findings)))
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s not converted: fix the errors above first\n", res.Name)
		return errFindings
	}
	if n := len(res.Model.Suppressions); n > 0 && (to == load.JSON || to == load.Word) {
		// Said, not refused: the content is all there; only comments go.
		fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s not written: %s has no comments to hold them (waive the findings in .factsheet.yaml instead)\n",
			pluralize(n, "inline suppression"), map[load.Form]string{load.JSON: "JSON", load.Word: "Word"}[to])
	}
	return g.writeOut(o.out, o.force, render(res.Model, to))
}

func errorsOnly(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Severity == finding.Error {
			out = append(out, f)
		}
	}
	return out
}

func render(f *model.Factsheet, to load.Form) []byte {
	switch to {
	case load.JSON:
		return encode.JSON(f)
	case load.Word:
		// Written from the canonical document layout, which the Word reader
		// reads back: the two forms cannot drift apart.
		return docx.Write(string(document.Render(f.WithoutSuppressions())), docx.Meta{Title: f.Title, Country: f.Country.Name, Template: f.Template})
	case load.Document:
		return document.Render(f)
	default:
		return encode.YAML(f)
	}
}
