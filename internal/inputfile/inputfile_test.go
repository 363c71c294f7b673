package inputfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadRegularFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "BE.yaml")
	write(t, p, "template: ecan-plus-2025\n")
	got, err := Read(p, 1<<20)
	if err != nil || string(got) != "template: ecan-plus-2025\n" {
		t.Fatalf("Read = %q, %v", got, err)
	}
}

func TestReadLimit(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name    string
		size    int
		limit   int64
		tooBig  bool
		wantLen int
	}{
		{name: "empty", size: 0, limit: 10},
		{name: "under the limit", size: 9, limit: 10, wantLen: 9},
		{name: "exactly the limit", size: 10, limit: 10, wantLen: 10},
		{name: "one byte over", size: 11, limit: 10, tooBig: true},
		{name: "far over", size: 5000, limit: 10, tooBig: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			write(t, p, strings.Repeat("x", tc.size))
			got, err := Read(p, tc.limit)
			var tl *TooLargeError
			if tc.tooBig {
				if !errors.As(err, &tl) {
					t.Fatalf("Read = %d bytes, %v; want a *TooLargeError", len(got), err)
				}
				if tl.Size != int64(tc.size) || tl.Limit != tc.limit {
					t.Errorf("TooLargeError = %+v, want size %d, limit %d", tl, tc.size, tc.limit)
				}
				if want := p + ": larger than the 10 bytes limit"; err.Error() != want {
					t.Errorf("message %q, want %q", err, want)
				}
				return
			}
			if err != nil || len(got) != tc.wantLen {
				t.Fatalf("Read = %d bytes, %v; want %d", len(got), err, tc.wantLen)
			}
		})
	}
}

// endless is an infinite stream that counts what was taken from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += int64(len(p))
	return len(p), nil
}

// TestReadAllBoundedWhileReading: the memory cost of an endless input is
// the limit, not the input (1 GB of zeros on standard input took 2.6 GB
// when the limit was checked after reading).
func TestReadAllBoundedWhileReading(t *testing.T) {
	src := &endless{}
	_, err := ReadAll(src, 1<<20)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != -1 {
		t.Fatalf("ReadAll = %v, want a *TooLargeError of unknown size", err)
	}
	if src.n > 1<<20+64<<10 {
		t.Errorf("read %d bytes from the stream for a limit of 1 MiB", src.n)
	}
}

func TestReadAllKeepsAnErrorOfTheReader(t *testing.T) {
	boom := errors.New("boom")
	_, err := ReadAll(io.MultiReader(strings.NewReader("abc"), errReader{boom}), 100)
	if !errors.Is(err, boom) {
		t.Fatalf("ReadAll = %v, want the reader's error", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	sub := filepath.Join(dir, "x.yaml") // a directory named like a factsheet
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.yaml")
	if err := os.Symlink(missing, dangling); err != nil {
		t.Fatal(err)
	}
	type refusal struct {
		name, path string
		is         error
		msg        string
	}
	cases := []refusal{
		{name: "missing", path: missing, is: fs.ErrNotExist, msg: missing + ": no such file or directory"},
		{name: "dangling symbolic link", path: dangling, is: fs.ErrNotExist, msg: dangling + ": no such file or directory"},
		{name: "directory", path: sub, is: ErrIsDir, msg: sub + ": is a directory"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		link := filepath.Join(dir, ".factsheet.yaml")
		if err := os.Symlink("/dev/zero", link); err != nil {
			t.Fatal(err)
		}
		cases = append(cases,
			refusal{"device", "/dev/zero", ErrNotRegular, "/dev/zero: not a regular file (a character device)"},
			refusal{"symbolic link to a device", link, ErrNotRegular, link + ": not a regular file (a character device)"},
		)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fh, err := Open(tc.path)
			if err == nil {
				fh.Close()
				t.Fatalf("Open(%s) succeeded", tc.path)
			}
			if !errors.Is(err, tc.is) || err.Error() != tc.msg {
				t.Errorf("Open = %q, want %q (errors.Is %v)", err, tc.msg, tc.is)
			}
			if _, err := Read(tc.path, 1<<20); !errors.Is(err, tc.is) {
				t.Errorf("Read = %v, want %v", err, tc.is)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "BE.yaml")
	write(t, file, "x: 1\n")
	for _, p := range []string{file, dir, filepath.Join(dir, "missing")} {
		if err := Check(p); err != nil {
			t.Errorf("Check(%s) = %v, want nil", p, err)
		}
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		if err := Check("/dev/null"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Check(/dev/null) = %v, want ErrNotRegular", err)
		}
	}
}

func TestDescriptor(t *testing.T) {
	pid := strconv.Itoa(os.Getpid())
	cases := []struct {
		path string
		fd   int
		ok   bool
	}{
		{"/dev/stdin", 0, true},
		{"/dev/stdout", 1, true},
		{"/dev/stderr", 2, true},
		{"/dev/fd/63", 63, true},
		{"/dev/fd/./63", 63, true},
		{"/proc/self/fd/1", 1, true},
		{"/proc/thread-self/fd/4", 4, true},
		{"/proc/" + pid + "/fd/7", 7, true},
		{"/proc/1/fd/7", 0, pid == "1"},
		{"/dev/fd/", 0, false},
		{"/dev/fd/x", 0, false},
		{"/dev/fd/+1", 0, false},
		{"/dev/fd/-1", 0, false},
		{"/dev/fdx/1", 0, false},
		{"dev/fd/1", 0, false},
		{"/dev/null", 0, false},
		{"BE.yaml", 0, false},
	}
	for _, tc := range cases {
		fd, ok := Descriptor(tc.path)
		if ok != tc.ok || (ok && fd != tc.fd) {
			t.Errorf("Descriptor(%q) = %d, %v; want %d, %v", tc.path, fd, ok, tc.fd, tc.ok)
		}
	}
}

func TestDescriptorThroughSymbolicLinks(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	if err := os.Symlink("/proc/self/fd/1", out); err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.json")
	if err := os.Symlink("out.json", chain); err != nil { // relative
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop.json")
	if err := os.Symlink("loop.json", loop); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "BE.yaml")
	write(t, file, "x: 1\n")
	toFile := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(file, toFile); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		ok   bool
	}{{out, true}, {chain, true}, {loop, false}, {file, false}, {toFile, false}} {
		if fd, ok := Descriptor(tc.path); ok != tc.ok || (ok && fd != 1) {
			t.Errorf("Descriptor(%s) = %d, %v; want 1, %v", filepath.Base(tc.path), fd, ok, tc.ok)
		}
	}
}

// TestOpenProcessSubstitution: <(cat BE.yaml) gives /dev/fd/N, a pipe the
// process already holds; it is read like standard input.
func TestOpenProcessSubstitution(t *testing.T) {
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skip("no /dev/fd on this system")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		w.WriteString("template: ecan-plus-2025\n")
		w.Close()
	}()
	got, err := Read("/dev/fd/"+strconv.Itoa(int(r.Fd())), 1<<20)
	if err != nil || !bytes.Equal(got, []byte("template: ecan-plus-2025\n")) {
		t.Fatalf("Read = %q, %v", got, err)
	}
}
