// Package dates finds calendar expressions in free text (English, French,
// Dutch and German) and resolves each one to the inclusive span of days it
// can mean.
//
// Factsheet lint rules judge statements against today: a promise "in early
// 2026" that is already past, a count "as of February 2026" that has gone
// stale, an "Action Plan 2022-2024" that has ended. Those rules live
// elsewhere. This package only finds the expressions and says which days they
// cover, so that every rule reads dates the same way and none of them needs a
// regular expression of its own.
//
// # What is understood
//
//   - ISO dates: 2026-02-14 (a day), 2025-10 (a month).
//   - Numeric dates, day first: 12/11/2025, 12.11.2025 and 12-11-2025 all
//     mean 12 November 2025. The factsheets are written by Europeans; the
//     American month-first reading is never tried, so 11/12/2025 is 11
//     December. A month and a year: 03/2026 and 03.2026, with two digits
//     for the month and not after a word that names a law or a number
//     ("Law 3/2018", "Decree 03/2025", "n° 12/2026" are identifiers).
//   - Written days: 15 February 2025, 15 Feb 2025, 1st of March 2025,
//     February 15, 2025.
//   - Months: October 2025, Oct 2025, Sept. 2025, March of 2025.
//   - Years: 2025, only from 1900 to 2099 and only as a token of its own.
//   - Parts of a year: early/mid/late 2026, mid-2025, beginning of 2026,
//     start/middle/end of 2026, end of the year 2026, end-2025, Q1 2026,
//     2026 Q1, H2 2025, first half of 2025, second quarter of 2024, third
//     quarter 2025, 2nd half of 2025, spring/summer/autumn/fall/winter 2026.
//   - Parts of a month: early/mid/late June 2025, mid-June 2025,
//     beginning/start/middle/end of June 2025.
//   - Ranges: 2025-2027, 2025–2027, 2025 — 2027, 2022 to 2024,
//     from 2025 to 2027, between 2025 and 2029, 2023/2024, April–June 2025,
//     15–17 March 2025, and generally any two of the forms above joined by
//     a dash, "to", "until" or "through" (November 2024 to February 2025).
//     A slash joins only two consecutive years: 2023/2024 is a span, while
//     2025/327 and 2022/2555 are EU regulation numbers.
//
// # Languages
//
// The grammar is written in meanings ("a part word, an optional 'of', a
// year"); the words of each language are a table (lexicon.go), so another
// EU language is another table, not more code. English, French, Dutch and
// German are there: month names in full or as the usual abbreviations
// (which may take a full stop), matched without regard to case, with or
// without accents (février, fevrier); parts of the year ("début 2026",
// "eind 2025", "Anfang 2026", "mi-juin 2026", "fin de l'année 2025", "Ende
// des Jahres 2025"); quarters and halves ("premier trimestre 2026", "T1
// 2026", "1. Quartal 2026", "eerste helft van 2026"); seasons ("printemps
// 2026", "najaar 2025", "Frühjahr 2026"); ordinals ("1er juin 2026", "15.
// März 2026"); ranges ("du 15 au 17 septembre 2026", "de 2025 à 2027",
// "tussen 2024 en 2025", "von 2025 bis 2027", "vom 1. März bis 30. Juni
// 2026").
//
// # Relative dates
//
// FindRelative finds the expressions that mean days only once it is known
// when the text was written: "next year", "in the coming months", "within
// the next two years", "last year", "l'année prochaine", "volgend jaar",
// "in den kommenden Monaten". Relative.Resolve reads them from that day:
// whole calendar units for "next year" and "last year"; a window from the
// day for "the coming weeks" (3 months), "the coming months" (12 months:
// less than a year, or one would say "next year") and "the coming years"
// (5 years). "Within three months" alone is a duration counted from some
// event, not from the day of writing, and is not read.
//
// # Resolution conventions
//
// Every expression resolves to From..To, both days inclusive:
//
//	early / beginning of / start of <year>   1 Jan – 30 Apr  (first third)
//	mid / middle of <year>                   1 May – 31 Aug  (second third)
//	late <year>                              1 Sep – 31 Dec  (last third)
//	end of <year>, end of the year, end-     1 Oct – 31 Dec  (last quarter)
//	early / beginning / start of <month>     days 1 – 10
//	mid / middle of <month>                  days 11 – 20
//	late / end of <month>                    day 21 – last day
//	Q1..Q4, H1, H2, nth quarter/half of      calendar quarters and halves
//	spring, summer, autumn (fall)            Mar–May, Jun–Aug, Sep–Nov
//	winter <year>                            1 Dec <year> – 28/29 Feb <year+1>
//	a range                                  From of its first part, To of its last
//
// "End of" a year is narrower than "late" because it usually states a
// deadline ("by the end of 2025"), and a deadline in September would not be
// called the end of the year. Seasons are meteorological seasons of the
// northern hemisphere; winter is named by the year in which it starts.
//
// # What an expression's Text covers
//
// Text is the date itself. Prepositions that relate it to the sentence are
// left out ("in", "by", "as of", "since", "until", "by the end of" gives
// "end of …") so that rules can look at them in the text before Start.
// Words that build a range are kept ("from 2025 to 2027", "between 2025 and
// 2029"). The words of one expression may be separated by spaces, including
// no-break spaces, but never by a tab or a line break: in converted
// factsheets a tab separates table cells.
//
// # What is deliberately not matched
//
//   - Anything inside a web or e-mail address, a Markdown link target
//     "](…)", a link label that is itself an address "[https://…]", or an
//     HTML tag "<…>": years there are parts of names
//     (".../eli/arrete/2025/03/27/2025002802/...", "esante-2025-2027#...").
//   - Numbers glued to letters, digits, underscores or currency signs, or
//     glued to them through a connector such as - / . : ( ): COM(2008)689,
//     2016/679, omzendbrief_ziekenhuizen_2026_04.pdf, Pantone19, 4.0,
//     pre-2025.
//   - A bare year that stands next to another bare number, such as the
//     "2025" of "Screenshot 2025 11 12 101836" or of a phone number.
//   - Impossible days: in "31 February 2025" only "February 2025" is found.
//   - Numbers that are not years: 13 apps, 2 years, 5 months, ISO 13485,
//     and a year-like number that counts the plural noun after it ("2025
//     patients will be enrolled"), unless a preposition or an article makes
//     it a year ("by 2025 patients could …", "the 2025 targets").
//
// The text of a Markdown link is text: in "[Roadmap 2019-2021](https://…)"
// the range is read and only the address is masked.
//
// Find runs in time linear in the length of its input and keeps no state
// between calls; it is safe for concurrent use.
package dates
