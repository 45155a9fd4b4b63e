package build_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// tagRE strips the tags of a page, leaving the text a reader sees and the
// attribute-free words around it.
var tagRE = regexp.MustCompile(`<[^>]*>`)

// pageText returns the visible text of an HTML page, with the contents of
// script elements (chart options) kept: their labels are read too.
func pageText(b []byte) string {
	return tagRE.ReplaceAllString(string(b), " ")
}

// TestSingleLevelSite builds testdata/sites/single.txtar, a city whose
// registry has one level (wards) and whose period starts mid-year, and
// checks that no page shows what only a two-level registry has, nor any
// word of the example plan that its own data does not contain.
func TestSingleLevelSite(t *testing.T) {
	src := sitetest.Load(t, "single")
	res, err := build.Render(t.Context(), src, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var data strings.Builder
	for name, f := range src {
		if strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "content/") || name == "site.toml" {
			data.Write(f.Data)
		}
	}
	own := strings.ToLower(data.String())
	// Words of the example plan and of a two-level registry: none may come
	// from the layouts or the code.
	foreign := []string{"huyện", "ninh bình", "xã", "thành phố, ", "trực thuộc", "mục iv", "2017"}
	pages := 0
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		text := strings.ToLower(pageText(b))
		for _, w := range foreign {
			if strings.Contains(text, w) && !strings.Contains(own, w) {
				i := strings.Index(text, w)
				t.Errorf("%s: %q, which the site's data does not contain: …%s…", name, w, excerpt(text, i))
			}
		}
		// An empty heading or caption: a level name that is not there.
		for _, m := range regexp.MustCompile(`(?s)<(h[1-6]|caption|th)[^>]*>\s*</(h[1-6]|caption|th)>`).FindAll(b, -1) {
			t.Errorf("%s: empty %s", name, m)
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages", pages)
	}

	page := func(name string) string {
		t.Helper()
		b, ok := res.Files[name]
		if !ok {
			t.Fatalf("no page %s", name)
		}
		return string(b)
	}
	units := page(rt.Units() + "index.html")
	if n := strings.Count(units, `<tr>`) - 1; n != 12 {
		t.Errorf("the units page lists %d wards, want 12", n)
	}
	// A ward's own standing on a list of wards is a column of the units
	// page, as a district's count of communes on a list is in a two-level
	// registry.
	if !regexp.MustCompile(`(?s)<th scope="col">Phường văn minh đô thị</th>.*Phường Bến Sông.*?<td>Duy trì</td>`).MatchString(units) {
		t.Errorf("the units page does not show where each ward stands on the list of wards")
	}
	ward := page(rt.Unit("", "phuong-ben-song") + "index.html")
	if !strings.Contains(ward, "Buổi tuyên truyền") {
		t.Errorf("the page of a ward does not show its records")
	}
	if strings.Contains(ward, `id="con-cap"`) {
		t.Errorf("the page of a ward has a table of units below it")
	}
	share := page(rt.Target("tuyen-truyen") + "index.html")
	if strings.Contains(share, `id="theo-cap-tren"`) {
		t.Errorf("the share target's page breaks it down by a top level, with one level only")
	}
	if !strings.Contains(share, "9 trên 12 phường (75%)") {
		t.Errorf("the share target's page does not say 9 of 12 wards: %s", excerpt(share, strings.Index(share, "verdict__calc")))
	}
	list := page(rt.List("van-minh") + "index.html")
	if strings.Contains(list, "Danh sách theo") || strings.Contains(list, `class="group-row"`) {
		t.Errorf("the list page groups its wards by a level above them, with one level only")
	}
	about := page("gioi-thieu/index.html")
	if strings.Contains(about, `<th scope="col">Thuộc</th>`) {
		t.Errorf("the registry table has a column for the unit above, with one level only")
	}
	if !strings.Contains(page(rt.Data()+"index.html"), "don-vi.csv") {
		t.Errorf("no data page")
	}
	// Months are labelled with their year across the year boundary, in
	// order, from July 2025 to June 2026.
	var want []string
	for m := 7; m <= 18; m++ {
		want = append(want, fmt.Sprintf("%02d/%d", (m-1)%12+1, 2025+(m-1)/12))
	}
	for _, p := range []string{rt.Target("tap-huan") + "index.html", rt.Target("tin-bai") + "index.html", "index.html"} {
		body := page(p)
		at := 0
		for _, m := range want {
			i := strings.Index(body[at:], ">"+m+"<")
			if i < 0 {
				t.Errorf("%s: no month %s after the previous one", p, m)
				break
			}
			at += i + 1
		}
	}
	if !strings.Contains(page(rt.Updates()+"2026-01/index.html"), "01/2026") {
		t.Errorf("the update of January 2026 does not name its month")
	}
}

