package config

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSetNearest: a file's configuration is the nearest above it, not
// merged with the ones further up; each is read once; a file with none
// gets the defaults (nil), or the command line's adjustments of them.
func TestSetNearest(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".factsheet.yaml"), "rules:\n  date-past-due: error\n")
	write(t, filepath.Join(root, "a", "b", ".factsheet.yml"), "max-age: 2y\n")
	outside := t.TempDir()

	s, err := NewSet("", nil)
	if err != nil {
		t.Fatal(err)
	}
	top, err := s.For(filepath.Join(root, "BE.yaml"))
	if err != nil || top == nil || top.Rules["date-past-due"] != "error" {
		t.Fatalf("the root's file: %+v, %v", top, err)
	}
	deep, err := s.For(filepath.Join(root, "a", "b", "c", "BE.yaml"))
	if err != nil || deep == nil || deep.MaxAge != "2y" {
		t.Fatalf("a file under a/b: %+v, %v", deep, err)
	}
	if _, merged := deep.Rules["date-past-due"]; merged {
		t.Errorf("the nearest configuration was merged with the one above it")
	}
	if deep.Dir != filepath.Join(root, "a", "b") {
		t.Errorf("globs of a/b/.factsheet.yml are relative to %s", deep.Dir)
	}
	mid, _ := s.For(filepath.Join(root, "a", "BE.yaml"))
	if mid != top {
		t.Errorf("a file under a/ did not get the root's configuration (read once)")
	}
	if none, err := s.For(filepath.Join(outside, "BE.yaml")); none != nil || err != nil {
		t.Errorf("a file with no configuration above: %+v, %v", none, err)
	}
	if got := s.Files(); len(got) != 2 {
		t.Errorf("Files() = %d configurations, want 2", len(got))
	}

	// Adjustments (--enable, --disable) reach every configuration and the
	// defaults.
	adjusted, err := NewSet("", func(c *Config) error { c.Rules["footnote-unused"] = Off; return nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(root, "BE.yaml"), filepath.Join(outside, "BE.yaml")} {
		c, err := adjusted.For(p)
		if err != nil || c == nil || c.Rules["footnote-unused"] != Off {
			t.Errorf("%s: not adjusted: %+v, %v", p, c, err)
		}
	}

	// A named configuration applies to every file.
	named, err := NewSet(filepath.Join(root, "a", "b", ".factsheet.yml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(root, "BE.yaml"), filepath.Join(outside, "BE.yaml")} {
		if c, _ := named.For(p); c == nil || c.MaxAge != "2y" {
			t.Errorf("%s: not the named configuration: %+v", p, c)
		}
	}

	// A broken configuration is an error for the files under it only.
	write(t, filepath.Join(root, "bad", ".factsheet.yaml"), "rules:\n  nope: off\n")
	if _, err := s.For(filepath.Join(root, "bad", "BE.yaml")); err == nil {
		t.Errorf("a broken configuration was accepted")
	}
	if _, err := s.For(filepath.Join(root, "BE.yaml")); err != nil {
		t.Errorf("the broken configuration spoiled another: %v", err)
	}
}
