// Package glob is the one glob dialect of the tool, for the configuration's
// ignore and waiver globs and for --exclude: doublestar's
// (github.com/bmatcuk/doublestar/v4), matched against slash-separated
// paths. "*" and "?" stay within one path segment, "**" crosses
// directories (also none: a/**/b matches a/b), [abc] and [a-z] are
// classes, {a,b} alternatives, and a backslash quotes the next character.
//
// A pattern is checked once, when it is read (Compile), and then matched
// against every path of a walk without being parsed for errors again: the
// configuration reports a bad glob at its place in .factsheet.yaml before
// any file is checked, and --exclude before the walk starts.
//
// What a path is matched against is the caller's: the configuration
// matches paths relative to its own directory, --exclude the path as the
// walk names it (under the argument as given, so relative to the working
// directory for a relative argument) and its base name.
package glob

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Pattern is a checked glob.
type Pattern struct {
	src string
}

// Compile checks a glob. An empty glob, or one whose brackets or braces
// do not close, is an error; its message says what is wrong, and the
// caller names the glob.
func Compile(g string) (Pattern, error) {
	if strings.TrimSpace(g) == "" {
		return Pattern{}, errors.New("empty glob")
	}
	if !doublestar.ValidatePattern(g) {
		return Pattern{}, errors.New("a [ or { is not closed, or the glob ends in a \\")
	}
	return Pattern{src: g}, nil
}

// MustCompile is Compile for patterns known to be valid.
func MustCompile(g string) Pattern {
	p, err := Compile(g)
	if err != nil {
		panic(err)
	}
	return p
}

// String is the glob as written.
func (p Pattern) String() string { return p.src }

// Match reports whether a path (in the operating system's form or with
// slashes) matches the glob.
func (p Pattern) Match(path string) bool {
	if p.src == "" {
		return false
	}
	return doublestar.MatchUnvalidated(p.src, filepath.ToSlash(path))
}

// CompileAll checks several globs; the error names the first bad one.
func CompileAll(globs []string) ([]Pattern, error) {
	out := make([]Pattern, 0, len(globs))
	for _, g := range globs {
		p, err := Compile(g)
		if err != nil {
			return nil, fmt.Errorf("invalid glob %q: %w", g, err)
		}
		out = append(out, p)
	}
	return out, nil
}
