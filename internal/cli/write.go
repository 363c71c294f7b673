package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
)

// writeOut writes a command's result: to standard output when path is "",
// otherwise atomically to path, which is replaced only with --force.
func (g *globals) writeOut(path string, force bool, data []byte) error {
	if path == "" {
		_, err := g.io.Out.Write(data)
		return err
	}
	f, err := atomicfile.Create(path, atomicfile.Options{Overwrite: force})
	if err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return usagef("%s exists; use --force to replace it", path)
		}
		return asUsage(err)
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return asUsage(f.Commit())
}

// completeFactsheets completes path arguments to factsheet files.
func completeFactsheets(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml", "json", "md", "txt"}, cobra.ShellCompDirectiveFilterFileExt
}
