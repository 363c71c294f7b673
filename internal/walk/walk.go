// Package walk expands the paths given on the command line into the list of
// files to check: files as given, directories recursively. The order is
// deterministic (arguments in order, each directory sorted), so output is
// the same on every machine and every run.
package walk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecanplus/factsheet/internal/glob"
	"github.com/ecanplus/factsheet/internal/inputfile"
)

// Stdin is the path that means standard input.
const Stdin = "-"

// Options control the walk.
type Options struct {
	// Exclude holds globs (internal/glob's dialect, where ** crosses
	// directories) of files and directories to skip, matched against the
	// path as the walk names it - under the argument as given, so relative
	// to the working directory for a relative argument - and against its
	// base name.
	Exclude []string
	// Ignore reports paths to skip (the configuration's ignore globs); it is
	// applied to files and directories found in walks, not to files named
	// on the command line.
	Ignore func(path string) bool
	// Sniff reports whether a Markdown or text file found in a directory is
	// a factsheet document; nil means none are.
	Sniff func(head []byte) bool
	// Skipped is told of each file found in a directory walk that is left
	// out because of its form (a PDF, a legacy .doc, an .odt), so that the
	// command can say so once instead of dropping it silently.
	Skipped func(path, form string)
}

// ErrNoFiles is returned for a directory argument that holds no factsheet.
var ErrNoFiles = errors.New("no factsheet files found")

// factsheetExt are the extensions a directory walk always takes.
var factsheetExt = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".docx": true}

// unreadableExt are the forms a factsheet is often saved in that cannot be
// read reliably: reported as skipped, not silently dropped.
var unreadableExt = map[string]string{".pdf": "PDF", ".doc": "legacy Word (.doc)", ".odt": "OpenDocument (.odt)", ".rtf": "RTF"}

// documentExt are the extensions taken when the content looks like a
// factsheet document (a README.md beside the factsheets is not one).
var documentExt = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// Expand returns the files to check. A path that does not exist is an error
// (a usage error for the command layer), as is a directory without any
// factsheet file. "-" is passed through for standard input.
func Expand(paths []string, opts Options) ([]string, error) {
	exclude := make([]glob.Pattern, 0, len(opts.Exclude))
	for _, g := range opts.Exclude {
		p, err := glob.Compile(g)
		if err != nil {
			return nil, fmt.Errorf("invalid exclude pattern %q: %w", g, err)
		}
		exclude = append(exclude, p)
	}
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if p == Stdin {
			add(p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, fmt.Errorf("%s: %w", p, unwrap(err))
		}
		if !st.IsDir() {
			add(p) // named explicitly: checked whatever its extension
			continue
		}
		n := len(out)
		if err := walkDir(p, opts, exclude, add); err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: %w (looked for *.yaml, *.yml, *.json, Word documents *.docx and factsheet documents *.md, *.txt)", p, ErrNoFiles)
		}
	}
	return out, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// walkDir walks root in lexical order. Hidden entries, .git and
// node_modules are skipped; symbolic links to directories are not followed
// (so link loops cannot trap the walk).
func walkDir(root string, opts Options, exclude []glob.Pattern, add func(string)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fmt.Errorf("%s: %w", p, unwrap(err))
			}
			return fmt.Errorf("%s: %w", p, unwrap(err))
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if excluded(p, name, exclude) || (p != root && opts.Ignore != nil && opts.Ignore(p)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		if strings.HasPrefix(name, "~$") {
			return nil // Word's lock file beside an open document
		}
		switch {
		case factsheetExt[ext]:
			add(p)
		case documentExt[ext] && opts.Sniff != nil && sniff(p, opts.Sniff):
			add(p)
		case unreadableExt[ext] != "" && opts.Skipped != nil:
			opts.Skipped(p, unreadableExt[ext])
		}
		return nil
	})
}

func excluded(p, name string, globs []glob.Pattern) bool {
	for _, g := range globs {
		if g.Match(name) || g.Match(p) {
			return true
		}
	}
	return false
}

// sniff reads the start of a file and asks whether it is a factsheet. It
// opens through inputfile, which never blocks: the entry was a regular
// file when listed, but may have become a named pipe since.
func sniff(p string, f func([]byte) bool) bool {
	fh, err := inputfile.Open(p)
	if err != nil {
		return true // let the reader report the problem
	}
	defer fh.Close()
	head, _ := io.ReadAll(io.LimitReader(fh, 64<<10))
	return f(head)
}
