package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/rules"
)

func newRules(g *globals) *cobra.Command {
	o := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules [RULE...]",
		Short: "List every rule, or explain the rules named",
		Long: `rules lists every rule the tool reports, with its default severity and a
one-line summary. With rule IDs, it explains each one instead: why it
matters, an example it reports and its fix, whether it can be fixed
automatically, and how to configure it (as 'ruff rule' does).

--format markdown writes the rules reference (the content of docs/rules.md,
or the sections of the rules named); --format json is for other tools.`,
		Example: `  factsheet rules
  factsheet rules date-past-due
  factsheet rules --format json answer-vocabulary`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeRuleArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.ids = g.globalOptions, args
			return runRules(cmd.Context(), o, g.io)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "text, markdown or json")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"text", "markdown", "json"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// rulesOptions holds rules' flags and arguments.
type rulesOptions struct {
	globalOptions
	format string
	ids    []string
}

// runRules is rules once its command line is read.
func runRules(_ context.Context, o *rulesOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	list := rules.All()
	if len(o.ids) > 0 {
		list = nil
		for _, id := range o.ids {
			r, ok := rules.Lookup(id)
			if !ok {
				return usagef("%s", config.UnknownRule(id))
			}
			list = append(list, r)
		}
	}
	switch o.format {
	case "text":
		if len(o.ids) > 0 {
			for i, r := range list {
				if i > 0 {
					fmt.Fprintln(g.io.Out)
				}
				if err := lint.Explain(g.io.Out, r); err != nil {
					return err
				}
			}
			return nil
		}
		tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tFIX\tSUMMARY")
		for _, r := range list {
			fix := "-"
			if r.Fix != rules.NoFix {
				fix = r.Fix.String()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, fix, r.Summary)
		}
		return tw.Flush()
	case "markdown", "md":
		if len(o.ids) == 0 {
			return lint.WriteMarkdown(g.io.Out)
		}
		for i, r := range list {
			if i > 0 {
				fmt.Fprintln(g.io.Out)
			}
			if err := lint.WriteRuleMarkdown(g.io.Out, r); err != nil {
				return err
			}
		}
		return nil
	case "json":
		type rule struct {
			ID        string   `json:"id"`
			Category  string   `json:"category"`
			Severity  string   `json:"severity"`
			Summary   string   `json:"summary"`
			Rationale string   `json:"rationale"`
			Fatal     bool     `json:"fatal,omitempty"`
			Fix       string   `json:"fix"`
			Bad       string   `json:"bad,omitempty"`
			Good      string   `json:"good,omitempty"`
			Settings  []string `json:"settings,omitempty"`
			URL       string   `json:"url"`
		}
		out := []rule{}
		for _, r := range list {
			out = append(out, rule{r.ID, r.Category, r.Severity.String(), r.Summary, r.Rationale, r.Fatal, r.Fix.String(), r.Bad, r.Good, r.Settings, lint.DocURL + r.ID})
		}
		enc := json.NewEncoder(g.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return usagef("invalid --format %q (want text, markdown or json)", o.format)
}

// completeRuleArgs completes rule IDs, with their summaries.
func completeRuleArgs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return completeRules(cmd, args, toComplete)
}
