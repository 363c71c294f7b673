package diff_test

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

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/testenv"
)

// idBreakProbe lays out every stable ID (code.id) and records, in a
// div#idcheck, the IDs that break onto a new line between two letters or
// digits.
const idBreakProbe = `<script>
window.addEventListener("load", function () {
  var bad = [], ids = document.querySelectorAll("code.id");
  ids.forEach(function (el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), top = null, prev = "";
    while (walker.nextNode()) {
      var t = walker.currentNode;
      for (var i = 0; i < t.length; i++) {
        var r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
        var rects = r.getClientRects();
        if (!rects.length) { continue; }
        var ch = t.data[i];
        if (top !== null && rects[0].top > top + 2 && /[A-Za-z0-9]/.test(prev) && /[A-Za-z0-9]/.test(ch)) { bad.push(el.textContent); }
        top = rects[0].top; prev = ch;
      }
    }
  });
  var d = document.createElement("div");
  d.id = "idcheck"; d.setAttribute("data-ids", String(ids.length)); d.setAttribute("data-bad", bad.join(" | "));
  document.body.appendChild(d);
});
</script>
`

// textOf is the text of a parsed page.
func textOf(n *html.Node) string {
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

// chromium finds a headless Chromium: $CHROMIUM, or Debian's package.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testenv.Missing(t, "no Chromium: install Debian's chromium package (.ci/run does) to run the browser test")
	return ""
}

// runChromium runs headless Chromium with the flags that keep it off the
// network and away from the user's profile. The very first start on a
// machine can fail while Chromium sets itself up (font caches): one retry.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	out, err := chromiumOnce(t, bin, args...)
	if err != nil {
		t.Logf("chromium failed once, retrying: %v", err)
		if out, err = chromiumOnce(t, bin, args...); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func chromiumOnce(t *testing.T, bin string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// TestHTMLInBrowser opens HTML reports in headless Chromium: the hostile
// report renders with its factsheet text shown as text, no element or
// script from that text exists in the rendered page, and a payload that
// would mark the page if any script ran leaves no mark. The real report of
// the Belgian test round renders, and with -update its screenshot is saved
// as docs/diff-report.png for the documentation.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()

	// Factsheet text that would leave a mark on the page if a script or an
	// event handler ever ran, on top of the hostile report's payloads.
	mark := `<img src=x onerror="document.body.setAttribute('data-pwned','yes')"><script>document.title='PWNED'</script>`
	old, new := richOld(), richNew()
	new.Sections["governance"].Questions["national_board"].Comments = "A board exists. " + mark + " " + hostile
	new.Title = mark
	var b bytes.Buffer
	if err := diff.WriteHTML(&b, diff.Compare(old, new), htmlOpts); err != nil {
		t.Fatal(err)
	}
	if err := diff.WriteHTML(&b, hostileResult(), htmlOpts); err != nil {
		t.Fatal(err)
	}
	hostile := filepath.Join(dir, "hostile.html")
	if err := os.WriteFile(hostile, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := string(runChromium(t, bin, "--dump-dom", "file://"+hostile))
	doc, err := html.Parse(strings.NewReader(dom))
	if err != nil || !strings.Contains(dom, "<body") {
		t.Fatalf("Chromium rendered nothing usable (%v):\n%.500s", err, dom)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "img", "iframe", "object", "embed":
				t.Errorf("the rendered page has a <%s> element: factsheet text became markup", n.Data)
			case "title":
				if n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "PWNED") {
					t.Errorf("a script changed the title")
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "data-pwned" {
					t.Errorf("the rendered page has the attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !strings.Contains(dom, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile text is not shown as text in the rendered page")
	}

	// The real report renders and is what the documentation shows.
	be := compare(t, roundOld, beYAML)
	b.Reset()
	if err := diff.WriteHTML(&b, be, htmlOpts); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.html")
	if err := os.WriteFile(report, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = string(runChromium(t, bin, "--dump-dom", "file://"+report))
	page, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	text := textOf(page)
	for _, want := range []string{"strategies.cancer_strategy_discussions", "renumbered", "Belgium: what changed",
		"latest round: update round 2025-10", "latest round: review round 2026-02", "on 2026-11-22 by factsheet v1.2.0"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rendered report lacks %q", want)
		}
	}
	if strings.Contains(text, "[^") {
		t.Errorf("the rendered report shows a raw footnote reference [^N]")
	}
	if !strings.Contains(dom, `<sup class="fn" title="Footnote 15: https://www.riziv.fgov.be/`) {
		t.Errorf("the rendered report has no footnote number with its text on hover")
	}

	// Stable IDs break only between their parts. The report forbids
	// scripts, so a copy of it without that rule carries one that lays out
	// every ID in a narrow window and marks each line break between two
	// letters or digits.
	probe := strings.Replace(b.String(), `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`, "", 1)
	probe = strings.Replace(probe, "</body>", idBreakProbe+"</body>", 1)
	probePath := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probePath, []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}
	pdom := string(runChromium(t, bin, "--window-size=360,2000", "--virtual-time-budget=5000", "--dump-dom", "file://"+probePath))
	m := regexp.MustCompile(`<div id="idcheck" data-ids="(\d+)" data-bad="([^"]*)">`).FindStringSubmatch(pdom)
	switch {
	case m == nil:
		t.Errorf("the ID probe did not run:\n%.300s", pdom)
	case m[1] == "0":
		t.Errorf("the probe found no stable ID to lay out")
	case m[2] != "":
		t.Errorf("stable IDs broken inside a word in a narrow window: %s", m[2])
	}
	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,1500", "file://"+report)
	png, err := os.ReadFile(shot)
	if err != nil || len(png) < 10_000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no usable screenshot (%d bytes, %v)", len(png), err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "diff-report.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
