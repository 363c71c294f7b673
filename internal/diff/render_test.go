package diff_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// render writes a result in every format.
func render(t *testing.T, r *diff.Result) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := diff.WriteText(&b, r, diff.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out["txt"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := diff.WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	out["md"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := diff.WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	out["html"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := diff.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	out["json"] = append([]byte(nil), b.Bytes()...)
	return out
}

func richResult() *diff.Result {
	r := diff.Compare(richOld(), richNew())
	r.Old, r.New = "old.yaml", "new.yaml"
	return r
}

// TestGolden compares every format with its golden file. Run with -update
// after an intended change and review the difference.
func TestGolden(t *testing.T) {
	cases := map[string]*diff.Result{
		"BE-2025-10": compare(t, roundOld, beYAML),
		"rich":       richResult(),
		"same":       compare(t, beYAML, beDoc),
	}
	for name, r := range cases {
		for ext, got := range render(t, r) {
			path := filepath.Join("testdata", "golden", name+"."+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/diff -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (run go test ./internal/diff -update and review):\n%s", path, got)
			}
		}
	}
}

// TestTextColor: with color, removed text is red and added text green,
// and there are no [- -] {+ +} markers; without, no escape sequences.
func TestTextColor(t *testing.T) {
	r := compare(t, roundOld, beYAML)
	var plain, colored bytes.Buffer
	_ = diff.WriteText(&plain, r, diff.TextOptions{})
	_ = diff.WriteText(&colored, r, diff.TextOptions{Color: true})
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain text output has escape sequences")
	}
	if !strings.Contains(plain.String(), "[-From-]{+Since+}") {
		t.Errorf("plain text output lacks the word diff markers:\n%s", plain.String())
	}
	for _, want := range []string{"\x1b[31mFrom\x1b[0m", "\x1b[32mSince\x1b[0m"} {
		if !strings.Contains(colored.String(), want) {
			t.Errorf("colored output lacks %q", want)
		}
	}
	if strings.Contains(colored.String(), "[-From-]") {
		t.Error("colored output has markers")
	}
}

// TestTextNeutralisesControls: an escape sequence or a bidirectional
// override hidden in a comment is shown, not sent to the terminal.
func TestTextNeutralisesControls(t *testing.T) {
	old, new := richOld(), richNew()
	new.Sections["governance"].Questions["national_board"].Comments = "A board \x1b[2J exists.\u202e"
	r := diff.Compare(old, new)
	var b bytes.Buffer
	_ = diff.WriteText(&b, r, diff.TextOptions{})
	if strings.ContainsAny(b.String(), "\x1b\u202e") {
		t.Errorf("control characters reach the terminal:\n%q", b.String())
	}
	if !strings.Contains(b.String(), `\x1B[2J`) || !strings.Contains(b.String(), `\u202E`) {
		t.Errorf("control characters not shown:\n%s", b.String())
	}
}

// TestTextNoWorkflowCommands: a changed text whose line begins with "::"
// (after the report's indentation) would be read by GitHub's runner as a
// workflow command; the marks U+200E/U+200F and U+061C are shown like the
// other bidirectional controls.
func TestTextNoWorkflowCommands(t *testing.T) {
	old, new := richOld(), richNew()
	new.Sections["governance"].Questions["national_board"].Comments = "A board.\n::error file=x::forged\n  ::add-mask::y \u200e\u200f\u061c"
	var b bytes.Buffer
	_ = diff.WriteText(&b, diff.Compare(old, new), diff.TextOptions{})
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			t.Errorf("a line reads as a workflow command: %q", line)
		}
	}
	if strings.ContainsAny(b.String(), "\u200e\u200f\u061c") {
		t.Errorf("bidirectional marks reach the terminal:\n%q", b.String())
	}
}

// hostile is factsheet text that tries to break out of every format.
const hostile = `<script>alert(1)</script> and "><img src=x onerror=alert(1)> then </details></p><!-- | **bold** | [x](javascript:alert(1))` + "\n\n# heading\n- item\n```\n"

func hostileResult() *diff.Result {
	old, new := richOld(), richNew()
	q := new.Sections["governance"].Questions
	q["national_board"].Comments = "A board exists. " + hostile
	q["ministry"].Answer = hostile
	q[`x"><img src=x onerror=alert(2)>`] = &model.Question{Answer: hostile, Comments: hostile}
	new.Sections["governance"].FurtherInformation = []string{hostile}
	new.Rounds[2].Contributors[0].Name = hostile
	new.Rounds[2].Date = `2026"><script>alert(3)</script>`
	new.Footnotes = append(new.Footnotes, model.Footnote{Label: "9", Text: hostile})
	new.Wording["governance.<script>"] = hostile
	new.Title = hostile
	r := diff.Compare(old, new)
	r.Old, r.New = `<script>alert("old")</script>.yaml`, `"><img src=x onerror=alert(1)>.yaml`
	return r
}

