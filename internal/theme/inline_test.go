package theme_test

import (
	"testing"

	_ "github.com/minhbach/minhbach/internal/sitetest" // the -update flag of go test ./...
	"github.com/minhbach/minhbach/internal/theme"
)

// TestInlineTexts checks the texts written into layouts: escaped, with
// the values of tf as actions, and left as actions where inlining would
// change what is written.
func TestInlineTexts(t *testing.T) {
	texts := map[string]string{"a": "x<y", "b": "Tháng {month} của {unit} {other}", "multi": "a\nb"}
	for _, tt := range []struct{ in, want string }{
		{`<p>{{t "a"}}</p>`, `<p>x&lt;y</p>`},
		{`<p title="{{t "a"}}">`, `<p title="x&lt;y">`},
		{`{{tf "b" "month" (month .M) "unit" $u.Name}}`, `Tháng {{month .M}} của {{$u.Name}} {other}`},
		{`{{tf "b" "month" (int (len .X))}}`, `Tháng {{int (len .X)}} của {unit} {other}`},
		{`<script>var s = {{t "a"}};</script>{{t "a"}}`, `<script>var s = {{t "a"}};</script>x&lt;y`},
		{`{{t "missing"}} {{t "multi"}}`, `{{t "missing"}} {{t "multi"}}`},
		{`{{orig .Unit.FullName}} {{orig (parentName .)}}`, `{{.Unit.FullName}} {{(parentName .)}}`},
	} {
		if got := theme.InlineTexts(tt.in, texts, true); got != tt.want {
			t.Errorf("inlineTexts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// In another language orig marks texts: it stays.
	if got := theme.InlineTexts(`{{orig .Note}}`, texts, false); got != `{{orig .Note}}` {
		t.Errorf("orig dropped in another language: %q", got)
	}
}
