package identity_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/lint"
	"github.com/ecanplus/factsheet/internal/load"
)

var testdata = filepath.Join("..", "..", "testdata")

func readFile(t *testing.T, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{testdata}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func day(s string) dates.Date { e, _ := dates.Parse(s); return e.From }

// check runs what lint runs on one file, in the order the command does:
// reading, the rules, the identities, the output order, the occurrences.
func check(name string, raw []byte, today string) []finding.Finding {
	res := load.Bytes(name, raw, load.Options{})
	fs := append(res.Findings, lint.Run(res, lint.Options{Today: day(today), MaxAge: lint.DefaultMaxAge})...)
	identity.Stamp(res.Model, fs)
	fs = finding.Sort(res.Relocate(fs))
	identity.Number(fs)
	return fs
}

func prints(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Fingerprint)
	}
	slices.Sort(out)
	return out
}

// byPrint lists the findings by fingerprint, for the message of a failure.
func byPrint(fs []finding.Finding) map[string]finding.Finding {
	m := map[string]finding.Finding{}
	for _, f := range fs {
		m[f.Fingerprint] = f
	}
	return m
}

// missing is what of want got does not have, as findings.
func missing(want, got []finding.Finding) []string {
	have := map[string]bool{}
	for _, f := range got {
		have[f.Fingerprint] = true
	}
	var out []string
	for _, f := range want {
		if !have[f.Fingerprint] {
			out = append(out, f.String()+" ("+f.Item+")")
		}
	}
	return out
}

func sameSet(t *testing.T, what string, want, got []finding.Finding) {
	t.Helper()
	if slices.Equal(prints(want), prints(got)) {
		return
	}
	t.Errorf("%s changed the fingerprints:\nlost: %s\nnew: %s", what,
		strings.Join(missing(want, got), "\n  "), strings.Join(missing(got, want), "\n  "))
}

var supRe = regexp.MustCompile(`<sup>(\d+)</sup>`)

// insertFootnote cites a new source first in the document and renumbers
// every footnote after it, as an author inserting a footnote in Word does.
func insertFootnote(t *testing.T, text string) string {
	t.Helper()
	text = supRe.ReplaceAllStringFunc(text, func(s string) string {
		n, _ := strconv.Atoi(supRe.FindStringSubmatch(s)[1])
		return "<sup>" + strconv.Itoa(n+1) + "</sup>"
	})
	text = replaceOnce(t, text, "health education, knowledge and research ». <sup>2</sup>",
		"health education, knowledge and research » <sup>1</sup>, in the words of the WHO. <sup>2</sup>")
	return replaceOnce(t, text, "\n<sup>2</sup> [WHO EMRO - eHealth](#)\n",
		"\n<sup>1</sup> <https://www.who.int/health-topics/digital-health>\n\n<sup>2</sup> [WHO EMRO - eHealth](#)\n")
}

func replaceOnce(t *testing.T, text, from, to string) string {
	t.Helper()
	if n := strings.Count(text, from); n != 1 {
		t.Fatalf("edit: %q occurs %d times, want 1", from, n)
	}
	return strings.Replace(text, from, to, 1)
}

// moveRow moves the row of the question that starts with "Is there a
// National Cancer Plan" two rows up, above questions it used to follow.
func moveRow(t *testing.T, text string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Is there a National Cancer Plan in place?\t") })
	if at < 2 || !strings.HasPrefix(lines[at-2], "Are there strategy/ies explicitly") {
		t.Fatalf("the rows to move are not where the test expects them")
	}
	row := lines[at]
	lines = slices.Delete(lines, at, at+1)
	lines = slices.Insert(lines, at-2, row)
	return strings.Join(lines, "\n")
}

// The Belgian factsheet's findings keep their fingerprints through every
// edit that does not change them: a footnote inserted at the start (every
// footnote renumbered), a row moved, CRLF line ends, the factsheet as YAML
// or as Word, a month later.
func TestBelgianFingerprintsSurviveEdits(t *testing.T) {
	text := string(readFile(t, "factsheets", "BE.txt"))
	base := check("BE.txt", []byte(text), "2026-11-22")
	if len(base) != 23 {
		t.Fatalf("%d findings in BE.txt, want the 23 of the seed", len(base))
	}
	seen := map[string]bool{}
	for _, f := range base {
		if len(strings.SplitN(f.Fingerprint, ":", 2)[0]) != identity.Chars || seen[f.Fingerprint] {
			t.Errorf("fingerprint %q of %s is not a unique hash", f.Fingerprint, f)
		}
		seen[f.Fingerprint] = true
		if f.Item == "" || strings.ContainsAny(f.Item, "/") && !strings.Contains(f.Item, "://") {
			t.Errorf("item %q of %s is not named by IDs", f.Item, f)
		}
	}

	inserted := check("BE.txt", []byte(insertFootnote(t, text)), "2026-11-22")
	if slices.Equal(messages(base), messages(inserted)) {
		t.Fatal("inserting a footnote changed no message: the edit did not renumber")
	}
	sameSet(t, "inserting a footnote (renumbering)", base, inserted)

	sameSet(t, "moving a row", base, check("BE.txt", []byte(moveRow(t, text)), "2026-11-22"))
	sameSet(t, "CRLF line ends", base, check("BE.txt", []byte(strings.ReplaceAll(text, "\n", "\r\n")), "2026-11-22"))
	sameSet(t, "the YAML form", base, check("BE.yaml", readFile(t, "factsheets", "BE.yaml"), "2026-11-22"))

	later := check("BE.txt", []byte(text), "2026-12-22")
	if slices.Equal(messages(base), messages(later)) {
		t.Fatal("a month later no message changed: the test proves nothing")
	}
	sameSet(t, "--today a month later", base, later)

	// Word: the pandoc document's links are real hyperlinks, so footnote
	// 16's malformed address is not there; every other finding is, with
	// the same fingerprint.
	word := check("BE-pandoc.docx", readFile(t, "docx", "BE-pandoc.docx"), "2026-11-22")
	if lost := missing(word, base); len(lost) > 0 {
		t.Errorf("findings of the Word document with fingerprints BE.txt does not have:\n  %s", strings.Join(lost, "\n  "))
	}
	if lost := missing(base, word); len(lost) != 1 || !strings.Contains(lost[0], "footnote-malformed-url") {
		t.Errorf("findings of BE.txt the Word document lacks: %v, want only footnote 16's malformed address", lost)
	}
}

// A real change gives a new fingerprint: another sentence, another rule,
// another footnote's source.
func TestFingerprintsTellDefectsApart(t *testing.T) {
	text := string(readFile(t, "factsheets", "BE.txt"))
	base := byPrint(check("BE.txt", []byte(text), "2026-11-22"))
	edited := check("BE.txt", []byte(replaceOnce(t, text,
		"The National Cancer Plan is under development and will be available in early 2026.",
		"The National Cancer Plan is being drafted and will be published in early 2026.")), "2026-11-22")
	var changed []finding.Finding
	for _, f := range edited {
		if _, ok := base[f.Fingerprint]; !ok {
			changed = append(changed, f)
		}
	}
	if len(changed) != 1 || changed[0].Rule != "date-past-due" || changed[0].Item != "strategies.national_cancer_plan.comments" {
		t.Errorf("rewording a past-due sentence gave new findings %v, want the one date-past-due", changed)
	}
}

func messages(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	slices.Sort(out)
	return out
}
