package diff_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/load"
)

func loadText(t *testing.T, name, text string) *load.Result {
	t.Helper()
	res := load.Bytes(name, []byte(text), load.Options{})
	if !res.Readable() {
		t.Fatalf("%s: not readable: %v", name, res.Findings)
	}
	return res
}

// TestInvisibleDifferencesAreNoChange: the Belgian factsheet against
// itself saved with "é" decomposed (NFD) or with no-break spaces for
// spaces says nothing changed, and one note says how many texts differ
// only in invisible characters. (Before texts were compared in canonical
// form, NFD gave 9 changes of words that look identical.)
func TestInvisibleDifferencesAreNoChange(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repo, "testdata", "factsheets", "BE.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seed := string(raw)
	base := loadText(t, "BE.txt", seed).Model
	for name, text := range map[string]string{
		"NFD":              norm.NFD.String(seed),
		"every space NBSP": strings.ReplaceAll(seed, " ", "\u00a0"),
		"narrow NBSP":      strings.ReplaceAll(seed, " ", "\u202f"),
		"both":             norm.NFD.String(strings.ReplaceAll(seed, " ", "\u00a0")),
	} {
		t.Run(name, func(t *testing.T) {
			r := diff.Compare(base, loadText(t, "BE2.txt", text).Model)
			r.Old, r.New = "BE.txt", "BE2.txt"
			if !r.Empty() {
				t.Fatalf("%d changes, want none:\n%s", len(r.Changes), changesJSON(t, r))
			}
			if r.Respelled == 0 {
				t.Error("no note of the invisible differences")
			}
			var buf bytes.Buffer
			if err := diff.WriteText(&buf, r, diff.TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "note:"); n != 1 || !strings.Contains(buf.String(), "read the same but are written differently") {
				t.Errorf("want one note, got:\n%s", buf.String())
			}
			buf.Reset()
			if err := diff.WriteMarkdown(&buf, r); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), "> Note: ") {
				t.Errorf("Markdown has no note:\n%s", buf.String())
			}
		})
	}
}

// TestInvisibleDifferencesBesideARealChange: a real change is reported
// with a word diff that does not mark the invisible differences around it.
func TestInvisibleDifferencesBesideARealChange(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repo, "testdata", "factsheets", "BE.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seed := string(raw)
	base := loadText(t, "BE.txt", seed).Model
	changed := strings.Replace(norm.NFD.String(seed), "Department Zorg is responsible", "Department Zorg is accountable", 1)
	r := diff.Compare(base, loadText(t, "BE2.txt", changed).Model)
	if len(r.Changes) != 1 {
		t.Fatalf("%d changes, want 1:\n%s", len(r.Changes), changesJSON(t, r))
	}
	var del, ins []string
	for _, op := range r.Changes[0].Words {
		switch op.Kind {
		case diff.Delete:
			del = append(del, op.Text)
		case diff.Insert:
			ins = append(ins, op.Text)
		}
	}
	if strings.Join(del, "") != "responsible" || strings.Join(ins, "") != "accountable" {
		t.Errorf("word diff deletes %q and inserts %q, want only responsible -> accountable", del, ins)
	}
}

// TestPandocMarkdownAgainstTheSeed: the seed against itself through Word
// and pandoc's gfm writer: nothing changed but footnote 16, whose address
// pandoc percent-encodes (so it is another address); the footnotes whose
// escapes pandoc rewrote read the same and are in the note.
func TestPandocMarkdownAgainstTheSeed(t *testing.T) {
	r := compare(t, "testdata/factsheets/BE.txt", "testdata/factsheets/variants/BE-pandoc.gfm.md")
	if len(r.Changes) != 2 {
		t.Fatalf("%d changes, want footnote 16 removed and added:\n%s", len(r.Changes), changesJSON(t, r))
	}
	for _, c := range r.Changes {
		if c.Group != diff.GroupFootnotes || c.ID != "footnotes.16" {
			t.Errorf("unexpected change %s %s", c.Kind, c.ID)
		}
	}
	if r.Respelled == 0 || len(r.Renumbered) != 0 {
		t.Errorf("respelled = %d, renumbered = %v", r.Respelled, r.Renumbered)
	}
}
