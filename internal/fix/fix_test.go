package fix_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/fix"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/rules"
)

var today = dates.Date{Year: 2026, Month: 11, Day: 22}

// reload reads bytes as the lint command does: reading findings, the lint
// rules, inline suppressions.
func reload(name string) func([]byte) *load.Result {
	return func(raw []byte) *load.Result {
		r := load.Bytes(name, raw, load.Options{})
		fs := append(r.Findings, lint.Run(r, lint.Options{Today: today})...)
		r.Findings = finding.Sort(lint.Suppress(r, fs, true))
		return r
	}
}

func fixBytes(t testing.TB, name string, raw []byte, unsafe bool) *fix.Outcome {
	t.Helper()
	rl := reload(name)
	return fix.File(raw, rl(raw), fix.Options{Unsafe: unsafe, Reload: rl})
}

func shipped(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func count(fs []finding.Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

// base is the shipped factsheet with its fixes made (the Table 5 label,
// the footnotes that repeat an earlier one's source): the ground the
// plants below are planted in.
func base(t testing.TB, name string) string {
	t.Helper()
	out := fixBytes(t, name, shipped(t, name), true)
	if !out.Changed() {
		t.Fatalf("%s: the shipped factsheet has a safe fix", name)
	}
	return string(out.Raw)
}

func replaceOnce(t testing.TB, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) < 1 {
		t.Fatalf("%q is not in the text", old)
	}
	return strings.Replace(s, old, new, 1)
}

// plant is one fixable finding planted into a factsheet (synthetic edits
// of the Belgian one): the rule it makes fire, and what the fixed file
// must be, exactly (nil: the base again, the plant undone).
type plant struct {
	name   string
	rule   string
	unsafe bool
	edit   func(t testing.TB, s string) string
	want   func(t testing.TB, base string) string
}

// swap exchanges two strings in s.
func swap(t testing.TB, s, a, b string) string {
	s = replaceOnce(t, s, a, "\x00")
	s = replaceOnce(t, s, b, a)
	return replaceOnce(t, s, "\x00", b)
}

var yamlPlants = []plant{
	{name: "wording", rule: "template-wording-drift", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "teleconferences (HCP-HCP)\n", "teleconferences (HCP-HPC)\n")
	}},
	{name: "control character", rule: "input-control-character", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "comments: No data available.", "comments: No data\x01 available.")
	}},
	{name: "vertical tab", rule: "input-control-character", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "comments: No data available.", "comments: No\vdata available.")
	}},
	{name: "unused suppression", rule: "suppression-unused", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "  - label: 3\n", "  # factsheet-ignore footnote-unused -- synthetic: nothing to hide\n  - label: 3\n")
	}},
	{name: "unused suppression beside a value", rule: "suppression-unused", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "  - label: 3\n", "  - label: 3  # factsheet-ignore footnote-unused -- synthetic\n")
	}},
	{name: "one rule of two unused", rule: "suppression-unused", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "  - label: 1\n", "  # factsheet-ignore footnote-placeholder-link,footnote-unused -- synthetic\n  - label: 1\n")
	}, want: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "  - label: 1\n", "  # factsheet-ignore footnote-placeholder-link -- synthetic\n  - label: 1\n")
	}},
	{name: "order", rule: "footnote-order", edit: func(t testing.TB, s string) string {
		s = replaceOnce(t, s, "research ». [^1]", "research ». [^X]")
		s = replaceOnce(t, s, "devices ». [^2]", "devices ». [^1]")
		return replaceOnce(t, s, "research ». [^X]", "research ». [^2]")
	}, want: func(t testing.TB, s string) string {
		// The two definitions trade places, each with its label fixed: the
		// list still reads 1, 2, 3.
		return swap(t, s, "    text: '[WHO EMRO - eHealth](#)'\n",
			"    text: |-\n      [mHealth Assessment: Conceptualization of a Global Framework - PMC \\(nih.gov\\)](#), [mHealth](#)\n")
	}},
	{name: "same source", rule: "footnote-duplicate-source", unsafe: true, edit: func(t testing.TB, s string) string {
		s = replaceOnce(t, s, "      comments: No data available.\n  further_information:\n    - No further information identified.\nfootnotes:",
			"      comments: No data available [^30].\n  further_information:\n    - No further information identified.\nfootnotes:")
		return replaceOnce(t, s, "\nwording:", "\n  - label: 30\n    text: <https://masante.belgique.be/#/>\nwording:")
	}, want: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "      comments: No data available.\n  further_information:\n    - No further information identified.\nfootnotes:",
			"      comments: No data available [^25].\n  further_information:\n    - No further information identified.\nfootnotes:")
	}},
	{name: "no-break space", rule: "text-unicode-space", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "comments: No data available.", "comments: No\u00a0data available.")
	}},
	{name: "zero-width space", rule: "text-unicode-space", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "comments: No data available.", "comments: No data\u200b available.")
	}},
	{name: "trailing blanks", rule: "text-trailing-whitespace", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "      answer: \"No\"\n", "      answer: \"No\" \t \n")
	}},
	{name: "trailing blanks after a key", rule: "text-trailing-whitespace", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "\nfootnotes:\n", "\nfootnotes:   \n")
	}},
}

