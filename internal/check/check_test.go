package check_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/check"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestUntranslatedWarnings checks the one warning per file about texts
// with no translation, with their count, and per page.
func TestUntranslatedWarnings(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	site := string(fsys["site.toml"].Data)
	site = strings.Replace(site, `title = "Cổng thử"`, "languages = [\"vi\", \"en\"]\ntitle = { vi = \"Cổng thử\", en = \"Test portal\" }", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	fsys["content/gioi-thieu.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range check.Warnings(s, progress.Compute(s)) {
		if strings.Contains(w.Error(), "translation") {
			got = append(got, w.Error())
		}
	}
	want := []string{
		"content/_index.md: warning: no English (en) translation (content/_index.en.md); the page will be shown in Vietnamese",
		"data/agencies.toml: warning: 4 texts have no English (en) translation; they will be shown in Vietnamese",
		"data/lists/lanh-manh.toml: warning: 1 text has no English (en) translation; it will be shown in Vietnamese",
		"data/records.toml: warning: 10 texts have no English (en) translation; they will be shown in Vietnamese",
		"data/rubrics/thang-diem.toml: warning: 7 texts have no English (en) translation; they will be shown in Vietnamese",
		"data/targets.toml: warning: 14 texts have no English (en) translation; they will be shown in Vietnamese",
		"data/units.toml: warning: 2 texts have no English (en) translation; they will be shown in Vietnamese",
		"site.toml: warning: 2 texts have no English (en) translation; they will be shown in Vietnamese",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A site in one language has no such warning.
	s, err = load.Site(sitetest.Load(t, "small"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range check.Warnings(s, progress.Compute(s)) {
		if strings.Contains(w.Error(), "translation") {
			t.Errorf("one language: %v", w)
		}
	}
}

// TestExampleTranslated checks that the example site, in Vietnamese and
// English, has no warning about a missing translation.
func TestExampleTranslated(t *testing.T) {
	s, err := load.Site(os.DirFS(sitetest.Root()))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Config.Languages) < 2 {
		t.Fatalf("the example site has languages %q", s.Config.Languages)
	}
	for _, w := range check.Warnings(s, progress.Compute(s)) {
		if strings.Contains(w.Error(), "translation") {
			t.Error(w)
		}
	}
}
