// Package changed lists the files changed since a git revision, so a CI job
// on a repository of every country's factsheets checks only what a pull
// request touched.
package changed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Since returns the files changed between rev and the working tree
// (committed, staged or not, and new untracked files), as absolute paths.
// Deleted files are left out: there is nothing to check.
func Since(ctx context.Context, dir, rev string) ([]string, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("invalid revision %q", rev)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	root, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root = strings.TrimSpace(root)
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown revision %q", rev)
	}
	diff, err := git(ctx, root, "diff", "--name-only", "-z", "--diff-filter=ACMRT", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctx, root, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, name := range strings.Split(diff+untracked, "\x00") {
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, filepath.Join(root, filepath.FromSlash(name)))
	}
	return out, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("running git: %w", err)
	}
	return stdout.String(), nil
}

// Within keeps the files that are under one of the paths (files or
// directories, as given on the command line).
func Within(files, paths []string) []string {
	var roots []string
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			roots = append(roots, abs)
		}
	}
	var out []string
	for _, f := range files {
		for _, r := range roots {
			if f == r || strings.HasPrefix(f, r+string(filepath.Separator)) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
