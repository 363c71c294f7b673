package diff_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
)

var repo = filepath.Join("..", "..")

// loadFile reads a repository file through the real pipeline.
func loadFile(t testing.TB, rel string) *load.Result {
	t.Helper()
	res, err := load.Path(filepath.Join(repo, rel), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Readable() {
		t.Fatalf("%s: not readable: %v", rel, res.Findings)
	}
	return res
}

func compare(t testing.TB, oldRel, newRel string) *diff.Result {
	t.Helper()
	r := diff.Compare(loadFile(t, oldRel).Model, loadFile(t, newRel).Model)
	r.Old, r.New = filepath.Base(oldRel), filepath.Base(newRel)
	return r
}

// changesJSON is the "changes" and "renumbered" members of the JSON
// output: what the diff says, without the file names.
func changesJSON(t testing.TB, r *diff.Result) string {
	t.Helper()
	var buf bytes.Buffer
	if err := diff.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "old")
	delete(v, "new")
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	roundOld = "testdata/rounds/BE-2025-10.yaml"
	beYAML   = "testdata/factsheets/BE.yaml"
	beDoc    = "testdata/factsheets/BE.txt"
)

// TestBelgianRound is the acceptance test: the October 2025 round against
// the published February 2026 factsheet. The earlier round lacks the last
// review round, answered "No" where the review found discussions on a
// cancer eHealth strategy, said telemonitoring "will be" integrated, had
// another Table 5 cell for telemonitoring in treatment, and lacked footnote
// 3 - so every later footnote had a number one lower. Exactly these
// changes, one renumbering note, and nothing else: no comment citing a
// renumbered footnote is reported.
func TestBelgianRound(t *testing.T) {
	r := compare(t, roundOld, beYAML)
	var buf bytes.Buffer
	if err := diff.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Summary struct {
			Total, Added, Removed, Changed int
			AnswersChanged                 int `json:"answers_changed"`
		}
		Renumbered []map[string]any
		Changes    []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "group": "rounds",
    "id": "rounds.review.2026-02",
    "kind": "added",
    "new": {
      "contributors": [
        {
          "country": "Belgium",
          "name": "Stefanie Devos",
          "organisation": "beMedTech"
        }
      ],
      "date": "2026-02",
      "kind": "review"
    },
    "path": [
      "rounds",
      "review",
      "2026-02"
    ]
  },
  {
    "chapter": 2,
    "field": "comments",
    "group": "chapter-2",
    "id": "governance.cancer_centres",
    "kind": "changed",
    "new": "Yes, the UZA, UZLeuven, UZGent, Saint Luc, Institut Jules Bordet and Erasme. All work in different fields. Since January 2026, telemonitoring is integrated in the reimbursed care pathways of RIZIV/INAMI for a specific group of cancer patients for a limited time period. Therefore, telemonitoring is offered in many more hospitals (and not only in comprehensive cancer centres). [^15]",
    "old": "Yes, the UZA, UZLeuven, UZGent, Saint Luc, Institut Jules Bordet and Erasme. All work in different fields. From January 2026, telemonitoring will be integrated in the reimbursed care pathways of RIZIV/INAMI for a specific group of cancer patients for a limited time period. Therefore, telemonitoring will be offered in many more hospitals (and not only in comprehensive cancer centres). [^14]",
    "path": [
      "governance",
      "cancer_centres",
      "comments"
    ]
  },
  {
    "chapter": 3,
    "field": "answer",
    "group": "chapter-3",
    "id": "strategies.cancer_strategy_discussions",
    "kind": "changed",
    "new": "Yes",
    "old": "No",
    "path": [
      "strategies",
      "cancer_strategy_discussions",
      "answer"
    ]
  },
  {
    "chapter": 5,
    "group": "chapter-5",
    "id": "solutions.treatment.telemonitoring",
    "kind": "changed",
    "new": "Yes partially, reimbursed for specific group of patients since January 2026 (during 5 months)",
    "old": "No, reimbursement for a specific group of patients is planned from January 2026 (during 5 months)",
    "path": [
      "solutions",
      "treatment",
      "telemonitoring"
    ]
  },
  {
    "cited_in": [
      "definitions.mhealth.deviation"
    ],
    "group": "footnotes",
    "id": "footnotes.3",
    "kind": "added",
    "new": {
      "label": "3",
      "text": "\u003chttps://www.riziv.fgov.be/nl/professionals/andere-professionals/fabrikanten-en-verdelers-van-medische-hulpmiddelen/mobiele-medische-toepassingen-uw-aanvraag-indienen\u003e"
    },
    "path": [
      "footnotes",
      "3"
    ]
  }
]`
	b, _ := json.MarshalIndent(got.Changes, "", "  ")
	if string(b) != want {
		t.Errorf("changes:\n%s\nwant:\n%s", b, want)
	}
	wantNotes := `[{"count":26,"new_first":"4","new_last":"29","note":"footnotes 3-28 renumbered to 4-29","old_first":"3","old_last":"28"}]`
	if b, _ := json.Marshal(got.Renumbered); string(b) != wantNotes {
		t.Errorf("renumbered: %s\nwant %s", b, wantNotes)
	}
	s := got.Summary
	if s.Total != 5 || s.Added != 2 || s.Removed != 0 || s.Changed != 3 || s.AnswersChanged != 1 {
		t.Errorf("summary = %+v", s)
	}
}

// TestSameFile: a factsheet against itself, in any form and across forms
// (the document and the YAML generated from it), has no changes and no
// renumbering.
func TestSameFile(t *testing.T) {
	for _, pair := range [][2]string{{beYAML, beYAML}, {beDoc, beDoc}, {beDoc, beYAML}, {roundOld, roundOld}} {
		r := compare(t, pair[0], pair[1])
		if !r.Empty() || len(r.Renumbered) > 0 || r.Summary.Total() != 0 {
			t.Errorf("%s vs %s: %d changes, %v renumbered; want none:\n%s", pair[0], pair[1], len(r.Changes), r.Renumbered, changesJSON(t, r))
		}
	}
}

// TestAcrossForms: the same pair of versions in different forms gives the
// same diff: the new version as the published document or as YAML, the
// old one as YAML, JSON or the document.
func TestAcrossForms(t *testing.T) {
	want := changesJSON(t, compare(t, roundOld, beYAML))
	if got := changesJSON(t, compare(t, roundOld, beDoc)); got != want {
		t.Errorf("old YAML vs new document differs from YAML vs YAML:\n%s", got)
	}
	old := loadFile(t, roundOld).Model
	for name, raw := range map[string][]byte{"BE-2025-10.md": document.Render(old), "BE-2025-10.json": encode.JSON(old)} {
		res := load.Bytes(name, raw, load.Options{})
		if !res.Readable() {
			t.Fatalf("%s: not readable", name)
		}
		for _, newRel := range []string{beYAML, beDoc} {
			r := diff.Compare(res.Model, loadFile(t, newRel).Model)
			if got := changesJSON(t, r); got != want {
				t.Errorf("%s vs %s differs from YAML vs YAML:\n%s", name, newRel, got)
			}
		}
	}
}

// mirrored is a change seen from the other side.
type mirrored struct {
	Kind     diff.Kind
	ID       string
	Field    string
	Old, New string
}

func mirrorKey(c diff.Change, swap bool) mirrored {
	k := c.Kind
	o, n := c.Old, c.New
	if swap {
		o, n = n, o
		switch k {
		case diff.Added:
			k = diff.Removed
		case diff.Removed:
			k = diff.Added
		}
	}
	js := func(v any) string {
		if v == nil {
			return ""
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	id := c.ID
	if c.Group == diff.GroupFootnotes || (len(c.Path) == 3 && c.Path[1] == "further_information") {
		// Numbered by the side that has them (the new one for a change):
		// compare by content.
		id = c.Path[0]
	}
	return mirrored{k, id, c.Field, js(o), js(n)}
}

func mirrorSet(cs []diff.Change, swap bool) []mirrored {
	var out []mirrored
	for _, c := range cs {
		out = append(out, mirrorKey(c, swap))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.ID+"\x00"+a.Field+"\x00"+a.Old+"\x00"+a.New < b.ID+"\x00"+b.Field+"\x00"+b.Old+"\x00"+b.New
	})
	return out
}

// TestMirror: diff B A is diff A B seen from the other side: added and
// removed swap, old and new swap, the renumbering runs the other way.
func TestMirror(t *testing.T) {
	pairs := []struct{ a, b *model.Factsheet }{
		{loadFile(t, roundOld).Model, loadFile(t, beYAML).Model},
		{loadFile(t, beDoc).Model, loadFile(t, roundOld).Model},
		{richOld(), richNew()},
	}
	for i, p := range pairs {
		ab, ba := diff.Compare(p.a, p.b), diff.Compare(p.b, p.a)
		if ab.Empty() {
			t.Fatalf("pair %d: no changes", i)
		}
		if got, want := mirrorSet(ba.Changes, true), mirrorSet(ab.Changes, false); !reflect.DeepEqual(got, want) {
			t.Errorf("pair %d: B->A is not the mirror of A->B:\n got %v\nwant %v", i, got, want)
		}
		if ab.Summary.Added != ba.Summary.Removed || ab.Summary.Removed != ba.Summary.Added || ab.Summary.Changed != ba.Summary.Changed {
			t.Errorf("pair %d: summaries do not mirror: %+v vs %+v", i, ab.Summary.Counts, ba.Summary.Counts)
		}
		if len(ab.Renumbered) != len(ba.Renumbered) {
			t.Fatalf("pair %d: renumbered %v vs %v", i, ab.Renumbered, ba.Renumbered)
		}
		for k, n := range ab.Renumbered {
			m := ba.Renumbered[k]
			if n.OldFirst != m.NewFirst || n.OldLast != m.NewLast || n.NewFirst != m.OldFirst || n.NewLast != m.OldLast {
				t.Errorf("pair %d: renumbering %v does not mirror %v", i, n, m)
			}
		}
	}
}

// find returns the change with the kind and path, or nil.
func find(r *diff.Result, kind diff.Kind, path ...string) *diff.Change {
	for i, c := range r.Changes {
		if c.Kind == kind && strings.Join(c.Path, "/") == strings.Join(path, "/") {
			return &r.Changes[i]
		}
	}
	return nil
}
