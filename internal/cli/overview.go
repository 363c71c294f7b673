package cli

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/walk"
)

// overviewFormats are the --format values of overview.
var overviewFormats = []string{"xlsx", "csv", "html", "md", "json"}

// overviewOptions are overview's flags and arguments.
type overviewOptions struct {
	globalOptions
	paths       []string
	format      string
	out         string
	force       bool
	rounds      string
	items       []string
	title       string
	inputFormat string
	stdinName   string
	exclude     []string
	jobs        int
	lint        lintFlags
	templates   templateFlags
}

func newOverview(g *globals) *cobra.Command {
	var o overviewOptions
	cmd := &cobra.Command{
		Use:   "overview PATH...",
		Short: "Put every country's factsheet side by side: matrix, status, by-topic text",
		Long: `overview reads the factsheets of many countries (files or directories, in any
form: YAML, JSON, the document, Word) and puts them side by side:

  - a matrix with one row per template item (every Table 1 term's deviation,
    every question's answer, every Table 5 cell) and one column per country,
    each cell the answer as written, its category (Yes, Yes some/partially,
    No, N/A, other, empty), its comment, its sources and where it is written;
  - a status per country: template, latest review and its age (as of
    --today), completeness, lint findings by severity (the same lint as
    'factsheet lint', with the configuration that applies), past-due
    statements;
  - by-topic text: every country's answer and comment to the items chosen
    with --item, with the footnotes renumbered for the output.

Each country shows its latest round; --rounds all gives one column per
(country, round). Files that cannot be read or fail the schema are listed
with their errors and kept out of the matrix; two files claiming the same
country and round are reported (the first keeps the column).

Formats: xlsx (a workbook to share), csv (one tidy long table), html (one
self-contained page), md (status and by-topic text), json (everything; see
'factsheet schema overview'). --format defaults to the extension of -o, and
to md without -o. -o writes atomically, never over an existing file unless
--force is given.`,
		Example: `  factsheet overview factsheets/ -o overview.xlsx
  factsheet overview factsheets/ -o overview.html --today 2026-11-22
  factsheet overview factsheets/ --item governance.national_board
  factsheet overview factsheets/ --item governance --format md > governance.md
  factsheet overview factsheets/ --rounds all --format csv -o answers.csv`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFactsheets,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.paths = g.globalOptions, args
			o.lint.maxAgeSet = cmd.Flags().Changed("max-age")
			return runOverview(cmd.Context(), o, g.io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(overviewFormats, ", ")+" (default: the extension of -o, else md)")
	f.StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&o.force, "force", false, "replace the output file if it exists")
	f.StringVar(&o.title, "title", overview.DefaultTitle, "the overview's title, heading every format")
	f.StringVar(&o.rounds, "rounds", "latest", "which rounds of a country: latest (one column per country) or all (one column per country and round)")
	f.StringArrayVar(&o.items, "item", nil, "show only this item: an ID (governance.national_board), a section (governance), a Table 5 area (solutions.treatment) or a chapter number (repeatable)")
	f.StringVar(&o.inputFormat, "input-format", "auto", "force the input form: yaml, json, md or docx (default: by extension, then content)")
	f.StringVar(&o.stdinName, "stdin-filename", "<stdin>", "name to report for standard input (-)")
	f.StringArrayVar(&o.exclude, "exclude", nil, "skip files and directories matching this glob in directory walks (repeatable)")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "files read in parallel (0: one per CPU)")
	g.configFlag(cmd)
	o.templates.register(cmd, true)
	g.todayFlag(cmd, "judge dates (ages, past-due statements) as of this day, YYYY-MM-DD (default: today)")
	f.StringVar(&o.lint.maxAge, "max-age", "12m", "how old the last review and \"as of\" statements may be, for the lint counts: 12m, 1y, 90d (overrides the configuration)")
	f.StringArrayVar(&o.lint.enable, "enable", nil, "turn a rule on for the lint counts (repeatable)")
	f.StringArrayVar(&o.lint.disable, "disable", nil, "turn a rule off for the lint counts (repeatable)")
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("format", fixed(overviewFormats...))
	_ = cmd.RegisterFlagCompletionFunc("rounds", fixed("latest", "all"))
	_ = cmd.RegisterFlagCompletionFunc("input-format", fixed("auto", "yaml", "json", "md", "docx"))
	_ = cmd.RegisterFlagCompletionFunc("enable", completeRules)
	_ = cmd.RegisterFlagCompletionFunc("disable", completeRules)
	_ = cmd.RegisterFlagCompletionFunc("item", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		tpl := template.Builtin().Default()
		for _, tb := range tpl.Tables() {
			out = append(out, tb.Section+"\t"+tb.Label()+": "+tb.Caption)
		}
		for _, it := range overview.Items(tpl) {
			out = append(out, it.ID)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	setExit(cmd, "the overview was written with every file placed", "it was written, but a file was kept out (unreadable, schema errors) or duplicates another")
	return cmd
}

// overviewFormat decides the format: --format, else the extension of -o,
// else md.
func overviewFormat(o overviewOptions) (string, error) {
	f := strings.ToLower(strings.TrimSpace(o.format))
	if f == "" {
		switch strings.ToLower(filepath.Ext(o.out)) {
		case ".xlsx":
			f = "xlsx"
		case ".csv":
			f = "csv"
		case ".html", ".htm":
			f = "html"
		case ".json":
			f = "json"
		default:
			f = "md"
		}
	}
	if f == "markdown" {
		f = "md"
	}
	for _, v := range overviewFormats {
		if v == f {
			return f, nil
		}
	}
	return "", usagef("invalid --format %q (want %s)", o.format, strings.Join(overviewFormats, ", "))
}

// runOverview is overview once its command line is read.
func runOverview(_ context.Context, o overviewOptions, s IOStreams) error {
	return start(s, o.globalOptions).overview(o.paths, o)
}

func (g *globals) overview(args []string, o overviewOptions) error {
	adjust, err := overrides(o.lint.enable, o.lint.disable)
	if err != nil {
		return err
	}
	run, err := g.setup(adjust)
	if err != nil {
		return err
	}
	flagAge, err := o.lint.flagAge()
	if err != nil {
		return err
	}
	format, err := overviewFormat(o)
	if err != nil {
		return err
	}
	var allRounds bool
	switch strings.ToLower(o.rounds) {
	case "latest":
	case "all":
		allRounds = true
	default:
		return usagef("invalid --rounds %q (want latest or all)", o.rounds)
	}
	// Without --item the rows are the items of the files' templates
	// (overview.Build); --item names items of the templates the files may
	// follow, checked below before any file is read.
	var items []overview.Item
	form, err := load.ParseForm(o.inputFormat)
	if err != nil {
		return usagef("invalid --input-format: %v", err)
	}
	if o.jobs < 0 {
		return usagef("invalid --jobs %d: need 0 (one per CPU) or more", o.jobs)
	}
	if o.jobs == 0 {
		o.jobs = runtime.NumCPU()
	}
	if len(args) == 0 {
		return usagef("no path given: name the factsheet files or directories to put side by side")
	}
	if o.out == "-" {
		o.out = ""
	}
	if o.out != "" {
		if st, err := os.Stat(o.out); err == nil && st.IsDir() {
			return usagef("%s is a directory; give a file name", o.out)
		} else if err == nil && !o.force {
			return usagef("%s exists; use --force to replace it", o.out)
		}
	} else if format == "xlsx" && g.io.IsTerminal(g.io.Out) {
		return usagef("an xlsx workbook is binary: write it to a file with -o overview.xlsx")
	}
	if countStdin(args) > 1 {
		return usagef("standard input (-) can be read only once")
	}
	var skipped []string
	wo := walk.Options{Exclude: o.exclude, Sniff: load.SniffDocument,
		Skipped: func(p, form string) { skipped = append(skipped, p+" ("+form+")") }}
	// A path found in a walk is ignored by the configuration nearest above
	// it, as lint does.
	var ignoreErr error
	wo.Ignore = func(p string) bool {
		cfg, err := run.config(p)
		if err != nil {
			ignoreErr = cmp.Or(ignoreErr, err)
			return false
		}
		return cfg.Ignored(p) || cfg.IsTemplate(p) // a template is no factsheet
	}
	files, err := walk.Expand(args, wo)
	if ignoreErr != nil {
		return ignoreErr
	}
	// Every file's configuration is read before any file: a bad one stops
	// the run (exit 2), as it does for lint.
	if _, err := run.files(files, o.stdinName); err != nil {
		return err
	}
	if len(skipped) > 0 {
		fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s not read, in a form that cannot be read reliably (save as .docx, or give the Markdown/text): %s\n",
			pluralize(len(skipped), "file"), output.Sanitize(strings.Join(skipped, ", ")))
	}
	if err != nil {
		return asUsage(err)
	}
	if o.out != "" {
		var inputs []string
		for _, in := range files {
			if in != walk.Stdin {
				inputs = append(inputs, in)
			}
		}
		if err := checkOutput(o.out, o.force, true, inputs...); err != nil {
			return err
		}
	}
	var read []*overview.File
	c := &checkFlags{jobs: o.jobs, stdinName: o.stdinName}
	c.templates = o.templates
	if err := c.useTemplates(run, files); err != nil {
		return err
	}
	if len(o.items) > 0 {
		tpls, err := runTemplates(c, files)
		if err != nil {
			return err
		}
		if items, err = overview.SelectAcross(tpls, o.items); err != nil {
			return asUsage(err)
		}
	}
	err = g.stream(files, c, load.Options{Form: form, Template: o.templates.name}, func(r *load.Result) []finding.Finding {
		// The same lint as factsheet lint, with each file's own
		// configuration.
		cfg, _ := run.config(r.Name)
		return cfg.Apply(r.Name, append(r.Findings, lint.Run(r, judgement(run, cfg, flagAge))...), run.today)
	}, func(r *load.Result) error {
		read = append(read, overview.Extract(r, r.Findings, run.today))
		return nil
	})
	if err != nil {
		return err
	}
	ov := overview.Build(read, overview.Options{Today: run.today, AllRounds: allRounds, Items: items, Selected: len(o.items) > 0, Title: o.title})
	var buf bytes.Buffer
	switch format {
	case "xlsx":
		err = overview.WriteXLSX(&buf, ov)
	case "csv":
		err = overview.WriteCSV(&buf, ov)
	case "html":
		err = overview.WriteHTML(&buf, ov)
	case "json":
		err = overview.WriteJSON(&buf, ov)
	default:
		err = overview.WriteMarkdown(&buf, ov)
	}
	if err != nil {
		return fmt.Errorf("writing the %s overview: %w", format, err)
	}
	if err := g.writeOut(o.out, o.force, buf.Bytes()); err != nil {
		return err
	}
	if n := ov.Problems(); n > 0 {
		var names []string
		for _, f := range ov.Others() {
			if f.State == overview.Excluded || f.State == overview.Duplicate {
				names = append(names, f.Name+" ("+string(f.State)+")")
			}
		}
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s not in the overview: %s; see the status for why\n",
			pluralize(n, "file"), output.Sanitize(strings.Join(names, ", ")))
		return errFindings
	}
	return nil
}

// runTemplates are the templates the files of a run may follow, the
// default one first.
func runTemplates(c *checkFlags, files []string) ([]*template.Template, error) {
	def := template.Builtin().Default()
	out := []*template.Template{def}
	seen := map[string]bool{def.Version: true}
	for _, f := range files {
		reg, err := c.registryFor(f)
		if err != nil {
			return nil, err
		}
		for _, t := range reg.All() {
			if !seen[t.Version] {
				seen[t.Version] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}
