package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"os"
	"path"
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

// pageKinds is one page of every kind of the example site.
var pageKinds = []struct {
	kind, path string
	charts     int // charts the page draws
	status     int64
}{
	{"home", "", 2, 200},
	{"plan", "ke-hoach/", 0, 200},
	{"targets", "chi-tieu/", 2, 200},
	{"target", "chi-tieu/tuyen-truyen/", 1, 200},
	{"press", "chi-tieu/bao-chi/", 1, 200},
	{"healthy", "danh-sach/xa-lanh-manh/", 1, 200},
	{"updates", "cap-nhat/", 0, 200},
	{"update", "cap-nhat/2017-08/", 0, 200},
	{"districts", "don-vi/", 0, 200},
	{"district", "don-vi/huyen-kim-son/", 0, 200},
	{"commune", "don-vi/huyen-kim-son/xa-kim-chinh/", 0, 200},
	{"responsibilities", "trach-nhiem/", 0, 200},
	{"data", "du-lieu/", 0, 200},
	{"releases", "phien-ban/", 0, 200},
	{"about", "gioi-thieu/", 0, 200},
	{"search", "tim-kiem/?q=khanh+hoi", 0, 200},
	{"embed", "nhung/tuyen-truyen/", 1, 200},
	{"404", "khong-co-trang-nay/", 0, 404},
}

// Byte budgets for a slow connection: everything a page loads, gzipped.
const (
	budgetPlain  = 30 << 10
	budgetCharts = 200 << 10
)

