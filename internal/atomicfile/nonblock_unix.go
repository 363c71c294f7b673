//go:build unix

package atomicfile

import "syscall"

// nonblock makes opening a named pipe that nobody reads fail at once
// instead of waiting for a reader.
const nonblock = syscall.O_NONBLOCK
