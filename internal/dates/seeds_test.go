package dates

import "testing"

// want is one expected expression: its text and resolution.
type want struct {
	text     string
	from, to string // YYYY-MM-DD
	kind     Kind
}

// findCase is a fragment of text and every expression Find must return for it,
// in order. An empty want means no expression at all.
type findCase struct {
	name     string
	fragment string
	want     []want
}

// seedCases holds every date expression of the real documents the project
// was created from (shared/seeds, not part of the repository), each in the
// sentence it appears in, copied verbatim. Where a sentence holds numbers
// that are not dates, the case proves they are left alone.
var seedCases = []findCase{
	// 000: the Belgian eCAN country factsheet.
	{"000 pre-filled in 2023/2024",
		`This country factsheet was originally **pre-filled in 2023/2024** with publicly available information by`,
		[]want{{"2023/2024", "2023-01-01", "2024-12-31", Range}}},
	{"000 reviewed in 2023/2024",
		`The pre-filled country factsheet was originally **reviewed in 2023/2024** by`,
		[]want{{"2023/2024", "2023-01-01", "2024-12-31", Range}}},
	{"000 updated in October 2025",
		`This country factsheet has been **updated** with publicly available information in **October 2025** by`,
		[]want{{"October 2025", "2025-10-01", "2025-10-31", Month}}},
	{"000 reviewed in February 2026",
		`The updated country factsheet was **reviewed in February 2026** by`,
		[]want{{"February 2026", "2026-02-01", "2026-02-28", Month}}},
	{"000 COM(2008)689 is an identifier",
		`The EU Commission defines telemedicine as follows (EU Commission definition, COM(2008)689) : « Telemedicine is the provision of health care services`,
		nil},
	{"000 Essén et al. 2022",
		`Essén et al. 2022 define health apps as « a computer program or software application (designed to run on a mobile device)`,
		[]want{{"2022", "2022-01-01", "2022-12-31", Year}}},
	{"000 ISO citation (2021) after an HTML link",
		`(ISO <a href="https://www.iso.org/standard/78182.html">https://www.iso.org/standard/78182.html</a> (2021), p 5). »`,
		[]want{{"2021", "2021-01-01", "2021-12-31", Year}}},
	{"000 eHealth Action Plan 2025-2027",
		`Belgium's digital health strategy is guided by the eHealth Action Plan 2025-2027 <sup>10</sup> through inter-federal coordination and collaboration.`,
		[]want{{"2025-2027", "2025-01-01", "2027-12-31", Range}}},
	{"000 since January 2026 telemonitoring",
		`Since January 2026, telemonitoring is integrated in the reimbursed care pathways of RIZIV/INAMI for a specific group of cancer patients for a limited time period.`,
		[]want{{"January 2026", "2026-01-01", "2026-01-31", Month}}},
	{"000 action plan 2025-2027 following 2022 to 2024",
		`<p>Belgium has a national eHealth strategy in the form of the 2025-2027 action plan for eHealth (Plan d’action interfédéral eSanté 2025-2027) following the previous one for 2022 to 2024.`,
		[]want{
			{"2025-2027", "2025-01-01", "2027-12-31", Range},
			{"2025-2027", "2025-01-01", "2027-12-31", Range},
			{"2022 to 2024", "2022-01-01", "2024-12-31", Range},
		}},
	{"000 updated plan in early 2026",
		`An updated plan is in development in early 2026 but not published yet.`,
		[]want{{"early 2026", "2026-01-01", "2026-04-30", Part}}},
	{"000 roadmap as of 2021 for 2022 to 2024",
		`The strategy/roadmap<sup>16</sup> (as of 2021 for 2022 to 2024) encompasses the following key areas:</p>`,
		[]want{
			{"2021", "2021-01-01", "2021-12-31", Year},
			{"2022 to 2024", "2022-01-01", "2024-12-31", Range},
		}},
	{"000 cancer plan available in early 2026",
		`The National Cancer Plan is under development and will be available in early 2026.`,
		[]want{{"early 2026", "2026-01-01", "2026-04-30", Part}}},
	{"000 2025 digital decade study",
		`And, the 2025 digital decade eHealth indicator study performed for the European Commission provides information about Belgium's maturity level in regard to eHealth. <sup>20</sup>`,
		[]want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"000 every 2 years since 2013",
		`Belgium has a general eHealth policy and a “plan d’action esanté” updated every 2 years since 2013.`,
		[]want{{"2013", "2013-01-01", "2013-12-31", Year}}},
	{"000 royal decree published on March 2025",
		`A royal decree establishing a legal framework for remote patient care was officially published on March 2025 <sup>22</sup>`,
		[]want{{"March 2025", "2025-03-01", "2025-03-31", Month}}},
	{"000 five months is no date",
		`Furthermore, the limited duration of reimbursement, restricted to a maximum of five months, is considered insufficient.`,
		nil},
	{"000 reimbursed since January 2026",
		`Yes partially, reimbursed for specific group of patients since January 2026 (during 5 months)`,
		[]want{{"January 2026", "2026-01-01", "2026-01-31", Month}}},
	{"000 at least 13 as of February 2026",
		`At least 13 as of February 2026`,
		[]want{{"February 2026", "2026-02-01", "2026-02-28", Month}}},
	{"000 13 health apps is no date",
		`On mHealthBelgium, there are 13 health apps registered and certified as medical device when filtering for « cancer » as pathology.`,
		nil},

	// 001: a law firm's review "The Latest in Digital Healthcare in Belgium".
	{"001 formed in January 2025, agreement for 2025–2029",
		`Amid these evolving dynamics, a new federal government, formed in January 2025, has set a clear policy direction through its federal coalition agreement for 2025–2029 (“Coalition Agreement”).`,
		[]want{
			{"January 2025", "2025-01-01", "2025-01-31", Month},
			{"2025–2029", "2025-01-01", "2029-12-31", Range},
		}},
	{"001 COVID-19 is no date",
		`propelled by technological advancements, evolving patient needs, and challenges brought on by the COVID-19 pandemic.`,
		nil},
	{"001 Action Plan (2025–2027)",
		`has introduced its new interfederal eHealth Action Plan (2025–2027) (eHealth Plan) for integrated healthcare`,
		[]want{{"2025–2027", "2025-01-01", "2027-12-31", Range}}},
	{"001 interoperability by 2026–2027",
		`The aim is for the BIHR to achieve full national interoperability by 2026–2027.`,
		[]want{{"2026–2027", "2026-01-01", "2027-12-31", Range}}},
	{"001 Regulation (2025/327) in force on 26 March 2025",
		`The EHDS Regulation (2025/327), which entered into force on 26 March 2025, aims to give individuals greater control over their health data`,
		[]want{{"26 March 2025", "2025-03-26", "2025-03-26", Day}}},
	{"001 commencing in 2025",
		`The eHealth Plan includes the planned interconnection of the BIHR with the EHDS, commencing in 2025.`,
		[]want{{"2025", "2025-01-01", "2025-12-31", Year}}},
	{"001 concluded in October 2024",
		`the EHDS2 PILOT project (which concluded in October 2024 and focused on establishing infrastructure for secondary data use).`,
		[]want{{"October 2024", "2024-10-01", "2024-10-31", Month}}},
	{"001 GDPR (2016/679) is a regulation number",
		`compliant with privacy regulations like the General Data Protection Regulation (2016/679) (GDPR) and the principles of the EHDS.`,
		nil},
	{"001 underscored in February 2025",
		`This sensitivity was underscored in February 2025 when patient associations, several psychologists’ associations, and the League of Human Rights (LDH) lodged an appeal`,
		[]want{{"February 2025", "2025-02-01", "2025-02-28", Month}}},
	{"001 Data Governance Act (2022/868) adopted on 15 May 2024",
		`the Data Governance Act (2022/868) (the Belgian implementing law for which was adopted on 15 May 2024).`,
		[]want{{"15 May 2024", "2024-05-15", "2024-05-15", Day}}},
	{"001 MDR (2017/745) and IVDR (2017/746) are regulation numbers",
		`Compliance with the EU Medical Device Regulation (2017/745) (MDR) and the EU In-Vitro Diagnostic Medical Devices Regulation (2017/746) (IVDR) continues to be particularly challenging`,
		nil},
	{"001 resolution in October 2024",
		`the European Parliament adopted a resolution in October 2024 calling for urgent revisions to the MDR and IVDR`,
		[]want{{"October 2024", "2024-10-01", "2024-10-31", Month}}},
	{"001 closed for feedback on 21 March 2025",
		`which closed for feedback on 21 March 2025, to identify areas for improvement and simplification.`,
		[]want{{"21 March 2025", "2025-03-21", "2025-03-21", Day}}},
	{"001 until the end of 2025",
		`an ongoing pilot programme (until the end of 2025) for orphan medical devices.`,
		[]want{{"end of 2025", "2025-10-01", "2025-12-31", Part}}},
	{"001 enforcement to start mid-2025",
		`A highly significant development is the EU AI Act, with enforcement projected to start mid-2025 and the Belgian Institute for Postal Services`,
		[]want{{"mid-2025", "2025-05-01", "2025-08-31", Part}}},
	{"001 tender launched in late 2024",
		`A public tender was launched in late 2024 to study the framework for these sandboxes.`,
		[]want{{"late 2024", "2024-09-01", "2024-12-31", Part}}},
	{"001 EHDS adopted in January 2025",
		`The EHDS Regulation, adopted in January 2025, will further revolutionise the landscape`,
		[]want{{"January 2025", "2025-01-01", "2025-01-31", Month}}},
	{"001 clinical research percentages and money",
		`(approximately 20% of all European clinical trials for cancer drugs occur in Belgium, with companies investing EUR15 million daily in R&D)`,
		nil},
	{"001 Law of 26 April 2024, effective 18 October 2024, Directive (2022/2555)",
		`The enactment of the NIS2 Belgian law (Law of 26 April 2024, effective 18 October 2024), aligning with the EU’s NIS2 Directive (2022/2555), mandates stricter cybersecurity risk management measures`,
		[]want{
			{"26 April 2024", "2024-04-26", "2024-04-26", Day},
			{"18 October 2024", "2024-10-18", "2024-10-18", Day},
		}},
	{"001 register by 18 March 2025",
		`In-scope entities were required to identify themselves using tools like the Scope Test Tool and register via the Safeonweb@work platform by 18 March 2025.`,
		[]want{{"18 March 2025", "2025-03-18", "2025-03-18", Day}}},
	{"001 CER Directive, 2022/2557",
		`This framework is closely linked to the EU Directive on the resilience of critical entities (CER Directive, 2022/2557); entities designated as critical`,
		nil},
	{"001 action plan in January 2025",
		`the European Commission launched an action plan in January 2025 to strengthen cybersecurity in hospitals and healthcare providers across the EU`,
		[]want{{"January 2025", "2025-01-01", "2025-01-31", Month}}},
	{"001 decision of 17 December 2024",
		`The Belgian Data Protection Authority (DPA) stressed the importance of adequate security measures in a decision of 17 December 2024, imposing a EUR200,000 fine on a Belgian hospital.`,
		[]want{{"17 December 2024", "2024-12-17", "2024-12-17", Day}}},
	{"001 a 2021 ransomware attack",
		`This fine followed a 2021 ransomware attack that compromised the personal data of 300,000 people.`,
		[]want{{"2021", "2021-01-01", "2021-12-31", Year}}},
	{"001 second quarter of 2024 compared to 2023",
		`with reports in the second quarter of 2024 indicating a 31% increase compared to the same period in 2023, and the healthcare sector being the most targeted.`,
		[]want{
			{"second quarter of 2024", "2024-04-01", "2024-06-30", Part},
			{"2023", "2023-01-01", "2023-12-31", Year},
		}},
	{"001 pyramid introduced in 2018",
		`The mHealthBelgium validation pyramid, introduced in 2018, was designed to facilitate their reimbursement.`,
		[]want{{"2018", "2018-01-01", "2018-12-31", Year}}},
	{"001 as of April 2025, eight health apps",
		`As of April 2025, eight health apps have reached Level 3+, entitling them to regular reimbursement`,
		[]want{{"April 2025", "2025-04-01", "2025-04-30", Month}}},
	{"001 in October 2024, the House",
		`In October 2024, the Belgian House of Representatives introduced a draft resolution aimed at improving the accessibility and affordability of digital health applications.`,
		[]want{{"October 2024", "2024-10-01", "2024-10-31", Month}}},
	{"001 three months is no date",
		`a fast-track procedure which allows digital health applications to be approved for reimbursement within three months`,
		nil},
	{"001 12 months is no date",
		`granting companies up to 12 months post-inclusion in the central register to demonstrate added value.`,
		nil},
	{"001 as of April 2025, 30 institutions",
		`As of April 2025, 30 healthcare institutions had such agreements, and eight telemonitoring applications`,
		[]want{{"April 2025", "2025-04-01", "2025-04-30", Month}}},
	{"001 as of 15 February 2025",
		`As of 15 February 2025, telephone consultations by GPs are no longer reimbursed.`,
		[]want{{"15 February 2025", "2025-02-15", "2025-02-15", Day}}},
	{"001 Royal Decree of 27 March 2025",
		`Video consultations remain permitted but are strictly regulated under the Royal Decree of 27 March 2025 which sets out the legal basis`,
		[]want{{"27 March 2025", "2025-03-27", "2025-03-27", Day}}},
	{"001 by the end of June 2025",
		`The measure is set to expire by the end of June 2025, allowing time for a working group to define a clear framework for teleconsultation`,
		[]want{{"end of June 2025", "2025-06-21", "2025-06-30", Part}}},
	{"001 market in 2025 and by 2029",
		`The nation’s digital health market is projected to reach EUR754.53 million in 2025, with anticipated growth to EUR991.91 million by 2029 at a 7.09% compound annual growth rate.`,
		[]want{
			{"2025", "2025-01-01", "2025-12-31", Year},
			{"2029", "2029-01-01", "2029-12-31", Year},
		}},
	{"001 postal address",
		"Chaussée de La Hulpe 166 Terhulpsesteenweg\n1170 Brussels\nBelgium",
		nil},
	{"001 phone numbers and web addresses",
		"+32 2647 7350\n+32 2640 6499\nbrussels@vbb.com www.vbb.com",
		nil},

	// 004: Flanders Department of Care on digital health and care.
	{"004 publication date 12/11/2025 (day first)",
		"<\u00a0\u00a0 back\n12/11/2025\n\nPowered by the Department of Care of Flanders, Belgium",
		[]want{{"12/11/2025", "2025-11-12", "2025-11-12", Day}}},
	{"004 screenshot file name",
		`Screenshot 2025 11 12 101836`,
		nil},
	{"004 between November 2024 and February 2025",
		`Between November 2024 and February 2025, this exercise was conducted exclusively internally in our own policy domain.`,
		[]want{{"Between November 2024 and February 2025", "2024-11-01", "2025-02-28", Range}}},
	{"004 colour code",
		`Vlaanderen is zorgzaam gezond samenleven Pantone19 4052 CMYK`,
		nil},

	// 002 and 003: market-access overview and the mHealthBELGIUM page.
	{"002 expenditures in 2020",
		`in health expenditures in 2020`,
		[]want{{"2020", "2020-01-01", "2020-12-31", Year}}},
	{"003 after the summer recess in 2018",
		`The mHealthBelgium initiative was launched by the government after the summer recess in 2018. The platform went live for the first time on 25 January 2019.`,
		[]want{
			{"2018", "2018-01-01", "2018-12-31", Year},
			{"25 January 2019", "2019-01-25", "2019-01-25", Day},
		}},
	{"003 roadmap 2.0, defined in 2015",
		`mHealthBelgium was set up based on action item 19 of the federal e-health roadmap 2.0 in which 20 e-health action items were defined in 2015.`,
		[]want{{"2015", "2015-01-01", "2015-12-31", Year}}},
	{"003 September 2016 98 projects, by mid 2018",
		`In September 2016 98 projects were submitted, 24 of which were selected to run during a period of 6 to 12 months. All projects ended and were evaluated by mid 2018, after which a follow-up structure was created`,
		[]want{
			{"September 2016", "2016-09-01", "2016-09-30", Month},
			{"mid 2018", "2018-05-01", "2018-08-31", Part},
		}},
}

