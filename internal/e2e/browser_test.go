package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// inCI reports whether the tests run in CI, where whatever a test needs must
// be there: a missing browser or axe-core is a failure, not a skip.
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// chromium returns the path of the browser, failing or skipping the test if
// there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if inCI() {
		t.Fatal("Chromium is not installed: .ci/run must install it (apt-get install -y chromium)")
	}
	t.Skip("Chromium is not installed: run apt-get install -y chromium to run the browser tests")
	return ""
}

// browser starts a headless Chromium and returns a context for a new tab.
// The flags are those that work on this closed network: no background
// networking, no component updates, a fresh profile.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// Start the browser now so that its start-up time is not charged to the
	// test's first step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("cannot start Chromium: %v", err)
	}
	return ctx
}

// within bounds one browser step.
func within(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// waitFor waits until the JavaScript condition expr holds on the page, for
// at most d. The page polls the condition at every animation frame; a
// navigation (a live reload) ends the poll, which then starts again on the
// new page. The error names the condition and what the last try said.
func waitFor(ctx context.Context, d time.Duration, expr string) error {
	c, cancel := within(ctx, d)
	defer cancel()
	for {
		_, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(d)))
		if err == nil {
			return nil
		}
		if c.Err() != nil || errors.Is(err, chromedp.ErrPollingTimeout) {
			return fmt.Errorf("%s: still false after %v (%v)", expr, d, err)
		}
		// The page went away under the poll: wait for the next one.
		chromedp.Do(c, chromedp.WaitReady(chromedp.CSS("body")))
	}
}
