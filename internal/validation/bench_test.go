package validation

import (
	"testing"

	"github.com/ecanplus/factsheet/schema"
)

// BenchmarkCompile measures compiling the embedded factsheet schema: paid
// once per process.
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		compileMu.Lock()
		delete(compiled, schema.Root)
		compileMu.Unlock()
		if _, err := New(schema.Root); err != nil {
			b.Fatal(err)
		}
	}
}
