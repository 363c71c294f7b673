package cli

// The GitHub Action and the workflows of docs/ci.md, exercised as far as
// that can be done outside GitHub: a small runner reads action.yml,
// setup/action.yml and the workflows as GitHub's runner does, evaluates
// their ${{ }} expressions (the few functions and contexts they use; any
// other is a test failure, so the docs cannot use what is not tested), and
// runs their run: scripts in bash with the runner's files (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_PATH, GITHUB_ENV) in a temporary directory.
// The action's own steps are run, not a copy: its install step really
// builds the tool from this repository. Other actions are stood in for:
// checkout (the workspace is prepared), setup-go (the go on PATH),
// upload-sarif (the upload is recorded, and fails on a missing file as the
// real one does); gh is a script that records the comment.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ecanplus/factsheet/internal/testenv"
)

type ghStep struct {
	ID              string            `yaml:"id"`
	Name            string            `yaml:"name"`
	If              string            `yaml:"if"`
	Uses            string            `yaml:"uses"`
	Run             string            `yaml:"run"`
	Shell           string            `yaml:"shell"`
	With            map[string]string `yaml:"with"`
	Env             map[string]string `yaml:"env"`
	ContinueOnError bool              `yaml:"continue-on-error"`
}

type ghAction struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string   `yaml:"using"`
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

