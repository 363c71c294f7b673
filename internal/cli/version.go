package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the module version from the build info ("(devel)" for a local
// build), with the VCS revision when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	return v
}

func newVersion(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bi, ok := debug.ReadBuildInfo()
			if !ok {
				fmt.Fprintln(g.io.Out, "factsheet unknown (no build information)")
				return nil
			}
			rev, when, dirty := "", "", ""
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.time":
					when = s.Value
				case "vcs.modified":
					if s.Value == "true" {
						dirty = " (modified)"
					}
				}
			}
			fmt.Fprintf(g.io.Out, "factsheet %s\n", version())
			if rev != "" {
				fmt.Fprintf(g.io.Out, "commit:  %s%s %s\n", rev, dirty, when)
			}
			fmt.Fprintf(g.io.Out, "go:      %s\n", bi.GoVersion)
			return nil
		},
	}
}
