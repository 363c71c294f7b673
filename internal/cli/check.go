package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/changed"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/walk"
)

// checkFlags are the flags of the commands that check files (validate, lint).
type checkFlags struct {
	formats     []string
	stdinName   string
	inputFormat string
	tracked     trackedFlag
	exclude     []string
	jobs        int
	failOn      string
	// For hooks and CI on large repositories.
	changedSince   string
	filesFrom      string
	factsheetsOnly bool
	// onResult sees each file's result with its final findings, in order
	// (lint --annotate).
	onResult func(*load.Result) error
	// baseline, when lint has one, takes the findings it holds from each
	// file and reports its entries that no longer occur.
	baseline *baselineRun
}

func (c *checkFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVarP(&c.formats, "format", "f", []string{"text"},
		"output format: "+strings.Join(output.Formats, ", ")+"; repeat for several, FORMAT=FILE writes one to a file")
	f.StringVar(&c.stdinName, "stdin-filename", "<stdin>", "name to report for standard input (-); its extension selects the form")
	c.tracked.register(cmd)
	f.StringVar(&c.inputFormat, "input-format", "auto", "force the input form: yaml, json, md or docx (default: by extension, then content)")
	f.StringArrayVar(&c.exclude, "exclude", nil, "skip files and directories matching this glob in directory walks (repeatable)")
	// The default is 0, not runtime.NumCPU(): help and the generated docs
	// must read the same on every machine.
	f.IntVarP(&c.jobs, "jobs", "j", 0, "files checked in parallel (0: one per CPU)")
	f.StringVar(&c.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning or info")
	f.StringVar(&c.changedSince, "changed-since", "", "check only files changed since this git revision (default paths: the current directory)")
	f.StringVar(&c.filesFrom, "files-from", "", "read paths to check from this file, one per line (- for standard input)")
	f.BoolVar(&c.factsheetsOnly, "factsheets-only", false, "skip named files that are not factsheets (for hooks that pass every changed YAML, JSON or Markdown file)")
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("format", fixed(output.Formats...))
	_ = cmd.RegisterFlagCompletionFunc("input-format", fixed("auto", "yaml", "json", "md", "docx"))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixed("error", "warning", "info"))
}

// paths gathers the paths to check: the arguments, --files-from, and the
// current directory when only --changed-since narrows the choice.
func (c *checkFlags) paths(g *globals, args []string) ([]string, error) {
	paths := append([]string(nil), args...)
	if c.filesFrom != "" {
		listed, err := c.readFilesFrom(g, args)
		if err != nil {
			return nil, err
		}
		paths = append(paths, listed...)
		if len(paths) == 0 {
			return nil, nil // nothing named: nothing to check
		}
	}
	if len(paths) == 0 && c.changedSince != "" {
		paths = []string{"."}
	}
	if len(paths) == 0 && c.filesFrom == "" {
		return nil, usagef("no path given: name files or directories, - for standard input, or use --files-from or --changed-since")
	}
	return paths, nil
}

// maxPathLen is the longest line of a --files-from list taken as a path
// (Linux's PATH_MAX): anything longer is not a list of paths.
const maxPathLen = 4096

// readFilesFrom reads the --files-from list, one path per line: a regular
// file (or a descriptor) or standard input, at most source.MaxSize bytes,
// read with the same bound as every other input. A line that cannot be a
// path (a NUL byte, longer than any path) makes the list a usage error
// that names the line, not the line's content.
func (c *checkFlags) readFilesFrom(g *globals, args []string) ([]string, error) {
	var data []byte
	var err error
	name := c.filesFrom
	if c.filesFrom == walk.Stdin {
		if countStdin(args) > 0 {
			return nil, usagef("--files-from - and the path - both want standard input")
		}
		name = "standard input"
		data, err = inputfile.ReadAll(g.stdin(), source.MaxSize)
	} else {
		data, err = inputfile.Read(c.filesFrom, source.MaxSize)
	}
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, usagef("--files-from %s: the list is larger than the %d MiB limit", name, source.MaxSize>>20)
	case err != nil:
		return nil, usagef("--files-from: %v", err)
	}
	var paths []string
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		switch {
		case line == "":
			continue
		case strings.IndexByte(line, 0) >= 0:
			return nil, usagef("--files-from %s: line %d is not a path (it holds a NUL byte)", name, i+1)
		case len(line) > maxPathLen:
			return nil, usagef("--files-from %s: line %d is not a path (%d bytes, longer than any path)", name, i+1, len(line))
		}
		paths = append(paths, line)
	}
	return paths, nil
}

