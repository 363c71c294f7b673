package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/rules"
)

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration that applies to a factsheet",
		Long: `config shows what the configuration (.factsheet.yaml) does to a factsheet.
Each file checked uses the nearest .factsheet.yaml above it, or the file
given with --config; docs/configuration.md explains the settings.`,
	}
	cmd.AddCommand(newConfigExplain(g))
	return cmd
}

func newConfigExplain(g *globals) *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain FILE...",
		Short: "Print the configuration in force for a file, and where each value comes from",
		Long: `explain prints the configuration that lint and validate use for each FILE:
which .factsheet.yaml it is (the nearest above the file, or --config) and,
for every setting, its value and where it comes from - a line of that file,
or the tool's default. Every rule is listed with its severity; the waivers
say whether they cover the file and until when; the ignore globs whether they
leave the file out of directory walks.

The output is itself a valid .factsheet.yaml, with the origins as comments
(as 'git config --show-origin' shows them).`,
		Example: `  factsheet config explain factsheets/BE.yaml
  factsheet config explain --config ci/.factsheet.yaml BE.yaml`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeFactsheets,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.files = g.globalOptions, args
			return runExplain(cmd.Context(), o, g.io)
		},
	}
	g.configFlag(cmd)
	g.todayFlag(cmd, "say whether waivers are in force as of this day, YYYY-MM-DD (default: today)")
	return cmd
}

// explainOptions holds config explain's flags and arguments.
type explainOptions struct {
	globalOptions
	files []string
}

// runExplain is config explain once its command line is read.
func runExplain(_ context.Context, o *explainOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	run, err := g.setup(nil)
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, file := range o.files {
		cfg, err := run.config(file)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteString("---\n")
		}
		explainConfig(&b, file, cfg, run.configs.Named(), run.today)
	}
	_, err = g.io.Out.Write([]byte(b.String()))
	return err
}

// explainConfig writes the configuration of one file as YAML, each value
// with its origin as a comment.
func explainConfig(b *strings.Builder, file string, cfg *config.Config, named bool, today dates.Date) {
	shown := output.Sanitize(file)
	origin := func(ptr string) string {
		if n := cfg.Line(ptr); n > 0 {
			return output.Sanitize(cfg.Path) + ":" + strconv.Itoa(n)
		}
		return "default"
	}
	line := func(text, comment string) {
		fmt.Fprintf(b, "%-44s # %s\n", text, comment)
	}
	switch {
	case cfg == nil || cfg.Path == "":
		fmt.Fprintf(b, "# %s: no configuration file in its directory or above (%s);\n# every value is the default.\n",
			shown, strings.Join(config.Names, ", "))
	case named:
		fmt.Fprintf(b, "# %s: %s (--config)\n", shown, output.Sanitize(cfg.Path))
	default:
		fmt.Fprintf(b, "# %s: %s (the nearest configuration above the file)\n", shown, output.Sanitize(cfg.Path))
	}
	maxAge := lint.DefaultMaxAge.String()
	if cfg != nil && cfg.MaxAge != "" {
		maxAge = cfg.MaxAge
	}
	line("max-age: "+yamlScalar(maxAge), origin("/max-age"))
	b.WriteString("rules:\n")
	for _, r := range rules.All() {
		sev := r.Severity.String()
		from := "default"
		if r.Fatal {
			from = "default; always an error"
		} else if cfg != nil {
			if s, ok := cfg.Rules[r.ID]; ok {
				sev, from = s, origin("/rules/"+r.ID)
			}
		}
		line("  "+r.ID+": "+sev, from)
	}
	if cfg == nil || len(cfg.Ignore) == 0 {
		line("ignore: []", "default")
	} else {
		line("ignore:", "globs relative to "+output.Sanitize(filepath.ToSlash(cfg.Dir)))
		for i, g := range cfg.Ignore {
			line("  - "+yamlScalar(g), origin("/ignore/"+strconv.Itoa(i)))
		}
	}
	// Only when set: how lint --fix fixes.
	if cfg != nil && cfg.Line("/fix/unsafe") > 0 {
		b.WriteString("fix:\n")
		line("  unsafe: "+strconv.FormatBool(cfg.FixUnsafe), origin("/fix/unsafe"))
	}
	// Only when set: the templates a configuration adds.
	if cfg != nil && len(cfg.Templates) > 0 {
		b.WriteString("templates:\n")
		for i, t := range cfg.Templates {
			line("  - "+yamlScalar(filepath.ToSlash(t)), origin("/templates/"+strconv.Itoa(i)))
		}
	}
	if cfg == nil || len(cfg.Waivers) == 0 {
		line("waivers: []", "default")
	} else {
		b.WriteString("waivers:\n")
		for i, w := range cfg.Waivers {
			state := "does not cover this file"
			if cfg.Covers(w, file) {
				state = "covers this file until " + w.Expires.String()
				if today.After(w.Expires) {
					state = "expired on " + w.Expires.String() + ": no longer covers this file"
				}
			}
			line("  - file: "+yamlScalar(w.File), origin("/waivers/"+strconv.Itoa(i))+"; "+state)
			fmt.Fprintf(b, "    rule: %s\n", yamlScalar(w.Rule))
			if w.Pointer != "" {
				fmt.Fprintf(b, "    pointer: %s\n", yamlScalar(w.Pointer))
			}
			// A waiver's scope: without it the waiver read as covering the
			// whole file, and the output copied as a configuration widened it.
			if w.Item != "" {
				fmt.Fprintf(b, "    item: %s\n", yamlScalar(w.Item))
			}
			if w.Footnote != "" {
				fmt.Fprintf(b, "    footnote: %s\n", yamlScalar(w.Footnote))
			}
			fmt.Fprintf(b, "    reason: %s\n", yamlScalar(w.Reason))
			fmt.Fprintf(b, "    expires: %s\n", w.Expires)
		}
	}
	if g := cfg.IgnoredBy(file); g != "" {
		fmt.Fprintf(b, "# %s is left out of directory walks (ignore: %s); named on the command line, it is checked.\n", shown, yamlScalar(g))
	}
}

