//go:build !unix

package atomicfile

// nonblock is 0 where the flag does not exist (Windows).
const nonblock = 0
