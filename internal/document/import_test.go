package document_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ecanplus/factsheet/internal/document"
	"github.com/ecanplus/factsheet/internal/encode"
	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/load"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/internal/template"
)

var factsheets = filepath.Join("..", "..", "testdata", "factsheets")

func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(factsheets, "BE.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadDoc(t testing.TB, name string, raw []byte) *load.Result {
	t.Helper()
	res := load.Bytes(name, raw, load.Options{Form: load.Document})
	if res.Model == nil {
		t.Fatalf("%s: not readable: %v", name, res.Findings)
	}
	return res
}

func errorsOf(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Severity == finding.Error {
			out = append(out, f)
		}
	}
	return out
}

// TestSeedImportsWithNothingLost counts everything the published Belgian
// factsheet holds, and checks the importer reports no problem with it.
func TestSeedImportsWithNothingLost(t *testing.T) {
	res := loadDoc(t, "BE.txt", seed(t))
	if len(res.Findings) != 0 {
		t.Fatalf("the seed imports with findings: %v", res.Findings)
	}
	m := res.Model
	if got := len(m.Rounds); got != 4 {
		t.Errorf("rounds = %d, want 4", got)
	}
	wantRounds := []struct{ kind, date string }{
		{"prefill", "2023/2024"}, {"review", "2023/2024"}, {"update", "2025-10"}, {"review", "2026-02"},
	}
	contributors := 0
	for i, r := range m.Rounds {
		contributors += len(r.Contributors)
		if i < len(wantRounds) && (r.Kind != wantRounds[i].kind || r.Date != wantRounds[i].date) {
			t.Errorf("round %d = %s %s, want %s %s", i, r.Kind, r.Date, wantRounds[i].kind, wantRounds[i].date)
		}
	}
	if contributors != 6 {
		t.Errorf("contributors = %d, want 6", contributors)
	}
	if m.Country != (model.Country{Code: "BE", Name: "Belgium"}) {
		t.Errorf("country = %+v", m.Country)
	}
	if m.Contact != "ecan@goeg.at" {
		t.Errorf("contact = %q", m.Contact)
	}
	want := map[string]int{"definitions": 7, "governance": 8, "strategies": 11, "legislation": 4, "uptake": 5}
	for section, n := range want {
		s := m.Section(section)
		got := len(s.Questions) + len(s.Terms)
		if got != n {
			t.Errorf("%s: %d rows, want %d", section, got, n)
		}
	}
	cells := 0
	for _, row := range m.Section("solutions").Cells {
		cells += len(row)
	}
	if cells != 42 {
		t.Errorf("Table 5 cells = %d, want 42", cells)
	}
	further := map[string]int{"definitions": 2, "governance": 1, "strategies": 1, "legislation": 1, "solutions": 1, "uptake": 1}
	for section, n := range further {
		if got := len(m.Section(section).FurtherInformation); got != n {
			t.Errorf("%s: %d further-information items, want %d", section, got, n)
		}
	}
	if got := len(m.Footnotes); got != 29 {
		t.Errorf("footnotes = %d, want 29", got)
	}
}

// TestSeedFootnotesEqualTheDocument reads every footnote definition straight
// from the seed's text (independently of the importer) and compares.
func TestSeedFootnotesEqualTheDocument(t *testing.T) {
	raw := seed(t)
	res := loadDoc(t, "BE.txt", raw)
	def := regexp.MustCompile(`(?m)^<sup>(\d+)</sup> (.*)$`)
	matches := def.FindAllSubmatch(raw, -1)
	if len(matches) != 29 {
		t.Fatalf("the seed has %d footnote definitions, want 29", len(matches))
	}
	for i, m := range matches {
		fn := res.Model.Footnotes[i]
		if fn.Label != string(m[1]) || fn.Text != strings.TrimRight(string(m[2]), " ") {
			t.Errorf("footnote %d = %q %q, want %q %q", i, fn.Label, fn.Text, m[1], m[2])
		}
	}
	// The URLs survive as written, footnote 16's broken link included.
	for _, url := range []string{
		"https://www.riziv.fgov.be/SiteCollectionDocuments/omzendbrief_ziekenhuizen_2026_04.pdf",
		"(https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be))",
		"<https://www3.paho.org/ish/images/docs/covid-19-teleconsultations-en.pdf?ua=1>",
	} {
		found := false
		for _, fn := range res.Model.Footnotes {
			found = found || strings.Contains(fn.Text, url)
		}
		if !found {
			t.Errorf("no footnote holds %s", url)
		}
	}
}