// screenshots is where the suite keeps its screenshots: $MINHBACH_SCREENSHOTS
// if set (CI keeps them there), else a temporary folder.
func screenshots(t *testing.T) string {
	if d := os.Getenv("MINHBACH_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// axeFile is axe-core's script, installed by npm ci in this folder.
var axeFile = filepath.Join("node_modules", "axe-core", "axe.min.js")

// axeSource returns axe-core's script, or "" if it is not installed. That
// only skips the accessibility step; in CI it fails the test.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axeFile)
	if err != nil {
		if inCI() {
			t.Errorf("axe-core is not installed (%v): .ci/run must run npm ci in internal/e2e", err)
		}
		return ""
	}
	return string(b)
}

// axeCheck runs axe-core on the page and reports every serious or critical
// violation.
func axeCheck(t *testing.T, ctx context.Context, axe string, width int64) {
	t.Helper()
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axe+`;
		axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})
		.then(function (r) { return r.violations; })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	for _, x := range violations {
		if x.Impact == "serious" || x.Impact == "critical" {
			var where []string
			for _, n := range x.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%d px: axe %s (%s): %s at %v", width, x.ID, x.Impact, x.Help, where)
		}
	}
}

// editions are the folders of the example site's languages: Vietnamese at
// the root, English under en/. The server shows the root's 404 page at
// every unknown address, so the English one is not visited.
var editions = []string{"", "en/"}

// TestPages checks every page kind of the example site, in both its
// languages, served from a sub-path by a plain static file server, in a
// real browser at 1280 and 360 px wide.
func TestPages(t *testing.T) {
	ctx := browser(t, 1280, 900)
	axe := axeSource(t)
	base, dir := served(t, sitetest.Root())
	shots := screenshots(t)
	visitPage, since := openTab(t, ctx)
	for _, prefix := range editions {
		for _, pk := range pageKinds {
			if prefix != "" && pk.status == 404 {
				continue
			}
			t.Run(prefix+pk.kind, func(t *testing.T) {
				for _, width := range []int64{1280, 360} {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
						t.Fatal(err)
					}
					v := visitPage(base + prefix + pk.path)
					if v.Status != pk.status {
						t.Errorf("%d px: HTTP %d, want %d", width, v.Status, pk.status)
					}
					for _, c := range v.Console {
						if pk.status == 404 && strings.Contains(c, "status of 404") && strings.Contains(c, pk.path) {
							continue // the page itself, as it should
						}
						t.Errorf("%d px: console: %s", width, c)
					}
					if len(v.Failed) > 0 {
						t.Errorf("%d px: failed requests: %v", width, v.Failed)
					}
					if f := foreign(base, v.Requests); len(f) > 0 {
						t.Errorf("%d px: requests to other hosts: %v", width, f)
					}
					if err := drawnCharts(t, ctx, pk.charts); err != nil {
						t.Errorf("%d px: %v", width, err)
					}
					// The home page's chart library comes after the load
					// event, when the charts come near the screen.
					for _, c := range since().Console {
						t.Errorf("%d px: console, once the charts are drawn: %s", width, c)
					}
					drawn, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('div.chart')).filter(function (d) {
					var c = d.querySelector('canvas, svg'); return c && c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().height > 0; }).length`))
					if err != nil {
						t.Fatalf("%d px: counting charts: %v", width, err)
					}
					if drawn != pk.charts {
						t.Errorf("%d px: %d charts drawn, want %d", width, drawn, pk.charts)
					}
					over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
					if err != nil {
						t.Fatalf("%d px: measuring the width: %v", width, err)
					}
					if over > 0 {
						wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).filter(function (e) {
						var r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && !e.closest('.table-scroll'); }).slice(0, 5).map(function (e) { return e.tagName + '.' + e.className; })`))
						t.Errorf("%d px: the page scrolls sideways by %d px: %v", width, over, wide)
					}
					t.Run(fmt.Sprintf("axe-%d", width), func(t *testing.T) {
						if axe == "" {
							t.Skipf("axe-core is not installed: run npm ci in internal/e2e to check accessibility")
						}
						axeCheck(t, ctx, axe, width)
					})
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err == nil {
						os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s%s-%d.png", strings.TrimSuffix(prefix, "/")+map[bool]string{true: "-", false: ""}[prefix != ""], pk.kind, width)), png, 0o644)
					}
				}
			})
		}
	}
	_ = dir
}

// TestWithoutJavaScript checks that every page kind is whole with scripts
// off: the text, every chart's data table, the full list without the
// filter.
func TestWithoutJavaScript(t *testing.T) {
	ctx := browser(t, 360, 900)
	base, _ := served(t, sitetest.Root())
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, prefix := range editions {
		for _, pk := range pageKinds {
			if prefix != "" && pk.status == 404 {
				continue
			}
			c, cancel := within(ctx, 15*time.Second)
			if err := chromedp.Do(c, chromedp.Navigate(base+prefix+pk.path)); err != nil {
				t.Fatalf("%s%s: %v", prefix, pk.kind, err)
			}
			cancel()
			type state struct {
				H1, Main              int
				Charts, ChartsTabled  int
				FilterShown, ListRows int
			}
			s, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
			var charts = document.querySelectorAll('figure.chart-figure');
			var tabled = Array.from(charts).filter(function (f) {
				var n = f.nextElementSibling;
				// The links to the chart's data come between it and its table.
				if (n && n.classList.contains('chart-share')) { n = n.nextElementSibling; }
				return n && n.querySelector('table') && n.querySelectorAll('tbody tr').length > 0; });
			var filter = document.querySelector('.filter');
			return {H1: document.querySelectorAll('h1').length, Main: document.querySelector('main').innerText.length,
				Charts: charts.length, ChartsTabled: tabled.length,
				FilterShown: filter && !filter.hidden ? 1 : 0,
				ListRows: document.querySelectorAll('tr[data-search]').length};
		})()`))
			if err != nil {
				t.Fatalf("%s: %v", prefix+pk.kind, err)
			}
			if s.H1 != 1 || s.Main < 150 {
				t.Errorf("%s: %d h1, %d characters of text", prefix+pk.kind, s.H1, s.Main)
			}
			if s.Charts != pk.charts || s.ChartsTabled != s.Charts {
				t.Errorf("%s: %d charts, %d with a data table after them; want %d", prefix+pk.kind, s.Charts, s.ChartsTabled, pk.charts)
			}
			if s.FilterShown != 0 {
				t.Errorf("%s: the filter shows without JavaScript", prefix+pk.kind)
			}
			if pk.kind == "healthy" && s.ListRows < 40 {
				t.Errorf("healthy: %d rows without JavaScript, want the whole list", s.ListRows)
			}
		}
	}
}

