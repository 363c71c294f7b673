package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/buildinfo"
)

// version is the version reports record (SARIF's tool.driver.version):
// stamped by release builds, the module version for go install, "(devel)"
// otherwise (internal/buildinfo).
func version() string { return buildinfo.Get().Version }

// versionText is what `factsheet version` and `factsheet --version` print:
// the version, the commit and the Go version of the build, as stamped by a
// release build or recorded by the Go toolchain (internal/buildinfo).
func versionText() string {
	info := buildinfo.Get()
	var b strings.Builder
	fmt.Fprintf(&b, "factsheet %s\n", info.Version)
	if info.Commit != "" {
		line := info.Commit
		if info.Modified {
			line += " (modified)"
		}
		if info.Date != "" {
			line += " " + info.Date
		}
		fmt.Fprintf(&b, "commit:  %s\n", line)
	}
	if info.GoVersion != "" {
		fmt.Fprintf(&b, "go:      %s\n", info.GoVersion)
	}
	return b.String()
}

// versionOptions are version's flags: none beyond the shared ones.
type versionOptions struct {
	globalOptions
}

func newVersion(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Long: `version prints the version, the commit and the Go version of this build;
'factsheet --version' prints the same.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(cmd.Context(), &versionOptions{g.globalOptions}, g.io)
		},
	}
}

// runVersion is version once its command line is read.
func runVersion(_ context.Context, _ *versionOptions, s IOStreams) error {
	_, err := fmt.Fprint(s.Out, versionText())
	return err
}