// TestSeedExactTexts pins texts whose import exercises the layout's
// special cases.
func TestSeedExactTexts(t *testing.T) {
	m := loadDoc(t, "BE.txt", seed(t)).Model
	gov := m.Section("governance").Questions
	cases := []struct{ name, got, want string }{
		// A row continued after a page break (seed lines 75 and 86): joined,
		// the list and the closing paragraph kept.
		{"ministry comments", gov["ministry"].Comments, "The Federal Public Service (FPS) Public Health, Food Chain Safety, and Environment [^9] is responsible for public health including eHealth. Responsibilities on eHealth are a joint responsibility of the federal state and the regional governments:\n\n" +
			"- Flanders: Department Zorg is responsible for implementing regional health policies, including aspects of digital health.\n" +
			"- Wallonia: The Walloon Health Agency (Agence Wallonne de la Santé, de la Protection sociale, du Handicap et des Familles / Agence pour une Vie de Qualité (AVIQ)) oversees health-related matters, including digital health initiatives.\n" +
			"- Brussels-Capital Region: The Brussels Health and Social Integration Agency (Brusselse Gezondheids- en Sociale Integratieagentschap) manages health and social integration policies, encompassing digital health strategies.\n\n" +
			"These regional bodies collaborate with the federal government to ensure a cohesive approach to eHealth across the country."},
		// The second continued row (seed lines 92 and 105): one sentence across the break.
		{"inpatient comments tail", lastSentence(gov["inpatient_coverage"].Comments), "It is a website managed by the sector federations to inform health care providers and patients."},
		{"inpatient join", between(gov["inpatient_coverage"].Comments, "Registration on", "anymore."), "Registration on mHealth Belgium platform is not a requirement anymore."},
		{"inpatient answer", gov["inpatient_coverage"].Answer, "Yes, some"},
		// An empty comment stays empty.
		{"other institutions", gov["other_institutions"].Answer + "|" + gov["other_institutions"].Comments, "N/A|"},
		// Italic, a bullet list and a footnote at the end of the last item.
		{"mhealth deviation", m.Section("definitions").Terms["mhealth"].Deviation, "Belgium does not have a separate legal definition for mHealth distinct from eHealth, but RIZIV/INAMI defines what they mean by mobile medical application: *‘By mobile medical application, we mean a software application that:*\n\n" +
			"- *has a CE marking as a medical device and is notified to the FAMHP,*\n" +
			"- *allows a patient to share health-related information (whether or not via sensors) with a healthcare provider from their own environment,*\n" +
			"- *allows a healthcare provider to remotely diagnose a patient, administer therapy or monitor him/her via a medical device designed for use by the patient in his/her own environment.* [^3]"},
		// An HTML link whose text is its URL becomes an autolink.
		{"health app", between(m.Section("definitions").Terms["health_app"].Definition, "(ISO", "(2021)"), "(ISO <https://www.iso.org/standard/78182.html> (2021)"},
		// A hard line break inside a further-information item.
		{"further item", m.Section("definitions").FurtherInformation[1], "More definitions are available here:  \n<https://www.ejustice.just.fgov.be/eli/arrete/2025/03/27/2025002802/moniteur>"},
		// The Table 5 row after the footnotes (Palliative Cancer Care).
		{"palliative", strings.Join(values(m.Section("solutions").Cells["palliative_care"]), ""), "-------"},
		{"treatment telemonitoring", m.Section("solutions").Cells["treatment"]["telemonitoring"], "Yes partially, reimbursed for specific group of patients since January 2026 (during 5 months)"},
		// The bold "Further information" variant in chapter 5.
		{"solutions further", strings.Join(m.Section("solutions").FurtherInformation, "|"), "No further information identified."},
		{"table 6 answer", m.Section("uptake").Questions["certified_solutions"].Answer, "At least 13 as of February 2026"},
		// The column label typo is kept as written, for the linter to report.
		{"HCP-HPC", m.Wording["solutions.teleconferences"], "Multi-disciplinary teleconferences (HCP-HPC)"},
		{"first contributor", contributor(m.Rounds[0].Contributors[0]), "Morten Sønderskov Frydensberg|Region Syddanmark|The Region of Southern Denmark|Denmark"},
		{"last contributor", contributor(m.Rounds[3].Contributors[0]), "Stefanie Devos||beMedTech|Belgium"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, c.got, c.want)
		}
	}
	if len(m.Wording) != 1 {
		t.Errorf("wording drift = %v, want only the Table 5 column label", m.Wording)
	}
}

