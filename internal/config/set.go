package config

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Set is the configurations of one run. With a file named (--config), that
// file applies to every file checked. Otherwise each file is checked with
// the nearest configuration above it, as markdownlint-cli2 and ruff find
// theirs: the .factsheet.yaml (or .factsheet.yml) of the file's directory,
// else of its parent, and so on up to the root. Configurations are not
// merged: the nearest one is the whole configuration of the file, and its
// globs (ignore, waivers' file) are relative to its own directory. So
// `factsheet lint repo/sub/BE.txt` run from anywhere uses the repository's
// configuration, and one run over several repositories checks each file
// with its own.
//
// Each directory is looked up and each file read once per run; a Set is
// safe for concurrent use.
type Set struct {
	named  *Config
	adjust func(*Config) error

	mu     sync.Mutex
	dirs   map[string]string  // absolute directory -> the configuration found ("" none)
	loaded map[string]*Config // absolute configuration path -> configuration
	none   *Config            // for files without a configuration: nil, or the adjusted defaults
	wd     string
}

// NewSet starts the configurations of a run. named is the --config file
// ("" to look for the nearest); adjust, when not nil, is applied to every
// configuration as it is read, and to the defaults of files that have none
// (the command line's --enable and --disable).
func NewSet(named string, adjust func(*Config) error) (*Set, error) {
	s := &Set{adjust: adjust, dirs: map[string]string{}, loaded: map[string]*Config{}}
	s.wd, _ = os.Getwd()
	if named != "" {
		c, err := Load(named)
		if err != nil {
			return nil, err
		}
		if err := s.adjusted(c); err != nil {
			return nil, err
		}
		s.named = c
	}
	return s, nil
}

func (s *Set) adjusted(c *Config) error {
	if s.adjust == nil {
		return nil
	}
	return s.adjust(c)
}

// Named reports whether one configuration file was named for every file.
func (s *Set) Named() bool { return s.named != nil }

// For returns the configuration of a file (or of a directory found in a
// walk, for its ignore globs): the nearest configuration above it. A file
// without one gets nil (every rule at its default severity), or, when the
// command line adjusts rules, the adjusted defaults.
func (s *Set) For(path string) (*Config, error) {
	if s.named != nil {
		return s.named, nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return s.defaults()
	}
	return s.ForDir(filepath.Dir(abs))
}

// ForDir returns the configuration of the files of a directory: the one
// in it, or the nearest above.
func (s *Set) ForDir(dir string) (*Config, error) {
	if s.named != nil {
		return s.named, nil
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return s.defaults()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.find(dir)
	if p == "" {
		return s.defaultsLocked()
	}
	if c, ok := s.loaded[p]; ok {
		return c, nil
	}
	c, err := Load(s.display(p))
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(p)
	if err := s.adjusted(c); err != nil {
		return nil, err
	}
	s.loaded[p] = c
	return c, nil
}

// find looks for the configuration of dir upwards, remembering the answer
// for every directory on the way.
func (s *Set) find(dir string) string {
	var seen []string
	found := ""
	for d := dir; ; {
		if p, ok := s.dirs[d]; ok {
			found = p
			break
		}
		seen = append(seen, d)
		if p, ok := fileIn(d); ok {
			found = p
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, d := range seen {
		s.dirs[d] = found
	}
	return found
}

// fileIn returns the configuration file of one directory.
func fileIn(dir string) (string, bool) {
	for _, n := range Names {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, true
		}
	}
	return "", false
}

// display is how a configuration is named in messages and reports: relative
// to the current directory when it is below it, else absolute.
func (s *Set) display(abs string) string {
	if s.wd != "" {
		if r, err := filepath.Rel(s.wd, abs); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
	}
	return abs
}

func (s *Set) defaults() (*Config, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.defaultsLocked()
}

func (s *Set) defaultsLocked() (*Config, error) {
	if s.adjust == nil {
		return nil, nil
	}
	if s.none == nil {
		c := &Config{Rules: map[string]string{}}
		if err := s.adjust(c); err != nil {
			return nil, err
		}
		s.none = c
	}
	return s.none, nil
}

// Files returns the configuration files used so far, by path: those that
// report their own findings (expired and unused waivers) and that no report
// may overwrite.
func (s *Set) Files() []*Config {
	if s.named != nil {
		return []*Config{s.named}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Config, 0, len(s.loaded))
	for _, c := range s.loaded {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
