package render

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// cityGoldenFiles are the pages of the city site (testdata/sites/city.txtar:
// one ward level, a year's plan, reports January to June and a draft for
// July) kept under testdata/golden/city/.
var cityGoldenFiles = []string{
	"index.html",
	rt.Targets() + "index.html",
	rt.Target("cong-nhan") + "index.html",
	rt.Target("hoc-sinh") + "index.html",
	rt.Target("duy-tri") + "index.html",
	rt.Target("tham-du") + "index.html",
	rt.Target("diem-phuc-tap") + "index.html",
	rt.Target("dang-tai") + "index.html",
	rt.Target("van-minh") + "index.html",
	rt.Target("phong-su") + "index.html",
	rt.List("van-minh") + "index.html",
	"gioi-thieu/index.html",
}

func TestGoldenCity(t *testing.T) { compareGolden(t, "city", cityGoldenFiles) }

var (
	cityTagRE   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]+>`)
	citySpaceRE = regexp.MustCompile(`\s+`)
)

// pageText is the visible text of an HTML page, tags removed, entities
// decoded and runs of white space made one space.
func pageText(b []byte) string {
	s := cityTagRE.ReplaceAllString(string(b), " ")
	return citySpaceRE.ReplaceAllString(html.UnescapeString(s), " ")
}

// TestCityFigures checks the key figures and statuses of the city site
// directly, computed by hand from testdata/sites/city.txtar, so a wrong
// golden page cannot pass unnoticed.
func TestCityFigures(t *testing.T) {
	files := renderSite(t, "city")
	cases := []struct {
		page string
		want []string
	}{
		// sum + where: workers 700+850+700+1120+990+750 = 5110 of 10000
		// (pace at 6/12 months: 5000, so on track).
		{rt.Target("cong-nhan") + "index.html", []string{
			"Đúng tiến độ 5.110 người — chỉ tiêu ít nhất 10.000 người",
			"01/2026 700 833",
			"04/2026 3.370 3.333 ít nhất 10.000 ↗ Đúng tiến độ",
		}},
		// students 450+150+480+220+450+680 = 2430 of 4000 (pace 2000).
		{rt.Target("hoc-sinh") + "index.html", []string{
			"Đúng tiến độ 2.430 người — chỉ tiêu ít nhất 4.000 người",
		}},
		// min_months = 3: 7 of 12 wards have records in 3 distinct months.
		{rt.Target("duy-tri") + "index.html", []string{
			"7 trên 12 phường có ghi nhận ở ít nhất 3 tháng khác nhau (58,3%) — chỉ tiêu trên 70%",
			"Đã được tính: 7 phường",
			"Chưa được tính: 5 phường",
			"03/2026 8,3%",
		}},
		// ratio without part_of_whole: (230+320+190)/(200+300+150) = 740/650.
		{rt.Target("tham-du") + "index.html", []string{
			"Đạt 740 trên 650 người (113,8%) — chỉ tiêu ít nhất 90%",
			"01/2026 115%",
			"03/2026 110%",
		}},
		// at_most 0: no hotspot in a published report (the July draft's
		// one does not count): on track until the period ends.
		{rt.Target("diem-phuc-tap") + "index.html", []string{
			"Đúng tiến độ 0 điểm — chỉ tiêu tối đa 0",
			"06/2026 0 tối đa 0 ↗ Đúng tiến độ",
		}},
		// assessed: the June assessment is the latest; April's stays in
		// the history.
		{rt.Target("dang-tai") + "index.html", []string{
			"Cơ quan báo cáo tự đánh giá (tháng 06/2026): Đúng tiến độ — Đăng lại đều đặn, 5 tin, bài mỗi tháng",
			"không phải kết quả tính từ số liệu ghi nhận",
			"04/2026 ! Có nguy cơ không đạt Tháng 4 chỉ đăng 1 tin",
			"https://example.org/thanh-pho-vi-du/tin-bai/thang-6",
		}},
		// membership: one ward added in March, none removed.
		{rt.Target("van-minh") + "index.html", []string{
			"1 phường đang trong danh sách mà đầu kỳ chưa có (chỉ tiêu ít nhất 2)",
		}},
		{rt.List("van-minh") + "index.html", []string{
			"Phường Hạ Long Giang ★ Mới công nhận 25/03/2026",
		}},
		// the about page names the ratio's own fields, not another plan's.
		{"gioi-thieu/index.html", []string{
			"tổng “Số người tham dự” chia cho tổng “Số người được mời”, cộng dồn từ đầu kỳ, tính theo phần trăm (tỉ lệ có thể vượt 100%), so với chỉ tiêu ít nhất 90%",
		}},
		{"index.html", []string{
			"Tình hình các chỉ tiêu đến tháng 06/2026",
			"Số liệu cập nhật đến tháng 06/2026 (báo cáo ngày 03/07/2026)",
		}},
	}
	for _, c := range cases {
		text := pageText(files[c.page])
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in:\n%s", c.page, w, text)
			}
		}
	}
	// The July draft is neither a post nor a month of any table.
	if _, ok := files[rt.Updates()+"2026-07/index.html"]; ok {
		t.Error("the July draft has an update page")
	}
	for _, page := range []string{rt.Target("diem-phuc-tap") + "index.html", rt.Target("cong-nhan") + "index.html"} {
		if text := pageText(files[page]); strings.Contains(text, "07/2026 0 ") || strings.Contains(text, "Bản nháp") {
			t.Errorf("%s counts the July draft", page)
		}
	}
}

// TestRatioWholeNamesFields: the about page's note that a ratio cannot pass
// 100% names the target's own fields, not handled and detected cases.
func TestRatioWholeNamesFields(t *testing.T) {
	about := pageText(renderSite(t, "small")["gioi-thieu/index.html"])
	want := "tổng “Đã xử lý” chia cho tổng “Phát hiện”, cộng dồn từ đầu kỳ, tính theo phần trăm (“Đã xử lý” không thể vượt “Phát hiện”, nên tỉ lệ không thể vượt 100%)"
	if !strings.Contains(about, want) {
		t.Errorf("no %q in the about page:\n%s", want, about)
	}
}
