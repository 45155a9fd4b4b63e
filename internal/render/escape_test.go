package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// The payloads of testdata/sites/hostile.txtar.
const (
	payloadScript  = `</script><script>alert(1)</script>`
	payloadAttr    = `"><img src=x onerror=alert(1)>`
	payloadFunc    = `__f__function(){alert(1)}__f__`
	payloadFormula = `=cmd|' /C calc'!A0`
)

var (
	hostileOnce  sync.Once
	hostileFiles Files
)

// hostile renders testdata/sites/hostile.txtar once for the tests below.
func hostile(t *testing.T) Files {
	t.Helper()
	hostileOnce.Do(func() { hostileFiles = renderSite(t, "hostile") })
	if hostileFiles == nil {
		t.Fatal("the hostile site did not render")
	}
	return hostileFiles
}

// markup returns the site's HTML and XML files, sorted.
func markup(files Files) []string {
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

var (
	// A start tag. html/template escapes ">" in attribute values, so the
	// first ">" ends the tag.
	tagRE = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s[^>]*)?)/?>`)
	// One attribute of a start tag, with its value quoted, unquoted or
	// missing.
	attrRE = regexp.MustCompile(`([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)
	// A script element: its attributes and its content.
	scriptRE = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)
)

// attr is one attribute of a start tag, its value unescaped.
type attr struct {
	tag, name, value string
}

// attrs returns the attributes of every start tag of an HTML or XML file.
func attrs(src string) []attr {
	var out []attr
	for _, t := range tagRE.FindAllStringSubmatch(src, -1) {
		for _, a := range attrRE.FindAllStringSubmatch(t[2], -1) {
			out = append(out, attr{
				tag:   strings.ToLower(t[1]),
				name:  strings.ToLower(a[1]),
				value: html.UnescapeString(a[2] + a[3] + a[4]),
			})
		}
	}
	return out
}

// urlAttrs are the attributes that hold a URL.
var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "poster", "data"}

// TestHostileMarkup checks every HTML and XML file of the hostile site for
// injected markup, script and links.
func TestHostileMarkup(t *testing.T) {
	files := hostile(t)
	names := markup(files)
	if len(names) < 10 {
		t.Fatalf("only %d HTML and XML files: %q", len(names), names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			out := string(files[name])
			lower := strings.ToLower(out)
			for _, bad := range []string{"<script>alert", "<img src=x onerror", "<svg onload", "<iframe"} {
				if i := strings.Index(lower, bad); i >= 0 {
					t.Errorf("contains %q: …%s…", bad, out[max(0, i-80):min(len(out), i+80)])
				}
			}
			tagAttrs := attrs(out)
			if strings.HasSuffix(name, ".html") && len(tagAttrs) < 10 {
				t.Fatalf("found only %d attributes: is the tag scanner broken?", len(tagAttrs))
			}
			for _, a := range tagAttrs {
				if strings.HasPrefix(a.name, "on") {
					t.Errorf("<%s> has an event handler %s=%q", a.tag, a.name, a.value)
				}
				if !slices.Contains(urlAttrs, a.name) {
					continue
				}
				// Browsers ignore leading spaces and controls, and tabs
				// and newlines anywhere in a URL.
				v := strings.TrimLeftFunc(a.value, func(r rune) bool { return r <= ' ' })
				v = strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text/html"} {
					if strings.HasPrefix(v, scheme) {
						t.Errorf("<%s %s=%q>", a.tag, a.name, a.value)
					}
				}
			}
			opens := strings.Count(lower, "<script")
			blocks := scriptRE.FindAllStringSubmatch(out, -1)
			if len(blocks) != opens {
				t.Errorf("%d <script openings but %d complete script elements", opens, len(blocks))
			}
			for _, b := range blocks {
				tag, body := b[1], b[2]
				switch {
				case strings.Contains(tag, `type="application/json"`), strings.Contains(tag, `type="application/ld+json"`):
					if !json.Valid([]byte(body)) {
						t.Errorf("<script%s> does not hold valid JSON (closed early?): %.200s", tag, body)
					}
				case strings.Contains(tag, ` src="`) && strings.TrimSpace(body) == "":
				default:
					t.Errorf("inline executable script: <script%s>%.200s", tag, body)
				}
			}
		})
	}
}

