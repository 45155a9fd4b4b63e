package e2e

import (
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// searchPage is a search page as a layout writes one: the form, hidden
// until the script shows it, says where the index, the results and the
// texts are.
const searchPage = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>Tìm kiếm</title><link rel="icon" href="data:,">
<script src="../js/search.js" defer></script>
</head><body><main>
<h1>Tìm kiếm</h1>
<form role="search" id="tim" hidden data-index="index.json" data-root="../" data-results="ket-qua" data-status="trang-thai" data-more="them"
  data-kind-unit="Đơn vị" data-kind-target="Chỉ tiêu" data-kind-page="Trang" data-kind-record="Ghi nhận">
<label for="q">Từ khóa</label> <input id="q" type="search" name="q" autocomplete="off" aria-describedby="trang-thai">
<button type="submit">Tìm</button>
</form>
<p id="trang-thai" role="status" data-found="{n} kết quả" data-none="Không tìm thấy kết quả" data-loading="Đang tìm…" data-error="Không tải được chỉ mục tìm kiếm"></p>
<ol id="ket-qua"></ol>
<button type="button" id="them" hidden>Xem thêm</button>
</main></body></html>
`

// searchSite writes the index of the site in folder src, the search page
// and search.js, and serves them gzipped, as a host would. It returns the
// search page's address.
func searchSite(t *testing.T, src string) string {
	t.Helper()
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	docs := search.Collect(s, search.Links{
		Target: func(tg *model.Target) string { return "chi-tieu/" + tg.ID + "/" },
		Unit:   func(u *model.Unit) string { return "don-vi/" + u.Code + "/" },
		Record: func(r *model.Record) string { return "cap-nhat/" + r.Month.String() + "/" },
		Content: func(pg *model.Page) string {
			h, _, err := render.Markdown(pg.Body)
			if err != nil {
				t.Fatal(err)
			}
			return string(h)
		},
	})
	dir := t.TempDir()
	files := search.Build(docs)
	files["index.html"] = []byte(searchPage)
	for name, b := range files {
		p := filepath.Join(dir, "tim-kiem", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	js, err := fs.ReadFile(theme.FS(), "static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "js"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "js", "search.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	files2 := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, prefix) {
			http.NotFound(w, r)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files2.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files2.ServeHTTP(gzipWriter{w, gz}, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL + prefix + "tim-kiem/"
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.gz.Write(b) }

func (w gzipWriter) WriteHeader(code int) {
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(code)
}

// results waits for the search page to show results and returns their
// titles, the marked words and the status.
type shown struct {
	Titles []string
	Marks  []string
	Where  []string
	Status string
	Index  int // bytes of the index fetched, as transferred
}

const readResults = `({
  Titles: Array.from(document.querySelectorAll('#ket-qua h2')).map(function (h) { return h.textContent; }),
  Marks: Array.from(document.querySelectorAll('#ket-qua mark')).map(function (m) { return m.textContent; }),
  Where: Array.from(document.querySelectorAll('#ket-qua .search__where')).map(function (m) { return m.textContent; }),
  Status: document.getElementById('trang-thai').textContent,
  Index: performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/tim-kiem/') >= 0; })
    .reduce(function (n, e) { return n + e.transferSize; }, 0)
})`

func TestSearch(t *testing.T) {
	ctx := browser(t, 1280, 900)
	page := searchSite(t, sitetest.Root())
	visit := open(t, ctx)
	v := visit(page)
	if len(v.Console) > 0 || len(v.Failed) > 0 {
		t.Errorf("opening the search page: console %q, failed %q", v.Console, v.Failed)
	}
	c, cancel := within(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.WaitVisible(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "khanh hoi")); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, 10*time.Second, `document.querySelectorAll('#ket-qua h2').length > 0`); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(c, chromedp.Evaluate[shown](readResults))
	if err != nil {
		t.Fatal(err)
	}
	if got.Titles[0] != "Xã Khánh Hội" {
		t.Errorf(`"khanh hoi": results %q, want Xã Khánh Hội first`, got.Titles)
	}
	if len(got.Marks) < 2 || got.Marks[0] != "Khánh" || got.Marks[1] != "Hội" {
		t.Errorf(`"khanh hoi": marked %q, want "Khánh" and "Hội" first`, got.Marks)
	}
	if !strings.HasPrefix(got.Status, fmt.Sprint(len(got.Titles))) && !strings.Contains(got.Status, "kết quả") {
		t.Errorf("status %q", got.Status)
	}
	if len(got.Where) == 0 || !strings.HasPrefix(got.Where[0], "Đơn vị · ") {
		t.Errorf("the first result's kind and place: %q", got.Where)
	}
	href, err := chromedp.Run(c, chromedp.Evaluate[string](`document.querySelector('#ket-qua h2 a').href`))
	if err != nil || !strings.Contains(href, prefix+"don-vi/") {
		t.Errorf("the first result links to %q (%v)", href, err)
	}
	loc, err := chromedp.Run(c, chromedp.Evaluate[string](`location.search`))
	if err != nil || loc != "?q=khanh+hoi" {
		t.Errorf("the address keeps the query as %q, want ?q=khanh+hoi (%v)", loc, err)
	}
}

// TestSearchNational opens the search page of the national synthetic site
// with a commune's name in its address and measures what the query
// transferred: the manifest, the term chunks, the shown documents.
func TestSearchNational(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the national site")
	}
	ctx := browser(t, 1280, 900)
	src := filepath.Join(t.TempDir(), "national")
	if err := gensite.Write(src, gensite.Scales["national"], 1); err != nil {
		t.Fatal(err)
	}
	page := searchSite(t, src)
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		t.Fatal(err)
	}
	s, err := load.Site(fsys)
	closeSite()
	if err != nil {
		t.Fatal(err)
	}
	u := s.Units.Units[len(s.Units.Units)/2]
	visit := open(t, ctx)
	v := visit(page + "?q=" + strings.ReplaceAll(search.Fold(u.FullName()), " ", "+"))
	if len(v.Console) > 0 || len(v.Failed) > 0 {
		t.Errorf("console %q, failed %q", v.Console, v.Failed)
	}
	if err := waitFor(ctx, 10*time.Second, `document.querySelectorAll('#ket-qua h2').length > 0`); err != nil {
		t.Fatal(err)
	}
	c, cancel := within(ctx, 10*time.Second)
	defer cancel()
	got, err := chromedp.Run(c, chromedp.Evaluate[shown](readResults))
	if err != nil {
		t.Fatal(err)
	}
	if got.Titles[0] != u.FullName() {
		t.Errorf("%q: results %q", u.FullName(), got.Titles)
	}
	t.Logf("%q: %d results shown; the page, the index and its chunks transferred %d KB", u.FullName(), len(got.Titles), got.Index>>10)
	if got.Index > 150<<10 {
		t.Errorf("the query transferred %d KB, more than 150 KB", got.Index>>10)
	}
}
