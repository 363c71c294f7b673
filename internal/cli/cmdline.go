package cli

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ecanplus/factsheet/internal/validation"
)

// Mistakes in the command line itself - an unknown command or flag, a flag
// without its value, the wrong number of arguments - are classified where
// cobra and pflag report them (the flag error function, each command's
// Args), never by the text of their messages: each becomes a usage error
// that names the command whose help explains it, and a misspelt command or
// flag gets the nearest real one as a suggestion.

// flagError is the flag error function of every command: pflag's error as
// a usage error pointing at the command's help, with a suggestion for an
// unknown flag.
func flagError(cmd *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && ne.GetSpecifiedShortnames() == "" {
		if s := suggestFlag(cmd, ne.GetSpecifiedName()); s != "" {
			err = fmt.Errorf("%w; did you mean --%s?", err, s)
		}
	}
	return usageError{err: err, help: cmd.CommandPath()}
}

// suggestFlag returns the flag of cmd nearest to a misspelt name (--formt,
// --colour), or "" when none is near: at most two edits, and fewer than
// half of the name's letters.
func suggestFlag(cmd *cobra.Command, typed string) string {
	best, bestD := "", 3
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := validation.Distance(typed, f.Name)
		if strings.HasPrefix(f.Name, typed) && len(typed) >= 3 {
			d = min(d, 1) // a name cut short: --form for --format
		}
		if d < bestD || d == bestD && f.Name < best {
			best, bestD = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if best == "" || 2*bestD >= len([]rune(typed)) {
		return ""
	}
	return best
}

// checkArgs wraps the argument checks of every command in the tree, so that
// a wrong number of arguments is a usage error pointing at the command's
// help, and makes commands that only group others (the root, config) report
// an unknown subcommand with a suggestion instead of printing their help.
func checkArgs(cmd *cobra.Command) {
	switch {
	case cmd.HasSubCommands():
		cmd.Args = unknownCommand
		if cmd.RunE == nil && cmd.Run == nil {
			cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	case cmd.Args != nil:
		check := cmd.Args
		cmd.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{err: err, help: cmd.CommandPath()}
			}
			return nil
		}
	}
	for _, c := range cmd.Commands() {
		checkArgs(c)
	}
}

// suggestCommands returns the subcommands nearest to a misspelt one: those
// it begins (v: validate, version), else those at the least distance, at
// most two edits (lnt: lint, not init).
func suggestCommands(cmd *cobra.Command, typed string) []string {
	var prefixed, near []string
	best := 3
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		name := c.Name()
		if strings.HasPrefix(name, strings.ToLower(typed)) {
			prefixed = append(prefixed, name)
			continue
		}
		switch d := validation.Distance(strings.ToLower(typed), name); {
		case d < best:
			best, near = d, []string{name}
		case d == best:
			near = append(near, name)
		}
	}
	if len(prefixed) > 0 {
		return prefixed
	}
	sort.Strings(near)
	return near
}

// unknownCommand is the argument check of a command that groups others: an
// argument is a subcommand that does not exist.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := suggestCommands(cmd, args[0]); len(s) > 0 {
		for i := range s {
			s[i] = strconv.Quote(s[i])
		}
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageError{err: errors.New(msg), help: cmd.CommandPath()}
}

// newHelp is the help command. Cobra's prints the root's usage and exits 0
// for a topic that does not exist; here `factsheet help lnt` is the same
// usage error as `factsheet lnt`, with the same suggestion.
func newHelp(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long: `Help provides help for any command in the application.
Simply type ` + root.DisplayName() + ` help [path to command] for full details.`,
		Args: cobra.ArbitraryArgs,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil {
				return usageError{err: err, help: root.CommandPath()}
			}
			if len(rest) > 0 && cmd.HasSubCommands() {
				return unknownCommand(cmd, rest)
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}
