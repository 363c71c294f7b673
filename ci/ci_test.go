// Package ci tests the scripts and make targets that test the project: they
// keep promises too (a skip on CI is a failure, update-golden rewrites only
// what it can, the hand-reviewed golden is never rewritten by the way).
package ci

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/testenv"
)

const root = ".."

func need(t *testing.T, prog string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		testenv.Missing(t, "%s is not installed", prog)
	}
	return p
}

// TestHooksTestFailsOnCIWithoutPreCommit: ci/hooks-test.sh exited 0 when
// pre-commit was missing, so CI passed without testing the hooks.
func TestHooksTestFailsOnCIWithoutPreCommit(t *testing.T) {
	bash := need(t, "bash")
	empty := t.TempDir() // a PATH without pre-commit
	for _, tc := range []struct {
		ci   string
		code int
		out  string
	}{
		{ci: "true", code: 1, out: "FAIL: pre-commit is not installed, and CI=true"},
		{ci: "", code: 0, out: "hooks test skipped: pre-commit is not installed"},
	} {
		cmd := exec.Command(bash, filepath.Join(root, "ci", "hooks-test.sh"))
		cmd.Env = []string{"PATH=" + empty, "CI=" + tc.ci, "HOME=" + empty}
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(string(out), tc.out) {
			t.Errorf("CI=%q: exit %d, want %d; output:\n%s", tc.ci, code, tc.code, out)
		}
	}
}

// packagesWithUpdateFlag lists the packages (./internal/x) whose tests
// define -update.
func packagesWithUpdateFlag(t *testing.T) []string {
	var pkgs []string
	for _, top := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err == nil && bytes.Contains(b, []byte(`flag.Bool("update"`)) {
				rel, _ := filepath.Rel(root, filepath.Dir(p))
				pkgs = append(pkgs, "./"+filepath.ToSlash(rel))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(pkgs)
	return slices.Compact(pkgs)
}

// TestUpdateGoldenOnlyWhereTheFlagExists: make update-golden ran
// go test ./... -update, which fails in every package without the flag.
func TestUpdateGoldenOnlyWhereTheFlagExists(t *testing.T) {
	mk := need(t, "make")
	cmd := exec.Command(mk, "-s", "-n", "update-golden")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make -n update-golden: %v", err)
	}
	fields := strings.Fields(string(out))
	if len(fields) < 4 || fields[1] != "test" || fields[len(fields)-1] != "-update" {
		t.Fatalf("make update-golden runs %q, want go test PACKAGES... -update", out)
	}
	got := fields[2 : len(fields)-1]
	want := packagesWithUpdateFlag(t)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("make update-golden updates %v, want exactly the packages defining -update: %v", got, want)
	}
	for _, p := range got {
		if p == "./..." {
			t.Errorf("make update-golden runs every package")
		}
	}
}

// TestSeedGoldenNotRewrittenByUpdate: the hand-reviewed seed golden has its
// own flag; -update (what make update-golden and make docs pass to
// internal/lint, for docs/rules.md) must leave it alone. The file is
// rewritten with the same content when it would be, so its modification
// time tells.
func TestSeedGoldenNotRewrittenByUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the lint tests")
	}
	gobin := need(t, "go")
	golden := filepath.Join(root, "internal", "lint", "testdata", "seed.golden")
	before, err := os.Stat(golden)
	if err != nil {
		t.Fatal(err)
	}
	// A modification time in the past, so that a rewrite shows even on a
	// file system with coarse timestamps.
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(golden, past, past); err != nil {
		t.Fatal(err)
	}
	defer os.Chtimes(golden, before.ModTime(), before.ModTime())
	cmd := exec.Command(gobin, "test", "-count=1", "-run", "^TestSeedFindings$", "./internal/lint", "-update")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test ./internal/lint -update: %v\n%s", err, out)
	}
	after, err := os.Stat(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(past) {
		t.Errorf("go test ./internal/lint -update rewrote %s (modified %v)", golden, after.ModTime())
	}
}