var plainScalar = regexp.MustCompile(`^[A-Za-z0-9_./*?-][A-Za-z0-9 _./*?-]*$`)

// yamlScalar writes a string as a YAML scalar: plain when it is safe, in
// double quotes (JSON's escapes, which YAML reads) otherwise.
func yamlScalar(s string) string {
	if plainScalar.MatchString(s) && !strings.HasSuffix(s, " ") {
		switch strings.ToLower(s) {
		case "yes", "no", "true", "false", "on", "off", "null", "~":
		default:
			return s
		}
	}
	return strconv.Quote(s)
}

func newInit(g *globals) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented .factsheet.yaml to start from",
		Long: `init writes a .factsheet.yaml in DIR (default: the current directory) with
every setting explained in comments and set to its default, and every rule
listed (commented out) with its default severity. It applies to the
factsheets in DIR and below, except where a directory below has its own.

It never replaces an existing configuration (.factsheet.yaml or
.factsheet.yml) unless --force is given.`,
		Example: `  factsheet init
  factsheet init factsheets/`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.dirs = g.globalOptions, args
			return runInit(cmd.Context(), o, g.io)
		},
	}
	cmd.Flags().BoolVar(&o.force, "force", false, "replace an existing configuration")
	return cmd
}

// initOptions holds init's flags and argument.
type initOptions struct {
	globalOptions
	dirs  []string // at most one
	force bool
}

// runInit is init once its command line is read.
func runInit(_ context.Context, o *initOptions, s IOStreams) error {
	g := start(s, o.globalOptions)
	dir := "."
	if len(o.dirs) == 1 {
		dir = o.dirs[0]
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usagef("%s is not a directory", dir)
	}
	path := filepath.Join(dir, config.Names[0])
	for _, n := range config.Names {
		p := filepath.Join(dir, n)
		if _, err := os.Lstat(p); err == nil && !o.force {
			return usagef("%s exists; use --force to replace it", p)
		}
	}
	f, err := atomicfile.Create(path, atomicfile.Options{Overwrite: o.force})
	if err != nil {
		return outputError(path, err)
	}
	defer f.Abort()
	if _, err := f.Write([]byte(initialConfig())); err != nil {
		return err
	}
	if err := f.Commit(); err != nil {
		return outputError(path, err)
	}
	if other := filepath.Join(dir, config.Names[1]); o.force {
		if _, err := os.Lstat(other); err == nil {
			fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s is no longer read: %s comes first\n", other, path)
		}
	}
	fmt.Fprintf(g.io.ErrOut, "factsheet: wrote %s ('factsheet config explain FILE' shows what applies to a file)\n", path)
	return nil
}

// initialConfig is the configuration factsheet init writes: every setting
// at its default, explained; every rule that can be configured listed,
// commented out, with its default severity.
func initialConfig() string {
	var b strings.Builder
	b.WriteString(`# yaml-language-server: $schema=https://raw.githubusercontent.com/ecanplus/factsheet/main/schema/config.schema.json
#
# The configuration of factsheet (docs/configuration.md). It applies to the
# factsheets in this directory and below, except where a directory below has
# a .factsheet.yaml of its own (configurations are not merged). Check what
# applies to a file with: factsheet config explain FILE

# How old the latest review and "as of" statements may be: 12m, 18 months,
# 1y, 90d. --max-age overrides it for one run.
max-age: 12m

# The severity of a rule: off, info, warning or error. Remove the # before a
# rule to change it; 'factsheet rules RULE' explains one.
rules:
`)
	for _, r := range rules.All() {
		if !r.Fatal {
			fmt.Fprintf(&b, "  # %s: %s\n", r.ID, r.Severity)
		}
	}
	b.WriteString(`
# Paths that directory walks leave out, as globs relative to this file
# (** crosses directories). A file named on the command line is still checked.
ignore:
#  - archive/**

# lint --fix makes the safe fixes; with unsafe: true the unsafe ones too, as
# --unsafe-fixes does (they may change what a factsheet says: review them).
# fix:
#   unsafe: true

# Known findings accepted until a date: the file (a glob relative to this
# file), the rule, optionally the JSON pointer of the value (lint --format json
# gives it), a reason, and the last day the waiver applies. An expired waiver
# is reported, and so is one that matches nothing when directories are checked.
waivers:
#  - file: BE.yaml
#    rule: footnote-placeholder-link
#    reason: addresses being restored by the country expert
#    expires: 2027-03-31
`)
	return b.String()
}
