package overview_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/overview"
	"github.com/ecanplus/factsheet/schema"
)

// goldenCases are the overviews whose outputs are kept under
// testdata/golden.
func goldenCases(t *testing.T) map[string]*overview.Overview {
	return map[string]*overview.Overview{
		"corpus":     build(t, overview.Options{}),
		"all-rounds": build(t, overview.Options{AllRounds: true}, "governance"),
		"be-topic":   beOverview(t, "governance.national_board", "strategies", "solutions.ecosystem"),
	}
}

// TestGolden compares the text formats with their golden files. Run with
// -update after an intended change and review the difference.
func TestGolden(t *testing.T) {
	for name, ov := range goldenCases(t) {
		for _, format := range []string{"md", "csv", "json", "html"} {
			t.Run(name+"."+format, func(t *testing.T) {
				got := render(t, format, ov)
				path := filepath.Join("testdata", "golden", name+"."+format)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/overview -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from its golden file (run with -update and review the diff)\n%s", path, firstDiff(got, want))
				}
			})
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got %.300q\nwant %.300q", i+1, a, b)
		}
	}
	return ""
}

// The same files give the same bytes, in every format, built again from
// scratch.
func TestDeterministic(t *testing.T) {
	for format := range writers {
		t.Run(format, func(t *testing.T) {
			a := render(t, format, build(t, overview.Options{}))
			b := render(t, format, build(t, overview.Options{}))
			if !bytes.Equal(a, b) {
				t.Errorf("two runs differ (%d and %d bytes)", len(a), len(b))
			}
		})
	}
}

