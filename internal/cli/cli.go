// Package cli is the command layer: cobra commands, flags, where output
// goes, and exit codes. It is the only package that knows about the process
// (arguments, standard streams, terminal, exit status); everything below it
// takes writers and options.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/output"
)

// IOStreams are the process's standard streams and what the tool asks of
// the terminal, replaceable in tests: every decision made by the terminal
// (colour, refusing to write a binary workbook to it) goes through
// IsTerminal, so a test can fake a terminal without one.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (NO_COLOR, FORCE_COLOR, TERM,
	// FACTSHEET_DEBUG); nil reads none.
	Getenv func(string) string
	// Terminal overrides the terminal check: nil asks the operating system
	// whether the writer is a terminal (an *os.File on a TTY).
	Terminal func(w io.Writer) bool
}

// IsTerminal reports whether w is a terminal.
func (s IOStreams) IsTerminal(w io.Writer) bool {
	if s.Terminal != nil {
		return s.Terminal(w)
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// getenv reads a variable, "" without an environment.
func (s IOStreams) getenv(key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}

// ColorEnabled decides whether text written to w is colored, for a --color
// mode: always and never are what they say; auto colors a terminal unless
// NO_COLOR is set (to anything) or TERM is dumb, and FORCE_COLOR (set, and
// not 0 or false) colors whatever w is, unless NO_COLOR is set too.
func (s IOStreams) ColorEnabled(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if s.getenv("NO_COLOR") != "" {
		return false
	}
	switch force := strings.ToLower(s.getenv("FORCE_COLOR")); force {
	case "", "0", "false":
	default:
		return true
	}
	if s.getenv("TERM") == "dumb" {
		return false
	}
	return s.IsTerminal(w)
}

// System returns the real streams.
func System() IOStreams {
	return IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}
}

// Main runs the tool as a process and returns its exit code.
func Main() int {
	tuneGC()
	return Run(os.Args[1:], System())
}

// tuneGC sets the garbage collector for a short-lived batch process: a
// target of 200% spends far less time collecting than the default 100%
// (a lint of 1000 files: 0.88 s instead of 1.3 s on the reference machine),
// and a soft limit of 48 MiB keeps the heap small whatever the batch.
// GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(48 << 20)
	}
}

// Run executes one command line. Errors are printed once, here, as one line
// on stderr; a panic is caught and reported as an internal error (exit 3)
// without a stack trace, unless FACTSHEET_DEBUG is set.
func Run(args []string, io IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(io.ErrOut, "factsheet: internal error: %v (please report this with the input that caused it)\n", r)
			if io.getenv("FACTSHEET_DEBUG") != "" {
				fmt.Fprintf(io.ErrOut, "%s\n", debug.Stack())
			}
			code = ExitInternal
		}
	}()
	root := newRoot(io)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil && err != errFindings {
		msg := oneLine(err.Error())
		var ue usageError
		if errors.As(err, &ue) && ue.help != "" {
			msg += " (see '" + ue.help + " --help')"
		}
		fmt.Fprintf(io.ErrOut, "factsheet: %s\n", msg)
	}
	return exitCode(err)
}

// maxErrorLen bounds the line an error prints: a path, or a line of a
// --files-from list, can be megabytes long, and the message is for a person.
const maxErrorLen = 1000

// oneLine makes an error message one short line: control characters and
// line ends shown as escapes, and cut at maxErrorLen bytes.
func oneLine(msg string) string {
	cut := func(s string, n int) string {
		if len(s) <= n {
			return s
		}
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n]
	}
	// Escaping makes a byte at most six: cut before, to bound the work.
	msg = output.Sanitize(cut(msg, 6*maxErrorLen))
	if len(msg) > maxErrorLen {
		msg = cut(msg, maxErrorLen) + "… (cut)"
	}
	return msg
}