var textPlants = []plant{
	{name: "wording", rule: "template-wording-drift", edit: func(t testing.TB, s string) string {
		return strings.ReplaceAll(s, "teleconferences (HCP-HCP)\t", "teleconferences (HCP-HPC)\t")
	}},
	{name: "control character", rule: "input-control-character", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "\tNo\tNo data available.", "\tNo\tNo data\x01 available.")
	}},
	{name: "unused suppression", rule: "suppression-unused", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "\n<sup>3</sup>", "\n<!-- factsheet-ignore footnote-unused -- synthetic: nothing to hide -->\n<sup>3</sup>")
	}},
	{name: "order", rule: "footnote-order", edit: func(t testing.TB, s string) string {
		s = replaceOnce(t, s, "research ». <sup>1</sup>", "research ». <sup>X</sup>")
		s = replaceOnce(t, s, "devices ». <sup>2</sup>", "devices ». <sup>1</sup>")
		return replaceOnce(t, s, "research ». <sup>X</sup>", "research ». <sup>2</sup>")
	}, want: func(t testing.TB, s string) string {
		// The two definitions trade places, each with its label fixed.
		return swap(t, s, "</sup> [WHO EMRO - eHealth](#)\n",
			"</sup> [mHealth Assessment: Conceptualization of a Global Framework - PMC \\(nih.gov\\)](#), [mHealth](#)\n")
	}},
	{name: "same source", rule: "footnote-duplicate-source", unsafe: true, edit: func(t testing.TB, s string) string {
		s = replaceOnce(t, s, "types of solutions?\tNo\tNo data available.", "types of solutions?\tNo\tNo data available <sup>30</sup>.")
		return replaceOnce(t, s, "\n<sup>26</sup> ", "\n<sup>30</sup> <https://masante.belgique.be/#/>\n\n<sup>26</sup> ")
	}, want: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "types of solutions?\tNo\tNo data available.", "types of solutions?\tNo\tNo data available <sup>25</sup>.")
	}},
	{name: "no-break space", rule: "text-unicode-space", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "\tNo\tNo data available.", "\tNo\tNo\u00a0data available.")
	}},
	{name: "trailing blanks on a heading", rule: "text-trailing-whitespace", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "## 5 CANCER SPECIFIC eHEALTH SOLUTIONS\n", "## 5 CANCER SPECIFIC eHEALTH SOLUTIONS  \n")
	}},
	{name: "trailing blank after a row's last cell", rule: "text-trailing-whitespace", edit: func(t testing.TB, s string) string {
		return replaceOnce(t, s, "\tNo\tNo data available.\n", "\tNo\tNo data available. \n")
	}},
}

// TestWhitespaceTheLayoutNeedsIsLeft: typography that needs a no-break
// space, blanks inside a YAML block scalar, a tab before an empty last
// cell and a Markdown line break are not reported.
func TestWhitespaceTheLayoutNeedsIsLeft(t *testing.T) {
	for _, tc := range []struct{ name, file, old, new string }{
		{"French colon", "BE.yaml", "comments: No data available.", "comments: No data\u00a0: available."},
		{"digits", "BE.yaml", "comments: No data available.", "comments: No data 10\u202f000 available."},
		{"block scalar", "BE.yaml", "        The National Cancer Plan is under development", "        The National Cancer Plan is under development  "},
		{"empty last cell", "BE.txt", "national eHealth strategy?\tYes\t", "national eHealth strategy?\tYes\t"},
		{"line break", "BE.txt", "- More definitions are available here:  \n", "- More definitions are available here:  \n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			planted := replaceOnce(t, base(t, tc.file), tc.old, tc.new)
			fs := reload(tc.file)([]byte(planted)).Findings
			if n := count(fs, "text-unicode-space") + count(fs, "text-trailing-whitespace"); n != 0 {
				t.Errorf("%d whitespace findings", n)
			}
		})
	}
}

