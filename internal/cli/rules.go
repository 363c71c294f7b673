package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/lint"
)

func newRules(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: ID, default severity, summary",
		Long: `rules lists every rule the tool reports, with its default severity and a
one-line summary. --format markdown writes the rules reference (the content of
docs/rules.md); --format json is for other tools.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "text":
				tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "RULE\tSEVERITY\tSUMMARY")
				for _, r := range lint.All() {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Summary)
				}
				return tw.Flush()
			case "markdown", "md":
				return lint.WriteMarkdown(g.io.Out)
			case "json":
				type rule struct {
					ID        string `json:"id"`
					Category  string `json:"category"`
					Severity  string `json:"severity"`
					Summary   string `json:"summary"`
					Rationale string `json:"rationale"`
				}
				var out []rule
				for _, r := range lint.All() {
					out = append(out, rule{r.ID, r.Category, r.Severity.String(), r.Summary, r.Rationale})
				}
				enc := json.NewEncoder(g.io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			return usagef("invalid --format %q (want text, markdown or json)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, markdown or json")
	return cmd
}