type ghWorkflow struct {
	Name        string            `yaml:"name"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Steps []ghStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// ghUpload is one upload-sarif.
type ghUpload struct{ file, category string }

// ghRunner runs one job.
type ghRunner struct {
	t       *testing.T
	repo    string         // this repository: the action
	work    string         // GITHUB_WORKSPACE
	temp    string         // RUNNER_TEMP
	github  map[string]any // the github context
	path    []string       // GITHUB_PATH additions, latest first
	env     map[string]string
	failed  bool // the job's status
	summary strings.Builder
	uploads []ghUpload
	log     strings.Builder
	n       int // steps run, for file names
}

// ghScope is what expressions see: a workflow's job, or a composite action
// inside it.
type ghScope struct {
	inputs     map[string]string
	steps      map[string]map[string]any // id -> outputs, outcome
	actionPath string
	actionRef  string
}

func newGHRunner(t *testing.T, work string, github map[string]any) *ghRunner {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		testenv.Missing(t, "bash is needed to run the action's steps")
	}
	if _, err := exec.LookPath("go"); err != nil {
		testenv.Missing(t, "go is needed: the action builds the tool")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	r := &ghRunner{t: t, repo: repo, work: work, temp: t.TempDir(), github: github, env: map[string]string{}}
	r.github["workspace"] = work
	r.github["token"] = "test-token"
	return r
}

// job runs a workflow's steps.
func (r *ghRunner) job(steps []ghStep) {
	r.runSteps(steps, &ghScope{steps: map[string]map[string]any{}})
}

func (r *ghRunner) runSteps(steps []ghStep, sc *ghScope) {
	for _, st := range steps {
		cond := strings.TrimSpace(st.If)
		if c, ok := strings.CutPrefix(cond, "${{"); ok {
			cond = strings.TrimSpace(strings.TrimSuffix(c, "}}"))
		}
		if cond == "" {
			cond = "success()"
		} else if !regexp.MustCompile(`\b(success|failure|always|cancelled)\(`).MatchString(cond) {
			cond = "success() && (" + cond + ")"
		}
		name := st.Name
		if name == "" {
			name = st.Uses
		}
		if !ghTruthy(r.eval(cond, sc)) {
			fmt.Fprintf(&r.log, "--- skipped: %s\n", name)
			if st.ID != "" {
				sc.steps[st.ID] = map[string]any{"outputs": map[string]any{}, "outcome": "skipped"}
			}
			continue
		}
		fmt.Fprintf(&r.log, "--- %s\n", name)
		outputs, ok := r.step(st, sc)
		outcome := "success"
		if !ok {
			outcome = "failure"
			if !st.ContinueOnError {
				r.failed = true
			}
		}
		if st.ID != "" {
			sc.steps[st.ID] = map[string]any{"outputs": outputs, "outcome": outcome}
		}
	}
}

// step runs one step and returns its outputs and whether it succeeded.
func (r *ghRunner) step(st ghStep, sc *ghScope) (map[string]any, bool) {
	with := map[string]string{}
	for k, v := range st.With {
		with[k] = r.interp(v, sc)
	}
	env := map[string]string{}
	for k, v := range st.Env {
		env[k] = r.interp(v, sc)
	}
	if st.Run != "" {
		if strings.Contains(st.Run, "${{") {
			// An expression pasted into a script is an injection hole: a
			// branch name or an input becomes shell code.
			r.t.Errorf("step %q pastes an expression into its script; pass it through env:", st.Name)
		}
		return r.run(st, sc, env)
	}
	name, ref, _ := strings.Cut(st.Uses, "@")
	switch name {
	case "actions/checkout":
		return map[string]any{}, true // the workspace is prepared by the test
	case "actions/setup-go":
		if f := with["go-version-file"]; f != "" {
			if _, err := os.Stat(f); err != nil {
				r.t.Errorf("setup-go: go-version-file: %v", err)
				return nil, false
			}
		}
		return map[string]any{}, true // the go on PATH
	case "github/codeql-action/upload-sarif":
		return map[string]any{}, r.uploadSARIF(with)
	case "ecanplus/factsheet":
		return r.composite(filepath.Join(r.repo, "action.yml"), r.repo, ref, with)
	case "ecanplus/factsheet/setup":
		return r.composite(filepath.Join(r.repo, "setup", "action.yml"), filepath.Join(r.repo, "setup"), ref, with)
	}
	r.t.Fatalf("step %q uses %s, which this runner does not stand in for", st.Name, st.Uses)
	return nil, false
}

// composite runs a composite action as the runner does: its inputs from
// with and the defaults, its own steps context, its outputs evaluated at
// the end.
func (r *ghRunner) composite(file, actionPath, ref string, with map[string]string) (map[string]any, bool) {
	raw, err := os.ReadFile(file)
	if err != nil {
		r.t.Fatal(err)
	}
	var a ghAction
	if err := yaml.Unmarshal(raw, &a); err != nil {
		r.t.Fatalf("%s: %v", file, err)
	}
	if a.Runs.Using != "composite" {
		r.t.Fatalf("%s: runs.using %q, want composite", file, a.Runs.Using)
	}
	inputs := map[string]string{}
	for k, in := range a.Inputs {
		inputs[k] = in.Default
	}
	for k, v := range with {
		if _, ok := a.Inputs[k]; !ok {
			r.t.Errorf("%s has no input %q (GitHub warns and ignores it)", file, k)
		}
		inputs[k] = v
	}
	sc := &ghScope{inputs: inputs, steps: map[string]map[string]any{}, actionPath: actionPath, actionRef: ref}
	before := r.failed
	r.failed = false
	r.runSteps(a.Runs.Steps, sc)
	ok := !r.failed
	r.failed = before
	outputs := map[string]any{}
	for k, o := range a.Outputs {
		outputs[k] = r.interp(o.Value, sc)
	}
	return outputs, ok
}

// run runs a run: script with bash, as shell: bash does on GitHub.
func (r *ghRunner) run(st ghStep, sc *ghScope, stepEnv map[string]string) (map[string]any, bool) {
	if st.Shell != "" && st.Shell != "bash" {
		r.t.Fatalf("step %q: shell %q, want bash (the runner's default on Linux)", st.Name, st.Shell)
	}
	r.n++
	dir := filepath.Join(r.temp, "_runner", strconv.Itoa(r.n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV"} {
		files[f] = filepath.Join(dir, strings.ToLower(f))
		if err := os.WriteFile(files[f], nil, 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	script := filepath.Join(dir, "script.sh")
	if err := os.WriteFile(script, []byte(st.Run), 0o644); err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = r.work
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	for k, v := range r.env {
		env[k] = v
	}
	env["PATH"] = strings.Join(append(append([]string(nil), r.path...), os.Getenv("PATH")), string(os.PathListSeparator))
	env["CI"] = "true"
	env["GITHUB_ACTIONS"] = "true"
	env["GITHUB_WORKSPACE"] = r.work
	env["RUNNER_TEMP"] = r.temp
	env["GITHUB_EVENT_NAME"], _ = r.github["event_name"].(string)
	if sc.actionPath != "" {
		env["GITHUB_ACTION_PATH"] = sc.actionPath
	}
	for k, v := range files {
		env[k] = v
	}
	for k, v := range stepEnv {
		env[k] = v
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	r.log.Write(out.Bytes())
	if err != nil {
		fmt.Fprintf(&r.log, "--- the step failed: %v\n", err)
	}

	read := func(name string) string {
		b, err := os.ReadFile(files[name])
		if err != nil {
			r.t.Fatal(err)
		}
		return string(b)
	}
	outputs := map[string]any{}
	for k, v := range parseGHFile(r.t, read("GITHUB_OUTPUT")) {
		outputs[k] = v
	}
	for k, v := range parseGHFile(r.t, read("GITHUB_ENV")) {
		r.env[k] = v
	}
	for _, p := range strings.Split(strings.TrimSpace(read("GITHUB_PATH")), "\n") {
		if p != "" {
			r.path = append([]string{p}, r.path...)
		}
	}
	r.summary.WriteString(read("GITHUB_STEP_SUMMARY"))
	return outputs, err == nil
}

// parseGHFile reads GITHUB_OUTPUT and GITHUB_ENV: NAME=VALUE lines, and
// NAME<<DELIMITER blocks.
func parseGHFile(t *testing.T, s string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if k, delim, ok := strings.Cut(l, "<<"); ok && !strings.Contains(k, "=") {
			var v []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				v = append(v, lines[i])
			}
			out[k] = strings.Join(v, "\n")
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			t.Errorf("not NAME=VALUE in a runner file: %q", l)
		}
		out[k] = v
	}
	return out
}

// uploadSARIF stands in for github/codeql-action/upload-sarif: the file
// must exist and be a SARIF 2.1.0 log.
func (r *ghRunner) uploadSARIF(with map[string]string) bool {
	file := with["sarif_file"]
	raw, err := os.ReadFile(filepath.Join(r.work, file))
	if err != nil {
		fmt.Fprintf(&r.log, "upload-sarif: Path does not exist: %s\n", file)
		return false
	}
	var log struct{ Version string }
	if err := json.Unmarshal(raw, &log); err != nil || log.Version != "2.1.0" {
		fmt.Fprintf(&r.log, "upload-sarif: %s is not a SARIF 2.1.0 log: %v\n", file, err)
		return false
	}
	r.uploads = append(r.uploads, ghUpload{file, with["category"]})
	return true
}

// --- expressions -------------------------------------------------------------

var ghExprRE = regexp.MustCompile(`\$\{\{(.*?)\}\}`)

// interp replaces every ${{ expression }} in s by its value.
func (r *ghRunner) interp(s string, sc *ghScope) string {
	return ghExprRE.ReplaceAllStringFunc(s, func(m string) string {
		return ghString(r.eval(ghExprRE.FindStringSubmatch(m)[1], sc))
	})
}

func (r *ghRunner) eval(expr string, sc *ghScope) any {
	p := &ghParser{r: r, sc: sc, toks: ghTokens(r.t, expr), expr: expr}
	v := p.or()
	if p.i != len(p.toks) {
		r.t.Fatalf("expression %q: unexpected %q", expr, p.toks[p.i])
	}
	return v
}

var ghTokenRE = regexp.MustCompile(`\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||[!(),])|([A-Za-z_][A-Za-z0-9_.\-]*|[0-9]+))`)

func ghTokens(t *testing.T, s string) []string {
	var toks []string
	for rest := strings.TrimSpace(s); rest != ""; rest = strings.TrimSpace(rest) {
		m := ghTokenRE.FindStringIndex(rest)
		if m == nil || m[0] != 0 {
			t.Fatalf("expression %q: cannot read %q", s, rest)
		}
		toks = append(toks, strings.TrimSpace(rest[:m[1]]))
		rest = rest[m[1]:]
	}
	return toks
}

type ghParser struct {
	r    *ghRunner
	sc   *ghScope
	toks []string
	i    int
	expr string
}

func (p *ghParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *ghParser) next() string { t := p.peek(); p.i++; return t }

func (p *ghParser) expect(tok string) {
	if got := p.next(); got != tok {
		p.r.t.Fatalf("expression %q: got %q, want %q", p.expr, got, tok)
	}
}

// or and and return an operand, as GitHub's && and || do.
func (p *ghParser) or() any {
	v := p.and()
	for p.peek() == "||" {
		p.next()
		w := p.and()
		if !ghTruthy(v) {
			v = w
		}
	}
	return v
}

func (p *ghParser) and() any {
	v := p.eq()
	for p.peek() == "&&" {
		p.next()
		w := p.eq()
		if ghTruthy(v) {
			v = w
		}
	}
	return v
}

func (p *ghParser) eq() any {
	v := p.unary()
	for p.peek() == "==" || p.peek() == "!=" {
		op := p.next()
		w := p.unary()
		// GitHub compares strings ignoring case.
		same := strings.EqualFold(ghString(v), ghString(w))
		v = same == (op == "==")
	}
	return v
}

func (p *ghParser) unary() any {
	if p.peek() == "!" {
		p.next()
		return !ghTruthy(p.unary())
	}
	return p.primary()
}

func (p *ghParser) primary() any {
	tok := p.next()
	switch {
	case tok == "(":
		v := p.or()
		p.expect(")")
		return v
	case strings.HasPrefix(tok, "'"):
		return strings.ReplaceAll(tok[1:len(tok)-1], "''", "'")
	case tok == "true" || tok == "false":
		return tok == "true"
	case tok == "null":
		return nil
	case tok != "" && tok[0] >= '0' && tok[0] <= '9':
		n, _ := strconv.ParseFloat(tok, 64)
		return n
	case p.peek() == "(":
		p.next()
		var args []any
		for p.peek() != ")" {
			args = append(args, p.or())
			if p.peek() == "," {
				p.next()
			}
		}
		p.expect(")")
		return p.call(tok, args)
	}
	return p.lookup(tok)
}

func (p *ghParser) call(name string, args []any) any {
	r := p.r
	switch name {
	case "success":
		return !r.failed
	case "failure":
		return r.failed
	case "always":
		return true
	case "cancelled":
		return false
	case "format":
		s := ghString(args[0])
		for i, a := range args[1:] {
			s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", ghString(a))
		}
		return s
	case "contains":
		return strings.Contains(strings.ToLower(ghString(args[0])), strings.ToLower(ghString(args[1])))
	case "startsWith":
		return strings.HasPrefix(strings.ToLower(ghString(args[0])), strings.ToLower(ghString(args[1])))
	case "hashFiles":
		// The SHA-256 of the matching files in the workspace; "" when none
		// matches.
		h := sha256.New()
		found := false
		for _, a := range args {
			matches, err := filepath.Glob(filepath.Join(r.work, ghString(a)))
			if err != nil {
				r.t.Fatal(err)
			}
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
					b, _ := os.ReadFile(m)
					sum := sha256.Sum256(b)
					h.Write(sum[:])
					found = true
				}
			}
		}
		if !found {
			return ""
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	r.t.Fatalf("expression %q: function %s() is not known to this runner", p.expr, name)
	return nil
}

func (p *ghParser) lookup(path string) any {
	parts := strings.Split(path, ".")
	var v any
	switch parts[0] {
	case "github":
		v = p.r.github
		if p.sc.actionPath != "" {
			m := map[string]any{"action_path": p.sc.actionPath, "action_ref": p.sc.actionRef}
			for k, x := range p.r.github {
				m[k] = x
			}
			v = m
		}
	case "inputs":
		m := map[string]any{}
		for k, x := range p.sc.inputs {
			m[k] = x
		}
		v = m
	case "steps":
		m := map[string]any{}
		for k, x := range p.sc.steps {
			m[k] = x
		}
		v = m
	case "env":
		m := map[string]any{}
		for k, x := range p.r.env {
			m[k] = x
		}
		v = m
	case "runner":
		v = map[string]any{"temp": p.r.temp, "os": "Linux"}
	case "secrets":
		v = map[string]any{"GITHUB_TOKEN": "test-token"}
	default:
		p.r.t.Fatalf("expression %q: context %q is not known to this runner", p.expr, parts[0])
	}
	for _, k := range parts[1:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func ghTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0
	}
	return true
}

func ghString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
