package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ecanplus/factsheet/internal/atomicfile"
	"github.com/ecanplus/factsheet/internal/changed"
	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/output"
	"github.com/ecanplus/factsheet/internal/source"
	"github.com/ecanplus/factsheet/internal/template"
	"github.com/ecanplus/factsheet/internal/walk"
)

// checkFlags are the flags of the commands that check files (validate, lint).
type checkFlags struct {
	formats     []string
	stdinName   string
	inputFormat string
	tracked     trackedFlag
	templates   templateFlags
	exclude     []string
	jobs        int
	failOn      string
	quiet       bool
	statistics  bool
	maxWarnings int // -1: no limit
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
	// fix, with lint --fix, fixes each file after it is checked.
	fix *fixRun
	// registryFor is the templates a file may follow (its configuration's
	// and --template-file's); nil for the built-in ones alone.
	registryFor func(path string) (*template.Registry, error)
}

// useTemplates builds the template registry of every file's configuration
// before any file is read, so that a template that cannot be used stops the
// run (exit 2) with nothing reported yet, and makes each file read with its
// own.
func (c *checkFlags) useTemplates(run *runConfig, files []string) error {
	c.registryFor = func(path string) (*template.Registry, error) {
		if path == walk.Stdin {
			path = c.stdinName
		}
		cfg, err := run.config(path)
		if err != nil {
			return nil, err
		}
		return c.templates.registry(cfg)
	}
	if run.configs.Named() {
		_, err := c.registryFor("")
		return err
	}
	for _, f := range files {
		if _, err := c.registryFor(f); err != nil {
			return err
		}
	}
	if len(files) == 0 {
		_, err := c.templates.registry(nil)
		return err
	}
	return nil
}

