package build_test

import (
	"cmp"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/scaffold"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// wordSite is one plan's site for TestNoForeignWords.
type wordSite struct {
	name string
	src  fs.FS
	// marks are words that belong to this plan alone besides its title,
	// unit names and level names: its place, its subject, words of its
	// text that the stock theme once repeated.
	marks []string
	site  *model.Site
	files render.Files
}

// TestNoForeignWords builds the example site, the test sites, an urban
// variant of the province site, a small national synthetic site and a new
// site of one level, and looks through every page of each (text,
// attributes, chart data, the feed) for the words of the other plans —
// their titles, places, unit names — and for names of levels the site does
// not have ("huyện" on a city of wards, also spelled without diacritics as
// in an id "theo-huyen"). A word may appear where the site's own data puts
// it (a unit named "Phường An Bình", a plan about "tệ nạn xã hội"): only
// words the theme or the code wrote are errors.
func TestNoForeignWords(t *testing.T) {
	national := t.TempDir()
	small := gensite.Scale{Name: "national", Provinces: 2, Districts: 2, Communes: 3, Months: 24}
	if err := gensite.Write(national, small, 1); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "new")
	if _, err := scaffold.Site(fresh, scaffold.NewSite{Levels: 1, Start: model.Month{Year: 2027, Mon: 1}}); err != nil {
		t.Fatal(err)
	}
	sites := []*wordSite{
		{name: "example", src: os.DirFS(sitetest.Root()), marks: []string{
			"Ninh Bình", "mại dâm", "xã lành mạnh", "Tổng cục Thống kê", "mục I.2", "mục IV",
			"bộ phận truyền thông", "vụ việc", "tin, bài",
		}},
		{name: "city", src: sitetest.Load(t, "city"), marks: []string{"Thành phố Ví Dụ", "tệ nạn xã hội"}},
		{name: "province", src: sitetest.Load(t, "province"), marks: []string{"Tỉnh Ví Dụ", "ma túy"}},
		{name: "single", src: sitetest.Load(t, "single"), marks: []string{"Thành phố Mẫu", "an toàn giao thông"}},
		{name: "national", src: os.DirFS(national), marks: []string{"giả lập"}},
		{name: "urban", src: urbanSite(t), marks: []string{"Quận Ví Dụ"}},
		{name: "new site", src: os.DirFS(fresh), marks: []string{"VÍ-DỤ/KH"}},
	}
	for _, s := range sites {
		var err error
		if s.site, err = load.Site(s.src); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		res, err := build.Render(t.Context(), s.src, render.Options{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		s.files = res.Files
	}

	// Every level word any site uses: "huyện, thành phố" gives "huyện" and
	// "thành phố"; unit types too ("Thị xã").
	levelWords := map[string]bool{}
	ownLevels := func(s *wordSite) map[string]bool {
		own := map[string]bool{}
		for _, lv := range s.site.Units.Levels {
			for _, n := range []string{lv.Name, lv.Singular} {
				for w := range strings.SplitSeq(n, ",") {
					if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
						own[w] = true
					}
				}
			}
		}
		for _, u := range s.site.Units.Units {
			own[strings.ToLower(u.Type)] = true
		}
		return own
	}
	for _, s := range sites {
		for w := range ownLevels(s) {
			levelWords[w] = true
		}
	}

	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			own := ownLevels(s)
			var foreign, plain []string
			for w := range levelWords {
				if !own[w] {
					foreign = append(foreign, w)
					// Spelled without diacritics too, as in ids and
					// addresses, unless the plain spelling is a common
					// word: "tinh" is also "tính", "quan" "cơ quan".
					if f := search.Fold(w); strings.Contains(f, " ") || f == "huyen" || f == "phuong" {
						plain = append(plain, w)
					}
				}
			}
			for _, o := range sites {
				if o == s {
					continue
				}
				foreign = append(foreign, o.marks...)
				foreign = append(foreign, o.site.Config.Plan.Title)
				for _, u := range o.site.Units.Units {
					foreign = append(foreign, u.Name)
				}
			}
			foreign = append(foreign, stockWords(s)...)
			slices.Sort(foreign)
			foreign = slices.Compact(foreign)
			data := ownTexts(t, s.src)
			exact, folded := newCoverage(data, false), newCoverage(data, true)
			pages := 0
			for _, name := range sortedNames(s.files) {
				if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, "atom.xml") {
					continue
				}
				pages++
				text := markupText(s.files[name])
				exact.check(t, name, text, foreign)
				folded.check(t, name, text, plain)
			}
			if pages < 15 {
				t.Fatalf("only %d pages", pages)
			}
			planPages(t, s)
		})
	}
}