// TestHostileText checks that the payloads reach the pages as text: escaped,
// not dropped, and not run as templates.
func TestHostileText(t *testing.T) {
	files := hostile(t)
	tests := []struct {
		file, want string
	}{
		{"index.html", `<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`},
		{"index.html", `<meta name="description" content="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">`},
		{"index.html", `<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>`},
		{"index.html", `<span class="brand__title">__f__function(){alert(1)}__f__</span>`},
		// Neither page titles nor Markdown are templates.
		{"gioi-thieu/index.html", `<h1>{{.}}</h1>`},
		{"gioi-thieu/index.html", `{{.Site.Title}}`},
		{rt.Target("vu-viec") + "index.html", `<h1>{{.}}</h1>`},
		{rt.Target("tuyen-truyen") + "index.html", `<p>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</p>`},
		{rt.List("lanh-manh") + "index.html", `<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.want, func(t *testing.T) {
			out, ok := files[tt.file]
			if !ok {
				t.Fatalf("no file %s", tt.file)
			}
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Errorf("%s lacks %s", tt.file, tt.want)
			}
		})
	}
}

// TestHostileJSONBlocks checks that the payloads survive as plain strings in
// the JSON a page embeds: chart options and the data set description.
func TestHostileJSONBlocks(t *testing.T) {
	files := hostile(t)
	tests := []struct {
		file, id string // id of the script element; "" for ld+json
		want     string // a string the JSON must hold
	}{
		{rt.List("lanh-manh") + "index.html", "chart-list-lanh-manh-options", payloadScript},
		{rt.List("lanh-manh") + "index.html", "chart-list-lanh-manh-options", payloadAttr},
		// go-echarts' own templates would turn this into a function.
		{rt.Target("bao-chi") + "index.html", "chart-bao-chi-options", "Số " + payloadFunc},
		{rt.Target("mo-hinh") + "index.html", "chart-mo-hinh-options", "Số {{.}}"},
		{rt.Data() + "index.html", "", payloadScript},
		{rt.Data() + "index.html", "", payloadAttr},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.want, func(t *testing.T) {
			var body string
			for _, b := range scriptRE.FindAllStringSubmatch(string(files[tt.file]), -1) {
				if (tt.id == "" && strings.Contains(b[1], "ld+json")) || (tt.id != "" && strings.Contains(b[1], `id="`+tt.id+`"`)) {
					body = b[2]
				}
			}
			if body == "" {
				t.Fatalf("no script element %q in %s", tt.id, tt.file)
			}
			var v any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("%v: %.200s", err, body)
			}
			if !holdsString(v, tt.want) {
				t.Errorf("the JSON holds no string %q: %.300s", tt.want, body)
			}
		})
	}
}

// holdsString reports whether the decoded JSON v has the string s anywhere.
func holdsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		return slices.ContainsFunc(v, func(x any) bool { return holdsString(x, s) })
	case map[string]any:
		for _, x := range v {
			if holdsString(x, s) {
				return true
			}
		}
	}
	return false
}

// TestHostileCSV checks that no CSV cell can start a spreadsheet formula and
// that the formula payloads are kept, behind an apostrophe.
func TestHostileCSV(t *testing.T) {
	files := hostile(t)
	tables := map[string][]map[string]string{}
	for name, b := range files {
		if !strings.HasPrefix(name, dataDir) || !strings.HasSuffix(name, ".csv") {
			continue
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows[1:] {
			rec := map[string]string{}
			for i, cell := range row {
				rec[rows[0][i]] = cell
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: column %s: cell %q starts a formula", name, rows[0][i], cell)
				}
			}
			tables[name] = append(tables[name], rec)
		}
	}
	tests := []struct {
		file     string
		key, val string // the row: where column key holds val
		column   string
		want     string
	}{
		{rt.Download("don-vi.csv"), "code", "10001", "type", "'" + payloadFormula},
		{rt.Download("don-vi.csv"), "code", "10003", "name", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{rt.Download("don-vi.csv"), "code", "10004", "name", "'-2+3+cmd|' /C calc'!A0"},
		{rt.Download("don-vi.csv"), "code", "10004", "type", "'+Xã"},
		{rt.Download("don-vi.csv"), "code", "001", "name", payloadScript},
		{rt.Download("press.csv"), "date", "2020-01-20", "outlet", "'" + payloadFormula},
		{rt.Download("press.csv"), "date", "2020-01-21", "title", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{rt.Download("press.csv"), "date", "2020-01-21", "outlet", payloadAttr},
		{rt.Download("models.csv"), "month", "2020-01", "name", "'+cmd|' /C calc'!A0"},
		{rt.Download("models.csv"), "month", "2020-02", "name", "'-cmd|' /C calc'!A0"},
		{rt.Download(routes.ListData("lanh-manh") + ".csv"), "unit_code", "10001", "unit_name", "'" + payloadFormula + " " + payloadFunc},
		{rt.Download(routes.ListData("lanh-manh") + ".csv"), "unit_code", "10001", "grade", "'" + payloadFormula},
		{rt.Download(routes.ListData("lanh-manh") + ".csv"), "unit_code", "10002", "note", "'" + payloadFormula},
		{rt.Download("bao-cao-dung-han.csv"), "id", "huyen", "name", "'" + payloadFormula},
		{rt.Download("outreach.csv"), "unit_code", "10001", "unit_name", "'" + payloadFormula + " " + payloadFunc},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.val+" "+tt.column, func(t *testing.T) {
			rows, ok := tables[tt.file]
			if !ok {
				t.Fatalf("no file %s", tt.file)
			}
			i := slices.IndexFunc(rows, func(r map[string]string) bool { return r[tt.key] == tt.val })
			if i < 0 {
				t.Fatalf("no row with %s = %q", tt.key, tt.val)
			}
			if got := rows[i][tt.column]; got != tt.want {
				t.Errorf("%s = %q, want %q", tt.column, got, tt.want)
			}
		})
	}
}

// TestHostileJSONDownloads checks that JSON downloads keep text as it was
// entered: the apostrophe is for spreadsheets only.
func TestHostileJSONDownloads(t *testing.T) {
	files := hostile(t)
	var press struct {
		Rows []map[string]any
	}
	if err := json.Unmarshal(files[rt.Download("press.json")], &press); err != nil {
		t.Fatal(err)
	}
	if len(press.Rows) != 2 {
		t.Fatalf("%d press rows, want 2", len(press.Rows))
	}
	tests := []struct {
		row    int
		column string
		want   string
	}{
		{0, "title", payloadScript},
		{0, "outlet", payloadFormula},
		{1, "title", "@SUM(1+1)*cmd|' /C calc'!A0"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.row)+" "+tt.column, func(t *testing.T) {
			if got := press.Rows[tt.row][tt.column]; got != tt.want {
				t.Errorf("row %d %s = %q, want %q", tt.row, tt.column, got, tt.want)
			}
		})
	}
}

// TestHostileXML checks that the feed and the sitemap are well-formed XML
// whose text is the payloads, and that the feed's HTML content holds no
// markup from the data.
func TestHostileXML(t *testing.T) {
	files := hostile(t)
	for _, name := range markup(files) {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			d := xml.NewDecoder(bytes.NewReader(files[name]))
			for {
				_, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v", err)
				}
			}
		})
	}

	var feed struct {
		Title   string `xml:"title"`
		Author  string `xml:"author>name"`
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files[rt.Feed()], &feed); err != nil {
		t.Fatalf("cap-nhat/atom.xml: %v", err)
	}
	if !strings.HasPrefix(feed.Title, payloadScript) {
		t.Errorf("feed title = %q, want it to start with the site title %q", feed.Title, payloadScript)
	}
	if feed.Author != payloadAttr {
		t.Errorf("feed author = %q, want %q", feed.Author, payloadAttr)
	}
	want := []struct{ title, summary string }{
		{payloadAttr, payloadScript},  // 2020-02, newest first
		{payloadFunc, payloadFormula}, // 2020-01
	}
	if len(feed.Entries) != len(want) {
		t.Fatalf("%d feed entries, want %d", len(feed.Entries), len(want))
	}
	for i, e := range feed.Entries {
		if e.Title != want[i].title || e.Summary != want[i].summary {
			t.Errorf("entry %d: title %q, summary %q; want %q, %q", i, e.Title, e.Summary, want[i].title, want[i].summary)
		}
		// Feed readers show content as HTML.
		c := strings.ToLower(e.Content)
		for _, bad := range []string{"<script", "<img", "<iframe", `href="javascript:`} {
			if strings.Contains(c, bad) {
				t.Errorf("entry %d: content holds %q: %s", i, bad, e.Content)
			}
		}
	}
}

