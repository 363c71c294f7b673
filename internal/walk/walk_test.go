package walk_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/walk"
)

// tree makes files (content "x") and directories (names ending in /) under
// a new temporary directory, and returns it.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		content := "x"
		if strings.HasPrefix(filepath.Base(p), "fs-") {
			content = "FACTSHEET"
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rel makes the walk's paths relative to dir, slash-separated.
func rel(t *testing.T, dir string, paths []string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		if p == walk.Stdin {
			out = append(out, p)
			continue
		}
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func sniff(head []byte) bool { return strings.HasPrefix(string(head), "FACTSHEET") }

func expand(t *testing.T, dir string, opts walk.Options, args ...string) []string {
	t.Helper()
	var paths []string
	for _, a := range args {
		if a == walk.Stdin {
			paths = append(paths, a)
		} else {
			paths = append(paths, filepath.Join(dir, filepath.FromSlash(a)))
		}
	}
	got, err := walk.Expand(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rel(t, dir, got)
}

// TestOrder: arguments in order, each directory sorted, every file once —
// the output is the same on every machine and every run.
func TestOrder(t *testing.T) {
	dir := tree(t, "b/NL.yaml", "b/BE.json", "b/sub/AT.yml", "a/FR.yaml", "a/Z.YAML", "top.yaml")
	got := expand(t, dir, walk.Options{}, "b", "top.yaml", "a", "b/BE.json", "-", "top.yaml")
	want := []string{"b/BE.json", "b/NL.yaml", "b/sub/AT.yml", "top.yaml", "a/FR.yaml", "a/Z.YAML", "-"}
	if !slices.Equal(got, want) {
		t.Errorf("Expand = %v\nwant     %v", got, want)
	}
}

// TestWhatAWalkTakes: YAML and JSON always; Markdown and text only when
// Sniff says they are factsheet documents; hidden entries, node_modules
// and other files never. A file named explicitly is taken whatever it is.
func TestWhatAWalkTakes(t *testing.T) {
	dir := tree(t,
		"f/BE.yaml", "f/fs-BE.md", "f/README.md", "f/fs-NL.txt", "f/notes.txt", "f/fs-AT.markdown",
		"f/data.csv", "f/report.xml", "f/.hidden.yaml", "f/.git/x.yaml", "f/node_modules/p/package.json",
		"f/.cache/y.json", "f/sub/deep/DE.json")
	got := expand(t, dir, walk.Options{Sniff: sniff}, "f")
	want := []string{"f/BE.yaml", "f/fs-AT.markdown", "f/fs-BE.md", "f/fs-NL.txt", "f/sub/deep/DE.json"}
	if !slices.Equal(got, want) {
		t.Errorf("walk took %v\nwant %v", got, want)
	}
	if got := expand(t, dir, walk.Options{}, "f"); slices.Contains(got, "f/fs-BE.md") {
		t.Errorf("without Sniff a document was taken: %v", got)
	}
	if got := expand(t, dir, walk.Options{}, "f/data.csv", "f/.hidden.yaml", "f/README.md"); !slices.Equal(got, []string{"f/data.csv", "f/.hidden.yaml", "f/README.md"}) {
		t.Errorf("named files: %v", got)
	}
}

// TestSniffSeesTheStart: the sniffer gets the start of the file (at most
// 64 KiB), not the whole file.
func TestSniffSeesTheStart(t *testing.T) {
	dir := tree(t, "d/")
	big := strings.Repeat("y", 1<<20)
	if err := os.WriteFile(filepath.Join(dir, "d", "big.md"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	var seen int
	expandErr(t, dir, walk.Options{Sniff: func(head []byte) bool { seen = len(head); return false }}, "d")
	if seen == 0 || seen > 64<<10 {
		t.Errorf("the sniffer saw %d bytes", seen)
	}
}

func expandErr(t *testing.T, dir string, opts walk.Options, args ...string) error {
	t.Helper()
	var paths []string
	for _, a := range args {
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(a)))
	}
	_, err := walk.Expand(paths, opts)
	return err
}

func TestErrors(t *testing.T) {
	dir := tree(t, "empty/README.md", "f/BE.yaml")
	err := expandErr(t, dir, walk.Options{}, "missing.yaml")
	if err == nil || !strings.HasSuffix(err.Error(), "missing.yaml: no such file or directory") {
		t.Errorf("missing path: %v", err)
	}
	err = expandErr(t, dir, walk.Options{Sniff: sniff}, "f", "empty")
	if !errors.Is(err, walk.ErrNoFiles) || !strings.Contains(err.Error(), "empty: no factsheet files found") {
		t.Errorf("a directory without factsheets: %v", err)
	}
	if err := expandErr(t, dir, walk.Options{Exclude: []string{"["}}, "f"); err == nil || !strings.Contains(err.Error(), `invalid exclude pattern "["`) {
		t.Errorf("a malformed glob: %v", err)
	}
}

// TestExcludeAndIgnore: --exclude globs match base names and paths in
// walks; the configuration's ignore applies to what walks find, never to
// a file named on the command line.
func TestExcludeAndIgnore(t *testing.T) {
	dir := tree(t, "f/BE.yaml", "f/NL.yaml", "f/archive/2023/BE.yaml", "f/drafts/FR.json")
	got := expand(t, dir, walk.Options{Exclude: []string{"NL.yaml", "drafts"}}, "f")
	// Exclude patterns are matched against the path as given.
	got2 := expand(t, dir, walk.Options{Exclude: []string{filepath.ToSlash(filepath.Join(dir, "f", "archive"))}}, "f")
	if !slices.Equal(got, []string{"f/BE.yaml", "f/archive/2023/BE.yaml"}) {
		t.Errorf("exclude by name and path: %v", got)
	}
	if slices.Contains(got2, "f/archive/2023/BE.yaml") {
		t.Errorf("exclude by full path: %v", got2)
	}
	ignore := func(p string) bool { return strings.Contains(filepath.ToSlash(p), "/archive") }
	if got := expand(t, dir, walk.Options{Ignore: ignore}, "f"); slices.Contains(got, "f/archive/2023/BE.yaml") {
		t.Errorf("ignore in a walk: %v", got)
	}
	if got := expand(t, dir, walk.Options{Ignore: ignore}, "f/archive/2023/BE.yaml"); len(got) != 1 {
		t.Errorf("ignore applied to a named file: %v", got)
	}
}

// TestExcludeDoublestar: --exclude globs are doublestar's: ** crosses
// directories, including none; * stays in one. A relative argument makes
// the paths, and so the globs, relative to the working directory.
func TestExcludeDoublestar(t *testing.T) {
	dir := tree(t, "f/BE.yaml", "f/NL.yaml", "f/archive/2023/BE.yaml", "f/archive/2023/old/NL.yaml", "f/drafts/FR.json")
	t.Chdir(dir)
	expand := func(t *testing.T, _ string, opts walk.Options, arg string) []string {
		t.Helper()
		got, err := walk.Expand([]string{arg}, opts)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			got[i] = filepath.ToSlash(got[i])
		}
		return got
	}
	for _, c := range []struct {
		glob string
		want []string
	}{
		{"f/archive/**", []string{"f/BE.yaml", "f/NL.yaml", "f/drafts/FR.json"}},
		{"**/2023/**/*.yaml", []string{"f/BE.yaml", "f/NL.yaml", "f/drafts/FR.json"}},
		{"**/NL.yaml", []string{"f/BE.yaml", "f/archive/2023/BE.yaml", "f/drafts/FR.json"}},
		{"f/*/BE.yaml", []string{"f/BE.yaml", "f/NL.yaml", "f/archive/2023/BE.yaml", "f/archive/2023/old/NL.yaml", "f/drafts/FR.json"}},
		{"f/**/BE.yaml", []string{"f/NL.yaml", "f/archive/2023/old/NL.yaml", "f/drafts/FR.json"}},
		{"{drafts,old}", []string{"f/BE.yaml", "f/NL.yaml", "f/archive/2023/BE.yaml"}},
	} {
		if got := expand(t, dir, walk.Options{Exclude: []string{c.glob}}, "f"); !slices.Equal(got, c.want) {
			t.Errorf("--exclude %s: %v, want %v", c.glob, got, c.want)
		}
	}
	if err := expandErr(t, dir, walk.Options{Exclude: []string{"{drafts"}}, "f"); err == nil || !strings.Contains(err.Error(), `invalid exclude pattern "{drafts": a [ or { is not closed`) {
		t.Errorf("an unclosed brace: %v", err)
	}
}

// TestLinksAreNotFollowed: a link loop cannot trap the walk, and a link in
// a walk is not taken (a dangling one included).
func TestLinksAreNotFollowed(t *testing.T) {
	dir := tree(t, "f/BE.yaml", "other/NL.yaml")
	for name, target := range map[string]string{"loop": "..", "out": "../other", "dangling.yaml": "missing.yaml", "link.yaml": "BE.yaml"} {
		if err := os.Symlink(target, filepath.Join(dir, "f", name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	if got := expand(t, dir, walk.Options{}, "f"); !slices.Equal(got, []string{"f/BE.yaml"}) {
		t.Errorf("walk through links: %v", got)
	}
}
