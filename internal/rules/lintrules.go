package rules

import "github.com/ecanplus/factsheet/internal/finding"

// The lint rules proper: the checks that report them are in internal/lint,
// attached to these entries by ID.
func init() {
	registerLint(

		// Footnotes and links
		&Rule{
			ID: "footnote-unresolved", Category: "footnotes", Severity: finding.Error,
			Summary:   "A footnote reference has no footnote definition.",
			Rationale: "A reader who follows [^N] (or <sup>N</sup>) finds no source: the statement is unsupported and the numbering of the document is broken.",
			Bad:       "comments: The plan was adopted in 2025 [^31].   # and no footnote 31",
			Good:      "comments: The plan was adopted in 2025 [^31].\nfootnotes:\n  - label: 31\n    text: <https://example.org/plan.pdf>",
		},
		&Rule{
			ID: "footnote-unused", Category: "footnotes", Severity: finding.Warning,
			Summary:   "A footnote is defined but never referenced.",
			Rationale: "An orphan footnote usually means the sentence that cited it was edited away; either the source is no longer needed or the reference was lost.",
			Bad:       "footnotes:\n  - label: 12\n    text: <https://example.org>   # no [^12] anywhere",
			Good:      "comments: ... as the platform describes [^12].",
		},
		&Rule{
			ID: "footnote-duplicate", Category: "footnotes", Severity: finding.Error,
			Summary:   "The same footnote number is defined twice.",
			Rationale: "References to that number become ambiguous: only one of the two sources can be the one meant.",
			Bad:       "<sup>5</sup> [Digital health EURO](https://www.who.int/europe)\n<sup>5</sup> <https://example.org>",
			Good:      "<sup>5</sup> [Digital health EURO](https://www.who.int/europe)\n<sup>6</sup> <https://example.org>",
		},
		&Rule{
			ID: "footnote-order", Category: "footnotes", Severity: finding.Warning, Fix: SafeFix,
			Summary:   "Footnotes are not numbered in the order they are first referenced.",
			Rationale: "The published layout numbers footnotes in reading order; an out-of-order number is usually a footnote inserted or moved by hand. `factsheet lint --fix` renumbers them in the file as it is written: the footnotes referenced take, in the order of their first references, the numbers they have between them, references and definitions together, and each definition moves, as written, to the place of the number it takes, so the footnotes still read 1, 2, 3 down the page; footnotes in order already, and footnotes never referenced, keep their numbers and places.",
			Bad:       "... regional level [^12]. ... implementation [^11].",
			Good:      "... regional level [^11]. ... implementation [^12].",
		},
		&Rule{
			ID: "footnote-empty", Category: "footnotes", Severity: finding.Error,
			Summary:   "A footnote has no text.",
			Rationale: "The reference promises a source that is not there.",
			Bad:       "<sup>7</sup>",
			Good:      "<sup>7</sup> [Telemedicine – DigitalHealthEurope](https://digitalhealtheurope.eu/telemedicine)",
		},
		&Rule{
			ID: "footnote-placeholder-link", Category: "footnotes", Severity: finding.Warning,
			Summary:   "A link has a placeholder instead of an address: (#), (), TODO.",
			Rationale: "Documents converted from Word keep the title of a hyperlink but lose its address, leaving [title](#): the reader cannot find the source.",
			Bad:       "<sup>1</sup> [WHO EMRO - eHealth](#)",
			Good:      "<sup>1</sup> [WHO EMRO - eHealth](https://www.emro.who.int/health-topics/ehealth/)",
		},
		&Rule{
			ID: "footnote-malformed-url", Category: "footnotes", Severity: finding.Error,
			Summary:   "A link's address is malformed: spaces inside, no scheme, or unbalanced brackets.",
			Rationale: "Such a link does not open. Spaces inside an address usually mean several sources were pasted into one link.",
			Bad:       "[Actieplan 2022-2024; Roadmap 4.0](https://www.ehealth.fgov.be; Actieplan eGezondheid 2022-2024.pdf)",
			Good:      "[Actieplan eGezondheid 2022-2024](https://www.ehealth.fgov.be/.../actieplan.pdf); [Roadmap 4.0](https://www.ehealth.fgov.be/.../roadmap)",
		},
		&Rule{
			ID: "footnote-duplicate-source", Category: "footnotes", Severity: finding.Info, Fix: UnsafeFix,
			Summary:   "Two footnotes cite the same source.",
			Rationale: "Harmless, but the later references could reuse the first footnote; the published layout then has fewer, clearer sources. `factsheet lint --fix --unsafe-fixes` merges a footnote that cites only sources the earlier one cites into it: its references cite the earlier footnote, its definition is deleted and the footnotes after it are numbered one lower. The fix is unsafe because the later footnote's own words (another title for the same address) are lost; a footnote that cites another source as well is not merged.",
			Bad:       "<sup>14</sup> <https://mhealthbelgium.be/>\n<sup>27</sup> <https://mhealthbelgium.be/>",
			Good:      "... CE marked mobile applications [^14]",
		},

		// Dates
		&Rule{
			ID: "date-review-stale", Category: "dates", Severity: finding.Warning,
			Summary:   "The latest review round is older than the maximum age (--max-age, default 12 months).",
			Rationale: "Factsheets describe policies that change every year; a factsheet nobody has reviewed for longer than the agreed cycle should be sent for review.",
			Bad:       "rounds:\n  - kind: review\n    date: 2024-02    # judged on 2026-11-22",
			Good:      "rounds:\n  - kind: review\n    date: 2026-02",
			Settings:  []string{"max-age (.factsheet.yaml) or --max-age: how old the latest review may be, default 12m"},
		},
		&Rule{
			ID: "date-no-round", Category: "dates", Severity: finding.Warning,
			Summary:   "The factsheet has no review round: it does not say when it was pre-filled, reviewed or updated.",
			Rationale: "The date rules judge a factsheet by its rounds, and readers trust it by them. A factsheet without any is not pre-filled yet (factsheet new makes one so); add the pre-fill round, with its date and contributors, when it is.",
			Bad:       "rounds: []",
			Good:      "rounds:\n  - kind: prefill\n    date: 2026-11\n    contributors:\n      - name: Anna Huber",
		},
		&Rule{
			ID: "date-future", Category: "dates", Severity: finding.Warning,
			Summary:   "A review round or an \"as of\" date lies in the future.",
			Rationale: "A date after today is almost always a typo (2062 for 2026, a wrong month).",
			Bad:       "rounds:\n  - kind: review\n    date: 2062-02",
			Good:      "rounds:\n  - kind: review\n    date: 2026-02",
		},
		&Rule{
			ID: "date-rounds-order", Category: "dates", Severity: finding.Warning,
			Summary:   "Review rounds are not in chronological order.",
			Rationale: "Rounds are listed oldest first; a round dated before the one it follows is a wrong date or a round in the wrong place.",
			Bad:       "rounds:\n  - {kind: update, date: 2025-10, ...}\n  - {kind: review, date: 2024-02, ...}",
			Good:      "rounds:\n  - {kind: review, date: 2024-02, ...}\n  - {kind: update, date: 2025-10, ...}",
		},
		&Rule{
			ID: "date-unreviewed-update", Category: "dates", Severity: finding.Info,
			Summary:   "The factsheet was updated and no review round followed.",
			Rationale: "The eCAN process has every update reviewed by a country expert; the last round tells whether that is still to come.",
			Bad:       "rounds:\n  - {kind: update, date: 2025-10, ...}   # the last round",
			Good:      "rounds:\n  - {kind: update, date: 2025-10, ...}\n  - {kind: review, date: 2026-02, ...}",
		},
		&Rule{
			ID: "date-past-due", Category: "dates", Severity: finding.Warning,
			Summary: "A forward-looking statement whose date has passed (\"will be available in early 2026\").",
			Rationale: "A promise about a date that is behind us is out of date by construction: it either happened (say so) or slipped (give the new date). " +
				"Each date is judged by the words of its own clause (will, should, is expected, planned, intends to, have until, the deadline is, by, and their French, Dutch and German counterparts), and the message quotes them: " +
				"\"adopted in January 2025, will further …\" promises nothing about January 2025; a date that names a law or a gazette (\"the Law of 21 August 2008\"), \"since 2020\", " +
				"an outcome (\"as planned\", \"was due in 2025\") and an obligation from a date (\"must comply from 1 September 2026\") are no promises either.",
			Bad:  "comments: The National Cancer Plan is under development and will be available in early 2026.",
			Good: "comments: The National Cancer Plan was published in May 2026.",
		},
		&Rule{
			ID: "date-as-of-stale", Category: "dates", Severity: finding.Warning,
			Summary: "An \"as of <date>\" statement is older than the maximum age.",
			Rationale: "\"As of\" marks a snapshot; once older than the review cycle the figure or status it qualifies needs checking again. " +
				"The same goes for \"as at\", \"as per\", \"status at\", \"last updated\", \"situation au\", \"per\", \"Stand:\". " +
				"\"As of 1 January 2027, X will be reimbursed\" is an effective date, not a snapshot: it is judged as a promise.",
			Bad:      "answer: At least 13 as of February 2024",
			Good:     "answer: At least 15 as of October 2026",
			Settings: []string{"max-age (.factsheet.yaml) or --max-age: how old an \"as of\" date may be, default 12m"},
		},
		&Rule{
			ID: "date-relative-stale", Category: "dates", Severity: finding.Warning,
			Summary:   "A relative date (\"next year\", \"in the coming months\", \"last year\") in a factsheet whose latest round is older than the maximum age.",
			Rationale: "A relative date means something only from the day it was written; the text was current at the latest update or review round. Once that round is older than the review cycle, a reader takes \"next year\" for the year after today: write the date itself.",
			Bad:       "rounds:\n  - {kind: update, date: 2025-10, ...}   # judged on 2026-11-22\ncomments: The registry will be launched next year.",
			Good:      "comments: The registry will be launched in 2026.",
		},
		&Rule{
			ID: "date-plan-ended", Category: "dates", Severity: finding.Warning,
			Summary: "A plan whose period has ended is described as current (\"is guided by the Action Plan 2022-2024\").",
			Rationale: "Plan names carry their period; when the period is over, a sentence that presents the plan as the current one is out of date. " +
				"Current means the words of the period's own clause (is guided by, is implementing, currently, ongoing, in force, runs until, sets out) or a present-tense verb whose subject is the plan; " +
				"a plan named as replaced (\"replaces the plan for 2022-2024\", \"the previous one\") or dated by a snapshot (\"as of 2021\") is not presented as current.",
			Bad:  "comments: The strategy is guided by the eHealth Action Plan 2022-2024.",
			Good: "comments: The strategy is guided by the eHealth Action Plan 2025-2027, following the previous one for 2022-2024.",
		},

		// Template and answers
		&Rule{
			ID: "template-wording-drift", Category: "template", Severity: finding.Warning, Fix: SafeFix,
			Summary:   "A question, term, Table 5 area or column label is worded differently from the template.",
			Rationale: "Countries are compared question by question; a reworded question may no longer ask the same thing. The published Belgian factsheet prints the Table 5 column \"Multi-disciplinary teleconferences (HCP-HPC)\": the template's wording is \"(HCP-HCP)\", health care professional to health care professional, as the neighbouring \"(HCP-patient)\" shows. `factsheet lint --fix` writes the template's wording where the file has the label: the wording entry in YAML and JSON, the row or the Table 5 header in the document (each copy of a header repeated after a page break).",
			Bad:       "Area of application/ type of solutions\t...\tMulti-disciplinary teleconferences (HCP-HPC)\t...",
			Good:      "Area of application/ type of solutions\t...\tMulti-disciplinary teleconferences (HCP-HCP)\t...",
		},
		&Rule{
			ID: "country-mismatch", Category: "template", Severity: finding.Error,
			Summary:   "The country code, the country name and the title do not name the same country.",
			Rationale: "Factsheets are often started from another country's file; a leftover name or code mixes two countries' data in comparisons.",
			Bad:       "country:\n  code: BE\n  name: Netherlands",
			Good:      "country:\n  code: BE\n  name: Belgium",
		},
		&Rule{
			ID: "answer-vocabulary", Category: "answers", Severity: finding.Warning,
			Summary: "An answer is outside the question's vocabulary, which the template lists; in ecan-plus-2025: Yes, No, N/A, \"Yes, some\", \"Partially\" (yes/no questions); All, Most, Many, Several, Some, Few, None, N/A (how-many questions).",
			Rationale: "Answers are compared across countries; free text in the Answer column cannot be counted, and an answer the tool cannot place is never guessed at: " +
				"\"Unknown\", \"No data\" or \"Yes, probably\" are reported, not read as No or Yes. Put the detail in the comments, and write N/A when nobody knows. " +
				"Answers are compared after normalisation: case is ignored, Markdown emphasis and footnote references are removed, and punctuation and spaces count as one space, " +
				"so \"yes\", \"**Yes**\", \"Yes [^3]\" and \"Yes.\" are Yes, \"N/A\", \"NA\", \"n.a.\" and \"Not applicable\" are N/A, and \"Yes, some\" is \"yes some\". " +
				"The answers are the template's (x-factsheet-vocabularies, docs/templates.md); in ecan-plus-2025 the yes/no vocabulary is Yes; No; N/A; the graded yes-forms \"Yes, some\", \"Yes, partially\", \"Yes, partly\", \"Partially\", \"Partly\" (a yes for the conditional questions); and \"Not yet\" (a no). " +
				"Questions that ask for a number or a description (Table 6's counts, say) take free text.",
			Bad:  "national_board:\n  answer: Unknown",
			Good: "national_board:\n  answer: N/A\n  comments: The ministry could not say whether the board still meets.",
		},
		&Rule{
			ID: "answer-unsupported-yes", Category: "answers", Severity: finding.Warning,
			Summary:   "\"Yes\" with neither a comment nor a footnote.",
			Rationale: "A yes names something that exists: the comment says what and the footnote where to find it. A bare yes cannot be checked or compared.",
			Bad:       "cancer_strategy_discussions:\n  answer: \"Yes\"",
			Good:      "cancer_strategy_discussions:\n  answer: \"Yes\"\n  comments: Discussions are ongoing at NIHDI level [^19].",
		},
		&Rule{
			ID: "answer-conditional", Category: "answers", Severity: finding.Warning,
			Summary:   "A conditional question (\"If yes ...\", \"If no ...\", \"If not ...\") contradicts the answer it depends on.",
			Rationale: "\"If no, are there other institutions?\" answered when the agency exists, or left N/A when it does not, means one of the two answers is wrong.",
			Bad:       "public_agency:\n  answer: \"Yes\"\nother_institutions:   # If no, ...\n  answer: \"Yes\"",
			Good:      "public_agency:\n  answer: \"Yes\"\nother_institutions:\n  answer: N/A",
		},
		&Rule{
			ID: "placeholder-text", Category: "answers", Severity: finding.Error,
			Summary:   "Placeholder text is left in: TBD, TODO, XXX, lorem ipsum, [insert ...].",
			Rationale: "A placeholder is a note to the author that must not reach the published factsheet.",
			Bad:       "comments: TBD - ask the ministry",
			Good:      "comments: The ministry confirmed the plan in March 2026 [^4].",
		},
		&Rule{
			ID: "empty-cell", Category: "answers", Severity: finding.Warning,
			Summary:   "A required cell is empty: an answer, a definition or deviation, a Table 5 cell (one finding for a table left empty).",
			Rationale: "An empty cell cannot be told apart from a forgotten one. Write N/A, \"-\" (Table 5: no such solution) or \"No deviation from definition.\". A table none of whose cells is filled in (a factsheet just made with factsheet new, say) is one finding for the table, not one per cell.",
			Bad:       "rehabilitation:\n  apps: \"\"",
			Good:      "rehabilitation:\n  apps: \"-\"",
		},

		// Whitespace, in the text as written
		&Rule{
			ID: TextUnicodeSpace, Category: "input", Severity: finding.Info, Fix: SafeFix,
			Summary: "A no-break, thin or zero-width space where an ordinary space belongs (one finding per line).",
			Rationale: "Word, web pages and PDF copies put no-break spaces (U+00A0), narrow and thin spaces (U+202F, U+2009) and zero-width spaces (U+200B) into text. They look like spaces, or like nothing, but searches, comparisons across countries and line breaking treat them differently. " +
				"Typography that needs them is left alone: a no-break space before ; : ! ? % » or after « (French usage) and between digits (10 000). " +
				"`factsheet lint --fix` writes an ordinary space (a zero-width space is deleted).",
			Bad:  "answer: \"Yes,\u00a0some\"   # a no-break space after the comma",
			Good: "answer: \"Yes, some\"",
		},
		&Rule{
			ID: TextTrailingWhitespace, Category: "input", Severity: finding.Info, Fix: SafeFix,
			Summary: "Spaces or tabs at the end of a line, where the layout does not need them.",
			Rationale: "Invisible in an editor, trailing whitespace makes diffs between review rounds noisy and hides a missing value. " +
				"It is left alone where it means something: inside a YAML block scalar (it is part of the text), at the end of a table row of the document (a tab before an empty last cell), " +
				"and two or more spaces before a line that continues a list item or footnote (a Markdown line break). " +
				"`factsheet lint --fix` removes the rest.",
			Bad:  "      answer: \"No\"   \n",
			Good: "      answer: \"No\"\n",
		},
	)
}

