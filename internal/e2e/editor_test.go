package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestEditor edits the example's last month in the report editor of a
// running preview, in a real browser: a press item typed in, an outreach
// record whose commune is picked by name with the keyboard only, three rows
// pasted from a spreadsheet of which one has a date of another month,
// shown in red and fixed, a correction since the month is released; then
// saves. The target's page shows the new press item and check finds no
// error. axe finds no serious or critical violation on the editor.
func TestEditor(t *testing.T) {
	ctx := browser(t, 1280, 900)
	axe := axeSource(t)
	dir := sitetest.CopyExample(t)
	base, _, errout := preview(t, dir)

	wait := func(what, expr string) {
		t.Helper()
		if err := waitFor(ctx, 15*time.Second, expr); err != nil {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
			t.Fatalf("%s: %v\npage: %.1500s\nserver: %s", what, err, text, errout.String())
		}
	}
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		c, cancel := within(ctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(c, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	js := func(what, expr string) {
		t.Helper()
		c, cancel := within(ctx, 15*time.Second)
		defer cancel()
		if _, err := chromedp.Run(c, chromedp.Evaluate[bool]("(function(){"+expr+"})(); true")); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	key := func(k string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(k) }
	q := func(k string) chromedp.CSS { return chromedp.CSS(`[data-key="` + k + `"]`) }
	focused := func(k string) string {
		return `document.activeElement && document.activeElement.getAttribute('data-key') === ` + jsString(k)
	}

	// The preview pages link to the editor.
	run("open the preview", chromedp.Navigate(base+"/"))
	wait("the bar", `!!document.getElementById('minhbach-edit-bar')`)

	run("open the editor", chromedp.Navigate(base+"/_minhbach/edit/?month=2017-12"))
	wait("the form", `!!document.getElementById('save') && !!document.getElementById('add-press')`)
	if axe != "" {
		for _, width := range []int64{1280, 360} {
			run("viewport", chromedp.EmulateViewport(width, 900))
			axeCheck(t, ctx, axe, width)
		}
		run("viewport", chromedp.EmulateViewport(1280, 900))
	}
	press := jsInt(t, ctx, `(function(){var n=0;while(document.querySelector('[data-key="records.press.'+n+'.title"]'))n++;return n;})()`)
	outreach := jsInt(t, ctx, `(function(){var n=0;while(document.querySelector('[data-key="records.outreach.'+n+'.date"]'))n++;return n;})()`)

	// A press item, typed in; its choices picked from their lists.
	p := "records.press." + strconv.Itoa(press)
	run("add a press item", chromedp.Focus(chromedp.CSS("#add-press")), key(kb.Enter))
	wait("the new press row", `!!document.querySelector('`+string(q(p+".title"))+`')`)
	run("type the press item",
		chromedp.SendKeys(q(p+".date"), "2017-12-29"),
		chromedp.SendKeys(q(p+".outlet"), "Báo thử nghiệm"),
		chromedp.SendKeys(q(p+".title"), "Tin thử từ trình soạn"),
		chromedp.SetValue(q(p+".press_level"), "tỉnh"),
		chromedp.SetValue(q(p+".medium"), "báo in"),
	)
	js("choose the press item's level and medium", `['press_level','medium'].forEach(function(f){document.querySelector('[data-key="`+p+`.'+f+'"]').dispatchEvent(new Event('change'))})`)

	// An outreach record with the keyboard only: Enter on the add button
	// moves to the new row's unit; a name without diacritics finds the
	// commune; arrows and Enter pick it; Tab moves on.
	o := "records.outreach." + strconv.Itoa(outreach)
	run("focus the add button", chromedp.Focus(chromedp.CSS("#add-outreach")))
	run("press Enter", key(kb.Enter))
	wait("focus on the new unit", focused(o+".unit"))
	run("type a commune's name", chromedp.KeyEvent("khanh hoi"))
	wait("the commune listed with its district", `Array.prototype.some.call(document.querySelectorAll('[role=option]'), function(li){return /Xã Khánh Hội — Huyện Yên Khánh/.test(li.textContent)})`)
	run("pick it", key(kb.Enter))
	wait("the unit picked", `/Xã Khánh Hội — Huyện Yên Khánh \(\d+\)/.test(document.querySelector('`+string(q(o+".unit"))+`').value)`)
	run("Tab to the date", key(kb.Tab))
	wait("focus on the date", focused(o+".date"))
	run("type the date", chromedp.KeyEvent("2017-12-30"))
	run("Tab to the form", key(kb.Tab))
	wait("focus on the form", focused(o+".form"))
	// A select takes the first choice that starts with the letter typed.
	run("choose a form", key("H"))
	wait("the form chosen", `document.querySelector('`+string(q(o+".form"))+`').value === 'Hội nghị, tọa đàm'`)

	// Three rows pasted from a spreadsheet, with a heading; one is dated
	// in November.
	paste := "Đơn vị\tNgày\tHình thức\tSố người\n" +
		"Khánh Hội — Huyện Yên Khánh\t2017-12-05\tLoa truyền thanh cơ sở\t40\n" +
		"14320\t6/12/2017\tVăn hóa, văn nghệ\t\n" +
		"14332\t2017-11-30\tHội nghị, tọa đàm\t55\n"
	run("open the paste box", chromedp.Focus(chromedp.CSS("#paste-outreach summary")), key(kb.Enter))
	js("paste", `(function(t){var a=document.querySelector('[data-key="paste.outreach"]');a.value=t;a.dispatchEvent(new Event('input'))})(`+jsString(paste)+`)`)
	run("read the pasted rows", chromedp.Focus(chromedp.CSS("#paste-read-outreach")), key(kb.Enter))
	wait("the pasted rows", `!!document.getElementById('paste-result-outreach') && /3/.test(document.getElementById('paste-result-outreach').textContent)`)
	bad := "records.outreach." + strconv.Itoa(outreach+3) + ".date"
	wait("the wrong date in red", `document.querySelector('`+string(q(bad))+`').classList.contains('invalid') && /2017-11-30 is not in 2017-12/.test(document.getElementById(document.querySelector('`+string(q(bad))+`').id + '-msg').textContent)`)
	// With fields in red and the paste's report shown, at both widths:
	// axe finds nothing serious, and nothing is wider than a phone.
	for _, width := range []int64{360, 1280} {
		run("viewport", chromedp.EmulateViewport(width, 900))
		if axe != "" {
			axeCheck(t, ctx, axe, width)
		}
		if w := jsInt(t, ctx, `document.documentElement.scrollWidth`); w > int(width) {
			t.Errorf("%d px: the editor is %d px wide", width, w)
		}
	}
	run("focus it", chromedp.Focus(q(bad)))
	js("select its text", `document.activeElement.select()`)
	run("type the right date", chromedp.KeyEvent("2017-12-31"))
	wait("the date no longer red", `!document.querySelector('`+string(q(bad))+`').classList.contains('invalid')`)

	// The month is released: saving asks for the correction.
	run("save", chromedp.Focus(chromedp.CSS("#save")), key(kb.Enter))
	wait("the correction asked for", focused("correction.date"))
	run("the correction", chromedp.KeyEvent("2018-02-01"), key(kb.Tab), chromedp.KeyEvent("Thêm tin và hoạt động"),
		key(kb.Tab), chromedp.KeyEvent("Báo cáo thiếu"))
	run("save again", chromedp.Focus(chromedp.CSS("#save")), key(kb.Enter))
	wait("saved", `/Đã lưu/.test(document.getElementById('status').textContent)`)
	// The target's page, opened at once, shows the new item once the
	// preview has rebuilt and reloaded it: whether the page was loaded
	// before or after the rebuild, and listened before or after its end.
	run("open the target", chromedp.Navigate(base+"/chi-tieu/bao-chi/"))
	wait("the new press item", `document.body.innerText.includes('Tin thử từ trình soạn')`)

	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	problems, err := build.Check(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("check: %v", p)
		}
	}
	saved, _ := os.ReadFile(filepath.Join(dir, "data", "reports", "2017-12.toml"))
	for _, want := range []string{`title = "Tin thử từ trình soạn"`, "date = 2017-12-31", "[[corrections]]", `why = "Báo cáo thiếu"`} {
		if !strings.Contains(string(saved), want) {
			t.Errorf("the saved report has no %s", want)
		}
	}
}

func jsInt(t *testing.T, ctx context.Context, expr string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
