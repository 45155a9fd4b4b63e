package serve

import (
	"net/http"
	"slices"
	"testing"
)

// TestServeFraming checks that the preview sends the headers of the
// build's table (_headers): an embed page may be framed by any site, the
// other pages, the 404 page and the files by none.
func TestServeFraming(t *testing.T) {
	_, ts := newTestServer(t, writeSite(t))
	tests := []struct {
		path        string
		status      int
		ancestors   string // the frame-ancestors policy sent
		frameOption string // X-Frame-Options
	}{
		{"/nhung/tuyen-truyen/", 200, "frame-ancestors *", ""},
		{"/chi-tieu/tuyen-truyen/", 200, "frame-ancestors 'none'", "DENY"},
		{"/", 200, "frame-ancestors 'none'", "DENY"},
		{"/du-lieu/chi-tieu.csv", 200, "frame-ancestors 'none'", "DENY"},
		{"/khong-co/", 404, "frame-ancestors 'none'", "DENY"},
	}
	for _, tt := range tests {
		resp, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Values("Content-Security-Policy")
		if resp.StatusCode != tt.status || !slices.Contains(csp, tt.ancestors) || resp.Header.Get("X-Frame-Options") != tt.frameOption {
			t.Errorf("%s: %d, policies %q, X-Frame-Options %q; want %d, %q among them, %q", tt.path, resp.StatusCode, csp, resp.Header.Get("X-Frame-Options"), tt.status, tt.ancestors, tt.frameOption)
		}
		if len(csp) < 2 && tt.status == 200 && tt.path != "/du-lieu/chi-tieu.csv" {
			t.Errorf("%s: policies %q: the page's own policy is gone", tt.path, csp)
		}
	}
}
