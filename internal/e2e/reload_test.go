package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestLiveReload edits files under a running preview server and checks, in
// a real browser, that the open page shows the edit, then the error page
// while the input is broken, then the page again once it is fixed.
func TestLiveReload(t *testing.T) {
	ctx := browser(t, 1280, 900)
	dir := sitetest.WriteDir(t, "small")
	base, _, errout := preview(t, dir)

	// waitText waits for the page, reloaded by the server after each edit,
	// to show want in sel.
	waitText := func(sel, want string) {
		t.Helper()
		expr := `!!document.querySelector(` + jsString(sel) + `) && document.querySelector(` + jsString(sel) + `).innerText.includes(` + jsString(want) + `)`
		if err := waitFor(ctx, 10*time.Second, expr); err != nil {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
			t.Fatalf("the page never showed %q in %s: %v\npage: %.400s\nserver: %s", want, sel, err, text, errout.String())
		}
	}

	c, cancel := within(ctx, 10*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	cancel()
	waitText("h1", "Trang chủ thử")

	home := filepath.Join(dir, "content", "_index.md")
	src, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(b []byte) {
		// Save the way many editors do: write a temporary file, rename it
		// over the original.
		tmp := home + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, home); err != nil {
			t.Fatal(err)
		}
	}
	edit(bytes.Replace(src, []byte("Trang chủ thử"), []byte("Trang chủ đã sửa"), 1))
	waitText("h1", "Trang chủ đã sửa")

	edit([]byte("+++\ntitle = \"Trang chủ\"\nbogus = 1\n+++\n"))
	waitText("h1", "lỗi trong dữ liệu")
	waitText("main", "content/_index.md:3:1")
	waitText("main", "bogus = 1")

	edit(src)
	waitText("h1", "Trang chủ thử")
	if !strings.Contains(errout.String(), `content/_index.md:3:1: unknown key "bogus"`) {
		t.Errorf("the terminal did not show the problem: %q", errout.String())
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}
