package model_test

import (
	"fmt"

	"github.com/minhbach/minhbach/internal/model"
)

func ExampleSite_Tr() {
	s := &model.Site{
		Config: model.Config{Language: "vi", Languages: []string{"vi", "en"}},
		Translations: map[string]map[string]string{"en": {
			"xã": "communes",
			model.CatalogKey(model.ContextSingular, "xã"): "commune",
		}},
	}
	fmt.Println(s.Tr("en", "xã"))
	fmt.Println(s.TrIn("en", model.ContextSingular, "xã"))
	fmt.Println(s.Tr("en", "huyện")) // no translation: shown in Vietnamese
	fmt.Println(s.Tr("vi", "xã"))
	// Output:
	// communes true
	// commune true
	// huyện false
	// xã true
}