// destination is one --format value: a format and where it goes ("" is stdout).
type destination struct{ format, path string }

func (c *checkFlags) destinations() ([]destination, error) {
	var out []destination
	stdout := 0
	for _, spec := range c.formats {
		name, path, _ := strings.Cut(spec, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		if _, err := output.New(name, io.Discard, output.Options{}); err != nil {
			return nil, asUsage(err)
		}
		if path == "" {
			stdout++
		}
		out = append(out, destination{name, path})
	}
	if stdout > 1 {
		return nil, usagef("only one --format can write to standard output; give the others a file (FORMAT=FILE)")
	}
	return out, nil
}

// checkFunc returns the findings to report for a loaded file: its own, the
// lint rules', filtered by the configuration.
type checkFunc func(r *load.Result) []finding.Finding

// keepChanged keeps, in their order, the files that are among the changed
// ones.
func keepChanged(files, changedFiles []string) []string {
	set := map[string]bool{}
	for _, f := range changedFiles {
		set[f] = true
	}
	var out []string
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if f == walk.Stdin || (err == nil && set[abs]) {
			out = append(out, f)
		}
	}
	return out
}

// allDirs reports whether every path argument is a directory: only then
// can a waiver that matched nothing be called unused.
func allDirs(paths []string) bool {
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			return false
		}
	}
	return len(paths) > 0
}

