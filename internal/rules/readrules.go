package rules

import "github.com/ecanplus/factsheet/internal/finding"

// Rule IDs of the checks made while reading a file (decode, source, load,
// docx, document, validation) and of the configuration's own findings. The
// packages that report them use these constants.
const (
	InputSyntax           = "input-syntax"
	InputDuplicateKey     = "input-duplicate-key"
	InputEmpty            = "input-empty"
	InputLimit            = "input-limit"
	InputUnsupported      = "input-unsupported"
	InputEncoding         = "input-encoding"
	InputBinary           = "input-binary"
	InputControl          = "input-control-character"
	InputTooLarge         = "input-too-large"
	InputForm             = "input-form"
	InputUnreadable       = "input-unreadable"
	DocxUnreadable        = "docx-unreadable"
	DocxRevision          = "docx-tracked-change"
	DocxComment           = "docx-comment"
	SchemaRequired        = "schema-required"
	SchemaUnknownField    = "schema-unknown-field"
	SchemaType            = "schema-type"
	SchemaValue           = "schema-value"
	TemplateMissing       = "template-missing"
	TemplateUnknown       = "template-unknown"
	DocumentNotFactsheet  = "document-not-factsheet"
	DocumentUnrecognised  = "document-unrecognised"
	DocumentDuplicateRow  = "document-duplicate-row"
	DocumentRowCells      = "document-row-cells"
	DocumentUnknownTable  = "document-unknown-table"
	DocumentRound         = "document-round"
	DocumentSpacesForTabs = "document-spaces-for-tabs"
	DocumentTablesUnread  = "document-tables-unread"
	DocumentCountry       = "document-country"
	DocumentTemplateTie   = "document-template-tie"
	WaiverExpired         = "waiver-expired"
	WaiverUnused          = "waiver-unused"
)

