// Package catalog reads the languages of a site and the texts of its data
// written in several, and collects their translations.
//
// A site may have several languages (languages = ["vi", "en"] in
// site.toml), the first the default. A text of the data that readers see
// is written either as a string, in the default language, or as a table
// of languages:
//
//	name = { vi = "Tỷ lệ xã", en = "Share of communes" }
//
// The model holds the default language's text in every text field, and a
// catalog of translations (model.Site.Translations) by that text: render
// looks a text up in the catalog, as gettext does, and falls back to the
// default language where there is no translation.
//
// It is a part of the load stage: package load decodes texts into Text
// and resolves them with a Catalog as it builds the model.
package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// Text is a text readers see, as written: a string or a table of
// languages. Decoding it accepts either; a Catalog resolves it once the
// site's languages are known.
type Text struct {
	plain string            // the string, when written as one
	langs map[string]string // the table, when written as one
	bad   string            // what was written instead, if neither
}

// UnmarshalTOML implements toml.Unmarshaler. A value of another type is
// kept to be reported with its place by Check.
func (t *Text) UnmarshalTOML(v any) error {
	*t = Text{}
	switch v := v.(type) {
	case string:
		t.plain = v
	case map[string]any:
		t.langs = map[string]string{}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			s, ok := v[k].(string)
			if !ok {
				t.bad = fmt.Sprintf("the %s text is not text in quotes", k)
				return nil
			}
			t.langs[k] = s
		}
	default:
		t.bad = "it is " + tomlTypeName(v)
	}
	return nil
}

// tomlTypeName names the type of a decoded TOML value in an editor's words.
func tomlTypeName(v any) string {
	switch v.(type) {
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	}
	return "a date"
}

// Check records what is wrong with the text t of the key at the key path
// at of f, and reports whether nothing was: problem says what is wrong
// with one string of the key, or "".
func (t Text) Check(f *tomlfile.File, at, key string, problem func(key, s string) string) bool {
	if t.bad != "" {
		f.At(at, "%q must be text in quotes, or a table of languages such as %s = { vi = \"…\", en = \"…\" }: %s", key, key, t.bad)
		return false
	}
	if t.langs == nil {
		if msg := problem(key, t.plain); msg != "" {
			f.At(at, "%s", msg)
			return false
		}
		return true
	}
	ok := true
	for _, lang := range slices.Sorted(maps.Keys(t.langs)) {
		if msg := problem(key, t.langs[lang]); msg != "" {
			f.At(tomlfile.KeyPath(at, lang), "%s", msg)
			ok = false
		}
	}
	return ok
}

// Languages returns the site's languages, the default first, from the
// language and languages keys of site.toml (f), and whether they could be
// read without problems. written says whether languages is written.
func Languages(f *tomlfile.File, one string, list []string, written bool) ([]string, bool) {
	one = strings.TrimSpace(one)
	if !written {
		if one == "" {
			return []string{"vi"}, true
		}
		if checkTag(f, "language", one) {
			return []string{one}, true
		}
		return []string{"vi"}, false
	}
	var out []string
	ok := true
	for _, lang := range list {
		lang = strings.TrimSpace(lang)
		if !checkTag(f, "languages", lang) {
			ok = false
			continue
		}
		if slices.Contains(out, lang) {
			f.AtValue("languages", lang, "language %q is listed twice: list each language once", lang)
			ok = false
			continue
		}
		out = append(out, lang)
	}
	switch {
	case len(list) == 0:
		f.At("languages", "languages lists no language: list the default language first, such as languages = [\"vi\", \"en\"]")
		return []string{"vi"}, false
	case len(out) == 0:
		return []string{"vi"}, false
	case one != "" && one != out[0]:
		f.At("language", "language %q is not the first of languages (%q), which is the default: remove language, or make them agree", one, out[0])
		ok = false
	}
	return out, ok
}

// checkTag records a problem at key if lang is not a well-formed, known
// language tag written in its usual form.
func checkTag(f *tomlfile.File, key, lang string) bool {
	at := func(format string, args ...any) {
		if key == "languages" {
			f.AtValue(key, lang, format, args...)
		} else {
			f.At(key, format, args...)
		}
	}
	tag, err := language.Parse(lang)
	switch {
	case err != nil || lang == "und":
		at("%q is not a language tag: use a tag such as \"vi\" (Vietnamese) or \"en\" (English)", lang)
		return false
	case tag.String() != lang:
		at("write the language %q as %q", lang, tag.String())
		return false
	}
	return true
}

// Catalog collects the translations of the data's texts as the files are
// read, and the texts each file has.
type Catalog struct {
	langs []string // the site's languages, the default first
	// Unsure is set when site.toml's languages have a problem: a text in
	// a language not listed is then not blamed for it.
	Unsure  bool
	catalog map[string]map[string]string    // language → default text → translation
	first   map[string]map[string]model.Pos // where each translation was first written
	texts   map[string]map[string]bool      // file → its default-language texts
}

