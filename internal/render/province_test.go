package render

import (
	"strings"
	"testing"
)

// provinceGoldenFiles are the pages of the province site
// (testdata/sites/province.txtar: districts and communes, a six-month plan,
// reports January to April, the district level reporting) kept under
// testdata/golden/province/.
var provinceGoldenFiles = []string{
	"index.html",
	rt.Targets() + "index.html",
	rt.Target("xa-tuyen-truyen") + "index.html",
	rt.Target("phong-su") + "index.html",
	rt.Target("mo-hinh") + "index.html",
	rt.Target("tin-bai") + "index.html",
	"gioi-thieu/index.html",
}

func TestGoldenProvince(t *testing.T) { compareGolden(t, "province", provinceGoldenFiles) }

// TestProvinceFigures checks the key figures and statuses of the province
// site directly, computed by hand from testdata/sites/province.txtar, so a
// wrong golden page cannot pass unnoticed.
func TestProvinceFigures(t *testing.T) {
	files := renderSite(t, "province")
	cases := []struct {
		page string
		want []string
	}{
		// more_than 70% of 10 communes: 4, 6, 7 (exactly 70%: not met,
		// on track above the pace 70×3/6 = 35%), then 8 (80%: met).
		{rt.Target("xa-tuyen-truyen") + "index.html", []string{
			"Đạt 8 trên 10 xã (80%) — chỉ tiêu trên 70%",
			"01/2026 40% 11,7% trên 70% ↗ Đúng tiến độ",
			"02/2026 60% 23,3% trên 70% ↗ Đúng tiến độ",
			"03/2026 70% 35% trên 70% ↗ Đúng tiến độ",
			"04/2026 80% 46,7% trên 70% ✓ Đạt",
			"Huyện Đông Sơn 3 4 75%",
			"Huyện Tây Hà 3 3 100%",
			"Thị xã Nam Giang 2 3 66,7%",
			"Đã được tính: 8 xã",
			"Chưa được tính: 2 xã Xã Đa Phúc Xã Phú Xuân",
		}},
		// quarterly, at least 2 a quarter: Q1 = 1 (Jan) + 1 (Mar) = 2,
		// met; Q2 = 1 (Apr) so far, running. The data table and the
		// record list go by quarter.
		{rt.Target("phong-su") + "index.html", []string{
			"Đúng tiến độ 1 trên 1 quý có ít nhất 2 phóng sự; 0 quý không đạt; 0 quý thiếu báo cáo; Q2/2026 đang thực hiện: 1 phóng sự",
			"Q1/2026 ✓ Đạt · 2 phóng sự Q2/2026 … Đang thực hiện · 1 phóng sự",
			"Q1/2026 2 ít nhất 2 ✓ Đạt Q2/2026 1 ít nhất 2 … Đang thực hiện",
			"Phóng sự truyền hình theo quý Q1/2026 Tháng Ngày phát sóng Tên phóng sự 01/2026 15/01/2026 Ma túy và học đường 03/2026",
		}},
		// count: 1 + 2 + 0 + 2 = 5 of 6; pace ⌊6×4/6⌋ = 4.
		{rt.Target("mo-hinh") + "index.html", []string{
			"Đúng tiến độ 5 mô hình — chỉ tiêu ít nhất 6",
			"03/2026 3 3 ít nhất 6 ↗ Đúng tiến độ",
			"04/2026 5 4 ít nhất 6 ↗ Đúng tiến độ",
		}},
		// monthly alias, at least 3 a month: 4, 3, 5, 3 (exactly 3 meets
		// at_least).
		{rt.Target("tin-bai") + "index.html", []string{
			"Đạt 4 trên 4 tháng có ít nhất 3 tin, bài; 0 tháng không đạt; 0 tháng chưa có báo cáo",
			"02/2026 ✓ Đạt · 3 tin, bài",
			"04/2026 ✓ Đạt · 3 tin, bài 05/2026 – Chưa có báo cáo",
		}},
		{"index.html", []string{
			"Tình hình các chỉ tiêu đến tháng 04/2026",
			"Xã tổ chức tuyên truyền ✓ Đạt 8 trên 10 xã (80%) — chỉ tiêu trên 70%",
			"Q1/2026 ✓ Đạt · 2 phóng sự Q2/2026 … Đang thực hiện · 1 phóng sự",
			"Mô hình mới ↗ Đúng tiến độ 5 mô hình — chỉ tiêu ít nhất 6",
			"Số liệu cập nhật đến tháng 04/2026 (báo cáo ngày 05/05/2026)",
		}},
		{"gioi-thieu/index.html", []string{
			"so với chỉ tiêu trên 70%; đạt khi vượt (cao hơn hẳn) chỉ tiêu; bằng chỉ tiêu là chưa đạt",
			"số ghi nhận trong từng quý",
			"3 đơn vị cấp huyện, thị xã. 10 đơn vị cấp xã, phường, thị trấn.",
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
	// Exactly 70% is not met under more_than: March is not "Đạt".
	if text := pageText(files[rt.Target("xa-tuyen-truyen")+"index.html"]); strings.Contains(text, "03/2026 70% 35% trên 70% ✓") {
		t.Error("exactly 70% counts as met under more_than")
	}
	// Only the months of the plan (to June) and its two quarters appear.
	if text := pageText(files[rt.Target("phong-su")+"index.html"]); strings.Contains(text, "Q3/2026") || strings.Contains(text, "07/2026") {
		t.Error("the quarterly grid runs past the plan period")
	}
}
