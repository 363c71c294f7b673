//go:build unix

package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// noHang fails the test when f does not return within a few seconds: a
// named pipe without a writer would block an ordinary open forever.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesNamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.yaml")
	mkfifo(t, p)
	var err error
	noHang(t, "Open of a named pipe", func() {
		var fh *os.File
		fh, err = Open(p)
		if fh != nil {
			fh.Close()
		}
	})
	if !errors.Is(err, ErrNotRegular) || err.Error() != p+": not a regular file (a named pipe)" {
		t.Fatalf("Open = %v, want a refusal naming the pipe", err)
	}
	if err := Check(p); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Check = %v, want ErrNotRegular", err)
	}
}

// TestOpenNamedPipeSwappedIn: a regular file replaced by a named pipe
// after the check is still opened without blocking, and refused.
func TestOpenNamedPipeSwappedIn(t *testing.T) {
	p := filepath.Join(t.TempDir(), "BE.yaml")
	write(t, p, "x: 1\n")
	swapHook = func(path string) {
		os.Remove(path)
		mkfifo(t, path)
	}
	defer func() { swapHook = nil }()
	var err error
	noHang(t, "Open of a file swapped for a named pipe", func() {
		var fh *os.File
		fh, err = Open(p)
		if fh != nil {
			fh.Close()
		}
	})
	if !errors.Is(err, ErrNotRegular) {
		t.Fatalf("Open = %v, want ErrNotRegular", err)
	}
}
