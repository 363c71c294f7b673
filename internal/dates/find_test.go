package dates

import "testing"

// one is shorthand for a case with a single expected expression.
func one(name, fragment, text, from, to string, kind Kind) findCase {
	return findCase{name, fragment, []want{{text, from, to, kind}}}
}

// none is shorthand for a case where nothing may be found.
func none(name, fragment string) findCase {
	return findCase{name, fragment, nil}
}

var dayCases = []findCase{
	one("ISO day", "on 2026-02-14 we", "2026-02-14", "2026-02-14", "2026-02-14", Day),
	one("day month year", "15 February 2025", "15 February 2025", "2025-02-15", "2025-02-15", Day),
	one("day abbreviated month", "15 Feb 2025", "15 Feb 2025", "2025-02-15", "2025-02-15", Day),
	one("abbreviation with full stop", "on 15 Feb. 2025.", "15 Feb. 2025", "2025-02-15", "2025-02-15", Day),
	one("Sept abbreviation", "by 30 Sept 2025", "30 Sept 2025", "2025-09-30", "2025-09-30", Day),
	one("month day comma year", "February 15, 2025", "February 15, 2025", "2025-02-15", "2025-02-15", Day),
	one("month day year", "on February 15 2025 we", "February 15 2025", "2025-02-15", "2025-02-15", Day),
	one("upper case month", "ON 3 JUNE 2025", "3 JUNE 2025", "2025-06-03", "2025-06-03", Day),
	one("ordinal", "the 1st of March 2025", "1st of March 2025", "2025-03-01", "2025-03-01", Day),
	one("ordinal nd", "2nd May 2025", "2nd May 2025", "2025-05-02", "2025-05-02", Day),
	one("ordinal rd", "23rd June 2025", "23rd June 2025", "2025-06-23", "2025-06-23", Day),
	one("ordinal after month", "March 21st, 2025", "March 21st, 2025", "2025-03-21", "2025-03-21", Day),
	one("no-break space", "15\u00a0March\u00a02025", "15\u00a0March\u00a02025", "2025-03-15", "2025-03-15", Day),
	one("numeric, day first", "12/11/2025", "12/11/2025", "2025-11-12", "2025-11-12", Day),
	one("numeric, day first, not US", "11/12/2025", "11/12/2025", "2025-12-11", "2025-12-11", Day),
	one("numeric with dots", "12.11.2025", "12.11.2025", "2025-11-12", "2025-11-12", Day),
	one("numeric with hyphens", "12-11-2025", "12-11-2025", "2025-11-12", "2025-11-12", Day),
	one("numeric single digits", "(1/3/2025)", "1/3/2025", "2025-03-01", "2025-03-01", Day),
	one("leap day", "29 February 2028", "29 February 2028", "2028-02-29", "2028-02-29", Day),
	one("leap day ISO", "2028-02-29", "2028-02-29", "2028-02-29", "2028-02-29", Day),
	one("leap day US style", "February 29, 2028", "February 29, 2028", "2028-02-29", "2028-02-29", Day),
	one("leap day of 2000", "29/02/2000", "29/02/2000", "2000-02-29", "2000-02-29", Day),
	// An impossible day still names a real month: the month is found, so a
	// rule can still judge the statement, and the day number is left out.
	one("31 February falls back to the month", "31 February 2025", "February 2025", "2025-02-01", "2025-02-28", Month),
	one("29 February in a common year", "29 February 2025", "February 2025", "2025-02-01", "2025-02-28", Month),
	one("32 March", "32 March 2025", "March 2025", "2025-03-01", "2025-03-31", Month),
	one("April 31 keeps only the year", "April 31, 2025", "2025", "2025-01-01", "2025-12-31", Year),
	none("impossible numeric day", "31/02/2025"),
	none("month 13 in numeric day", "12/13/2025"),
	none("impossible ISO day", "2025-02-30"),
	none("29 February 2027 ISO", "2027-02-29"),
	none("1900 was not a leap year", "29/02/1900"),
}

