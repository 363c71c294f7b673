package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func write(t *testing.T, path, content string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemporaryFiles fails when a temporary file of this package is left in
// dir.
func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// create writes content to path with opts and commits it.
func create(path, content string, opts Options) error {
	f, err := Create(path, opts)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.WriteString(content); err != nil {
		return err
	}
	return f.Commit()
}

func TestCreateNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "BE.json")
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("{}\n")
	// Readers never see half a file: nothing at the name before Commit.
	if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the target exists before Commit: %v", err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "{}\n" {
		t.Errorf("content %q", got)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	noTemporaryFiles(t, dir)
	if err := f.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
	f.Abort() // after Commit: nothing to do, and the file stays
	if got := read(t, p); got != "{}\n" {
		t.Errorf("Abort after Commit changed the file: %q", got)
	}
}

func TestNoOverwriteOfAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "BE.yaml")
	write(t, p, "the user's factsheet\n", 0o644)
	err := create(p, "a report\n", Options{})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("Create over an existing file = %v, want ErrExists", err)
	}
	if got := read(t, p); got != "the user's factsheet\n" {
		t.Errorf("the file was changed: %q", got)
	}
	noTemporaryFiles(t, dir)
}

// TestNoOverwriteRace: the file appears after Create checked (another
// process, or a second run); Commit must not replace it. It did, with a
// rename, although this package's comment promised the opposite.
func TestNoOverwriteRace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "BE.json")
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	f.WriteString("converted\n")
	write(t, p, "written in between\n", 0o600)
	if err := f.Commit(); !errors.Is(err, ErrExists) {
		t.Fatalf("Commit = %v, want ErrExists", err)
	}
	if got := read(t, p); got != "written in between\n" {
		t.Errorf("the file created in between was replaced: %q", got)
	}
	noTemporaryFiles(t, dir)
}

// TestNoOverwriteConcurrent: many writers of one new name at once; exactly
// one wins, the file holds its content whole, the others get ErrExists.
func TestNoOverwriteConcurrent(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "BE.json")
	const n = 16
	files := make([]*File, n)
	for i := range files {
		f, err := Create(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "writer %d\n", i)
		files[i] = f
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = f.Commit() })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("writers %d and %d both committed", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, ErrExists):
			t.Errorf("writer %d: %v, want ErrExists", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no writer committed")
	}
	if got, want := read(t, p), fmt.Sprintf("writer %d\n", winner); got != want {
		t.Errorf("content %q, want %q", got, want)
	}
	noTemporaryFiles(t, dir)
}

func TestOverwriteKeepsPermissions(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	write(t, p, "old\n", 0o600)
	if err := create(p, "new\n", Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if got := read(t, p); got != "new\n" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v, want \"new\\n\" 0600", got, st.Mode().Perm())
	}
	noTemporaryFiles(t, dir)
}

// TestOverwriteThroughSymbolicLink: the link stays a link; the file it
// points to gets the content.
func TestOverwriteThroughSymbolicLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "reports", "lint.json")
	if err := os.Mkdir(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, real, "old\n", 0o644)
	link := filepath.Join(dir, "lint.json")
	if err := os.Symlink(filepath.Join("reports", "lint.json"), link); err != nil {
		t.Fatal(err)
	}
	if err := create(link, "new\n", Options{}); !errors.Is(err, ErrExists) {
		t.Errorf("without Overwrite: %v, want ErrExists", err)
	}
	if err := create(link, "new\n", Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	if got := read(t, real); got != "new\n" {
		t.Errorf("content %q", got)
	}
	noTemporaryFiles(t, dir)
	noTemporaryFiles(t, filepath.Dir(real))
}

// TestDanglingSymbolicLink: a name that exists, even as a link to nothing,
// is replaced only with Overwrite.
func TestDanglingSymbolicLink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "BE.json")
	if err := os.Symlink("missing.json", link); err != nil {
		t.Fatal(err)
	}
	if err := create(link, "x\n", Options{}); !errors.Is(err, ErrExists) {
		t.Errorf("Create = %v, want ErrExists", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("the link's target was created")
	}
	noTemporaryFiles(t, dir)
}

