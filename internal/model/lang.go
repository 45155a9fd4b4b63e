package model

import "golang.org/x/text/language"

// languageNames are the English names of the languages a portal is most
// likely published in, for messages to editors.
var languageNames = map[string]string{
	"vi": "Vietnamese", "en": "English", "fr": "French", "zh": "Chinese", "ja": "Japanese",
	"ko": "Korean", "km": "Khmer", "lo": "Lao", "th": "Thai", "ru": "Russian", "de": "German", "es": "Spanish",
}

// LanguageName names the language of a tag in English, with the tag, for
// messages to editors: "English (en)". A language it does not know is
// named by its tag alone.
func LanguageName(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	base, _ := tag.Base()
	if name, ok := languageNames[base.String()]; ok {
		return name + " (" + lang + ")"
	}
	return lang
}
