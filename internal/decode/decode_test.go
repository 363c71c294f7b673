package decode

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/source"
)

func decodeText(t *testing.T, name, text string) Result {
	t.Helper()
	f, fs := source.Decode(name, []byte(text))
	if f == nil {
		return Result{Findings: fs}
	}
	var r Result
	if strings.HasSuffix(name, ".json") {
		r = JSON(f)
	} else {
		r = YAML(f)
	}
	r.Findings = append(fs, r.Findings...)
	return r
}

func only(t *testing.T, fs []finding.Finding, rule string, line, col int, msg string) {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule && f.Line == line && f.Column == col && strings.Contains(f.Message, msg) {
			return
		}
	}
	t.Errorf("no %s finding at %d:%d containing %q; got %v", rule, line, col, msg, fs)
}

func TestBadInputs(t *testing.T) {
	billion := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		billion += n + ": &" + n + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = n
	}
	cases := []struct {
		name, file, text string
		rule             string
		line, col        int
		msg              string
	}{
		{"empty yaml", "x.yaml", "", RuleEmpty, 1, 1, "empty"},
		{"only comments", "x.yaml", "# nothing\n# here\n", RuleEmpty, 1, 1, "only comments"},
		{"unclosed quote", "x.yaml", "a: \"abc\nb: 2\n", RuleSyntax, 1, 4, "invalid YAML: the quote \" that starts here is never closed"},
		{"bad indentation", "x.yaml", "a:\n  b: 1\n c: 2\n", RuleSyntax, 2, 1, "invalid YAML"},
		{"duplicate key yaml", "x.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n", RuleDuplicateKey, 4, 3, "first defined at 3:3"},
		{"alias bomb", "x.yaml", billion, RuleLimit, 2, 0, "more than 100000 values"},
		{"infinity", "x.yaml", "a: .inf\n", RuleUnsupported, 1, 4, "not a number JSON can hold"},
		{"nan", "x.yaml", "a: [1, .NaN]\n", RuleUnsupported, 1, 8, "not a number"},
		{"merge key", "x.yaml", "base: &b {x: 1}\nc:\n  <<: *b\n", RuleUnsupported, 3, 3, "merge keys"},
		{"two documents", "x.yaml", "a: 1\n---\nb: 2\n", RuleUnsupported, 2, 1, "second YAML document"},
		{"complex key", "x.yaml", "? [a]\n: 1\n", RuleUnsupported, 1, 3, "plain text"},
		{"empty json", "x.json", "  \n", RuleEmpty, 1, 1, "empty"},
		{"trailing comma", "x.json", "{\"a\": 1,\n}", RuleSyntax, 2, 1, "invalid JSON"},
		{"truncated json", "x.json", "{\"a\": [1, 2", RuleSyntax, 1, 12, "ends early"},
		{"duplicate key json", "x.json", "{\"a\": 1,\n \"a\": 2}", RuleDuplicateKey, 2, 2, "first defined at 1:2"},
		{"trailing data json", "x.json", "{\"a\": 1} {}", RuleSyntax, 1, 10, "after the end"},
		{"control character", "x.yaml", "a: b\x01c\n", source.RuleControl, 1, 5, "U+0001"},
		{"nul bytes", "x.yaml", "a: b\x00\n", source.RuleBinary, 1, 5, "NUL"},
		{"latin-1", "x.yaml", "a: 1\nname: S\xf8nderskov\n", source.RuleEncoding, 2, 8, "0xF8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := decodeText(t, c.file, c.text)
			if c.col == 0 { // column not pinned
				for _, f := range r.Findings {
					if f.Rule == c.rule && strings.Contains(f.Message, c.msg) {
						return
					}
				}
				t.Fatalf("no %s finding containing %q; got %v", c.rule, c.msg, r.Findings)
			}
			only(t, r.Findings, c.rule, c.line, c.col, c.msg)
		})
	}
}

