// Package atomicfile writes the files the tool produces (converted
// factsheets, diffs, reports) so that nobody loses a file to it:
//
//   - Readers never see half a file: the content goes to a temporary file
//     in the target's directory, which is moved into place only when
//     complete.
//   - Without Overwrite an existing file is never replaced, not even one
//     created by another process after Create checked: the temporary file
//     is hard-linked to the target name, which fails if the name exists
//     (where the file system has no hard links, the target is created with
//     O_EXCL and the content copied into it).
//   - An existing file that is replaced keeps its permissions, and a target
//     that is a symbolic link to a regular file stays a link: the file it
//     points to is replaced.
//   - A target that is not a regular file — a character device such as
//     /dev/null, a named pipe, a descriptor of the process such as
//     /dev/stdout or a shell's >(...) — is written through, never renamed
//     over (as root, renaming over /dev/null would replace the device with
//     a regular file). A named pipe nobody reads is an error, not a hang.
//   - Never over a directory, never onto a block device.
//   - The temporary file is removed on every error path; Abort removes it
//     when the caller gives up, and may be deferred.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/ecanplus/factsheet/internal/inputfile"
)

// ErrExists is returned when the target exists and overwriting was not asked for.
var ErrExists = errors.New("file exists (use --force to replace it)")

// ErrIsDir is returned when the target is a directory; the error names the
// path ("out is a directory").
var ErrIsDir = errors.New("is a directory")

// Options control Create.
type Options struct {
	Overwrite bool        // replace an existing file
	Perm      fs.FileMode // permissions of a new file (default 0644; the umask is not applied)
}

// File is a file being written. Write to it, then Commit or Abort.
type File struct {
	*os.File
	target    string // where the content goes: the path, symbolic links resolved
	overwrite bool
	through   bool // written in place (not a regular file): no temporary file
	perm      fs.FileMode
	done      bool
}

// Target describes what Create would do with path, without creating
// anything: write through it (not a regular file), or replace or create a
// regular file (the path with symbolic links resolved). It returns the
// errors Create returns up front: ErrExists without Overwrite, a directory,
// a block device.
func Target(path string, opts Options) (target string, through bool, err error) {
	if _, ok := inputfile.Descriptor(path); ok {
		return path, true, nil
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return "", false, fmt.Errorf("%s %w", path, ErrIsDir)
	case err == nil && st.Mode()&fs.ModeDevice != 0 && st.Mode()&fs.ModeCharDevice == 0:
		return "", false, fmt.Errorf("%s is a block device; write to a file", path)
	case err == nil && !st.Mode().IsRegular():
		return path, true, nil
	case err == nil && !opts.Overwrite:
		return "", false, fmt.Errorf("%s: %w", path, ErrExists)
	case err == nil:
		resolved, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", false, fmt.Errorf("cannot write %s: %w", path, unwrap(err))
		}
		return resolved, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", false, fmt.Errorf("cannot create %s: %w", path, unwrap(err))
	}
	// Nothing there, or a symbolic link to nothing: a name that exists
	// all the same, which is replaced only with Overwrite.
	if _, lerr := os.Lstat(path); lerr == nil && !opts.Overwrite {
		return "", false, fmt.Errorf("%s: %w", path, ErrExists)
	}
	return path, false, nil
}

// Create starts writing path.
func Create(path string, opts Options) (*File, error) {
	target, through, err := Target(path, opts)
	if err != nil {
		return nil, err
	}
	if through {
		return openThrough(path)
	}
	perm := opts.Perm
	if perm == 0 {
		perm = 0o644
	}
	if st, err := os.Stat(target); err == nil {
		perm = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		// Name the file the user asked for, not our temporary one.
		return nil, fmt.Errorf("cannot create %s: %w", path, unwrap(err))
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cannot create %s: %w", path, unwrap(err))
	}
	return &File{File: tmp, target: target, overwrite: opts.Overwrite, perm: perm}, nil
}

// openThrough opens a target that is not a regular file for writing in
// place. O_APPEND: a descriptor path that reaches a regular file (the shell
// opened it for "> out.json" or ">> log") is written after what is there,
// as the process's own descriptor would be. O_NONBLOCK: a named pipe that
// nobody reads fails at once (ENXIO) instead of waiting.
func openThrough(path string) (*File, error) {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|nonblock, 0)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			return nil, fmt.Errorf("cannot write %s: no process is reading the named pipe", path)
		}
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	return &File{File: fh, target: path, through: true}, nil
}

// link makes a second name for a file; a variable so that tests can stand
// for file systems without hard links.
var link = os.Link

// Commit flushes the content to disk and moves it into place. Without
// Overwrite, a file that appeared at the target in the meantime is not
// replaced: the result is ErrExists, and the new content is discarded.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	f.done = true
	if f.through {
		if err := f.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %w", f.target, unwrap(err))
		}
		return nil
	}
	name := f.Name()
	moved := false
	defer func() {
		if !moved { // linked (the target holds the content now) or failed
			os.Remove(name)
		}
	}()
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", f.target, unwrap(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", f.target, unwrap(err))
	}
	if f.overwrite {
		if err := os.Rename(name, f.target); err != nil {
			return fmt.Errorf("cannot write %s: %w", f.target, unwrap(err))
		}
		moved = true
		return nil
	}
	err := link(name, f.target)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", f.target, ErrExists)
	}
	// No hard links here (FAT, some network file systems): create the
	// target exclusively and copy.
	return copyExclusive(name, f.target, f.perm)
}

// copyExclusive creates target, which must not exist, with the content of
// the file src. A target it created and could not fill is removed.
func copyExclusive(src, target string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", target, unwrap(err))
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", target, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", target, unwrap(err))
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(target)
		return fmt.Errorf("cannot write %s: %w", target, unwrap(err))
	}
	return nil
}

// Abort discards the temporary file (for a target written through, it
// only closes it: what was written is there). It is safe to call after
// Commit (it does nothing then), so callers can defer it.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	if !f.through {
		os.Remove(f.Name())
	}
}

// WritesThrough reports whether the file is written in place rather than
// through a temporary file.
func (f *File) WritesThrough() bool { return f.through }

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
