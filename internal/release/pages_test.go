package release_test

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/render"
)

// corrected is the small site with three releases and one correction:
// January's handled cases, 1 of 2, become 2 of 2.
func corrected(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := released(t)
	edit(t, fsys, "data/reports/2020-01.toml", "handled = 1", "handled = 2")
	correct(t, fsys, "2020-01", "2020-04-10")
	return fsys
}

func renderSite(t *testing.T, fsys fstest.MapFS, opt render.Options) render.Files {
	t.Helper()
	res, err := build.Render(t.Context(), fsys, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

// text returns a page's HTML with its tags removed and spaces collapsed:
// what a screen reader or a browser without JavaScript reads.
func text(html []byte) string {
	var b strings.Builder
	in := false
	for _, r := range string(html) {
		switch {
		case r == '<':
			in = true
			b.WriteRune(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestCorrectionShown: a covered correction builds, and the target's page,
// the monthly update and the page of releases show, in words, the value
// first published, the value now, the date and the reason.
func TestCorrectionShown(t *testing.T) {
	fsys := corrected(t)
	files := renderSite(t, fsys, render.Options{})
	again := renderSite(t, fsys, render.Options{})
	if len(again) != len(files) {
		t.Errorf("%d files, then %d", len(files), len(again))
	}
	for name, b := range files {
		if string(again[name]) != string(b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	mark := "Số liệu tháng 01/2020 đã được đính chính ngày 10/04/2020: công bố lần đầu ngày 03/02/2020 là 50% (Có nguy cơ không đạt), nay là 100% (Đạt). Lý do: Nhập sai."
	for page, want := range map[string][]string{
		"chi-tieu/vu-viec/index.html": {mark, "100% (đã đính chính, công bố lần đầu: 50%)"},
		"phien-ban/index.html": {
			"Đính chính số liệu tháng 01/2020, ngày 10/04/2020: Số liệu được sửa. Lý do: Nhập sai.",
			"01/2020 50% (Có nguy cơ không đạt) 100% (Đạt)",
			"Số liệu tháng 02/2020 · phát hành ngày",
		},
		"index.html": {"Lần đính chính số liệu gần nhất: ngày 10/04/2020."},
	} {
		got := text(files[page])
		if got == "" {
			t.Errorf("%s: no such page", page)
			continue
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s does not read %q:\n%s", page, w, got)
			}
		}
	}
	// The latest month, March, moved too (January's cases carry forward):
	// the verdict says so.
	if page := string(files["chi-tieu/vu-viec/index.html"]); !strings.Contains(page, `<p class="revision">Số liệu tháng 03/2020 đã được đính chính ngày 10/04/2020: công bố lần đầu ngày 02/04/2020`) {
		t.Errorf("the verdict of vu-viec has no revision mark:\n%s", page)
	}
	feed := string(files["cap-nhat/atom.xml"])
	if n := strings.Count(feed, "phien-ban/#phien-ban-"); n != 2*3 { // id and link of each release
		t.Errorf("the feed has %d links to releases, want 6:\n%s", n, feed)
	}
	if !strings.Contains(feed, "Lý do: Nhập sai.") {
		t.Errorf("the feed does not carry the correction:\n%s", feed)
	}
}

// TestVintageTable: the vintage table gives back exactly the figures of
// every release of the ledger, then the corrected ones.
func TestVintageTable(t *testing.T) {
	fsys := corrected(t)
	h, problems := check(t, fsys)
	if problems != "" {
		t.Fatal(problems)
	}
	files := renderSite(t, fsys, render.Options{})
	var table struct {
		Columns []string
		Rows    []map[string]any
	}
	if err := json.Unmarshal(files["du-lieu/chi-tieu-phien-ban.json"], &table); err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	for _, e := range h.Ledger.Entries {
		for _, f := range e.Figures {
			want = append(want, row(f, e.Month.String(), e.Date.Format("2006-01-02"), false))
		}
	}
	for _, v := range h.Vintages {
		if v.Revised {
			want = append(want, row(v.Figure, v.Month.String(), v.Release.Format("2006-01-02"), true))
		}
	}
	var got []map[string]any
	for _, r := range table.Rows {
		if r["revised"] == false {
			got = append(got, r)
		}
	}
	for _, r := range table.Rows {
		if r["revised"] == true {
			got = append(got, r)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		a, _ := json.Marshal(got[i])
		b, _ := json.Marshal(want[i])
		if string(a) != string(b) {
			t.Errorf("row %d: %s\nwant %s", i, a, b)
		}
	}
	csv := string(files["du-lieu/chi-tieu-vu-viec-phien-ban.csv"])
	if !strings.Contains(csv, "\r\nvu-viec,2020-01,2020-02-03,50,at_risk,1,2,false\r\n") || !strings.Contains(csv, "\r\nvu-viec,2020-01,2020-04-10,100,met,2,2,true\r\n") {
		t.Errorf("vu-viec's vintages:\n%s", csv)
	}
	if string(files["du-lieu/phien-ban.toml"]) != string(fsys[release.Path].Data) {
		t.Error("the ledger among the downloads is not data/releases.toml as it is")
	}
}

func row(f release.Figure, month, date string, revised bool) map[string]any {
	var value any
	if f.HasValue {
		value = f.Value
	}
	return map[string]any{"target": f.Target, "month": month, "release": date, "value": value, "status": string(f.Status),
		"numerator": f.Num, "denominator": f.Den, "revised": revised}
}

// TestPreviewBanner: the preview shows a banner while a published month is
// not released; a build never does.
func TestPreviewBanner(t *testing.T) {
	fsys := site(t)
	releaseMonth(t, fsys, "2020-01")
	banner := "Bản xem trước: số liệu tháng 02/2020, 03/2020 đã có báo cáo nhưng chưa phát hành. Sau khi đăng, chạy minhbach release 2020-03."
	preview := renderSite(t, fsys, render.Options{Preview: true})
	if got := text(preview["index.html"]); !strings.Contains(got, banner) {
		t.Errorf("the preview's home does not read %q:\n%s", banner, got)
	}
	for name, b := range renderSite(t, fsys, render.Options{}) {
		if strings.Contains(string(b), "preview-banner") {
			t.Errorf("%s of a build has the preview banner", name)
		}
	}
	for _, m := range []string{"2020-02", "2020-03"} {
		releaseMonth(t, fsys, m)
	}
	if got := string(renderSite(t, fsys, render.Options{Preview: true})["index.html"]); strings.Contains(got, "preview-banner") {
		t.Error("the preview of a site with every month released has the banner")
	}
}

// TestFooterFromRelease: with a ledger, the footer's "as of" is the latest
// release, not the latest report.
func TestFooterFromRelease(t *testing.T) {
	fsys := site(t)
	releaseMonth(t, fsys, "2020-01")
	got := text(renderSite(t, fsys, render.Options{})["chi-tieu/index.html"])
	if want := "Số liệu cập nhật đến tháng 01/2020 (báo cáo ngày 03/02/2020)."; !strings.Contains(got, want) {
		t.Errorf("the footer does not read %q:\n%s", want, got)
	}
}

// TestCorrectionShownByQuarter: a quarterly target whose January figure
// was corrected says so, in words, in the row and the grid cell of its
// first quarter, linking to the note under the table; its second quarter,
// with no corrected month, does not.
func TestCorrectionShownByQuarter(t *testing.T) {
	fsys := site(t)
	fsys["data/targets.toml"] = &fstest.MapFile{Data: append(fsys["data/targets.toml"].Data, []byte(`
[[targets]]
id = "tin-quy"
number = 6
name = "Tin hằng quý"
text = "mỗi quý 1 tin"
rule = "periodic"
every = "quarter"
records = "press"
threshold = 1
unit = "tin"
`)...)}
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("published = 2020-05-04\n\n[[press]]\ndate = 2020-04-03\ntitle = \"Tin 4\"\n")}
	for _, m := range []string{"2020-01", "2020-02", "2020-03", "2020-04"} {
		releaseMonth(t, fsys, m)
	}
	edit(t, fsys, "data/reports/2020-01.toml", "[[cases]]", "[[press]]\ndate = 2020-01-25\ntitle = \"Tin 1b\"\n\n[[cases]]")
	correct(t, fsys, "2020-01", "2020-05-10")
	if _, problems := check(t, fsys); problems != "" {
		t.Fatal(problems)
	}
	files := renderSite(t, fsys, render.Options{})
	page := string(files["chi-tieu/tin-quy/index.html"])
	got := text([]byte(page))
	for _, w := range []string{
		"Q1/2020 3 (đã đính chính) ít nhất 1 ✓ Đạt",                // the row of the data table
		"Q1/2020 ✓ Đạt · 3 tin · đã đính chính Q2/2020",            // the grid cell
		"Số liệu tháng 01/2020 đã được đính chính ngày 10/05/2020", // the note under the table
	} {
		if !strings.Contains(got, w) {
			t.Errorf("the page of tin-quy does not read %q:\n%s", w, got)
		}
	}
	if !strings.Contains(page, `<a class="revision" href="#dinh-chinh-2020-03">`) || !strings.Contains(page, `<li id="dinh-chinh-2020-03">`) {
		t.Errorf("the row of Q1/2020 does not link to its note:\n%s", page)
	}
	if n := strings.Count(got, "(đã đính chính)"); n != 1 {
		t.Errorf("%d rows marked, want 1 (Q2/2020 has no corrected month):\n%s", n, got)
	}
	if n := strings.Count(got, "· đã đính chính"); n != 1 {
		t.Errorf("%d grid cells marked, want 1 (Q2/2020 has no corrected month):\n%s", n, got)
	}
}