func excerpt(s string, i int) string {
	if i < 0 {
		return ""
	}
	from, to := max(0, i-80), min(len(s), i+80)
	return strings.Join(strings.Fields(s[from:to]), " ")
}

// TestFiveYearPeriod builds the single-level site over a five-year period
// (2021-07 to 2026-06, 60 months) and checks that every month is labelled
// with its year, that charts have one point per month and that the month
// grids have one cell per month.
func TestFiveYearPeriod(t *testing.T) {
	src := sitetest.Load(t, "single")
	site := string(src["site.toml"].Data)
	long := strings.Replace(site, `start = "2025-07"`, `start = "2021-07"`, 1)
	if long == site {
		t.Fatal("the test site's period start moved: update the test")
	}
	src["site.toml"] = &fstest.MapFile{Data: []byte(long)}
	res, err := build.Render(t.Context(), src, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	target := string(res.Files[rt.Target("tap-huan")+"index.html"])
	for _, m := range []string{"07/2021", "12/2023", "01/2024", "06/2026"} {
		if !strings.Contains(target, ">"+m+"<") {
			t.Errorf("the target page has no month %s", m)
		}
	}
	points := regexp.MustCompile(`"xAxis":\[\{"data":\[([^\]]*)\]`).FindStringSubmatch(target)
	if points == nil {
		t.Fatal("no chart on the target page")
	}
	if n := strings.Count(points[1], ",") + 1; n != 60 {
		t.Errorf("the chart has %d months, want 60", n)
	}
	home := string(res.Files["index.html"])
	if n := strings.Count(home, `class="month-grid__cell `); n != 60 {
		t.Errorf("the home page's grid has %d cells, want 60", n)
	}
	// Sixty cells in one flow break years mid-row and fill a phone's
	// screen thirty times over: the grid has a row per year, and only the
	// year of the latest report (2026) is unfolded.
	years := regexp.MustCompile(`<details class="month-years__year"( open)?>\s*<summary>(\d{4}): `).FindAllStringSubmatch(home, -1)
	var got []string
	for _, y := range years {
		got = append(got, y[2]+y[1])
	}
	if want := "2021 2022 2023 2024 2025 2026 open"; strings.Join(got, " ") != want {
		t.Errorf("the home page's grid has years %q, want %q", strings.Join(got, " "), want)
	}
	if !strings.Contains(home, "<summary>2025: 5/12 tháng đạt <span class=\"month-years__more\">(1 không đạt; 6 chưa có báo cáo)</span></summary>") {
		t.Errorf("the year 2025 does not say how many months met the target and how many have no report")
	}
}

// TestOneYearGridFlat checks that a period of twelve months keeps one flat
// grid, even when it spans two calendar years.
func TestOneYearGridFlat(t *testing.T) {
	res, err := build.Render(t.Context(), sitetest.Load(t, "single"), render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	home := string(res.Files["index.html"])
	if strings.Contains(home, "month-years") || strings.Count(home, `<ol class="month-grid">`) != 1 {
		t.Errorf("a twelve-month period's grid is split by year")
	}
}
