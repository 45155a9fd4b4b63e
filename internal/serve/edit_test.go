package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/edit"
)

// TestEditorMounted checks that the preview serves the report editor, with
// its own Content-Security-Policy, links to it from its pages, and answers
// it only at its own host names, like every other path.
func TestEditorMounted(t *testing.T) {
	s, ts := newTestServer(t, writeSite(t))

	if _, body := get(t, ts.URL+"/"); !strings.Contains(body, `<script src="`+edit.Prefix+`bar.js"></script>`) {
		t.Error("the preview's pages do not link to the editor")
	}
	resp, err := http.Get(ts.URL + edit.Prefix)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") || strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Errorf("editor: %d, policy %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	for _, path := range []string{edit.Prefix, edit.Prefix + "data", edit.Prefix + "bar.js"} {
		r := httptest.NewRequest("GET", path, nil)
		r.Host = "rebound.example:1313"
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusForbidden {
			t.Errorf("GET %s at another host: %d, want 403", path, w.Code)
		}
	}
}