// TestHostilePaths checks that names taken from the data make only plain
// output paths.
func TestHostilePaths(t *testing.T) {
	files := hostile(t)
	plain := regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`)
	var units int
	for name := range files {
		if !plain.MatchString(name) || slices.Contains(strings.Split(name, "/"), "..") {
			t.Errorf("output path %q", name)
		}
		if strings.HasPrefix(name, "don-vi/") && strings.HasSuffix(name, "/index.html") && name != rt.Units()+"index.html" {
			units++
		}
	}
	if units != 7 {
		t.Errorf("%d unit pages, want 7 (2 districts, 5 communes)", units)
	}
}

// TestInlineCSSCannotCloseStyle checks that a stylesheet inlined in the 404
// page cannot close its <style> element, whatever static/ holds.
func TestInlineCSSCannotCloseStyle(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	css := "body { color: red }\n/* </style><script>alert(1)</script> */\na::after { content: \"</STYLE >\" }\n"
	fsys["static/css/site.css"] = &fstest.MapFile{Data: []byte(css)}
	files, _ := renderFS(t, fsys)
	page := string(files["404.html"])
	start := strings.Index(page, "<style>")
	if start < 0 {
		t.Fatal("404.html has no <style> element")
	}
	rest := page[start+len("<style>"):]
	end := strings.Index(strings.ToLower(rest), "</style")
	if end < 0 {
		t.Fatal("the <style> element is not closed")
	}
	body := rest[:end]
	if !strings.Contains(body, "body { color: red }") || !strings.Contains(body, "a::after") {
		t.Errorf("the element closes before the end of the stylesheet: %q", body)
	}
	if strings.Contains(strings.ToLower(rest[end:]), "<script>alert") {
		t.Errorf("the stylesheet's text became markup")
	}
}
