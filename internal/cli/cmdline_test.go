package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestUsageErrorsTyped: every mistake in the command line is exit 2 by the
// type of its error (usageError), with one line on standard error naming
// the help to read, and nothing on standard output.
func TestUsageErrorsTyped(t *testing.T) {
	cases := []struct {
		name string
		args []string
		msg  string // in the line
		help string // the help it points at
	}{
		{"unknown flag", []string{"lint", "--formt", "text", "x"}, "unknown flag: --formt; did you mean --format?", "factsheet lint"},
		{"unknown shorthand", []string{"validate", "-Z", "x"}, "unknown shorthand flag: 'Z' in -Z", "factsheet validate"},
		{"bad flag value", []string{"lint", "--jobs", "many", "x"}, `invalid argument "many" for "-j, --jobs" flag`, "factsheet lint"},
		{"flag without its value", []string{"lint", "--format"}, "flag needs an argument: --format", "factsheet lint"},
		{"missing argument", []string{"convert"}, "accepts 1 arg(s), received 0", "factsheet convert"},
		{"missing arguments", []string{"diff", "a"}, "accepts 2 arg(s), received 1", "factsheet diff"},
		{"too many arguments", []string{"schema", "a", "b"}, "accepts at most 1 arg(s), received 2", "factsheet schema"},
		{"an argument to a command that takes none", []string{"new", "extra"}, `unknown command "extra" for "factsheet new"`, "factsheet new"},
		{"unknown command", []string{"lnt"}, `unknown command "lnt" for "factsheet"; did you mean "lint"?`, "factsheet"},
		{"unknown subcommand", []string{"config", "explian"}, `unknown command "explian" for "factsheet config"; did you mean "explain"?`, "factsheet config"},
		{"unknown help topic", []string{"help", "lnt"}, `unknown command "lnt" for "factsheet"; did you mean "lint"?`, "factsheet"},
		{"unknown flag of the root", []string{"--colour", "never", "version"}, "unknown flag: --colour; did you mean --color?", "factsheet version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(c.args, IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			want := "factsheet: " + c.msg
			line := strings.TrimSuffix(errOut.String(), "\n")
			if strings.Contains(line, "\n") || !strings.HasPrefix(line, want) || !strings.HasSuffix(line, " (see '"+c.help+" --help')") {
				t.Errorf("stderr %q, want one line %q ... (see '%s --help')", errOut.String(), want, c.help)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out.String())
			}
		})
	}
}

// TestUsageErrorByType: the exit status comes from the error's type, not
// its message: a usage error is 2 whatever it says, and an error that
// merely reads like cobra's is not one.
func TestUsageErrorByType(t *testing.T) {
	if got := exitCode(usagef("anything at all")); got != ExitUsage {
		t.Errorf("usage error: %d", got)
	}
	if got := exitCode(errors.New("unknown flag: --x")); got != ExitInternal {
		t.Errorf("a plain error reading like a flag error: %d", got)
	}
	wrapped := errors.Join(errors.New("context"), usagef("bad"))
	if got := exitCode(wrapped); got != ExitUsage {
		t.Errorf("a wrapped usage error: %d", got)
	}
	if got := exitCode(errFindings); got != ExitFindings {
		t.Errorf("findings: %d", got)
	}
}
