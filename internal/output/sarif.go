package output

import (
	"encoding/json"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
	"github.com/ecanplus/factsheet/internal/rules"
)

// SARIF prints one SARIF 2.1.0 log for the whole run
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format GitHub code
// scanning and other code-review tools read:
//
//   - one run; tool.driver names the tool and publishes the whole rule
//     registry as reportingDescriptors (summary, rationale, a link to
//     docs/rules.md, the default level);
//   - one result per finding: ruleId and ruleIndex, level (error, warning,
//     note for info), the message (and hint), the file and position
//     (columns count Unicode code points: columnKind "unicodeCodePoints"),
//     the JSON pointer as a logical location, related places as
//     relatedLocations, and the finding's fingerprint by content
//     (internal/identity) as its partial fingerprint "factsheet/v2": the
//     same whatever the line, the footnote numbers, the form of the file
//     or the day; code scanning matches it within the file;
//   - every checked file as an artifact, also those without findings.
//
// Relative file names become relative URIs against %SRCROOT% (the directory
// the tool ran in); absolute names become file:// URIs.
type SARIF struct {
	w         io.Writer
	opts      Options
	rules     []*rules.Rule
	ruleIndex map[string]int

	artifacts     []sarifArtifact
	artifactIndex map[string]int
	results       []sarifResult
}

// NewSARIF returns the SARIF printer. Its rules are the whole registry.
func NewSARIF(w io.Writer, opts Options) *SARIF {
	return newSARIF(w, opts, rules.All())
}

func newSARIF(w io.Writer, opts Options, catalogue []*rules.Rule) *SARIF {
	s := &SARIF{
		w: w, opts: opts, rules: catalogue,
		ruleIndex:     map[string]int{},
		artifactIndex: map[string]int{},
		results:       []sarifResult{},
	}
	for i, r := range catalogue {
		s.ruleIndex[r.ID] = i
	}
	return s
}

