//go:build unix

package inputfile

import "syscall"

// nonblock makes opening a named pipe return at once instead of waiting for
// the other end. On a regular file it changes nothing.
const nonblock = syscall.O_NONBLOCK