// TestRevisionMarks checks, with scripts off, that a revised figure reads
// as words where it appears — its value now, the value first published,
// the date and the reason — and that no mark is hidden from screen readers.
func TestRevisionMarks(t *testing.T) {
	ctx := browser(t, 360, 900)
	base, _ := served(t, sitetest.Root())
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"chi-tieu/bao-chi/", []string{
			"0 (đã đính chính, công bố lần đầu: 1)",
			"Số liệu tháng 08/2017 đã được đính chính ngày 06/10/2017: công bố lần đầu ngày 07/09/2017 là 1 (Có nguy cơ không đạt), nay là 0 (Không đạt). Lý do: Sai ngày đăng trong báo cáo tháng 8.",
		}},
		{"cap-nhat/2017-08/", []string{"0 (đã đính chính, công bố lần đầu: 1)", "Lý do: Sai ngày đăng trong báo cáo tháng 8."}},
		{"phien-ban/", []string{
			"Đính chính số liệu tháng 08/2017, ngày 06/10/2017: Một tin, bài tháng 8 được chuyển sang tháng 9 (ngày đăng thực tế 02/09). Lý do: Sai ngày đăng trong báo cáo tháng 8.",
			"Chỉ tiêu 2: Có nguy cơ không đạt → Không đạt",
		}},
		{"", []string{"Lần đính chính số liệu gần nhất: ngày 06/10/2017."}},
	} {
		c, cancel := within(ctx, 15*time.Second)
		if err := chromedp.Do(c, chromedp.Navigate(base+tc.path)); err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		cancel()
		type state struct {
			Text   string
			Hidden int
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
			var hidden = Array.from(document.querySelectorAll('.revision, .revisions li')).filter(function (e) {
				return e.closest('[aria-hidden="true"]') || e.innerText.trim() === ''; });
			return {Text: document.querySelector('main').innerText.replace(/\s+/g, ' '), Hidden: hidden.length};
		})()`))
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(s.Text, w) {
				t.Errorf("/%s does not read %q:\n%s", tc.path, w, s.Text)
			}
		}
		if s.Hidden > 0 {
			t.Errorf("/%s: %d revision marks hidden from screen readers or empty", tc.path, s.Hidden)
		}
	}
}

// TestFilter types without diacritics in the healthy-commune filter.
func TestFilter(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, _ := served(t, sitetest.Root())
	c, cancel := within(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(base+"danh-sach/xa-lanh-manh/"),
		chromedp.WaitVisible(chromedp.CSS("#loc")),
		chromedp.SendKeys(chromedp.CSS("#loc"), "yen khanh")); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(c, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('tr[data-search]')).filter(function (r) { return !r.hidden; }).map(function (r) { return r.querySelector('th').innerText + ' / ' + r.getAttribute('data-search'); })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) == 0 {
		t.Fatal(`"yen khanh" shows no row`)
	}
	for _, s := range shown {
		if !strings.Contains(s, "yen khanh") {
			t.Errorf("row %q shown for \"yen khanh\"", s)
		}
	}
	status, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("#loc-ket-qua")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(status, fmt.Sprint(len(shown))) {
		t.Errorf("status %q for %d rows", status, len(shown))
	}
}

// TestPrint checks the print stylesheet: no navigation, the chart and its
// table kept, links written out; and prints a target page to PDF.
func TestPrint(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, _ := served(t, sitetest.Root())
	for _, p := range []string{"chi-tieu/tuyen-truyen/", "chi-tieu/bao-chi/", "cap-nhat/2017-08/"} {
		c, cancel := within(ctx, 20*time.Second)
		if err := chromedp.Do(c, chromedp.Navigate(base+p)); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(c, 5*time.Second, `document.readyState === 'complete'`); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		type state struct{ Nav, Tables, Figures string }
		s, err := chromedp.Run(c, chromedp.Evaluate[state](`({
			Nav: getComputedStyle(document.querySelector('.site-nav')).display,
			Tables: String(document.querySelectorAll('table').length),
			Figures: String(document.querySelectorAll('figure').length)})`))
		if err != nil {
			t.Fatal(err)
		}
		if s.Nav != "none" {
			t.Errorf("%s: navigation printed (display %s)", p, s.Nav)
		}
		// The stylesheet's @page sets A4 (595 x 842 points).
		pdf, err := chromedp.Run(c, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { yes := true; p.PreferCSSPageSize = &yes }))
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Errorf("%s: no PDF: %v", p, err)
		}
		if !regexp.MustCompile(`/MediaBox \[0 0 59[45]\.\d* 84[12]`).Match(pdf) {
			t.Errorf("%s: not printed on A4", p)
		}
		os.WriteFile(filepath.Join(screenshots(t), strings.ReplaceAll(strings.Trim(p, "/"), "/", "-")+".pdf"), pdf, 0o644)
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
}

var (
	stylesheetRE = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)
	scriptSrcRE  = regexp.MustCompile(`<script src="([^"]+)"`)
	imgSrcRE     = regexp.MustCompile(`<img [^>]*src="([^"]+)"`)
)

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestBudgets measures, for every page of the example site, what it loads
// (the page, its stylesheets, scripts and images), gzipped: 30 KB at most
// without charts, 200 KB with the chart library.
func TestBudgets(t *testing.T) {
	_, dir := served(t, sitetest.Root())
	sizes := map[string]int{}
	for _, p := range pages(t, dir, "") {
		file := p
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		total := gzipSize(b)
		charts := bytes.Contains(b, []byte("echarts"))
		for _, re := range []*regexp.Regexp{stylesheetRE, scriptSrcRE, imgSrcRE} {
			for _, m := range re.FindAllSubmatch(b, -1) {
				ref := html.UnescapeString(string(m[1]))
				target := path.Join(path.Dir(file), ref)
				if file == "404.html" {
					target = strings.TrimPrefix(ref, "/ninh-binh-31-kh-bcd/")
				}
				asset, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(target)))
				if err != nil {
					t.Errorf("%s: %s: %v", file, ref, err)
					continue
				}
				total += gzipSize(asset)
			}
		}
		limit := budgetPlain
		if charts {
			limit = budgetCharts
		}
		if total > limit {
			t.Errorf("%s: %d bytes gzip, over the budget of %d", file, total, limit)
		}
		sizes[file] = total
	}
	report, _ := json.MarshalIndent(sizes, "", "  ")
	t.Logf("bytes per page, gzip, with what each loads:\n%s", report)
}