// TestEveryFixablePlantIsFixed is the property the issue asks for: for
// every fixable finding planted into BE.yaml and BE.txt, --fix removes it,
// touches only the bytes of its fix (the fixed file is the base again,
// but for the lines the fix had to write), and leaves the file
// schema-valid; fixing again changes nothing.
func TestEveryFixablePlantIsFixed(t *testing.T) {
	covered := map[string]bool{}
	for _, file := range []struct {
		name   string
		plants []plant
	}{{"BE.yaml", yamlPlants}, {"BE.txt", textPlants}} {
		b := base(t, file.name)
		for _, p := range file.plants {
			t.Run(file.name+"/"+p.name, func(t *testing.T) {
				covered[p.rule] = true
				planted := p.edit(t, b)
				before := reload(file.name)([]byte(planted))
				if count(before.Findings, p.rule) == 0 {
					t.Fatalf("the plant makes no %s finding", p.rule)
				}
				if !p.unsafe {
					// Safe fixes only: the plant is fixed without asking.
				} else if out := fixBytes(t, file.name, []byte(planted), false); count(out.Result.Findings, p.rule) != count(before.Findings, p.rule) {
					t.Errorf("an unsafe fix was applied without --unsafe-fixes")
				}
				out := fixBytes(t, file.name, []byte(planted), p.unsafe)
				if n, want := count(out.Result.Findings, p.rule), count(reload(file.name)([]byte(b)).Findings, p.rule); n != want {
					t.Errorf("%d %s findings after the fix; the base has %d", n, p.rule, want)
				}
				for _, f := range out.Result.Findings {
					if r, _ := rules.Lookup(f.Rule); r.Category == "schema" || r.Category == "input" {
						t.Errorf("the fixed file has a %s finding: %v", r.Category, f)
					}
				}
				if out.Fixed < 1 {
					t.Errorf("Fixed = %d", out.Fixed)
				}
				want := b
				if p.want != nil {
					want = p.want(t, b)
				}
				if string(out.Raw) != want {
					t.Errorf("the fixed file is not what the fix should make; its diff from the planted file:\n%s", out.Diff())
				}
				again := fixBytes(t, file.name, out.Raw, true)
				if again.Changed() {
					t.Errorf("fixing again changes the file:\n%s", again.Diff())
				}
			})
		}
	}
	for _, id := range fix.Fixable() {
		if !covered[id] {
			t.Errorf("fixable rule %s has no plant", id)
		}
	}
}

// TestRegistryAgrees: a rule marked fixable has a fix, and a fix belongs to
// a rule marked fixable.
func TestRegistryAgrees(t *testing.T) {
	fixable := fix.Fixable()
	for _, r := range rules.All() {
		if has := slices.Contains(fixable, r.ID); has != (r.Fix != rules.NoFix) {
			t.Errorf("rule %s: Fix %v, fix made: %v", r.ID, r.Fix, has)
		}
	}
}

// TestOverlappingFixesTakeTwoPasses: a label fix and the removal of a
// control character inside that label touch the same bytes: one pass
// makes the first, the next sees what remains.
func TestOverlappingFixesTakeTwoPasses(t *testing.T) {
	b := base(t, "BE.txt")
	planted := strings.ReplaceAll(b, "teleconferences (HCP-HCP)\t", "teleconferences (HCP-\x01HPC)\t")
	out := fixBytes(t, "BE.txt", []byte(planted), false)
	for _, rule := range []string{"template-wording-drift", "input-control-character"} {
		if n := count(out.Result.Findings, rule); n != 0 {
			t.Errorf("%d %s findings remain", n, rule)
		}
	}
	if string(out.Raw) != b {
		t.Errorf("the fixed file is not the base:\n%s", out.Diff())
	}
	// Order and merges both renumber footnotes: two passes too.
	planted = textPlants[3].edit(t, textPlants[4].edit(t, b))
	out = fixBytes(t, "BE.txt", []byte(planted), true)
	for _, rule := range []string{"footnote-order", "footnote-duplicate-source"} {
		if n := count(out.Result.Findings, rule); rule == "footnote-order" && n != 0 {
			t.Errorf("%d %s findings remain", n, rule)
		}
	}
	if count(out.Result.Findings, "footnote-duplicate-source") >= count(reload("BE.txt")([]byte(planted)).Findings, "footnote-duplicate-source") {
		t.Error("the merge was not made")
	}
	if fixBytes(t, "BE.txt", out.Raw, true).Changed() {
		t.Error("fixing again changes the file")
	}
}