// Rule IDs of the whitespace rules.
const (
	TextUnicodeSpace       = "text-unicode-space"
	TextTrailingWhitespace = "text-trailing-whitespace"
)

// Rule IDs of the findings about inline suppressions and the baseline.
const (
	SuppressionReason  = "suppression-no-reason"
	SuppressionUnknown = "suppression-unknown-rule"
	SuppressionUnused  = "suppression-unused"
	BaselineFixed      = "baseline-fixed"
)

// The rules about suppressions and the baseline are checked when the
// findings of a file are known, after the lint rules.
func init() {
	register(
		&Rule{
			ID: SuppressionReason, Category: "suppressions", Severity: finding.Warning,
			Summary:   "An inline suppression (factsheet-ignore) gives no reason; it does not apply until it does.",
			Rationale: "A suppression hides a finding from everyone who reads the factsheet after its author: the reason, after \" -- \", tells them why the finding is accepted and when it can go. Without one, the findings are reported as if it were not there.",
			Bad:       "      answer: \"Yes\"   # factsheet-ignore answer-unsupported-yes",
			Good:      "      answer: \"Yes\"   # factsheet-ignore answer-unsupported-yes -- confirmed by the ministry, source to follow",
		},
		&Rule{
			ID: SuppressionUnknown, Category: "suppressions", Severity: finding.Warning,
			Summary:   "An inline suppression names no rule, a rule that does not exist, or one that cannot be suppressed.",
			Rationale: "A misspelt rule ID suppresses nothing, silently; the finding names the nearest rule. Rules that report files that cannot be read, and the rules about suppressions themselves, cannot be suppressed.",
			Bad:       "<!-- factsheet-ignore date-past-du -- the plan is announced for June -->",
			Good:      "<!-- factsheet-ignore date-past-due -- the plan is announced for June -->",
		},
		&Rule{
			ID: SuppressionUnused, Category: "suppressions", Severity: finding.Info, Fix: SafeFix,
			Summary:   "An inline suppression matched no finding (or is on no value): remove it.",
			Rationale: "The problem it covered was fixed, or it is in the wrong place: in YAML it belongs on the line of the value or the line above, in the document on the line before the row, footnote or item. A stale suppression would hide the next real finding there (as ruff's unused-noqa, RUF100). `factsheet lint --fix` removes the rules that matched nothing from the comment, and the comment (its line, when it has one to itself) when none is left; a suppression on no value is left for a person to move.",
			Bad:       "<!-- factsheet-ignore footnote-placeholder-link -- being restored -->\n<sup>3</sup> <https://www.riziv.fgov.be/nl/professionals/>",
			Good:      "<sup>3</sup> <https://www.riziv.fgov.be/nl/professionals/>",
		},
		&Rule{
			ID: BaselineFixed, Category: "suppressions", Severity: finding.Info,
			Summary:   "An entry of the baseline (lint --baseline) no longer occurs: the finding it recorded was fixed.",
			Rationale: "A baseline only shrinks: remove the entry (lint --baseline FILE --update-baseline does), so that the defect cannot come back unnoticed under the old entry. Reported once per entry, at its line in the baseline file, and only for the countries the run checked.",
			Bad:       "  - fingerprint: 3759bd9de20df7c77757230fd4ed22b5   # footnote 1's address has been restored\n    country: BE\n    rule: footnote-placeholder-link\n    item: footnotes[who emro - ehealth]",
			Good:      "factsheet lint --baseline .factsheet-baseline.yaml --update-baseline factsheets/   # removes the entry",
		},
	)
}