// TestHTMLEscapesEverything: factsheet text (comments, answers, IDs,
// names, file names, footnotes) appears in the HTML only escaped.
func TestHTMLEscapesEverything(t *testing.T) {
	var b bytes.Buffer
	if err := diff.WriteHTML(&b, hostileResult()); err != nil {
		t.Fatal(err)
	}
	out := strings.ToLower(b.String())
	for _, bad := range []string{"<script", "<img", "<!--"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML output contains %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(out, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the hostile text is not shown escaped")
	}
	checkHTML(t, b.Bytes())
}

// TestMarkdownEscapesEverything: the same text cannot inject HTML into a
// pull-request comment nor break its layout (no raw tag, no table row,
// heading, list or code fence from factsheet text).
func TestMarkdownEscapesEverything(t *testing.T) {
	var b bytes.Buffer
	if err := diff.WriteMarkdown(&b, hostileResult()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	low := strings.ToLower(out)
	for _, bad := range []string{"<script", "<img", "<!--", "</details></p>"} {
		if strings.Contains(low, bad) {
			t.Errorf("Markdown output contains %q", bad)
		}
	}
	// Every line is ours: a table row has the five or three cells we made,
	// no line starts with factsheet text.
	allowed := regexp.MustCompile(`^(|## factsheet diff|### .*|\| .*|\|:--.*|> Note: .*|\*\*.*|\*.*\*|<p>.*</p>|<details><summary>Whole text</summary>|</details>|.* → .*)$`)
	for _, line := range strings.Split(out, "\n") {
		if !allowed.MatchString(line) {
			t.Errorf("unexpected line (factsheet text breaking the layout?): %q", line)
		}
		if strings.HasPrefix(line, "|") {
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 6 && n != 4 {
				t.Errorf("table row with %d cell separators: %q", n, line)
			}
		}
	}
}

// checkHTML parses the page and checks it is a self-contained HTML5
// document: doctype, lang, charset, title, no scripts, no event handlers,
// no external resources.
func checkHTML(t *testing.T, page []byte) {
	t.Helper()
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>\n<html lang=\"en\">")) {
		t.Error("the page does not start with <!DOCTYPE html> and <html lang>")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "header": true, "main": true,
		"footer": true, "section": true, "h1": true, "h2": true, "p": true, "span": true, "div": true, "table": true,
		"thead": true, "tbody": true, "tr": true, "th": true, "td": true, "code": true, "del": true, "ins": true, "a": true,
	}
	var charset, title bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !allowed[n.Data] {
				t.Errorf("unexpected element <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
				if a.Key == "href" && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("link to %q", a.Val)
				}
				if n.Data == "meta" && a.Key == "charset" && a.Val == "utf-8" {
					charset = true
				}
			}
			if n.Data == "title" && n.FirstChild != nil && n.FirstChild.Data != "" {
				title = true
			}
			if n.Data == "style" && n.FirstChild != nil && (strings.Contains(n.FirstChild.Data, "url(") || strings.Contains(n.FirstChild.Data, "@import")) {
				t.Error("the stylesheet loads a resource")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !charset || !title {
		t.Errorf("charset %v, title %v", charset, title)
	}
}

func TestHTMLDocument(t *testing.T) {
	for _, r := range []*diff.Result{compare(t, roundOld, beYAML), richResult(), compare(t, beYAML, beYAML)} {
		var b bytes.Buffer
		if err := diff.WriteHTML(&b, r); err != nil {
			t.Fatal(err)
		}
		checkHTML(t, b.Bytes())
		for _, want := range []string{"@media print", `<meta charset="utf-8">`, "<del>", "<ins>"} {
			if !r.Empty() && !bytes.Contains(b.Bytes(), []byte(want)) {
				t.Errorf("HTML lacks %q", want)
			}
		}
	}
}

// TestJSONSchema: the JSON output validates against the published schema,
// which is the embedded schema/diff.schema.json.
func TestJSONSchema(t *testing.T) {
	raw, ok := schema.File("diff.schema.json")
	if !ok {
		t.Fatal("diff.schema.json is not embedded")
	}
	var meta struct {
		ID     string `json:"$id"`
		Schema string `json:"$schema"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.ID != diff.SchemaURL || meta.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$id %q, $schema %q", meta.ID, meta.Schema)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(diff.SchemaURL, bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(diff.SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*diff.Result{
		"BE": compare(t, roundOld, beYAML), "rich": richResult(), "hostile": hostileResult(), "same": compare(t, beYAML, beYAML),
		"mirror": compare(t, beYAML, roundOld),
	} {
		var b bytes.Buffer
		if err := diff.WriteJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&b)
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
