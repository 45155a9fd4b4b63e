package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestCompareWording checks that the sentence, the chart's target line, the
// rule's description and the status of a count target agree with the
// numbers under every comparison, below, at and above the threshold, in
// the last month of a one-month period.
func TestCompareWording(t *testing.T) {
	tests := []struct {
		compare, word, reached string
		statuses               [3]string // below, at, above
	}{
		{"at_least", "ít nhất", "đạt khi bằng hoặc vượt chỉ tiêu", [3]string{"not_met", "met", "met"}},
		{"more_than", "trên", "đạt khi vượt (cao hơn hẳn) chỉ tiêu", [3]string{"not_met", "not_met", "met"}},
		{"at_most", "tối đa", "không được vượt chỉ tiêu", [3]string{"met", "met", "not_met"}},
		{"less_than", "dưới", "phải luôn thấp hơn chỉ tiêu", [3]string{"met", "not_met", "not_met"}},
	}
	for _, tt := range tests {
		for i, n := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d", tt.compare, n), func(t *testing.T) {
				files := renderCompareSite(t, tt.compare, n)
				page := string(files[rt.Target("x")+"index.html"])
				for _, want := range []string{
					fmt.Sprintf("<p class=\"verdict__calc\">%d mô hình — chỉ tiêu %s 2</p>", n, tt.word),
					fmt.Sprintf("</span>Chỉ tiêu (%s 2)</li>", tt.word),
					fmt.Sprintf("verdict verdict--%s", tt.statuses[i]),
				} {
					if !strings.Contains(page, want) {
						t.Errorf("target page lacks %q", want)
					}
				}
				about := string(files["gioi-thieu/index.html"])
				if want := fmt.Sprintf("so với chỉ tiêu %s 2 mô hình; %s", tt.word, tt.reached); !strings.Contains(about, want) {
					t.Errorf("about page lacks %q", want)
				}
			})
		}
	}
}

// TestSumWording checks that a sum target shows the total and the
// threshold in the target's unit, and says which field it adds up.
func TestSumWording(t *testing.T) {
	target := "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"người\"\nrule = \"sum\"\nrecords = \"cases\"\nfield = \"detected\"\nthreshold = 5300\n"
	report := "[[cases]]\nunit = \"001\"\ndetected = 3450\nhandled = 0\n[[cases]]\nunit = \"002\"\ndetected = 2000\nhandled = 0\n"
	files := renderTargetSite(t, target, report)
	page := string(files[rt.Target("x")+"index.html"])
	for _, want := range []string{
		"<p class=\"verdict__calc\">5.450 người — chỉ tiêu ít nhất 5.300 người</p>",
		"verdict verdict--met",
		"</span>Chỉ tiêu (ít nhất 5.300)</li>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	if want := "tổng “Phát hiện” của các ghi nhận cộng dồn từ đầu kỳ, so với chỉ tiêu ít nhất 5.300 người"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
		t.Errorf("about page lacks %q", want)
	}
}

// renderCompareSite renders the small site reduced to one count target "x"
// of 2 models under compare, over a period of one month whose report holds
// n models.
func renderCompareSite(t *testing.T, compare string, n int) Files {
	t.Helper()
	target := "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"mô hình\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 2\ncompare = \"" + compare + "\"\n"
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[[models]]\nunit = \"001\"\nname = \"m%d\"\n", i)
	}
	return renderTargetSite(t, target, b.String())
}

// renderTargetSite renders the small site reduced to the given targets,
// over a period of one month whose report holds report.
func renderTargetSite(t *testing.T, targets, report string) Files {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := strings.Replace(string(fsys["site.toml"].Data), `end = "2020-04"`, `end = "2020-01"`, 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(targets)}
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("published = 2020-02-03\n" + report)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	return m.Files
}

// TestWhereWording checks that the description of a target with where says
// which records it keeps, and that its figures count only those.
func TestWhereWording(t *testing.T) {
	target := "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"vụ\"\nrule = \"sum\"\nrecords = \"cases\"\nfield = \"handled\"\nthreshold = 10\nwhere = { detected = [4, 5] }\n"
	report := "[[cases]]\nunit = \"001\"\ndetected = 4\nhandled = 3\n[[cases]]\nunit = \"002\"\ndetected = 9\nhandled = 9\n"
	files := renderTargetSite(t, target, report)
	if want := "tổng “Đã xử lý” của các ghi nhận cộng dồn từ đầu kỳ (chỉ tính các ghi nhận có Phát hiện: 4, 5), so với chỉ tiêu ít nhất 10 vụ"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
		t.Errorf("about page lacks %q", want)
	}
	if want := "<p class=\"verdict__calc\">3 vụ — chỉ tiêu ít nhất 10 vụ</p>"; !strings.Contains(string(files[rt.Target("x")+"index.html"]), want) {
		t.Errorf("target page lacks %q", want)
	}
}
