package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// shown is what the search page shows after a query.
type shown struct {
	Titles    []string
	Marks     []string
	Where     []string
	Status    string
	Resources []string // every resource fetched, in order
}

const readResults = `({
  Titles: Array.from(document.querySelectorAll('#ket-qua-tim h2')).map(function (h) { return h.textContent; }),
  Marks: Array.from(document.querySelectorAll('#ket-qua-tim mark')).map(function (m) { return m.textContent; }),
  Where: Array.from(document.querySelectorAll('#ket-qua-tim .search__where')).map(function (m) { return m.textContent; }),
  Status: document.getElementById('trang-thai-tim').textContent,
  Resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })
})`

// results waits until the search page has shown the results of q (its
// address holds q and the results are no longer busy) and reads them.
func results(t *testing.T, ctx context.Context, q string) shown {
	t.Helper()
	cond := fmt.Sprintf(`new URL(location.href).searchParams.get('q') === %s && document.getElementById('ket-qua-tim').getAttribute('aria-busy') === 'false'`, jsString(q))
	if err := waitFor(ctx, 10*time.Second, cond); err != nil {
		t.Fatal(err)
	}
	c, cancel := within(ctx, 10*time.Second)
	defer cancel()
	got, err := chromedp.Run(c, chromedp.Evaluate[shown](readResults))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSearch(t *testing.T) {
	ctx := browser(t, 360, 740)
	base, _ := served(t, sitetest.Root())
	visit := open(t, ctx)
	v := visit(base + "tim-kiem/")
	if len(v.Console) > 0 || len(v.Failed) > 0 {
		t.Errorf("opening the search page: console %q, failed %q", v.Console, v.Failed)
	}
	c, cancel := within(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.WaitVisible(chromedp.CSS("#tu-khoa")), chromedp.SendKeys(chromedp.CSS("#tu-khoa"), "khanh hoi")); err != nil {
		t.Fatal(err)
	}
	got := results(t, ctx, "khanh hoi")
	if got.Titles[0] != "Xã Khánh Hội" {
		t.Errorf(`"khanh hoi": results %q, want Xã Khánh Hội first`, got.Titles)
	}
	if len(got.Marks) < 2 || got.Marks[0] != "Khánh" || got.Marks[1] != "Hội" {
		t.Errorf(`"khanh hoi": marked %q, want "Khánh" and "Hội" first`, got.Marks)
	}
	if want := fmt.Sprintf("%d kết quả", len(got.Titles)); !strings.HasSuffix(got.Status, "kết quả") || len(got.Titles) < 10 && got.Status != want {
		t.Errorf("status %q for %d results", got.Status, len(got.Titles))
	}
	if len(got.Where) == 0 || !strings.HasPrefix(got.Where[0], "Đơn vị · Huyện ") {
		t.Errorf("the first result's kind and place: %q", got.Where)
	}
	axeCheck(t, ctx, axeSource(t), 360)
	// The result is a link to the unit's page, which opens.
	href, err := chromedp.Run(c, chromedp.Evaluate[string](`document.querySelector('#ket-qua-tim h2 a').href`))
	if err != nil || !strings.Contains(href, prefix+"don-vi/") {
		t.Fatalf("the first result links to %q (%v)", href, err)
	}
	if v := visit(href); v.Status != 200 {
		t.Errorf("%s: status %d", href, v.Status)
	}
	// The query is in the address: opening it searches again.
	v = visit(base + "tim-kiem/?q=ha+noi")
	if len(v.Console) > 0 || len(v.Failed) > 0 {
		t.Errorf("console %q, failed %q", v.Console, v.Failed)
	}
	if got := results(t, ctx, "ha noi"); len(got.Titles) == 0 && !strings.HasPrefix(got.Status, "Không") {
		t.Errorf("?q=ha+noi: %q, status %q", got.Titles, got.Status)
	}
	value, err := chromedp.Run(c, chromedp.Evaluate[string](`document.getElementById('tu-khoa').value`))
	if err != nil || value != "ha noi" {
		t.Errorf("the field holds %q after ?q=ha+noi (%v)", value, err)
	}
}

// TestSearchNational searches the national synthetic site for a commune
// and measures what the query transferred: the page, its script, the
// manifest, the term chunks and the documents shown, each gzipped.
func TestSearchNational(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the national site")
	}
	ctx := browser(t, 1280, 900)
	src := filepath.Join(t.TempDir(), "national")
	if err := gensite.Write(src, gensite.Scales["national"], 1); err != nil {
		t.Fatal(err)
	}
	base, dir := served(t, src)
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		t.Fatal(err)
	}
	s, err := load.Site(fsys)
	closeSite()
	if err != nil {
		t.Fatal(err)
	}
	u := s.Units.Units[len(s.Units.Units)/2]
	visit := open(t, ctx)
	v := visit(base + "tim-kiem/?q=" + url.QueryEscape(search.Fold(u.FullName())))
	if len(v.Console) > 0 || len(v.Failed) > 0 {
		t.Errorf("console %q, failed %q", v.Console, v.Failed)
	}
	got := results(t, ctx, search.Fold(u.FullName()))
	if len(got.Titles) == 0 || got.Titles[0] != u.FullName() {
		t.Errorf("%q: results %q", u.FullName(), got.Titles)
	}
	total, index := 0, 0
	for _, r := range append(got.Resources, base+"tim-kiem/") {
		rel, ok := strings.CutPrefix(r, base)
		if !ok {
			t.Errorf("a request outside the site: %s", r)
			continue
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("%s: %v", r, err)
			continue
		}
		total += gzipSize(b)
		if strings.HasPrefix(rel, "tim-kiem/") && rel != "tim-kiem/index.html" {
			index += gzipSize(b)
		}
	}
	t.Logf("%q: %d results shown; %d files, %d KB gzipped in all, %d KB of them the index", u.FullName(), len(got.Titles), len(got.Resources)+1, total>>10, index>>10)
	if index > 150<<10 {
		t.Errorf("the query fetched %d KB of the index, more than 150 KB", index>>10)
	}
}

// TestSearchWithoutJavaScript opens the search page with scripts off: the
// form, which has nowhere to go, stays hidden, and the targets and units
// are listed instead.
func TestSearchWithoutJavaScript(t *testing.T) {
	ctx := browser(t, 360, 740)
	base, _ := served(t, sitetest.Root())
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	c, cancel := within(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(base+"tim-kiem/")); err != nil {
		t.Fatal(err)
	}
	type state struct {
		FormShown      bool
		Targets, Units int
	}
	s, err := chromedp.Run(c, chromedp.Evaluate[state](`({
		FormShown: document.querySelector('form[role=search]').offsetParent !== null,
		Targets: document.querySelectorAll('main a[href*="chi-tieu/"]').length,
		Units: document.querySelectorAll('main a[href*="don-vi/"]').length
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if s.FormShown {
		t.Error("the search form shows without JavaScript")
	}
	if s.Targets == 0 || s.Units == 0 {
		t.Errorf("without JavaScript the page links to %d targets and %d units", s.Targets, s.Units)
	}
}
