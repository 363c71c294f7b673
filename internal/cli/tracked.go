package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/load"
)

// trackedFlag is --tracked-changes: how a Word document with pending
// tracked changes is read, as Word's "Accept All" or "Reject All" would
// leave it.
type trackedFlag struct{ value string }

func (t *trackedFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&t.value, "tracked-changes", "accept", "read Word documents with every tracked change accepted or rejected: accept or reject")
	_ = cmd.RegisterFlagCompletionFunc("tracked-changes", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"accept", "reject"}, cobra.ShellCompDirectiveNoFileComp
	})
}

// options are the reading options with the form forced (or Auto).
func (t *trackedFlag) options(form load.Form) (load.Options, error) {
	switch strings.ToLower(t.value) {
	case "", "accept":
		return load.Options{Form: form}, nil
	case "reject":
		return load.Options{Form: form, RejectChanges: true}, nil
	}
	return load.Options{}, usagef("invalid --tracked-changes %q (want accept or reject)", t.value)
}