func (c *checkFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVarP(&c.formats, "format", "f", []string{"text"},
		"output format: "+strings.Join(output.Formats, ", ")+"; repeat for several, FORMAT=FILE writes one to a file")
	f.StringVar(&c.stdinName, "stdin-filename", "<stdin>", "name to report for standard input (-); its extension selects the form")
	c.tracked.register(cmd)
	c.templates.register(cmd, true)
	f.StringVar(&c.inputFormat, "input-format", "auto", "the input form: auto (by extension, then content), yaml, json, md or docx")
	f.StringArrayVar(&c.exclude, "exclude", nil, "skip files and directories matching this glob in directory walks (repeatable)")
	// The default is 0, not runtime.NumCPU(): help and the generated docs
	// must read the same on every machine.
	f.IntVarP(&c.jobs, "jobs", "j", 0, "files checked in parallel (0: one per CPU)")
	f.StringVar(&c.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning or info")
	f.IntVar(&c.maxWarnings, "max-warnings", -1, "exit 1 when there are more than this many warnings, whatever --fail-on says (-1: no limit)")
	f.BoolVarP(&c.quiet, "quiet", "q", false, "text output: the findings only, one line each (no source lines, hints or summary)")
	f.BoolVar(&c.statistics, "statistics", false, "text output: how many findings each rule reported, instead of the findings")
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

// extraFunc returns the findings a command adds to a file's own (the lint
// rules'), with the file's configuration.
type extraFunc func(r *load.Result, cfg *config.Config) []finding.Finding

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
func (g *globals) runCheck(ctx context.Context, paths []string, c *checkFlags, run *runConfig, command string, extra extraFunc) error {
	go func() { load.Warm(); lint.Warm() }() // on a spare core, while the files are read
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
	if c.maxWarnings < -1 {
		return usagef("invalid --max-warnings %d: need 0 or more, or -1 for no limit", c.maxWarnings)
	}
	dests, err := c.destinations()
	if err != nil {
		return err
	}
	if c.quiet || c.statistics {
		text := false
		for _, d := range dests {
			text = text || d.format == "text"
		}
		if !text {
			flag := "--quiet"
			if c.statistics {
				flag = "--statistics"
			}
			return usagef("%s changes the text output, and no --format text is asked for", flag)
		}
	}
	paths, err = c.paths(g, paths)
	if err != nil {
		return err
	}
	var skipped []string
	wo := walk.Options{Exclude: c.exclude, Sniff: load.SniffDocument,
		Skipped: func(p, form string) { skipped = append(skipped, p+" ("+form+")") }}
	// A path found in a walk is ignored by the configuration nearest
	// above it (the one of its directory's files).
	var ignoreErr error
	wo.Ignore = func(p string) bool {
		cfg, err := run.config(p)
		if err != nil {
			ignoreErr = cmp.Or(ignoreErr, err)
			return false
		}
		// The repository's templates (templates:) are JSON beside the
		// factsheets: read as factsheets they reported a dozen errors each.
		return cfg.Ignored(p) || cfg.IsTemplate(p)
	}
	files, err := walk.Expand(paths, wo)
	if ignoreErr != nil {
		return ignoreErr
	}
	if len(skipped) > 0 && !c.quiet {
		// Said once, on standard error: reports stay about what was read.
		fmt.Fprintf(g.io.ErrOut, "factsheet: note: %s not checked, in a form that cannot be read reliably (save as .docx, or check the Markdown/text): %s\n",
			pluralize(len(skipped), "file"), output.Sanitize(strings.Join(skipped, ", ")))
	}
	if err != nil {
		return asUsage(err)
	}
	files = c.baseline.leaveOut(files, paths)
	// A --template-file beside the factsheets is a JSON Schema, not one.
	files = leaveOut(files, paths, c.templates.files)
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
	all, err := run.files(files, c.stdinName)
	if err != nil {
		return err
	}
	for _, cfg := range all {
		others = append(others, protected{"the configuration file", cfg.Path})
		// A report over a template would replace the repository's
		// template, which the run reads (a report file needs no --force).
		for _, t := range cfg.TemplatePaths() {
			others = append(others, protected{"a template file of the configuration", t})
		}
	}
	for _, t := range c.templates.files {
		others = append(others, protected{"the --template-file", t})
	}
	others = append(others, c.baseline.protect()...)
	if err := checkReports(dests, files, paths, others); err != nil {
		return err
	}
	if c.changedSince != "" {
		wd, _ := os.Getwd()
		changedFiles, err := changed.Since(ctx, wd, c.changedSince)
		if err != nil {
			return usagef("--changed-since: %v", err)
		}
		files = keepChanged(files, changedFiles)
	}
	if countStdin(files) > 0 && countStdin(paths) > 1 {
		return usagef("standard input (-) can be read only once")
	}
	used, err := run.files(files, c.stdinName)
	if err != nil {
		return err
	}
	if c.fix != nil && c.fix.diff {
		dests = nil // the diff goes to standard output, the findings nowhere
	}
	sinks, err := g.openSinks(dests, output.Options{Command: command, Version: version(), Quiet: c.quiet, Statistics: c.statistics, FailOn: failOn})
	if err != nil {
		return err
	}
	if c.fix != nil && c.fix.diff {
		sinks.abort()
		sinks.printers, sinks.files, sinks.formats = nil, nil, nil
	}
	defer sinks.abort()
	var sum output.Summary
	readOpts, err := c.tracked.options(form)
	if err != nil {
		return err
	}
	readOpts.Template = c.templates.name
	if err := c.useTemplates(run, files); err != nil {
		return err
	}
	if c.fix != nil {
		c.fix.unsafeFor = func(path string) bool {
			if path == walk.Stdin {
				path = c.stdinName
			}
			cfg, _ := run.config(path) // read above: no error left
			return cfg != nil && cfg.FixUnsafe
		}
	}
	err = g.stream(files, c, readOpts, func(r *load.Result) []finding.Finding {
		// Resolved above: no error left.
		cfg, _ := run.config(r.Name)
		fs := r.Findings
		if extra != nil {
			fs = append(fs, extra(r, cfg)...)
		}
		// Inline suppressions first (whether one is unused is known only
		// when every rule ran: lint), then identities before the
		// configuration: waivers name items.
		fs = lint.Suppress(r, fs, command == "lint")
		identity.Stamp(r.Model, fs)
		return cfg.Apply(r.Name, fs, run.today)
	}, func(r *load.Result) error {
		if c.factsheetsOnly && load.Unrelated(r) {
			return nil
		}
		if c.fix != nil {
			ff := c.fix.take(r)
			c.fix.note(g, ff)
			if c.fix.diff {
				c.baseline.filter(r)
				for _, f := range r.Findings {
					sum.Counts.Add(f)
				}
				_, err := io.WriteString(g.io.Out, ff.diff)
				return err
			}
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
	for _, cfg := range used {
		// Waivers that expired, and (when whole directories were checked)
		// waivers that matched nothing: findings in the configuration file.
		if wf := cfg.WaiverFindings(run.today, allDirs(paths)); len(wf) > 0 {
			if err := sinks.file(&load.Result{Name: cfg.Path, File: cfg.File, Findings: wf}, &sum); err != nil {
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
	if c.fix != nil {
		c.fix.summary(g, sum.Counts.Errors+sum.Counts.Warnings+sum.Counts.Infos)
		if c.fix.diff {
			if c.fix.fixed > 0 {
				return errFindings // something to fix: CI fails
			}
			return nil
		}
	}
	if sum.Counts.AtLeast(failOn) {
		return errFindings
	}
	if c.maxWarnings >= 0 && sum.Counts.Warnings > c.maxWarnings {
		// As ESLint says it: the exit status needs a reason the
		// findings alone do not give.
		fmt.Fprintf(g.io.ErrOut, "factsheet: %s, more than --max-warnings %d allows\n", pluralize(sum.Counts.Warnings, "warning"), c.maxWarnings)
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

func (g *globals) loadOne(path string, c *checkFlags, opts load.Options, check checkFunc) (res *load.Result, err error) {
	if c.registryFor != nil {
		if opts.Templates, err = c.registryFor(path); err != nil {
			return nil, err
		}
	}
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
	res.Findings = finding.Sort(res.Relocate(check(res)))
	identity.Number(res.Findings)
	if c.fix != nil {
		res = c.fix.apply(res, path, opts, check)
	}
	return res, nil
}

// files returns the configuration files of the files (standard input
// named by stdinName), each once, by path: every configuration is read
// here, so that a bad one is a usage error before any file is.
func (run *runConfig) files(files []string, stdinName string) ([]*config.Config, error) {
	seen := map[*config.Config]bool{}
	var out []*config.Config
	add := func(cfg *config.Config) {
		if cfg != nil && cfg.Path != "" && !seen[cfg] {
			seen[cfg] = true
			out = append(out, cfg)
		}
	}
	if run.configs.Named() {
		cfg, err := run.config("")
		add(cfg)
		return out, err
	}
	for _, f := range files {
		if f == walk.Stdin {
			f = stdinName
		}
		cfg, err := run.config(f)
		if err != nil {
			return nil, err
		}
		add(cfg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// sinks are the printers of one run, each with where it writes.
type sinks struct {
	printers []output.Printer
	files    []*atomicfile.File // nil for standard output
	formats  []string
}

// openSinks creates every destination before any file is read, so a report
// file that cannot be written is a usage error up front. When nothing goes
// to standard output (every format to a report file), the text output's
// summary line goes to standard error, as golangci-lint does: a run never
// fails without saying why. A format on standard output (JSON for a
// script, GitHub annotations) is left alone there, and so is standard error.
func (g *globals) openSinks(dests []destination, base output.Options) (*sinks, error) {
	s := &sinks{}
	toStdout := false
	for _, d := range dests {
		toStdout = toStdout || placeOf(d.path).fd == 1
		opts := base
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
			opts.Color = d.format == "text" && g.colorOut
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
	if !toStdout {
		s.printers = append(s.printers, output.NewSummaryLine(g.io.ErrOut, output.Options{Color: g.colorErr}))
		s.files = append(s.files, nil)
		s.formats = append(s.formats, "summary")
	}
	return s, nil
}

// file prints one file's report to every printer and counts its findings.
func (s *sinks) file(r *load.Result, sum *output.Summary) error {
	for _, f := range r.Findings {
		sum.Counts.Add(f)
	}
	rep := report(r, r.Findings)
	for i, p := range s.printers {
		if err := p.File(rep); err != nil {
			return fmt.Errorf("writing the %s output: %w", s.formats[i], err)
		}
	}
	return nil
}

// report is what the printers get of a file: its findings, its text for
// excerpts, and the names of its parts for people.
func report(r *load.Result, fs []finding.Finding) output.Report {
	rep := output.Report{Name: r.Name, Source: r.File, Findings: fs}
	if r.Model != nil {
		rep.Place = r.Model.Place
		rep.Country = r.Model.Country.Code
	}
	return rep
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
