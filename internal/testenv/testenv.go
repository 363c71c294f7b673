// Package testenv says what the tests may assume about the machine they
// run on. On CI (CI set, as GitHub Actions, GitLab CI and .ci/run set it)
// every tool a test needs must be there: a missing one fails the test
// instead of skipping it, so that CI never passes by running less than it
// claims. On a developer's machine the test is skipped with the reason.
package testenv

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
)

// CI reports whether the tests run on CI: CI is set to anything but "",
// "0" or "false".
func CI() bool {
	switch strings.ToLower(os.Getenv("CI")) {
	case "", "0", "false":
		return false
	}
	return true
}

// Missing reports that something the test needs is not on this machine:
// a failure on CI, a skip elsewhere.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("%s (CI=%s: a missing tool fails the test instead of skipping it)", msg, os.Getenv("CI"))
		return
	}
	t.Skip(msg)
}

// Allocated is the number of bytes fn allocates. The growth tests compare
// it between an input and one ten times as large: work that is quadratic in
// its input shows as allocation that grows with the square of the input,
// without the noise of timing on a loaded machine.
func Allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