// runCheck is the shared body of validate and lint: expand the paths, read
// and check every file (in parallel, results kept in argument order), print
// every report, and turn the findings into the exit status.
func (g *globals) runCheck(cmd *cobra.Command, paths []string, c *checkFlags, run *runConfig, command string, extra checkFunc) error {
	failOn, err := finding.ParseSeverity(c.failOn)
	if err != nil {
		return usagef("invalid --fail-on: %v", err)
	}
	form, err := load.ParseForm(c.inputFormat)
	if err != nil {
		return usagef("invalid --input-format: %v", err)
	}
	switch {
	case c.jobs < 0:
		return usagef("invalid --jobs %d: need 1 or more, or 0 for one per CPU", c.jobs)
	case c.jobs == 0:
		c.jobs = runtime.NumCPU()
	}
	dests, err := c.destinations()
	if err != nil {
		return err
	}
	paths, err = c.paths(g, paths)
	if err != nil {
		return err
	}
	var skipped []string
	wo := walk.Options{Exclude: c.exclude, Sniff: load.SniffDocument,
		Skipped: func(p, form string) { skipped = append(skipped, p+" ("+form+")") }}
	if run.cfg != nil {
		wo.Ignore = run.cfg.Ignored
	}
	files, err := walk.Expand(paths, wo)
	if len(skipped) > 0 {
		// Said once, on standard error: reports stay about what was read.
		fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s not checked, in a form that cannot be read reliably (save as .docx, or check the Markdown/text): %s\n",
			pluralize(len(skipped), "file"), output.Sanitize(strings.Join(skipped, ", ")))
	}
	if err != nil {
		return asUsage(err)
	}
	// A named pipe or a device named on the command line (or in the
	// --files-from list) is a usage error up front: opening a pipe would
	// wait for a writer, and a device never ends.
	for _, p := range paths {
		if p != walk.Stdin {
			if err := inputfile.Check(p); err != nil {
				return asUsage(err)
			}
		}
	}
	// Before --changed-since narrows the files: an unchanged factsheet is
	// still the user's file.
	others := []protected{{"the --files-from list", c.filesFrom}}
	if c.filesFrom == walk.Stdin {
		others = nil
	}
	if run.cfg != nil {
		others = append(others, protected{"the configuration file", run.cfg.Path})
	}
	others = append(others, c.baseline.protect()...)
	if err := checkReports(dests, files, paths, others); err != nil {
		return err
	}
	if c.changedSince != "" {
		wd, _ := os.Getwd()
		changedFiles, err := changed.Since(cmd.Context(), wd, c.changedSince)
		if err != nil {
			return usagef("--changed-since: %v", err)
		}
		files = keepChanged(files, changedFiles)
	}
	if countStdin(files) > 0 && countStdin(paths) > 1 {
		return usagef("standard input (-) can be read only once")
	}
	sinks, err := g.openSinks(dests, command)
	if err != nil {
		return err
	}
	defer sinks.abort()
	var sum output.Summary
	readOpts, err := c.tracked.options(form)
	if err != nil {
		return err
	}
	err = g.stream(files, c, readOpts, func(r *load.Result) []finding.Finding {
		fs := r.Findings
		if extra != nil {
			fs = append(fs, extra(r)...)
		}
		// Inline suppressions first (whether one is unused is known only
		// when every rule ran: lint), then identities before the
		// configuration: waivers name items.
		fs = lint.Suppress(r, fs, command == "lint")
		identity.Stamp(r.Model, fs)
		return run.cfg.Apply(r.Name, fs, run.today)
	}, func(r *load.Result) error {
		if c.factsheetsOnly && load.Unrelated(r) {
			return nil
		}
		c.baseline.filter(r)
		sum.Files++
		if c.onResult != nil {
			if err := c.onResult(r); err != nil {
				return err
			}
		}
		return sinks.file(r, &sum)
	})
	if err != nil {
		return err
	}
	if run.cfg != nil {
		// Waivers that expired, and (when whole directories were checked)
		// waivers that matched nothing: findings in the configuration file.
		if wf := run.cfg.WaiverFindings(run.today, allDirs(paths)); len(wf) > 0 {
			if err := sinks.file(&load.Result{Name: run.cfg.Path, File: run.cfg.File, Findings: wf}, &sum); err != nil {
				return err
			}
		}
	}
	if err := c.baseline.finish(g, sinks, &sum); err != nil {
		return err
	}
	if err := sinks.flush(sum); err != nil {
		return err
	}
	if sum.Counts.AtLeast(failOn) {
		return errFindings
	}
	return nil
}

func countStdin(paths []string) int {
	n := 0
	for _, p := range paths {
		if p == walk.Stdin {
			n++
		}
	}
	return n
}

