package cli

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // nothing at or above the --fail-on level
	ExitFindings = 1 // findings at or above the --fail-on level (diff --exit-code: differences)
	ExitUsage    = 2 // bad flag, bad configuration, path that does not exist
	ExitInternal = 3 // a bug: the tool failed, not the input
)

// usageError marks errors the user can fix by changing the command line
// or the configuration. help is the command whose --help explains the
// mistake ("factsheet lint"), for mistakes in the command line itself (an
// unknown flag or command, a missing argument); "" for the others, whose
// message says all there is to say.
type usageError struct {
	err  error
	help string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef builds a usage error (exit 2).
func usagef(format string, a ...any) error { return usageError{err: fmt.Errorf(format, a...)} }

// asUsage marks an existing error as a usage error.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err: err}
}

// errFindings tells Run that the command printed findings at or above the
// fail-on level (exit 1); it carries no message of its own.
var errFindings = errors.New("findings")

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errFindings):
		return ExitFindings
	case errors.As(err, &ue):
		return ExitUsage
	default:
		return ExitInternal
	}
}

// The help of every command ends with what its exit statuses mean, written
// here once (exitHelp): 2 and 3 mean the same for every command; what 0 and
// 1 mean is the command's own, set with setExit where it differs from
// plain success.
const (
	annotExitOK       = "factsheet-exit-0"
	annotExitFindings = "factsheet-exit-1"
)

// setExit records what exit statuses 0 and 1 mean for cmd (findings ""
// when it never exits 1).
func setExit(cmd *cobra.Command, ok, findings string) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[annotExitOK] = ok
	cmd.Annotations[annotExitFindings] = findings
}

// exitStatusText is the exit-status paragraph for what 0 and 1 mean.
func exitStatusText(ok, findings string) string {
	if ok == "" {
		ok = "success"
	}
	parts := []string{fmt.Sprintf("%d %s", ExitOK, ok)}
	if findings != "" {
		parts = append(parts, fmt.Sprintf("%d %s", ExitFindings, findings))
	}
	parts = append(parts,
		fmt.Sprintf("%d usage error (bad flag, bad configuration, path that does not exist)", ExitUsage),
		fmt.Sprintf("%d internal error", ExitInternal))
	return wrapText("Exit status: "+strings.Join(parts, "; ")+".", 78)
}

// exitHelp ends the help of every command in the tree with its exit
// statuses.
func exitHelp(cmd *cobra.Command) {
	long := strings.TrimRight(cmd.Long, "\n")
	if long == "" {
		long = cmd.Short + "."
	}
	cmd.Long = long + "\n\n" + exitStatusText(cmd.Annotations[annotExitOK], cmd.Annotations[annotExitFindings])
	for _, c := range cmd.Commands() {
		exitHelp(c)
	}
}

// wrapText breaks text into lines of at most width characters, at spaces.
func wrapText(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		l := utf8.RuneCountInString(word)
		switch {
		case n > 0 && n+1+l > width:
			b.WriteByte('\n')
			n = 0
		case n > 0:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}
