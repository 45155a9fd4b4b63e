package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// printable is the width of an A4 page inside the bulletin's margins
// (210 mm less 2 × 12 mm), in CSS pixels (96 a inch).
const printable = 703

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBulletin prints the example site's bulletin of every month, in both
// languages, to PDF: at most two A4 pages, nothing wider than the printable
// area, no menu; and the update's page links to it.
func TestBulletin(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, _ := served(t, sitetest.Root())
	shots := screenshots(t)
	axe := axeSource(t)
	visit := open(t, ctx)
	var months []string
	for m := 3; m <= 12; m++ {
		months = append(months, fmt.Sprintf("2017-%02d", m))
	}
	for _, prefix := range editions {
		for _, month := range months {
			bulletin(t, ctx, visit, base, prefix, month, shots)
			if month == "2017-09" && axe != "" {
				// A month with a table of press articles, on screen.
				axeCheck(t, ctx, axe, 1280)
			}
		}
	}
}

// bulletin checks the bulletin of one month in one edition.
func bulletin(t *testing.T, ctx context.Context, visit func(string) visit, base, prefix, month, shots string) {
	t.Helper()
	{
		v := visit(base + prefix + "cap-nhat/" + month + "/")
		if v.Status != 200 {
			t.Fatalf("%s%s update: HTTP %d", prefix, month, v.Status)
		}
		link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.print-link a') || {}).href || ''`))
		if err != nil {
			t.Fatal(err)
		}
		if want := base + prefix + "cap-nhat/" + month + "/in/"; link != want {
			t.Errorf("%s%s update: the print link leads to %q, want %q", prefix, month, link, want)
		}
		v = visit(link)
		if v.Status != 200 || len(v.Console) > 0 || len(v.Failed) > 0 {
			t.Errorf("%s%s bulletin: HTTP %d, console %q, failed %q", prefix, month, v.Status, v.Console, v.Failed)
		}
		c, cancel := within(ctx, 30*time.Second)
		if err := chromedp.Do(c, chromedp.EmulateViewport(printable, 1000)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Nav, Targets, Rows int
			Wide               []string
			Over               int
		}
		s, err := chromedp.Run(c, chromedp.Evaluate[state](`(function () {
			var wide = Array.from(document.querySelectorAll('table, .table-scroll')).filter(function (e) {
				return e.scrollWidth > e.clientWidth; }).map(function (e) { return e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth; });
			return {Nav: document.querySelectorAll('.site-nav, .site-footer').length,
				Targets: document.querySelectorAll('.bulletin__targets tbody tr').length,
				Rows: document.querySelectorAll('.bulletin__summary tbody tr').length,
				Wide: wide, Over: document.documentElement.scrollWidth - window.innerWidth};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if s.Nav != 0 {
			t.Errorf("%s%s bulletin: %d menus or footers", prefix, month, s.Nav)
		}
		if s.Targets != 6 || s.Rows == 0 {
			t.Errorf("%s%s bulletin: %d targets, %d statuses in the summary; want 6 targets", prefix, month, s.Targets, s.Rows)
		}
		if len(s.Wide) > 0 || s.Over > 0 {
			t.Errorf("%s%s bulletin: cut off at the A4 width (%d px): tables %q, page %d px too wide", prefix, month, printable, s.Wide, s.Over)
		}
		if png, err := chromedp.Run(c, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(shots, strings.TrimSuffix(prefix, "/")+"bulletin-"+month+"-print.png"), png, 0o644)
		}
		pdf, err := chromedp.Run(c, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { yes := true; p.PreferCSSPageSize = &yes }))
		if err != nil {
			t.Fatalf("%s%s bulletin: %v", prefix, month, err)
		}
		if !regexp.MustCompile(`/MediaBox \[0 0 59[45]\.\d* 84[12]`).Match(pdf) {
			t.Errorf("%s%s bulletin: not printed on A4", prefix, month)
		}
		n := len(pdfPage.FindAll(pdf, -1))
		if n < 1 || n > 2 {
			t.Errorf("%s%s bulletin: %d A4 pages, want 1 or 2", prefix, month, n)
		}
		t.Logf("%sbulletin of %s: %d A4 pages", prefix, month, n)
		os.WriteFile(filepath.Join(shots, fmt.Sprintf("%sbulletin-%s.pdf", strings.TrimSuffix(prefix, "/"), month)), pdf, 0o644)
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(c, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
}
