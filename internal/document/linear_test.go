package document_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/source"
)

// bigDocuments are the seed grown by n repetitions of one kind of content,
// each a way a document can get long: rows the template does not know
// (matched against every question), the same row again and again, one row
// continued over n lines (page breaks), a footnote and an introduction
// paragraph over n lines.
var bigDocuments = map[string]func(seed string, n int) string{
	"unknown rows": func(seed string, n int) string {
		return insertAfter(seed, "Question\tAnswer\tComments/Experience\n", n, func(i int) string {
			return fmt.Sprintf("Is there a question number %d in place?\tYes\tSome comment\n", i)
		})
	},
	"duplicate rows": func(seed string, n int) string {
		return insertAfter(seed, "Question\tAnswer\tComments/Experience\n", n, func(i int) string {
			return fmt.Sprintf("Is there a national eHealth governance board in place?\tYes\tcomment %d\n", i)
		})
	},
	"continued row": func(seed string, n int) string {
		return insertAfter(seed, "Is there a Ministry or State Secretariat explicitly in charge", n, func(i int) string {
			return fmt.Sprintf("\t\tcontinued text %d\n", i)
		})
	},
	"rows with spaces for tabs": func(seed string, n int) string {
		return insertAfter(strings.ReplaceAll(seed, "\t", "    "), "Question    Answer    Comments/Experience\n", n, func(i int) string {
			return fmt.Sprintf("Is there a national eHealth governance board in place?    Yes    comment %d\n", i)
		})
	},
	"unsplittable rows with tab stops": func(seed string, n int) string {
		// With stops every 8 columns, each row is tried every way and
		// reported.
		return insertAfter(expandTabs(seed, 8, false), "Question        Answer  Comments/Experience\n", n, func(i int) string {
			return fmt.Sprintf("Is there a national eHealth governance board in place? Yes, the one number %07d and\n", i)
		})
	},
	"pipe table rows": func(seed string, n int) string {
		return insertAfter(seed, "Table 4 : Overview on eHealth and cancer legislation - Belgium\n", n, func(i int) string {
			if i == 0 {
				return "\n| Question | Answer | Comments/Experience |\n|---|---|---|\n"
			}
			return fmt.Sprintf("| Is there specific legislation on the use of telemedicine? | Yes | comment \\| %d [^21] |\n", i)
		})
	},
	"HTML table rows": func(seed string, n int) string {
		return insertAfter(seed, "Table 4 : Overview on eHealth and cancer legislation - Belgium\n", n, func(i int) string {
			switch i {
			case 0:
				return "\n<table>\n<thead>\n<tr><th>Question</th><th>Answer</th><th>Comments/Experience</th></tr>\n</thead>\n<tbody>\n"
			case n - 1:
				return "</tbody>\n</table>\n<section class=\"footnotes\"><ol><li id=\"fn1\"><p>a note</p></li></ol></section>\n"
			}
			return fmt.Sprintf("<tr>\n<td>Is there specific legislation on the use of telemedicine?</td>\n<td>Yes</td>\n<td><p>comment %d <a href=\"#fn1\" class=\"footnote-ref\"><sup>1</sup></a></p>\n<ul>\n<li>item</li>\n</ul></td>\n</tr>\n", i)
		})
	},
	"HTML table on one line": func(seed string, n int) string {
		return insertAfter(seed, "Table 4 : Overview on eHealth and cancer legislation - Belgium\n", n, func(i int) string {
			switch i {
			case 0:
				return "\n<table><tr><th>Question</th><th>Answer</th><th>Comments/Experience</th></tr>"
			case n - 1:
				return "</table>\n"
			}
			return fmt.Sprintf("<tr><td>Is there specific legislation on the use of telemedicine?</td><td>Yes</td><td>comment %d</td></tr>", i)
		})
	},
	"long footnote": func(seed string, n int) string {
		return insertAfter(seed, "<sup>1</sup> [WHO EMRO - eHealth](#)\n", n, func(i int) string {
			return fmt.Sprintf("and its continuation line %d\n", i)
		})
	},
	"long introduction": func(seed string, n int) string {
		return insertAfter(seed, "sent for review to country exper", n, func(i int) string {
			return fmt.Sprintf("\nan introduction line %d", i)
		})
	},
}

// insertAfter puts n generated lines after the line holding marker (after
// the end of that line, or straight after marker when it ends in a
// newline).
func insertAfter(seed, marker string, n int, line func(i int) string) string {
	at := strings.Index(seed, marker)
	if at < 0 {
		panic("marker not in the seed: " + marker)
	}
	at += len(marker)
	if !strings.HasSuffix(marker, "\n") {
		at += strings.IndexByte(seed[at:], '\n') + 1
	}
	var b strings.Builder
	b.WriteString(seed[:at])
	for i := range n {
		b.WriteString(line(i))
	}
	b.WriteString(seed[at:])
	return b.String()
}

// work is what importing text costs in allocations: bytes and count.
func work(text string) (bytes, mallocs uint64) {
	f := source.New("big.txt", text)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	document.Import(f)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// TestImportIsLinear: four times the content costs about four times the
// work, for every way a document can grow. Joining a continued row or a
// footnote by adding to a string copied the text so far on every line
// (quadratic: 100 000 continuation lines took 47 s), and every row
// normalised the template's wording again; the test measures allocated
// bytes and allocation counts, not time, so it is deterministic on a busy
// machine.
func TestImportIsLinear(t *testing.T) {
	seed := string(seed(t))
	const n = 2000
	for name, grow := range bigDocuments {
		t.Run(name, func(t *testing.T) {
			b1, m1 := work(grow(seed, n))
			b4, m4 := work(grow(seed, 4*n))
			// Linear work gives ratios just under 4 (the seed's own share
			// is fixed); quadratic gives about 16.
			for _, r := range []struct {
				what         string
				small, large uint64
			}{{"bytes", b1, b4}, {"allocations", m1, m4}} {
				ratio := float64(r.large) / float64(max(r.small, 1))
				if ratio > 5.5 {
					t.Errorf("%s: %d -> %d for 4x the rows (ratio %.1f): not linear", r.what, r.small, r.large, ratio)
				}
			}
		})
	}
}

// BenchmarkImportRows imports the seed with 100 000 extra rows of each
// kind.
func BenchmarkImportRows(b *testing.B) {
	seed := string(seed(b))
	for name, grow := range bigDocuments {
		text := grow(seed, 100_000)
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				document.Import(source.New("big.txt", text))
			}
		})
	}
}