var monthCases = []findCase{
	one("month year", "October 2025", "October 2025", "2025-10-01", "2025-10-31", Month),
	one("abbreviated", "Oct 2025", "Oct 2025", "2025-10-01", "2025-10-31", Month),
	one("preposition left out", "in March 2025 the", "March 2025", "2025-03-01", "2025-03-31", Month),
	one("lower case", "since december 2024", "december 2024", "2024-12-01", "2024-12-31", Month),
	one("month of year", "in March of 2025", "March of 2025", "2025-03-01", "2025-03-31", Month),
	one("Sept. abbreviation", "Sept. 2025", "Sept. 2025", "2025-09-01", "2025-09-30", Month),
	one("ISO month", "2025-10", "2025-10", "2025-10-01", "2025-10-31", Month),
	one("ISO February of a leap year", "2028-02", "2028-02", "2028-02-01", "2028-02-29", Month),
	one("markdown bold", "**October 2025**", "October 2025", "2025-10-01", "2025-10-31", Month),
	one("not across a line break", "October\n2025", "2025", "2025-01-01", "2025-12-31", Year),
	one("not across a tab", "October\t2025", "2025", "2025-01-01", "2025-12-31", Year),
	one("not across a full stop", "in March. 2025 was", "2025", "2025-01-01", "2025-12-31", Year),
	one("not a month name", "Octember 2025", "2025", "2025-01-01", "2025-12-31", Year),
	none("month without year", "in March we"),
	none("ISO month 13", "2025-13"),
	none("ISO month 00", "2025-00"),
	none("one-digit ISO month", "2025-1"),
}

var yearCases = []findCase{
	one("year", "in 2025.", "2025", "2025-01-01", "2025-12-31", Year),
	one("parenthesised", "(2021), p 5", "2021", "2021-01-01", "2021-12-31", Year),
	one("lowest year", "1900", "1900", "1900-01-01", "1900-12-31", Year),
	one("highest year", "2099", "2099", "2099-01-01", "2099-12-31", Year),
	one("leap year span", "2028", "2028", "2028-01-01", "2028-12-31", Year),
	{"list of years", "2025, 2026", []want{
		{"2025", "2025-01-01", "2025-12-31", Year},
		{"2026", "2026-01-01", "2026-12-31", Year},
	}},
	one("junk quarter", "Q5 2026", "2026", "2026-01-01", "2026-12-31", Year),
	one("from without to", "from 2025 on", "2025", "2025-01-01", "2025-12-31", Year),
	one("between without and", "between 2025 or so", "2025", "2025-01-01", "2025-12-31", Year),
	none("below range", "1899"),
	none("above range", "2100"),
	none("five digits", "20255"),
	none("ten digits", "2025002802"),
	none("count", "13 apps"),
	none("months", "5 months"),
	none("years", "2 years"),
	none("version", "Roadmap 4.0"),
	none("ISO standard", "ISO 13485"),
	none("glued to letters", "COM(2008)689"),
	none("glued tail", "2008)689"),
	none("decade", "the 2020s"),
	none("fiscal year", "FY2025"),
	none("currency", "EUR2025 and €2025"),
	none("percentage", "2025%"),
	none("decimal", "2025.5"),
	none("hyphenated prefix", "pre-2025"),
	none("hyphenated suffix", "2025-based"),
	none("file name", "omzendbrief_ziekenhuizen_2026_04.pdf"),
	none("file extension", "report 2025.pdf"),
	none("regulation number", "(2016/679)"),
	none("among numbers", "Screenshot 2025 11 12"),
	none("phone", "+32 2 2025 1234"),
	none("URL path", "https://example.org/eli/2025/03/27/2025002802/moniteur"),
	none("URL without scheme", "see www.example.org/2025/plan"),
	none("autolink", "<https://example.org/2025>"),
	none("Markdown link target", "[the plan](https://example.org/plan-2025-2027#top)"),
	none("Markdown link target with spaces", "[plan](https://example.org/a 2025 b (2026))"),
	none("Markdown link label that is an address", "[https://example.org/ plan 2025-2027](https://example.org/)"),
	none("HTML attribute", `<a title="Plan 2025-2027" href="x">x</a>`),
	none("e-mail", "plan2025@example.org"),
}

