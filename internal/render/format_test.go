package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// renderFS renders a site given as files, with the repository's theme.
func renderFS(t *testing.T, fsys fstest.MapFS) (Files, *model.Site) {
	t.Helper()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	return m.Files, s
}

// TestFailedFigureNotRounded renders 19,999 cases handled of 20,000 against
// a 100% target at the end of the period: not met, so no page, chart or
// download may show it as 100%.
func TestFailedFigureNotRounded(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	// January and February hold 2 of 3 cases; April, the last month, the
	// rest but one.
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("published = 2020-05-04\n[[cases]]\nunit = \"001\"\ndetected = 19997\nhandled = 19997\n")}
	files, s := renderFS(t, fsys)
	notMet := s.Strings["status.not_met"]
	if notMet == "" {
		t.Fatal("no status.not_met text")
	}
	page := string(files[rt.Target("vu-viec")+"index.html"])
	calc := regexp.MustCompile(`(?s)<p class="verdict__calc">(.*?)</p>`).FindStringSubmatch(page)
	if calc == nil || !strings.Contains(page, notMet) {
		t.Fatalf("no verdict, or no %q on the page", notMet)
	}
	if strings.Contains(calc[1], "(100%)") || !strings.Contains(calc[1], "(99,995%)") {
		t.Errorf("verdict: %q, want 99,995%%, not 100%%", calc[1])
	}
	// The month table: the April row says not met, with its figure.
	row := regexp.MustCompile(`(?s)<tr>\s*<th scope="row">04/2020</th>\s*<td class="num">([^<]*)</td>(.*?)</tr>`).FindStringSubmatch(page)
	if row == nil || !strings.Contains(row[2], notMet) {
		t.Fatalf("no April row with the status %q", notMet)
	}
	if row[1] != "99,995%" {
		t.Errorf("April row shows %q, want 99,995%%", row[1])
	}
	// The chart's points.
	opts := regexp.MustCompile(`(?s)<script type="application/json" id="chart-vu-viec-options">(.*?)</script>`).FindStringSubmatch(page)
	if opts == nil {
		t.Fatal("no chart options")
	}
	var chart struct {
		Series []struct {
			Data []struct{ Value any }
		}
	}
	if err := json.Unmarshal([]byte(opts[1]), &chart); err != nil {
		t.Fatal(err)
	}
	if got := chart.Series[0].Data[3].Value; got != 99.995 {
		t.Errorf("chart point for April = %v, want 99.995", got)
	}
	// The downloads.
	for _, name := range []string{rt.Download(routes.TargetData("") + ".csv"), rt.Download(routes.TargetData("vu-viec") + ".csv")} {
		if !bytes.Contains(files[name], []byte("vu-viec,ratio,2020-04,true,99.995,19999,20000,,100,at_least,not_met\r\n")) {
			t.Errorf("%s lacks the April row with 99.995:\n%s", name, files[name])
		}
	}
	var data struct{ Rows []map[string]any }
	if err := json.Unmarshal(files[rt.Download(routes.TargetData("vu-viec")+".json")], &data); err != nil {
		t.Fatal(err)
	}
	if got := data.Rows[3]["value"]; got != 99.995 {
		t.Errorf("JSON value for April = %v, want 99.995", got)
	}
	// The home page and the list of targets show the verdict too.
	for _, name := range []string{"index.html", rt.Targets() + "index.html"} {
		if !strings.Contains(string(files[name]), "(99,995%)") {
			t.Errorf("%s lacks (99,995%%)", name)
		}
	}
}