// seedAddresses are real lines of the seed documents made of addresses,
// link targets and identifiers. Years inside them are parts of names.
var seedAddresses = []string{
	`- More definitions are available here:  
<https://www.ejustice.just.fgov.be/eli/arrete/2025/03/27/2025002802/moniteur>`,
	`<sup>8</sup> <https://www3.paho.org/ish/images/docs/covid-19-teleconsultations-en.pdf?ua=1>`,
	`<sup>10</sup> <https://www.inami.fgov.be/fr/themes/esante/plan-d-action-interfederal-esante-2025-2027#gouvernance--importance-de-la-cooperation-interfederale>`,
	`<sup>11</sup> <https://www.eHealth.fgov.be/eHealthplatform/fr/loi-du-21-aout-2008-relative-a-l-institution-et-a-l-organisation-de-la-plate-forme-eHealth>`,
	`<sup>15</sup> [https://www.riziv.fgov.be/SiteCollectionDocuments/omzendbrief\\_ziekenhuizen\\_2026\\_04.pdf](https://www.riziv.fgov.be/SiteCollectionDocuments/omzendbrief_ziekenhuizen_2026_04.pdf)`,
	`<sup>16</sup> [https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf \(fgov.be\); Roadmap 4.0 | eHealth \(fgov.be\)](https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be))`,
	`<sup>20</sup> <https://digital-strategy.ec.europa.eu/en/library/digital-decade-2025-eHealth-indicator-study>`,
	`<sup>22</sup> <https://www.ejustice.just.fgov.be/eli/arrete/2025/03/27/2025002802/moniteur>; <https://www.inami.fgov.be/fr/themes/esante/plan-d-action-interfederal-esante-2025-2027#gouvernance--importance-de-la-cooperation-interfederale>`,
	`<sup>25</sup> <https://masante.belgique.be/#/>`,
	`Any questions? – Please get in touch via [ecan@goeg.at](mailto:ecan@goeg.at).`,
	`<sup>2</sup> [mHealth Assessment: Conceptualization of a Global Framework - PMC \(nih.gov\)](#), [mHealth](#)`,
}

func TestFindSeeds(t *testing.T) {
	runFindCases(t, seedCases)
}

func TestFindSeedAddresses(t *testing.T) {
	for _, line := range seedAddresses {
		if got := Find(line); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", line, got)
		}
	}
}

// runFindCases checks that Find returns exactly the wanted expressions, and
// that each one's offsets point at its text.
func runFindCases(t *testing.T, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Find(c.fragment)
			if len(got) != len(c.want) {
				t.Fatalf("Find(%q)\n got %v\nwant %v", c.fragment, got, c.want)
			}
			for i, w := range c.want {
				g := got[i]
				if g.Text != w.text || g.From.String() != w.from || g.To.String() != w.to || g.Kind != w.kind {
					t.Errorf("Find(%q)[%d]\n got %v\nwant %q %s %s..%s", c.fragment, i, g, w.text, w.kind, w.from, w.to)
				}
				if c.fragment[g.Start:g.End] != g.Text {
					t.Errorf("offsets %d..%d give %q, not %q", g.Start, g.End, c.fragment[g.Start:g.End], g.Text)
				}
			}
		})
	}
}
