package overview

import (
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/richtext"
	"github.com/ecanplus/factsheet/internal/template"
)

// Category is an answer normalised for colour and filtering. The answer as
// written is always shown beside it; the category only groups answers that
// mean the same ("Yes", "yes", "Yes, SkinVision" are all Yes).
type Category string

// The categories, in the order legends and filters list them.
const (
	Yes     Category = "yes"
	Partial Category = "partial" // "Yes, some", "Partially", "Several"
	No      Category = "no"
	NA      Category = "na" // "N/A", "not applicable", "unknown", "no information"
	Other   Category = "other"
	Empty   Category = "empty" // nothing written, or the item is missing
)

// Categories lists every category in legend order.
var Categories = []Category{Yes, Partial, No, NA, Other, Empty}

// Label is the category's name for people.
func (c Category) Label() string {
	switch c {
	case Yes:
		return "Yes"
	case Partial:
		return "Yes, some / partially"
	case No:
		return "No"
	case NA:
		return "N/A"
	case Other:
		return "Other answer"
	}
	return "Empty"
}

// Meaning explains what falls into the category, for legends.
func (c Category) Meaning() string {
	switch c {
	case Yes:
		return `"Yes", and answers that start with it ("Yes, SkinVision"); "All"`
	case Partial:
		return `a qualified yes: "Yes, some", "Yes partially", "Partially", "Some", "Several"`
	case No:
		return `"No", answers that start with it ("No deviation from definition"), "None", "Not yet"`
	case NA:
		return `"N/A", "not applicable", "unknown", "no information", "no data"; a lone "-" (nothing reported)`
	case Other:
		return "any other answer: counts, procedures, free text"
	}
	return "nothing written, or the item is missing from the factsheet"
}

// Answer forms, as lower-case words (punctuation removed).
var (
	naForms      = wordSet("n a", "na", "not applicable", "unknown", "not known", "no data", "no information", "no information available", "no data available")
	naPrefixes   = []string{"n a ", "not applicable ", "no information ", "no data "}
	partialForms = wordSet("partially", "partial", "partly", "in part", "some", "several", "few", "many", "most", "to some extent", "limited")
	// Words after "yes" that qualify it: "Yes, some", "Yes partially".
	partialQualifiers = []string{"some", "partially", "partial", "partly", "in part", "to some extent", "limited", "mostly"}
	yesForms          = wordSet("yes", "all")
	noForms           = wordSet("no", "none", "not yet")
	dashes            = wordSet("-", "–", "—", "--")
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Categorize normalises an answer as written (Markdown) into its category.
// A lone dash is N/A: nothing reported (in Table 5 the factsheets write it
// for solutions not found, beside explicit "No" answers, and the two stay
// apart).
func Categorize(answer string) Category {
	if dashes[strings.TrimSpace(answer)] {
		return NA
	}
	n := words(answer)
	switch {
	case n == "":
		return Empty
	case naForms[n] || hasAnyPrefix(n, naPrefixes):
		return NA
	case yesForms[n]:
		return Yes
	case strings.HasPrefix(n, "yes "):
		rest := n[len("yes "):]
		for _, q := range partialQualifiers {
			if rest == q || strings.HasPrefix(rest, q+" ") {
				return Partial
			}
		}
		return Yes
	case partialForms[n]:
		return Partial
	case noForms[n] || strings.HasPrefix(n, "no ") || strings.HasPrefix(n, "none "):
		return No
	}
	return Other
}

// CategorizeIn is Categorize for a factsheet of template tpl: an answer is
// looked up in the template's own vocabularies first, so that a template
// that answers in other words ("Oui", "En partie") is counted too, and
// Categorize places the rest. The first answer of its yes class is a plain
// Yes, the other forms of yes are Partial. The template comes first as lint
// classifies answers: the built-in forms read "No aplica" (a Spanish
// template's N/A) as a No by its first word.
func CategorizeIn(answer string, v template.Vocabularies) Category {
	return categorizer(v)(answer)
}

// categorizer is CategorizeIn for one template's vocabularies, their words
// made once: the overview places every item of every file, and looking
// each answer up in a list of the template's answers (words of each, every
// time) made it items times answers per file.
func categorizer(v template.Vocabularies) func(answer string) Category {
	class := map[string]Category{}
	add := func(answers []string, c func(i int) Category) {
		for i, a := range answers {
			if w := words(a); w != "" {
				if _, seen := class[w]; !seen {
					class[w] = c(i)
				}
			}
		}
	}
	add(v.Yes, func(i int) Category {
		if i == 0 {
			return Yes
		}
		return Partial
	})
	add(v.No, func(int) Category { return No })
	add(v.NA, func(int) Category { return NA })
	return func(answer string) Category {
		if c, ok := class[words(answer)]; ok {
			return c
		}
		return Categorize(answer)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// words reduces text to lower-case ASCII letters and digits separated by
// single spaces: "Yes, some [^3]" is "yes some".
func words(md string) string {
	s := strings.ToLower(richtext.Plain(md))
	var b strings.Builder
	space := false
	for _, r := range s {
		// Letters of every script, as lint reads answers: a template's
		// "Да" was "" (empty) here.
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}
