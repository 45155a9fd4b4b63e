package render

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestYearlyTargetPage checks that the page of a yearly target follows the
// year, not the month: the city site's TV reports, 1 in February and 1 in
// May of a one-year plan, against at least 3 a year.
func TestYearlyTargetPage(t *testing.T) {
	files := renderSite(t, "city")
	page := string(files[rt.Target("phong-su")+"index.html"])
	js := regexp.MustCompile(`<script type="application/json" id="chart-phong-su-options">(.*?)</script>`).FindStringSubmatch(page)
	if js == nil {
		t.Fatal("no chart")
	}
	var chart struct {
		Series []struct {
			Type string
			Data []struct{ Value any }
		}
		XAxis []struct{ Data []string }
	}
	if err := json.Unmarshal([]byte(js[1]), &chart); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(chart.XAxis[0].Data, " "); got != "2026" {
		t.Errorf("chart's labels %q, want one bar for 2026", got)
	}
	if len(chart.Series) != 2 || len(chart.Series[0].Data) != 1 || chart.Series[0].Type != "bar" || chart.Series[0].Data[0].Value != 2.0 || len(chart.Series[1].Data) != 1 || chart.Series[1].Data[0].Value != 3.0 {
		t.Errorf("chart's series %+v, want a bar of 2 and a target line at 3", chart.Series)
	}
	text := pageText([]byte(page))
	for _, want := range []string{
		"Đúng tiến độ 0 trên 0 năm có ít nhất 3 phóng sự; 0 năm không đạt; 0 năm thiếu báo cáo; 2026 đang thực hiện: 2 phóng sự",
		"Diễn biến theo năm Biểu đồ theo năm: Phóng sự truyền hình 2026: 2 phóng sự; chỉ tiêu mỗi năm: ít nhất 3 phóng sự.",
		"Số liệu của biểu đồ: Phóng sự truyền hình, theo năm Năm Số phóng sự Chỉ tiêu Kết quả của kỳ 2026 2 ít nhất 3 … Đang thực hiện Tải",
		"Phóng sự truyền hình theo năm 2026 Tháng Ngày phát sóng Tên phóng sự 02/2026 20/02/2026 Phường không ma túy 05/2026 12/05/2026 Công nhân nói không với tệ nạn",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q in:\n%s", want, text)
		}
	}
	if want := "một năm đầu hoặc cuối chỉ có một phần vẫn tính là một năm"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
		t.Errorf("about page lacks %q", want)
	}
	if strings.Contains(text, "Tháng 02/2026") || strings.Contains(text, "06/2026 –") {
		t.Errorf("page still goes month by month:\n%s", text)
	}
}

// TestGridStateWords checks that the words of a periodic grid's cells come
// from layouts/strings.toml, for grids of months and of quarters.
func TestGridStateWords(t *testing.T) {
	// A site's layouts/strings.toml overrides the stock texts key by key.
	fsys := sitetest.Load(t, "province")
	fsys["layouts/strings.toml"] = &fstest.MapFile{Data: []byte("\"grid.state.met\" = \"MET\"\n\"grid.state.running\" = \"RUNNING\"\n\"grid.state.none\" = \"NONE\"\n\"grid.icon.met\" = \"Y\"\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	text := pageText(m.Files["index.html"])
	for _, want := range []string{"Q1/2026 Y MET · 2 phóng sự Q2/2026 … RUNNING · 1 phóng sự", "02/2026 Y MET · 3 tin, bài", "05/2026 – NONE"} {
		if !strings.Contains(text, want) {
			t.Errorf("home page lacks %q in:\n%s", want, text)
		}
	}
}
