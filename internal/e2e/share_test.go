package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/headers"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestSummaryCharts checks the two summary charts of the home and targets
// pages, in both languages and at both widths: drawn, each with its data
// table and its sentence; with scripts off, the tables and sentences are
// there and no image button shows.
func TestSummaryCharts(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, _ := served(t, sitetest.Root())
	shots := screenshots(t)
	visitPage, since := openTab(t, ctx)
	type state struct {
		Drawn, Tables, Sentences, Buttons int
		// Ambiguous counts the links and buttons under the charts whose
		// text (with what only screen readers read) another one has.
		Ambiguous int
	}
	const probe = `(function () {
		var ids = ['summary-statuses', 'summary-values'];
		return {
			Drawn: ids.filter(function (id) { var c = document.querySelector('#' + id + ' canvas');
				return c && c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().height > 0; }).length,
			Tables: ['tong-hop-trang-thai-cap', 'tong-hop-gia-tri-cap'].filter(function (id) {
				var c = document.getElementById(id); return c && c.closest('table').querySelectorAll('tbody tr').length >= 6; }).length,
			Sentences: Array.from(document.querySelectorAll('.summary .chart-figure__summary')).filter(function (s) {
				return /\d/.test(s.textContent) && s.getBoundingClientRect().height > 0; }).length,
			Buttons: Array.from(document.querySelectorAll('.summary .chart-share__button')).filter(function (b) {
				return b.getBoundingClientRect().height > 0; }).length,
			Ambiguous: (function () {
				var seen = {}, n = 0;
				document.querySelectorAll('.chart-share a, .chart-share button').forEach(function (e) {
					var name = e.textContent.replace(/\s+/g, ' ').trim();
					if (seen[name]) { n++; }
					seen[name] = true;
				});
				return n;
			})()
		};
	})()`
	for _, prefix := range editions {
		for _, path := range []string{"", "chi-tieu/"} {
			for _, width := range []int64{1280, 360} {
				name := fmt.Sprintf("%s%s-%d", prefix, path, width)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				v := visitPage(base + prefix + path)
				for _, c := range v.Console {
					t.Errorf("%s: console: %s", name, c)
				}
				if err := drawnCharts(t, ctx, 2); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				for _, c := range since().Console {
					t.Errorf("%s: console, once the charts are drawn: %s", name, c)
				}
				if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('script[data-charts-library]').length`)); err != nil || (path == "") != (n == 1) {
					t.Errorf("%s: %d chart libraries loaded on demand (%v); want 1 on the home page only", name, n, err)
				}
				s, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if s != (state{2, 2, 2, 4, 0}) {
					t.Errorf("%s: %+v; want 2 charts drawn, 2 tables, 2 sentences, 4 image buttons, no two links or buttons of the same name", name, s)
				}
				if png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(".summary"))); err == nil {
					os.WriteFile(filepath.Join(shots, "summary-"+strings.NewReplacer("/", "_").Replace(name)+".png"), png, 0o644)
				}
			}
		}
	}

	// Without JavaScript.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, prefix := range editions {
		for _, path := range []string{"", "chi-tieu/"} {
			c, cancel := within(ctx, 15*time.Second)
			if err := chromedp.Do(c, chromedp.Navigate(base+prefix+path)); err != nil {
				t.Fatal(err)
			}
			cancel()
			s, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
			if err != nil {
				t.Fatal(err)
			}
			if s != (state{0, 2, 2, 0, 0}) {
				t.Errorf("%s%s without JavaScript: %+v; want the 2 tables and 2 sentences, no chart and no image button", prefix, path, s)
			}
		}
	}
}

// TestChartDownloads clicks the PNG and SVG buttons under a target's chart
// and under a summary chart, and checks the files: a PNG signature, an
// <svg> root with the chart's texts, named after the target and month.
func TestChartDownloads(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, _ := served(t, sitetest.Root())
	visitPage := open(t, ctx)
	dir := t.TempDir()
	// Each download's file name when it begins, and its guid (the name
	// of its file in dir) when it completes.
	var mu sync.Mutex
	names := map[string]string{}
	completed := make(chan string, 16)
	chromedp.ListenBrowser(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			mu.Lock()
			names[ev.GUID] = ev.SuggestedFilename
			mu.Unlock()
		case *cdpbrowser.EventDownloadProgress:
			if ev.State == cdpbrowser.DownloadProgressStateCompleted {
				completed <- ev.GUID
			}
		}
	})
	events := true
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page, chart, kind, file string
		want                    func([]byte) bool
	}{
		{"chi-tieu/tuyen-truyen/", "chart-tuyen-truyen", "png", "chi-tieu-tuyen-truyen-2017-12.png", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }},
		{"chi-tieu/tuyen-truyen/", "chart-tuyen-truyen", "svg", "chi-tieu-tuyen-truyen-2017-12.svg", func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("<svg ")) && bytes.Contains(b, []byte("<path ")) && bytes.Contains(b, []byte(">12/2017</text>"))
		}},
		{"", "summary-statuses", "svg", "chi-tieu-trang-thai-2017-12.svg", func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("<svg ")) && bytes.Contains(b, []byte("<text "))
		}},
		{"en/", "summary-values", "png", "chi-tieu-against-thresholds-2017-12.png", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }},
	}
	for _, tt := range tests {
		v := visitPage(base + tt.page)
		for _, c := range v.Console {
			t.Errorf("%s: console: %s", tt.page, c)
		}
		if err := drawnCharts(t, ctx, 1); err != nil {
			t.Fatalf("%s: %v", tt.page, err)
		}
		button := fmt.Sprintf(`.chart-share[data-chart=%q] button[data-save=%q]`, tt.chart, tt.kind)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(button), chromedp.NodeVisible)); err != nil {
			t.Fatalf("%s %s: %v", tt.page, button, err)
		}
		var guid string
		select {
		case guid = <-completed:
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: no download of %s completed within 15 s", tt.page, tt.file)
		}
		mu.Lock()
		name := names[guid]
		mu.Unlock()
		if name != tt.file {
			t.Errorf("%s: downloaded %q, want %q", tt.page, name, tt.file)
		}
		b, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			t.Fatal(err)
		}
		if !tt.want(b) {
			t.Errorf("%s: %s is not what it should be (%d bytes): %.200q", tt.page, tt.file, len(b), b)
		}
	}
}

// TestEmbedFraming frames an embed page and a target page in a page of
// another origin, with the headers of the build's _headers table: the
// embed page shows its chart, the target page is refused.
func TestEmbedFraming(t *testing.T) {
	ctx := browser(t, 1280, 900)
	_, dir := served(t, sitetest.Root())
	b, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	table, err := headers.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rule := table.Match(r.URL.Path); rule != nil {
			for _, h := range rule.Headers {
				w.Header().Add(h.Name, h.Value)
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(site.Close)
	parent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>A newspaper</title>
<iframe id="embed" src="%[1]s/nhung/tuyen-truyen/" width="800" height="520"></iframe>
<iframe id="page" src="%[1]s/chi-tieu/tuyen-truyen/" width="800" height="520"></iframe>`, site.URL)
	}))
	t.Cleanup(parent.Close)
	if site.URL == parent.URL {
		t.Fatal("the parent page must be of another origin")
	}
	c, cancel := within(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(parent.URL)); err != nil {
		t.Fatal(err)
	}
	// The frames: the embed page by its address, the refused one by the
	// error page that replaces it.
	frames := func() map[string]*cdp.Frame {
		tree, err := chromedp.Call(c, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]*cdp.Frame{}
		for _, child := range tree.FrameTree.ChildFrames {
			out[child.Frame.Name] = child.Frame
		}
		return out
	}
	var embed *cdp.Frame
	for embed == nil {
		for _, f := range frames() {
			if strings.HasSuffix(f.URL, "/nhung/tuyen-truyen/") {
				embed = f
			}
		}
		if c.Err() != nil {
			t.Fatal("the embed page did not load in its frame")
		}
	}
	// Inside the embed frame: the chart drawn, the status and the source.
	world, err := chromedp.Call(c, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: embed.ID})
	if err != nil {
		t.Fatal(err)
	}
	var drawn bool
	for !drawn {
		byValue := true
		res, err := chromedp.Call(c, runtime.Evaluate, runtime.EvaluateParams{ReturnByValue: &byValue, ContextID: world.ExecutionContextID, Expression: `(function () { var cv = document.querySelector('#chart-tuyen-truyen canvas');
			return !!cv && cv.getBoundingClientRect().width > 0 && !!document.querySelector('.embed__status .status') && !!document.querySelector('.embed__source a[href*="/chi-tieu/tuyen-truyen/"]'); })()`})
		if err != nil {
			t.Fatal(err)
		}
		drawn = res.Result != nil && string(res.Result.Value) == "true"
		if c.Err() != nil {
			t.Fatal("the embed page's chart, status and source link did not show in the frame")
		}
	}
	// The target page may not be framed: Chromium shows its error page.
	for {
		var refused bool
		for _, f := range frames() {
			if strings.HasPrefix(f.URL, "chrome-error:") || f.UnreachableURL != "" {
				refused = true
			}
			if strings.HasSuffix(f.URL, "/chi-tieu/tuyen-truyen/") {
				t.Fatalf("the target page loaded in a frame of another origin")
			}
		}
		if refused {
			break
		}
		if c.Err() != nil {
			t.Fatal("the target page's frame neither loaded nor was refused")
		}
	}
}

// drawnCharts scrolls every chart of the page into view, in turn (the
// home page fetches the chart library only when a chart comes near the
// screen), waits until n charts are drawn, and scrolls back to the top.
func drawnCharts(t *testing.T, ctx context.Context, n int) error {
	t.Helper()
	if n == 0 {
		return nil
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('div.chart').forEach(function (d) { d.scrollIntoView(); })`)); err != nil {
		return err
	}
	// charts.js marks a chart data-drawn once ECharts has finished it.
	err := waitFor(ctx, 15*time.Second, fmt.Sprintf(`Array.from(document.querySelectorAll('div.chart[data-drawn]')).filter(function (d) {
		var c = d.querySelector('canvas, svg'); return c && c.getBoundingClientRect().width > 0; }).length >= %d`, n))
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	return err
}