var partCases = []findCase{
	one("early", "early 2026", "early 2026", "2026-01-01", "2026-04-30", Part),
	one("mid", "mid 2026", "mid 2026", "2026-05-01", "2026-08-31", Part),
	one("mid with hyphen", "mid-2026", "mid-2026", "2026-05-01", "2026-08-31", Part),
	one("mid with en dash", "mid–2026", "mid–2026", "2026-05-01", "2026-08-31", Part),
	one("late", "late 2026", "late 2026", "2026-09-01", "2026-12-31", Part),
	one("mid-to-late", "mid-to-late 2025", "late 2025", "2025-09-01", "2025-12-31", Part),
	one("beginning of", "beginning of 2026", "beginning of 2026", "2026-01-01", "2026-04-30", Part),
	one("start of", "at the start of 2026", "start of 2026", "2026-01-01", "2026-04-30", Part),
	one("middle of", "middle of 2026", "middle of 2026", "2026-05-01", "2026-08-31", Part),
	one("end of", "by the end of 2025", "end of 2025", "2025-10-01", "2025-12-31", Part),
	one("end of the year", "end of the year 2026", "end of the year 2026", "2026-10-01", "2026-12-31", Part),
	one("end with hyphen", "by end-2025", "end-2025", "2025-10-01", "2025-12-31", Part),
	one("end with hyphen, month", "by end-June 2025", "end-June 2025", "2025-06-21", "2025-06-30", Part),
	one("end of year", "end of year 2026", "end of year 2026", "2026-10-01", "2026-12-31", Part),
	one("mid-year", "mid-year 2026", "mid-year 2026", "2026-05-01", "2026-08-31", Part),
	one("beginning of a month", "beginning of June 2025", "beginning of June 2025", "2025-06-01", "2025-06-10", Part),
	one("end of a month", "by the end of June 2025", "end of June 2025", "2025-06-21", "2025-06-30", Part),
	one("end of February", "end of February 2025", "end of February 2025", "2025-02-21", "2025-02-28", Part),
	one("end of February, leap year", "end of February 2028", "end of February 2028", "2028-02-21", "2028-02-29", Part),
	one("early month", "early June 2025", "early June 2025", "2025-06-01", "2025-06-10", Part),
	one("mid month", "mid June 2025", "mid June 2025", "2025-06-11", "2025-06-20", Part),
	one("mid-month", "mid-June 2025", "mid-June 2025", "2025-06-11", "2025-06-20", Part),
	one("middle of month", "middle of June 2025", "middle of June 2025", "2025-06-11", "2025-06-20", Part),
	one("late month of 30 days", "late June 2025", "late June 2025", "2025-06-21", "2025-06-30", Part),
	one("late month of 31 days", "late July 2025", "late July 2025", "2025-07-21", "2025-07-31", Part),
	one("Q1", "Q1 2026", "Q1 2026", "2026-01-01", "2026-03-31", Part),
	one("Q2", "Q2 2026", "Q2 2026", "2026-04-01", "2026-06-30", Part),
	one("Q3", "Q3 2026", "Q3 2026", "2026-07-01", "2026-09-30", Part),
	one("Q4", "Q4 2026", "Q4 2026", "2026-10-01", "2026-12-31", Part),
	one("lower-case q", "q1 2026", "q1 2026", "2026-01-01", "2026-03-31", Part),
	one("Q1 of a leap year", "Q1 2028", "Q1 2028", "2028-01-01", "2028-03-31", Part),
	one("year first", "2026 Q1", "2026 Q1", "2026-01-01", "2026-03-31", Part),
	one("H1", "H1 2025", "H1 2025", "2025-01-01", "2025-06-30", Part),
	one("H2", "H2 2025", "H2 2025", "2025-07-01", "2025-12-31", Part),
	one("year first half", "2025 H2", "2025 H2", "2025-07-01", "2025-12-31", Part),
	one("H2O is no half", "2025 H2O", "2025", "2025-01-01", "2025-12-31", Year),
	one("first half", "first half of 2025", "first half of 2025", "2025-01-01", "2025-06-30", Part),
	one("second half", "in the second half of 2025", "second half of 2025", "2025-07-01", "2025-12-31", Part),
	one("2nd half of the year", "2nd half of the year 2025", "2nd half of the year 2025", "2025-07-01", "2025-12-31", Part),
	one("1st quarter", "1st quarter of 2025", "1st quarter of 2025", "2025-01-01", "2025-03-31", Part),
	one("quarter without of", "third quarter 2025", "third quarter 2025", "2025-07-01", "2025-09-30", Part),
	one("fourth quarter", "fourth quarter of 2025", "fourth quarter of 2025", "2025-10-01", "2025-12-31", Part),
	one("third half does not exist", "third half of 2025", "2025", "2025-01-01", "2025-12-31", Year),
	one("spring", "spring 2026", "spring 2026", "2026-03-01", "2026-05-31", Part),
	one("summer", "Summer 2026", "Summer 2026", "2026-06-01", "2026-08-31", Part),
	one("autumn", "autumn 2026", "autumn 2026", "2026-09-01", "2026-11-30", Part),
	one("fall", "fall 2026", "fall 2026", "2026-09-01", "2026-11-30", Part),
	one("season of", "spring of 2026", "spring of 2026", "2026-03-01", "2026-05-31", Part),
	one("winter runs into the next year", "winter 2026", "winter 2026", "2026-12-01", "2027-02-28", Part),
	one("winter into a leap year", "winter 2027", "winter 2027", "2027-12-01", "2028-02-29", Part),
	one("winter of the last year", "winter 2099", "winter 2099", "2099-12-01", "2100-02-28", Part),
}