// The Markdown text: nothing from a factsheet becomes markup.
func TestMarkdownEscapes(t *testing.T) {
	md := string(render(t, "md", build(t, overview.Options{}, "uptake.certified_solutions")))
	for _, bad := range []string{"<script>", "<img", "](", "\n-5"} {
		if strings.Contains(md, bad) {
			t.Errorf("the Markdown has %q", bad)
		}
	}
	for _, want := range []string{
		"**Austria**: \\=HYPERLINK(\"http://evil.example/\",\"click me\"). Synthetic test text for Austria",
		"&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp; \"quotes\"",
		"#### How many eHealth solutions",
		"1. Synthetic source",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
}

// The CSV loads with Go's RFC 4180 reader: a header, one row per (column,
// item), every field a spreadsheet would evaluate guarded.
func TestCSV(t *testing.T) {
	ov := build(t, overview.Options{})
	raw := render(t, "csv", ov)
	if !bytes.HasSuffix(raw, []byte("\r\n")) || bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Error("want CRLF line ends and no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(overview.CSVHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != 1+6*77 {
		t.Errorf("%d rows, want 1 + 6 countries x 77 items", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	find := func(country, item string) []string {
		for _, r := range rows[1:] {
			if r[col["country"]] == country && r[col["item_id"]] == item {
				return r
			}
		}
		t.Fatalf("no row for %s %s", country, item)
		return nil
	}
	r := find("AT", "uptake.certified_solutions")
	if got := r[col["answer"]]; got != `'=HYPERLINK("http://evil.example/","click me")` {
		t.Errorf("formula not guarded: %q", got)
	}
	for item, want := range map[string]string{"uptake.public_private_split": "'+43", "uptake.provider_use": "'-5", "uptake.reliability": "'@SUM"} {
		if got := find("AT", item)[col["answer"]]; !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q not guarded", item, got)
		}
	}
	r = find("DK", "strategies.national_strategy")
	if !strings.Contains(r[col["comment"]], "\n• fictional interoperability work [") || r[col["file"]] != "DK.yaml" || r[col["line_or_place"]] == "" {
		t.Errorf("DK national_strategy: %q at %s:%s", r[col["comment"]], r[col["file"]], r[col["line_or_place"]])
	}
	if got := r[col["footnote_urls"]]; got != "https://example.org/synthetic/dk/10\nhttps://example.org/synthetic/dk/11" {
		t.Errorf("footnote_urls %q", got)
	}
	if r[col["round"]] != "review 2026-01" || r[col["chapter"]] != "3 STRATEGIES/POLICIES" || r[col["table"]] != "Table 3" || r[col["category"]] != "partial" {
		t.Errorf("DK national_strategy: %v", r)
	}
	for _, r := range rows[1:] {
		for i, f := range r {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Errorf("unguarded %s %q", rows[0][i], f)
			}
		}
	}
}

// The CSV loads with Python's csv module (the reference reader of many
// analysts) to the same rows.
func TestCSVWithPython(t *testing.T) {
	py := tool(t, "", "python3")
	path := filepath.Join(t.TempDir(), "overview.csv")
	writeFile(t, path, string(render(t, "csv", build(t, overview.Options{}))))
	script := `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
at = [r for r in rows if r["country"] == "AT" and r["item_id"] == "uptake.certified_solutions"][0]
print(json.dumps({"rows": len(rows), "fields": list(rows[0].keys()), "answer": at["answer"], "comment": at["comment"]}))`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got struct {
		Rows    int
		Fields  []string
		Answer  string
		Comment string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Rows != 6*77 || strings.Join(got.Fields, ",") != strings.Join(overview.CSVHeader, ",") {
		t.Errorf("python read %d rows with fields %v", got.Rows, got.Fields)
	}
	if got.Answer != `'=HYPERLINK("http://evil.example/","click me")` || !strings.Contains(got.Comment, `<script>alert(1)</script> <img src=x onerror=alert(2)> & "quotes"`) {
		t.Errorf("python read %q / %q", got.Answer, got.Comment)
	}
}

// compileOverviewSchema compiles schema/overview.schema.json as embedded,
// with the other schemas as resources, never fetching anything.
func compileOverviewSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("refusing to fetch %s: tests never use the network", u)
	}
	for _, name := range schema.Names() {
		b, _ := schema.File(name)
		if err := c.AddResource(schema.Base+name, bytes.NewReader(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	s, err := c.Compile(overview.SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The JSON output validates against its embedded schema, with and without
// the by-topic text, and the schema catches a change of shape.
func TestJSONSchema(t *testing.T) {
	s := compileOverviewSchema(t)
	if _, ok := schema.File("overview.schema.json"); !ok {
		t.Fatal("overview.schema.json is not embedded")
	}
	docs := map[string]*overview.Overview{
		"corpus":   build(t, overview.Options{}),
		"topics":   build(t, overview.Options{AllRounds: true}, "governance", "solutions.treatment"),
		"belgium":  beOverview(t, "governance.national_board"),
		"no files": overview.Build(nil, overview.Options{Today: today}),
	}
	for name, ov := range docs {
		t.Run(name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal(render(t, "json", ov), &v); err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(v); err != nil {
				t.Fatalf("the JSON output does not validate: %#v", err)
			}
		})
	}
	var v map[string]any
	_ = json.Unmarshal(render(t, "json", build(t, overview.Options{})), &v)
	v["items"].([]any)[0].(map[string]any)["values"].([]any)[0].(map[string]any)["category"] = "maybe"
	if s.Validate(v) == nil {
		t.Error("the schema accepts an unknown category")
	}
	delete(v, "files")
	if s.Validate(v) == nil {
		t.Error("the schema accepts a document without files")
	}
}

// The JSON holds everything: values aligned with the columns, positions,
// sources, every file with its state.
func TestJSONContent(t *testing.T) {
	var doc struct {
		Columns []struct {
			Country struct{ Code string }
			File    string
		}
		Files []struct {
			File, State string
			Errors      []struct{ Rule string }
		}
		Items []struct {
			ID     string
			Values []struct {
				Answer, Category string
				Position         struct {
					File string
					Line int
				}
				Sources []struct{ Label, Title string }
			}
		}
		Topics []struct {
			Paragraphs []struct{ Name, Text string }
		}
	}
	if err := json.Unmarshal(render(t, "json", build(t, overview.Options{}, "governance.national_board")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Columns) != 6 || len(doc.Files) != 9 || len(doc.Items) != 1 || len(doc.Items[0].Values) != 6 || len(doc.Topics) != 1 {
		t.Fatalf("%d columns, %d files, %d items, %d topics", len(doc.Columns), len(doc.Files), len(doc.Items), len(doc.Topics))
	}
	v := doc.Items[0].Values[1]
	if doc.Columns[1].Country.Code != "DK" || v.Position.File != "DK.yaml" || v.Position.Line == 0 || len(v.Sources) != 1 || v.Category == "" {
		t.Errorf("DK national_board: %+v", v)
	}
	if lu := doc.Files[6]; lu.File != "LU-broken.yaml" || lu.State != "excluded" || len(lu.Errors) != 3 {
		t.Errorf("files[6]: %+v", lu)
	}
	if p := doc.Topics[0].Paragraphs[0]; p.Name != "Austria" || !strings.HasSuffix(p.Text, "[1].") {
		t.Errorf("topic paragraph: %+v", p)
	}
}

// The HTML escapes every piece of factsheet text, runs only its own
// script (allowed by hash), links only web addresses.
func TestHTMLEscapes(t *testing.T) {
	page := string(render(t, "html", build(t, overview.Options{}, "uptake", "governance")))
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	scripts := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "img", "iframe", "object", "embed", "link", "base", "form":
				t.Errorf("the page has a <%s> element", n.Data)
			case "a":
				for _, a := range n.Attr {
					if a.Key == "href" && !overview.Linkable(a.Val) {
						t.Errorf("a link to %q", a.Val)
					}
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || (a.Key == "src") {
					t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 1 {
		t.Errorf("%d scripts, want the page's own one", scripts)
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp; &#34;quotes&#34;") {
		t.Error("the hostile comment is not shown as text")
	}
	if !strings.Contains(page, "script-src &#39;sha256-") || strings.Contains(page, "unsafe-eval") || strings.Contains(page, "http-equiv=\"refresh") {
		t.Error("the Content-Security-Policy does not pin the script by hash")
	}
	if strings.Contains(page, "://fonts.") || strings.Contains(page, "<link") || strings.Contains(page, "@import") {
		t.Error("the page loads an external resource")
	}
}
