package render

import (
	"html/template"
	"maps"
	"slices"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/view"
)

// searchPage queues the search page. Without JavaScript it offers the
// targets and top, the units of the top level.
func (r *renderer) searchPage(top []*view.Unit) {
	p := r.newPage("search", r.routes.Search(), r.sentence("title.search", nil), "")
	p.Targets = r.view.Targets
	p.Units = top
	p.Registry = r.site.Units
	r.emit(p)
}

// keepContent records the HTML of a content page as executed, for the
// search index: its headings' ids are final only then (see
// renumberHeadings). Safe from several goroutines.
func (r *renderer) keepContent(p *page) {
	if p.Source == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.contents == nil {
		r.contents = map[*model.Page]template.HTML{}
	}
	r.contents[p.Source] = p.Content
}

// searchIndex writes the files of the search index (package search) in
// the search page's folder, once every page is executed.
func (r *renderer) searchIndex() {
	updates := map[model.Month]bool{}
	for _, u := range r.view.Updates {
		updates[u.Month] = true
	}
	docs := search.Collect(r.site, search.Links{
		Target: func(t *model.Target) string { return r.routes.Target(t.ID) },
		Unit:   r.view.UnitURL,
		Record: func(rec *model.Record) string {
			switch {
			case rec.Unit != nil:
				return r.view.UnitURL(rec.Unit)
			case updates[rec.Month]:
				return r.routes.Update(rec.Month)
			}
			return ""
		},
		Content: func(pg *model.Page) string { return string(r.contents[pg]) },
	})
	files := search.Build(docs)
	dir := r.routes.Search()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b := files[name]
		if r.lang != r.defLang {
			b = []byte(format.Unmark(string(b))) // texts shown in the default language, unmarked
		}
		r.put(dir+name, b)
	}
}
