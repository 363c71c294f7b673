package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the factsheet command, so the
// end-to-end scripts run the real CLI in-process (no build step).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"factsheet": func() { os.Exit(Main()) },
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
			// chmod MODE FILE, for unreadable-file tests.
			"chmod": func(ts *testscript.TestScript, neg bool, args []string) {
				mode, err := strconv.ParseUint(args[0], 8, 32)
				if err != nil {
					ts.Fatalf("chmod: %v", err)
				}
				ts.Check(os.Chmod(ts.MkAbs(args[1]), os.FileMode(mode)))
			},
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}
