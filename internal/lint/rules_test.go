package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/rules"
)

var factsheets = filepath.Join("..", "..", "testdata", "factsheets")

func read(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(factsheets, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// today is the day the seed's findings were reviewed.
var today = func() dates.Date { e, _ := dates.Parse("2026-11-22"); return e.From }()

func lintText(name, text string) []finding.Finding {
	res := load.Bytes(name, []byte(text), load.Options{})
	return append(res.Findings, lint.Run(res, lint.Options{Today: today, MaxAge: lint.DefaultMaxAge})...)
}

// replace edits text, failing when the original is not there exactly once:
// a test whose edit silently does nothing proves nothing.
func replace(t *testing.T, text, from, to string) string {
	t.Helper()
	if n := strings.Count(text, from); n != 1 {
		t.Fatalf("edit: %q occurs %d times, want 1", from, n)
	}
	return strings.Replace(text, from, to, 1)
}

// cursor is where a marker says the finding must point.
const cursor = "‸"

// position finds a marker (text with a ‸ where the finding must point) in
// text and returns the 1-based line and column of the ‸.
func position(t *testing.T, text, marker string) (int, int) {
	t.Helper()
	at := strings.Index(marker, cursor)
	if at < 0 {
		at = 0
	}
	plain := strings.Replace(marker, cursor, "", 1)
	if n := strings.Count(text, plain); n != 1 {
		t.Fatalf("marker %q occurs %d times, want 1", plain, n)
	}
	off := strings.Index(text, plain) + at
	line := strings.Count(text[:off], "\n") + 1
	start := strings.LastIndex(text[:off], "\n") + 1
	return line, utf8.RuneCountInString(text[start:off]) + 1
}

type plant struct {
	name, rule string
	yaml       func(t *testing.T, s string) string // edits BE.yaml; the JSON form is converted from it
	doc        func(t *testing.T, s string) string // edits the published document BE.txt
	// json, when set, edits the JSON converted from the YAML: for what
	// the model does not hold (blanks at the end of a line).
	json func(t *testing.T, s string) string
	// Markers per form; json and doc default to the yaml marker.
	yamlAt, jsonAt, docAt string
}

// TestPlantedDefects plants one defect per case in each of the three forms
// and asserts the rule fires at exactly the place to edit.
func TestPlantedDefects(t *testing.T) {
	cases := []plant{
		{name: "reference without definition", rule: "footnote-unresolved",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "comments: No further information available.", "comments: No further information available. [^99]")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "N/A\tNo further information available.", "N/A\tNo further information available. <sup>99</sup>")
			},
			yamlAt: "‸[^99]", docAt: "‸<sup>99</sup>"},
		{name: "footnote never referenced", rule: "footnote-unused",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "wording:\n", "  - label: 30\n    text: <https://example.org/orphan>\nwording:\n")
			},
			doc:    func(t *testing.T, s string) string { return s + "\n\n<sup>30</sup> <https://example.org/orphan>\n" },
			yamlAt: "‸label: 30", jsonAt: "‸{\n      \"label\": 30", docAt: "‸<sup>30</sup>"},
		{name: "number defined twice", rule: "footnote-duplicate",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "wording:\n", "  - label: 29\n    text: <https://example.org/twice>\nwording:\n")
			},
			doc:    func(t *testing.T, s string) string { return s + "\n\n<sup>29</sup> <https://example.org/twice>\n" },
			yamlAt: "‸label: 29\n    text: <https://example.org/twice>", jsonAt: "‸{\n      \"label\": 29,\n      \"text\": \"<https://example.org/twice>\"",
			docAt: "‸<sup>29</sup> <https://example.org/twice>"},
		{name: "numbering out of order", rule: "footnote-order",
			yaml: func(t *testing.T, s string) string {
				s = replace(t, s, "Environment [^9] is", "Environment [^15] is")
				return replace(t, s, "centres). [^15]", "centres). [^9]")
			},
			doc: func(t *testing.T, s string) string {
				s = replace(t, s, "Environment <sup>9</sup> is", "Environment <sup>15</sup> is")
				return replace(t, s, "centres). <sup>15</sup>", "centres). <sup>9</sup>")
			},
			yamlAt: "‸[^15] is responsible", docAt: "‸<sup>15</sup> is responsible"},
		{name: "empty footnote", rule: "footnote-empty",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "  - label: 17\n    text: <https://www.zorg-en-gezondheid.be/>", "  - label: 17\n    text: \"\"")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "<sup>17</sup> <https://www.zorg-en-gezondheid.be/>", "<sup>17</sup>")
			},
			yamlAt: "‸label: 17", jsonAt: "‸{\n      \"label\": 17", docAt: "‸<sup>17</sup>\n\n<sup>18</sup>"},
		{name: "placeholder link in a comment", rule: "footnote-placeholder-link",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "published on March 2025 [^22]", "published on March 2025 [^22] See [the decree](#).")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "published on March 2025 <sup>22</sup>", "published on March 2025 <sup>22</sup> See <a href=\"#\">the decree</a>.")
			},
			yamlAt: "‸[the decree](#)", docAt: "‸<a href=\"#\">the decree</a>"},
		{name: "address without scheme", rule: "footnote-malformed-url",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "text: <https://www.zorg-en-gezondheid.be/>", "text: '[Zorg](www.zorg-en-gezondheid.be)'")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "<sup>17</sup> <https://www.zorg-en-gezondheid.be/>", "<sup>17</sup> [Zorg](www.zorg-en-gezondheid.be)")
			},
			yamlAt: "‸[Zorg](www"},
		{name: "same source twice", rule: "footnote-duplicate-source",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "text: <https://esante.wallonie.be/>", "text: <https://www.zorg-en-gezondheid.be/>")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "<sup>18</sup> <https://esante.wallonie.be/>", "<sup>18</sup> <https://www.zorg-en-gezondheid.be/>")
			},
			yamlAt: "‸label: 18", jsonAt: "‸{\n      \"label\": 18", docAt: "‸<sup>18</sup> <https://www.zorg"},

		{name: "latest review too old", rule: "date-review-stale",
			yaml: func(t *testing.T, s string) string {
				s = replace(t, s, "date: 2025-10", "date: 2025-09")
				return replace(t, s, "date: 2026-02", "date: 2025-10")
			},
			doc: func(t *testing.T, s string) string {
				s = replace(t, s, "in **October 2025** by", "in **September 2025** by")
				return replace(t, s, "**reviewed in February 2026**", "**reviewed in October 2025**")
			},
			yamlAt: "‸2025-10", jsonAt: "‸\"2025-10\"", docAt: "‸October 2025"},
		{name: "no review round", rule: "date-no-round",
			yaml: func(t *testing.T, s string) string {
				start, end := strings.Index(s, "rounds:\n"), strings.Index(s, "definitions:\n")
				return s[:start] + "rounds: []\n" + s[end:]
			},
			doc: func(t *testing.T, s string) string {
				start, end := strings.Index(s, "This country factsheet was originally"), strings.Index(s, "The country factsheet includes chapters on:")
				return s[:start] + s[end:]
			},
			yamlAt: "rounds: ‸[]", jsonAt: "\"rounds\": ‸[]", docAt: "‸\n\n# POLICY MAPPING ON eHEALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN BELGIUM\n\nThis Country"},
		{name: "round in the future", rule: "date-future",
			yaml: func(t *testing.T, s string) string { return replace(t, s, "date: 2026-02", "date: 2027-02") },
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "reviewed in February 2026", "reviewed in February 2027")
			},
			yamlAt: "‸2027-02", jsonAt: "‸\"2027-02\"", docAt: "‸February 2027"},
		{name: "rounds out of order", rule: "date-rounds-order",
			yaml: func(t *testing.T, s string) string { return replace(t, s, "date: 2025-10", "date: 2026-06") },
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "in **October 2025** by", "in **June 2026** by")
			},
			yamlAt: "‸2026-02", jsonAt: "‸\"2026-02\"", docAt: "‸February 2026** by"},
		{name: "update not reviewed", rule: "date-unreviewed-update",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "  - kind: review\n    date: 2026-02\n    contributors:\n      - name: Stefanie Devos\n        organisation: beMedTech\n        country: Belgium\n", "")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "The updated country factsheet was **reviewed in February 2026** by\n\n- Stefanie Devos, beMedTech, Belgium\n", "")
			},
			yamlAt: "‸kind: update", jsonAt: "‸{\n      \"kind\": \"update\"", docAt: "‸This country factsheet has been **updated**"},
		{name: "promise past due", rule: "date-past-due",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "occupational health and safety, and healthcare.", "occupational health and safety, and healthcare. A new law will be adopted by the end of June 2025.")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "occupational health and safety, and healthcare.", "occupational health and safety, and healthcare. A new law will be adopted by the end of June 2025.")
			},
			yamlAt: "‸A new law will"},
		{name: "as of too old", rule: "date-as-of-stale",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "answer: \"No\"\n      comments: No data available.\n    reliability", "answer: \"No\"\n      comments: No data available as of March 2024.\n    reliability")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "Give an estimate percentage of public solutions.\tNo\tNo data available.", "Give an estimate percentage of public solutions.\tNo\tNo data available as of March 2024.")
			},
			yamlAt: "‸March 2024"},
		{name: "ended plan described as current", rule: "date-plan-ended",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "guided by the eHealth Action Plan 2025-2027", "guided by the eHealth Action Plan 2022-2024")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "guided by the eHealth Action Plan 2025-2027", "guided by the eHealth Action Plan 2022-2024")
			},
			yamlAt: "‸Belgium's digital health strategy"},
		{name: "relative date in a factsheet last reviewed long ago", rule: "date-relative-stale",
			yaml: func(t *testing.T, s string) string {
				s = replace(t, s, "date: 2025-10", "date: 2025-06")
				s = replace(t, s, "date: 2026-02", "date: 2025-09")
				return replace(t, s, "occupational health and safety, and healthcare.", "occupational health and safety, and healthcare. A cancer registry will be launched next year.")
			},
			doc: func(t *testing.T, s string) string {
				s = replace(t, s, "in **October 2025** by", "in **June 2025** by")
				s = replace(t, s, "**reviewed in February 2026**", "**reviewed in September 2025**")
				return replace(t, s, "occupational health and safety, and healthcare.", "occupational health and safety, and healthcare. A cancer registry will be launched next year.")
			},
			yamlAt: "‸A cancer registry will"},

		{name: "reworded question", rule: "template-wording-drift",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "wording:\n", "wording:\n  legislation.telemedicine: Is there a law on telemedicine?\n")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "Is there specific legislation on the use of telemedicine?", "Is there any specific legislation on the use of telemedicine?")
			},
			yamlAt: "‸Is there a law on telemedicine?", docAt: "‸Is there any specific legislation"},
		{name: "question missing", rule: "template-missing",
			yaml: func(t *testing.T, s string) string {
				i := strings.Index(s, "    cancer_prevention:\n")
				j := strings.Index(s, "    ehealth_cancer_care:\n")
				return s[:i] + s[j:]
			},
			doc: func(t *testing.T, s string) string {
				i := strings.Index(s, "Is there specific legislation explicitly referring to cancer prevention?")
				j := strings.Index(s, "Is there specific legislation explicitly referring to / including eHealth")
				return s[:i] + s[j:]
			},
			yamlAt: "  ‸questions:\n    general_framework:", jsonAt: "‸\"questions\": {\n      \"general_framework\"",
			docAt: "‸Question\tAnswer\tComments/Experience\nIs there a general legal framework"},
		{name: "question not in the template", rule: "template-unknown",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "    telemedicine:\n      answer: \"Yes\"\n      comments: |-\n        A royal decree", "    telemedecine:\n      answer: \"Yes\"\n      comments: |-\n        A royal decree")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "Is there specific legislation on the use of telemedicine?", "Is there a law on the colour of hospital walls?")
			},
			yamlAt: "‸telemedecine:", jsonAt: "‸\"telemedecine\"", docAt: "‸Is there a law on the colour"},
		{name: "country name and code disagree", rule: "country-mismatch",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "  name: Belgium\n", "  name: Netherlands\n")
			},
			doc: func(t *testing.T, s string) string {
				return strings.ReplaceAll(s, "- Belgium\n", "- Netherlands\n")
			},
			yamlAt: "‸Netherlands", jsonAt: "‸\"Netherlands\"", docAt: "EALTH POLICIES AND INITIATIVES (INCLUDING ON CANCER CARE) IN ‸BELGIUM\n\nThis"},

		{name: "answer outside the vocabulary", rule: "answer-vocabulary",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "    national_board:\n      answer: \"Yes\"", "    national_board:\n      answer: There is one since 2019")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "governance board in place?\tYes\t", "governance board in place?\tThere is one since 2019\t")
			},
			yamlAt: "‸There is one since 2019", jsonAt: "‸\"There is one since 2019\""},
		{name: "bare yes", rule: "answer-unsupported-yes",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "    other_institutions:\n      answer: N/A\n", "    other_institutions:\n      answer: \"Yes\"\n")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "in the field of eHealth?\tN/A\t", "in the field of eHealth?\tYes\t")
			},
			yamlAt: "other_institutions:\n      answer: ‸\"Yes\"", jsonAt: "\"other_institutions\": {\n        \"answer\": ‸\"Yes\"", docAt: "in the field of eHealth?\t‸Yes\t"},
		{name: "if-no question answered although yes", rule: "answer-conditional",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "    other_institutions:\n      answer: N/A\n", "    other_institutions:\n      answer: \"No\"\n")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "in the field of eHealth?\tN/A\t", "in the field of eHealth?\tNo\t")
			},
			yamlAt: "other_institutions:\n      answer: ‸\"No\"", jsonAt: "\"other_institutions\": {\n        \"answer\": ‸\"No\"", docAt: "in the field of eHealth?\t‸No\t"},
		{name: "placeholder left in", rule: "placeholder-text",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "comments: No further information available.", "comments: TBD - ask the ministry")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "N/A\tNo further information available.", "N/A\tTBD - ask the ministry")
			},
			yamlAt: "‸TBD - ask"},
		{name: "empty Table 5 cell", rule: "empty-cell",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "    rehabilitation:\n      login_websites: '-'\n      apps: '-'", "    rehabilitation:\n      login_websites: '-'\n      apps: \"\"")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "<b>Rehabilitation from Cancer</b>\t-\t-", "<b>Rehabilitation from Cancer</b>\t-\t")
			},
			yamlAt: "apps: ‸\"\"", jsonAt: "\"apps\": ‸\"\"", docAt: "<b>Rehabilitation from Cancer</b>\t-\t‸\t-"},
		{name: "no-break space between words", rule: "text-unicode-space",
			yaml: func(t *testing.T, s string) string {
				return replace(t, s, "comments: No further information available.", "comments: No further\u00a0information available.")
			},
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "N/A\tNo further information available.", "N/A\tNo further\u00a0information available.")
			},
			yamlAt: "No further‸\u00a0information available."},
		{name: "blanks at the end of a line", rule: "text-trailing-whitespace",
			yaml: func(t *testing.T, s string) string { return replace(t, s, "\nfootnotes:\n", "\nfootnotes:   \n") },
			json: func(t *testing.T, s string) string { return replace(t, s, "\"footnotes\": [\n", "\"footnotes\": [ \n") },
			doc: func(t *testing.T, s string) string {
				return replace(t, s, "## 5 CANCER SPECIFIC eHEALTH SOLUTIONS\n", "## 5 CANCER SPECIFIC eHEALTH SOLUTIONS \n")
			},
			yamlAt: "\nfootnotes:‸   \n", jsonAt: "\"footnotes\": [‸ \n", docAt: "SOLUTIONS‸ \n"},
	}
	baseYAML, baseDoc := read(t, "BE.yaml"), read(t, "BE.txt")
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.rule] = true
		t.Run(c.name, func(t *testing.T) {
			y := c.yaml(t, baseYAML)
			res := load.Bytes("BE.yaml", []byte(y), load.Options{})
			if res.Model == nil {
				t.Fatalf("planted YAML unreadable: %v", res.Findings)
			}
			j := string(encode.JSON(res.Model))
			if c.json != nil {
				j = c.json(t, j)
			}
			forms := []struct{ name, text, marker string }{
				{"BE.yaml", y, c.yamlAt},
				{"BE.json", j, or(c.jsonAt, c.yamlAt)},
				{"BE.md", c.doc(t, baseDoc), or(c.docAt, c.yamlAt)},
			}
			for _, f := range forms {
				line, col := position(t, f.text, f.marker)
				fs := lintText(f.name, f.text)
				if !hasAt(fs, c.rule, line, col) {
					t.Errorf("%s: no %s finding at %d:%d; got:\n%s", f.name, c.rule, line, col, dump(fs, c.rule))
				}
			}
		})
	}
	// Every lint rule has a planted case.
	for _, r := range rules.All() {
		if r.IsLint() {
			if !seen[r.ID] {
				t.Errorf("rule %s has no planted-defect case", r.ID)
			}
		}
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func hasAt(fs []finding.Finding, rule string, line, col int) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Line == line && f.Column == col {
			return true
		}
	}
	return false
}

func dump(fs []finding.Finding, rule string) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Rule == rule {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	if b.Len() == 0 {
		return "  (no finding of that rule)\n"
	}
	return b.String()
}
