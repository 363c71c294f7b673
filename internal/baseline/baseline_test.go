package baseline

import (
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
)

func stamped(fp, rule, item, subject string) finding.Finding {
	return finding.Finding{Rule: rule, Fingerprint: fp, Item: item, Subject: &subject, Message: "about 7 months ago"}
}

// A baseline written and read back matches the same fingerprints, says
// which entries no longer occur (of the countries checked only), and is
// the same file whatever order the findings came in.
func TestRoundTrip(t *testing.T) {
	a := strings.Repeat("a", 32)
	b := strings.Repeat("b", 32)
	c := strings.Repeat("1", 32) // all digits: must stay text
	entries := []Entry{
		Of(stamped(b, "date-past-due", "strategies.national_cancer_plan.comments", "The plan  will be\navailable in early 2026."), "BE"),
		Of(stamped(a, "footnote-placeholder-link", "footnotes[who emro - ehealth]", "WHO EMRO - eHealth"), "BE"),
		Of(stamped(a+":2", "footnote-placeholder-link", "footnotes[who emro - ehealth]", "WHO EMRO - eHealth"), "BE"),
		Of(stamped(c, "answer-vocabulary", "governance.ministry.answer", "no"), "NL"),
	}
	out := Encode(entries)
	if string(Encode([]Entry{entries[3], entries[2], entries[0], entries[1], entries[0]})) != string(out) {
		t.Errorf("the file depends on the order of the findings")
	}
	if strings.Contains(string(out), "months ago") {
		t.Errorf("a message reached the baseline:\n%s", out)
	}
	bl, err := Parse("base.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(bl.Entries) != 4 || bl.Entries[0].Country != "BE" || bl.Entries[3].Fingerprint != c || bl.Entries[3].Excerpt != "no" {
		t.Fatalf("entries read back: %+v", bl.Entries)
	}
	if bl.Entries[2].Excerpt != "The plan will be available in early 2026." {
		t.Errorf("excerpt %q", bl.Entries[2].Excerpt)
	}
	if !bl.Has(finding.Finding{Fingerprint: a}) || bl.Has(finding.Finding{Fingerprint: a + ":3"}) {
		t.Errorf("matching by fingerprint")
	}
	fixed := bl.Fixed(map[string]bool{"BE": true})
	if len(fixed) != 2 || fixed[0].Fingerprint != a+":2" || fixed[1].Fingerprint != b {
		t.Errorf("fixed = %+v, want the second placeholder and the date (not NL's entry)", fixed)
	}
	fs := bl.FixedFindings(fixed)
	if len(fs) != 2 || fs[0].Rule != RuleFixed || fs[0].Line == 0 || fs[0].Severity != finding.Info {
		t.Errorf("fixed findings %+v", fs)
	}
	if kept := bl.Without(fixed); len(kept) != 2 {
		t.Errorf("kept %+v", kept)
	}
}

func TestBadBaselines(t *testing.T) {
	fp := strings.Repeat("a", 32)
	for _, tc := range []struct{ name, text, msg string }{
		{"not a mapping", "- a\n", "a baseline is a mapping"},
		{"version", "version: 2\nfindings: []\n", "version 2 is not one"},
		{"no version", "findings: []\n", `the baseline has no version: its first field is "version: 1"`},
		{"empty version", "version:\nfindings: []\n", "the baseline has no version"},
		{"unknown field", "version: 1\nfindings: []\nextra: 1\n", `unknown field "extra"`},
		{"bad fingerprint", "version: 1\nfindings:\n  - fingerprint: abc\n    rule: x\n", `"abc" is not a fingerprint`},
		{"no fingerprint", "version: 1\nfindings:\n  - rule: x\n", "has no fingerprint"},
		{"twice", "version: 1\nfindings:\n  - fingerprint: " + fp + "\n  - fingerprint: " + fp + "\n", "listed twice (first at line 3)"},
		{"unknown entry field", "version: 1\nfindings:\n  - fingerprint: " + fp + "\n    file: BE.txt\n", `unknown field "file" in an entry`},
		{"not yaml", "version: [\n", "invalid YAML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("base.yaml", []byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want %q", err, tc.msg)
			}
		})
	}
	if b, err := Parse("base.yaml", Encode(nil)); err != nil || len(b.Entries) != 0 {
		t.Errorf("an empty baseline: %v %v", b, err)
	}
}

// TestRemoveKeepsTheFile removes fixed entries from the baseline as
// written: a reviewer's comments on the other entries, the header, the line
// ends and the byte order mark stay (--update-baseline wrote the file anew,
// and lost them); the removed entry's own comment goes with it. A baseline
// the cut cannot handle (flow style) is written anew. The baselines are
// synthetic.
func TestRemoveKeepsTheFile(t *testing.T) {
	a, b, c := strings.Repeat("a", 32), strings.Repeat("b", 32), strings.Repeat("c", 32)
	text := "# header\nversion: 1\nfindings:\n" +
		"  # accepted: the address is being restored\n  - fingerprint: " + a + "\n    rule: footnote-placeholder-link\n" +
		"  # the ministry's wording, until the next round\n  - fingerprint: " + b + "\n    rule: template-wording-drift\n    excerpt: HCP-HPC\n" +
		"  - fingerprint: " + c + "\n    rule: date-past-due\n"
	want := "# header\nversion: 1\nfindings:\n" +
		"  # accepted: the address is being restored\n  - fingerprint: " + a + "\n    rule: footnote-placeholder-link\n" +
		"  - fingerprint: " + c + "\n    rule: date-past-due\n"
	for _, tc := range []struct{ name, in, want string }{
		{"LF", text, want},
		{"CRLF with BOM", "\ufeff" + strings.ReplaceAll(text, "\n", "\r\n"), "\ufeff" + strings.ReplaceAll(want, "\n", "\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bl, err := Parse("base.yaml", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(bl.Remove([]Entry{{Fingerprint: b}})); got != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
	flow := "version: 1\nfindings: [{fingerprint: " + a + ", rule: x}, {fingerprint: " + b + ", rule: y}]\n"
	bl, err := Parse("base.yaml", []byte(flow))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("base.yaml", bl.Remove([]Entry{{Fingerprint: b}}))
	if err != nil || len(got.Entries) != 1 || got.Entries[0].Fingerprint != a {
		t.Errorf("flow style: %v %v", got, err)
	}
}
