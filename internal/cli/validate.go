package cli

import (
	"github.com/spf13/cobra"
)

const validateExamples = `  # Validate the shipped Belgian factsheet
  factsheet validate testdata/factsheets/BE.yaml

  # Every factsheet under a folder, as JSON
  factsheet validate --format json factsheets/

  # From standard input, named for the report
  cat BE.yaml | factsheet validate --stdin-filename BE.yaml -`

func newValidate(g *globals) *cobra.Command {
	var c checkFlags
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
			run, err := g.setup(nil)
			if err != nil {
				return err
			}
			return g.runCheck(cmd, args, &c, run, "validate", nil)
		},
	}
	c.register(cmd)
	g.configFlag(cmd)
	g.todayFlag(cmd, "judge waivers' expiry dates as of this day, YYYY-MM-DD (default: today)")
	setExit(cmd, "no findings at or above --fail-on", "findings")
	return cmd
}
