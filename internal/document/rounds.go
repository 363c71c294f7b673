package document

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/richtext"
)

var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// roundDateRe finds the date of a round sentence, as the document writes
// it: "2023/2024", "October 2025", "14 February 2026", "2026-02-14",
// "2025-10", "2025".
var roundDateRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(\d{4}/\d{4}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}|\d{4})\b`)
})

// parseRoundSentence recognises the sentence that introduces a round's
// contributors ("This country factsheet was originally **pre-filled in
// 2023/2024** with publicly available information by"). It returns the kind,
// the date as a partial date, and the byte offset of the date in s.
func parseRoundSentence(s string) (kind, date string, at int, ok bool) {
	trimmed := strings.TrimSpace(s)
	if !strings.HasSuffix(strings.TrimRight(trimmed, ":"), " by") {
		return "", "", 0, false
	}
	kind = roundKind(boldParts(s))
	if kind == "" {
		kind = roundKind([]string{s})
	}
	if kind == "" {
		return "", "", 0, false
	}
	loc := roundDateRe().FindStringSubmatchIndex(s)
	if loc == nil {
		return kind, "", 0, true
	}
	date, _ = partialDate(s[loc[2]:loc[3]])
	return kind, date, loc[2], true
}

var boldRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*\*([^*]+)\*\*`) })

func boldParts(s string) []string {
	var out []string
	for _, m := range boldRe().FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// roundKind reads the kind of round from the words of the sentence; the
// reviewed/updated/pre-filled word in bold decides (the sentence "The
// pre-filled country factsheet was originally **reviewed in ...**" is a
// review).
func roundKind(parts []string) string {
	for _, p := range parts {
		l := strings.ToLower(p)
		switch {
		case strings.Contains(l, "reviewed"):
			return model.Review
		case strings.Contains(l, "updated"):
			return model.Update
		case strings.Contains(l, "pre-filled"), strings.Contains(l, "prefilled"), strings.Contains(l, "pre filled"):
			return model.Prefill
		}
	}
	return ""
}

// partialDate turns a round date as written in the document into the
// model's partial date: "October 2025" -> "2025-10", "14 February 2026" ->
// "2026-02-14"; ISO forms and "2023/2024" are kept.
func partialDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	f := strings.Fields(s)
	switch len(f) {
	case 1:
		return s, true
	case 2:
		if m := monthNumber(f[0]); m > 0 {
			return fmt.Sprintf("%s-%02d", f[1], m), true
		}
	case 3:
		d, err := strconv.Atoi(f[0])
		if m := monthNumber(f[1]); m > 0 && err == nil {
			return fmt.Sprintf("%s-%02d-%02d", f[2], m, d), true
		}
	}
	return s, false
}

func monthNumber(s string) int {
	for i, m := range months {
		if strings.EqualFold(m, s) {
			return i + 1
		}
	}
	return 0
}

// dateWords writes a partial date as the document does: "2025-10" ->
// "October 2025", "2026-02-14" -> "14 February 2026".
func dateWords(d string) string {
	parts := strings.Split(d, "-")
	if len(parts) < 2 || len(parts[0]) != 4 {
		return d
	}
	m, err := strconv.Atoi(parts[1])
	if err != nil || m < 1 || m > 12 {
		return d
	}
	if len(parts) == 2 {
		return months[m-1] + " " + parts[0]
	}
	day, err := strconv.Atoi(parts[2])
	if err != nil {
		return d
	}
	return fmt.Sprintf("%d %s %s", day, months[m-1], parts[0])
}

// roundSentence writes the sentence that introduces round i. The wording
// follows the published factsheets: a review names what it reviewed (the
// pre-filled or the updated factsheet).
func roundSentence(rounds []model.Round, i int) string {
	r := rounds[i]
	date := dateWords(r.Date)
	switch r.Kind {
	case model.Prefill:
		return "This country factsheet was originally **pre-filled in " + date + "** with publicly available information by"
	case model.Update:
		return "This country factsheet has been **updated** with publicly available information in **" + date + "** by"
	case model.Review:
		prev := ""
		if i > 0 {
			prev = rounds[i-1].Kind
		}
		switch prev {
		case model.Prefill:
			return "The pre-filled country factsheet was originally **reviewed in " + date + "** by"
		case model.Update:
			return "The updated country factsheet was **reviewed in " + date + "** by"
		}
		return "The country factsheet was **reviewed in " + date + "** by"
	}
	return "This country factsheet was **" + r.Kind + " in " + date + "** by"
}

// parseContributor reads "Name, Role, Organisation, Country" in its varying
// shapes: the first part is the name; the last is the country when it names
// one; of what remains, the last part is the organisation and anything
// before it the role.
func parseContributor(s string, isCountry func(string) bool) model.Contributor {
	parts := splitContributor(s)
	c := model.Contributor{Name: parts[0]}
	rest := parts[1:]
	if len(rest) > 0 && isCountry(rest[len(rest)-1]) {
		c.Country = rest[len(rest)-1]
		rest = rest[:len(rest)-1]
	}
	if len(rest) > 0 {
		c.Organisation = rest[len(rest)-1]
		c.Role = strings.Join(rest[:len(rest)-1], ", ")
	}
	return c
}

// splitContributor splits a contributor line at ", ", the space being any
// Unicode space (a no-break space after the comma is common in Word), and
// trims the parts.
func splitContributor(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i+1:]); richtext.IsSpace(r) {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

// contributorLine writes a contributor as the document lists them, so that
// parseContributor reads the same fields back: the name first (empty if
// so), the role only when there is one, the organisation whenever a role
// or a country follows it or it is not empty, the country last.
func contributorLine(c model.Contributor) string {
	parts := []string{c.Name}
	if c.Role != "" {
		parts = append(parts, c.Role)
	}
	if c.Organisation != "" || c.Role != "" {
		parts = append(parts, c.Organisation)
	}
	if c.Country != "" {
		parts = append(parts, c.Country)
	}
	return strings.Join(parts, ", ")
}
