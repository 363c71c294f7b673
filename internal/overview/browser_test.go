package overview_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/overview"
)

// chromium finds a headless Chromium: $CHROMIUM, or Debian's package. As in
// internal/diff's browser test; under CI=true a missing browser fails.
func chromium(t *testing.T) string {
	t.Helper()
	return tool(t, "CHROMIUM", "chromium", "chromium-browser", "google-chrome")
}

// runChromium runs headless Chromium off the network and away from the
// user's profile, with the page's console on stderr. The first start on a
// machine can fail while Chromium sets itself up: one retry.
func runChromium(t *testing.T, bin string, args ...string) (stdout, console string) {
	t.Helper()
	out, errs, err := chromiumOnce(t, bin, args...)
	if err != nil {
		t.Logf("chromium failed once, retrying: %v", err)
		if out, errs, err = chromiumOnce(t, bin, args...); err != nil {
			t.Fatal(err)
		}
	}
	return out, errs
}

func chromiumOnce(t *testing.T, bin string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
		"--enable-logging=stderr", "--v=0",
	}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String(), stderr.String(), nil
}

// consoleErrors are the page's script errors and refused resources, as
// Chromium logs them.
var consoleErrors = regexp.MustCompile(`(?m)^.*CONSOLE.*(Uncaught|Refused|Error|violates).*$`)

// rendered is the page as the browser left it: its DOM, parsed.
type rendered struct {
	root *html.Node
	dom  string
}

func render1(t *testing.T, bin, url string) rendered {
	t.Helper()
	dom, console := runChromium(t, bin, "--virtual-time-budget=5000", "--dump-dom", url)
	for _, m := range consoleErrors.FindAllString(console, -1) {
		t.Errorf("the page logged an error: %s", m)
	}
	root, err := html.Parse(strings.NewReader(dom))
	if err != nil || !strings.Contains(dom, "<body") {
		t.Fatalf("Chromium rendered nothing usable (%v):\n%.500s", err, dom)
	}
	return rendered{root, dom}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, c string) bool {
	v, _ := attr(n, "class")
	for _, x := range strings.Fields(v) {
		if x == c {
			return true
		}
	}
	return false
}

func each(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c, fn)
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// itemRows are the matrix rows, by item ID, with whether each is hidden.
func itemRows(r rendered) (ids []string, hidden map[string]bool, cells map[string][]*html.Node) {
	hidden, cells = map[string]bool{}, map[string][]*html.Node{}
	each(r.root, func(n *html.Node) {
		if n.Data != "tr" || !hasClass(n, "it") {
			return
		}
		var id string
		each(n, func(c *html.Node) {
			if c.Data == "code" && id == "" {
				id = text(c)
			}
			if c.Data == "td" {
				cells[id] = append(cells[id], c)
			}
		})
		_, h := attr(n, "hidden")
		ids = append(ids, id)
		hidden[id] = h
	})
	return ids, hidden, cells
}

// TestHTMLInBrowser opens the overview in headless Chromium: the page
// renders, its script runs without an error (and only its own script runs:
// the hostile comment stays text), the filters by chapter and by answer
// hide the rows they should, from the URL's fragment as from the controls'
// state. With -update its screenshot is saved as docs/overview.png.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "overview.html")
	// The title says what the screenshot in the documentation shows.
	writeFile(t, page, string(render(t, "html", build(t, overview.Options{Title: "Overview of the SYNTHETIC test corpus (invented data, not any country's real policy)"}))))

	// Unfiltered: every row shown, the script ran.
	r := render1(t, bin, "file://"+page)
	if !strings.Contains(r.dom, `data-ready="1"`) {
		t.Fatal("the page's script did not run to its end")
	}
	ids, hidden, cells := itemRows(r)
	if len(ids) != 77 {
		t.Fatalf("%d item rows, want 77", len(ids))
	}
	for _, id := range ids {
		if hidden[id] {
			t.Errorf("%s hidden without a filter", id)
		}
		if len(cells[id]) != 6 {
			t.Errorf("%s has %d cells, want 6", id, len(cells[id]))
		}
	}
	if !strings.Contains(r.dom, `77 of 77 items`) {
		t.Error("the item count is not shown")
	}
	each(r.root, func(n *html.Node) {
		switch n.Data {
		case "img", "iframe", "object", "embed":
			t.Errorf("the rendered page has a <%s> element: factsheet text became markup", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("the rendered page has %s=%q on <%s>", a.Key, a.Val, n.Data)
			}
		}
	})
	if !strings.Contains(r.dom, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile comment is not shown as text")
	}

	// Filtered by chapter 2 and by the answer No.
	r = render1(t, bin, "file://"+page+"#chapter=2&answer=no")
	ids, hidden, cells = itemRows(r)
	shown := 0
	for _, id := range ids {
		inChapter := strings.HasPrefix(id, "governance.")
		hasNo := false
		for _, c := range cells[id] {
			cat, _ := attr(c, "data-cat")
			if cat == "no" {
				hasNo = true
				if hasClass(c, "dim") {
					t.Errorf("%s: a No cell is dimmed", id)
				}
			} else if !hasClass(c, "dim") {
				t.Errorf("%s: a %s cell is not dimmed under the No filter", id, cat)
			}
		}
		if want := !(inChapter && hasNo); hidden[id] != want {
			t.Errorf("%s: hidden %v, want %v", id, hidden[id], want)
		}
		if !hidden[id] {
			shown++
		}
	}
	if shown == 0 {
		t.Error("no governance row with a No shown; the synthetic corpus has some")
	}
	if !strings.Contains(r.dom, fmt.Sprintf("%d of 77 items", shown)) {
		t.Errorf("the count does not say %d of 77 items", shown)
	}
	// Several answers: rows with an N/A or an empty cell, in every chapter.
	r = render1(t, bin, "file://"+page+"#answer=na,empty")
	ids, hidden, cells = itemRows(r)
	hiddenRows := 0
	for _, id := range ids {
		if hidden[id] {
			hiddenRows++
		}
		want := true
		for _, c := range cells[id] {
			if cat, _ := attr(c, "data-cat"); cat == "na" || cat == "empty" {
				want = false
			}
		}
		if hidden[id] != want {
			t.Errorf("#answer=na,empty: %s hidden %v, want %v", id, hidden[id], want)
		}
	}

	if hiddenRows == 0 || hiddenRows == len(ids) {
		t.Errorf("#answer=na,empty hid %d of %d rows; the corpus has rows with and without such answers", hiddenRows, len(ids))
	}

	// The screenshot the documentation shows.
	shot := filepath.Join(dir, "overview.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1600,1500", "file://"+page+"#chapter=2")
	png, err := os.ReadFile(shot)
	if err != nil || len(png) < 20_000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no usable screenshot (%d bytes, %v)", len(png), err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join(repo, "docs", "overview.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
