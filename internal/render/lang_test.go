package render

import (
	"html"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// renderEditions loads and renders the site of fsys.
func renderEditions(t *testing.T, fsys fstest.MapFS) (*model.Site, Files) {
	t.Helper()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatal(err)
	}
	return s, m.Files
}

// exampleFS is the example site of the repository, in memory.
func exampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	root := sitetest.Root()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"site.toml", "content", "data", "layouts", "static"} {
		err := walkFiles(root, dir, func(name string, b []byte) { fsys[name] = &fstest.MapFile{Data: b} })
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func walkFiles(root, name string, f func(string, []byte)) error {
	full := path.Join(root, name)
	st, err := os.Stat(full)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		b, err := os.ReadFile(full)
		if err == nil {
			f(name, b)
		}
		return err
	}
	entries, err := os.ReadDir(full)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := walkFiles(root, path.Join(name, e.Name()), f); err != nil {
			return err
		}
	}
	return nil
}

var (
	htmlLangRE  = regexp.MustCompile(`<html lang="([^"]+)">`)
	hreflangRE  = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	switchRE    = regexp.MustCompile(`<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">`)
	ogLocaleRE  = regexp.MustCompile(`<meta property="og:locale" content="([^"]+)">`)
	footerRE    = regexp.MustCompile(`<p>(Số liệu cập nhật đến tháng|Figures up to) ([^<]+)</p>`)
	diacritics  = regexp.MustCompile(`[À-ỹĐđ]`)
	wordRE      = regexp.MustCompile(`[\p{L}\p{N}]+`)
	fallbackVi  = `<span lang="vi">`
	languageSet = []string{"vi", "en"}
)

// pagesOf returns the HTML pages of files by language: the root's and
// those under en/.
func pagesOf(files Files) map[string][]string {
	out := map[string][]string{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, "index.html") {
			continue
		}
		lang := "vi"
		if strings.HasPrefix(name, "en/") {
			lang = "en"
		}
		out[lang] = append(out[lang], name)
	}
	return out
}

// checkEditions checks what every bilingual site must have: the same
// pages in both languages, the html lang attribute, og:locale, hreflang
// links for both languages and x-default that are reciprocal and complete,
// a switch that links to the same page in the other language, no mark of
// a fallback left, and the downloads once, at the root.
func checkEditions(t *testing.T, s *model.Site, files Files) {
	t.Helper()
	base := s.Config.BaseURL
	pages := pagesOf(files)
	if len(pages["vi"]) == 0 || len(pages["vi"]) != len(pages["en"]) {
		t.Fatalf("%d Vietnamese pages, %d English", len(pages["vi"]), len(pages["en"]))
	}
	addr := func(name string) string { return base + strings.TrimSuffix(name, "index.html") }
	alternates := map[string]map[string]string{} // page → language → address
	for _, lang := range languageSet {
		for _, name := range pages[lang] {
			b := string(files[name])
			if m := htmlLangRE.FindStringSubmatch(b); m == nil || m[1] != lang {
				t.Errorf("%s: html lang %v, want %q", name, m, lang)
			}
			if m := ogLocaleRE.FindStringSubmatch(b); m == nil || m[1] != map[string]string{"vi": "vi_VN", "en": "en_US"}[lang] {
				t.Errorf("%s: og:locale %v", name, m)
			}
			alt := map[string]string{}
			for _, m := range hreflangRE.FindAllStringSubmatch(b, -1) {
				alt[m[1]] = m[2]
			}
			if len(alt) != 3 || alt["x-default"] != alt["vi"] || alt[lang] != addr(name) {
				t.Errorf("%s: hreflang links %v, want vi, en and x-default (= vi), %s its own", name, alt, lang)
			}
			alternates[name] = alt
			if strings.Contains(b, `class="kind-embed"`) {
				continue // an embed page, framed by other sites, has no switch
			}
			// The switch: one link, to the page in the other language.
			sw := switchRE.FindAllStringSubmatch(b, -1)
			other := map[string]string{"vi": "en", "en": "vi"}[lang]
			if len(sw) != 1 || sw[0][2] != other {
				t.Errorf("%s: language switch %v, want one link to %s", name, sw, other)
				continue
			}
			target := path.Join(path.Dir(name), html.UnescapeString(sw[0][1]), "index.html")
			if addr(target) != alt[other] {
				t.Errorf("%s: the switch links to %s, the %s page is %s", name, target, other, alt[other])
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: the switch links to %s, which does not exist", name, target)
			}
			if strings.Contains(b, format.FallbackOpen) || strings.Contains(b, format.FallbackClose) {
				t.Errorf("%s: a fallback mark is left", name)
			}
		}
	}
	// Reciprocal: the page each link names links back.
	for name, alt := range alternates {
		for lang, u := range alt {
			other := strings.TrimPrefix(u, base) + "index.html"
			back, ok := alternates[other]
			if !ok {
				t.Errorf("%s: hreflang %s names %s, not a page", name, lang, u)
				continue
			}
			if !maps.Equal(back, alt) {
				t.Errorf("%s and %s: hreflang links %v and %v differ", name, other, alt, back)
			}
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "en/du-lieu/") && name != "en/du-lieu/index.html" {
			t.Errorf("%s: a download written again for English", name)
		}
	}
	if !strings.Contains(string(files["en/du-lieu/index.html"]), `href="../../du-lieu/`) {
		t.Error("the English data page does not link to the downloads at the root")
	}
	for _, feed := range []string{"cap-nhat/atom.xml", "en/cap-nhat/atom.xml"} {
		if !strings.Contains(string(files[feed]), `xml:lang="`+map[bool]string{true: "en", false: "vi"}[strings.HasPrefix(feed, "en/")]+`"`) {
			t.Errorf("%s: no feed in its language", feed)
		}
	}
	sitemap := string(files["sitemap.xml"])
	for _, lang := range languageSet {
		for _, name := range pages[lang] {
			listed := strings.Contains(sitemap, "<loc>"+addr(name)+"</loc>")
			// The embed pages carry noindex: their targets' pages are listed.
			if embed := strings.Contains(string(files[name]), `class="kind-embed"`); listed == embed {
				t.Errorf("the sitemap lists %s: %v, want %v", name, listed, !embed)
			}
		}
	}
}