// stockWords are the words of the stock theme that belong to some plans
// only: "danh hiệu" (the title a list's units hold, in the example's plan),
// and the stock kind of document ("Kế hoạch số", "Kế hoạch phân công")
// where site.toml names another. The site's data or its own strings (layouts/strings.toml) may
// still write them.
func stockWords(s *wordSite) []string {
	words := []string{"danh hiệu"}
	if doc, stock := s.site.Config.Plan.Document, s.site.Strings["plan.document"]; doc != "" && doc != stock {
		words = append(words, stock+" số", stock+" phân công")
	}
	return words
}

var paceRE = regexp.MustCompile(`sau (\d+) trên (\d+) tháng`)

// planPages checks that the plan and about pages of s state the plan's
// identity, that the about page's example of pace is worked over the
// plan's own period, and that the targets and responsibilities pages name
// the plan's sections only when site.toml states them.
func planPages(t *testing.T, s *wordSite) {
	t.Helper()
	plan := s.site.Config.Plan
	document := cmp.Or(plan.Document, s.site.Strings["plan.document"])
	identity := []string{document, plan.Number, plan.Date.Format("02/01/2006"), plan.Issuer, plan.Signer, plan.SignerTitle}
	identity = append(identity, plan.Basis...)
	found := 0
	for _, pg := range s.site.Pages {
		if pg.Layout != "plan" && pg.Layout != "about" {
			continue
		}
		found++
		name := pg.URL + "index.html"
		text := strings.Join(strings.Fields(html.UnescapeString(pageText(s.files[name]))), " ")
		for _, want := range identity {
			if want != "" && !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: the plan's identity lacks %q", name, want)
			}
		}
		if pg.Layout != "about" {
			continue
		}
		m := paceRE.FindStringSubmatch(text)
		if n := len(plan.Months()); m == nil || m[2] != fmt.Sprint(n) {
			t.Errorf("%s: the example of pace is not worked over the plan's %d months: %q", name, n, m)
		}
	}
	if found == 0 {
		t.Errorf("no page with the plan or about layout")
	}
	if lead := document + " số " + plan.Number; !strings.Contains(html.UnescapeString(pageText(s.files["chi-tieu/index.html"])), lead) {
		t.Errorf("chi-tieu/index.html: the lead does not name the plan as %q", lead)
	}
	for page, ref := range map[string]string{"chi-tieu/index.html": plan.TargetsSection, "trach-nhiem/index.html": plan.TasksSection} {
		if ref != "" && !strings.Contains(html.UnescapeString(pageText(s.files[page])), "("+ref+")") {
			t.Errorf("%s: no reference to %q of the plan", page, ref)
		}
	}
}

// urbanSite is the province test site made a city's district of quận and
// phường: two levels, neither of them "huyện" nor "xã".
func urbanSite(t *testing.T) fs.FS {
	src := sitetest.Load(t, "province")
	replace := func(name string, oldnew ...string) {
		f := src[name]
		s := strings.NewReplacer(oldnew...).Replace(string(f.Data))
		src[name] = &fstest.MapFile{Data: []byte(s), Mode: f.Mode}
	}
	replace("data/units.toml",
		`"huyện, thị xã"`, `"quận"`, `"xã, phường, thị trấn"`, `"phường"`,
		`"Huyện"`, `"Quận"`, `"Thị xã"`, `"Quận"`, `"Xã"`, `"Phường"`, `"Thị trấn"`, `"Phường"`,
		`"huyen"`, `"quan"`, `"xa"`, `"phuong"`)
	replace("site.toml", `"huyen"`, `"quan"`, "Tỉnh Ví Dụ", "Quận Ví Dụ")
	for name := range src {
		if strings.HasPrefix(name, "data/") && strings.HasSuffix(name, ".toml") && name != "data/units.toml" {
			replace(name, `level = "xa"`, `level = "phuong"`, `level = "huyen"`, `level = "quan"`)
		}
	}
	return src
}

// markupText is what a page says: its text, its attributes and the
// contents of its scripts (chart labels), entities decoded; an inline
// stylesheet says nothing.
func markupText(b []byte) string {
	s := styleRE.ReplaceAllString(string(b), " ")
	return html.UnescapeString(s)
}

