package diff_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ecanplus/factsheet/internal/diff"
	"github.com/ecanplus/factsheet/internal/testenv"
)

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
	if err := diff.WriteHTML(&b, diff.Compare(old, new)); err != nil {
		t.Fatal(err)
	}
	if err := diff.WriteHTML(&b, hostileResult()); err != nil {
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
	if err := diff.WriteHTML(&b, be); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.html")
	if err := os.WriteFile(report, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = string(runChromium(t, bin, "--dump-dom", "file://"+report))
	for _, want := range []string{"cancer_strategy_discussions", "renumbered"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered report lacks %q", want)
		}
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