// visibleText returns the text of page b outside elements with
// lang="vi", outside <title>, <script> and <style> (where a fallback cannot
// be marked), one string per text node.
func visibleText(b string) []string {
	var out []string
	type open struct {
		tag string
		vi  bool
	}
	var stack []open
	vi, skip := 0, 0
	void := map[string]bool{"br": true, "meta": true, "link": true, "img": true, "input": true, "hr": true, "wbr": true, "source": true}
	tagRE := regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--.*?-->|<![^>]*>`)
	last := 0
	for _, m := range tagRE.FindAllStringSubmatchIndex(b, -1) {
		if vi == 0 && skip == 0 {
			if txt := strings.TrimSpace(html.UnescapeString(b[last:m[0]])); txt != "" {
				out = append(out, txt)
			}
		}
		last = m[1]
		if m[4] < 0 {
			continue // a comment or doctype
		}
		closing, tag, attrs := b[m[2]:m[3]] == "/", strings.ToLower(b[m[4]:m[5]]), b[m[6]:m[7]]
		raw := tag == "script" || tag == "style" || tag == "title"
		switch {
		case closing:
			for len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if o.vi {
					vi--
				}
				if o.tag == "script" || o.tag == "style" || o.tag == "title" {
					skip--
				}
				if o.tag == tag {
					break
				}
			}
		case !void[tag]:
			o := open{tag, strings.Contains(attrs, `lang="vi"`)}
			stack = append(stack, o)
			if o.vi {
				vi++
			}
			if raw {
				skip++
			}
		}
	}
	return out
}

// checkNoVietnamese reports the words with Vietnamese diacritics on the
// English pages outside elements marked lang="vi", other than the words of
// the site's own English texts (a translation may keep a proper name:
// "Ninh Bình province").
func checkNoVietnamese(t *testing.T, s *model.Site, files Files) {
	t.Helper()
	allowed := map[string]bool{}
	var english []string
	english = slices.AppendSeq(english, maps.Values(s.Translations["en"]))
	english = slices.AppendSeq(english, maps.Values(s.StringsByLang["en"]))
	for _, pg := range s.PagesByLang["en"] {
		english = append(english, pg.Title, pg.Description, string(pg.Body))
	}
	for _, text := range english {
		for _, w := range wordRE.FindAllString(text, -1) {
			allowed[w] = true
		}
	}
	found := map[string]string{}
	for _, name := range pagesOf(files)["en"] {
		for _, text := range visibleText(string(files[name])) {
			for _, w := range wordRE.FindAllString(text, -1) {
				if diacritics.MatchString(w) && !allowed[w] {
					if _, ok := found[w]; !ok {
						found[w] = name + ": " + text
					}
				}
			}
		}
	}
	for _, w := range slices.Sorted(maps.Keys(found)) {
		t.Errorf("Vietnamese word %q on an English page, not marked lang=\"vi\": %s", w, found[w])
	}
}

func TestBilingualEditions(t *testing.T) {
	s, files := renderEditions(t, sitetest.Load(t, "bilingual"))
	checkEditions(t, s, files)
	checkNoVietnamese(t, s, files)

	// A text with no translation: the field name "Ghi chú" of records.toml.
	en := string(files["en/chi-tieu/bao-chi/index.html"])
	if !strings.Contains(en, fallbackVi+"Ghi chú</span>") {
		t.Error("the untranslated field name is not marked lang=\"vi\" on the English page")
	}
	if vi := string(files["chi-tieu/bao-chi/index.html"]); strings.Contains(vi, fallbackVi) {
		t.Error("a fallback span on a Vietnamese page")
	}
	// Dates and months in each language, in the footer.
	for name, want := range map[string]*regexp.Regexp{
		"index.html":    regexp.MustCompile(`^\d\d/\d{4} \(báo cáo ngày \d\d/\d\d/\d{4}\)\.$`),
		"en/index.html": regexp.MustCompile(`^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \(report of \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\)\.$`),
	} {
		m := footerRE.FindStringSubmatch(string(files[name]))
		if m == nil || !want.MatchString(m[2]) {
			t.Errorf("%s: footer date %v, want %v", name, m, want)
		}
	}
	// The interface in English, the content page in English.
	if !strings.Contains(string(files["en/index.html"]), `<html lang="en">`) || !strings.Contains(string(files["en/index.html"]), "Skip to main content") {
		t.Error("the English home page is not in English")
	}
}

func TestExampleEditions(t *testing.T) {
	s, files := renderEditions(t, exampleFS(t))
	checkEditions(t, s, files)
	checkNoVietnamese(t, s, files)

	// Figures in each language: a share with a decimal, on the home page.
	// (A Vietnamese text marked lang="vi" keeps its own figures.)
	vi, en := string(files["index.html"]), strings.Join(visibleText(string(files["en/index.html"])), "\n")
	viNum, enNum := regexp.MustCompile(`\d+,\d%`), regexp.MustCompile(`\d+\.\d%`)
	if !viNum.MatchString(vi) || viNum.MatchString(en) || !enNum.MatchString(en) {
		t.Errorf("percentages: Vietnamese %q, English %q", viNum.FindString(vi), enNum.FindString(en))
	}
	// The English data page describes the columns in English.
	data := string(files["en/du-lieu/index.html"])
	if !strings.Contains(data, "<dt><code>unit_code</code></dt><dd>the administrative unit’s code</dd>") {
		t.Error("the English data page does not describe unit_code in English")
	}
	// The plan: official in Vietnamese only.
	plan := string(files["en/ke-hoach/index.html"])
	if !strings.Contains(plan, "official only in Vietnamese") || !strings.Contains(plan, `<a href="../../ke-hoach/" hreflang="vi">`) {
		t.Error("the English plan page does not say that the text is official in Vietnamese, with a link")
	}
	if strings.Contains(plan, `class="prose plan-text"`) {
		t.Error("the English plan page shows the Vietnamese text")
	}
}

// TestPlanTranslation: with content/ke-hoach.en.md the English plan page
// shows it, labelled as an unofficial translation.
func TestPlanTranslation(t *testing.T) {
	fsys := exampleFS(t)
	fsys["content/ke-hoach.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"The plan\"\nlayout = \"plan\"\n+++\n\n## Purpose\n\nTo reduce harm.\n")}
	_, files := renderEditions(t, fsys)
	plan := string(files["en/ke-hoach/index.html"])
	for _, want := range []string{"unofficial translation", `<a href="../../ke-hoach/" hreflang="vi">`, "To reduce harm."} {
		if !strings.Contains(plan, want) {
			t.Errorf("the English plan page lacks %q", want)
		}
	}
}

// TestSectionsTranslated checks that the plan's section references,
// written in site.toml as a table of languages, are each edition's: the
// English targets and responsibilities pages name "section I.2" and
// "section IV", the Vietnamese ones "mục I.2" and "mục IV".
func TestSectionsTranslated(t *testing.T) {
	files, _ := renderFS(t, exampleFS(t))
	for name, want := range map[string]string{
		"chi-tieu/index.html":       "(mục I.2)",
		"en/chi-tieu/index.html":    "(section I.2)",
		"trach-nhiem/index.html":    "(mục IV)",
		"en/trach-nhiem/index.html": "(section IV)",
	} {
		if !strings.Contains(string(files[name]), want) {
			t.Errorf("%s does not say %q", name, want)
		}
	}
	if strings.Contains(string(files["en/chi-tieu/index.html"]), "mục") {
		t.Error("the English targets page names the section in Vietnamese")
	}
}
