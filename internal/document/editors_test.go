package document_test

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/richtext"
)

// The tests of this file build, from the published Belgian factsheet, the
// files other editors and converters make of it, and check that each reads
// as the same factsheet (docs/layout.md, "Text saved by other editors and
// converters").

// spaceSeparators are the Unicode space separators (category Zs) other
// than the ASCII space.
func spaceSeparators() []rune {
	var out []rune
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if unicode.Is(unicode.Zs, r) {
			out = append(out, r)
		}
	}
	return out
}

var (
	captionLine = regexp.MustCompile(`^Table \d+ :`)
	roundLine   = regexp.MustCompile(` by$`)
	headerCells = map[string]bool{"Term": true, "Question": true, "Area of application/ type of solutions": true}
)

// withLandmarkSpaces writes every space of the layout's landmarks as sp:
// captions, chapter headings, header rows, row labels, round sentences and
// the "Further information" headings. The title is left alone: it is text
// the model keeps as written (see TestEverySpaceAndNFD).
func withLandmarkSpaces(text string, sp rune) string {
	s := string(sp)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		switch {
		case captionLine.MatchString(l), strings.HasPrefix(l, "## "), roundLine.MatchString(l),
			strings.Contains(l, "Further information"):
			lines[i] = strings.ReplaceAll(l, " ", s)
		case strings.Contains(l, "\t"):
			cells := strings.Split(l, "\t")
			if headerCells[cells[0]] {
				lines[i] = strings.ReplaceAll(l, " ", s)
				continue
			}
			cells[0] = strings.ReplaceAll(cells[0], " ", s)
			lines[i] = strings.Join(cells, "\t")
		}
	}
	return strings.Join(lines, "\n")
}

// TestUnicodeSpacesInTheLayout: a caption typed "Table 1 : " with a
// no-break space before the colon (French typing, Word's autocorrect), or
// any other Unicode space in the landmarks, reads exactly as the seed: the
// same model, byte for byte as YAML, no findings, the same positions. The
// one difference is what the model keeps as written: the Table 5 column
// label that drifts from the template ("(HCP-HPC)") is recorded in wording
// with the spaces it was typed with, so wording is compared in canonical
// form.
func TestUnicodeSpacesInTheLayout(t *testing.T) {
	raw := string(seed(t))
	base := loadDoc(t, "BE.txt", []byte(raw))
	want := encode.YAML(base.Model)
	wantLine, wantCol := base.Map.At("/governance/questions/ministry/comments", false)
	variants := map[string]string{
		"caption NBSP before the colon": regexp.MustCompile(`(?m)^Table (\d+) :`).ReplaceAllString(raw, "Table $1\u00a0:"),
	}
	for _, sp := range spaceSeparators() {
		variants[fmt.Sprintf("landmarks with U+%04X", sp)] = withLandmarkSpaces(raw, sp)
	}
	for name, text := range variants {
		t.Run(name, func(t *testing.T) {
			if text == raw {
				t.Fatal("the variant is the seed")
			}
			res := loadDoc(t, "BE.txt", []byte(text))
			if len(res.Findings) != 0 {
				t.Fatalf("findings:\n%s", dump(res.Findings))
			}
			m := res.Model
			for id, w := range m.Wording {
				m.Wording[id] = richtext.Canonical(w)
			}
			if got := encode.YAML(m); !bytes.Equal(got, want) {
				t.Errorf("model differs from the seed's:\n%s", firstDiff(want, got))
			}
			if line, col := res.Map.At("/governance/questions/ministry/comments", false); line != wantLine || col != wantCol {
				t.Errorf("ministry comments at %d:%d, want %d:%d", line, col, wantLine, wantCol)
			}
		})
	}
}

// canonicalValue is v with every string in canonical form.
func canonicalValue(v any) any {
	switch x := v.(type) {
	case string:
		return richtext.Canonical(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canonicalValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonicalValue(e)
		}
		return out
	}
	return v
}

