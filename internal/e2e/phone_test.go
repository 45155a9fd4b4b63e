package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// firstScreen is the height of a phone's first screen, in CSS pixels: a
// 360 × 740 phone.
const firstScreen = 740

// contentStart is the room the first screen keeps below the h1 for the
// start of the page's content: two lines of text.
const contentStart = 60

// TestFirstScreen checks that a phone's first screen shows the page's
// title on every page kind, in both languages, with scripts on and off:
// the banner is compact and the menu is folded (a <details>, no script).
func TestFirstScreen(t *testing.T) {
	ctx := browser(t, 360, firstScreen)
	base, _ := served(t, sitetest.Root())
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, firstScreen)); err != nil {
		t.Fatal(err)
	}
	kinds := append(pageKinds[:len(pageKinds):len(pageKinds)], struct {
		kind, path string
		charts     int
		status     int64
	}{"bulletin", "cap-nhat/2017-08/in/", 0, 200})
	for _, js := range []bool{true, false} {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
			t.Fatal(err)
		}
		for _, prefix := range editions {
			for _, pk := range kinds {
				if prefix != "" && pk.status == 404 {
					continue
				}
				name := prefix + pk.kind
				if !js {
					name += " (no script)"
				}
				c, cancel := within(ctx, 15*time.Second)
				if err := chromedp.Do(c, chromedp.Navigate(base+prefix+pk.path)); err != nil {
					cancel()
					t.Fatalf("%s: %v", name, err)
				}
				cancel()
				type state struct {
					H1, H1End float64 // the h1's top and bottom
					Menu      bool    // the menu's summary shows
					LinksSeen int     // links of the menu visible
				}
				s, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
					var h1 = document.querySelector('h1'), sum = document.querySelector('.site-nav summary');
					return {H1: h1 ? h1.getBoundingClientRect().top + window.scrollY : -1, H1End: h1 ? h1.getBoundingClientRect().bottom + window.scrollY : -1,
						Menu: !!sum && sum.checkVisibility(),
						LinksSeen: Array.from(document.querySelectorAll('.site-nav a')).filter(function (a) { return a.checkVisibility(); }).length};
				})()`))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				// The title and two lines of what follows it.
				if s.H1 < 0 || s.H1End > firstScreen-contentStart {
					t.Errorf("%s: the h1 is at %.0f–%.0f px: the first %d px of a phone do not show it and the start of the content", name, s.H1, s.H1End, firstScreen)
				}
				t.Logf("%s: h1 at %.0f–%.0f px", name, s.H1, s.H1End)
				// The embed page has no navigation at all.
				if pk.kind != "bulletin" && pk.kind != "embed" && (!s.Menu || s.LinksSeen != 0) {
					t.Errorf("%s: the menu is not folded at 360 px (summary shown: %v, links shown: %d)", name, s.Menu, s.LinksSeen)
				}
			}
		}
	}
}

// TestMenu opens the folded menu of a phone with the keyboard, checks it
// with axe, and checks that a wide screen shows the links and no summary.
func TestMenu(t *testing.T) {
	ctx := browser(t, 360, firstScreen)
	axe := axeSource(t)
	base, _ := served(t, sitetest.Root())
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, firstScreen)); err != nil {
		t.Fatal(err)
	}
	c, cancel := within(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(base+"chi-tieu/")); err != nil {
		t.Fatal(err)
	}
	links := `Array.from(document.querySelectorAll('.site-nav a')).filter(function (a) { return a.checkVisibility(); }).length`
	// Tab from the top of the page: the skip link, the banner's link, the
	// brand, then the menu.
	var focused []string
	for range 4 {
		if err := chromedp.Do(c, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(c, chromedp.Evaluate[string](`document.activeElement.tagName + ' ' + document.activeElement.innerText.split('\n')[0].trim()`))
		if err != nil {
			t.Fatal(err)
		}
		focused = append(focused, f)
	}
	if !strings.HasPrefix(focused[3], "SUMMARY") {
		t.Fatalf("Tab focuses %q, want the menu fourth", focused)
	}
	if err := chromedp.Do(c, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(c, 5*time.Second, links+` > 5 && document.querySelector('.site-nav details').open`); err != nil {
		t.Fatalf("Enter on the menu: %v", err)
	}
	if axe != "" {
		axeCheck(t, c, axe, 360)
	}
	if err := chromedp.Do(c, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(c, chromedp.Navigate(base+"chi-tieu/")); err != nil {
		t.Fatal(err)
	}
	type wide struct {
		Summary bool
		Links   int
		Height  float64
	}
	w, err := chromedp.Run(c, chromedp.Evaluate[wide](`({Summary: document.querySelector('.site-nav summary').checkVisibility(), Links: `+links+`,
		Height: document.querySelector('.site-header').getBoundingClientRect().height})`))
	if err != nil {
		t.Fatal(err)
	}
	if w.Summary || w.Links < 5 {
		t.Errorf("1280 px: summary shown %v, %d links shown; want the links and no summary", w.Summary, w.Links)
	}
}

// TestLongGridOneScreen checks that the ten-year grid on the national
// synthetic site's home page fits one screen of a 1280 × 800 laptop:
// the years before the latest are folded, side by side.
func TestLongGridOneScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the national site")
	}
	ctx := browser(t, 1280, 800)
	src := filepath.Join(t.TempDir(), "national")
	if err := gensite.Write(src, gensite.Scales["national"], 1); err != nil {
		t.Fatal(err)
	}
	base, _ := served(t, src)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	c, cancel := within(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	type grid struct {
		Years, Open, Cells int
		Height             float64
	}
	g, err := chromedp.Run(c, chromedp.Evaluate[grid](`(function () {
		var years = document.querySelector('.month-years');
		var sec = years.closest('section'), h2 = sec.querySelector('h2');
		return {Years: years.querySelectorAll('details').length, Open: years.querySelectorAll('details[open]').length,
			Cells: years.querySelectorAll('.month-grid__cell').length,
			Height: years.getBoundingClientRect().bottom - h2.getBoundingClientRect().top};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if g.Years != 10 || g.Open != 1 || g.Cells != 120 {
		t.Errorf("the grid has %d years (%d open), %d cells; want 10 years, 1 open, 120 cells", g.Years, g.Open, g.Cells)
	}
	if g.Height > 800 {
		t.Errorf("the grid, from its heading to its last year, is %.0f px high: over one 800 px screen", g.Height)
	}
	t.Logf("the ten-year grid is %.0f px high at 1280 px", g.Height)
}
