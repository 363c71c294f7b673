package document_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
)

// edit returns the seed with its lines changed by fn (1-based line numbers
// of the original seed).
func edit(t *testing.T, fn func(lines []string) []string) []byte {
	lines := strings.Split(string(seed(t)), "\n")
	return []byte(strings.Join(fn(lines), "\n"))
}

type want struct {
	rule string
	line int
	msg  string // a substring of the message
}

func has(fs []finding.Finding, w want) bool {
	for _, f := range fs {
		if f.Rule == w.rule && f.Line == w.line && strings.Contains(f.Message, w.msg) {
			return true
		}
	}
	return false
}

func dump(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s\n", f)
	}
	return b.String()
}

// TestBadDocuments: each broken document gives findings at the right lines,
// what could be read is still checked, and nothing panics.
func TestBadDocuments(t *testing.T) {
	cases := []struct {
		name     string
		doc      func(t *testing.T) []byte
		want     []want
		readable bool
	}{
		{
			name: "truncated mid-table",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					// Cut in the middle of Table 3's first question row, after
					// its answer: the row reads as answered with no comment (a
					// row missing its last cells is read with them empty, as
					// editors strip the tab before an empty last cell).
					l[116] = l[116][:50] // "Is there a national eHealth strategy in place?\tYes"
					return l[:117]
				})
			},
			want: []want{
				{"template-missing", 116, "question strategies.regional_strategies is missing"},
				{"template-missing", 1, `section "legislation" is missing`},
			},
			readable: true,
		},
		{
			name: "chapter missing",
			doc: func(t *testing.T) []byte {
				// Drop chapter 4 (lines 149-165) entirely.
				return edit(t, func(l []string) []string { return append(l[:148], l[165:]...) })
			},
			want:     []want{{"template-missing", 1, `section "legislation" is missing: chapter 4 LEGISLATION`}},
			readable: true,
		},
		{
			name: "wrong number of cells",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					l[87] += "\tan extra cell"
					return l
				})
			},
			want:     []want{{"document-row-cells", 88, "row has 4 cells; Table 2 rows have 3"}},
			readable: true,
		},
		{
			name: "unknown table",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					extra := []string{"Table 7 : Something else - Belgium", "", "Question\tAnswer\tComments/Experience", "Is this new?\tYes\t", ""}
					return append(l[:207], append(extra, l[207:]...)...)
				})
			},
			want:     []want{{"document-unknown-table", 208, "Table 7 is not part of the template"}},
			readable: true,
		},
		{
			name: "unknown question row",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					l[155] = "Is there a law on the colour of hospital walls?\tNo\t"
					return l
				})
			},
			want: []want{
				{"template-unknown", 156, "matches no question of Table 4"},
				{"template-missing", 153, "question legislation.cancer_prevention is missing"},
			},
			readable: true,
		},
		{
			name: "reworded question is matched and its wording kept",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					l[153] = "Is there a general legal framework covering topics related to eHealth in your country?\tYes\tx"
					return l
				})
			},
			want:     nil, // no finding from the importer: the linter reports the drift
			readable: true,
		},
		{
			name: "duplicate row",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					return append(l[:157], append([]string{l[156]}, l[157:]...)...)
				})
			},
			want:     []want{{"document-duplicate-row", 158, "appears twice in Table 4 (first at line 157)"}},
			readable: true,
		},
		{
			name:     "not a factsheet",
			doc:      func(*testing.T) []byte { return []byte("Dear colleagues,\n\nplease find the minutes attached.\n") },
			want:     []want{{"document-not-factsheet", 1, "this is not a factsheet document"}},
			readable: false,
		},
		{
			name: "a README with a title",
			doc: func(*testing.T) []byte {
				return []byte("# Factsheets\n\nThe country factsheets of the project.\n\n- BE.yaml\n")
			},
			want:     []want{{"document-not-factsheet", 1, "this is not a factsheet document"}},
			readable: false,
		},
		{
			name:     "empty",
			doc:      func(*testing.T) []byte { return nil },
			want:     []want{{"input-empty", 1, "empty"}},
			readable: false,
		},
		{
			name:     "binary garbage",
			doc:      func(*testing.T) []byte { return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") },
			want:     []want{{"input-binary", 3, "NUL"}},
			readable: false,
		},
		{
			name:     "latin-1",
			doc:      func(*testing.T) []byte { return []byte("# POLICY MAPPING\n\nMorten S\xf8nderskov\n") },
			want:     []want{{"input-encoding", 3, "byte 0xF8"}},
			readable: false,
		},
		{
			name: "stray paragraph between tables",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					l[147] = "\nNote from the reviewer: please check this chapter."
					return l
				})
			},
			want:     []want{{"document-unrecognised", 149, "Note from the reviewer"}},
			readable: true,
		},
		{
			name: "round sentence without a date",
			doc: func(t *testing.T) []byte {
				return edit(t, func(l []string) []string {
					l[22] = "The updated country factsheet was **reviewed** by"
					return l
				})
			},
			want:     []want{{"document-round", 23, "no date"}, {"schema-required", 23, `required field "date" is missing`}},
			readable: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := load.Bytes("doc.md", c.doc(t), load.Options{})
			if res.Readable() != c.readable {
				t.Errorf("readable = %v, want %v\n%s", res.Readable(), c.readable, dump(res.Findings))
			}
			for _, w := range c.want {
				if !has(res.Findings, w) {
					t.Errorf("missing finding %s at line %d containing %q; got:\n%s", w.rule, w.line, w.msg, dump(res.Findings))
				}
			}
			if c.want == nil && len(res.Findings) > 0 {
				t.Errorf("want no findings, got:\n%s", dump(res.Findings))
			}
		})
	}
}

// TestWordingDriftIsKept: a reworded question is matched to its ID, and the
// wording as written survives a round trip through YAML.
func TestWordingDriftIsKept(t *testing.T) {
	doc := edit(t, func(l []string) []string {
		l[153] = "Is there a general legal framework covering topics related to eHealth in your country?\tYes\tx"
		return l
	})
	res := load.Bytes("doc.md", doc, load.Options{})
	got := res.Model.Wording["legislation.general_framework"]
	if got != "Is there a general legal framework covering topics related to eHealth in your country?" {
		t.Errorf("wording = %q", got)
	}
	if q := res.Model.Section("legislation").Questions["general_framework"]; q == nil || q.Comments != "x" {
		t.Errorf("question not matched: %+v", q)
	}
}
