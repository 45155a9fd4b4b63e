package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestGlanceOnPhone reads the plan at a glance on a 360 px phone, in both
// languages, as a reader and a screen reader would: the targets page lists
// its targets before the charts of the whole plan; the headings go down one
// level at a time; every summary table's caption reads within its box
// (the box scrolls sideways, the caption does not run out of it); the
// values table's target names get room of their own.
func TestGlanceOnPhone(t *testing.T) {
	ctx := browser(t, 360, 800)
	base, _ := served(t, sitetest.Root())
	visitPage := open(t, ctx)
	type state struct {
		Skips      []string // headings more than one level below the previous
		ListFirst  bool
		CutCaption []string
		NarrowName int // px: the narrowest target name in the values table
		NarrowList int // px: the narrowest cell of the list of targets
	}
	const probe = `(function () {
		var skips = [], last = 1;
		document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6').forEach(function (h) {
			var level = +h.tagName.charAt(1);
			if (level > last + 1) { skips.push(h.tagName + ' ' + h.textContent.trim()); }
			last = level;
		});
		var list = document.getElementById('chi-tieu-cap'), glance = document.getElementById('toan-canh');
		var cut = Array.from(document.querySelectorAll('.summary-table caption')).filter(function (c) {
			var box = c.closest('.table-scroll').getBoundingClientRect(), r = c.getBoundingClientRect();
			return r.width > 0 && r.right > box.right + 1; }).map(function (c) { return c.textContent.trim(); });
		var names = Array.from(document.querySelectorAll('.summary-table--values tbody th[scope=row], #tong-hop-gia-tri-cap ~ tbody th[scope=row]')).map(function (th) {
			return th.getBoundingClientRect().width; });
		var cells = Array.from(document.querySelectorAll('.stack-table tbody th, .stack-table tbody td')).map(function (c) {
			return c.getBoundingClientRect().width; });
		return {
			NarrowList: cells.length ? Math.round(Math.min.apply(null, cells)) : 999,
			Skips: skips,
			ListFirst: !list || !glance || !!(list.compareDocumentPosition(glance) & Node.DOCUMENT_POSITION_FOLLOWING),
			CutCaption: cut,
			NarrowName: names.length ? Math.round(Math.min.apply(null, names)) : 999
		};
	})()`
	for _, prefix := range editions {
		for _, path := range []string{"", "chi-tieu/", "chi-tieu/tuyen-truyen/", "chi-tieu/bao-chi/"} {
			name := prefix + path
			visitPage(base + name)
			s, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(s.Skips) > 0 {
				t.Errorf("/%s: headings that skip a level: %q", name, s.Skips)
			}
			if !s.ListFirst {
				t.Errorf("/%s: the plan at a glance comes before the list of targets", name)
			}
			if len(s.CutCaption) > 0 {
				t.Errorf("/%s: captions running out of their box at 360 px: %q", name, s.CutCaption)
			}
			if s.NarrowList < 250 {
				t.Errorf("/%s: a cell of the list of targets is %d px wide at 360 px, want 250 at least (a row's cells one under another)", name, s.NarrowList)
			}
			if s.NarrowName < 120 {
				t.Errorf("/%s: a target's name in the values table is %d px wide, want 120 at least", name, s.NarrowName)
			}
		}
	}
}
