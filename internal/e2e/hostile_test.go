package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestHostileNothingRuns loads every page of a site whose every text field
// holds a script payload and checks that nothing ran: no dialog, no hooked
// call, no exception, no request to another host.
func TestHostileNothingRuns(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, dir := served(t, sitetest.WriteDir(t, "hostile"))
	visitPage := open(t, ctx)
	list := pages(t, dir, base)
	if len(list) < 10 {
		t.Fatalf("only %d pages", len(list))
	}
	for _, u := range list {
		v := visitPage(u)
		if len(v.Ran) > 0 {
			t.Errorf("%s: a payload ran: %v", u, v.Ran)
		}
		for _, c := range v.Console {
			if strings.Contains(c, "exception") || strings.Contains(c, "Content Security Policy") {
				t.Errorf("%s: %s", u, c)
			}
		}
		if f := foreign(base, v.Requests); len(f) > 0 {
			t.Errorf("%s: requests to other hosts: %v", u, f)
		}
	}
}

// TestHarnessDetects checks that the harness sees what it looks for: a page
// that does run a payload, fails to load a file and calls another host.
func TestHarnessDetects(t *testing.T) {
	ctx := browser(t, 1280, 900)
	base, dir := served(t, sitetest.WriteDir(t, "small"))
	bad := `<!doctype html><title>x</title><img src="https://example.invalid/x.png"><img src="missing.png"><img src="data:," onerror="alert(1)"><script>throw new Error("boom")</script>`
	if err := os.WriteFile(filepath.Join(dir, "bad.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	v := open(t, ctx)(base + "bad.html")
	if len(v.Ran) == 0 {
		t.Error("the alert was not seen")
	}
	if len(v.Failed) == 0 {
		t.Error("the missing file was not seen")
	}
	if len(foreign(base, v.Requests)) == 0 {
		t.Error("the request to another host was not seen")
	}
	if !strings.Contains(strings.Join(v.Console, "\n"), "boom") {
		t.Errorf("the exception was not seen: %v", v.Console)
	}
	if err := waitFor(ctx, 5*time.Second, `document.title === 'x'`); err != nil {
		t.Errorf("a condition that holds: %v", err)
	}
	if err := waitFor(ctx, 200*time.Millisecond, `document.title === 'y'`); err == nil {
		t.Error("waitFor returned for a condition that never holds")
	}
}
