package changed_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/changed"
	"github.com/ecanplus/factsheet/internal/testenv"
)

// repo makes a git repository with two committed factsheets and returns
// its root (symbolic links resolved, as git reports it).
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testenv.Missing(t, "git is not installed")
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	git(t, dir, "init", "-q")
	git(t, dir, "config", "user.email", "ci@example.invalid")
	git(t, dir, "config", "user.name", "CI")
	write(t, dir, "factsheets/BE.yaml", "country: BE\n")
	write(t, dir, "factsheets/NL.yaml", "country: NL\n")
	write(t, dir, "factsheets/AT.yaml", "country: AT\n")
	write(t, dir, ".gitignore", "*.log\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rels(t *testing.T, root string, files []string) []string {
	var out []string
	for _, f := range files {
		if !filepath.IsAbs(f) {
			t.Errorf("%s is not absolute", f)
		}
		r, _ := filepath.Rel(root, f)
		out = append(out, filepath.ToSlash(r))
	}
	slices.Sort(out)
	return out
}

// TestSince: committed, staged, unstaged and untracked changes count; a
// deleted file does not (nothing to check); ignored files do not; a rename
// gives the new name; odd names survive (-z).
func TestSince(t *testing.T) {
	root := repo(t)
	write(t, root, "factsheets/BE.yaml", "country: BE\ntitle: committed\n")
	git(t, root, "commit", "-q", "-am", "second")
	write(t, root, "factsheets/staged.yaml", "x\n")
	git(t, root, "add", "factsheets/staged.yaml")
	write(t, root, "factsheets/NL.yaml", "country: NL\ntitle: unstaged\n")
	write(t, root, "factsheets/new file\twith tab.yaml", "x\n")
	write(t, root, "debug.log", "ignored\n")
	git(t, root, "mv", "factsheets/AT.yaml", "factsheets/AT-renamed.yaml")
	write(t, root, "gone.yaml", "x\n")
	git(t, root, "add", "gone.yaml")
	git(t, root, "commit", "-q", "-m", "third")
	git(t, root, "rm", "-q", "gone.yaml")

	// From a subdirectory: paths are still the repository's.
	got, err := changed.Since(context.Background(), filepath.Join(root, "factsheets"), "HEAD~2")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"factsheets/AT-renamed.yaml", "factsheets/BE.yaml", "factsheets/NL.yaml", "factsheets/new file\twith tab.yaml", "factsheets/staged.yaml"}
	if r := rels(t, root, got); !slices.Equal(r, want) {
		t.Errorf("Since = %q\nwant  %q", r, want)
	}
	if got, err := changed.Since(context.Background(), root, "HEAD"); err != nil || slices.Contains(rels(t, root, got), "factsheets/BE.yaml") {
		t.Errorf("since HEAD: %v, %v (BE.yaml was committed before)", got, err)
	}
}

func TestSinceErrors(t *testing.T) {
	root := repo(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, dir, rev, msg string
	}{
		{"option as revision", root, "--output=/tmp/x", `invalid revision "--output=/tmp/x"`},
		{"unknown revision", root, "no-such-branch", `unknown revision "no-such-branch"`},
		{"not a repository", t.TempDir(), "HEAD", "git rev-parse: fatal: not a git repository"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := changed.Since(ctx, tc.dir, tc.rev)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Since = %v, want %q", err, tc.msg)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is more than one line: %q", err)
			}
		})
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := changed.Since(cancelled, root, "HEAD"); err == nil {
		t.Error("Since ran with a cancelled context")
	}
}

func TestWithin(t *testing.T) {
	base := filepath.Join(string(filepath.Separator), "repo")
	f := func(p string) string { return filepath.Join(base, filepath.FromSlash(p)) }
	files := []string{f("factsheets/BE.yaml"), f("factsheets-old/BE.yaml"), f("docs/x.md"), f("README.md")}
	got := changed.Within(files, []string{f("factsheets"), f("README.md")})
	if want := []string{f("factsheets/BE.yaml"), f("README.md")}; !slices.Equal(got, want) {
		t.Errorf("Within = %v, want %v (factsheets-old is not under factsheets)", got, want)
	}
	if got := changed.Within(files, nil); len(got) != 0 {
		t.Errorf("Within no paths = %v", got)
	}
}
