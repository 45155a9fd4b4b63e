package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

func writeSite(t *testing.T) string { return sitetest.WriteDir(t, "small") }

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// events connects to the event stream and returns its lines.
func events(t *testing.T, base string) <-chan string {
	t.Helper()
	return eventsAt(t, base+eventsPath)
}

// eventsAt connects to the event stream at url, which may carry a page's
// build generation, and returns its lines.
func eventsAt(t *testing.T, url string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	if first := <-lines; first != ": connected" {
		t.Fatalf("first line %q", first)
	}
	return lines
}

// waitEvent waits for an "event: NAME" line.
func waitEvent(t *testing.T, lines <-chan string, name string) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("stream closed before event %q", name)
			}
			if l == "event: "+name {
				return
			}
		case <-timeout:
			t.Fatalf("no event %q within 5s", name)
		}
	}
}

func TestServeRebuildAndRecover(t *testing.T) {
	dir := writeSite(t)
	var log, errlog bytes.Buffer
	s := New(dir, &log, &errlog)
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)

	code, body := get(t, ts.URL+"/")
	if code != 200 || !regexp.MustCompile(`<script src="/_minhbach/reload\.js\?gen=\d+"></script>`).MatchString(body) {
		t.Fatalf("home: %d, reload script injected: %v", code, strings.Contains(body, "reload.js"))
	}
	lines := events(t, ts.URL)

	// Break the input: every page shows the problem with its place and line.
	targets := filepath.Join(dir, "data", "targets.toml")
	good, _ := os.ReadFile(targets)
	bad := strings.Replace(string(good), "threshold = 60", "thresold = 60", 1)
	os.WriteFile(targets, []byte(bad), 0o644)
	if err := s.Rebuild([]string{"data/targets.toml"}); err == nil {
		t.Fatal("broken input built")
	}
	waitEvent(t, lines, "reload")
	for _, p := range []string{"/", "/" + rt.Target("tuyen-truyen")} {
		code, body = get(t, ts.URL+p)
		if code != 500 || !strings.Contains(body, "data/targets.toml:9:1") || !strings.Contains(body, "unknown key &#34;thresold&#34;") ||
			!regexp.MustCompile(`9 \| thresold = 60\n<span class="caret">    \^</span>`).MatchString(body) {
			t.Errorf("GET %s while broken: %d\n%s", p, code, body)
		}
	}
	if !strings.Contains(errlog.String(), `data/targets.toml:9:1: unknown key "thresold"`) {
		t.Errorf("terminal does not show the problem: %q", errlog.String())
	}

	// Fix it: pages recover.
	os.WriteFile(targets, good, 0o644)
	if err := s.Rebuild([]string{"data/targets.toml"}); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, lines, "reload")
	if code, _ = get(t, ts.URL+"/"+rt.Target("tuyen-truyen")); code != 200 {
		t.Errorf("after the fix: %d", code)
	}

	// A stylesheet-only change swaps stylesheets instead of reloading.
	if err := s.Rebuild([]string{"static/css/site.css"}); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, lines, "css")
}

// rt is where the tests find the site's pages.
var rt routes.Table

func TestServePaths(t *testing.T) {
	dir := writeSite(t)
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("secret"), 0o644)
	_, ts := newTestServer(t, dir)
	tests := []struct {
		path string
		code int
	}{
		{"/" + rt.Targets(), 200},
		{"/" + strings.TrimSuffix(rt.Targets(), "/"), 301},
		{"/css/site.css", 200},
		{"/khong-co/", 404},
		{"/site.toml", 404},
		{"/data/targets.toml", 404},
		{"/../secret.txt", 400},
		{"/%2e%2e/secret.txt", 400},
		{"/css/..%2f..%2fsecret.txt", 400},
		{"/..%5csecret.txt", 400},
	}
	for _, tt := range tests {
		// Send the path as written, without the client cleaning it.
		req, _ := http.NewRequest("GET", ts.URL, nil)
		req.URL.Opaque = tt.path
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code || strings.Contains(string(b), "secret") || strings.Contains(string(b), "[[targets]]") {
			t.Errorf("GET %s: %d, want %d (body %.60q)", tt.path, resp.StatusCode, tt.code, b)
		}
	}
}

// TestPublishedBuildHasNoReload checks that only the preview injects the
// reload client.
func TestPublishedBuildHasNoReload(t *testing.T) {
	res, err := build.Render(t.Context(), sitetest.Load(t, "small"), render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range res.Files {
		if bytes.Contains(b, []byte("_minhbach")) {
			t.Errorf("%s contains the preview's reload client", name)
		}
	}
}

// TestRun runs the whole preview: a real watcher notices a saved file and
// open pages are told to reload; cancelling stops the server.
func TestRun(t *testing.T) {
	dir := writeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := newNotifyBuffer()
	var errout sitetest.SyncBuffer
	done := make(chan error, 1)
	go func() { done <- Run(ctx, dir, "127.0.0.1:0", out, &errout) }()

	base := waitFor(t, out, regexp.MustCompile(`Preview: (http://\S+)/`))[1]
	lines := events(t, base)
	post := filepath.Join(dir, "content", routes.UpdatesSection, "2020-02.md")
	b, _ := os.ReadFile(post)
	os.WriteFile(post, bytes.Replace(b, []byte("**1** hoạt động"), []byte("**một** hoạt động"), 1), 0o644)
	waitEvent(t, lines, "reload")
	if _, body := get(t, base+"/"+rt.Update(model.Month{Year: 2020, Mon: 2})); !strings.Contains(body, "<strong>một</strong> hoạt động") {
		t.Error("the page does not show the edit")
	}
	if strings.Contains(errout.String(), "WARNING") {
		t.Errorf("warned about a loopback address: %q", errout.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
}

// TestRunSeesNewOverrideFolder checks that a site with no static/ of its
// own gets the stock files, and that a static/ created while the server
// runs is watched: its file replaces the stock one.
func TestRunSeesNewOverrideFolder(t *testing.T) {
	dir := writeSite(t)
	if _, err := os.Stat(filepath.Join(dir, "static")); err == nil {
		t.Fatal("the small site has a static/ folder")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newNotifyBuffer()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, dir, "127.0.0.1:0", out, io.Discard) }()
	base := waitFor(t, out, regexp.MustCompile(`Preview: (http://\S+)/`))[1]
	if code, body := get(t, base+"/favicon.svg"); code != 200 || !strings.HasPrefix(body, "<svg") {
		t.Fatalf("stock favicon: %d %q", code, body)
	}
	lines := events(t, base)
	// The folder appears with its file in it, in one step.
	tmp := filepath.Join(t.TempDir(), "static")
	os.Mkdir(tmp, 0o755)
	os.WriteFile(filepath.Join(tmp, "favicon.svg"), []byte("<svg id=own/>"), 0o644)
	if err := os.Rename(tmp, filepath.Join(dir, "static")); err != nil {
		t.Skipf("cannot move a folder into the site: %v", err)
	}
	waitEvent(t, lines, "reload")
	if _, body := get(t, base+"/favicon.svg"); body != "<svg id=own/>" {
		t.Errorf("favicon after the override: %q", body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
}
