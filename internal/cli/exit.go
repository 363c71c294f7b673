package cli

import (
	"errors"
	"fmt"
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
