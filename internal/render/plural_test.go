package render

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPluralEnglish: the English edition writes the singular of a text
// (KEY.one) and of a target's unit (unit_one) when its number is 1, and
// the plural otherwise.
func TestPluralEnglish(t *testing.T) {
	_, files := renderEditions(t, exampleFS(t))
	page := func(name string) string {
		t.Helper()
		b, ok := files[name]
		if !ok {
			t.Fatalf("no page %s", name)
		}
		return strings.Join(visibleText(string(b)), "\n")
	}
	for name, want := range map[string][]string{
		"en/chi-tieu/bao-chi/index.html":          {"Months with at least 1 news item: ", "Met · 1 news item\n", "Met · 2 news items\n"},
		"en/chi-tieu/mo-hinh-thi-diem/index.html": {"1 model — target: at least 1"},
		"en/gioi-thieu/index.html":                {"each month has at least 1 news item.", "the target of at least 1 model;", "(target: at least 1 commune, ward or township)"},
	} {
		text := page(name)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		for _, bad := range []string{"1 news items", "1 models", "1 communes", "1 records"} {
			if strings.Contains(text, " "+bad) {
				t.Errorf("%s has %q", name, bad)
			}
		}
	}
	// A unit's count of records, 1 and 2 (tf "unit.records" "n" …).
	one, two := regexp.MustCompile(`: 1 record<`), regexp.MustCompile(`: 2 records<`)
	var sawOne, sawTwo bool
	for name, b := range files {
		if !strings.HasPrefix(name, "en/") {
			continue
		}
		sawOne = sawOne || one.Match(b)
		sawTwo = sawTwo || two.Match(b)
		if regexp.MustCompile(`[^0-9.,]1 records<`).Match(b) {
			t.Errorf("%s: \"1 records\"", name)
		}
	}
	if !sawOne || !sawTwo {
		t.Errorf("English pages with \"1 record\": %v, with \"2 records\": %v", sawOne, sawTwo)
	}
	// A threshold of 2 takes the plural.
	fsys := exampleFS(t)
	src := string(fsys["data/targets.toml"].Data)
	i := strings.Index(src, `id = "bao-chi"`)
	src = src[:i] + strings.Replace(src[i:], "threshold = 1\n", "threshold = 2\n", 1)
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(src)}
	_, files = renderEditions(t, fsys)
	if text := page("en/chi-tieu/bao-chi/index.html"); !strings.Contains(text, "Months with at least 2 news items: ") {
		t.Errorf("threshold 2: no \"at least 2 news items\" in %q", text)
	}
}

// TestPluralVietnamese: Vietnamese has no singular: without unit_one and
// with it, the Vietnamese pages are the same, byte for byte.
func TestPluralVietnamese(t *testing.T) {
	fsys := exampleFS(t)
	_, with := renderEditions(t, fsys)
	src := string(fsys["data/targets.toml"].Data)
	if !strings.Contains(src, "unit_one") {
		t.Fatal("the example has no unit_one")
	}
	src = regexp.MustCompile(`(?m)^unit_one = .*\n`).ReplaceAllString(src, "")
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(src)}
	_, without := renderEditions(t, fsys)
	n := 0
	for name, b := range with {
		if strings.HasPrefix(name, "en/") {
			continue
		}
		n++
		if string(without[name]) != string(b) {
			t.Errorf("%s differs with unit_one", name)
		}
	}
	if n < 100 {
		t.Errorf("only %d Vietnamese files", n)
	}
}
