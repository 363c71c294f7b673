package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/rules"
)

// sarifSchemaID is the $id ("id", draft-04) of the official schema in
// testdata/sarif-schema-2.1.0.json, an unmodified copy of the OASIS file.
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("refusing to fetch %s: tests never use the network", u)
	}
	if err := c.AddResource(sarifSchemaID, bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateJSON(t *testing.T, s *jsonschema.Schema, out []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("output does not validate: %#v", err)
	}
	return v
}

func renderSARIF(t *testing.T, rules []*rules.Rule, reports []Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	return run(t, newSARIF(&buf, Options{Command: "lint", Version: "v1.2.3"}, rules), &buf, reports)
}

// sarifOut is the part of a SARIF log the tests look at.
type sarifOut struct {
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID                   string `json:"id"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Artifacts []struct {
			Location struct {
				URI string `json:"uri"`
			} `json:"location"`
		} `json:"artifacts"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
						Index     *int   `json:"index"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			RelatedLocations []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out []byte) sarifOut {
	t.Helper()
	var s sarifOut
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(s.Runs))
	}
	return s
}

func TestSARIFGolden(t *testing.T) {
	golden(t, "sarif.golden", renderSARIF(t, testRules(), sampleReports()))
}

// The output validates against the official SARIF 2.1.0 schema: for the
// sample findings, for the findings the shipped factsheets really produce
// with the real registry, and for a run without any file.
func TestSARIFValidatesAgainstOfficialSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	cases := map[string][]Report{
		"sample":   sampleReports(),
		"real":     realReports(t),
		"no files": nil,
	}
	for name, reports := range cases {
		t.Run(name, func(t *testing.T) {
			validateJSON(t, schema, render(t, "sarif", Options{Command: "lint", Version: "(devel)"}, reports))
		})
	}
	// Without a version the driver's version is left out, still valid.
	validateJSON(t, schema, render(t, "sarif", Options{}, sampleReports()))
}

func TestSARIFContent(t *testing.T) {
	reports := append(sampleReports(), realReports(t)...)
	s := decodeSARIF(t, render(t, "sarif", Options{Command: "lint", Version: "v1.2.3"}, reports))
	run := s.Runs[0]
	if s.Version != "2.1.0" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("version %q, columnKind %q", s.Version, run.ColumnKind)
	}
	d := run.Tool.Driver
	if d.Name != "factsheet" || d.Version != "v1.2.3" {
		t.Errorf("driver %q %q", d.Name, d.Version)
	}
	// The whole registry, in its order, with levels mapped.
	all := rules.All()
	if len(d.Rules) != len(all) {
		t.Fatalf("%d rules, registry has %d", len(d.Rules), len(all))
	}
	levels := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "note"}
	for i, r := range all {
		got := d.Rules[i]
		if got.ID != r.ID || got.DefaultConfiguration.Level != levels[r.Severity] {
			t.Errorf("rule %d: %s %s, want %s %s", i, got.ID, got.DefaultConfiguration.Level, r.ID, levels[r.Severity])
		}
		if got.HelpURI != "https://github.com/ecanplus/factsheet/blob/main/docs/rules.md#"+r.ID {
			t.Errorf("rule %s: helpUri %s", r.ID, got.HelpURI)
		}
	}
	// Every file is an artifact, also the clean one.
	if len(run.Artifacts) != len(reports) {
		t.Errorf("%d artifacts, want %d", len(run.Artifacts), len(reports))
	}
	var want []finding.Finding
	for _, r := range reports {
		want = append(want, r.Findings...)
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, res := range run.Results {
		f := want[i]
		if res.RuleID != f.Rule || res.Level != levels[f.Severity] {
			t.Errorf("result %d: %s %s, want %s %s", i, res.RuleID, res.Level, f.Rule, levels[f.Severity])
		}
		if res.RuleIndex == nil || d.Rules[*res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d (%s): ruleIndex %v does not point at its rule", i, f.Rule, res.RuleIndex)
		}
		if !strings.HasPrefix(res.Message.Text, f.Message) || (f.Hint != "" && !strings.HasSuffix(res.Message.Text, "\nhint: "+f.Hint)) {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		loc := res.Locations[0]
		pl := loc.PhysicalLocation
		if pl.ArtifactLocation.Index == nil || run.Artifacts[*pl.ArtifactLocation.Index].Location.URI != pl.ArtifactLocation.URI {
			t.Errorf("result %d: artifact index %v does not match uri %s", i, pl.ArtifactLocation.Index, pl.ArtifactLocation.URI)
		}
		switch {
		case f.Line == 0 && pl.Region != nil:
			t.Errorf("result %d: region %+v for a whole-file finding", i, *pl.Region)
		case f.Line > 0 && (pl.Region == nil || pl.Region.StartLine != f.Line || pl.Region.StartColumn != f.Column):
			t.Errorf("result %d: region %+v, want %d:%d", i, pl.Region, f.Line, f.Column)
		}
		if f.Pointer != "" && (len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != f.Pointer || loc.LogicalLocations[0].Kind != "member") {
			t.Errorf("result %d: logical locations %+v, want %s", i, loc.LogicalLocations, f.Pointer)
		}
		if f.Pointer == "" && loc.LogicalLocations != nil {
			t.Errorf("result %d: logical locations without a pointer", i)
		}
		if len(res.RelatedLocations) != len(f.Related) {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
		}
		for j, rel := range f.Related {
			if res.RelatedLocations[j].Message.Text != rel.Message {
				t.Errorf("result %d: related %d message %q", i, j, res.RelatedLocations[j].Message.Text)
			}
		}
		if fp := res.PartialFingerprints["factsheet/v2"]; len(fp) < 32 {
			t.Errorf("result %d: fingerprint %q", i, fp)
		}
	}
}

func fingerprints(t *testing.T, reports []Report) []string {
	t.Helper()
	s := decodeSARIF(t, renderSARIF(t, testRules(), reports))
	var out []string
	for _, r := range s.Runs[0].Results {
		out = append(out, r.PartialFingerprints["factsheet/v2"])
	}
	return out
}

// Fingerprints do not change when only lines and columns move (lines added
// above a finding), nor with the file's name (the same factsheet converted
// to another form); they change with the rule, the item (pointer) and what
// the finding is about. A finding stamped with its identity carries it
// into the log as it is.
func TestSARIFFingerprintsIgnorePositions(t *testing.T) {
	before := sampleReports()
	after := sampleReports()
	for i := range after {
		for j := range after[i].Findings {
			f := &after[i].Findings[j]
			if f.Line > 0 {
				f.Line += 17
				f.Column += 3
			}
			for k := range f.Related {
				f.Related[k].Line += 17
			}
		}
	}
	fpBefore, fpAfter := fingerprints(t, before), fingerprints(t, after)
	if strings.Join(fpBefore, " ") != strings.Join(fpAfter, " ") {
		t.Errorf("fingerprints changed with the line numbers:\n%v\n%v", fpBefore, fpAfter)
	}
	seen := map[string]bool{}
	for _, fp := range fpBefore {
		if len(fp) != 32 || strings.Trim(fp, "0123456789abcdef") != "" {
			t.Errorf("fingerprint %q is not 32 hex digits", fp)
		}
		if seen[fp] {
			t.Errorf("fingerprint %q appears twice", fp)
		}
		seen[fp] = true
	}

	// Unstamped (a finding made outside the pipeline): the identity of its
	// pointer, rule and message.
	f := before[0].Findings[0]
	if want := identity.Hash("", identity.Item(nil, f.Pointer), f.Rule, identity.Subject(f)); fpBefore[0] != want {
		t.Errorf("fingerprint %s, want %s", fpBefore[0], want)
	}
	for name, change := range map[string]func(*finding.Finding){
		"rule":    func(f *finding.Finding) { f.Rule = "date-past-due" },
		"pointer": func(f *finding.Finding) { f.Pointer = "/footnotes/1" },
		"message": func(f *finding.Finding) { f.Message = "footnote 16 is referenced but not cited" },
	} {
		changed := sampleReports()
		change(&changed[0].Findings[0])
		if got := fingerprints(t, changed)[0]; got == fpBefore[0] {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
	for name, change := range map[string]func(*finding.Finding){
		"file":             func(f *finding.Finding) { f.File = "factsheets/BE.md" },
		"footnote numbers": func(f *finding.Finding) { f.Message = "footnote 17 is referenced but not defined" },
	} {
		changed := sampleReports()
		change(&changed[0].Findings[0])
		if got := fingerprints(t, changed)[0]; got != fpBefore[0] {
			t.Errorf("changing the %s changed the fingerprint", name)
		}
	}
	stamped := sampleReports()
	stamped[0].Findings[0].Fingerprint = "0123456789abcdef0123456789abcdef:2"
	if got := fingerprints(t, stamped)[0]; got != stamped[0].Findings[0].Fingerprint {
		t.Errorf("stamped fingerprint %q, want it as it is", got)
	}

	// The same finding text twice in a file (the same placeholder link in
	// one footnote): the second one is told apart by its occurrence.
	dup := sampleReports()[:1]
	second := dup[0].Findings[0]
	second.Line, second.Column = 30, 2
	dup[0].Findings = append(dup[0].Findings, second)
	fps := fingerprints(t, dup)
	if last := fps[len(fps)-1]; last != fps[0]+":2" {
		t.Errorf("repeated finding fingerprint %q, want %q", last, fps[0]+":2")
	}
}

func TestSARIFArtifactLocation(t *testing.T) {
	for _, tc := range []struct{ name, uri, base string }{
		{"BE.yaml", "BE.yaml", "%SRCROOT%"},
		{"./factsheets/BE.yaml", "factsheets/BE.yaml", "%SRCROOT%"},
		{"factsheets//x/../BE.yaml", "factsheets/BE.yaml", "%SRCROOT%"},
		{"../other/BE.yaml", "../other/BE.yaml", "%SRCROOT%"},
		{"my factsheets/BE 100%#1?.yaml", "my%20factsheets/BE%20100%25%231%3F.yaml", "%SRCROOT%"},
		{"a:b/c,d.yaml", "./a:b/c,d.yaml", "%SRCROOT%"},
		{"Belgique/Éditions.yaml", "Belgique/%C3%89ditions.yaml", "%SRCROOT%"},
		{"<stdin>", "%3Cstdin%3E", "%SRCROOT%"},
		{"/home/ci/factsheets/BE.yaml", "file:///home/ci/factsheets/BE.yaml", ""},
		{"/tmp/a b.yaml", "file:///tmp/a%20b.yaml", ""},
	} {
		got := artifactLocation(tc.name)
		if got.URI != tc.uri || got.URIBaseID != tc.base {
			t.Errorf("artifactLocation(%q) = %q %q, want %q %q", tc.name, got.URI, got.URIBaseID, tc.uri, tc.base)
		}
	}
	// Windows forms, whatever the OS the test runs on.
	for _, tc := range []struct{ path, uri string }{
		{`C:\factsheets\BE.yaml`, "file:///C:/factsheets/BE.yaml"},
		{`\\server\share\BE.yaml`, "file://server/share/BE.yaml"},
	} {
		if filepath.Separator != '\\' {
			tc.path = strings.ReplaceAll(tc.path, `\`, "/")
		}
		if got := fileURI(tc.path); got != tc.uri {
			t.Errorf("fileURI(%q) = %q, want %q", tc.path, got, tc.uri)
		}
	}
}

func TestRuleName(t *testing.T) {
	for id, want := range map[string]string{
		"footnote-duplicate":      "FootnoteDuplicate",
		"input-control-character": "InputControlCharacter",
		"empty-cell":              "EmptyCell",
	} {
		if got := ruleName(id); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", id, got, want)
		}
	}
}

// A finding whose rule is not in the registry (none should be) still
// makes a valid result, without a ruleIndex.
func TestSARIFUnknownRule(t *testing.T) {
	reports := []Report{{Name: "x.yaml", Findings: []finding.Finding{{
		Rule: "not-a-rule", Severity: finding.Warning,
		Location: finding.Location{File: "x.yaml", Line: 1, Column: 1}, Message: "m",
	}}}}
	out := renderSARIF(t, testRules(), reports)
	validateJSON(t, compileSARIFSchema(t), out)
	if res := decodeSARIF(t, out).Runs[0].Results[0]; res.RuleIndex != nil || res.RuleID != "not-a-rule" {
		t.Errorf("ruleId %s, ruleIndex %v", res.RuleID, res.RuleIndex)
	}
}
