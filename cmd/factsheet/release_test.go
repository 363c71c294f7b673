package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/testenv"
)

// goreleaser is the part of .goreleaser.yaml the tests compare.
type goreleaser struct {
	Builds []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
}

func readGoreleaser(t *testing.T) goreleaser {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var g goreleaser
	if err := yaml.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml has %d builds, want 1", len(g.Builds))
	}
	return g
}

var stampRE = regexp.MustCompile(`-X (\S+)=`)

// The release (GoReleaser) and make dist (ci/dist.sh) make the same builds:
// the same systems, static, trimmed, stamped through the same variables.
func TestReleaseBuildsMatchMakeDist(t *testing.T) {
	b := readGoreleaser(t).Builds[0]
	script, err := os.ReadFile(filepath.Join("..", "..", "ci", "dist.sh"))
	if err != nil {
		t.Fatal(err)
	}
	dist := string(script)

	if b.Main != "./cmd/factsheet" || b.Binary != "factsheet" {
		t.Errorf("main %q binary %q, want ./cmd/factsheet and factsheet", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") || !strings.Contains(dist, "CGO_ENABLED=0") {
		t.Errorf("both must build with CGO_ENABLED=0 (static binaries): goreleaser env %q", b.Env)
	}
	for _, flag := range []string{"-trimpath", "-buildvcs=false"} {
		if !slices.Contains(b.Flags, flag) || !strings.Contains(dist, flag) {
			t.Errorf("both must build with %s: goreleaser flags %q", flag, b.Flags)
		}
	}

	var release []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			release = append(release, os+"/"+arch)
		}
	}
	m := regexp.MustCompile(`targets=\$\{TARGETS:-([^}]*)\}`).FindStringSubmatch(dist)
	if m == nil {
		t.Fatal("ci/dist.sh: no targets=${TARGETS:-...} line")
	}
	local := strings.Fields(m[1])
	slices.Sort(release)
	slices.Sort(local)
	if !slices.Equal(release, local) {
		t.Errorf("systems differ:\n goreleaser %q\n ci/dist.sh %q", release, local)
	}
	for _, want := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"} {
		if !slices.Contains(release, want) {
			t.Errorf("no release build for %s", want)
		}
	}

	var stamped []string
	for _, m := range stampRE.FindAllStringSubmatch(strings.Join(b.Ldflags, " "), -1) {
		stamped = append(stamped, m[1])
	}
	want := []string{buildinfoPkg + ".commit", buildinfoPkg + ".date", buildinfoPkg + ".version"}
	slices.Sort(stamped)
	if !slices.Equal(stamped, want) {
		t.Errorf("goreleaser stamps %q, want %q", stamped, want)
	}
	for _, v := range []string{"version", "commit", "date"} {
		if !strings.Contains(dist, "-X $pkg."+v+"=") {
			t.Errorf("ci/dist.sh does not stamp %s", v)
		}
	}
	if !strings.Contains(dist, "pkg="+buildinfoPkg+"\n") {
		t.Errorf("ci/dist.sh does not stamp %s", buildinfoPkg)
	}
}

const buildinfoPkg = "github.com/ecanplus/factsheet/internal/buildinfo"

// A binary linked with the release's ldflags reports the stamped version
// and commit: in `factsheet version`, and in the SARIF report's
// tool.driver.version (code scanning shows which build found an alert).
func TestStampedBuildReportsItsVersion(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		testenv.Missing(t, "the go command is needed to build a stamped binary")
	}
	// GoReleaser's template values for a tag v1.2.3.
	values := map[string]string{
		"Version":    "1.2.3",
		"FullCommit": "0123456789abcdef0123456789abcdef01234567",
		"CommitDate": "2026-12-01T23:04:08Z",
	}
	tmpl := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	var ldflags []string
	for _, f := range readGoreleaser(t).Builds[0].Ldflags {
		ldflags = append(ldflags, tmpl.ReplaceAllStringFunc(f, func(m string) string {
			v, ok := values[tmpl.FindStringSubmatch(m)[1]]
			if !ok {
				t.Fatalf("ldflags use %s, which this test does not know: add it", m)
			}
			return v
		}))
	}
	bin := filepath.Join(t.TempDir(), "factsheet")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	// Not -trimpath: the test reuses the packages go test already built,
	// and the stamps are made by the linker either way.
	build := exec.Command(goBin, "build", "-ldflags", strings.Join(ldflags, " "), "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("factsheet version: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 || lines[0] != "factsheet v1.2.3" ||
		lines[1] != "commit:  0123456789abcdef0123456789abcdef01234567 2026-12-01T23:04:08Z" ||
		!strings.HasPrefix(lines[2], "go:      go1.") {
		t.Errorf("factsheet version printed:\n%s", out)
	}

	report := filepath.Join(t.TempDir(), "out.sarif")
	lint := exec.Command(bin, "lint", "--today", "2026-11-22", "--format", "sarif="+report,
		filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if out, err := lint.CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("factsheet lint: %v\n%s", err, out)
		}
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Version != "v1.2.3" {
		t.Errorf("SARIF tool.driver = %+v, want version v1.2.3", log.Runs)
	}
}

// The minimum Go version the docs state is go.mod's go line: an older
// toolchain refuses the module (or downloads that version first).
func TestDocumentedGoVersion(t *testing.T) {
	root := filepath.Join("..", "..")
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	want := string(m[1])
	stated := regexp.MustCompile(`Go (?:\*\*)?(1\.[0-9]+(?:\.[0-9]+)?)(?:\*\*)? or later`)
	found := 0
	for _, doc := range []string{"README.md", "docs/ci.md"} {
		text, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stated.FindAllSubmatch(text, -1) {
			found++
			if string(s[1]) != want {
				t.Errorf("%s says %q; go.mod's go line is %s", doc, s[0], want)
			}
		}
	}
	if found < 2 {
		t.Errorf("README.md and docs/ci.md state the minimum Go version %d times, want it in both", found)
	}
}
