package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestSearchResultsStyle checks, at 360 and 1280 px, in both languages,
// that the search form and its results are styled for reading and tapping:
// every control and result title at least 24 px high and wide, results
// set apart from each other with their matches highlighted, nothing wider
// than the screen, and axe finds nothing serious.
func TestSearchResultsStyle(t *testing.T) {
	ctx := browser(t, 1280, 900)
	axe := axeSource(t)
	base, _ := served(t, sitetest.Root())
	shots := screenshots(t)
	visitPage := open(t, ctx)
	type state struct {
		Small     []string // controls and titles under 24 px
		Separated int      // results with a line between them
		Results   int
		Marked    int // marks with a background of their own
		Numbered  bool
		Over      int
	}
	const probe = `(function () {
		var small = [];
		var targets = Array.from(document.querySelectorAll('#tu-khoa, form.search button, #ket-qua-tim h2 a, #them-ket-qua:not([hidden])'));
		targets.forEach(function (e) {
			var r = e.getBoundingClientRect();
			if (r.height < 24 || r.width < 24) { small.push(e.tagName + ' ' + (e.id || e.textContent.trim()) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)); }
		});
		var items = Array.from(document.querySelectorAll('#ket-qua-tim > li'));
		var list = document.getElementById('ket-qua-tim');
		return {
			Small: small,
			Separated: items.filter(function (li) { return parseFloat(getComputedStyle(li).borderBottomWidth) >= 1; }).length,
			Results: items.length,
			Marked: Array.from(list.querySelectorAll('mark')).filter(function (m) {
				var b = getComputedStyle(m).backgroundColor; return b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent'; }).length,
			Numbered: getComputedStyle(list).listStyleType !== 'none',
			Over: document.documentElement.scrollWidth - window.innerWidth
		};
	})()`
	for _, tc := range []struct{ prefix, q string }{{"", "ke hoach"}, {"en/", "khanh hoi"}} {
		for _, width := range []int64{1280, 360} {
			name := fmt.Sprintf("%s%d", tc.prefix, width)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			v := visitPage(base + tc.prefix + "tim-kiem/?q=" + tc.q)
			for _, c := range v.Console {
				t.Errorf("%s: console: %s", name, c)
			}
			results(t, ctx, tc.q)
			s, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if s.Results == 0 {
				t.Fatalf("%s: no result for %q", name, tc.q)
			}
			if len(s.Small) > 0 {
				t.Errorf("%s: tap targets under 24 px: %q", name, s.Small)
			}
			if s.Separated != s.Results || s.Numbered {
				t.Errorf("%s: %d of %d results with a line under them, numbered %v; want every one set apart, no numbers", name, s.Separated, s.Results, s.Numbered)
			}
			if s.Marked == 0 {
				t.Errorf("%s: no highlighted match", name)
			}
			if s.Over > 0 {
				t.Errorf("%s: the page scrolls sideways by %d px", name, s.Over)
			}
			t.Run(fmt.Sprint("axe-", name), func(t *testing.T) {
				if axe == "" {
					t.Skip("axe-core is not installed: run npm ci in internal/e2e to check accessibility")
				}
				axeCheck(t, ctx, axe, width)
			})
			if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
				os.WriteFile(filepath.Join(shots, "search-"+name+".jpg"), png, 0o644)
			}
		}
	}
}