// stream reads and checks the files in parallel (--jobs) and hands each
// result to emit in the order of the files, as soon as it and every file
// before it are done. A result is dropped once emitted, and workers stay at
// most a few files ahead of the printer: memory stays bounded whatever the
// number of files (a thousand factsheets held at once took 250 MB).
func (g *globals) stream(files []string, c *checkFlags, opts load.Options, check checkFunc, emit func(*load.Result) error) error {
	type done struct {
		i   int
		res *load.Result
		err error
	}
	jobs := min(c.jobs, len(files))
	window := make(chan struct{}, 4*max(jobs, 1)) // files in flight, not yet emitted
	work := make(chan int)
	results := make(chan done)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				res, err := g.loadOne(files[i], c, opts, check)
				select {
				case results <- done{i, res, err}:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range files {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case work <- i:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	pending := map[int]done{}
	next := 0
	var firstErr error
	for d := range results {
		if firstErr != nil {
			continue // drain
		}
		pending[d.i] = d
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if p.err != nil {
				firstErr = p.err
			} else if err := emit(p.res); err != nil {
				firstErr = err
			}
			if firstErr != nil {
				close(stop)
				break
			}
		}
	}
	return firstErr
}

func (g *globals) loadOne(path string, c *checkFlags, opts load.Options, extra checkFunc) (res *load.Result, err error) {
	if path == walk.Stdin {
		// Read by the one bounded reader, as convert and diff read it:
		// at most source.MaxSize bytes, however much is sent.
		if res, err = load.Reader(c.stdinName, g.stdin(), opts); err != nil {
			return nil, usagef("reading standard input: %v", err)
		}
	} else {
		res, err = loadPath(path, opts)
	}
	if err != nil {
		if errors.Is(err, load.ErrNotExist) {
			return nil, asUsage(err) // vanished between the walk and the read
		}
		// Exists but cannot be read (permissions, I/O): a finding in that
		// file, so the rest of the batch is still checked.
		return &load.Result{Name: path, Findings: []finding.Finding{{
			Rule: load.RuleUnreadable, Severity: finding.Error,
			Location: finding.Location{File: path},
			Message:  "cannot read the file: " + strings.TrimPrefix(err.Error(), path+": "),
		}}}, nil
	}
	res.Findings = finding.Sort(res.Relocate(extra(res)))
	identity.Number(res.Findings)
	return res, nil
}

// sinks are the printers of one run, each with where it writes.
type sinks struct {
	printers []output.Printer
	files    []*atomicfile.File // nil for standard output
	formats  []string
}

// openSinks creates every destination before any file is read, so a report
// file that cannot be written is a usage error up front.
func (g *globals) openSinks(dests []destination, command string) (*sinks, error) {
	s := &sinks{}
	for _, d := range dests {
		opts := output.Options{Command: command, Version: version()}
		var w io.Writer = g.io.Out
		var file *atomicfile.File
		if d.path != "" {
			f, err := atomicfile.Create(d.path, atomicfile.Options{Overwrite: true})
			if err != nil {
				s.abort()
				return nil, usagef("cannot write the %s report: %v", d.format, err)
			}
			file, w = f, f
		} else {
			opts.Color = d.format == "text" && g.useColor(g.io.Out)
		}
		p, err := output.New(d.format, w, opts)
		if err != nil {
			if file != nil {
				file.Abort()
			}
			s.abort()
			return nil, asUsage(err)
		}
		s.printers = append(s.printers, p)
		s.files = append(s.files, file)
		s.formats = append(s.formats, d.format)
	}
	return s, nil
}

// file prints one file's report to every printer and counts its findings.
func (s *sinks) file(r *load.Result, sum *output.Summary) error {
	for _, f := range r.Findings {
		sum.Counts.Add(f)
	}
	for i, p := range s.printers {
		if err := p.File(output.Report{Name: r.Name, Source: r.File, Findings: r.Findings}); err != nil {
			return fmt.Errorf("writing the %s output: %w", s.formats[i], err)
		}
	}
	return nil
}

// flush ends every printer and moves report files into place.
func (s *sinks) flush(sum output.Summary) error {
	for i, p := range s.printers {
		if err := p.Flush(sum); err != nil {
			return fmt.Errorf("writing the %s output: %w", s.formats[i], err)
		}
		if f := s.files[i]; f != nil {
			if err := f.Commit(); err != nil {
				return usagef("cannot write the %s report: %v", s.formats[i], err)
			}
		}
	}
	return nil
}

// abort discards report files not committed (after an error).
func (s *sinks) abort() {
	for _, f := range s.files {
		if f != nil {
			f.Abort()
		}
	}
}

// loadPath reads one named file through inputfile (a regular file or a
// descriptor such as <(...), opened without ever blocking) and the bounded
// reader of load. A path that does not exist wraps load.ErrNotExist.
func loadPath(path string, opts load.Options) (*load.Result, error) {
	fh, err := inputfile.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, load.ErrNotExist)
		}
		return nil, err
	}
	defer fh.Close()
	return load.Reader(path, fh, opts)
}
