// Package atomicfile writes files so that readers never see half of one: the
// content goes to a temporary file in the same directory, which is renamed
// over the target only when complete. An existing file is replaced only when
// the caller says so, and keeps its permissions.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned when the target exists and overwriting was not asked for.
var ErrExists = errors.New("file exists (use --force to replace it)")

// Options control Create.
type Options struct {
	Overwrite bool        // replace an existing file
	Perm      fs.FileMode // permissions of a new file (default 0644 before umask)
}

// File is a file being written. Write to it, then Commit or Abort.
type File struct {
	*os.File
	target string
	done   bool
}

// Create starts writing path.
func Create(path string, opts Options) (*File, error) {
	perm := opts.Perm
	if perm == 0 {
		perm = 0o644
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	case err == nil && !opts.Overwrite:
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	case err == nil:
		perm = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot create %s: %w", path, unwrap(err))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		// Name the file the user asked for, not our temporary one.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot create %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{File: tmp, target: path}, nil
}

// Commit flushes the content to disk and moves it into place. When
// overwriting was not asked for, a file that appeared at the target in the
// meantime is not replaced.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	f.done = true
	name := f.Name()
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, f.target); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", f.target, unwrap(err))
	}
	return nil
}

// Abort discards the temporary file. It is safe to call after Commit (it
// does nothing then), so callers can defer it.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	name := f.Name()
	f.Close()
	os.Remove(name)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
