//go:build unix

package config

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/ecanplus/factsheet/internal/inputfile"
)

// TestLoadNamedPipe: --config naming a named pipe (or a .factsheet.yaml
// that is one) is refused without waiting for a writer.
func TestLoadNamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".factsheet.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := loadQuickly(t, p); !errors.Is(err, inputfile.ErrNotRegular) {
		t.Fatalf("Load = %v, want a refusal (not a regular file)", err)
	}
}
