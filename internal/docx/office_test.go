package docx_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/internal/testenv"
)

// TestOpensInLibreOffice: the written document opens in another office
// suite without a repair: LibreOffice converts it to PDF, with every table
// and footnote, and poppler renders its pages. Set FACTSHEET_DOCX_PAGE to a
// file name to keep page 3 as a PNG (docs/word-page.png is made so).
func TestOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		testenv.Missing(t, "soffice (Debian libreoffice-writer-nogui) is not installed")
		return
	}
	pdftotext, err1 := exec.LookPath("pdftotext")
	pdftoppm, err2 := exec.LookPath("pdftoppm")
	if err1 != nil || err2 != nil {
		testenv.Missing(t, "pdftotext/pdftoppm (Debian poppler-utils) are not installed")
		return
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "BE.docx")
	if err := os.WriteFile(in, writeDocx(loadFile(t, "factsheets/BE.yaml").Model), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "BE.pdf")
	raw, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(raw)), " ") // lines wrap in cells
	for _, want := range []string{
		"POLICY MAPPING ON eHEALTH POLICIES",
		"1 DEFINITIONS", "5 CANCER SPECIFIC eHEALTH SOLUTIONS",
		"Table 2 : Overview on eHealth governance - Belgium",
		"Is there a national eHealth governance board in place?",
		"Further information:",
		"https://mhealthbelgium.be/",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	png := filepath.Join(dir, "page")
	if out, err := exec.Command(pdftoppm, "-png", "-r", "60", "-f", "4", "-l", "4", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(png + "*.png")
	if len(pages) != 1 {
		t.Fatalf("pdftoppm made %v", pages)
	}
	if keep := os.Getenv("FACTSHEET_DOCX_PAGE"); keep != "" {
		b, _ := os.ReadFile(pages[0])
		if err := os.WriteFile(keep, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