// globalOptions are the flags the commands share: --color (every
// command), --config and --today (the commands that use them). Each
// command's options embed them.
type globalOptions struct {
	Color  string // --color: auto, always or never ("" = auto)
	Config string // --config: the configuration file ("" = look for one)
	Today  string // --today YYYY-MM-DD ("" = the real date)
}

// globals are what a command runs with: the streams, the shared flags, and
// what was decided from them once.
type globals struct {
	io IOStreams
	globalOptions

	// colorOut and colorErr say whether standard output and standard error
	// are colored, decided once when the command starts (ColorEnabled); a
	// report written to a file never is.
	colorOut, colorErr bool
}

// start is how every command's run function begins: the streams and the
// shared flags, with the colour of each stream decided.
func start(s IOStreams, o globalOptions) *globals {
	mode := o.Color
	if mode == "" {
		mode = "auto"
	}
	return &globals{io: s, globalOptions: o,
		colorOut: s.ColorEnabled(mode, s.Out), colorErr: s.ColorEnabled(mode, s.ErrOut)}
}

// Root builds the command tree with the process's streams, for tools that
// document it (cmd/gendocs).
func Root() *cobra.Command { return newRoot(System()) }

func newRoot(streams IOStreams) *cobra.Command {
	g := &globals{io: streams}
	root := &cobra.Command{
		Use:   "factsheet",
		Short: "Validate and lint eCAN country factsheets",
		Long: `factsheet checks eCAN country factsheets - the documents that map a country's
eHealth and cancer-care policy in the eCAN template - in any of their forms:
YAML (the authoring form), JSON, the published document itself
(Markdown/text) or Word. Every finding names the place to edit: the line,
and the table, row and column or the footnote.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version prints what `factsheet version` prints.
		Version: strings.TrimSuffix(versionText(), "\n"),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&g.Color, "color", "auto", "color the text output: auto, always or never (NO_COLOR and FORCE_COLOR are honoured)")
	_ = root.RegisterFlagCompletionFunc("color", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp
	})
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		switch g.Color {
		case "auto", "always", "never":
			return nil
		}
		return usagef("invalid --color %q (want auto, always or never)", g.Color)
	}
	root.AddCommand(newLint(g), newRules(g), newValidate(g), newConvert(g), newVersion(g), newSchema(g))
	root.AddCommand(newDiff(g), newOverview(g), newConfigCmd(g), newInit(g), newNew(g), newTemplateCmd(g))
	// The completion command is made here rather than when the command
	// line is run, so that the generated documentation has it.
	root.InitDefaultCompletionCmd()
	root.SetHelpCommand(newHelp(root))
	checkArgs(root)
	setExit(root, "success (lint and validate: no findings at or above --fail-on)", "findings (each command's help says which)")
	exitHelp(root)
	return root
}

// The flags below are shared by some commands and registered on each of
// them, not on the root: the help of the others (version, completion,
// schema) must not offer flags that do nothing there. Cobra reads a
// command's flags wherever they stand, so `factsheet --today D lint` works
// as well as `factsheet lint --today D`.

// todayFlag registers --today, the day dates are judged against.
func (g *globals) todayFlag(cmd *cobra.Command, usage string) {
	cmd.Flags().StringVar(&g.Today, "today", "", usage)
}

// configFlag registers --config, the configuration file to use instead of
// the nearest one.
func (g *globals) configFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&g.Config, "config", "", "configuration file for every file checked (default: the nearest .factsheet.yaml above each file)")
}

// stdin is standard input for the bounded readers (load.Reader,
// inputfile.ReadAll). A pipe or a terminal is handed over without its Stat
// method: its size (0) says nothing, and a "too large" finding would report
// it as the file's size. A regular file (< BE.yaml) keeps it.
func (g *globals) stdin() io.Reader {
	if f, ok := g.io.In.(*os.File); ok {
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return struct{ io.Reader }{f}
		}
	}
	return g.io.In
}
