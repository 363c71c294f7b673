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
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/model"
	"github.com/ecanplus/factsheet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// htmlOpts are the HTML report's header for the tests: a fixed day and
// version, so the golden files do not change with them.
var htmlOpts = diff.HTMLOptions{Generated: "2026-11-22", Version: "v1.2.0"}

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
	if err := diff.WriteHTML(&b, r, htmlOpts); err != nil {
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
// and the [- -] {+ +} markers stay, so the diff still reads for a
// colour-blind reader and in black and white; without color, the markers
// and no escape sequences.
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
	for _, want := range []string{"\x1b[31m[-From-]\x1b[0m", "\x1b[32m{+Since+}\x1b[0m"} {
		if !strings.Contains(colored.String(), want) {
			t.Errorf("colored output lacks %q:\n%s", want, colored.String())
		}
	}
	// Without its colors, the colored output is the plain one.
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colored.String(), "")
	if stripped != plain.String() {
		t.Errorf("the colored output says more or less than the plain one once its colors are gone:\n%s", stripped)
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
	if err := diff.WriteHTML(&b, hostileResult(), htmlOpts); err != nil {
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
// pull-request comment nor break its layout: rendered as GitHub renders
// Markdown (CommonMark with GitHub's tables, strikethrough and autolinks,
// raw HTML let through), the report has only the elements the report
// makes - no element, heading, list, code block, table row or link made by
// factsheet text.
func TestMarkdownEscapesEverything(t *testing.T) {
	var b bytes.Buffer
	if err := diff.WriteMarkdown(&b, hostileResult()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "|") {
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 6 && n != 4 {
				t.Errorf("table row with %d cell separators: %q", n, line)
			}
		}
	}
	page := renderGFM(t, b.Bytes())
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"html": true, "head": true, "body": true, "h2": true, "h3": true, "p": true, "strong": true,
		"em": true, "del": true, "ins": true, "code": true, "br": true, "blockquote": true, "details": true, "summary": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "a": true}
	count := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			count[n.Data]++
			if !allowed[n.Data] {
				t.Errorf("the rendered comment has a <%s> element: factsheet text became markup", n.Data)
			}
			for _, a := range n.Attr {
				if a.Key == "href" && !strings.HasPrefix(a.Val, "https://example.org/") && !strings.HasPrefix(a.Val, "https://www.emro.who.int/") {
					t.Errorf("the rendered comment links to %q", a.Val)
				}
				if a.Key != "href" && a.Key != "style" {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if count["h2"] != 1 || count["table"] != 2 {
		t.Errorf("headings and tables: %v, want the report's one h2 and two tables", count)
	}
	if !strings.Contains(string(page), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile text is not shown as text:\n%s", page)
	}
}

// TestMarkdownRendersChanges: on GitHub a deletion is struck through and
// an insertion bold, with a space between them, and the text reads in the
// plain text of an e-mail notification: no escapes where nothing needs one.
func TestMarkdownRendersChanges(t *testing.T) {
	var b bytes.Buffer
	if err := diff.WriteMarkdown(&b, compare(t, roundOld, beYAML)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"`BE-2025-10.yaml` → `BE.yaml`", "~~From~~ **Since** January 2026", "~~No~~ → **Yes**",
		"~~No~~ **Yes partially**, ~~reimbursement~~ **reimbursed** for ~~a~~ specific group", "| `strategies.cancer_strategy_discussions`<br>"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	for _, bad := range []string{`\-`, `\.`, `\:`, "<del>", "<ins>", "| 1 DEFINITIONS |", "| Document |"} {
		if strings.Contains(md, bad) {
			t.Errorf("the Markdown has %q (an escape nothing needs, a tag e-mail shows, a part without changes)", bad)
		}
	}
	page := string(renderGFM(t, b.Bytes()))
	for _, want := range []string{"<del>From</del> <strong>Since</strong> January 2026", "<del>will be</del> <strong>is</strong> integrated", "<code>strategies.cancer_strategy_discussions</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("rendered, the comment lacks %q:\n%s", want, page)
		}
	}
}

// renderGFM renders Markdown as GitHub does: CommonMark, GitHub's
// extensions, and raw HTML passed through (GitHub keeps <details>, <br>,
// <del> and the like).
func renderGFM(t *testing.T, md []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
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
		"dl": true, "dt": true, "dd": true, "sup": true, "wbr": true,
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
		if err := diff.WriteHTML(&b, r, htmlOpts); err != nil {
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
