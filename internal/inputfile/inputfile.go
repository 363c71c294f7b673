// Package inputfile opens the files the tool reads — factsheets, the
// configuration, path lists — so that no path can hang the tool or make it
// read without end, whatever a user (or a pull request adding a symbolic
// link) points it at:
//
//   - Only regular files are opened. A named pipe would block the open until
//     a writer comes, a device such as /dev/zero never ends, and opening
//     some devices has effects of its own; they are refused before they are
//     opened, with one exception: a path that names a descriptor the process
//     already has (/dev/stdin, /dev/fd/N, /proc/self/fd/N — what a shell's
//     process substitution <(...) passes).
//   - The open itself never blocks: a file swapped for a named pipe between
//     the check and the open is opened without waiting, checked again and
//     refused.
//   - Reading stops one byte past a limit, so a file larger than the limit
//     costs the limit in memory, not its size.
package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Error is a problem with one path; it prints as "PATH: REASON", the form
// every command reports path problems in. Unwrap gives the reason, so
// errors.Is(err, fs.ErrNotExist) and errors.Is(err, ErrNotRegular) work.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrNotRegular is the reason for a path that is neither a regular file nor
// a descriptor of the process (a named pipe, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// ErrIsDir is the reason for a directory where a file was needed.
var ErrIsDir = errors.New("is a directory")

// notRegular says what the file is instead.
type notRegular struct{ kind string }

func (e notRegular) Error() string        { return "not a regular file (" + e.kind + ")" }
func (e notRegular) Is(target error) bool { return target == ErrNotRegular }

// TooLargeError is the reason for content above the limit. Size is the size
// the file claims, or -1 when it does not say (a pipe, standard input).
type TooLargeError struct {
	Limit, Size int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than the %s limit", human(e.Limit))
}

func human(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// Kind names what a file is, for messages: "a named pipe", "a character
// device", ...
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// Check reports, without opening anything, a path the tool must refuse to
// read: one that exists and is neither a regular file, a directory nor a
// descriptor of the process. A path that does not exist is not its concern
// (nil): the caller reports that in its own words.
func Check(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Mode().IsRegular() || st.IsDir() {
		return nil
	}
	if _, ok := Descriptor(path); ok {
		return nil
	}
	return &Error{path, notRegular{Kind(st.Mode())}}
}

// Open opens a file for reading: a regular file, or a descriptor path. A
// directory, a named pipe, a device or a socket is refused with an *Error
// (a named pipe without ever waiting for a writer).
func Open(path string) (*os.File, error) {
	_, descriptor := Descriptor(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{path, reason(err)}
	}
	if st.IsDir() {
		return nil, &Error{path, ErrIsDir}
	}
	if !st.Mode().IsRegular() && !descriptor {
		return nil, &Error{path, notRegular{Kind(st.Mode())}}
	}
	// Checked, but the path may have been swapped since: open without
	// blocking and check what was opened.
	if swapHook != nil {
		swapHook(path)
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, &Error{path, reason(err)}
	}
	got, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, &Error{path, reason(err)}
	}
	switch {
	case got.IsDir():
		fh.Close()
		return nil, &Error{path, ErrIsDir}
	case !got.Mode().IsRegular() && !descriptor:
		fh.Close()
		return nil, &Error{path, notRegular{Kind(got.Mode())}}
	}
	return fh, nil
}

// swapHook, when set by a test, runs between the check and the open: it
// stands for another process swapping the file.
var swapHook func(path string)

// Read reads a whole file opened with Open, at most limit bytes; above that
// the error's reason is a *TooLargeError and nothing more is read.
func Read(path string, limit int64) ([]byte, error) {
	fh, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := ReadAll(fh, limit)
	if err != nil {
		return nil, &Error{path, reason(err)}
	}
	return b, nil
}

// ReadAll reads r to its end, at most limit bytes: it reads limit+1 bytes
// at the most, and returns a *TooLargeError when there are more than limit.
// For a file it sizes its buffer from the file's size, so reading a file
// allocates once.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	size, known := int64(512), int64(-1)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			known = fi.Size()
			size = min(fi.Size(), limit) + 1
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Limit: limit, Size: known}
	}
	return buf.Bytes(), nil
}

// reason strips the operation and path from an *fs.PathError: the caller
// names the path once.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// maxHops bounds the symbolic links followed (Linux's own limit is 40).
const maxHops = 40

// Descriptor reports whether path names a file descriptor of the process
// rather than a file: /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N,
// /proc/self/fd/N (or /proc/PID/fd/N with this process's PID), itself or
// through symbolic links. A shell's process substitution passes such a
// path. fd is the descriptor number.
func Descriptor(path string) (fd int, ok bool) {
	p := path
	for range maxHops {
		if fd, ok := descriptorName(p); ok {
			return fd, true
		}
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return 0, false
		}
		target, err := os.Readlink(p)
		if err != nil {
			return 0, false
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return 0, false
}

func descriptorName(p string) (int, bool) {
	p = filepath.ToSlash(filepath.Clean(p))
	switch p {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	var rest string
	switch {
	case strings.HasPrefix(p, "/dev/fd/"):
		rest = strings.TrimPrefix(p, "/dev/fd/")
	case strings.HasPrefix(p, "/proc/self/fd/"):
		rest = strings.TrimPrefix(p, "/proc/self/fd/")
	case strings.HasPrefix(p, "/proc/thread-self/fd/"):
		rest = strings.TrimPrefix(p, "/proc/thread-self/fd/")
	case strings.HasPrefix(p, "/proc/"+strconv.Itoa(os.Getpid())+"/fd/"):
		rest = strings.TrimPrefix(p, "/proc/"+strconv.Itoa(os.Getpid())+"/fd/")
	default:
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || strings.HasPrefix(rest, "+") {
		return 0, false
	}
	return n, true
}
