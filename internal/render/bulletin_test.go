package render

import (
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// bulletinRow matches a target's row of a bulletin: its name and status.
var bulletinRow = regexp.MustCompile(`<tr><th scope="row">\d+\. ([^<]*)</th><td><span class="status status--([a-z_]+)">`)

// TestBulletins builds the print view of every monthly update of every
// test site: one beside each update, linked from it, with a row for every
// target whose status is the target's in that month (not the latest), and
// a summary that counts those rows.
func TestBulletins(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join(sitetest.Root(), "testdata", "sites", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	seen := 0
	for _, a := range archives {
		name := strings.TrimSuffix(filepath.Base(a), ".txtar")
		t.Run(name, func(t *testing.T) {
			s, err := load.Site(sitetest.Load(t, name))
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			prog := progress.Compute(s)
			var m Memory
			if _, err := Site(t.Context(), s, prog, Options{}, &m); err != nil {
				t.Fatalf("render: %v", err)
			}
			for _, pg := range s.Pages {
				if pg.Section != routes.UpdatesSection || pg.Lang != s.Config.Language {
					continue
				}
				month, ok := rt.UpdateMonth(pg.URL)
				if !ok {
					continue
				}
				seen++
				update := string(m.Files[routes.File(pg.URL)])
				if !strings.Contains(update, `<p class="print-link"><a href="../../`+rt.Bulletin(month)+`">`) {
					t.Errorf("%s: no link to its print view", pg.URL)
				}
				page := string(m.Files[routes.File(rt.Bulletin(month))])
				if page == "" {
					t.Errorf("%s: no print view at %s", pg.URL, rt.Bulletin(month))
					continue
				}
				if ph := regexp.MustCompile(`\{[a-z_]+\}`).FindString(page); ph != "" {
					t.Errorf("%s: placeholder %s left unfilled", rt.Bulletin(month), ph)
				}
				if strings.Contains(page, `class="site-nav"`) || strings.Contains(page, `class="site-footer"`) {
					t.Errorf("%s: the print view has the menu or the footer", rt.Bulletin(month))
				}
				var want []string
				count := map[string]int{}
				for _, res := range prog.Results {
					for _, pm := range res.Months {
						if pm.Month == month {
							want = append(want, res.Target.Name+" "+string(pm.Status))
							count[string(pm.Status)]++
						}
					}
				}
				var got []string
				for _, row := range bulletinRow.FindAllStringSubmatch(page, -1) {
					got = append(got, html.UnescapeString(row[1])+" "+row[2])
				}
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: targets\n%s\nwant, as of %s:\n%s", rt.Bulletin(month), strings.Join(got, "\n"), month, strings.Join(want, "\n"))
				}
				row := fmt.Sprintf(`<tr><th scope="row">%02d/%d</th>`, int(month.Mon), month.Year)
				total := 0
				for _, st := range progress.Statuses {
					row += `<td class="num">` + strconv.Itoa(count[string(st)]) + `</td>`
					total += count[string(st)]
				}
				row += `<td class="num">` + strconv.Itoa(total) + `</td></tr>`
				if total > 0 && !strings.Contains(page, row) {
					t.Errorf("%s: the summary lacks the row %s", rt.Bulletin(month), row)
				}
			}
		})
	}
	if seen == 0 {
		t.Error("no test site has a monthly update")
	}
}
