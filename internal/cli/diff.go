package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/docx"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/walk"
)

// diffOptions are diff's flags and arguments.
type diffOptions struct {
	globalOptions
	old, new    string
	format      string
	out         string
	force       bool
	exitCode    bool
	inputFormat string
	tracked     trackedFlag
	templates   templateFlags
	stdinName   string
}

// diffFormats are the --format values of diff.
var diffFormats = []string{"text", "markdown", "html", "json", "docx"}

func newDiff(g *globals) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions of a factsheet",
		Long: `diff compares two versions of a factsheet - typically two review rounds - in
any forms (an old document against a new YAML file works) and reports what
changed: review rounds and contributors added or removed, answers changed
(listed first), comments, definitions, Table 5 cells, further information and
wording changed (with a word-level diff), items added or removed, footnotes
added, removed or changed, and the country, title or contact changed.

Items are aligned by their stable IDs, review rounds by kind and date,
contributors by name, footnotes by content (the addresses they cite, then
their text) - never by number. Footnotes that only moved to other numbers
give one note ("footnotes 3-28 renumbered to 4-29"), not changes, and a
comment citing a renumbered footnote is unchanged.

Formats: text ([-removed-]{+added+}, and colored in a terminal), markdown
(a pull-request comment: ~~removed~~ **added**), html (one self-contained
page, old and new side by side, its header naming the country, both
versions' latest rounds, the day it was made (--today) and the tool's
version) and json (see 'factsheet schema diff'). -o writes to a file,
atomically, never over an existing file unless --force is given.

Schema errors alone do not stop a diff.`,
		Example: `  factsheet diff rounds/BE-2025-10.yaml BE.yaml
  factsheet diff BE-published.md BE.yaml --format markdown > comment.md
  factsheet diff old/BE.yaml BE.yaml --format html -o BE-review.html
  factsheet diff old/BE.yaml BE.yaml --exit-code --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.globalOptions, o.old, o.new = g.globalOptions, args[0], args[1]
			return runDiff(cmd.Context(), o, g.io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(diffFormats, ", "))
	f.StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&o.force, "force", false, "replace the output file if it exists")
	f.BoolVar(&o.exitCode, "exit-code", false, "exit 1 when the versions differ, 0 when they do not (like git diff --exit-code)")
	f.StringVar(&o.inputFormat, "input-format", "auto", "the form of both inputs: auto (each by extension, then content), yaml, json, md or docx")
	o.tracked.register(cmd)
	o.templates.register(cmd, true)
	g.todayFlag(cmd, "the day the report is made, YYYY-MM-DD, shown in the HTML report and used as the date of the Word document's tracked changes (default: today)")
	f.StringVar(&o.stdinName, "stdin-filename", "<stdin>", "name to report for standard input (-)")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return diffFormats, cobra.ShellCompDirectiveNoFileComp
	})
	setExit(cmd, "the diff was made (with --exit-code: and there are no changes)", "a file cannot be read as a factsheet (its problems are printed, as lint prints them), or, with --exit-code, there are changes")
	return cmd
}

// runDiff is diff once its command line is read.
func runDiff(_ context.Context, o diffOptions, s IOStreams) error {
	return start(s, o.globalOptions).diff(o.old, o.new, o)
}

func (g *globals) diff(oldPath, newPath string, o diffOptions) error {
	format := strings.ToLower(o.format)
	if format == "md" {
		format = "markdown"
	}
	valid := false
	for _, f := range diffFormats {
		valid = valid || f == format
	}
	if !valid {
		return usagef("invalid --format %q (want %s)", o.format, strings.Join(diffFormats, ", "))
	}
	form, err := load.ParseForm(o.inputFormat)
	if err != nil {
		return usagef("invalid --input-format: %v", err)
	}
	// The day the report is made (the HTML header, the Word document's
	// tracked changes): --today, so that the bytes are the same for the
	// same inputs on the same day.
	day, err := g.day()
	if err != nil {
		return err
	}
	readOpts, err := o.tracked.options(form)
	if err != nil {
		return err
	}
	if format == "docx" && o.out == "" {
		return usagef("--format docx writes a Word document: give -o FILE.docx (or -o - for standard output)")
	}
	if oldPath == walk.Stdin && newPath == walk.Stdin {
		return usagef("standard input (-) can be read only once")
	}
	if o.out == "-" {
		o.out = ""
	}
	if o.out != "" {
		var inputs []string
		for _, in := range []string{oldPath, newPath} {
			if in != walk.Stdin {
				inputs = append(inputs, in)
			}
		}
		if err := checkOutput(o.out, o.force, true, inputs...); err != nil {
			return err
		}
	}
	// Both paths are checked before anything is printed: a missing second
	// file is a usage error even when the first cannot be parsed.
	results := make([]*load.Result, 2)
	for i, p := range []string{oldPath, newPath} {
		if readOpts, err = o.templates.readOptions(readOpts, p, o.stdinName); err != nil {
			return err
		}
		if p == walk.Stdin {
			results[i], err = load.Reader(o.stdinName, g.stdin(), readOpts)
		} else {
			results[i], err = loadPath(p, readOpts)
		}
		if err != nil {
			return asUsage(err)
		}
	}
	unreadable := false
	for _, res := range results {
		if res.Readable() {
			continue
		}
		unreadable = true
		p := output.NewText(g.io.ErrOut, output.Options{Color: g.colorErr})
		_ = p.File(report(res, errorsOnly(res.Findings)))
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s cannot be read as a factsheet; fix the errors above first\n", output.Sanitize(res.Name))
	}
	if unreadable {
		return errFindings
	}
	for i, res := range results {
		if i == 1 && res.Name == results[0].Name {
			break // the same file twice: warned once
		}
		if n := countErrors(res.Findings); n > 0 {
			fmt.Fprintf(g.io.ErrOut, "factsheet: warning: %s has %s (see 'factsheet lint %s'); the diff shows what it holds\n",
				output.Sanitize(res.Name), pluralize(n, "error"), output.Sanitize(res.Name))
		}
	}
	r := diff.Compare(results[0].Model, results[1].Model)
	r.Old, r.New = results[0].Name, results[1].Name

	var buf bytes.Buffer
	switch format {
	case "markdown":
		err = diff.WriteMarkdown(&buf, r)
	case "html":
		err = diff.WriteHTML(&buf, r, diff.HTMLOptions{Generated: day.String(), Version: version()})
	case "json":
		err = diff.WriteJSON(&buf, r)
	case "docx":
		// The new version with every change from the old as a tracked
		// change, dated --today (or today) so the bytes are the same
		// for the same inputs on the same day.
		oldM, newM := results[0].Model, results[1].Model
		buf.Write(docx.WriteChanges(string(document.Render(oldM.WithoutSuppressions())), string(document.Render(newM.WithoutSuppressions())),
			docx.Meta{Title: newM.Title, Country: newM.Country.Name, Template: newM.Template},
			"factsheet diff", day.String()+"T00:00:00Z"))
	default:
		err = diff.WriteText(&buf, r, diff.TextOptions{Color: o.out == "" && g.colorOut})
	}
	if err != nil {
		return fmt.Errorf("writing the %s diff: %w", format, err)
	}
	if err := g.writeOut(o.out, o.force, buf.Bytes()); err != nil {
		return err
	}
	if o.exitCode && !r.Empty() {
		return errFindings
	}
	return nil
}

func countErrors(fs []finding.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == finding.Error {
			n++
		}
	}
	return n
}

func pluralize(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
