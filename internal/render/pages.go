package render

import (
	"cmp"
	"fmt"

	"github.com/minhbach/minhbach/internal/model"
)

// pages renders every HTML page of the site.
func (r *renderer) pages() {
	r.home()
	for _, pg := range r.site.Pages {
		if pg.URL == "" || pg.Section == "cap-nhat" {
			continue
		}
		p := r.newPage(pg.Layout, pg.URL, pg.Title, pg.Description)
		p.Source = pg
		p.from = contentOrigin(pg)
		p.Content, p.TOC = r.markdown(pg)
		if !pg.TOC {
			p.TOC = nil
		}
		p.Registry = r.site.Units
		p.Targets = r.targets
		p.Context = r.site.Context
		r.emit(p)
	}

	p := r.newPage("targets", "chi-tieu/", r.sentence("title.targets", nil), "")
	p.Targets = r.targets
	r.emit(p)
	for _, v := range r.targets {
		p := r.newPage("target", v.URL, v.Target.Name, v.Target.Text)
		p.from = origin{path: "data/targets.toml", what: fmt.Sprintf("the page of target %q", v.Target.ID), fix: fmt.Sprintf("give target %q another id", v.Target.ID), where: v.Target.Where, field: "id"}
		p.Target = v
		p.Charts = v.Chart != nil
		r.emit(p)
	}
	for _, l := range r.lists {
		p := r.newPage("list", l.URL, l.List.Name, "")
		p.from = origin{path: "data/lists/" + l.List.ID + ".toml", what: fmt.Sprintf("the page of list %q", l.List.ID), fix: "rename the list's file"}
		p.List = l
		p.Charts = l.Chart != nil
		r.emit(p)
	}

	p = r.newPage("updates", "cap-nhat/", r.sentence("title.updates", nil), "")
	p.Updates = r.updates
	r.emit(p)
	for _, u := range r.updates {
		p := r.newPage("update", u.URL, u.Page.Title, u.Page.Description)
		p.Source = u.Page
		p.from = contentOrigin(u.Page)
		p.Content, _ = r.markdown(u.Page)
		p.Update = u
		u.Statuses = r.statusesIn(u.Month)
		r.emit(p)
	}

	var top []*UnitView
	for _, u := range r.site.Units.Units {
		v := r.unitView(u)
		if u.Parent == "" {
			top = append(top, v)
		}
		p := r.newPage("unit", v.URL, u.FullName(), "")
		p.from = origin{path: "data/units.toml", what: fmt.Sprintf("the page of unit %q", u.Code), fix: fmt.Sprintf("change the name of unit %q", u.Code), where: u.Where, field: "name"}
		p.Unit = v
		r.emit(p)
	}
	p = r.newPage("units", "don-vi/", r.sentence("title.units", map[string]string{"level": capital(r.site.Units.Levels[0].Name)}), "")
	p.Units = top
	p.Registry = r.site.Units
	r.emit(p)

	p = r.newPage("agencies", "trach-nhiem/", r.sentence("title.agencies", nil), "")
	p.Agencies = r.agencyViews()
	p.Reporters = r.reporterViews()
	p.Registry = r.site.Units
	r.emit(p)

	p = r.newPage("data", "du-lieu/", r.sentence("title.data", nil), "")
	p.Downloads = r.downloads
	p.Registry = r.site.Units
	r.emit(p)

	// The server shows 404.html at any address, so nothing on it can be
	// relative: its links are absolute (base_url) and its stylesheet is
	// inlined (see layouts/_base.html).
	p = r.newPage("404", "404.html", r.sentence("title.404", nil), "")
	p.Root = r.site.Config.BaseURL
	r.emit(p)
}

func (r *renderer) home() {
	pg := r.pageByURL("")
	title, desc := r.site.Config.Title, r.site.Config.Description
	if pg != nil {
		title, desc = pg.Title, cmp.Or(pg.Description, desc)
	}
	p := r.newPage("home", "", title, desc)
	if pg != nil {
		p.Source = pg
		p.Content, _ = r.markdown(pg)
	}
	p.Targets = r.targets
	p.Updates = r.updates
	if len(r.updates) > 3 {
		p.Updates = r.updates[:3]
	}
	p.Context = r.site.Context
	r.emit(p)
}

// contentOrigin names a content page as the producer of its output file.
func contentOrigin(pg *model.Page) origin {
	return origin{path: pg.Path, what: "the page " + pg.Path, fix: "rename or move the page"}
}
