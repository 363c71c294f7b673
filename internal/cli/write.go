package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/inputfile"
)

// writeOut writes a command's result: to standard output when path is "",
// otherwise atomically to path, which is replaced only with --force (a
// device, pipe or descriptor such as /dev/stdout is written through).
func (g *globals) writeOut(path string, force bool, data []byte) error {
	if path == "" {
		_, err := g.io.Out.Write(data)
		return err
	}
	f, err := atomicfile.Create(path, atomicfile.Options{Overwrite: force})
	if err != nil {
		return outputError(path, err)
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return outputError(path, f.Commit())
}

// checkOutput is what writeOut will refuse, said before any work is done:
// the output is an input (named in the message when nameInput), a
// directory, or an existing file without --force. writeOut checks again
// when it writes (a file may appear meanwhile).
func checkOutput(out string, force, nameInput bool, inputs ...string) error {
	for _, in := range inputs {
		if samePlace(placeOf(in), placeOf(out)) {
			if !nameInput {
				return usagef("the output %s is the input file; write to another file", out)
			}
			return usagef("the output %s is the input file %s; write to another file", out, in)
		}
	}
	_, _, err := atomicfile.Target(out, atomicfile.Options{Overwrite: force})
	return outputError(out, err)
}

// outputError phrases atomicfile's refusals as usage errors.
func outputError(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, atomicfile.ErrExists):
		return usagef("%s exists; use --force to replace it", path)
	case errors.Is(err, atomicfile.ErrIsDir):
		return usagef("%s is a directory; give a file name", path)
	}
	return asUsage(err)
}

// place is where a path writes or reads: a descriptor of the process
// (standard output is descriptor 1), an existing file, or a name.
type place struct {
	fd   int // -1 when not a descriptor
	info os.FileInfo
	abs  string
}

// placeOf resolves a path; "" is standard output.
func placeOf(path string) place {
	if path == "" {
		return place{fd: 1}
	}
	if fd, ok := inputfile.Descriptor(path); ok {
		return place{fd: fd}
	}
	p := place{fd: -1}
	if st, err := os.Stat(path); err == nil {
		p.info = st
	}
	p.abs, _ = filepath.Abs(path)
	return p
}

// samePlace reports whether two places are the same file whatever the
// spelling: through ./, symbolic links or hard links (os.SameFile), or the
// same descriptor.
func samePlace(a, b place) bool {
	if a.fd >= 0 || b.fd >= 0 {
		return a.fd == b.fd
	}
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.info == nil && b.info == nil && a.abs == b.abs
}

// protected is a file of the run that no report may replace.
type protected struct{ what, path string }

// checkReports refuses, before anything is read or written, report
// destinations that would replace a file of the user's run or mix two
// reports in one file: a report path that is one of the files checked, the
// configuration or the --files-from list (in any spelling), and two formats
// to the same place (standard output included: /dev/stdout is standard
// output). A report path that exists and is not a regular file (a device,
// a pipe) cannot be an input; only regular files are compared with the
// inputs, and only when one exists (a stat per input). named are the paths
// the user gave: an input found in a directory walk instead can also be
// excluded.
func checkReports(dests []destination, inputs, named []string, others []protected) error {
	places := make([]place, len(dests))
	existing := false
	for i, d := range dests {
		places[i] = placeOf(d.path)
		existing = existing || (places[i].info != nil && places[i].info.Mode().IsRegular())
	}
	for i := range dests {
		for j := range i {
			if !samePlace(places[i], places[j]) {
				continue
			}
			if places[i].fd == 1 {
				return usagef("only one --format can write to standard output; give the others a file (FORMAT=FILE)")
			}
			return usagef("--format %s and --format %s both write to %s; give each report its own file",
				dests[j].format, dests[i].format, dests[i].path)
		}
	}
	if !existing {
		return nil
	}
	conflict := func(p string) (destination, bool) {
		st, err := os.Stat(p)
		if err != nil {
			return destination{}, false
		}
		for i, d := range dests {
			if info := places[i].info; info != nil && info.Mode().IsRegular() && os.SameFile(info, st) {
				return d, true
			}
		}
		return destination{}, false
	}
	for _, o := range others {
		if o.path == "" {
			continue
		}
		if d, ok := conflict(o.path); ok {
			return usagef("the %s report %s is %s; write the report to another file", d.format, d.path, o.what)
		}
	}
	isNamed := map[string]bool{}
	for _, p := range named {
		isNamed[filepath.Clean(p)] = true
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		d, ok := conflict(in)
		if !ok {
			continue
		}
		msg := fmt.Sprintf("the %s report %s is ", d.format, d.path)
		if filepath.Clean(in) != filepath.Clean(d.path) {
			msg += in + ", "
		}
		msg += "a file being checked; write the report to another file"
		if !isNamed[filepath.Clean(in)] {
			msg += " (or --exclude it from the walk)"
		}
		return usageError{err: errors.New(msg)}
	}
	return nil
}

// completeFactsheets completes path arguments to factsheet files.
func completeFactsheets(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml", "json", "md", "txt"}, cobra.ShellCompDirectiveFilterFileExt
}