// TestLanguageSwitch follows the language switch with scripts off, from an
// English target page to the same page in Vietnamese and back, and checks
// that the hreflang links of each page name both pages and x-default.
func TestLanguageSwitch(t *testing.T) {
	ctx := browser(t, 360, 900)
	base, _ := served(t, sitetest.Root())
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	type state struct {
		URL, Lang string
		Hreflang  map[string]string
	}
	read := func() state {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
			var h = {};
			document.querySelectorAll('link[rel=alternate][hreflang]').forEach(function (l) { h[l.hreflang] = l.href; });
			return {URL: location.href, Lang: document.documentElement.lang, Hreflang: h};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	follow := func(lang string) {
		c, cancel := within(ctx, 15*time.Second)
		defer cancel()
		// A click on the visible switch; the navigation needs no script.
		if err := chromedp.Do(c, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="`+lang+`"]`)), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("following the switch to %s: %v", lang, err)
		}
		if err := waitFor(c, 10*time.Second, `document.documentElement.lang === "`+lang+`" && document.readyState === "complete"`); err != nil {
			t.Fatalf("following the switch to %s: %v", lang, err)
		}
	}
	const page = "chi-tieu/tuyen-truyen/"
	c, cancel := within(ctx, 15*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"en/"+page)); err != nil {
		t.Fatal(err)
	}
	cancel()
	en := read()
	follow("vi")
	vi := read()
	if vi.URL != base+page {
		t.Errorf("the switch on %s leads to %s, want %s", en.URL, vi.URL, base+page)
	}
	follow("en")
	if back := read(); back.URL != en.URL {
		t.Errorf("the switch back leads to %s, want %s", back.URL, en.URL)
	}
	// The published addresses are under base_url; the paths must match
	// the pages visited.
	for _, s := range []state{en, vi} {
		if len(s.Hreflang) != 3 || s.Hreflang["x-default"] != s.Hreflang["vi"] {
			t.Errorf("%s: hreflang %v, want vi, en and x-default (= vi)", s.URL, s.Hreflang)
		}
		if !strings.HasSuffix(s.Hreflang["vi"], "/"+page) || !strings.HasSuffix(s.Hreflang["en"], "/en/"+page) {
			t.Errorf("%s: hreflang %v do not name the page in both languages", s.URL, s.Hreflang)
		}
	}
	if !maps.Equal(en.Hreflang, vi.Hreflang) {
		t.Errorf("hreflang not reciprocal: English page %v, Vietnamese page %v", en.Hreflang, vi.Hreflang)
	}
}
