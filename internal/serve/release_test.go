package serve

import (
	"bytes"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
)

// TestPreviewBanner: once the site has a ledger, the preview shows a
// banner on every page while a published month is not released, and none
// once it is.
func TestPreviewBanner(t *testing.T) {
	dir := writeSite(t)
	releaseMonth := func(month string) {
		t.Helper()
		fsys := os.DirFS(dir)
		s, err := load.Site(fsys)
		if err != nil {
			t.Fatal(err)
		}
		p := progress.Compute(s)
		l, err := release.Read(fsys)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := model.ParseMonth(month)
		var day = s.Reports[0].Published
		for _, r := range s.Reports {
			if r.Month == m {
				day = r.Published
			}
		}
		e, err := release.Next(fsys, s, p, l, m, day)
		if err != nil {
			t.Fatal(err)
		}
		var was []byte
		if l != nil {
			was = l.Src
		}
		if err := release.Append(dir, was, e); err != nil {
			t.Fatal(err)
		}
	}
	var log, errlog bytes.Buffer
	s := New(dir, &log, &errlog)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	banner := func() bool {
		t.Helper()
		if err := s.Rebuild(nil); err != nil {
			t.Fatal(err)
		}
		code, body := get(t, ts.URL+"/"+rt.Targets())
		if code != 200 {
			t.Fatalf("GET %s: %d", rt.Targets(), code)
		}
		return strings.Contains(body, `class="preview-banner"`) && strings.Contains(body, "chưa phát hành")
	}
	if banner() {
		t.Error("a site without a ledger shows the banner")
	}
	releaseMonth("2020-01")
	if !banner() {
		t.Error("2020-02 is published and not released, yet the preview shows no banner")
	}
	releaseMonth("2020-02")
	if banner() {
		t.Error("every published month is released, yet the preview shows the banner")
	}
}