// TestNotFixed: what is never edited — a file that cannot be decoded
// (invalid UTF-8), a file with parse errors, UTF-16, a Word document.
func TestNotFixed(t *testing.T) {
	yaml := shipped(t, "BE.yaml")
	for _, tc := range []struct {
		name string
		raw  []byte
		why  string
	}{
		{"latin1.yaml", append(append([]byte{}, yaml...), []byte("# S\xf8nderskov\n")...), "could not be read"},
		{"broken.yaml", []byte(strings.Replace(string(yaml), "wording:\n", "wording: [\n", 1)), "parse errors"},
		{"utf16.txt", []byte{0xFF, 0xFE, 'a', 0}, "UTF-16LE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := fixBytes(t, tc.name, tc.raw, true)
			if out.Changed() || !strings.Contains(out.Skipped, tc.why) {
				t.Errorf("changed %v, skipped %q; want not changed, skipped for %q", out.Changed(), out.Skipped, tc.why)
			}
		})
	}
}

// The unsafe merge of a footnote that repeats an earlier one's source works
// in JSON too: the element goes with its comma, and the JSON file says what
// the YAML file says after the same fix.
func TestMergeInJSON(t *testing.T) {
	yamlFixed := fixBytes(t, "BE.yaml", shipped(t, "BE.yaml"), true)
	raw := encodeJSON(t, shipped(t, "BE.yaml"))
	before := count(reload("BE.json")(raw).Findings, "footnote-duplicate-source")
	if before == 0 {
		t.Fatal("the Belgian factsheet in JSON has no footnote-duplicate-source finding to fix")
	}
	out := fixBytes(t, "BE.json", raw, true)
	if !out.Changed() {
		t.Fatal("--unsafe-fixes changed nothing in the JSON form")
	}
	if n, want := count(out.Result.Findings, "footnote-duplicate-source"), count(yamlFixed.Result.Findings, "footnote-duplicate-source"); n >= before || n != want {
		t.Errorf("after --unsafe-fixes, %d footnote-duplicate-source findings remain in JSON (before %d, YAML after the same fix %d)", n, before, want)
	}
	got, want := out.Result.Model.Footnotes, yamlFixed.Result.Model.Footnotes
	if !slices.Equal(got, want) {
		t.Errorf("JSON footnotes after the merge differ from YAML's:\n json %v\n yaml %v", got, want)
	}
	if again := fixBytes(t, "BE.json", out.Raw, true); again.Changed() {
		t.Errorf("fixing the fixed JSON changed it again")
	}
}

