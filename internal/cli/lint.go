package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
)

const lintExamples = `  # Lint the published Belgian factsheet as of a given day
  factsheet lint --today 2026-11-22 testdata/factsheets/BE.txt

  # Every factsheet of a repository; fail on warnings too
  factsheet lint --fail-on warning factsheets/

  # Machine-readable output, and a report file beside the terminal output
  factsheet lint --format text --format json=lint.json factsheets/`

// lintFlags are the flags of lint beyond those of validate.
type lintFlags struct {
	today  string
	maxAge string
}

func newLint(g *globals) *cobra.Command {
	var c checkFlags
	var l lintFlags
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check factsheets against the schema and every lint rule",
		Long: `lint is the main job: it validates each factsheet (YAML, JSON or the document
as Markdown/text) against the template's schema, then applies every rule:
footnote references and links, stale and past-due dates, template
completeness and wording, answer vocabulary and consistency.
'factsheet rules' lists the rules; docs/rules.md explains each one.

Dates are judged against --today (default: the real date) and --max-age.

Exit status: 0 no findings at or above --fail-on; 1 findings; 2 usage error
(bad flag, bad configuration, path that does not exist); 3 internal error.`,
		Example: lintExamples,
		Args:    cobra.MinimumNArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"yaml", "yml", "json", "md", "txt"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := l.options()
			if err != nil {
				return err
			}
			return g.runCheck(cmd, args, &c, "lint", func(r *load.Result) []finding.Finding {
				return lint.Run(r, opts)
			})
		},
	}
	c.register(cmd)
	cmd.Flags().StringVar(&l.today, "today", "", "judge dates as of this day, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&l.maxAge, "max-age", "12m", "how old the last review and \"as of\" statements may be: 12m, 1y, 90d")
	return cmd
}

func (l lintFlags) options() (lint.Options, error) {
	var o lint.Options
	o.Today = dates.DateOf(time.Now())
	if l.today != "" {
		t, err := time.Parse("2006-01-02", l.today)
		if err != nil {
			return o, usagef("invalid --today %q: want YYYY-MM-DD", l.today)
		}
		o.Today = dates.DateOf(t)
	}
	age, err := lint.ParseAge(l.maxAge)
	if err != nil {
		return o, usagef("invalid --max-age: %v", err)
	}
	o.MaxAge = age
	return o, nil
}
