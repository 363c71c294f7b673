package dates

import (
	"strings"
	"testing"
)

// benchText builds about 25 KB of realistic factsheet text, the size of the
// Belgian factsheet, from the seed fragments and address lines.
func benchText() string {
	var b strings.Builder
	for b.Len() < 25_000 {
		for _, c := range seedCases {
			b.WriteString(c.fragment)
			b.WriteString("\n")
		}
		for _, line := range seedAddresses {
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	return b.String()[:25_000]
}

func BenchmarkFind(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text)
	}
}

// BenchmarkFindRelative is the relative-date finder on the same text: lint
// runs both on every text.
func BenchmarkFindRelative(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		FindRelative(text)
	}
}
