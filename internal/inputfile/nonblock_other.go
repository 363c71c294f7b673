//go:build !unix

package inputfile

// nonblock is 0 where the flag does not exist (Windows): Open refuses pipes
// by their type before opening them.
const nonblock = 0
