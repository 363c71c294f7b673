package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/fix"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/walk"
)

// fixFlags are lint's --fix, --unsafe-fixes and --diff.
type fixFlags struct {
	fix, unsafe, diff bool
	given             []string // the flags of fixDiffRefuses given
}

// fixDiffRefuses are the flags --fix --diff cannot take: it writes nothing
// and prints no findings.
var fixDiffRefuses = []string{"format", "annotate", "write-baseline", "update-baseline", "statistics"}

// givenFlags lists the flags among names that the command line gave.
func givenFlags(cmd *cobra.Command, names ...string) []string {
	var out []string
	for _, n := range names {
		if cmd.Flags().Changed(n) {
			out = append(out, n)
		}
	}
	return out
}

func (f *fixFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&f.fix, "fix", false, "fix what can be fixed safely, in place (only files with fixes are written; docs/fixing.md)")
	fl.BoolVar(&f.unsafe, "unsafe-fixes", false, "with --fix: apply the unsafe fixes too (they may change what the factsheet says: review them)")
	fl.BoolVar(&f.diff, "diff", false, "with --fix: print the fixes as a unified diff and write nothing (exit 1 when there is something to fix)")
}

// check refuses the combinations that cannot mean anything, before any
// work. --diff writes nothing: a flag that writes a file goes against it.
func (f *fixFlags) check(args []string) (*fixRun, error) {
	switch {
	case !f.fix && f.unsafe:
		return nil, usagef("--unsafe-fixes goes with --fix")
	case !f.fix && f.diff:
		return nil, usagef("--diff goes with --fix: factsheet lint --fix --diff")
	case !f.fix:
		return nil, nil
	}
	if f.diff {
		if len(f.given) > 0 {
			return nil, usagef("--fix --diff prints the fixes and writes nothing: it does not take --%s", f.given[0])
		}
	} else {
		for _, a := range args {
			if a == walk.Stdin {
				return nil, usagef("--fix cannot write standard input back: use --fix --diff to see the fixes, or name the file")
			}
		}
	}
	return &fixRun{unsafe: f.unsafe, diff: f.diff}, nil
}

// fixRun is the state of --fix over a run: each file's outcome, from the
// workers to the printer, and the totals.
type fixRun struct {
	unsafe, diff bool
	// unsafeFor says whether a file's configuration asks for the unsafe
	// fixes (fix: {unsafe: true}).
	unsafeFor func(path string) bool

	mu       sync.Mutex
	outcomes map[*load.Result]fileFix

	fixed, files, changed int
	unwritten             int // findings whose fixes could not be written
}

// fileFix is what --fix did to one file.
type fileFix struct {
	diff      string // --diff
	fixed     int
	unwritten int    // findings fixed, but the file could not be written
	note      string // why the file was not fixed, or not written
}

// apply fixes one loaded file (with its findings as reported) and returns
// the result to report: the file as fixed (written unless --diff), or as it
// was when nothing was fixed or the fixed file could not be written.
func (fr *fixRun) apply(res *load.Result, path string, opts load.Options, check checkFunc) *load.Result {
	if res.Raw == nil {
		return res
	}
	reload := func(raw []byte) *load.Result {
		r := load.Bytes(res.Name, raw, opts)
		r.Findings = finding.Sort(r.Relocate(check(r)))
		identity.Number(r.Findings)
		return r
	}
	unsafe := fr.unsafe || fr.unsafeFor != nil && fr.unsafeFor(path)
	out := fix.File(res.Raw, res, fix.Options{Unsafe: unsafe, Reload: reload})
	ff := fileFix{}
	if out.Skipped != "" {
		ff.note = res.Name + " not fixed: " + out.Skipped
	}
	final := out.Result
	if out.Changed() {
		ff.fixed = out.Fixed
		if fr.diff {
			ff.diff = out.Diff() // nothing is written; the findings are those that would remain
		} else if err := writeFixed(path, res.Raw, out.Raw); err != nil {
			ff.note, ff.fixed, ff.unwritten = res.Name+" not fixed: "+err.Error(), 0, out.Fixed
			final = res
		}
	}
	fr.mu.Lock()
	if fr.outcomes == nil {
		fr.outcomes = map[*load.Result]fileFix{}
	}
	fr.outcomes[final] = ff
	fr.mu.Unlock()
	return final
}

// take returns (and forgets) what --fix did to a file, in the printer's
// order, and counts it.
func (fr *fixRun) take(r *load.Result) fileFix {
	fr.mu.Lock()
	ff := fr.outcomes[r]
	delete(fr.outcomes, r)
	fr.mu.Unlock()
	fr.fixed += ff.fixed
	fr.unwritten += ff.unwritten
	if ff.fixed > 0 {
		fr.changed++
	}
	fr.files++
	return ff
}

// writeFixed writes a fixed file in place of path, atomically, keeping its
// permissions (and a symbolic link a link: the file it points to is
// replaced). It writes only over a regular file the user may write, and
// only if the file still holds what was read: an editor that saved it
// meanwhile wins, and nothing is lost.
func writeFixed(path string, was, data []byte) error {
	target, through, err := atomicfile.Target(path, atomicfile.Options{Overwrite: true})
	if err != nil {
		return err
	}
	if through {
		return fmt.Errorf("it is not a regular file, and is never written over")
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("the file is read-only")
	}
	if n := atomicfile.Links(st); n > 1 {
		// Writing is atomic by renaming a new file into place, which would
		// give the fix to this name only and part it from the others.
		return fmt.Errorf("the file has %d names (hard links), which writing it anew would part; fix a copy, or apply the output of --fix --diff", n)
	}
	now, err := inputfile.Read(target, source.MaxSize)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, was) {
		return fmt.Errorf("the file changed while it was checked; run again")
	}
	f, err := atomicfile.Create(path, atomicfile.Options{Overwrite: true, Perm: st.Mode().Perm() & fs.ModePerm})
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return f.Commit()
}

// summary says, on standard error, what --fix did: as ruff says it, how
// many findings were fixed and how many remain.
func (fr *fixRun) summary(g *globals, remaining int) {
	if fr.unwritten > 0 {
		defer fmt.Fprintf(g.io.ErrOut, "factsheet: the fixes of %s were not written (see the notes above)\n", pluralize(fr.unwritten, "finding"))
	}
	if fr.fixed == 0 {
		what := "nothing to fix"
		if fr.unwritten > 0 {
			what = "nothing fixed"
		}
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s (%s remaining)\n", what, pluralize(remaining, "finding"))
		return
	}
	total := fr.fixed + remaining
	if fr.diff {
		fmt.Fprintf(g.io.ErrOut, "factsheet: found %s (%d fixable in %s, %d remaining after fixing)\n",
			pluralize(total, "finding"), fr.fixed, pluralize(fr.changed, "file"), remaining)
		return
	}
	fmt.Fprintf(g.io.ErrOut, "factsheet: found %s (%d fixed in %s, %d remaining)\n",
		pluralize(total, "finding"), fr.fixed, pluralize(fr.changed, "file"), remaining)
}

// note prints why a file was not fixed.
func (fr *fixRun) note(g *globals, ff fileFix) {
	if ff.note != "" {
		fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s\n", output.Sanitize(strings.TrimSpace(ff.note)))
	}
}
