package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/inputfile"
	"github.com/ecanplus/factsheet/internal/source"
)

// loadQuickly runs Load and fails the test if it does not return within a
// few seconds (a named pipe or /dev/zero used to block it or eat memory).
func loadQuickly(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Load(path)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("Load(%s) did not return", path)
		return nil
	}
}

// TestLoadRefusesWhatIsNotAFile: a pull request can add a .factsheet.yaml
// that links to /dev/zero; Find finds it and Load refuses it at once, in one
// short line.
func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	dir := t.TempDir()
	link := filepath.Join(dir, ".factsheet.yaml")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	found, ok := Find(dir)
	if !ok || found != link {
		t.Fatalf("Find = %q, %v; want the link", found, ok)
	}
	err := loadQuickly(t, found)
	if !errors.Is(err, inputfile.ErrNotRegular) {
		t.Fatalf("Load = %v, want a refusal (not a regular file)", err)
	}
	if want := "reading the configuration: " + link + ": not a regular file (a character device)"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

// TestLoadTooLarge: a configuration above source.MaxSize is refused after
// reading one byte more than the limit, as a positioned configuration error.
func TestLoadTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".factsheet.yaml")
	big := "# " + strings.Repeat("x", source.MaxSize) + "\n"
	if err := os.WriteFile(p, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	err := loadQuickly(t, p)
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Findings) != 1 || ce.Findings[0].Rule != source.RuleTooLarge {
		t.Fatalf("Load = %v, want one %s finding", err, source.RuleTooLarge)
	}
	if len(err.Error()) > 200 {
		t.Errorf("message of %d bytes: %.200s...", len(err.Error()), err)
	}
	if !strings.Contains(err.Error(), "8.0 MiB") {
		t.Errorf("message %q does not give the file's size", err)
	}
}

func TestLoadMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing.yaml")
	if err := loadQuickly(t, p); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load = %v, want not-exist", err)
	}
}