// TestEverySpaceAndNFD: the seed with every space a no-break space (inside
// HTML tags too), or with every accent decomposed (NFD, as macOS and some
// converters write it), reads as the same factsheet. The model keeps the
// text as written, so the two models are equal in canonical form (NFC,
// spaces as spaces), which is how lint and diff compare texts; the
// findings of the importer are the same (none) and lint's are tested in
// internal/lint.
func TestEverySpaceAndNFD(t *testing.T) {
	raw := string(seed(t))
	base := loadDoc(t, "BE.txt", []byte(raw))
	variants := map[string]string{
		"every space NBSP":      strings.ReplaceAll(raw, " ", "\u00a0"),
		"every space U+202F":    strings.ReplaceAll(raw, " ", "\u202f"),
		"NFD":                   norm.NFD.String(raw),
		"NFD and every NBSP":    norm.NFD.String(strings.ReplaceAll(raw, " ", "\u00a0")),
		"ideographic landmarks": withLandmarkSpaces(raw, '\u3000'),
	}
	for name, text := range variants {
		t.Run(name, func(t *testing.T) {
			res := loadDoc(t, "BE.txt", []byte(text))
			if len(res.Findings) != 0 {
				t.Fatalf("findings:\n%s", dump(res.Findings))
			}
			if got, want := canonicalValue(res.Value), canonicalValue(base.Value); !reflect.DeepEqual(got, want) {
				t.Errorf("the models differ in canonical form:\n%s", firstDiff(encode.YAML(base.Model), encode.YAML(res.Model)))
			}
			if len(res.Model.Wording) != 1 {
				t.Errorf("wording = %v, want only the Table 5 column typo (invisible differences are not drift)", res.Model.Wording)
			}
			if res.Model.Country.Code != "BE" {
				t.Errorf("country = %+v", res.Model.Country)
			}
		})
	}
}

// TestCanonicalLabelsAreNotDrift: a row label with a decomposed accent or
// a no-break space matches its question exactly and records no wording.
func TestCanonicalLabelsAreNotDrift(t *testing.T) {
	raw := string(seed(t))
	const q = "Is there a national eHealth strategy in place?"
	text := strings.Replace(raw, q+"\t", strings.ReplaceAll(q, " ", "\u202f")+"\t", 1)
	res := loadDoc(t, "BE.txt", []byte(text))
	if fs := res.Findings; len(fs) != 0 {
		t.Fatalf("findings:\n%s", dump(fs))
	}
	if _, drift := res.Model.Wording["strategies.national_strategy"]; drift {
		t.Error("a label differing only in its spaces is recorded as drift")
	}
	// A real change of wording is still drift, kept as written.
	text = strings.Replace(raw, q+"\t", "Is there a national eHealth strategy in force?\t", 1)
	res = loadDoc(t, "BE.txt", []byte(text))
	if got := res.Model.Wording["strategies.national_strategy"]; got != "Is there a national eHealth strategy in force?" {
		t.Errorf("drifted wording = %q", got)
	}
}

// stripTrailing removes the trailing whitespace of every line, as editors
// do on save: the tab before an empty last cell goes with it.
func stripTrailing(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// TestTrailingCellsDropped: a row missing only its empty last cells reads
// with them empty and no finding: the seed's two questions with an empty
// comment, and a Table 5 row whose last cells are empty. The one thing
// stripping trailing whitespace loses is content: the Markdown hard line
// break (two trailing spaces) of the further-information item "More
// definitions are available here:", which becomes a soft break; the
// originals compared with are the seed without it.
func TestTrailingCellsDropped(t *testing.T) {
	raw := string(seed(t))
	const hardBreak = "More definitions are available here:  \n"
	if strings.Count(raw, hardBreak) != 1 {
		t.Fatal("the seed's hard line break changed")
	}
	raw = strings.Replace(raw, hardBreak, "More definitions are available here:\n", 1)
	// Table 5's last row with its last two cells emptied.
	const palliative = "Palliative Cancer Care\t-\t-\t-\t-\t-\t-\t-"
	if !strings.Contains(raw, palliative) {
		t.Fatal("the seed's Palliative Cancer Care row changed")
	}
	emptied := strings.Replace(raw, palliative, "Palliative Cancer Care\t-\t-\t-\t-\t-\t\t", 1)
	for name, c := range map[string]struct{ want, variant string }{
		"the seed":              {raw, stripTrailing(raw)},
		"empty Table 5 cells":   {emptied, stripTrailing(emptied)},
		"stripped and NBSP too": {raw, stripTrailing(strings.ReplaceAll(raw, "Table 2 :", "Table 2\u00a0:"))},
	} {
		t.Run(name, func(t *testing.T) {
			if c.variant == c.want {
				t.Fatal("the variant is the original")
			}
			want := loadDoc(t, "BE.txt", []byte(c.want))
			res := loadDoc(t, "BE.txt", []byte(c.variant))
			if len(res.Findings) != 0 {
				t.Fatalf("findings:\n%s", dump(res.Findings))
			}
			if got, want := encode.YAML(res.Model), encode.YAML(want.Model); !bytes.Equal(got, want) {
				t.Errorf("model differs:\n%s", firstDiff(want, got))
			}
		})
	}
	m := loadDoc(t, "BE.txt", []byte(stripTrailing(emptied))).Model
	if cell, ok := m.Section("solutions").Cells["palliative_care"]["other"]; !ok || cell != "" {
		t.Errorf("the dropped last cell = %q (present %v), want an empty cell", cell, ok)
	}
}
