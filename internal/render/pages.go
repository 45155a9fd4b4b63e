package render

import (
	"cmp"
	"fmt"
	"html/template"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/outputs"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// pages queues the HTML pages of the site, those that list downloads
// (dataPages) once data is closed.
func (r *renderer) pages(data <-chan struct{}) {
	r.home()
	// The same on every content page: made once.
	registryRows := r.view.RegistryRows()
	for _, pg := range r.site.Pages {
		if pg.URL == r.routes.Home() || pg.Section == routes.UpdatesSection {
			continue
		}
		p := r.newPage(pg.Layout, pg.URL, pg.Title, pg.Description)
		p.Source = pg
		p.from = contentOrigin(pg)
		p.Content, p.TOC = r.markdown(pg)
		if !pg.TOC {
			p.TOC = nil
		}
		r.fallbackContent(p, pg)
		p.Registry, p.RegistryRows = r.site.Units, registryRows
		p.Targets = r.view.Targets
		p.Context = r.site.Context
		r.emit(p)
	}

	p := r.newPage("updates", r.routes.Updates(), r.sentence("title.updates", nil), "")
	p.Updates = r.view.Updates
	r.emit(p)
	for _, u := range r.view.Updates {
		p := r.newPage("update", u.URL, u.Page.Title, u.Page.Description)
		p.Source = u.Page
		p.from = contentOrigin(u.Page)
		p.Content, _ = r.markdown(u.Page)
		r.fallbackContent(p, u.Page)
		p.Update = u
		r.emit(p)
		r.bulletin(u)
	}
	r.contentQueued()

	var top []*view.Unit
	for _, u := range r.site.Units.Units {
		if data != nil {
			select {
			case <-data:
				r.dataPages()
				data = nil
			default:
			}
		}
		p := r.newPage("unit", r.view.UnitURL(u), r.orig(u.FullName()), "")
		p.from = outputs.Origin{Path: "data/units.toml", What: fmt.Sprintf("the page of unit %q", u.Code), Fix: fmt.Sprintf("change the name of unit %q", u.Code), Where: u.Where, Field: "name"}
		if u.Parent == "" {
			// The page of all units lists these views too.
			p.Unit = r.view.Unit(u)
			top = append(top, p.Unit)
		} else {
			p.prepare = func() { p.Unit = r.view.Unit(u) }
		}
		r.emit(p)
	}
	p = r.newPage("units", r.routes.Units(), r.sentence("title.units", map[string]string{"level": format.Capital(r.site.Units.Levels[0].Name)}), "")
	p.Units = top
	p.Registry = r.site.Units
	r.emit(p)

	p = r.newPage("agencies", r.routes.Agencies(), r.sentence("title.agencies", nil), "")
	p.Agencies = r.view.Agencies()
	p.Reporters = r.view.Reporters()
	p.Registry = r.site.Units
	r.emit(p)

	r.releasesPage()
	r.searchPage(top)
	r.embedPages()
	if data != nil {
		<-data
		r.dataPages()
	}

	r.emit(r.newPage("404", r.routes.NotFound(), r.sentence("title.404", nil), ""))
}

// dataPages renders the pages that list downloads, once openData has
// written them: the targets, the lists and the data page.
func (r *renderer) dataPages() {
	p := r.newPage("targets", r.routes.Targets(), r.sentence("title.targets", nil), "")
	p.Targets = r.view.Targets
	p.Summary = r.view.Summary()
	p.Charts = p.Summary.StatusChart != nil || p.Summary.ValueChart != nil
	r.emit(p)
	for _, v := range r.view.Targets {
		p := r.newPage("target", v.URL, v.Target.Name, v.Target.Text)
		p.from = outputs.Origin{Path: "data/targets.toml", What: fmt.Sprintf("the page of target %q", v.Target.ID), Fix: fmt.Sprintf("give target %q another id", v.Target.ID), Where: v.Target.Where, Field: "id"}
		p.Target = v
		p.Charts = v.Chart != nil
		r.emit(p)
	}
	for _, l := range r.view.Lists {
		p := r.newPage("list", l.URL, l.List.Name, "")
		p.from = outputs.Origin{Path: "data/lists/" + l.List.ID + ".toml", What: fmt.Sprintf("the page of list %q", l.List.ID), Fix: "rename the list's file"}
		p.List = l
		p.Charts = l.Chart != nil
		r.emit(p)
	}

	p = r.newPage("data", r.routes.Data(), r.sentence("title.data", nil), "")
	p.Downloads = r.downloads
	p.Columns = r.columns
	p.Dataset = r.dataset(p)
	p.Registry = r.site.Units
	r.emit(p)
}

func (r *renderer) home() {
	pg := r.pageByURL(r.routes.Home())
	title, desc := r.site.Config.Title, r.site.Config.Description
	if pg != nil {
		title, desc = pg.Title, cmp.Or(pg.Description, desc)
	}
	p := r.newPage("home", r.routes.Home(), title, desc)
	if pg != nil {
		p.Source = pg
		p.Content, _ = r.markdown(pg)
		r.fallbackContent(p, pg)
	}
	p.Targets = r.view.Targets
	// Its summary charts load the chart library themselves, once near
	// the screen (layouts/home.html): the page stays light without it.
	p.Summary = r.view.Summary()
	p.Updates = r.view.Updates
	if len(r.view.Updates) > 3 {
		p.Updates = r.view.Updates[:3]
	}
	p.Context = r.site.Context
	p.Releases = r.view.Releases
	r.emit(p)
}

// contentOrigin names a content page as the producer of its output file.
func contentOrigin(pg *model.Page) outputs.Origin {
	return outputs.Origin{Path: pg.Path, What: "the page " + pg.Path, Fix: "rename or move the page"}
}

// fallbackContent marks the content of p, from the content page pg, as
// written in the default language when pg is not in the page's language
// (it has no NAME.LANG.md). The plan's page in another language shows no
// text but says where the official text is; with a translation, it says
// that the translation is not official.
func (r *renderer) fallbackContent(p *page, pg *model.Page) {
	if r.lang == r.defLang {
		return
	}
	if pg.Layout == "plan" {
		for i, a := range r.alternates(p.URL, p.Root) {
			if a.Lang == r.defLang {
				p.Official = &r.alternates(p.URL, p.Root)[i]
			}
		}
		if pg.Lang != r.lang {
			// The plan's title in the page's language, rather than the
			// Vietnamese page's title.
			p.Title, p.Content, p.TOC = r.site.Config.Plan.Title, "", nil
			return
		}
		p.Unofficial = true
		return
	}
	if pg.Lang == r.lang {
		return
	}
	p.Content = template.HTML(`<div lang="`+r.defLang+`">`) + p.Content + "</div>"
	for i := range p.TOC {
		p.TOC[i].Text = format.FallbackOpen + p.TOC[i].Text + format.FallbackClose
	}
}

// orig marks text, a text of the data that is never translated, as the
// default language's on the pages of another language.
func (r *renderer) orig(text string) string {
	if r.lang == r.defLang || text == "" {
		return text
	}
	return format.FallbackOpen + text + format.FallbackClose
}

// bulletin renders the print view of update u: one A4 document of its
// month, beside the update's page.
func (r *renderer) bulletin(u *view.Update) {
	p := r.newPage("bulletin", r.routes.Bulletin(u.Month), r.sentence("bulletin.title", map[string]string{"month": r.f.Month(u.Month)}), u.Page.Description)
	p.Update = u
	p.prepare = func() { p.Bulletin = r.view.Bulletin(u) }
	r.emit(p)
}
