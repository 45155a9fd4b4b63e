package build_test

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// assessedSite is the small site with a qualitative target, assessed in
// January and February.
func assessedSite(t *testing.T) fstest.MapFS {
	fsys := sitetest.Load(t, "small")
	add := func(name, text string) {
		fsys[name] = &fstest.MapFile{Data: append(append([]byte{}, fsys[name].Data...), text...)}
	}
	add("data/targets.toml", "\n[[targets]]\nid = \"dang-tai\"\nnumber = 9\nname = \"Đăng tải thường xuyên\"\ntext = \"đăng tải thường xuyên\"\nrule = \"assessed\"\n")
	add("data/reports/2020-01.toml", "\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"at_risk\"\nnote = \"Mới đăng 1 tin\"\n")
	add("data/reports/2020-02.toml", "\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"on_track\"\nnote = \"Đăng đều hằng tuần\"\nlinks = [\"https://example.org/tin-2\"]\n")
	return fsys
}

// TestAssessedPages checks that an assessed target's page shows the latest
// assessment, its history and the statement that it is the reporting
// body's own assessment, with no chart and no threshold; that the home and
// targets pages show its status; that its downloads hold the history with
// typed columns; and that check passes on the site that builds.
func TestAssessedPages(t *testing.T) {
	src := assessedSite(t)
	res, err := build.Render(t.Context(), src, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files[rt.Target("dang-tai")+"index.html"])
	if page == "" {
		t.Fatal("no page chi-tieu/dang-tai/index.html")
	}
	for _, want := range []string{
		"không phải kết quả tính từ số liệu ghi nhận", // assessed.statement
		"Cơ quan báo cáo tự đánh giá (tháng 02/2020): Đúng tiến độ — Đăng đều hằng tuần",
		"Mới đăng 1 tin", // the history
		`<a href="https://example.org/tin-2" rel="noopener">`,
		"Các lần đánh giá",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("target page: no %q", want)
		}
	}
	for _, not := range []string{"chart-dang-tai", "<canvas", "echarts", "Chỉ tiêu (", "Mức cần đạt"} {
		if strings.Contains(page, not) {
			t.Errorf("target page holds %q: an assessed target has no chart or threshold", not)
		}
	}
	for _, name := range []string{"index.html", rt.Targets() + "index.html"} {
		if p := string(res.Files[name]); !strings.Contains(p, "Cơ quan báo cáo tự đánh giá (tháng 02/2020)") {
			t.Errorf("%s: no assessment of the qualitative target", name)
		}
	}
	var data struct{ Rows []map[string]any }
	js := res.Files[rt.Download(routes.TargetData("dang-tai")+".json")]
	if err := json.Unmarshal(js, &data); err != nil {
		t.Fatalf("du-lieu/chi-tieu-dang-tai.json: %v\n%s", err, js)
	}
	rows := data.Rows
	if len(rows) != 2 || rows[1]["status"] != "on_track" || rows[1]["links"] != "https://example.org/tin-2" || rows[0]["month"] != "2020-01" {
		t.Errorf("assessment download: %v", rows)
	}
	csv := string(res.Files[rt.Download(routes.TargetData("dang-tai")+".csv")])
	if !strings.HasPrefix(strings.TrimPrefix(csv, "\ufeff"), "target,month,status,note,links") {
		t.Errorf("assessment CSV starts %q", csv[:min(len(csv), 60)])
	}
	// check finds nothing more than on the site without the target (its
	// own warnings about the small site's press and posts).
	problems, err := build.Check(t.Context(), src)
	before, _ := build.Check(t.Context(), sitetest.Load(t, "small"))
	if err != nil || len(problems) != len(before) {
		t.Errorf("check: %v %v; without the target: %v", problems, err, before)
	}
}
