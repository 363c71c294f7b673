//go:build unix

package atomicfile

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test when f does not return in a few seconds.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

// TestWriteThroughNamedPipe: a report to a named pipe goes down the pipe;
// the pipe stays a pipe and no temporary file is made beside it.
func TestWriteThroughNamedPipe(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	// A reader (the shell's "cat report.fifo"), opened first; it reads
	// once the writer is done (the report fits in the pipe's buffer).
	r, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	within(t, "writing to a named pipe with a reader", func() {
		if err := create(p, "report\n", Options{}); err != nil {
			t.Error(err)
		}
	})
	if b, _ := io.ReadAll(r); string(b) != "report\n" {
		t.Errorf("the reader got %q", b)
	}
	if st, err := os.Lstat(p); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v", err)
	}
	noTemporaryFiles(t, dir)
}

// TestNamedPipeWithoutReader: nobody reads, so the write fails at once
// instead of waiting for ever.
func TestNamedPipeWithoutReader(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	within(t, "opening a named pipe nobody reads", func() { _, err = Create(p, Options{Overwrite: true}) })
	if err == nil || !strings.Contains(err.Error(), "no process is reading") {
		t.Errorf("Create = %v, want an error saying nobody reads", err)
	}
	noTemporaryFiles(t, dir)
}

// TestWriteThroughDescriptor: /dev/fd/N (a shell's >(...), or /dev/stdout)
// is the process's own descriptor: written through, never renamed over.
func TestWriteThroughDescriptor(t *testing.T) {
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skip("no /dev/fd on this system")
	}
	t.Run("pipe", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if err := create("/dev/fd/"+strconv.Itoa(int(w.Fd())), "report\n", Options{}); err != nil {
			t.Fatal(err)
		}
		w.Close()
		if b, _ := io.ReadAll(r); string(b) != "report\n" {
			t.Errorf("the pipe got %q", b)
		}
	})
	// "lint --format json=/dev/stdout >> log": the descriptor reaches a
	// regular file; the report goes after what is there, the file is the
	// same file (not replaced), and no temporary file is made.
	t.Run("regular file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "log")
		write(t, p, "earlier\n", 0o644)
		before, _ := os.Stat(p)
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		if err := create("/proc/self/fd/"+strconv.Itoa(int(fh.Fd())), "report\n", Options{}); err != nil {
			t.Fatal(err)
		}
		after, _ := os.Stat(p)
		if got := read(t, p); got != "earlier\nreport\n" || !os.SameFile(before, after) {
			t.Errorf("content %q, same file %v", got, os.SameFile(before, after))
		}
		noTemporaryFiles(t, dir)
	})
}
