package source

// Scanned is the number of bytes the position index has scanned so far.
func Scanned() int64 { return scanned.Load() }
