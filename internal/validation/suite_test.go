package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/source"
)

// suiteDir holds the vendored JSON-Schema-Test-Suite (its README says which
// copy).
var suiteDir = filepath.Join("testdata", "JSON-Schema-Test-Suite")

// suiteFormats are the optional format files for the formats the built-in
// evaluator asserts: there, every group must pass as the core ones do (as in
// the other optional files: big numbers, float overflow, anchors, ids,
// unknown keywords, cross-draft references...).
var suiteFormats = []string{"date", "date-time", "time", "email", "hostname", "uri"}

// byDesign are the suite files whose expectations this tool departs from on
// purpose, and why. Their groups are counted, not run.
var byDesign = map[string]string{
	// The core format.json says formats are annotations only; factsheets
	// need them asserted (docs/schemas.md), as v5's AssertFormat does.
	"format.json": "formats are asserted",
	// Patterns are Go's RE2, not ECMA-262 (docs/schemas.md): no \cC, and
	// \s is ASCII white space.
	"optional/ecmascript-regex.json": "patterns are RE2, not ECMA-262",
}

// v5Known are the groups v5.3.1 fails (it resolves these $dynamicRefs to
// the wrong resource); a new failure is an error.
var v5Known = map[string]bool{"dynamicRef.json #19": true, "optional/dynamicRef.json #0": true}

type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// suiteLoader serves a group's schema at its root URL and the suite's
// remotes at http://localhost:1234/, as the suite's README asks.
func suiteLoader(root string, schema []byte) func(string) ([]byte, error) {
	return func(u string) ([]byte, error) {
		if u == root {
			return schema, nil
		}
		if rest, ok := strings.CutPrefix(u, "http://localhost:1234/"); ok {
			return os.ReadFile(filepath.Join(suiteDir, "remotes", filepath.FromSlash(rest)))
		}
		return nil, fmt.Errorf("no such document: %s", u)
	}
}

func decodeJSON(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSuite runs the JSON-Schema-Test-Suite (draft 2020-12): every group
// the built-in evaluator compiles must pass all its tests; the groups that
// use other keywords go to v5, whose results are counted (v5.3.1 has a few
// known failures, listed with -v); a group refused is counted with its
// reason. Every failing test's leaves are phrased too: the phraser must
// word whatever either engine reports.
func TestSuite(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(suiteDir, "tests", "draft2020-12", "*.json"))
	opt, _ := filepath.Glob(filepath.Join(suiteDir, "tests", "draft2020-12", "optional", "*.json"))
	files = append(files, opt...)
	for _, f := range suiteFormats {
		files = append(files, filepath.Join(suiteDir, "tests", "draft2020-12", "optional", "format", f+".json"))
	}
	if len(files) < 60 {
		t.Fatalf("only %d suite files found under %s", len(files), suiteDir)
	}
	sort.Strings(files)
	var builtinGroups, builtinTests, v5Groups, v5Tests, v5Failed, refused, designGroups int
	reasons := map[string]int{}
	for _, file := range files {
		rel, _ := filepath.Rel(filepath.Join(suiteDir, "tests", "draft2020-12"), file)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var groups []suiteGroup
		if err := json.Unmarshal(b, &groups); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if why, ok := byDesign[rel]; ok {
			designGroups += len(groups)
			t.Logf("%s: %d groups not run: %s", rel, len(groups), why)
			continue
		}
		for gi, g := range groups {
			name := fmt.Sprintf("%s #%d %q", rel, gi, g.Description)
			root := fmt.Sprintf("https://suite.example.invalid/%s/%d.json", strings.TrimSuffix(rel, ".json"), gi)
			v, err := Compile(root, suiteLoader(root, g.Schema))
			if err != nil {
				refused++
				reason := err.Error()
				if se, ok := err.(*SchemaError); ok {
					reason = se.Msg
				}
				reasons[reason]++
				t.Logf("%s: refused: %v", name, err)
				continue
			}
			if v.Fallback == "" {
				builtinGroups++
			} else {
				v5Groups++
			}
			for _, tc := range g.Tests {
				data := decodeJSON(t, tc.Data)
				leaves := v.engine.validate(data)
				if fs := v.Validate(data, source.Map{}, "t.json"); (len(fs) == 0) != (len(leaves) == 0) {
					t.Errorf("%s / %q: %d leaves phrased as %d findings", name, tc.Description, len(leaves), len(fs))
				}
				ok := (len(leaves) == 0) == tc.Valid
				if v.Fallback == "" {
					builtinTests++
					if !ok {
						t.Errorf("%s / %q: built-in evaluator says valid=%v, the suite %v (leaves %v)", name, tc.Description, !tc.Valid, tc.Valid, leaves)
					}
					continue
				}
				v5Tests++
				if !ok && !v5Known[fmt.Sprintf("%s #%d", rel, gi)] {
					t.Errorf("%s / %q: v5 (for %s) says valid=%v, the suite %v", name, tc.Description, v.Fallback, !tc.Valid, tc.Valid)
				}
				if !ok {
					v5Failed++
					t.Logf("%s / %q: v5 (for %s) says valid=%v, the suite %v", name, tc.Description, v.Fallback, !tc.Valid, tc.Valid)
				}
			}
		}
	}
	t.Logf("built-in evaluator: %d groups, %d tests, all passed", builtinGroups, builtinTests)
	t.Logf("v5 fallback: %d groups, %d tests, %d failed", v5Groups, v5Tests, v5Failed)
	t.Logf("refused when compiling: %d groups; not run by design: %d groups", refused, designGroups)
	for r, n := range reasons {
		t.Logf("  refused %d× : %s", n, r)
	}
	if builtinGroups < 100 {
		t.Errorf("only %d groups compiled by the built-in evaluator", builtinGroups)
	}
}
