package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/walk"
)

const lintExamples = `  # Lint the published Belgian factsheet as of a given day
  factsheet lint --today 2026-11-22 testdata/factsheets/BE.txt

  # Every factsheet of a repository; fail on warnings too
  factsheet lint --fail-on warning factsheets/

  # Machine-readable output, and a report file beside the terminal output
  factsheet lint --format text --format json=lint.json factsheets/

  # The findings as comments in a Word document, for the country expert
  factsheet lint BE.yaml --annotate BE-findings.docx

  # Adopt on a corpus: record the known findings once, then report only new ones
  factsheet lint --write-baseline .factsheet-baseline.yaml factsheets/
  factsheet lint --baseline .factsheet-baseline.yaml factsheets/`

// lintOptions are lint's flags and arguments.
type lintOptions struct {
	globalOptions
	paths []string
	check checkFlags
	lint  lintFlags
}

// lintFlags are the flags of lint beyond those of validate.
type lintFlags struct {
	maxAge    string
	maxAgeSet bool // --max-age was given: it wins over the configurations'
	enable    []string
	disable   []string
	annotate  string
	force     bool
	baseline  baselineFlags
	fix       fixFlags
}

// checkAnnotate refuses what --annotate cannot do before any work: it
// annotates one factsheet, and its output follows the rules of every
// written file (never the input, never an existing file without --force).
func (l lintFlags) checkAnnotate(args []string) error {
	if len(args) != 1 {
		return usagef("--annotate writes one Word document: name exactly one factsheet file")
	}
	if st, err := os.Stat(args[0]); err == nil && st.IsDir() {
		return usagef("--annotate writes one Word document: %s is a directory; name one factsheet file", args[0])
	}
	var inputs []string
	if args[0] != walk.Stdin {
		inputs = args
	}
	return checkOutput(l.annotate, l.force, false, inputs...)
}

func newLint(g *globals) *cobra.Command {
	o := &lintOptions{}
	c, l := &o.check, &o.lint
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check factsheets against the schema and every lint rule",
		Long: `lint is the main job: it validates each factsheet (YAML, JSON or the document
as Markdown/text) against the template's schema, then applies every rule:
footnote references and links, stale and past-due dates, template
completeness and wording, answer vocabulary and consistency.
'factsheet rules' lists the rules; docs/rules.md explains each one.

Dates are judged against --today (default: the real date) and --max-age.
Each file is checked with the nearest .factsheet.yaml above it, or --config
('factsheet config explain FILE' shows what applies to a file).

--fix fixes what it safely can, in place: edits to the file as written
(comments, order, quoting and layout kept), each checked by reading the
result again; --unsafe-fixes adds the fixes that may change what the
factsheet says; --diff shows the fixes as a unified diff and writes
nothing. The findings reported are those that remain. Word documents are
not fixed yet ('factsheet rules' shows which rules can be fixed).`,
		Example:           lintExamples,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFactsheets,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.paths = g.globalOptions, args
			o.lint.maxAgeSet = cmd.Flags().Changed("max-age")
			o.lint.fix.given = givenFlags(cmd, fixDiffRefuses...)
			return runLint(cmd.Context(), o, g.io)
		},
	}
	c.register(cmd)
	l.fix.register(cmd)
	g.configFlag(cmd)
	g.todayFlag(cmd, "judge dates as of this day, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&l.maxAge, "max-age", "12m", "how old the last review and \"as of\" statements may be: 12m, 1y, 90d (overrides the configuration)")
	cmd.Flags().StringArrayVar(&l.enable, "enable", nil, "turn a rule on at its default severity, whatever the configuration says (repeatable)")
	cmd.Flags().StringArrayVar(&l.disable, "disable", nil, "turn a rule off (repeatable)")
	cmd.Flags().StringVar(&l.annotate, "annotate", "", "also write the factsheet as a Word document with each finding as a comment on the text it concerns")
	cmd.Flags().BoolVar(&l.force, "force", false, "with --annotate or --write-baseline: replace the file if it exists")
	cmd.Flags().StringVar(&l.baseline.use, "baseline", "", "report only the findings not recorded in this baseline file, and its entries that no longer occur")
	cmd.Flags().StringVar(&l.baseline.write, "write-baseline", "", "record the findings in this baseline file (YAML, by fingerprint) and report only what it cannot hold")
	cmd.Flags().BoolVar(&l.baseline.update, "update-baseline", false, "with --baseline: remove the entries that no longer occur from the file (never adds one)")
	_ = cmd.RegisterFlagCompletionFunc("enable", completeRules)
	_ = cmd.RegisterFlagCompletionFunc("disable", completeRules)
	setExit(cmd, "no findings at or above --fail-on (--fix --diff: nothing to fix)", "findings (--fix --diff: something to fix)")
	return cmd
}

// runLint is lint once its command line is read.
func runLint(ctx context.Context, o *lintOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	c, l := &o.check, &o.lint
	adjust, err := overrides(l.enable, l.disable)
	if err != nil {
		return err
	}
	run, err := g.setup(adjust)
	if err != nil {
		return err
	}
	flagAge, err := l.flagAge()
	if err != nil {
		return err
	}
	if c.fix, err = l.fix.check(o.paths); err != nil {
		return err
	}
	if c.baseline, err = l.baseline.start(o.paths, l.force); err != nil {
		return err
	}
	var word []byte
	if l.annotate != "" {
		if err := l.checkAnnotate(o.paths); err != nil {
			return err
		}
		c.onResult = func(r *load.Result) error {
			if !r.Readable() {
				return nil
			}
			word = annotated(r, r.Findings, run.today)
			return nil
		}
	}
	err = g.runCheck(ctx, o.paths, c, run, "lint", func(r *load.Result, cfg *config.Config) []finding.Finding {
		return lint.Run(r, judgement(run, cfg, flagAge))
	})
	if l.annotate == "" || (err != nil && err != errFindings) {
		return err
	}
	if word == nil {
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s not annotated: the factsheet could not be read (see the findings above)\n", o.paths[0])
		return errFindings
	}
	if werr := g.writeOut(l.annotate, l.force, word); werr != nil {
		return werr
	}
	return err
}

func completeRules(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, r := range rules.All() {
		out = append(out, r.ID+"\t"+r.Summary)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// flagAge is --max-age when it was given: it wins over every
// configuration's max-age.
func (l lintFlags) flagAge() (*dates.Age, error) {
	if !l.maxAgeSet {
		return nil, nil
	}
	age, err := dates.ParseAge(l.maxAge)
	if err != nil {
		return nil, usagef("invalid --max-age: %v", err)
	}
	return &age, nil
}

// judgement decides the judgement calls for a file: --max-age, else its
// configuration's max-age (checked when it was read), else the default.
func judgement(run *runConfig, cfg *config.Config, flagAge *dates.Age) lint.Options {
	o := lint.Options{Today: run.today, MaxAge: lint.DefaultMaxAge}
	switch {
	case flagAge != nil:
		o.MaxAge = *flagAge
	case cfg != nil && cfg.MaxAge != "":
		if age, err := dates.ParseAge(cfg.MaxAge); err == nil {
			o.MaxAge = age
		}
	}
	return o
}
