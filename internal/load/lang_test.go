package load_test

import (
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// bilingual is the small test site in Vietnamese and English: its first
// target's name and unit are translated, and its about page.
func bilingual(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	edit(t, fsys, "site.toml", `title = "Cổng thử"`, `languages = ["vi", "en"]
title = { vi = "Cổng thử", en = "Test portal" }`)
	edit(t, fsys, "data/targets.toml", `name = "Tuyên truyền"`, `name = { vi = "Tuyên truyền", en = "Outreach" }`)
	edit(t, fsys, "data/targets.toml", "unit = \"xã\"\n", "unit = { vi = \" xã \", en = \"communes \" }\n")
	edit(t, fsys, "site.toml", `title = "Kế hoạch thử"`, `title = { vi = "Kế hoạch thử", en = " " }`)
	fsys["content/gioi-thieu.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\nAbout this portal.\n")}
	return fsys
}

// edit replaces the first old in the file p of fsys with new.
func edit(t *testing.T, fsys fstest.MapFS, p, old, new string) {
	t.Helper()
	s := string(fsys[p].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", p, old)
	}
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestLanguages(t *testing.T) {
	s, err := load.Site(bilingual(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config.Languages; !slices.Equal(got, []string{"vi", "en"}) || s.Config.Language != "vi" {
		t.Errorf("languages %q, default %q; want [vi en], vi", got, s.Config.Language)
	}
	// Every text field holds the default language's text.
	if s.Config.Title != "Cổng thử" || s.Targets[0].Name != "Tuyên truyền" || s.Targets[0].Unit != " xã " {
		t.Errorf("title %q, name %q, unit %q: want the Vietnamese texts", s.Config.Title, s.Targets[0].Name, s.Targets[0].Unit)
	}
	for _, tt := range []struct {
		lang, text, want string
		ok               bool
	}{
		{"en", "Tuyên truyền", "Outreach", true},
		{"en", "Cổng thử", "Test portal", true},
		{"en", "xã", "communes", true},
		{"en", " xã ", "communes", true},    // as the model holds it
		{"en", "Báo chí", "Báo chí", false}, // no translation: the default language's
		{"vi", "Tuyên truyền", "Tuyên truyền", true},
		{"fr", "Tuyên truyền", "Tuyên truyền", false},
		{"en", " Tuyên truyền\n", "Outreach", true},   // blanks around are not part of a text
		{"en", "Kế hoạch thử", "Kế hoạch thử", false}, // en = "": no translation
	} {
		if got, ok := s.Tr(tt.lang, tt.text); got != tt.want || ok != tt.ok {
			t.Errorf("Tr(%q, %q) = %q, %v; want %q, %v", tt.lang, tt.text, got, ok, tt.want, tt.ok)
		}
	}
	en := s.PagesByLang["en"]
	if len(en) != 1 || en[0].URL != "gioi-thieu/" || en[0].Title != "About" || en[0].Lang != "en" {
		t.Errorf("English pages %v, want the about page", en)
	}
	for _, pg := range s.Pages {
		if pg.Lang != "vi" || strings.Contains(pg.Path, ".en.") {
			t.Errorf("default page %s has language %q", pg.Path, pg.Lang)
		}
	}
	if got := s.StringsByLang["en"]["status.met"]; got != "Met" {
		t.Errorf("English status.met = %q, want Met", got)
	}
	if got := s.Strings["status.met"]; got != "Đạt" {
		t.Errorf("status.met = %q, want Đạt", got)
	}
}

// TestOneLanguage checks that a site without languages is loaded as
// before: no catalog, no pages or strings by language.
func TestOneLanguage(t *testing.T) {
	s, err := load.Site(sitetest.Load(t, "small"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Config.Languages, []string{"vi"}) || s.Translations != nil || s.PagesByLang != nil || s.StringsByLang != nil || s.Untranslated != nil {
		t.Errorf("languages %q, translations %v, pages %v, strings %d, untranslated %v: want vi alone", s.Config.Languages, s.Translations, s.PagesByLang, len(s.StringsByLang), s.Untranslated)
	}
	fsys := sitetest.Load(t, "small")
	edit(t, fsys, "site.toml", `title = "Cổng thử"`, "language = \"en\"\ntitle = \"Cổng thử\"")
	if s, err := load.Site(fsys); err != nil || !slices.Equal(s.Config.Languages, []string{"en"}) || s.Config.Language != "en" {
		t.Errorf("language = \"en\": %v, %v", s.Config.Languages, err)
	}
}

func TestLanguageErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, fsys fstest.MapFS)
		want  string
	}{
		{"disagree", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", "languages = [", "language = \"en\"\nlanguages = [")
		}, `site.toml:1:1: language "en" is not the first of languages ("vi"), which is the default: remove language, or make them agree`},
		{"ill-formed", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "english"]`)
		}, `site.toml:1:20: "english" is not a language tag: use a tag such as "vi" (Vietnamese) or "en" (English)`},
		{"unknown", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "xx"]`)
		}, `site.toml:1:20: "xx" is not a language tag`},
		{"spelling", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "EN"]`)
		}, `site.toml:1:20: write the language "EN" as "en"`},
		{"duplicate", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "en", "en"]`)
		}, `site.toml:1:20: language "en" is listed twice: list each language once`},
		{"empty", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `[]`)
		}, `site.toml:1:1: languages lists no language`},
		{"no default", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/targets.toml", `{ vi = "Tuyên truyền", en = "Outreach" }`, `{ en = "Outreach" }`)
		}, `data/targets.toml:4:1: no text in the default language Vietnamese (vi): add vi = "…" to the table`},
		{"language not in languages", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/targets.toml", `en = "Outreach" }`, `en = "Outreach", fr = "Sensibilisation" }`)
		}, `data/targets.toml:4:48: unknown language "fr": the languages of site.toml are "vi", "en"; add it there or remove this text`},
		{"language not in languages, in a list of lines", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/agencies.toml", `tasks = ["Báo cáo"]`, "tasks = [\n  \"Tổng hợp\",\n  { vi = \"Báo cáo\", fr = \"Rapport\" },\n]")
		}, `data/agencies.toml:14:26: unknown language "fr"`},
		{"two translations in a list of lines", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/agencies.toml", `tasks = ["Chủ trì"]`, `tasks = [{ vi = "Chủ trì", en = "Lead" }]`)
			edit(t, fsys, "data/agencies.toml", `tasks = ["Báo cáo"]`, "tasks = [\n  { vi = \"Chủ trì\", en = \"Leads\" },\n]")
		}, `data/agencies.toml:13:26: "Chủ trì" has two English (en) translations: "Leads" here and "Lead" at data/agencies.toml:6:`},
		{"not text", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/targets.toml", `{ vi = "Tuyên truyền", en = "Outreach" }`, `{ vi = "Tuyên truyền", en = 1 }`)
		}, `data/targets.toml:4:1: "name" must be text in quotes, or a table of languages such as name = { vi = "…", en = "…" }: the en text is not text in quotes`},
		{"control character", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/targets.toml", `en = "Outreach"`, `en = "Out\u0007reach"`)
		}, `data/targets.toml:4:31: "name" holds a control character (U+0007): remove it`},
		{"two translations", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/targets.toml", `name = "Báo chí"`, `name = { vi = "Tuyên truyền", en = "Awareness" }`)
		}, `data/targets.toml:15:31: "Tuyên truyền" has two English (en) translations: "Awareness" here and "Outreach" at data/targets.toml:4:31: give the same text the same translation`},
		{"page without original", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/lien-he.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Contact\"\n+++\n")}
		}, `content/lien-he.en.md: a translation of content/lien-he.md, which does not exist: add that page in the default language, or remove this one`},
		{"page in another language", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/gioi-thieu.fr.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"À propos\"\n+++\n")}
		}, `content/gioi-thieu.fr.md: French (fr) is not a language of the site (languages in site.toml: "vi", "en"): add it there, or rename the file`},
		{"page in the default language", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/gioi-thieu.vi.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Giới thiệu\"\n+++\n")}
		}, `content/gioi-thieu.vi.md: a page in the default language Vietnamese (vi) is named without its language: rename it content/gioi-thieu.md`},
		{"strings unknown key", func(t *testing.T, fsys fstest.MapFS) {
			fsys["layouts/strings.en.toml"] = &fstest.MapFile{Data: []byte("\"status.met\" = \"Achieved\"\n\"status.mett\" = \"x\"\n")}
		}, `layouts/strings.en.toml:2:1: unknown key "status.mett": the stock theme has no such text`},
		{"strings unknown key for one", func(t *testing.T, fsys fstest.MapFS) {
			fsys["layouts/strings.en.toml"] = &fstest.MapFile{Data: []byte("\"unit.records.one\" = \"{n} entry\"\n\"status.mett.one\" = \"x\"\n")}
		}, `layouts/strings.en.toml:2:1: unknown key "status.mett.one": the stock theme has no such text`},
		{"strings missing keys", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "en", "fr"]`)
			fsys["layouts/strings.fr.toml"] = &fstest.MapFile{Data: []byte("\"status.met\" = \"Atteint\"\n")}
		}, `layouts/strings.fr.toml: ` + stockStrings(t) + `, …`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := bilingual(t)
			tt.setup(t, fsys)
			_, err := load.Site(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

// TestPageNames checks which page names give a language: a last part
// that is no known language is part of the name, as before languages.
func TestPageNames(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	fsys["content/ghi-chu.old.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Cũ\"\n+++\n")}
	fsys["content/phien-ban.v2.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Bản 2\"\n+++\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, pg := range s.Pages {
		urls = append(urls, pg.URL)
	}
	for _, u := range []string{"ghi-chu.old/", "phien-ban.v2/"} {
		if !slices.Contains(urls, u) {
			t.Errorf("no page %s among %q", u, urls)
		}
	}
}

// TestStringsOverrideByLanguage checks that a site's strings.en.toml
// replaces the stock English texts key by key, and is read only when the
// site has English.
func TestStringsOverrideByLanguage(t *testing.T) {
	fsys := bilingual(t)
	fsys["layouts/strings.en.toml"] = &fstest.MapFile{Data: []byte("\"status.met\" = \"Achieved\"\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if en := s.StringsByLang["en"]; en["status.met"] != "Achieved" || en["status.not_met"] != "Not met" {
		t.Errorf("status.met %q, status.not_met %q; want the site's, then the stock text", en["status.met"], en["status.not_met"])
	}
	one := sitetest.Load(t, "small")
	one["layouts/strings.en.toml"] = &fstest.MapFile{Data: []byte("\"status.mett\" = \"x\"\n")}
	if _, err := load.Site(one); err != nil {
		t.Errorf("a one-language site reads strings.en.toml: %v", err)
	}
}

func TestUntranslated(t *testing.T) {
	s, err := load.Site(bilingual(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, u := range s.Untranslated {
		if u.Lang != "en" {
			t.Errorf("%s: language %q", u.Path, u.Lang)
		}
		got[u.Path] = u.Count
	}
	// A text counts once per file, and not where the same text is
	// translated elsewhere: "xã", the first target's unit, translates the
	// commune level's name in units.toml, and "Tuyên truyền", its name,
	// the outreach kind's name in records.toml (10 texts, 9 untranslated).
	want := map[string]int{
		"site.toml":                    2, // the plan's title and the menu label; the title is translated
		"content/_index.md":            1, // the about page is translated; the update post is not counted
		"data/units.toml":              1, // huyện; unit names are not translated
		"data/records.toml":            9,
		"data/targets.toml":            12,
		"data/agencies.toml":           4,
		"data/lists/lanh-manh.toml":    1,
		"data/rubrics/thang-diem.toml": 7,
	}
	if !maps.Equal(got, want) {
		t.Errorf("untranslated:\n%v\nwant:\n%v", got, want)
	}
}

// TestStockStringsSameKeys checks that the stock theme's strings files of
// every language have the same keys.
func TestStockStringsSameKeys(t *testing.T) {
	keys := func(p string) []string {
		b, err := fs.ReadFile(theme.FS(), p)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if _, err := toml.Decode(string(b), &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(m)) {
			// KEY.one, a text's form for one, may be in one file only
			// (English has it, Vietnamese never): its KEY must be there.
			if base, ok := strings.CutSuffix(k, ".one"); ok {
				if _, has := m[base]; !has {
					t.Errorf("%s has %q but not %q", p, k, base)
				}
				continue
			}
			out = append(out, k)
		}
		return out
	}
	want := keys(theme.StringsPath)
	files, _ := fs.Glob(theme.FS(), "layouts/strings.*.toml")
	if len(files) == 0 {
		t.Fatal("no stock strings file of another language")
	}
	for _, p := range files {
		got := keys(p)
		for _, k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("%s lacks %q", p, k)
			}
		}
		for _, k := range got {
			if !slices.Contains(want, k) {
				t.Errorf("%s has %q, which %s lacks", p, k, theme.StringsPath)
			}
		}
	}
}

// TestExampleEnglish checks the example site's English edition: every text
// its data shows readers has a translation, and so have its home and about
// pages; the plan and the update posts stay in Vietnamese only.
func TestExampleEnglish(t *testing.T) {
	s, err := load.Site(os.DirFS(sitetest.Root()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Config.Languages, []string{"vi", "en"}) {
		t.Fatalf("languages %q, want vi and en", s.Config.Languages)
	}
	for _, u := range s.Untranslated {
		t.Errorf("%s: %d texts with no %s translation", u.Path, u.Count, u.Lang)
	}
	texts := []string{s.Config.Title, s.Config.Description, s.Config.IllustrativeNote, s.Config.Plan.Title, s.Context.Note}
	for _, tg := range s.Targets {
		texts = append(texts, tg.Name, tg.Text, tg.Unit)
	}
	for _, a := range s.Agencies {
		texts = append(texts, a.Name)
		texts = append(texts, a.Tasks...)
		for _, p := range a.Parts {
			texts = append(texts, p.Name)
			texts = append(texts, p.Tasks...)
		}
	}
	for _, lv := range s.Units.Levels {
		texts = append(texts, lv.Name)
		one, ok := s.TrIn("en", model.ContextSingular, lv.Singular)
		if many, _ := s.Tr("en", lv.Name); !ok || one == many {
			t.Errorf("level %s: singular %q in English, as its name", lv.ID, one)
		}
	}
	for _, m := range s.Config.Menu {
		texts = append(texts, m.Label)
	}
	if len(s.Targets) != 6 || len(s.Agencies) == 0 {
		t.Fatalf("%d targets, %d agencies", len(s.Targets), len(s.Agencies))
	}
	for _, x := range texts {
		if en, ok := s.Tr("en", x); !ok || en == x {
			t.Errorf("no English for %q", x)
		}
	}
	var en []string
	for _, pg := range s.PagesByLang["en"] {
		en = append(en, pg.Path)
	}
	if want := []string{"content/_index.en.md", "content/gioi-thieu.en.md"}; !slices.Equal(en, want) {
		t.Errorf("English pages %q, want %q", en, want)
	}
	for k := range s.StringsByLang["en"] {
		if _, ok := s.Strings[k]; !ok && !strings.HasSuffix(k, ".one") {
			t.Errorf("English text %q has no Vietnamese", k)
		}
	}
	for k := range s.Strings {
		if _, ok := s.StringsByLang["en"][k]; !ok {
			t.Errorf("Vietnamese text %q has no English", k)
		}
	}
}

// TestTranslatedUpdate checks that a translated update post is dated like
// the post it translates, and that an update post needs no translation.
func TestTranslatedUpdate(t *testing.T) {
	fsys := bilingual(t)
	fsys["content/cap-nhat/2020-02.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"February\"\n+++\nThe month.\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var orig, en *model.Page
	for _, pg := range s.Pages {
		if pg.URL == "cap-nhat/2020-02/" {
			orig = pg
		}
	}
	for _, pg := range s.PagesByLang["en"] {
		if pg.URL == "cap-nhat/2020-02/" {
			en = pg
		}
	}
	if orig == nil || en == nil || en.Date.IsZero() || !en.Date.Equal(orig.Date) || en.Section != "cap-nhat" {
		t.Fatalf("update %v, translated %v: want the same date", orig, en)
	}
}

// TestLanguagesBrokenAlone checks that a problem with languages in
// site.toml is reported alone: the texts in the language it failed to
// list are not blamed for it.
func TestLanguagesBrokenAlone(t *testing.T) {
	fsys := bilingual(t)
	edit(t, fsys, "site.toml", `["vi", "en"]`, `["vi", "EN"]`)
	_, err := load.Site(fsys)
	if err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), `write the language "EN" as "en"`) {
		t.Errorf("got:\n%v\nwant one problem, with the tag", err)
	}
}

// TestConfigBrokenAlone checks that a site.toml that does not decode is
// reported alone, and not the texts in its languages.
func TestConfigBrokenAlone(t *testing.T) {
	fsys := bilingual(t)
	edit(t, fsys, "site.toml", `languages = ["vi", "en"]`, `languages = ["vi", "en"`)
	_, err := load.Site(fsys)
	if err == nil || strings.Contains(err.Error(), "language") && !strings.Contains(err.Error(), "site.toml") || strings.Contains(err.Error(), "unknown language") || strings.Contains(err.Error(), "gioi-thieu.en.md") {
		t.Errorf("got:\n%v\nwant the syntax error of site.toml alone", err)
	}
}

// TestBilingualSite loads testdata/sites/bilingual.txtar, a site written
// in two languages from the start.
func TestBilingualSite(t *testing.T) {
	s, err := load.Site(sitetest.Load(t, "bilingual"))
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Untranslated{{Path: "data/records.toml", Lang: "en", Count: 1}}
	if !slices.Equal(s.Untranslated, want) {
		t.Errorf("untranslated %v, want %v", s.Untranslated, want)
	}
	// "phường" is the wards and one ward: English tells them apart.
	lv := s.Units.Levels[0]
	if got, _ := s.TrIn("en", model.ContextSingular, lv.Singular); got != "ward" {
		t.Errorf("the level's singular in English: %q", got)
	}
	if got, _ := s.Tr("en", lv.Name); got != "wards" {
		t.Errorf("the level's name in English: %q", got)
	}
	if got, _ := s.Tr("en", s.Agencies[0].Tasks[1]); got != "Compile the monthly reports." {
		t.Errorf("a task in English: %q", got)
	}
	if got, ok := s.Tr("en", "Ghi chú"); ok || got != "Ghi chú" {
		t.Errorf("an untranslated field name: %q, %v", got, ok)
	}
	var en []string
	for _, pg := range s.PagesByLang["en"] {
		en = append(en, pg.URL+" "+pg.Date.Format("2006-01-02"))
	}
	if want := []string{" 0001-01-01", "cap-nhat/2025-08/ 2025-09-05", "gioi-thieu/ 0001-01-01"}; !slices.Equal(en, want) {
		t.Errorf("English pages %q, want %q", en, want)
	}
	if got := s.StringsByLang["en"]["status.on_track"]; got != "On course" {
		t.Errorf("the site's English status.on_track: %q", got)
	}
}

// stockStrings is what the error about a strings file that gives only
// "status.met" says of the stock texts it lacks: their count and the first
// five keys. The stock table grows with the theme.
func stockStrings(t *testing.T) string {
	var m map[string]string
	if _, err := toml.DecodeFS(theme.FS(), theme.StringsPath, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "status.met")
	keys := slices.Sorted(maps.Keys(m))
	return strconv.Itoa(len(keys)) + ` texts of layouts/strings.toml have no translation here: add "` + strings.Join(keys[:5], `", "`) + `"`
}

// TestStringsOne: a site's strings file may give KEY.one for a known KEY,
// in any language, also where the stock theme has none (Vietnamese).
func TestStringsOne(t *testing.T) {
	fsys := bilingual(t)
	fsys["layouts/strings.en.toml"] = &fstest.MapFile{Data: []byte("\"search.found.one\" = \"{n} hit\"\n")}
	fsys["layouts/strings.toml"] = &fstest.MapFile{Data: []byte("\"search.found.one\" = \"{n} kết quả\"\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.StringsByLang["en"]["search.found.one"]; got != "{n} hit" {
		t.Errorf("English search.found.one = %q", got)
	}
	if got := s.StringsByLang["en"]["unit.records.one"]; got != "{n} record" {
		t.Errorf("stock English unit.records.one = %q", got)
	}
	if got := s.Strings["search.found.one"]; got != "{n} kết quả" {
		t.Errorf("Vietnamese search.found.one = %q", got)
	}
}
