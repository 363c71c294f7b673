package fix_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusInputs reads the texts of the fuzz corpora the repository keeps
// (testdata/fuzz of every package): the inputs that once broke a reader.
func corpusInputs(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "*", "testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			for _, prefix := range []string{"[]byte(", "string("} {
				if lit, ok := strings.CutPrefix(line, prefix); ok {
					if s, err := strconv.Unquote(strings.TrimSuffix(lit, ")")); err == nil {
						out = append(out, []byte(s))
					}
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d corpus inputs found", len(out))
	}
	return out
}

var fuzzNames = []string{"x.yaml", "x.json", "x.txt"}

// checkFixTwice is the fixer's invariant on any input: fixing never makes a
// file that does not read, and fixing the result again changes nothing.
func checkFixTwice(t *testing.T, name string, raw []byte) {
	out := fixBytes(t, name, raw, true)
	if !out.Changed() {
		if string(out.Raw) != string(raw) {
			t.Fatalf("%s: unchanged, yet other bytes", name)
		}
		return
	}
	if out.Result.Model == nil {
		t.Fatalf("%s: the fixed file does not read:\n%s", name, out.Diff())
	}
	if again := fixBytes(t, name, out.Raw, true); again.Changed() {
		t.Fatalf("%s: fixing twice changes the file the second time:\n%s", name, again.Diff())
	}
}

// TestFixTwiceOnTheCorpora: idempotence over the fuzz corpora already in
// the repository, as YAML, JSON and the document.
func TestFixTwiceOnTheCorpora(t *testing.T) {
	for i, in := range corpusInputs(t) {
		for _, name := range fuzzNames {
			t.Run(strconv.Itoa(i)+"/"+name, func(t *testing.T) { checkFixTwice(t, name, in) })
		}
	}
}

// FuzzFix runs arbitrary text through the readers and the fixer: the
// second pass changes nothing, and what the first wrote still reads.
func FuzzFix(f *testing.F) {
	for _, name := range []string{"BE.yaml", "BE.txt"} {
		b := shipped(f, name)
		f.Add(uint8(0), b)
		f.Add(uint8(2), b)
		bs := base(f, name)
		plants := yamlPlants
		if name == "BE.txt" {
			plants = textPlants
		}
		for _, p := range plants {
			which := uint8(0)
			if name == "BE.txt" {
				which = 2
			}
			f.Add(which, []byte(p.edit(f, bs)))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, raw []byte) {
		checkFixTwice(t, fuzzNames[int(which)%len(fuzzNames)], raw)
	})
}