func TestNeverOverADirectory(t *testing.T) {
	for _, overwrite := range []bool{false, true} {
		t.Run(fmt.Sprintf("overwrite=%v", overwrite), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := Create(p, Options{Overwrite: overwrite}); err == nil || !strings.Contains(err.Error(), "is a directory") {
				t.Errorf("Create over a directory = %v", err)
			}
			// A directory that appears between Create and Commit.
			q := filepath.Join(dir, "later")
			f, err := Create(q, Options{Overwrite: overwrite})
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("x\n")
			if err := os.Mkdir(q, 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(q, "inside"), "kept\n", 0o644)
			if err := f.Commit(); err == nil {
				t.Error("Commit over a directory succeeded")
			}
			if got := read(t, filepath.Join(q, "inside")); got != "kept\n" {
				t.Errorf("the directory's content changed: %q", got)
			}
			noTemporaryFiles(t, dir)
		})
	}
}

func TestTemporaryFileRemovedOnErrors(t *testing.T) {
	dir := t.TempDir()
	t.Run("abort", func(t *testing.T) {
		f, err := Create(filepath.Join(dir, "a.json"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("half a report")
		f.Abort()
		f.Abort() // twice is fine
		if err := f.Commit(); err == nil {
			t.Error("Commit after Abort succeeded")
		}
		if _, err := os.Lstat(filepath.Join(dir, "a.json")); err == nil {
			t.Error("the target exists after Abort")
		}
		noTemporaryFiles(t, dir)
	})
	t.Run("missing directory", func(t *testing.T) {
		_, err := Create(filepath.Join(dir, "no", "such", "dir.json"), Options{})
		if err == nil || !strings.Contains(err.Error(), "cannot create") || strings.Contains(err.Error(), ".tmp-") {
			t.Errorf("Create = %v, want an error naming the file asked for", err)
		}
	})
	t.Run("commit after close", func(t *testing.T) {
		f, err := Create(filepath.Join(dir, "c.json"), Options{Overwrite: true})
		if err != nil {
			t.Fatal(err)
		}
		f.File.Close() // the sync in Commit fails
		if err := f.Commit(); err == nil {
			t.Error("Commit of a closed file succeeded")
		}
		noTemporaryFiles(t, dir)
	})
}

// TestNoHardLinks: where the file system cannot link, the target is created
// exclusively and filled; still never over an existing file.
func TestNoHardLinks(t *testing.T) {
	link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { link = os.Link }()
	dir := t.TempDir()
	p := filepath.Join(dir, "BE.json")
	if err := create(p, "content\n", Options{Perm: 0o640}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if got := read(t, p); got != "content\n" || st.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v", got, st.Mode().Perm())
	}
	q := filepath.Join(dir, "race.json")
	f, err := Create(q, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("mine\n")
	write(t, q, "theirs\n", 0o644)
	if err := f.Commit(); !errors.Is(err, ErrExists) {
		t.Errorf("Commit = %v, want ErrExists", err)
	}
	if got := read(t, q); got != "theirs\n" {
		t.Errorf("replaced: %q", got)
	}
	noTemporaryFiles(t, dir)
}

// TestWriteThroughDevice: a link to /dev/null is written through: /dev/null
// stays the device (renaming over it, as root, replaced it with a regular
// file), the link stays a link, no temporary file is made, and no --force
// is needed since nothing is replaced. The test goes through a link in its
// own directory so that a regression renames over the link, never over
// the real /dev/null.
func TestWriteThroughDevice(t *testing.T) {
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Skip("no /dev/null device on this system")
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "null.json")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	f, err := Create(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !f.WritesThrough() {
		t.Error("a device is not written through")
	}
	f.WriteString("report\n")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a device: %v %v", st.Mode(), err)
	}
	noTemporaryFiles(t, dir)
}

// TestRefusesBlockDevice: a report onto a disk is never what was meant.
// Only Target is called: nothing is opened.
func TestRefusesBlockDevice(t *testing.T) {
	entries, _ := os.ReadDir("/dev")
	for _, e := range entries {
		p := filepath.Join("/dev", e.Name())
		if st, err := os.Stat(p); err == nil && st.Mode()&fs.ModeDevice != 0 && st.Mode()&fs.ModeCharDevice == 0 {
			if _, _, err := Target(p, Options{Overwrite: true}); err == nil || !strings.Contains(err.Error(), "block device") {
				t.Errorf("Target(%s) = %v, want a refusal", p, err)
			}
			return
		}
	}
	t.Skip("no block device in /dev")
}
