package serve

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// rawGet sends "GET path" exactly as written, with the given Host header
// (the server's address if empty), and returns the response with its body
// read (the event stream's first line only).
func rawGet(t *testing.T, base, path, host string) (*http.Response, string) {
	t.Helper()
	addr := strings.TrimPrefix(base, "http://")
	if host == "" {
		host = addr
	}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s, Host %q: %v", path, host, err)
	}
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		// Closing the body would read the endless stream to its end.
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		return resp, line
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// newTestServer builds the site in dir and serves it on a test server
// until the test ends.
func newTestServer(t *testing.T, dir string) (*Server, *httptest.Server) {
	t.Helper()
	s := New(dir, io.Discard, io.Discard)
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// requests are a request of every kind the server answers.
var requests = []string{
	"/", "/" + rt.Targets(), "/" + strings.TrimSuffix(rt.Targets(), "/"), "/css/site.css", "/" + rt.Data(), "/khong-co/",
	"/" + rt.Sitemap(), reloadPath, errorCSSPath, eventsPath,
}

// TestHostIsChecked checks that the preview answers only the names it is
// reached at on this computer: a page of another site that rebinds its DNS
// name to 127.0.0.1 gets nothing, not a page, a CSV file or the event stream.
func TestHostIsChecked(t *testing.T) {
	_, ts := newTestServer(t, writeSite(t))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.URL, "http://"))
	csv := "/" + rt.Download(routes.TargetData("")+".csv")
	if code, _ := get(t, ts.URL+csv); code != 200 {
		t.Fatalf("GET %s: %d", csv, code)
	}
	for _, host := range []string{
		"evil.example", "evil.example:" + port, "EVIL.example", "127.0.0.1.evil.example", "localhost.evil.example:" + port,
		"10.1.2.3", "[::ffff:7f00:1]", "localhost.", "127.0.0.1.",
	} {
		for _, p := range append(requests, csv) {
			resp, body := rawGet(t, ts.URL, p, host)
			if resp.StatusCode != http.StatusForbidden || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
				!strings.Contains(body, "forbidden") || len(body) > 300 {
				t.Errorf("Host %q, GET %s: %d %s, want 403 text/plain (body %.80q)", host, p, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
		}
	}
	for _, host := range []string{
		"127.0.0.1", "127.0.0.1:" + port, "localhost", "LocalHost:" + port, "[::1]", "[::1]:" + port,
	} {
		for _, p := range append(requests, csv) {
			if resp, body := rawGet(t, ts.URL, p, host); resp.StatusCode == http.StatusForbidden {
				t.Errorf("Host %q, GET %s: 403 %q", host, p, body)
			}
		}
	}
}

// TestHostOfAddr checks that the host named by -addr is answered too.
func TestHostOfAddr(t *testing.T) {
	for _, tt := range []struct {
		addr string
		ok   []string
		no   []string
	}{
		{"127.0.0.1:1313", []string{"127.0.0.1:1313", "localhost", "[::1]:1313"}, []string{"192.168.1.5:1313", "evil.example"}},
		{"preview.lan:1313", []string{"preview.lan:1313", "PREVIEW.lan", "localhost:1313"}, []string{"evil.example", "preview.lan.evil.example"}},
		{"192.168.1.5:8080", []string{"192.168.1.5:8080", "127.0.0.1"}, []string{"192.168.1.6:8080", "evil.example:8080"}},
		// Listening on every address: any IP address is answered (a DNS
		// rebinding needs a name), names other than localhost are not.
		{":1313", []string{"192.168.1.5:1313", "[fe80::1]:1313", "localhost"}, []string{"evil.example:1313"}},
		{"0.0.0.0:1313", []string{"10.0.0.2:1313"}, []string{"evil.example"}},
	} {
		s := New(t.TempDir(), io.Discard, io.Discard)
		s.listenOn(tt.addr)
		for _, h := range tt.ok {
			if !s.hostAllowed(h) {
				t.Errorf("-addr %s: Host %q refused", tt.addr, h)
			}
		}
		for _, h := range tt.no {
			if s.hostAllowed(h) {
				t.Errorf("-addr %s: Host %q answered", tt.addr, h)
			}
		}
	}
}

var metaCSP = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`)

// TestCSPHeader checks that every answer carries the pages' policy as a
// header: pages, assets, the 404 page and the error page, whose styles must
// still apply under it.
func TestCSPHeader(t *testing.T) {
	dir := writeSite(t)
	s, ts := newTestServer(t, dir)
	_, home := get(t, ts.URL+"/")
	m := metaCSP.FindStringSubmatch(home)
	if m == nil {
		t.Fatal("the home page carries no policy")
	}
	want := html.UnescapeString(m[1])
	check := func(p string) *http.Response {
		t.Helper()
		resp, _ := rawGet(t, ts.URL, p, "")
		if got := resp.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("GET %s (%d): Content-Security-Policy %q, want %q", p, resp.StatusCode, got, want)
		}
		return resp
	}
	for _, p := range requests {
		check(p)
	}

	// The error page: its stylesheet is served from the preview's own
	// path, which the policy allows ('self'); it has no inline style.
	targets := filepath.Join(dir, "data", "targets.toml")
	good, _ := os.ReadFile(targets)
	os.WriteFile(targets, []byte(strings.Replace(string(good), "threshold = 60", "thresold = 60", 1)), 0o644)
	if err := s.Rebuild(nil); err == nil {
		t.Fatal("broken input built")
	}
	if resp := check("/"); resp.StatusCode != 500 {
		t.Errorf("error page: %d", resp.StatusCode)
	}
	_, page := get(t, ts.URL+"/")
	if strings.Contains(page, "<style") || strings.Contains(page, " style=") ||
		!strings.Contains(page, `<link rel="stylesheet" href="`+errorCSSPath+`">`) {
		t.Errorf("the error page's styles are inline or not linked:\n%s", page)
	}
	if !strings.Contains(want, "style-src 'self'") {
		t.Errorf("the policy does not allow the error page's stylesheet: %q", want)
	}
	resp := check(errorCSSPath)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("error stylesheet: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	check("/khong-co/")
	check("/css/site.css")
}

// TestErrorPageStaysInSite checks that the error page reads the offending
// line through the site folder's root: a file replaced by a symbolic link to
// a file outside the site shows nothing of that file.
func TestErrorPageStaysInSite(t *testing.T) {
	dir := writeSite(t)
	outside := filepath.Join(t.TempDir(), "secret.toml")
	var secret strings.Builder
	for i := 1; i <= 20; i++ {
		secret.WriteString("password = \"hunter2-secret\"\n")
	}
	os.WriteFile(outside, []byte(secret.String()), 0o644)

	s, ts := newTestServer(t, dir)
	targets := filepath.Join(dir, "data", "targets.toml")
	good, _ := os.ReadFile(targets)
	os.WriteFile(targets, []byte(strings.Replace(string(good), "threshold = 60", "thresold = 60", 1)), 0o644)
	if err := s.Rebuild(nil); err == nil {
		t.Fatal("broken input built")
	}
	if _, body := get(t, ts.URL+"/"); !strings.Contains(body, "9 | thresold = 60") {
		t.Fatalf("the error page does not show the line:\n%s", body)
	}
	os.Remove(targets)
	if err := os.Symlink(outside, targets); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	code, body := get(t, ts.URL+"/")
	if code != 500 || strings.Contains(body, "hunter2") || !strings.Contains(body, "data/targets.toml:9:1") {
		t.Errorf("after the swap: %d\n%s", code, body)
	}
}

// TestNoRedirectOffSite checks that a path that a browser would read as
// another host (//host, /\host) is never redirected to it.
func TestNoRedirectOffSite(t *testing.T) {
	_, ts := newTestServer(t, writeSite(t))
	for _, p := range []string{
		"//chi-tieu", "///chi-tieu", "/\\chi-tieu", "/%5Cchi-tieu", "//chi-tieu?x=1", "/./chi-tieu", "/css/..//chi-tieu",
		"/chi-tieu", "//%2F/chi-tieu", "/%2F%2Fchi-tieu",
	} {
		resp, _ := rawGet(t, ts.URL, p, "")
		loc := resp.Header.Get("Location")
		if loc == "" {
			continue
		}
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s: %d, Location %q leaves the site", p, resp.StatusCode, loc)
		}
	}
	if resp, _ := rawGet(t, ts.URL, "/chi-tieu", ""); resp.Header.Get("Location") != "/chi-tieu/" {
		t.Errorf("GET /chi-tieu: Location %q, want /chi-tieu/", resp.Header.Get("Location"))
	}
}

// waitFor waits until out matches re, woken by every write to out.
func waitFor(t *testing.T, out *notifyBuffer, re *regexp.Regexp) []string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		select {
		case <-out.wrote:
		case <-timeout:
			t.Fatalf("no %s in %q", re, out.String())
		}
	}
}

// notifyBuffer is a SyncBuffer that signals every write.
type notifyBuffer struct {
	sitetest.SyncBuffer
	wrote chan struct{}
}

func newNotifyBuffer() *notifyBuffer { return &notifyBuffer{wrote: make(chan struct{}, 1)} }

func (b *notifyBuffer) Write(p []byte) (int, error) {
	n, err := b.SyncBuffer.Write(p)
	select {
	case b.wrote <- struct{}{}:
	default:
	}
	return n, err
}
