package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/identity"
)

// CodeQuality prints a GitLab Code Quality report
// (https://docs.gitlab.com/ci/testing/code_quality/): a JSON array of
// issues, each with a description, a check name, a fingerprint, a severity
// and a location. GitLab shows them in merge requests, and tells new issues
// from old ones by their fingerprints alone, across the whole report: a
// fingerprint is the SHA-256 of the file's path and the finding's
// fingerprint by content (internal/identity), so it survives lines moving,
// footnotes renumbered and the passage of time, and two files of one
// country (BE.yaml beside BE.md) do not share issues.
type CodeQuality struct {
	w      io.Writer
	issues []cqIssue
	seen   map[string]int // a file named twice in a run
}

type cqIssue struct {
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path  string  `json:"path"`
	Lines cqLines `json:"lines"`
}

type cqLines struct {
	Begin int `json:"begin"`
}

// NewCodeQuality returns the GitLab Code Quality printer.
func NewCodeQuality(w io.Writer, _ Options) *CodeQuality {
	return &CodeQuality{w: w, issues: []cqIssue{}, seen: map[string]int{}}
}

// File collects the issues of one file.
func (c *CodeQuality) File(r Report) error {
	fps := identity.Fingerprints(r.Findings)
	for i, f := range r.Findings {
		p := strings.TrimPrefix(filepath.ToSlash(f.File), "./")
		sum := sha256.Sum256([]byte(p + "\x00" + fps[i]))
		fp := hex.EncodeToString(sum[:])[:identity.Chars]
		c.seen[fp]++
		if n := c.seen[fp]; n > 1 {
			fp = fmt.Sprintf("%s:%d", fp, n)
		}
		desc := Sanitize(f.Message)
		if f.Pointer != "" {
			desc = Sanitize(f.Pointer) + ": " + desc
		}
		if f.Line <= 0 && f.Place != "" {
			desc = Sanitize(f.Place) + ": " + desc
		}
		c.issues = append(c.issues, cqIssue{
			Description: desc, CheckName: f.Rule, Fingerprint: fp,
			Severity: cqSeverity(f.Severity),
			Location: cqLocation{Path: p, Lines: cqLines{Begin: max(f.Line, 1)}},
		})
	}
	return nil
}

// cqSeverity maps severities to GitLab's scale (info, minor, major,
// critical, blocker).
func cqSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "major"
	case finding.Warning:
		return "minor"
	default:
		return "info"
	}
}

// Flush writes the array.
func (c *CodeQuality) Flush(Summary) error {
	enc := json.NewEncoder(c.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(c.issues)
}
