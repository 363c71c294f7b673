package load

import "github.com/ecanplus/factsheet/internal/source"

// MaxReadForTest is the most a read of an oversized input may consume.
func MaxReadForTest() int64 { return source.MaxSize + 1 }
