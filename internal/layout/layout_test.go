package layout

import (
	"reflect"
	"testing"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// TestLinks checks the links a page gives its layout: relative to the
// page, "./" for the page's own root, and the embed code with the chart's
// name escaped for an attribute.
func TestLinks(t *testing.T) {
	home := &Page{Site: &model.Config{BaseURL: "https://example.org/site/"}, Routes: routes.For("vi", "vi")}
	deep := &Page{Site: home.Site, Routes: home.Routes, Root: "../../"}
	for _, tt := range []struct {
		p        *Page
		to, want string
	}{
		{home, "", "./"},
		{home, "chi-tieu/", "chi-tieu/"},
		{deep, "", "../../"},
		{deep, "du-lieu/a.csv", "../../du-lieu/a.csv"},
	} {
		if got := tt.p.Link(tt.to); got != tt.want {
			t.Errorf("Link(%q) from %q = %q, want %q", tt.to, tt.p.Root, got, tt.want)
		}
	}

	chart := &view.Chart{ID: "c1", Label: `A & "B" <c>`, File: "a-2017-12", Data: []*view.DataFile{{Format: "CSV", Path: "du-lieu/a.csv"}}}
	v := &view.Target{Result: &progress.Result{Target: &model.Target{ID: "a"}}, Chart: chart}
	want := `<iframe src="https://example.org/site/nhung/a/" title="A &amp; &quot;B&quot; &lt;c>" width="100%" height="520" style="border:0" loading="lazy"></iframe>`
	if got := deep.EmbedCode(v); got != want {
		t.Errorf("EmbedCode = %s, want %s", got, want)
	}
	if got := deep.EmbedCode(&view.Target{Result: v.Result}); got != "" {
		t.Errorf("EmbedCode without a chart = %q, want none", got)
	}
	share := &Share{Chart: "c1", Name: chart.Label, File: "a-2017-12", Data: []ShareLink{{"CSV", "../../du-lieu/a.csv"}}}
	if got := deep.Share(chart); !reflect.DeepEqual(got, share) {
		t.Errorf("Share = %+v, want %+v", got, share)
	}
	if got := deep.Share(nil); got != nil {
		t.Errorf("Share(nil) = %+v, want nil", got)
	}
}