const (
	sarifSchema    = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion   = "2.1.0"
	toolName       = "factsheet"
	toolURI        = "https://github.com/ecanplus/factsheet"
	rulesDocURI    = toolURI + "/blob/main/docs/rules.md#"
	srcRoot        = "%SRCROOT%"
	fingerprintKey = "factsheet/v2"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool       `json:"tool"`
	Artifacts  []sarifArtifact `json:"artifacts,omitempty"`
	Results    []sarifResult   `json:"results"`
	ColumnKind string          `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifText        `json:"shortDescription"`
	FullDescription      *sarifText       `json:"fullDescription,omitempty"`
	HelpURI              string           `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
	Properties           *sarifProperties `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int           `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifText     `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
	Index     *int   `json:"index,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind"`
}

type sarifArtifact struct {
	Location sarifArtifactLocation `json:"location"`
	Roles    []string              `json:"roles"`
}

// File records the file as an artifact and its findings as results.
func (s *SARIF) File(r Report) error {
	s.artifact(r.Name)
	fps := identity.Fingerprints(r.Findings)
	for i, f := range r.Findings {
		s.results = append(s.results, s.result(f, fps[i]))
	}
	return nil
}

// artifact returns the index of the artifact for a file name, adding it
// the first time.
func (s *SARIF) artifact(name string) int {
	loc := artifactLocation(name)
	key := loc.URIBaseID + " " + loc.URI
	if i, ok := s.artifactIndex[key]; ok {
		return i
	}
	i := len(s.artifacts)
	s.artifactIndex[key] = i
	s.artifacts = append(s.artifacts, sarifArtifact{Location: loc, Roles: []string{"analysisTarget"}})
	return i
}

func (s *SARIF) result(f finding.Finding, fp string) sarifResult {
	res := sarifResult{
		RuleID:  f.Rule,
		Level:   sarifLevel(f.Severity),
		Message: sarifText{withHint(f)},
	}
	if i, ok := s.ruleIndex[f.Rule]; ok {
		res.RuleIndex = &i
	}
	loc := s.location(f.Location)
	res.Locations = []sarifLocation{loc}
	for i, rel := range f.Related {
		if rel.File == "" {
			rel.File = f.File
		}
		l := s.location(rel.Location)
		id := i
		l.ID = &id
		if rel.Message != "" {
			l.Message = &sarifText{rel.Message}
		}
		res.RelatedLocations = append(res.RelatedLocations, l)
	}
	res.PartialFingerprints = map[string]string{fingerprintKey: fp}
	return res
}

func (s *SARIF) location(l finding.Location) sarifLocation {
	al := artifactLocation(l.File)
	if i, ok := s.artifactIndex[al.URIBaseID+" "+al.URI]; ok {
		al.Index = &i
	}
	loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: al}}
	if l.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: l.Line}
		if l.Column > 0 {
			loc.PhysicalLocation.Region.StartColumn = l.Column
		}
	}
	if l.Pointer != "" {
		loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: l.Pointer, Kind: "member"}}
	}
	if l.Place != "" {
		// A Word document has no lines: the place is a logical location a
		// person finds in Word, and line 1 a region that consumers which
		// require one (code scanning) accept and editors can ignore.
		loc.LogicalLocations = append(loc.LogicalLocations, sarifLogical{Name: l.Place, Kind: "element"})
		if loc.PhysicalLocation.Region == nil {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: 1}
		}
	}
	return loc
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	default:
		return "note"
	}
}

// artifactLocation turns a file name as reported into a SARIF artifact
// location: a relative, slash-separated URI reference against %SRCROOT% for
// a relative name, a file:// URI for an absolute one. Characters that a URI
// cannot hold (spaces, %, #, ?, non-ASCII) are percent-encoded.
func artifactLocation(name string) sarifArtifactLocation {
	if name == "" {
		return sarifArtifactLocation{URI: "", URIBaseID: srcRoot}
	}
	if filepath.IsAbs(name) {
		return sarifArtifactLocation{URI: fileURI(name)}
	}
	p := path.Clean(filepath.ToSlash(name))
	u := &url.URL{Path: p}
	return sarifArtifactLocation{URI: u.String(), URIBaseID: srcRoot}
}

// fileURI makes a file:// URI of an absolute path: /a/b, C:\a\b
// (file:///C:/a/b) or a UNC path \\host\share\b (file://host/share/b).
func fileURI(name string) string {
	p := filepath.ToSlash(name)
	u := &url.URL{Scheme: "file"}
	switch {
	case strings.HasPrefix(p, "//"):
		host, rest, _ := strings.Cut(p[2:], "/")
		u.Host, u.Path = host, "/"+rest
	case strings.HasPrefix(p, "/"):
		u.Path = p
	default:
		u.Path = "/" + p
	}
	return u.String()
}

// ruleName is the rule ID in CamelCase: footnote-duplicate -> FootnoteDuplicate.
func ruleName(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if r == '-' || r == '_' || r == ' ' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Flush writes the log.
func (s *SARIF) Flush(Summary) error {
	descs := make([]sarifRule, 0, len(s.rules))
	for _, r := range s.rules {
		sr := sarifRule{
			ID:                   r.ID,
			Name:                 ruleName(r.ID),
			ShortDescription:     sarifText{r.Summary},
			HelpURI:              rulesDocURI + r.ID,
			DefaultConfiguration: sarifRuleConfig{sarifLevel(r.Severity)},
		}
		if r.Rationale != "" {
			sr.FullDescription = &sarifText{r.Rationale}
		}
		if r.Category != "" {
			sr.Properties = &sarifProperties{Tags: []string{r.Category}}
		}
		descs = append(descs, sr)
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           toolName,
				Version:        s.opts.Version,
				InformationURI: toolURI,
				Rules:          descs,
			}},
			Artifacts:  s.artifacts,
			Results:    s.results,
			ColumnKind: "unicodeCodePoints",
		}},
	}
	enc := json.NewEncoder(s.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
