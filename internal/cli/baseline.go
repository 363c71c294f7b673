package cli

import (
	"fmt"

	"github.com/ecanplus/factsheet/internal/baseline"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/rules"
	"github.com/ecanplus/factsheet/internal/walk"
)

// baselineFlags are lint's --baseline, --write-baseline and
// --update-baseline.
type baselineFlags struct {
	use, write string
	update     bool
}

// baselineRun is a baseline in use during one run: the file read (use), or
// the entries being recorded (write), and the countries the run checked.
type baselineRun struct {
	flags   baselineFlags
	force   bool
	file    *baseline.Baseline
	entries []baseline.Entry
	checked map[string]bool
}

// start checks the flags and reads the baseline, before any file is: a
// baseline that cannot be read is a usage error, as a configuration is.
// It returns nil when no baseline flag was given.
func (f baselineFlags) start(args []string, force bool) (*baselineRun, error) {
	switch {
	case f.use == "" && f.write == "" && !f.update:
		return nil, nil
	case f.use != "" && f.write != "":
		return nil, usagef("--baseline and --write-baseline: use one (--write-baseline records the findings, --baseline reports what is new)")
	case f.update && f.use == "":
		return nil, usagef("--update-baseline needs --baseline FILE: the baseline to remove the fixed entries from")
	}
	b := &baselineRun{flags: f, force: force, checked: map[string]bool{}}
	if f.write != "" {
		var inputs []string
		for _, a := range args {
			if a != walk.Stdin {
				inputs = append(inputs, a)
			}
		}
		return b, checkOutput(f.write, force, true, inputs...)
	}
	bl, err := baseline.Load(f.use)
	if err != nil {
		if _, ok := err.(*baseline.Error); ok {
			return nil, usageError{err: err}
		}
		return nil, usagef("--baseline: %v", err)
	}
	b.file = bl
	return b, nil
}

// protect is the baseline file, which no report may replace.
func (b *baselineRun) protect() []protected {
	if b == nil {
		return nil
	}
	return []protected{{"the baseline", b.flags.use}, {"the baseline being written", b.flags.write}}
}

// leaveOut drops the baseline file (read or being written) from the files a
// directory walk found: it is YAML beside the factsheets, not a factsheet,
// and read as one it would report a dozen schema errors, which
// --write-baseline would then record in itself. A path named on the
// command line stays, as any file named explicitly does.
func (b *baselineRun) leaveOut(files, named []string) []string {
	if b == nil {
		return files
	}
	return leaveOut(files, named, []string{b.flags.use, b.flags.write})
}

// leaveOut drops from the files a walk found those that are one of own (in
// any spelling): files of the run that are not factsheets. Those named
// explicitly stay.
func leaveOut(files, named, own []string) []string {
	var places []place
	for _, p := range own {
		if p != "" {
			if pl := placeOf(p); pl.info != nil {
				places = append(places, pl)
			}
		}
	}
	if len(places) == 0 {
		return files
	}
	explicit := map[string]bool{}
	for _, n := range named {
		explicit[n] = true
	}
	kept := files[:0:0]
	for _, f := range files {
		drop := false
		if !explicit[f] && f != walk.Stdin {
			pf := placeOf(f)
			for _, o := range places {
				drop = drop || (pf.info != nil && samePlace(pf, o))
			}
		}
		if !drop {
			kept = append(kept, f)
		}
	}
	return kept
}

// filter takes from a file's findings those the baseline holds: with
// --baseline the findings it lists, with --write-baseline every finding it
// records. Findings of files that cannot be read are never in a baseline.
func (b *baselineRun) filter(r *load.Result) {
	if b == nil {
		return
	}
	country := ""
	if r.Model != nil {
		country = r.Model.Country.Code
		b.checked[country] = true
	}
	kept := r.Findings[:0:0]
	for _, f := range r.Findings {
		if rule, ok := rules.Lookup(f.Rule); (ok && rule.Fatal) || f.Fingerprint == "" {
			kept = append(kept, f)
			continue
		}
		switch {
		case b.file != nil && b.file.Has(f):
		case b.flags.write != "":
			b.entries = append(b.entries, baseline.Of(f, country))
		default:
			kept = append(kept, f)
		}
	}
	r.Findings = kept
}

// finish ends the run's baseline: it writes the baseline recorded, reports
// the entries that no longer occur as findings in the baseline file, or
// (--update-baseline) writes the baseline without them.
func (b *baselineRun) finish(g *globals, s *sinks, sum *output.Summary) error {
	switch {
	case b == nil:
		return nil
	case b.flags.write != "":
		if err := g.writeOut(b.flags.write, b.force, baseline.Encode(b.entries)); err != nil {
			return err
		}
		fmt.Fprintf(g.io.ErrOut, "factsheet: wrote the baseline %s: %s\n", b.flags.write, pluralize(len(b.entries), "finding"))
		return nil
	}
	fixed := b.file.Fixed(b.checked)
	if !b.flags.update {
		if fs := b.file.FixedFindings(fixed); len(fs) > 0 {
			return s.file(&load.Result{Name: b.file.Path, File: b.file.File, Findings: finding.Sort(fs)}, sum)
		}
		return nil
	}
	if len(fixed) == 0 {
		return nil // nothing to remove: the file stays as it is
	}
	kept := b.file.Without(fixed)
	// Replacing the baseline is what the flag asks for.
	if err := g.writeOut(b.flags.use, true, b.file.Remove(fixed)); err != nil {
		return err
	}
	entries := "entries"
	if len(fixed) == 1 {
		entries = "entry"
	}
	fmt.Fprintf(g.io.ErrOut, "factsheet: removed %d fixed %s from the baseline %s (%d left)\n", len(fixed), entries, b.flags.use, len(kept))
	return nil
}
