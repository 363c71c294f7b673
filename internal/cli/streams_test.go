package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// fakeStreams are streams whose terminal check and environment the test
// decides: out and errOut are terminals when tty says so.
func fakeStreams(tty bool, env map[string]string) (IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return IOStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv:   func(k string) string { return env[k] },
		Terminal: func(io.Writer) bool { return tty },
	}, &out, &errOut
}

// TestColorDecision: colour follows --color, NO_COLOR, FORCE_COLOR,
// TERM=dumb and whether the stream is a terminal, in that order.
func TestColorDecision(t *testing.T) {
	cases := []struct {
		name string
		mode string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"auto, not a terminal", "auto", false, nil, false},
		{"auto, a terminal", "auto", true, nil, true},
		{"auto, a terminal, NO_COLOR", "auto", true, map[string]string{"NO_COLOR": "1"}, false},
		{"auto, a terminal, TERM=dumb", "auto", true, map[string]string{"TERM": "dumb"}, false},
		{"auto, FORCE_COLOR, not a terminal", "auto", false, map[string]string{"FORCE_COLOR": "1"}, true},
		{"auto, FORCE_COLOR and TERM=dumb", "auto", false, map[string]string{"FORCE_COLOR": "true", "TERM": "dumb"}, true},
		{"auto, FORCE_COLOR=0, a terminal", "auto", true, map[string]string{"FORCE_COLOR": "0"}, true},
		{"auto, FORCE_COLOR=0, not a terminal", "auto", false, map[string]string{"FORCE_COLOR": "0"}, false},
		{"auto, NO_COLOR beats FORCE_COLOR", "auto", true, map[string]string{"NO_COLOR": "1", "FORCE_COLOR": "1"}, false},
		{"always, not a terminal", "always", false, nil, true},
		{"always, NO_COLOR", "always", false, map[string]string{"NO_COLOR": "1"}, true},
		{"never, a terminal", "never", true, map[string]string{"FORCE_COLOR": "1"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out, _ := fakeStreams(c.tty, c.env)
			if got := s.ColorEnabled(c.mode, out); got != c.want {
				t.Errorf("ColorEnabled = %v, want %v", got, c.want)
			}
		})
	}
}

// TestColorOutput: the decision reaches what is printed, on standard
// output and on standard error, for a whole run.
func TestColorOutput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	// Synthetic: a key written twice is a finding whatever else the file holds.
	if err := os.WriteFile(bad, []byte("# synthetic\ncountry:\n  code: BE\n  code: NL\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const esc = "\x1b["
	cases := []struct {
		name     string
		args     []string
		tty      bool
		env      map[string]string
		out, err bool // escapes expected on stdout, stderr
	}{
		{"auto on a pipe", []string{"validate", bad}, false, nil, false, false},
		{"auto on a terminal", []string{"validate", bad}, true, nil, true, false},
		{"NO_COLOR on a terminal", []string{"validate", bad}, true, map[string]string{"NO_COLOR": "x"}, false, false},
		{"always on a pipe", []string{"validate", "--color", "always", bad}, false, nil, true, false},
		{"never on a terminal", []string{"validate", "--color=never", bad}, true, nil, false, false},
		// The summary line goes to standard error when standard output
		// is not text (a report file): colored by standard error's own decision.
		{"summary on a terminal", []string{"validate", "--format", "json=" + filepath.Join(dir, "out.json"), bad}, true, nil, false, true},
		{"summary on a pipe", []string{"validate", "--format", "json=" + filepath.Join(dir, "out.json"), bad}, false, nil, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out, errOut := fakeStreams(c.tty, c.env)
			if code := Run(c.args, s); code != ExitFindings {
				t.Fatalf("exit %d; stderr: %s", code, errOut)
			}
			if got := strings.Contains(out.String(), esc); got != c.out {
				t.Errorf("escapes on stdout: %v, want %v:\n%q", got, c.out, out)
			}
			if got := strings.Contains(errOut.String(), esc); got != c.err {
				t.Errorf("escapes on stderr: %v, want %v:\n%q", got, c.err, errOut)
			}
		})
	}
}

// TestWorkbookNotToTerminal: the overview's workbook is binary; it is
// written to standard output only when that is not a terminal.
func TestWorkbookNotToTerminal(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml"))
	s, out, errOut := fakeStreams(true, nil)
	if code := Run([]string{"overview", "--today", "2026-11-22", "--format", "xlsx", root}, s); code != ExitUsage {
		t.Fatalf("to a terminal: exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(errOut.String(), "an xlsx workbook is binary") || out.Len() != 0 {
		t.Errorf("stderr %q, %d bytes out", errOut, out.Len())
	}
	s, out, errOut = fakeStreams(false, nil)
	if code := Run([]string{"overview", "--today", "2026-11-22", "--format", "xlsx", root}, s); code != ExitOK {
		t.Fatalf("to a pipe: exit %d, stderr %s", code, errOut)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("PK")) {
		t.Errorf("no workbook on stdout: %q", out.String()[:min(out.Len(), 40)])
	}
}

// TestIsTerminalDefault: without an override the operating system decides:
// a pipe and a buffer are not terminals.
func TestIsTerminalDefault(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	s := IOStreams{Out: w}
	if s.IsTerminal(w) || s.IsTerminal(&bytes.Buffer{}) {
		t.Error("a pipe or a buffer taken for a terminal")
	}
	if s.ColorEnabled("auto", w) {
		t.Error("auto colors a pipe")
	}
}

// TestExitStatusInEveryHelp: every command's help ends with the exit
// statuses, written once (exitStatusText), and says each only once.
func TestExitStatusInEveryHelp(t *testing.T) {
	shared := "2 usage error (bad flag, bad configuration, path that does not exist); 3 internal error."
	var visit func(c *cobra.Command)
	n := 0
	visit = func(c *cobra.Command) {
		n++
		flat := strings.Join(strings.Fields(c.Long), " ")
		if strings.Count(flat, "Exit status:") != 1 || !strings.HasSuffix(flat, shared) {
			t.Errorf("%s: the help does not end with the exit statuses once:\n%s", c.CommandPath(), c.Long)
		}
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(Root())
	if n < 15 {
		t.Errorf("only %d commands", n)
	}
	if got := exitStatusText("", ""); got != "Exit status: 0 success; 2 usage error (bad flag, bad configuration, path that\ndoes not exist); 3 internal error." {
		t.Errorf("plain: %q", got)
	}
}
