package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/buildinfo"
)

// version is the version reports record (SARIF's tool.driver.version):
// stamped by release builds, the module version for go install, "(devel)"
// otherwise (internal/buildinfo).
func version() string { return buildinfo.Get().Version }

func newVersion(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info := buildinfo.Get()
			fmt.Fprintf(g.io.Out, "factsheet %s\n", info.Version)
			if info.Commit != "" {
				line := info.Commit
				if info.Modified {
					line += " (modified)"
				}
				if info.Date != "" {
					line += " " + info.Date
				}
				fmt.Fprintf(g.io.Out, "commit:  %s\n", line)
			}
			if info.GoVersion != "" {
				fmt.Fprintf(g.io.Out, "go:      %s\n", info.GoVersion)
			}
			return nil
		},
	}
}
