package render

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

var (
	// The bulletin's chart, as the view writes it.
	bchartRE = regexp.MustCompile(`(?s)<svg xmlns="http://www.w3.org/2000/svg" class="bchart".*?</svg>`)
	// The ids that name it.
	labelledRE = regexp.MustCompile(`class="bchart"[^>]* aria-labelledby="([^"]*)"`)
)

// TestBulletinChartPage renders the hostile test site with a payload in
// the words around the bulletin's chart (its caption, the statuses of its
// legend): every bulletin holds one chart, valid XML, named by elements
// of the page, and the payloads stay text.
func TestBulletinChartPage(t *testing.T) {
	fsys := sitetest.Load(t, "hostile")
	fsys["layouts/strings.toml"] = &fstest.MapFile{Data: []byte(`"icon.met" = "<"
"status.met" = "</script><script>alert(1)</script>"
"status.on_track" = "\"><img src=x onerror=alert(1)>"
"bulletin.chart" = "</svg><svg onload=alert(1)>{from}{to}"
"bulletin.chart_single" = "</svg><svg onload=alert(1)>{to}"
"bulletin.chart_counts" = "</ul><script>alert(1)</script>{month}"
`)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	seen := 0
	for name, b := range m.Files {
		if !strings.HasSuffix(name, "/in/index.html") {
			continue
		}
		seen++
		page := string(b)
		lower := strings.ToLower(page)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "</ul><script"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s: holds %q", name, bad)
			}
		}
		charts := bchartRE.FindAllString(page, -1)
		if len(charts) != 1 {
			t.Fatalf("%s: %d charts, want 1", name, len(charts))
		}
		d := xml.NewDecoder(strings.NewReader(charts[0]))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: the chart is not valid XML: %v", name, err)
			}
		}
		ids := labelledRE.FindStringSubmatch(page)
		if ids == nil || len(strings.Fields(ids[1])) != 2 {
			t.Fatalf("%s: the chart is not named by two elements: %v", name, ids)
		}
		for _, id := range strings.Fields(ids[1]) {
			if strings.Count(page, ` id="`+id+`"`) != 1 {
				t.Errorf("%s: the chart is named by #%s, which the page has %d times", name, id, strings.Count(page, ` id="`+id+`"`))
			}
		}
		if !strings.Contains(page, `<p class="bulletin__sentence" id="`+strings.Fields(ids[1])[1]+`">`) {
			t.Errorf("%s: the chart's name does not end with the month's sentence", name)
		}
		if !strings.Contains(page, "&lt;/svg&gt;&lt;svg onload=alert(1)&gt;") || !strings.Contains(page, "&lt;/ul&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the caption's or the legend's payload is not there as text", name)
		}
	}
	if seen == 0 {
		t.Error("no bulletin")
	}
}