// TestDeepNesting: 100 000 levels stop with a finding, in both forms.
func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	for _, name := range []string{"x.json", "x.yaml"} {
		r := decodeText(t, name, deep)
		if r.Value != nil || len(r.Findings) == 0 {
			t.Errorf("%s: want a finding and no value, got %v", name, r.Findings)
		}
	}
	yamlDeep := strings.Repeat("- ", 20_000) + "x\n"
	if r := decodeText(t, "x.yaml", yamlDeep); len(r.Findings) == 0 {
		t.Errorf("deep block YAML: no finding")
	}
}

// TestValuesAreJSONShaped: the traps of plain YAML decoding do not happen.
func TestValuesAreJSONShaped(t *testing.T) {
	r := decodeText(t, "x.yaml", "date: 2024-01-15\nn: 12\nbig: 123456789012345678901234567890\nf: 1.5e3\nhex: 0x1F\nt: true\nnull: ~\n1: one\nyes: Yes\n")
	if len(r.Findings) > 0 {
		t.Fatal(r.Findings)
	}
	got, err := json.Marshal(r.Value)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"1":"one","big":123456789012345678901234567890,"date":"2024-01-15","f":1.5e3,"hex":31,"n":12,"null":null,"t":true,"yes":"Yes"}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestPositions: every pointer maps to the key and value positions, in
// characters, with a BOM and CRLF line ends too.
func TestPositions(t *testing.T) {
	yamlText := "a:\n  bé: \"x\"\n  list:\n    - 1\n    - k: v\n"
	jsonText := "{\n  \"a\": {\"bé\": \"x\",\n   \"list\": [1, {\"k\": \"v\"}]}}\n"
	type pos struct{ line, col, keyLine, keyCol int }
	cases := []struct {
		name, file, text string
		want             map[string]pos
	}{
		{"yaml", "x.yaml", yamlText, map[string]pos{
			"/a/bé": {2, 7, 2, 3}, "/a/list/0": {4, 7, 0, 0}, "/a/list/1/k": {5, 10, 5, 7},
		}},
		{"yaml crlf bom", "x.yaml", "\ufeff" + strings.ReplaceAll(yamlText, "\n", "\r\n"), map[string]pos{
			"/a/bé": {2, 7, 2, 3}, "/a/list/1/k": {5, 10, 5, 7},
		}},
		{"json", "x.json", jsonText, map[string]pos{
			"/a/bé": {2, 15, 2, 9}, "/a/list/0": {3, 13, 0, 0}, "/a/list/1/k": {3, 22, 3, 17},
		}},
		{"json crlf", "x.json", strings.ReplaceAll(jsonText, "\n", "\r\n"), map[string]pos{
			"/a/list/1/k": {3, 22, 3, 17},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := decodeText(t, c.file, c.text)
			if len(r.Findings) > 0 {
				t.Fatal(r.Findings)
			}
			for ptr, w := range c.want {
				s := r.Map[ptr]
				if s == nil {
					t.Errorf("%s: no span", ptr)
					continue
				}
				if got := (pos{s.Line, s.Col, s.KeyLine, s.KeyCol}); got != w {
					t.Errorf("%s: got %+v, want %+v", ptr, got, w)
				}
			}
		})
	}
}

// TestLoneSurrogateEscape: "\ud800" is half of a surrogate pair; it is
// reported at the escape (it used to become U+FFFD silently), a whole pair
// is not.
func TestLoneSurrogateEscape(t *testing.T) {
	r := decodeText(t, "x.json", "{\n  \"title\": \"caf\\ud800e\",\n  \"b\": \"\\udc00\\ud83d\\ude00\"}")
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s %d:%d", f.Rule, f.Line, f.Column))
	}
	if want := []string{"input-encoding 2:16", "input-encoding 3:9"}; strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("findings %v, want %v", got, want)
	}
	if m, ok := r.Value.(map[string]any); !ok || m["b"] != "\uFFFD😀" {
		t.Errorf("value %#v", r.Value)
	}
}