func contributor(c model.Contributor) string {
	return strings.Join([]string{c.Name, c.Role, c.Organisation, c.Country}, "|")
}

func values(m map[string]string) []string {
	var out []string
	for _, typ := range template.Builtin().Default().Table("solutions").Types {
		out = append(out, m[typ.ID])
	}
	return out
}

func lastSentence(s string) string {
	parts := strings.SplitAfter(s, ". ")
	return parts[len(parts)-1]
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return ""
	}
	return s[i : i+j+len(to)]
}

// TestSeedYAMLIsCheckedIn: converting the seed gives the checked-in BE.yaml
// byte for byte, so the shipped example is exactly the published document.
func TestSeedYAMLIsCheckedIn(t *testing.T) {
	got := encode.YAML(loadDoc(t, "BE.txt", seed(t)).Model)
	want, err := os.ReadFile(filepath.Join(factsheets, "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("convert BE.txt --to yaml differs from testdata/factsheets/BE.yaml; regenerate it with\n  go run ./cmd/factsheet convert testdata/factsheets/BE.txt --to yaml -o testdata/factsheets/BE.yaml --force")
	}
}

// TestRoundTrips: md -> yaml -> md -> yaml is a fixpoint; yaml -> json ->
// yaml and yaml -> md -> yaml give back the same model.
func TestRoundTrips(t *testing.T) {
	yaml1 := encode.YAML(loadDoc(t, "BE.txt", seed(t)).Model)
	yamlModel := load.Bytes("BE.yaml", yaml1, load.Options{})
	if errs := errorsOf(yamlModel.Findings); len(errs) > 0 {
		t.Fatalf("BE.yaml has errors: %v", errs)
	}
	md := document.Render(yamlModel.Model)
	yaml2 := encode.YAML(loadDoc(t, "BE.md", md).Model)
	if !bytes.Equal(yaml1, yaml2) {
		t.Errorf("md -> yaml -> md -> yaml is not a fixpoint:\n%s", firstDiff(yaml1, yaml2))
	}
	if md2 := document.Render(loadDoc(t, "BE.md", md).Model); !bytes.Equal(md, md2) {
		t.Errorf("rendering is not stable:\n%s", firstDiff(md, md2))
	}
	js := encode.JSON(yamlModel.Model)
	fromJSON := load.Bytes("BE.json", js, load.Options{})
	if errs := errorsOf(fromJSON.Findings); len(errs) > 0 {
		t.Fatalf("BE.json has errors: %v", errs)
	}
	if yaml3 := encode.YAML(fromJSON.Model); !bytes.Equal(yaml1, yaml3) {
		t.Errorf("yaml -> json -> yaml differs:\n%s", firstDiff(yaml1, yaml3))
	}
}

// TestEncodingsGiveTheSameModel: CRLF, lone CR, a UTF-8 BOM and UTF-16 (LE
// and BE, with BOM) import to exactly the same model as the seed, and
// findings keep their line numbers.
func TestEncodingsGiveTheSameModel(t *testing.T) {
	raw := seed(t)
	want := encode.YAML(loadDoc(t, "BE.txt", raw).Model)
	text := string(raw)
	variants := map[string][]byte{
		"crlf":     []byte(strings.ReplaceAll(text, "\n", "\r\n")),
		"cr":       []byte(strings.ReplaceAll(text, "\n", "\r")),
		"bom":      append([]byte{0xEF, 0xBB, 0xBF}, raw...),
		"utf16le":  utf16Bytes(strings.ReplaceAll(text, "\n", "\r\n"), false),
		"utf16be":  utf16Bytes(text, true),
		"mixed-le": []byte(strings.Replace(text, "\n", "\r\n", 40)),
	}
	for name, b := range variants {
		t.Run(name, func(t *testing.T) {
			res := loadDoc(t, "BE.txt", b)
			if len(res.Findings) != 0 {
				t.Fatalf("findings: %v", res.Findings)
			}
			if got := encode.YAML(res.Model); !bytes.Equal(got, want) {
				t.Errorf("model differs from the seed's:\n%s", firstDiff(want, got))
			}
			// Positions: the Table 2 header row is line 74 in every variant.
			if line, _ := res.Map.At("/governance/questions", false); line != 74 {
				t.Errorf("Table 2 header at line %d, want 74", line)
			}
		})
	}
}

func utf16Bytes(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + la[i] + "\n+ " + lb[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb)) + " lines"
}
