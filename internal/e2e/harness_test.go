package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/serve"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// prefix is the sub-path the sites are served from, as on a real host
// (https://host/portal/): every internal link must work below it.
const prefix = "/portal/"

// served builds the site in folder src and serves it with a plain static
// file server under prefix. It returns the site's address and the built
// folder.
// preview runs serve on the site folder dir, on a free port, until the
// test ends, and returns the preview's address and the server's output
// (rebuild lines) and error output.
func preview(t *testing.T, dir string) (base string, out, errout *sitetest.SyncBuffer) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	out, errout = new(sitetest.SyncBuffer), new(sitetest.SyncBuffer)
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, dir, "127.0.0.1:0", out, errout) }()
	t.Cleanup(func() {
		stop()
		<-done
	})
	base = out.Wait(t, regexp.MustCompile(`Preview: (http://\S+)/`), 10*time.Second)[1]
	return base, out, errout
}

func served(t *testing.T, src string) (base, dir string) {
	t.Helper()
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	dir = filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(t.Context(), fsys, dir); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	mux := http.NewServeMux()
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	mux.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Like nginx with error_page 404: a missing file gets 404.html.
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, prefix)))
		if _, err := os.Stat(p); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	}))
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL + prefix, dir
}

// visit is what loading one page showed.
type visit struct {
	Status   int64
	Console  []string // errors, exceptions, failed loads, CSP violations
	Requests []string // every URL requested
	Failed   []string // requests that failed or got a 4xx/5xx
	Ran      []string // dialogs and hooked functions called by the page
}

// hook records calls a hostile payload would make, before any page script.
const hook = `window.__ran = [];
['alert', 'confirm', 'prompt', 'print'].forEach(function (f) {
  window[f] = function () { window.__ran.push(f); };
});`

// open starts listening on a tab and installs the hook. The returned
// function loads a URL and reports what happened.
func open(t *testing.T, ctx context.Context) func(u string) visit {
	t.Helper()
	v, _ := openTab(t, ctx)
	return v
}

// openTab is open, and also returns a function that reports what happened
// on the page since the last visit or the last call to it: the errors of
// scripts that run after the load event, such as the chart library that
// the home page fetches once its charts come near the screen.
func openTab(t *testing.T, ctx context.Context) (visitFn func(u string) visit, since func() visit) {
	t.Helper()
	var mu sync.Mutex
	var cur *visit
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		if cur == nil {
			return
		}
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			cur.Console = append(cur.Console, "exception: "+ev.ExceptionDetails.Text+" "+exceptionText(ev.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				cur.Console = append(cur.Console, string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				cur.Console = append(cur.Console, "log "+string(ev.Entry.Level)+": "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			cur.Requests = append(cur.Requests, ev.Request.URL)
		case *network.EventResponseReceived:
			if ev.Type == network.ResourceTypeDocument && cur.Status == 0 {
				cur.Status = ev.Response.Status
			}
			if ev.Response.Status >= 400 && ev.Type != network.ResourceTypeDocument {
				cur.Failed = append(cur.Failed, ev.Response.URL)
			}
		case *network.EventLoadingFailed:
			cur.Failed = append(cur.Failed, string(ev.RequestID)+" "+ev.ErrorText)
		case *page.EventJavascriptDialogOpening:
			cur.Ran = append(cur.Ran, "dialog: "+ev.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); return err },
		func() error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hook})
			return err
		},
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	type after struct {
		State string
		Ran   []string
	}
	// settle lets the page paint two frames, then reads what the hook saw
	// and takes the events recorded so far, leaving a fresh record for the
	// next ones. The answer comes after every event the page sent before
	// it, and the listener above sees events in order, so the record holds
	// them all.
	settle := func(c context.Context, what string) (visit, after) {
		t.Helper()
		a, err := chromedp.Run(c, chromedp.Evaluate[after](`new Promise(function (done) {
			requestAnimationFrame(function () { requestAnimationFrame(function () {
				done({State: document.readyState, Ran: (window.__ran || []).splice(0)});
			}); });
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		mu.Lock()
		defer mu.Unlock()
		v := *cur
		v.Ran = append(v.Ran, a.Ran...)
		cur = &visit{}
		return v, a
	}
	visitFn = func(u string) visit {
		t.Helper()
		mu.Lock()
		cur = &visit{}
		mu.Unlock()
		c, cancel := within(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(c, chromedp.Navigate(u)); err != nil {
			t.Fatalf("open %s: %v", u, err)
		}
		// Navigate returned on the load event: the deferred scripts have
		// run. Let the page paint a frame after it, then read what
		// happened.
		v, a := settle(c, "open "+u)
		if a.State != "complete" {
			t.Fatalf("open %s: document %s after the load event", u, a.State)
		}
		return v
	}
	since = func() visit {
		t.Helper()
		mu.Lock()
		opened := cur != nil
		mu.Unlock()
		if !opened {
			t.Fatal("since called before any visit")
		}
		c, cancel := within(ctx, 20*time.Second)
		defer cancel()
		v, _ := settle(c, "after the visit")
		return v
	}
	return visitFn, since
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// pages lists the HTML pages of a built site as URLs below base.
func pages(t *testing.T, dir, base string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			out = append(out, base+strings.TrimSuffix(rel, "index.html"))
		}
		return nil
	})
	return out
}

// foreign returns the requests that left the host of base.
func foreign(base string, requests []string) []string {
	b, _ := url.Parse(base)
	var out []string
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Host != b.Host) {
			out = append(out, r)
		}
	}
	return out
}
