package cli

import (
	"context"

	"github.com/spf13/cobra"
)

const validateExamples = `  # Validate the shipped Belgian factsheet
  factsheet validate testdata/factsheets/BE.yaml

  # Every factsheet under a folder, as JSON
  factsheet validate --format json factsheets/

  # From standard input, named for the report
  cat BE.yaml | factsheet validate --stdin-filename BE.yaml -`

// validateOptions are validate's flags and arguments.
type validateOptions struct {
	globalOptions
	paths []string
	check checkFlags
}

func newValidate(g *globals) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check factsheets against the template's JSON Schema",
		Long: `validate reads each factsheet (YAML, JSON or the document as Markdown/text)
and checks it against the embedded JSON Schema of its template: structure,
required questions, types and values. It does not run the lint rules; use
'factsheet lint' for the full check.

Directories are searched recursively for *.yaml, *.yml, *.json and for
factsheet documents (*.md, *.txt whose content is a factsheet). Use - to
read standard input. Each file's severities and waivers are those of the
nearest .factsheet.yaml above it, or of --config.`,
		Example:           validateExamples,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFactsheets,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.paths = g.globalOptions, args
			return runValidate(cmd.Context(), o, g.io)
		},
	}
	o.check.register(cmd)
	g.configFlag(cmd)
	g.todayFlag(cmd, "judge waivers' expiry dates as of this day, YYYY-MM-DD (default: today)")
	setExit(cmd, "no findings at or above --fail-on", "findings")
	return cmd
}

// runValidate is validate once its command line is read.
func runValidate(ctx context.Context, o *validateOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	run, err := g.setup(nil)
	if err != nil {
		return err
	}
	return g.runCheck(ctx, o.paths, &o.check, run, "validate", nil)
}