var rangeCases = []findCase{
	one("hyphen", "2025-2027", "2025-2027", "2025-01-01", "2027-12-31", Range),
	one("en dash", "2025–2027", "2025–2027", "2025-01-01", "2027-12-31", Range),
	one("spaced em dash", "2025 — 2027", "2025 — 2027", "2025-01-01", "2027-12-31", Range),
	one("spaced hyphen", "2025 - 2027", "2025 - 2027", "2025-01-01", "2027-12-31", Range),
	one("to", "2022 to 2024", "2022 to 2024", "2022-01-01", "2024-12-31", Range),
	one("for … to", "for 2022 to 2024", "2022 to 2024", "2022-01-01", "2024-12-31", Range),
	one("until", "2022 until 2024", "2022 until 2024", "2022-01-01", "2024-12-31", Range),
	one("through", "2022 through 2024", "2022 through 2024", "2022-01-01", "2024-12-31", Range),
	one("from … to", "from 2025 to 2027", "from 2025 to 2027", "2025-01-01", "2027-12-31", Range),
	one("from with a dash keeps from out", "from 2025-2027", "2025-2027", "2025-01-01", "2027-12-31", Range),
	one("slash, consecutive years", "2023/2024", "2023/2024", "2023-01-01", "2024-12-31", Range),
	one("between … and", "between 2025 and 2029", "between 2025 and 2029", "2025-01-01", "2029-12-31", Range),
	one("long range", "2025-2029", "2025-2029", "2025-01-01", "2029-12-31", Range),
	one("months sharing a year", "April–June 2025", "April–June 2025", "2025-04-01", "2025-06-30", Range),
	one("months with to", "April to June 2025", "April to June 2025", "2025-04-01", "2025-06-30", Range),
	one("from month to month", "from January to March 2026", "from January to March 2026", "2026-01-01", "2026-03-31", Range),
	one("days sharing a month", "15–17 March 2025", "15–17 March 2025", "2025-03-15", "2025-03-17", Range),
	one("months of two years", "November 2024 to February 2025", "November 2024 to February 2025", "2024-11-01", "2025-02-28", Range),
	one("days", "15 May 2024 – 17 June 2024", "15 May 2024 – 17 June 2024", "2024-05-15", "2024-06-17", Range),
	one("parts", "early 2025 - mid-2026", "early 2025 - mid-2026", "2025-01-01", "2026-08-31", Range),
	one("year to month", "2025–March 2026", "2025–March 2026", "2025-01-01", "2026-03-31", Range),
	one("ISO days", "2026-02-14 – 2026-03-01", "2026-02-14 – 2026-03-01", "2026-02-14", "2026-03-01", Range),
	one("backwards months fall back", "June–April 2025", "April 2025", "2025-04-01", "2025-04-30", Month),
	one("backwards days fall back to the month", "17–15 March 2025", "March 2025", "2025-03-01", "2025-03-31", Month),
	one("bare days need a dash", "from 3 to 5 March 2025", "from 3 to 5 March 2025", "2025-03-03", "2025-03-05", Range),
	one("bare days without dash or lead", "3 to 5 March 2025", "5 March 2025", "2025-03-05", "2025-03-05", Day),
	none("descending years", "2027-2025"),
	none("same year twice", "2025-2025"),
	none("slash, not consecutive", "2023/2025"),
	none("slash, descending", "2025/2024"),
	none("regulation number", "2022/2555"),
	none("short second year", "2025/26"),
	none("glued range", "esante-2025-2027"),
	none("counts", "6 to 12 months"),
	{"and without between is two years", "2025 and 2026", []want{
		{"2025", "2025-01-01", "2025-12-31", Year},
		{"2026", "2026-01-01", "2026-12-31", Year},
	}},
	{"overlapping ends are two expressions", "October 2025 - 2025", []want{
		{"October 2025", "2025-10-01", "2025-10-31", Month},
		{"2025", "2025-01-01", "2025-12-31", Year},
	}},
}

