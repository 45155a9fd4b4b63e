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
// area, no menu, the summary chart drawn without a script, in the status
// colours, inside the printable area; and the update's page links to it.
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
			bulletin(t, ctx, visit, base, prefix, month, shots, axe)
			if month == "2017-09" && axe != "" {
				// A month with a table of press articles, on screen.
				axeCheck(t, ctx, axe, 1280)
			}
		}
	}
}

// bulletin checks the bulletin of one month in one edition; with axe-core
// (axe not ""), the month with a table of press articles as printed too.
func bulletin(t *testing.T, ctx context.Context, visit func(string) visit, base, prefix, month, shots, axe string) {
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
		chart, err := chromedp.Run(c, chromedp.Evaluate[printedChart](printedChartJS))
		if err != nil {
			t.Fatal(err)
		}
		if problem := chart.problem(); problem != "" {
			t.Errorf("%s%s bulletin, printed: the summary chart %s (%+v)", prefix, month, problem, chart)
		}
		if month == "2017-09" && axe != "" {
			axeCheck(t, c, axe, printable)
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

// printedChart is the bulletin's summary chart as the print emulation lays
// it out.
type printedChart struct {
	Found, Bars, Segments int
	Left, Right, Width    float64 // the SVG's box, in CSS pixels
	Visible               bool    // displayed, with a size
	Name                  string  // its name: the texts of the elements that name it
	Sentence              string  // the month's sentence
	Fill                  string  // the computed fill of its first pattern's tile
	Legend                int     // the legend's items, visible
}

// printedChartJS measures the chart of the page.
const printedChartJS = `(function () {
	var svgs = document.querySelectorAll('svg.bchart');
	var r = {Found: svgs.length};
	if (svgs.length !== 1) { return r; }
	var svg = svgs[0], box = svg.getBoundingClientRect(), st = getComputedStyle(svg);
	r.Left = box.left; r.Right = box.right; r.Width = box.width;
	r.Visible = st.display !== 'none' && st.visibility === 'visible' && box.width > 0 && box.height > 0 && svg.getClientRects().length > 0;
	r.Bars = svg.querySelectorAll('g.bchart__bar').length;
	r.Segments = Array.from(svg.querySelectorAll('.bchart__seg')).filter(function (e) { return e.getBoundingClientRect().height > 0; }).length;
	r.Name = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).map(function (id) {
		var e = document.getElementById(id); return e ? e.textContent.trim() : '#' + id + ' missing'; }).join(' ');
	r.Sentence = (document.querySelector('.bulletin__sentence') || {}).textContent || '';
	var tile = svg.querySelector('pattern rect.bchart__fill');
	r.Fill = tile ? getComputedStyle(tile).fill : '';
	r.Legend = Array.from(document.querySelectorAll('.bulletin__legend li')).filter(function (e) { return e.getBoundingClientRect().height > 0; }).length;
	return r;
})()`

// problem says what is wrong with the printed chart, or "".
func (c printedChart) problem() string {
	switch {
	case c.Found != 1:
		return fmt.Sprintf("is there %d times", c.Found)
	case !c.Visible:
		return "is not visible"
	case c.Left < 0 || c.Right > printable || c.Width > printable:
		return fmt.Sprintf("spans %.0f to %.0f px, outside the printable width (%d px)", c.Left, c.Right, printable)
	case c.Bars == 0 || c.Segments < c.Bars:
		return fmt.Sprintf("has %d bars, %d segments drawn", c.Bars, c.Segments)
	case c.Sentence == "" || !strings.HasSuffix(c.Name, strings.TrimSpace(c.Sentence)) || strings.Contains(c.Name, "missing"):
		return fmt.Sprintf("is named %q, which does not end with the sentence %q", c.Name, c.Sentence)
	case c.Fill == "" || c.Fill == "rgb(0, 0, 0)" || strings.HasPrefix(c.Fill, "url"):
		return fmt.Sprintf("has the fill %q: not the stylesheet's status colour", c.Fill)
	case c.Legend < 2:
		return fmt.Sprintf("has %d legend items", c.Legend)
	}
	return ""
}
