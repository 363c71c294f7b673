package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecanplus/factsheet/internal/testenv"
)

// TestMain lets the test binary act as the factsheet command, so the
// end-to-end scripts run the real CLI in-process (no build step).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"factsheet":    func() { os.Exit(Main()) },
		"unprivileged": func() { os.Exit(unprivileged(os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Set
// UPDATE_SCRIPTS=1 to rewrite their expected output after an intended change.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
		Setup: func(env *testscript.Env) error {
			// Scripts see the repository's shipped examples as $FACTSHEETS.
			env.Setenv("FACTSHEETS", filepath.Join(root, "testdata", "factsheets"))
			// ... and the Word documents and other saved forms as $WORDDOCS.
			env.Setenv("WORDDOCS", filepath.Join(root, "testdata", "docx"))
			// ... and the repository templates of the tests as $TEMPLATES.
			env.Setenv("TEMPLATES", filepath.Join(root, "testdata", "templates"))
			env.Setenv("NO_COLOR", "")
			env.Setenv("TERM", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exit N CMD ARGS... runs CMD and asserts its exact exit status
			// (testscript's "!" only says "non-zero").
			"exit": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exit CODE COMMAND [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exit: bad code %q", args[0])
				}
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				switch {
				case errors.As(err, &ee):
					got = ee.ExitCode()
				case err != nil:
					ts.Fatalf("exit: %v", err)
				}
				if got != want {
					ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
				}
			},
			// bigfile BYTES FILE writes a file of BYTES bytes ("x"), for the
			// size limits.
			"bigfile": func(ts *testscript.TestScript, neg bool, args []string) {
				n, err := strconv.Atoi(args[0])
				if err != nil || len(args) != 2 {
					ts.Fatalf("usage: bigfile BYTES FILE")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), bytes.Repeat([]byte("x"), n), 0o644))
			},
			// replace FILE OLD NEW [OLD NEW...] replaces every OLD in FILE
			// with NEW, in turn; OLD and NEW are Go string literals without
			// their quotes ("\n", "\t", "\r\n"). An OLD that is not in the
			// file fails the script: an edit that does nothing proves nothing.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 3 || len(args)%2 != 1 {
					ts.Fatalf("usage: replace FILE OLD NEW [OLD NEW...]")
				}
				name := ts.MkAbs(args[0])
				b, err := os.ReadFile(name)
				ts.Check(err)
				text := string(b)
				for i := 1; i < len(args); i += 2 {
					old, err1 := strconv.Unquote(`"` + args[i] + `"`)
					new, err2 := strconv.Unquote(`"` + args[i+1] + `"`)
					if err1 != nil || err2 != nil {
						ts.Fatalf("replace: %q or %q is not a Go string without its quotes", args[i], args[i+1])
					}
					if !strings.Contains(text, old) {
						ts.Fatalf("replace: %q is not in %s", old, args[0])
					}
					text = strings.ReplaceAll(text, old, new)
				}
				ts.Check(os.WriteFile(name, []byte(text), 0o644))
			},
			// bom FILE puts a UTF-8 byte order mark before the content of FILE.
			"bom": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: bom FILE")
				}
				name := ts.MkAbs(args[0])
				b, err := os.ReadFile(name)
				ts.Check(err)
				ts.Check(os.WriteFile(name, append([]byte("\xef\xbb\xbf"), b...), 0o644))
			},
			// mkfifo FILE makes a named pipe (Unix; guard with [unix]).
			"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(mkfifo(ts.MkAbs(args[0])))
			},
		},
		Condition: func(cond string) (bool, error) {
			// [have:PROGRAM]: like [exec:PROGRAM], but on CI (testenv.CI)
			// a missing program fails the script instead of letting it
			// skip, so that CI never passes by running less.
			if prog, ok := strings.CutPrefix(cond, "have:"); ok {
				if _, err := exec.LookPath(prog); err != nil {
					if testenv.CI() {
						return false, fmt.Errorf("%s is needed by this script and missing (CI: a failure, not a skip)", prog)
					}
					return false, nil
				}
				return true, nil
			}
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			case "ci":
				return testenv.CI(), nil
			case "unprivileged":
				// Whether "unprivileged CMD" can run CMD without the power
				// to read any file: as a normal user always; as root (CI
				// runs as root) with setpriv(1), which CI must have.
				if os.Geteuid() != 0 {
					return true, nil
				}
				if _, err := exec.LookPath("setpriv"); err != nil {
					if testenv.CI() {
						return false, errors.New("setpriv (util-linux) is needed to test unreadable files as root, and missing")
					}
					return false, nil
				}
				return true, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}

// unprivileged runs a command without the power to read any file, so that
// a mode-000 file is unreadable even when the tests run as root (as on
// CI): as root, through setpriv(1), without the capabilities that bypass
// file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); otherwise as
// it is. The exit status is the command's.
func unprivileged(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: unprivileged COMMAND [ARGS...]")
		return 2
	}
	if os.Geteuid() == 0 {
		drop := "-dac_override,-dac_read_search"
		args = append([]string{"setpriv", "--inh-caps=" + drop, "--bounding-set=" + drop, "--"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "unprivileged:", err)
		return 127
	}
	return 0
}
