package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

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

// versionText is what `factsheet version` and `factsheet --version` print:
// the version, the commit and the Go version of the build.
func versionText() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "factsheet unknown (no build information)\n"
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
	var b strings.Builder
	fmt.Fprintf(&b, "factsheet %s\n", version())
	if rev != "" {
		fmt.Fprintf(&b, "commit:  %s%s %s\n", rev, dirty, when)
	}
	fmt.Fprintf(&b, "go:      %s\n", bi.GoVersion)
	return b.String()
}

func newVersion(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Long: `version prints the version, the commit and the Go version of this build;
'factsheet --version' prints the same.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(g.io.Out, versionText())
			return err
		},
	}
}
