package edit

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/model"
)

// TestEmptyStringKept: a key written as "" (or links as []) by hand is
// loaded into the form and written back so, while a key the form never had (an input left
// empty) stays out of the file.
func TestEmptyStringKept(t *testing.T) {
	kinds := []*model.Kind{{ID: "press", Fields: []*model.Field{
		{ID: "title", Type: model.Text}, {ID: "note", Type: model.Text}, {ID: "outlet", Type: model.Text},
	}}}
	var raw map[string]any
	const src = "[[press]]\ntitle = \"Tin\"\nnote = \"\"\n\n[[assessments]]\ntarget = \"x\"\nnote = \"\"\nlinks = []\n"
	if _, err := toml.Decode(src, &raw); err != nil {
		t.Fatal(err)
	}
	v, problems := FromRaw(raw, kinds)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := Encode(v, "", kinds, nil).Text
	if want := src; got != want {
		t.Errorf("written:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "outlet") {
		t.Errorf("a key the file did not have is written:\n%s", got)
	}
}