// The checks made while reading a file are catalogued beside the lint rules,
// so they are documented, configurable and published the same way.
func init() {
	fatal := func(id, category, summary, rationale string) *Rule {
		return &Rule{ID: id, Category: category, Severity: finding.Error, Summary: summary, Rationale: rationale, Fatal: true}
	}
	register(
		fatal(InputSyntax, "input", "The file is not valid YAML or JSON.",
			"Nothing else can be checked until the file parses. The finding gives the line and column of the mistake; for the common YAML mistakes it says what happened and how to fix it: a quote that is never closed, or closed too early by a quote inside the value (reported where the value starts, not where the parser gave up), a line indented with a tab, a value holding \": \" that must be quoted, a line indented under a key that already has its value, a value starting with @ or a backtick."),
		&Rule{ID: InputDuplicateKey, Category: "input", Severity: finding.Error,
			Summary:   "A key appears twice in the same mapping (both positions are reported).",
			Rationale: "YAML and JSON readers silently keep one of the two values; which one depends on the tool. The first is kept here, the second reported.",
			Bad:       "ministry:\n  answer: \"Yes\"\n  answer: \"No\"", Good: "ministry:\n  answer: \"Yes\""},
		fatal(InputEncoding, "input", "The file is not UTF-8 (or UTF-16 with a byte order mark), or a JSON string escapes half of a surrogate pair (\\ud800).",
			"Latin-1 or Windows-1252 bytes would turn names like Sønderskov into garbage; the finding gives the first bad byte. Save the file as UTF-8. A lone surrogate escape is no character: it would be read, and converted, as U+FFFD."),
		fatal(InputBinary, "input", "The file holds NUL bytes: it is binary, not a factsheet.",
			"A binary file (a .docx, a PDF, an image) was given where a factsheet was expected."),
		&Rule{ID: InputControl, Category: "input", Severity: finding.Error, Fix: SafeFix,
			Summary:   "The text holds control characters (invisible in most editors).",
			Rationale: "Control characters come from copy-paste out of other programs; they break parsers and terminals. YAML and JSON files with them cannot be parsed at all. `factsheet lint --fix` deletes them (a vertical tab or form feed, Word's line and page breaks, becomes a space), and keeps the fix only if the file then reads."},
		fatal(InputTooLarge, "input", "The file is larger than the size limit (8 MiB).",
			"A factsheet is a few tens of kilobytes; the limit keeps memory bounded whatever the tool is pointed at."),
		fatal(InputEmpty, "input", "The file is empty, or holds only comments.",
			"An empty file is usually a failed export or save."),
		fatal(InputLimit, "input", "The file nests deeper than 100 levels or expands to more than 100 000 values, or a table cell nests lists deeper than 8 levels.",
			"Such files are attacks (YAML \"billion laughs\") or mistakes; reading stops before they exhaust memory. A cell's lists deeper than 8 levels are read as items of the 8th (a factsheet uses two)."),
		&Rule{ID: InputUnsupported, Category: "input", Severity: finding.Error,
			Summary:   "The YAML uses a feature factsheets do not: several documents, merge keys, non-text keys, .inf/.nan.",
			Rationale: "These features have no JSON equivalent, so the YAML and JSON forms would disagree."},
		fatal(InputForm, "input", "The file is a PDF, a legacy Word document (.doc), a password-protected Word document, an OpenDocument file or RTF.",
			"PDF text loses the factsheet's tables and footnotes, and the other forms are not read: the message says which form it is and what to send instead (the Word document as .docx, or the Markdown/text)."),
		fatal(DocxUnreadable, "word", "The Word document cannot be read: not a complete .docx package, damaged XML, or over a size budget.",
			"A truncated download, a file renamed to .docx, or a zip bomb. Every part is inflated within a budget (48 MiB a part, 96 MiB in all) and nested at most 200 elements deep; a DOCTYPE is refused."),
		&Rule{ID: DocxRevision, Category: "word", Severity: finding.Info,
			Summary:   "A tracked change in the Word document is still pending (inserted, deleted, moved or reformatted text).",
			Rationale: "The factsheet is read as if every change were accepted, but a review round is not closed while changes are pending: accept or reject each one in Word (Review > Accept/Reject). The message gives the author, the date and the text."},
		&Rule{ID: DocxComment, Category: "word", Severity: finding.Info,
			Summary:   "A comment (or a reply) in the Word document.",
			Rationale: "Comments are questions between the expert and the coordinator; each one is reported with its author, text and the text it is attached to, so none is lost when the document is converted. Delete or resolve them in Word once answered."},
		fatal(InputUnreadable, "input", "The file exists but cannot be read (permissions, I/O error).",
			"Reported as a finding in that file so the other files of the batch are still checked."),

		&Rule{ID: SchemaRequired, Category: "schema", Severity: finding.Error,
			Summary: "A required field is missing.", Rationale: "The factsheet schema requires it (the country, a round's date, a contributor's name...).",
			Bad: "country:\n  code: BE", Good: "country:\n  code: BE\n  name: Belgium"},
		&Rule{ID: SchemaUnknownField, Category: "schema", Severity: finding.Error,
			Summary: "A field is not part of the schema (a typo, or a question that is not in the template).", Rationale: "Unknown fields are usually typos, and their content would be silently ignored by every tool. The message suggests the nearest known name.",
			Bad: "national_board:\n  answr: \"Yes\"", Good: "national_board:\n  answer: \"Yes\""},
		&Rule{ID: SchemaType, Category: "schema", Severity: finding.Error,
			Summary: "A value has the wrong type (a number where text is expected, a list where a mapping is).", Rationale: "Every tool reading the factsheet relies on the types of the schema.",
			Bad: "answer: 42", Good: "answer: \"42\""},
		&Rule{ID: SchemaValue, Category: "schema", Severity: finding.Error,
			Summary: "A value breaks the schema: not one of the allowed values, not in the expected form (dates, country codes, e-mail).", Rationale: "Round kinds, partial dates and country codes are read by tools; the message says what was expected.",
			Bad: "kind: reviewd\ndate: Oct 2025", Good: "kind: review\ndate: 2025-10"},
		&Rule{ID: TemplateMissing, Category: "template", Severity: finding.Error,
			Summary: "A chapter, table, question, term, Table 5 area or cell of the template is missing.", Rationale: "Comparisons across countries need every question answered, even if by N/A.",
			Bad: "governance:\n  questions:\n    ministry: ...   # national_board missing", Good: "governance:\n  questions:\n    ministry: ...\n    national_board:\n      answer: N/A"},
		&Rule{ID: TemplateUnknown, Category: "template", Severity: finding.Error,
			Summary: "A question, term, Table 5 area or solution type that is not in the template.", Rationale: "In YAML and JSON an unknown ID under questions, terms or cells is usually a typo (the message suggests the nearest ID). In the document, rows are matched to the template by their wording (ignoring case, spacing, quotes and punctuation, and tolerating rewording); a row that matches nothing is reported, never dropped silently.",
			Bad: "Is there a law on hospital colours?\tNo\t", Good: "Is there specific legislation on the use of telemedicine?\tYes\t..."},

		fatal(DocumentNotFactsheet, "document", "The document has none of the factsheet's landmarks (title, chapters, table captions, tab-separated rows).",
			"The file is not a factsheet, or its tables lost their tab separators in an export."),
		&Rule{ID: DocumentUnrecognised, Category: "document", Severity: finding.Warning,
			Summary:   "Text that is not part of the factsheet layout is ignored.",
			Rationale: "The importer reads the layout of the published factsheet; a stray paragraph (a reviewer's note, say) would be lost on conversion, so it is reported."},
		&Rule{ID: DocumentDuplicateRow, Category: "document", Severity: finding.Error,
			Summary: "The same question, term or area appears twice in a table.", Rationale: "Only the first row is kept; the second is probably a copy-paste leftover."},
		&Rule{ID: DocumentRowCells, Category: "document", Severity: finding.Error,
			Summary: "A table row has more cells than its table has columns, or (its tabs turned into spaces) cannot be split into its cells.", Rationale: "An extra tab shifts the answer into the comments column, or loses text. A row with fewer cells is read with its last cells empty: editors that strip trailing whitespace remove the tab before an empty last cell. A row written with spaces instead of tabs that cannot be split unambiguously is reported with the likely cause and not read."},
		&Rule{ID: DocumentUnknownTable, Category: "document", Severity: finding.Error,
			Summary: "A chapter or table number that the template does not have.", Rationale: "Its content cannot be matched to the template and is ignored."},
		&Rule{ID: DocumentRound, Category: "document", Severity: finding.Error,
			Summary: "A review-round sentence without a date.", Rationale: "Every round is dated (\"in October 2025\", \"2023/2024\"); the dates rules need it."},
		&Rule{ID: DocumentSpacesForTabs, Category: "document", Severity: finding.Warning,
			Summary:   "A table's cells are separated by spaces instead of tabs (reported once per table).",
			Rationale: "An editor's tabs-to-spaces setting, format-on-save or a copy through e-mail replaced the tabs. The table is still read: its header row shows how (each tab a fixed number of spaces, or expanded to tab stops), and rows are split the same way where that is unambiguous. It is a warning because the split is a reading of the layout, not the layout: a cell holding several spaces in a row, or ending one column before a tab stop, can defeat it (such rows are reported). Writing the document puts tabs back.",
			Bad:       "Question    Answer    Comments/Experience", Good: "Question\tAnswer\tComments/Experience"},
		&Rule{ID: DocumentTablesUnread, Category: "document", Severity: finding.Error,
			Summary:   "A table (or every table) has a caption but not one row could be read; the reason is given.",
			Rationale: "When the rows are in a form the importer does not read (tabs deleted, cells separated by another character, a table form not recognised), one finding says why, instead of one per line and one per missing question; the table's questions are not reported missing one by one, nor its footnotes as unreferenced."},
		&Rule{ID: DocumentCountry, Category: "document", Severity: finding.Error,
			Summary: "The country named in the table captions is not one the tool knows.", Rationale: "The YAML and JSON forms carry the ISO code; the importer derives it from the English name."},
		&Rule{ID: DocumentTemplateTie, Category: "document", Severity: finding.Info,
			Summary:   "The document's wording matches two templates or more equally; it is read with one of them.",
			Rationale: "A document names no template: it is read with the one whose wording it shows most. A repository's copy of a template, stricter but worded the same, cannot be told from it by the text; the built-in template wins a tie, otherwise the first by name. The finding names the templates; --template NAME chooses."},

		&Rule{ID: WaiverExpired, Category: "config", Severity: finding.Warning,
			Summary:   "A waiver in .factsheet.yaml has expired; the findings it silenced are reported again.",
			Rationale: "Waivers are promises to fix something by a date; an expired one is a reminder that the date has passed.",
			Bad:       "waivers:\n  - {file: BE.yaml, rule: footnote-placeholder-link, reason: links being restored, expires: 2026-03-31}",
			Good:      "waivers:\n  - {file: BE.yaml, rule: footnote-placeholder-link, reason: links being restored, expires: 2027-03-31}"},
		&Rule{ID: WaiverUnused, Category: "config", Severity: finding.Info,
			Summary:   "A waiver in .factsheet.yaml matched no finding (reported when whole directories are checked).",
			Rationale: "The problem it covered is fixed (remove the waiver), or its file, rule or pointer has a typo."},
	)
}
