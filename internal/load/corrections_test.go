package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestCorrections checks how a report's [[corrections]] are read: every
// key required, none unknown, a month no later than the report's.
func TestCorrections(t *testing.T) {
	const head = "published = 2020-03-02\n\n[[corrections]]\n"
	tests := []struct {
		name, body string
		want       []string // the problems; none if empty
	}{
		{"whole", "month = \"2020-01\"\ndate = 2020-03-10\nwhat = \"Sửa số vụ\"\nwhy = \"Nhập sai\"\n", nil},
		{"its own month", "month = \"2020-02\"\ndate = 2020-03-10\nwhat = \"w\"\nwhy = \"y\"\n", nil},
		{"unknown key", "month = \"2020-01\"\ndate = 2020-03-10\nwhat = \"w\"\nwhy = \"y\"\nreason = \"r\"\n", []string{
			`data/reports/2020-02.toml:8:1: unknown key "reason" in a correction: use month, date, what, why`,
		}},
		{"nothing", "", []string{
			`data/reports/2020-02.toml:3:3: missing "date": the day the correction is made, such as date = 2020-03-05, without quotes`,
			`data/reports/2020-02.toml:3:3: missing "month": the released month whose figures change, such as month = "2020-02"`,
			`data/reports/2020-02.toml:3:3: missing "what": say what changed, in the words readers will see`,
			`data/reports/2020-02.toml:3:3: missing "why": say why it changed, in the words readers will see`,
		}},
		{"later month", "month = \"2020-03\"\ndate = 2020-03-10\nwhat = \"w\"\nwhy = \"y\"\n", []string{
			`data/reports/2020-02.toml:4:1: month 2020-03 is after 2020-02, the month of this report: a report corrects only months already published`,
		}},
		{"wrong types", "month = 2020-01-01\ndate = \"2020-03-10\"\nwhat = 1\nwhy = \" \"\n", []string{
			`data/reports/2020-02.toml:4:1: month must be a month in quotes, written YYYY-MM, such as month = "2020-02"`,
			`data/reports/2020-02.toml:5:1: date must be a date such as 2020-03-05, without quotes`,
			`data/reports/2020-02.toml:6:1: what must be text in quotes`,
			`data/reports/2020-02.toml:7:1: why is empty: write it between the quotes`,
		}},
		{"not tables", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			src := head + tt.body
			if tt.name == "not tables" {
				src = "published = 2020-03-02\ncorrections = \"none\"\n"
				tt.want = []string{`data/reports/2020-02.toml:2:1: "corrections" must be written as [[corrections]] tables`}
			}
			fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte(src)}
			s, err := load.Site(fsys)
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err != nil {
				return
			}
			r := s.Reports[len(s.Reports)-1]
			if len(r.Corrections) != 1 || r.Corrections[0].Report != r || r.Corrections[0].What == "" {
				t.Errorf("corrections %+v", r.Corrections)
			}
		})
	}
}