var styleRE = regexp.MustCompile(`(?s)<style.*?</style>`)

// ownTexts returns every text of a site's input: every string of its TOML
// files (its own layouts/strings.toml too) and of the front matter of its
// pages, and the text of its pages cut at the Markdown marks (a link's
// address is not beside its text on the page).
func ownTexts(t *testing.T, src fs.FS) []string {
	t.Helper()
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case []map[string]any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	read := func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		body := string(b)
		if strings.HasSuffix(p, ".md") {
			if parts := strings.SplitN(body, "+++", 3); len(parts) == 3 {
				var m map[string]any
				if _, err := toml.Decode(parts[1], &m); err != nil {
					return fmt.Errorf("%s: %v", p, err)
				}
				walk(m)
				body = parts[2]
			}
			texts = append(texts, markdownRE.Split(body, -1)...)
		}
		if strings.HasSuffix(p, ".toml") {
			var m map[string]any
			if _, err := toml.Decode(body, &m); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			walk(m)
		}
		return nil
	}
	var err error
	for _, root := range []string{"site.toml", "data", "content", "layouts"} {
		if _, serr := fs.Stat(src, root); err == nil && serr == nil {
			err = fs.WalkDir(src, root, read)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

var markdownRE = regexp.MustCompile(`\]\([^)]*\)|[\[\]*_#>|` + "`" + `\n]`)

// tokens splits s into its words, lower case, in NFC; folded, without
// diacritics.
func tokens(s string, folded bool) []string {
	s = norm.NFC.String(s)
	if folded {
		s = search.Fold(s)
	}
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// coverage finds the words of a page that the site's own data wrote.
type coverage struct {
	folded bool
	first  map[string][][]string // the data's texts as words, by their first word
}

func newCoverage(texts []string, folded bool) *coverage {
	c := &coverage{folded: folded, first: map[string][][]string{}}
	for _, s := range texts {
		if w := tokens(s, folded); len(w) > 0 {
			c.first[w[0]] = append(c.first[w[0]], w)
		}
	}
	return c
}

// check reports every word of foreign in text that the site's data did not
// write there.
func (c *coverage) check(t *testing.T, page, text string, foreign []string) {
	t.Helper()
	words := tokens(text, c.folded)
	covered := make([]bool, len(words))
	for i, w := range words {
		for _, seq := range c.first[w] {
			if i+len(seq) <= len(words) && slices.Equal(words[i:i+len(seq)], seq) {
				for j := range seq {
					covered[i+j] = true
				}
			}
		}
	}
	for _, f := range foreign {
		seq := tokens(f, c.folded)
		if len(seq) == 0 {
			continue
		}
		for i := 0; i+len(seq) <= len(words); i++ {
			if !slices.Equal(words[i:i+len(seq)], seq) || !slices.Contains(covered[i:i+len(seq)], false) {
				continue
			}
			from, to := max(0, i-8), min(len(words), i+len(seq)+8)
			t.Errorf("%s: %q, which the site's data does not say here: …%s…", page, f, strings.Join(words[from:to], " "))
			break
		}
	}
}

func sortedNames(files render.Files) []string {
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// TestOGLocale checks that og:locale follows the site's language.
func TestOGLocale(t *testing.T) {
	for _, tt := range []struct{ language, want string }{{"", "vi_VN"}, {"en-GB", "en_GB"}, {"en", "en_US"}} {
		src := sitetest.Load(t, "small")
		if tt.language != "" {
			cfg := strings.Replace(string(src["site.toml"].Data), "[plan]", "language = \""+tt.language+"\"\n\n[plan]", 1)
			src["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
		}
		res, err := build.Render(t.Context(), src, render.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := `<meta property="og:locale" content="` + tt.want + `">`
		for _, name := range sortedNames(res.Files) {
			if strings.HasSuffix(name, ".html") && !strings.Contains(string(res.Files[name]), want) {
				t.Errorf("language %q: %s has no %s", tt.language, name, want)
				break
			}
		}
	}
}

// TestLevelSingularShown checks where a level's singular name is used: the
// heading of a column of its units, and "mỗi …".
func TestLevelSingularShown(t *testing.T) {
	src := sitetest.Load(t, "small")
	units := strings.NewReplacer("name = \"huyện\"\n", "name = \"huyện\"\nsingular = \"đơn vị cấp huyện\"\n",
		"name = \"xã\"\n", "name = \"xã\"\nsingular = \"đơn vị cấp xã\"\n").Replace(string(src["data/units.toml"].Data))
	src["data/units.toml"] = &fstest.MapFile{Data: []byte(units)}
	res, err := build.Render(t.Context(), src, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"chi-tieu/tuyen-truyen/index.html": `<th scope="col">Đơn vị cấp huyện</th><th scope="col" class="num">Đã tính</th>`,
		"danh-sach/lanh-manh/index.html":   `<th scope="col">Đơn vị cấp huyện</th><th scope="col" class="num">Đang trong danh sách</th>`,
		"trach-nhiem/index.html":           `<th scope="col">Đơn vị cấp huyện</th>`,
		"don-vi/index.html":                `mỗi đơn vị cấp xã cũng có trang riêng`,
	} {
		if !strings.Contains(string(res.Files[page]), want) {
			t.Errorf("%s: no %s", page, want)
		}
	}
}

// TestFoundOne checks that the sentences the list filter and the search
// write for their count have a form for one ("1 result", not "1 results"),
// given to the scripts beside the form for any other count.
func TestFoundOne(t *testing.T) {
	res, err := build.Render(t.Context(), os.DirFS(sitetest.Root()), render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string][]string{
		"en/danh-sach/xa-lanh-manh/index.html": {`data-found="{n} matching units"`, `data-found-one="1 matching unit"`},
		"en/tim-kiem/index.html":               {`data-found="{n} results"`, `data-found-one="1 result"`},
		"danh-sach/xa-lanh-manh/index.html":    {`data-found="{n} đơn vị phù hợp"`, `data-found-one="1 đơn vị phù hợp"`},
		"tim-kiem/index.html":                  {`data-found="{n} kết quả"`, `data-found-one="1 kết quả"`},
	} {
		b, ok := res.Files[page]
		if !ok {
			t.Errorf("no page %s", page)
			continue
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: no %s", page, w)
			}
		}
	}
}

// TestGridLinkFollowsPeriod checks that the link under each grid of the
// home page names the target's period ("Xem chi tiết từng quý" under a
// quarterly grid), not the month of the stock text it replaced.
func TestGridLinkFollowsPeriod(t *testing.T) {
	seen := map[model.Every]bool{}
	for _, name := range []string{"province", "city", "small"} {
		src := sitetest.Load(t, name)
		s, err := load.Site(src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := build.Render(t.Context(), src, render.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		home := string(res.Files["index.html"])
		for _, tg := range s.Targets {
			if !tg.IsPeriodic() {
				continue
			}
			_, section, ok := strings.Cut(home, `<section aria-labelledby="luoi-`+tg.ID+`">`)
			section, _, _ = strings.Cut(section, "</section>")
			want := "Xem chi tiết từng " + s.Strings["every."+string(tg.Every)] + "</a>"
			if !ok || !strings.Contains(section, want) {
				t.Errorf("%s: the grid of %s (every %s) has no link %q", name, tg.ID, tg.Every, want)
			}
			seen[tg.Every] = true
		}
	}
	for _, e := range model.Everys {
		if !seen[e] {
			t.Errorf("no test site has a grid of every %s", e)
		}
	}
}

// TestPlanDocumentLanguages checks that [plan] document, given in two
// languages, names the plan on the pages of each: the header and the
// targets page's lead.
func TestPlanDocumentLanguages(t *testing.T) {
	src := sitetest.Load(t, "bilingual")
	cfg := strings.Replace(string(src["site.toml"].Data), "[plan]\n", "[plan]\ndocument = { vi = \"Chương trình\", en = \"Programme\" }\n", 1)
	src["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	res, err := build.Render(t.Context(), src, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"index.html":             `<span class="brand__plan">Chương trình số 3/KH-UBND`,
		"chi-tieu/index.html":    `Chương trình số 3/KH-UBND đặt`,
		"en/index.html":          `<span class="brand__plan">Programme no. 3/KH-UBND`,
		"en/chi-tieu/index.html": `Programme no. 3/KH-UBND sets`,
	} {
		text := html.UnescapeString(string(res.Files[page]))
		text = regexp.MustCompile(`<span lang="vi">([^<]*)</span>`).ReplaceAllString(text, "$1") // the number, never translated
		if !strings.Contains(text, want) {
			t.Errorf("%s: no %q", page, want)
		}
	}
}
