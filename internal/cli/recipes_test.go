package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// beYAML is the shipped Belgian factsheet: one error (footnote 16's
// malformed link), 18 warnings and 4 infos as of 2026-11-22.
func beYAML(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cleanBE is the Belgian factsheet with its one error fixed: warnings only.
func cleanBE(t *testing.T) string {
	t.Helper()
	bad := `[https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf \(fgov.be\); Roadmap 4.0 | eHealth \(fgov.be\)](https://www.eHealth.fgov.be; Actieplan eGezondheid 2022-2024 protocolakkoord.pdf (fgov.be); Roadmap 4.0 | eHealth (fgov.be))`
	s := beYAML(t)
	if !strings.Contains(s, bad) {
		t.Fatal("the malformed link of footnote 16 is not in BE.yaml any more: update cleanBE")
	}
	return strings.Replace(s, bad, "<https://www.eHealth.fgov.be>", 1)
}

// gitRepo makes a workspace: a git repository with one commit per map of
// files (a nil value removes a file), and returns it with the commits.
func gitRepo(t *testing.T, commits ...map[string]*string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.email=ci@example.invalid", "-c", "user.name=CI"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is needed")
	}
	git("init", "-q", "-b", "main")
	var shas []string
	for i, files := range commits {
		for name, content := range files {
			p := filepath.Join(dir, name)
			if content == nil {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(*content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		git("add", "-A")
		git("commit", "-q", "--allow-empty", "-m", "commit "+string(rune('a'+i)))
		shas = append(shas, git("rev-parse", "HEAD"))
	}
	return dir, shas
}

func ptr(s string) *string { return &s }

// runAction runs action.yml with these inputs in the workspace.
func runAction(t *testing.T, work string, with map[string]string) (*ghRunner, map[string]any, bool) {
	t.Helper()
	r := newGHRunner(t, work, map[string]any{"event_name": "push"})
	out, ok := r.composite(filepath.Join(r.repo, "action.yml"), r.repo, "v9.9.9", with)
	return r, out, ok
}

// The action, step by step: it builds the tool of its own ref, lints only
// factsheets in a walked directory, annotates, writes the SARIF report and
// the summary table, and fails as factsheet exits.
func TestActionLint(t *testing.T) {
	notFactsheets := map[string]*string{
		"package.json":                ptr(`{"name": "factsheets", "version": "1.0.0"}`),
		"README.md":                   ptr("# Factsheets\n\nThe country factsheets.\n"),
		"docs/notes.yaml":             ptr("owner: coordinators\n"),
		"factsheets/BE.yaml":          ptr(beYAML(t)),
		"factsheets/NL/contacts.json": ptr(`{"contacts": []}`),
	}
	work, _ := gitRepo(t, notFactsheets)

	t.Run("findings: annotations, SARIF, summary, exit 1", func(t *testing.T) {
		r, out, ok := runAction(t, work, map[string]string{"args": "--today 2026-11-22"})
		log := r.log.String()
		if ok {
			t.Errorf("the step passed with an error in BE.yaml:\n%s", log)
		}
		// The tool is the action's own build, stamped with its ref.
		if !regexp.MustCompile(`(?m)^factsheet v9\.9\.9$`).MatchString(log) {
			t.Errorf("the install step did not build the action's version:\n%s", log)
		}
		if !strings.Contains(log, "::error file=factsheets/BE.yaml,line=") || !strings.Contains(log, "::warning file=factsheets/BE.yaml,") {
			t.Errorf("no annotations:\n%s", log)
		}
		for _, other := range []string{"package.json", "README.md", "notes.yaml", "contacts.json"} {
			if strings.Contains(log, other) || strings.Contains(r.summary.String(), other) {
				t.Errorf("%s, not a factsheet, was reported:\n%s\n%s", other, log, r.summary.String())
			}
		}
		if out["sarif"] != "factsheet.sarif" || out["exit-code"] != "1" {
			t.Errorf("outputs %v, want sarif=factsheet.sarif exit-code=1", out)
		}
		sarif, err := os.ReadFile(filepath.Join(work, "factsheet.sarif"))
		if err != nil || !strings.Contains(string(sarif), `"version": "v9.9.9"`) {
			t.Errorf("SARIF report: %v\n%.300s", err, sarif)
		}
		want := "| BE | factsheets/BE.yaml | 1 | 18 | 4 | **fails** |"
		if !strings.Contains(r.summary.String(), "### factsheet lint") || !strings.Contains(r.summary.String(), want) {
			t.Errorf("job summary lacks %q:\n%s", want, r.summary.String())
		}
	})

	t.Run("fail-on: warnings pass by default, fail with fail-on warning", func(t *testing.T) {
		clean, _ := gitRepo(t, map[string]*string{"factsheets/BE.yaml": ptr(cleanBE(t))})
		r, out, ok := runAction(t, clean, map[string]string{"paths": "factsheets/", "args": "--today 2026-11-22"})
		if !ok || out["exit-code"] != "0" {
			t.Errorf("warnings only, fail-on error: ok=%v outputs %v\n%s", ok, out, r.log.String())
		}
		if !strings.Contains(r.summary.String(), "| 0 | 18 | 5 | passes |") {
			t.Errorf("summary:\n%s", r.summary.String())
		}
		r, out, ok = runAction(t, clean, map[string]string{"paths": "factsheets/", "fail-on": "warning", "args": "--today 2026-11-22"})
		if ok || out["exit-code"] != "1" {
			t.Errorf("warnings, fail-on warning: ok=%v outputs %v\n%s", ok, out, r.log.String())
		}
	})

	t.Run("usage error: exit 2, no SARIF, no sarif output", func(t *testing.T) {
		empty, _ := gitRepo(t, map[string]*string{"README.md": ptr("# nothing\n")})
		r, out, ok := runAction(t, empty, map[string]string{"paths": "factsheets/"})
		if ok || out["exit-code"] != "2" || out["sarif"] != "" {
			t.Errorf("ok=%v outputs %v, want a failure, exit-code 2 and no sarif\n%s", ok, out, r.log.String())
		}
		if _, err := os.Stat(filepath.Join(empty, "factsheet.sarif")); err == nil {
			t.Error("a SARIF report was written after a usage error")
		}
	})

	t.Run("a crafted input is data, not code", func(t *testing.T) {
		r, _, _ := runAction(t, work, map[string]string{"paths": "factsheets/ $(touch pwned) ;touch pwned2", "sarif": ""})
		for _, f := range []string{"pwned", "pwned2"} {
			if _, err := os.Stat(filepath.Join(work, f)); err == nil {
				t.Errorf("the input ran a command:\n%s", r.log.String())
			}
		}
	})
}

// The workflows of docs/ci.md, run as they are written.
func TestCIRecipes(t *testing.T) {
	workflows := ciWorkflows(t)

	t.Run("lint and code scanning", func(t *testing.T) {
		wf := workflows["factsheets"]
		if wf.Permissions["security-events"] != "write" {
			t.Errorf("permissions %v: upload-sarif needs security-events: write", wf.Permissions)
		}
		// Findings: the lint step fails, the report is uploaded anyway.
		work, _ := gitRepo(t, map[string]*string{"factsheets/BE.yaml": ptr(beYAML(t)), "package.json": ptr(`{"name": "x"}`)})
		r := newGHRunner(t, work, map[string]any{"event_name": "pull_request", "base_ref": "main"})
		r.job(wf.Jobs["lint"].Steps)
		if !r.failed {
			t.Errorf("the job passed with an error in BE.yaml:\n%s", r.log.String())
		}
		if len(r.uploads) != 1 || r.uploads[0] != (ghUpload{"factsheet.sarif", "factsheet"}) {
			t.Errorf("uploads %v, want factsheet.sarif in category factsheet:\n%s", r.uploads, r.log.String())
		}
		if !strings.Contains(r.summary.String(), "| BE | factsheets/BE.yaml |") {
			t.Errorf("job summary:\n%s", r.summary.String())
		}
		// A usage error (here: no factsheets/ directory) writes no report,
		// and the upload is skipped instead of failing on a missing file.
		empty, _ := gitRepo(t, map[string]*string{"README.md": ptr("# nothing\n")})
		r = newGHRunner(t, empty, map[string]any{"event_name": "push"})
		r.job(wf.Jobs["lint"].Steps)
		if !r.failed || len(r.uploads) != 0 || !strings.Contains(r.log.String(), "--- skipped: Upload to code scanning") {
			t.Errorf("after exit 2: failed=%v uploads %v, want a failed job and the upload skipped:\n%s", r.failed, r.uploads, r.log.String())
		}
	})

	t.Run("a review round's diff as a pull-request comment", func(t *testing.T) {
		wf := workflows["factsheet diff"]
		if wf.Permissions["pull-requests"] != "write" {
			t.Errorf("permissions %v: commenting needs pull-requests: write", wf.Permissions)
		}
		before := beYAML(t)
		after := strings.Replace(before, "The National Cancer Plan is under development", "The National Cancer Plan was adopted", 1)
		if after == before {
			t.Fatal("BE.yaml no longer says the plan is under development: update the test")
		}
		work, shas := gitRepo(t,
			map[string]*string{"factsheets/BE.yaml": ptr(before), "factsheets/NOTES.md": ptr("# Notes\n")},
			map[string]*string{"factsheets/BE.yaml": ptr(after), "factsheets/FR.yaml": ptr(cleanBE(t)), "factsheets/NOTES.md": ptr("# Notes\n\nMore.\n")},
		)
		gh, calls := fakeGH(t)
		r := newGHRunner(t, work, map[string]any{"event_name": "pull_request", "base_ref": "main",
			"event": map[string]any{"pull_request": map[string]any{"number": 7.0, "base": map[string]any{"sha": shas[0]}}}})
		r.path = []string{gh}
		r.job(wf.Jobs["diff"].Steps)
		if r.failed {
			t.Fatalf("the job failed:\n%s", r.log.String())
		}
		got := calls()
		if len(got) != 1 || got[0].args != "pr comment 7 --body-file diff.md --edit-last" {
			t.Fatalf("gh calls %+v, want one comment on pull request 7:\n%s", got, r.log.String())
		}
		body := got[0].body
		for _, want := range []string{"## factsheet diff", "`factsheets/BE.yaml`", "~~is under development~~ **was adopted**"} {
			if !strings.Contains(body, want) {
				t.Errorf("the comment lacks %q:\n%s", want, body)
			}
		}
		// The added FR.yaml has no base version; NOTES.md is not a factsheet.
		if strings.Contains(body, "FR") || strings.Contains(body, "could not be compared") {
			t.Errorf("the comment compares what it should not:\n%s", body)
		}

		// No factsheet changed: no comment.
		quiet, shas := gitRepo(t, map[string]*string{"factsheets/BE.yaml": ptr(before)}, map[string]*string{"README.md": ptr("# x\n")})
		gh, calls = fakeGH(t)
		r = newGHRunner(t, quiet, map[string]any{"event_name": "pull_request",
			"event": map[string]any{"pull_request": map[string]any{"number": 8.0, "base": map[string]any{"sha": shas[0]}}}})
		r.path = []string{gh}
		r.job(wf.Jobs["diff"].Steps)
		if r.failed || len(calls()) != 0 {
			t.Errorf("nothing to compare: failed=%v, gh calls %+v\n%s", r.failed, calls(), r.log.String())
		}
	})
}

// ciWorkflows reads the workflows (YAML blocks with jobs:) of docs/ci.md by
// name; every one must have a test above.
func ciWorkflows(t *testing.T) map[string]ghWorkflow {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ghWorkflow{}
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(raw), -1) {
		if !strings.Contains(m[1], "\njobs:") {
			continue
		}
		var wf ghWorkflow
		if err := yaml.Unmarshal([]byte(m[1]), &wf); err != nil {
			t.Fatalf("docs/ci.md: a workflow that is not YAML: %v\n%s", err, m[1])
		}
		out[wf.Name] = wf
	}
	for name := range out {
		if name != "factsheets" && name != "factsheet diff" {
			t.Errorf("docs/ci.md has a workflow %q that no test runs", name)
		}
	}
	return out
}

type ghCall struct{ args, body string }

// fakeGH is a gh command that records its arguments and the comment's body.
func fakeGH(t *testing.T) (dir string, calls func() []ghCall) {
	t.Helper()
	dir = t.TempDir()
	log := filepath.Join(dir, "calls")
	script := `#!/usr/bin/env bash
set -eu
[ "${GH_TOKEN:-}" = test-token ] || { echo "gh: no GH_TOKEN" >&2; exit 4; }
args="$*"
body=""
while [ $# -gt 0 ]; do
  if [ "$1" = --body-file ]; then body=$(cat "$2"); fi
  shift
done
{ printf '%s\n' "$args"; printf '%s\n' "$body" | sed 's/^/> /'; printf '.\n'; } >>"` + log + `"
`
	if err := os.WriteFile(filepath.Join(dir, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, func() []ghCall {
		b, err := os.ReadFile(log)
		if err != nil {
			return nil
		}
		var out []ghCall
		var cur *ghCall
		for _, l := range strings.Split(string(b), "\n") {
			switch {
			case cur == nil && l != "":
				out = append(out, ghCall{args: l})
				cur = &out[len(out)-1]
			case cur != nil && l == ".":
				cur.body = strings.TrimSuffix(cur.body, "\n")
				cur = nil
			case cur != nil:
				cur.body += strings.TrimPrefix(strings.TrimPrefix(l, ">"), " ") + "\n"
			}
		}
		return out
	}
}
