package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The run functions take a command's options and the streams: a command
// runs in a test without cobra, with no command line to build.

func TestRunWithoutCobra(t *testing.T) {
	ctx := context.Background()
	be, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))

	s, out, _ := fakeStreams(false, nil)
	if err := runVersion(ctx, &versionOptions{}, s); err != nil || !strings.HasPrefix(out.String(), "factsheet ") {
		t.Errorf("version: %v %q", err, out)
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runRules(ctx, &rulesOptions{format: "text", ids: []string{"date-past-due"}}, s); err != nil || !strings.HasPrefix(out.String(), "date-past-due (warning, dates)") {
		t.Errorf("rules: %v %q", err, out)
	}
	if err := runRules(ctx, &rulesOptions{format: "text", ids: []string{"date-past-du"}}, s); exitCode(err) != ExitUsage || !strings.Contains(err.Error(), `did you mean "date-past-due"`) {
		t.Errorf("rules, a misspelt ID: %v", err)
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runSchema(ctx, &schemaOptions{list: true}, s); err != nil || !strings.Contains(out.String(), "factsheet.schema.json") {
		t.Errorf("schema --list: %v %q", err, out)
	}

	s, out, _ = fakeStreams(false, nil)
	o := &validateOptions{paths: []string{be}}
	o.check = checkFlags{formats: []string{"text"}, stdinName: "<stdin>", inputFormat: "auto", failOn: "error", maxWarnings: -1}
	if err := runValidate(ctx, o, s); err != nil || !strings.Contains(out.String(), "no problems found") {
		t.Errorf("validate: %v %q", err, out)
	}

	// lint on a fake terminal: colored, judged as of --today.
	s, out, _ = fakeStreams(true, nil)
	lo := &lintOptions{globalOptions: globalOptions{Today: "2026-11-22"}, paths: []string{be}}
	lo.check = o.check
	lo.lint.maxAge = "12m"
	if err := runLint(ctx, lo, s); exitCode(err) != ExitFindings || !strings.Contains(out.String(), "\x1b[") || !strings.Contains(out.String(), "[date-past-due]") {
		t.Errorf("lint: %v %q", err, out.String()[:min(out.Len(), 300)])
	}
	lo.globalOptions.Color = "never"
	s, out, _ = fakeStreams(true, nil)
	if err := runLint(ctx, lo, s); exitCode(err) != ExitFindings || strings.Contains(out.String(), "\x1b[") {
		t.Errorf("lint --color never: %v", err)
	}

	dir := t.TempDir()
	s, _, errOut := fakeStreams(false, nil)
	if err := runInit(ctx, &initOptions{dirs: []string{dir}}, s); err != nil || !strings.Contains(errOut.String(), "wrote ") {
		t.Errorf("init: %v %q", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, ".factsheet.yaml")); err != nil {
		t.Error(err)
	}
	if err := runInit(ctx, &initOptions{dirs: []string{dir}}, s); exitCode(err) != ExitUsage {
		t.Errorf("init over an existing file: %v", err)
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runExplain(ctx, &explainOptions{files: []string{filepath.Join(dir, "BE.yaml")}}, s); err != nil || !strings.Contains(out.String(), ".factsheet.yaml (the nearest configuration above the file)") {
		t.Errorf("config explain: %v %q", err, out)
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runNew(ctx, newOptions{country: "AT", template: "ecan-plus-2025"}, s); err != nil || !strings.Contains(out.String(), "code: AT") {
		t.Errorf("new: %v %q", err, out.String()[:min(out.Len(), 200)])
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runConvert(ctx, convertOptions{in: be, to: "json", inputFormat: "auto", stdinName: "<stdin>"}, s); err != nil || !strings.HasPrefix(out.String(), "{") {
		t.Errorf("convert: %v", err)
	}

	s, out, _ = fakeStreams(false, nil)
	if err := runDiff(ctx, diffOptions{old: be, new: be, format: "text", inputFormat: "auto", stdinName: "<stdin>"}, s); err != nil {
		t.Errorf("diff: %v %q", err, out)
	}
}
