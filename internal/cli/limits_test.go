package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecanplus/factsheet/internal/source"
)

// endless is standard input that never ends (head -c 1G /dev/zero, and
// more); it counts what was taken from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += int64(len(p))
	return len(p), nil
}

// TestStdinBoundedWhileReading: every command that reads standard input
// stops one read past source.MaxSize. lint - used to read all of it first
// (1 GB of zeros: 2.6 GB of memory); --files-from - read 64 MiB and printed
// the line back (268 MB of error message).
func TestStdinBoundedWhileReading(t *testing.T) {
	be := filepath.Join("..", "..", "testdata", "factsheets", "BE.yaml")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{name: "lint -", args: []string{"lint", "-"}, code: ExitFindings},
		{name: "validate -", args: []string{"validate", "-"}, code: ExitFindings},
		{name: "convert -", args: []string{"convert", "-", "--to", "yaml"}, code: ExitFindings},
		{name: "diff -", args: []string{"diff", "-", be}, code: ExitFindings},
		{name: "--files-from -", args: []string{"lint", "--files-from", "-"}, code: ExitUsage,
			stderr: "factsheet: --files-from standard input: the list is larger than the 8 MiB limit\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := &endless{}
			var out, errOut bytes.Buffer
			done := make(chan int, 1)
			go func() {
				done <- Run(tc.args, IOStreams{In: in, Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }})
			}()
			var code int
			select {
			case code = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("did not stop reading")
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.code, errOut.String())
			}
			if limit := int64(source.MaxSize + 64<<10); in.n > limit {
				t.Errorf("read %d bytes of standard input, more than the limit and a buffer (%d)", in.n, limit)
			}
			if tc.stderr != "" && errOut.String() != tc.stderr {
				t.Errorf("stderr %q, want %q", errOut.String(), tc.stderr)
			}
			if tc.stderr == "" && !strings.Contains(out.String()+errOut.String(), "[input-too-large]") {
				t.Errorf("no input-too-large finding:\n%s%s", out.String(), errOut.String())
			}
		})
	}
}

// TestErrorsAreOneShortLine: whatever a message quotes (a path of a
// megabyte, control characters), the error is one line of bounded length.
func TestErrorsAreOneShortLine(t *testing.T) {
	long := strings.Repeat("é", 1<<20) + "\n\x1b[31m"
	var errOut bytes.Buffer
	code := Run([]string{"validate", long}, IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut, Getenv: func(string) string { return "" }})
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	msg := errOut.String()
	if strings.Count(msg, "\n") != 1 || len(msg) > maxErrorLen+100 || strings.Contains(msg, "\x1b") {
		t.Errorf("error of %d bytes, %d lines: %.120q", len(msg), strings.Count(msg, "\n"), msg)
	}
	if !strings.HasPrefix(msg, "factsheet: éé") || !strings.HasSuffix(msg, "… (cut)\n") {
		t.Errorf("error %.60q ... %q", msg, msg[max(0, len(msg)-30):])
	}
	for _, tc := range []struct{ in, want string }{
		{"short", "short"},
		{"two\nlines", `two\nlines`},
		{strings.Repeat("a", maxErrorLen), strings.Repeat("a", maxErrorLen)},
		{strings.Repeat("a", maxErrorLen+1), strings.Repeat("a", maxErrorLen) + "… (cut)"},
	} {
		if got := oneLine(tc.in); got != tc.want {
			t.Errorf("oneLine(%.20q) = %.40q, want %.40q", tc.in, got, tc.want)
		}
	}
}