// New returns an empty catalog for the languages langs, the default
// first.
func New(langs []string) *Catalog {
	tr := &Catalog{langs: langs, catalog: map[string]map[string]string{},
		first: map[string]map[string]model.Pos{}, texts: map[string]map[string]bool{}}
	for _, lang := range langs[1:] {
		tr.catalog[lang] = map[string]string{}
		tr.first[lang] = map[string]model.Pos{}
	}
	return tr
}

// Resolve returns the default language's text of t, written at the key
// path at of f, and records its translations. A table of languages must
// give the default language, and only languages of the site.
func (tr *Catalog) Resolve(f *tomlfile.File, at string, t Text) string {
	return tr.ResolveIn(f, at, "", t)
}

// ResolveIn is Resolve for a text whose translation depends on where it is
// used (see model.Site.TrIn): its translations are kept apart under the
// context ctx, so that Vietnamese "phường", both the wards and one ward,
// may be "wards" as a level's name and "ward" as its singular.
func (tr *Catalog) ResolveIn(f *tomlfile.File, at, ctx string, t Text) string {
	def := tr.langs[0]
	if t.langs == nil {
		tr.seen(f.Path, ctx, t.plain)
		return t.plain
	}
	for _, lang := range slices.Sorted(maps.Keys(t.langs)) {
		if !slices.Contains(tr.langs, lang) && !tr.Unsure {
			line, col := langPlace(f, at, lang, t.langs[lang])
			f.Errs().Add(f.Path, line, col, "unknown language %q: the languages of %s are %s; add it there or remove this text", lang, "site.toml", tomlfile.QuoteAll(tr.langs))
		}
	}
	s, ok := t.langs[def]
	if !ok && tr.Unsure {
		return "" // the default language is not known for sure
	}
	if !ok {
		f.At(at, "no text in the default language %s: add %s = \"…\" to the table", model.LanguageName(def), def)
		return ""
	}
	tr.seen(f.Path, ctx, s)
	// The catalog holds texts without the blanks around them, which the
	// model leaves out of some fields; Tr does the same.
	text := strings.TrimSpace(s)
	key := model.CatalogKey(ctx, text)
	for _, lang := range tr.langs[1:] {
		x := strings.TrimSpace(t.langs[lang])
		if text == "" || x == "" {
			continue // an empty translation is none: the default is shown
		}
		line, col := langPlace(f, at, lang, t.langs[lang])
		prev, dup := tr.catalog[lang][key]
		switch {
		case dup && prev != x:
			p := tr.first[lang][key]
			f.Errs().Add(f.Path, line, col, "%q has two %s translations: %q here and %q at %s:%d:%d: give the same text the same translation", text, model.LanguageName(lang), x, prev, p.Path, p.Line, p.Col)
		case !dup:
			tr.catalog[lang][key] = x
			tr.first[lang][key] = model.Pos{Path: f.Path, Line: line, Col: col}
		}
	}
	return s
}

// langPlace returns the place of the text in language lang of the table
// of languages at the key path at: its key, or, in an array written over
// several lines (whose keys are not indexed), the text itself.
func langPlace(f *tomlfile.File, at, lang, s string) (line, col int) {
	if _, ok := f.Written(tomlfile.KeyPath(at, lang)); ok {
		return f.Find(tomlfile.KeyPath(at, lang))
	}
	return f.FindValue(at, s)
}

// All resolves a list of texts written at the key path at.
func (tr *Catalog) All(f *tomlfile.File, at string, ts []Text) []string {
	var out []string
	for i, t := range ts {
		out = append(out, tr.Resolve(f, tomlfile.KeyPath(at, i), t))
	}
	return out
}

// seen records that the file path has the text s, used in context ctx.
func (tr *Catalog) seen(path, ctx, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if tr.texts[path] == nil {
		tr.texts[path] = map[string]bool{}
	}
	tr.texts[path][model.CatalogKey(ctx, s)] = true
}

// Translations returns the catalog: language → text in the default
// language (model.CatalogKey) → translation.
func (tr *Catalog) Translations() map[string]map[string]string { return tr.catalog }

// Untranslated counts, by file and language, the texts with no
// translation in the catalog, as model.Site.TrIn finds them.
func (tr *Catalog) Untranslated() []model.Untranslated {
	site := &model.Site{Config: model.Config{Language: tr.langs[0]}, Translations: tr.catalog}
	var out []model.Untranslated
	for _, path := range slices.Sorted(maps.Keys(tr.texts)) {
		for _, lang := range tr.langs[1:] {
			n := 0
			for key := range tr.texts[path] {
				ctx, text := model.SplitCatalogKey(key)
				if _, ok := site.TrIn(lang, ctx, text); !ok {
					n++
				}
			}
			if n > 0 {
				out = append(out, model.Untranslated{Path: path, Lang: lang, Count: n})
			}
		}
	}
	return out
}