func TestFindDays(t *testing.T)   { runFindCases(t, dayCases) }
func TestFindMonths(t *testing.T) { runFindCases(t, monthCases) }
func TestFindYears(t *testing.T)  { runFindCases(t, yearCases) }
func TestFindParts(t *testing.T)  { runFindCases(t, partCases) }
func TestFindRanges(t *testing.T) { runFindCases(t, rangeCases) }

func TestFindOffsetsInLongerText(t *testing.T) {
	text := "Plan 2022-2024 ended; the next one, announced in early 2026, is late.\nSee 15 May 2024."
	got := Find(text)
	wantTexts := []string{"2022-2024", "early 2026", "15 May 2024"}
	if len(got) != len(wantTexts) {
		t.Fatalf("Find = %v, want %q", got, wantTexts)
	}
	for i, w := range wantTexts {
		if got[i].Text != w || text[got[i].Start:got[i].End] != w {
			t.Errorf("expression %d = %v, want %q at its offsets", i, got[i], w)
		}
		if i > 0 && got[i].Start < got[i-1].End {
			t.Errorf("expressions %d and %d overlap or are out of order", i-1, i)
		}
	}
}

func TestFindNothing(t *testing.T) {
	for _, text := range []string{"", " ", "\n\t", "no dates here", "-", "2", "Q1", "mid-"} {
		if got := Find(text); got != nil {
			t.Errorf("Find(%q) = %v, want nil", text, got)
		}
	}
}

