//go:build unix

package atomicfile

import (
	"io/fs"
	"syscall"
)

// Links is how many names (hard links) the file has: replacing a file by
// renaming a new one over it gives the new content to that one name only.
func Links(fi fs.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}