func encodeJSON(t testing.TB, yamlSrc []byte) []byte {
	t.Helper()
	r := load.Bytes("BE.yaml", yamlSrc, load.Options{})
	b, err := json.MarshalIndent(r.Value, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestOrderKeepsDefinitionsInOrder: three footnotes referenced in the
// order 3, 1, 2 are renumbered 1, 2, 3 in every form, and each definition
// moves with its source to the place of its new number, so the footnotes
// still read 1, 2, 3 down the file and every reference cites the source it
// cited before.
func TestOrderKeepsDefinitionsInOrder(t *testing.T) {
	yamlSrc := base(t, "BE.yaml")
	txtSrc := base(t, "BE.txt")
	cycle := func(s string, ref func(string) string, third string) string {
		s = replaceOnce(t, s, "research ». "+ref("1"), "research ». "+ref("X"))
		s = replaceOnce(t, s, "devices ». "+ref("2"), "devices ». "+ref("Y"))
		s = replaceOnce(t, s, third+ref("3"), third+ref("Z"))
		for _, r := range [][2]string{{"X", "3"}, {"Y", "1"}, {"Z", "2"}} {
			s = strings.Replace(s, ref(r[0]), ref(r[1]), 1)
		}
		return s
	}
	md := func(l string) string { return "[^" + l + "]" }
	sup := func(l string) string { return "<sup>" + l + "</sup>" }
	plantedYAML := cycle(yamlSrc, md, "environment.* ")
	for _, tc := range []struct{ name, raw string }{
		{"BE.yaml", plantedYAML},
		{"BE.json", string(encodeJSON(t, []byte(plantedYAML)))},
		{"BE.txt", cycle(txtSrc, sup, "environment.</i> ")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := reload(tc.name)([]byte(tc.raw))
			if count(before.Findings, "footnote-order") == 0 {
				t.Fatal("the plant has no footnote-order finding")
			}
			src := map[string]string{} // the source each term's definition cites
			for _, fn := range before.Model.Footnotes {
				src[fn.Label] = fn.Text
			}
			out := fixBytes(t, tc.name, []byte(tc.raw), false)
			if n := count(out.Result.Findings, "footnote-order"); n != 0 || !out.Changed() {
				t.Fatalf("changed %v, %d footnote-order findings remain", out.Changed(), n)
			}
			fns := out.Result.Model.Footnotes
			for i, fn := range fns[:5] {
				if fn.Label != strconv.Itoa(i+1) {
					t.Errorf("footnote %d in the file is numbered %s", i+1, fn.Label)
				}
			}
			// eHealth cited 3, mHealth 1, its list 2: now 1, 2, 3, with the same sources.
			for label, was := range map[string]string{"1": "3", "2": "1", "3": "2"} {
				if got := textOf(fns, label); got != src[was] {
					t.Errorf("footnote %s cites %q, want the source of the old footnote %s, %q", label, got, was, src[was])
				}
			}
			if again := fixBytes(t, tc.name, out.Raw, false); again.Changed() {
				t.Error("fixing the fixed file changed it again")
			}
		})
	}
}

func textOf(fns []model.Footnote, label string) string {
	for _, fn := range fns {
		if fn.Label == label {
			return fn.Text
		}
	}
	return ""
}

// TestOrderDefinitionsInOtherColumns: YAML definitions that start in
// different columns ("-   text: ..." beside "- label: ...") cannot move
// into each other's place (their later lines are indented for their own
// column); the renumbering renames them where they are instead of being
// rejected whole, which left footnote-order unfixed.
func TestOrderDefinitionsInOtherColumns(t *testing.T) {
	src := swappedRefs(t, base(t, "BE.yaml"))
	src = replaceOnce(t, src, "  - label: 1\n    text: '[WHO EMRO - eHealth](#)'", "  -   text: '[WHO EMRO - eHealth](#)'\n      label: 1")
	before := mustReport(t, "BE.yaml", src, "footnote-order")
	was := map[string]string{}
	for _, fn := range before.Model.Footnotes {
		was[fn.Label] = fn.Text
	}
	out := fixBytes(t, "BE.yaml", []byte(src), false)
	if n := count(out.Result.Findings, "footnote-order"); n != 0 {
		t.Fatalf("%d footnote-order findings remain", n)
	}
	fns := out.Result.Model.Footnotes
	if textOf(fns, "1") != was["2"] || textOf(fns, "2") != was["1"] {
		t.Errorf("footnotes 1 and 2 cite %q and %q, want the old 2 and 1", textOf(fns, "1"), textOf(fns, "2"))
	}
}

// swappedRefs swaps the references of the Belgian factsheet's first two
// footnotes in YAML, so that footnote-order reports them.
func swappedRefs(t testing.TB, src string) string {
	t.Helper()
	src = replaceOnce(t, src, "research ». [^1]", "research ». [^X]")
	src = replaceOnce(t, src, "devices ». [^2]", "devices ». [^1]")
	return replaceOnce(t, src, "[^X]", "[^2]")
}

// mustReport reads src as name and fails unless rule reports something.
func mustReport(t testing.TB, name, src, rule string) *load.Result {
	t.Helper()
	r := reload(name)([]byte(src))
	if count(r.Findings, rule) == 0 {
		t.Fatalf("the plant has no %s finding", rule)
	}
	return r
}

// TestOrderFallsBackToRenaming: a move of definitions that no longer reads
// (a YAML alias moved above its anchor) is rejected by its check; the
// renumbering is then done by renaming the definitions in place, where
// footnote-order was left unfixed.
func TestOrderFallsBackToRenaming(t *testing.T) {
	src := swappedRefs(t, base(t, "BE.yaml"))
	src = replaceOnce(t, src, "    text: '[WHO EMRO - eHealth](#)'", "    text: &who '[WHO EMRO - eHealth](#)'")
	src = replaceOnce(t, src, "  - label: 2\n    text: |-\n      [mHealth Assessment: Conceptualization of a Global Framework - PMC \\(nih.gov\\)](#), [mHealth](#)\n", "  - label: 2\n    text: *who\n")
	mustReport(t, "BE.yaml", src, "footnote-order")
	out := fixBytes(t, "BE.yaml", []byte(src), false)
	if n := count(out.Result.Findings, "footnote-order"); n != 0 {
		t.Fatalf("%d footnote-order findings remain", n)
	}
}