// languageCases are the forms of French, Dutch and German that factsheets
// quote, read by the same grammar through their lexicons.
var languageCases = []findCase{
	{"French first of June", "La plateforme sera lancée le 1er juin 2026.", []want{{"1er juin 2026", "2026-06-01", "2026-06-01", Day}}},
	{"French month", "publié en avril 2025", []want{{"avril 2025", "2025-04-01", "2025-04-30", Month}}},
	{"French beginning", "disponible début 2026", []want{{"début 2026", "2026-01-01", "2026-04-30", Part}}},
	{"French end of the year", "d'ici fin de l'année 2025", []want{{"fin de l'année 2025", "2025-10-01", "2025-12-31", Part}}},
	{"French mid month", "mi-juin 2026", []want{{"mi-juin 2026", "2026-06-11", "2026-06-20", Part}}},
	{"French quarter", "au premier trimestre 2026", []want{{"premier trimestre 2026", "2026-01-01", "2026-03-31", Part}}},
	{"French T1", "T1 2026", []want{{"T1 2026", "2026-01-01", "2026-03-31", Part}}},
	{"French season", "au printemps 2026", []want{{"printemps 2026", "2026-03-01", "2026-05-31", Part}}},
	{"French range of days", "du 15 au 17 septembre 2026", []want{{"du 15 au 17 septembre 2026", "2026-09-15", "2026-09-17", Range}}},
	{"French range of years", "de 2025 à 2027", []want{{"de 2025 à 2027", "2025-01-01", "2027-12-31", Range}}},
	{"French accents optional", "fevrier 2026", []want{{"fevrier 2026", "2026-02-01", "2026-02-28", Month}}},
	{"Dutch month", "in maart 2026", []want{{"maart 2026", "2026-03-01", "2026-03-31", Month}}},
	{"Dutch end", "eind 2025", []want{{"eind 2025", "2025-10-01", "2025-12-31", Part}}},
	{"Dutch end of the year", "eind van het jaar 2025", []want{{"eind van het jaar 2025", "2025-10-01", "2025-12-31", Part}}},
	{"Dutch mid", "medio 2026", []want{{"medio 2026", "2026-05-01", "2026-08-31", Part}}},
	{"Dutch between", "tussen 2024 en 2025", []want{{"tussen 2024 en 2025", "2024-01-01", "2025-12-31", Range}}},
	{"Dutch autumn", "in het najaar van 2025", []want{{"najaar van 2025", "2025-09-01", "2025-11-30", Part}}},
	{"German day with a full stop", "am 15. März 2026", []want{{"15. März 2026", "2026-03-15", "2026-03-15", Day}}},
	{"German beginning", "Anfang 2026", []want{{"Anfang 2026", "2026-01-01", "2026-04-30", Part}}},
	{"German end of the year", "Ende des Jahres 2025", []want{{"Ende des Jahres 2025", "2025-10-01", "2025-12-31", Part}}},
	{"German end of June", "bis Ende Juni 2026", []want{{"Ende Juni 2026", "2026-06-21", "2026-06-30", Part}}},
	{"German quarter", "im 1. Quartal 2026", []want{{"1. Quartal 2026", "2026-01-01", "2026-03-31", Part}}},
	{"German second quarter", "für das zweite Quartal 2026", []want{{"zweite Quartal 2026", "2026-04-01", "2026-06-30", Part}}},
	{"German range", "von 2025 bis 2027", []want{{"von 2025 bis 2027", "2025-01-01", "2027-12-31", Range}}},
	{"French days of two months", "du 1er mars au 30 juin 2026", []want{{"du 1er mars au 30 juin 2026", "2026-03-01", "2026-06-30", Range}}},
	{"German days of two months", "vom 1. März bis 30. Juni 2026", []want{{"vom 1. März bis 30. Juni 2026", "2026-03-01", "2026-06-30", Range}}},
	{"English days of two months", "1 March to 30 June 2026", []want{{"1 March to 30 June 2026", "2026-03-01", "2026-06-30", Range}}},
	{"a number ending a sentence is no German ordinal", "Level 3. May 2026 saw more apps.", []want{{"3. May 2026", "2026-05-03", "2026-05-03", Day}}},
}

// numericCases are numeric dates as Europeans write them, and the numbers
// that only look like them.
var numericCases = []findCase{
	{"month and year with a slash", "in 03/2026", []want{{"03/2026", "2026-03-01", "2026-03-31", Month}}},
	{"month and year with a full stop", "in 03.2026", []want{{"03.2026", "2026-03-01", "2026-03-31", Month}}},
	{"day first with full stops", "the Gazette of 27.03.2025", []want{{"27.03.2025", "2025-03-27", "2025-03-27", Day}}},
	{"day first with slashes", "on 27/03/2025", []want{{"27/03/2025", "2025-03-27", "2025-03-27", Day}}},
	{"never month first", "on 03/27/2025", nil},
	{"one digit is no month", "Law 3/2018", nil},
	{"a law number", "la loi 11/2025 relative aux soins", nil},
	{"a numbered decree", "n° 12/2026", nil},
	{"no month 13", "13/2026", nil},
	{"a count is no year", "2025 patients will be enrolled", nil},
	{"a count after a verb", "it will hold 2024 records", nil},
	{"a count of qualified nouns", "2000 cancer patients will take part", nil},
	{"a year before a subject", "in 2025 cancer patients could read their records", []want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"a year after a preposition", "by 2025 patients could read their records", []want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"a year after an article", "the 2025 targets", []want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"a year before a verb", "2025 was a turning point", []want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"link text is text", "[Roadmap 2019-2021](https://example.org/roadmap-2019-2021)", []want{{"2019-2021", "2019-01-01", "2021-12-31", Range}}},
	{"the link's address is not", "[the plan](https://example.org/plan-2025-2027)", nil},
	{"an ELI path", "/eli/arrete/2025/03/27/2025002802/moniteur", nil},
	{"an ISO standard", "ISO 13485:2016", nil},
}

func TestFindLanguages(t *testing.T) { runFindCases(t, languageCases) }
func TestFindNumeric(t *testing.T)   { runFindCases(t, numericCases) }
