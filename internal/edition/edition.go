// Package edition makes the edition of a site in another of its
// languages: a copy of the model with every text readers see translated
// through the site's catalog, and the progress of the default language
// carried over to that copy. It stands between compute and render: package
// render builds the views and pages of each language from its edition,
// with the same code as the default language's.
package edition

import (
	"slices"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
)

// Site returns site s as its pages show it in language lang, one of
// its Config.Languages: a copy of the model whose every text readers see
// is translated through the catalog (model.Site.Tr), whose user-interface texts
// are the language's, whose content pages are the language's (NAME.LANG.md)
// at the paths of the language's edition (routes.For), and whose
// Config.Language is lang. For the default language it returns s itself.
//
// A text with no translation keeps its default-language words between
// format.FallbackOpen and format.FallbackClose, which package render turns
// into an element with the default language's lang attribute; a content
// page with no translation is the default language's page, its Lang left
// the default language's. The model's pointers between its parts (a
// target's kind and list, a report's list changes and assessments) point
// at the copies; units, records and report values are shared, untouched:
// they are not translated.
func Site(s *model.Site, lang string) *model.Site {
	def := s.Config.Language
	if lang == def {
		return s
	}
	tr := func(text string) string {
		t, ok := s.Tr(lang, text)
		if !ok && t != "" {
			return format.FallbackOpen + t + format.FallbackClose
		}
		return t
	}
	trAll := func(texts []string) []string {
		out := make([]string, len(texts))
		for i, t := range texts {
			out[i] = tr(t)
		}
		return out
	}
	orig := func(text string) string {
		if text == "" {
			return text
		}
		return format.FallbackOpen + text + format.FallbackClose
	}
	rt := routes.For(lang, def)
	e := *s
	e.Config.Language = lang
	c := &e.Config
	c.Title, c.Description, c.IllustrativeNote, c.Plan.Title, c.Plan.Document = tr(c.Title), tr(c.Description), tr(c.IllustrativeNote), tr(c.Plan.Title), tr(c.Plan.Document)
	// The plan's identity is never translated: it is the document's.
	c.Plan.Number, c.Plan.Issuer, c.Plan.Signer, c.Plan.SignerTitle = orig(c.Plan.Number), orig(c.Plan.Issuer), orig(c.Plan.Signer), orig(c.Plan.SignerTitle)
	c.Plan.TargetsSection, c.Plan.TasksSection = tr(c.Plan.TargetsSection), tr(c.Plan.TasksSection)
	c.Plan.Basis = slices.Clone(c.Plan.Basis)
	for i, b := range c.Plan.Basis {
		c.Plan.Basis[i] = orig(b)
	}
	c.Menu = slices.Clone(c.Menu)
	for i := range c.Menu {
		c.Menu[i].Label = tr(c.Menu[i].Label)
		c.Menu[i].Path = rt.Page(c.Menu[i].Path)
	}

	reg := *s.Units
	reg.Source = tr(reg.Source)
	reg.Levels = make([]*model.Level, len(s.Units.Levels))
	for i, l := range s.Units.Levels {
		c := *l
		c.Name = tr(l.Name)
		if t, ok := s.TrIn(lang, model.ContextSingular, l.Singular); ok || l.Singular == "" {
			c.Singular = t
		} else {
			c.Singular = format.FallbackOpen + t + format.FallbackClose
		}
		reg.Levels[i] = &c
	}
	e.Units = &reg

	e.Agencies = make([]*model.Agency, len(s.Agencies))
	for i, a := range s.Agencies {
		c := *a
		c.Name, c.Tasks = tr(a.Name), trAll(a.Tasks)
		c.Parts = slices.Clone(a.Parts)
		for j := range c.Parts {
			c.Parts[j].Name, c.Parts[j].Tasks = tr(c.Parts[j].Name), trAll(c.Parts[j].Tasks)
		}
		e.Agencies[i] = &c
	}

	kinds := map[*model.Kind]*model.Kind{}
	e.Kinds = make([]*model.Kind, len(s.Kinds))
	for i, k := range s.Kinds {
		c := *k
		c.Name, c.Short = tr(k.Name), tr(k.Short)
		c.Fields = make([]*model.Field, len(k.Fields))
		for j, f := range k.Fields {
			fc := *f
			fc.Name = tr(f.Name)
			c.Fields[j] = &fc
		}
		e.Kinds[i], kinds[k] = &c, &c
	}

	rubrics := map[*model.Rubric]*model.Rubric{}
	e.Rubrics = make([]*model.Rubric, len(s.Rubrics))
	for i, r := range s.Rubrics {
		c := *r
		c.Name, c.Note, c.Source = tr(r.Name), tr(r.Note), tr(r.Source)
		c.Contents = make([]*model.Content, len(r.Contents))
		for j, ct := range r.Contents {
			cc := *ct
			cc.Name = tr(ct.Name)
			cc.Criteria = make([]*model.Criterion, len(ct.Criteria))
			for k, cr := range ct.Criteria {
				crc := *cr
				crc.Name = tr(cr.Name)
				cc.Criteria[k] = &crc
			}
			c.Contents[j] = &cc
		}
		c.Grades = slices.Clone(r.Grades)
		for j := range c.Grades {
			c.Grades[j].Name = tr(c.Grades[j].Name)
		}
		e.Rubrics[i], rubrics[r] = &c, &c
	}

	lists := map[*model.List]*model.List{}
	e.Lists = make([]*model.List, len(s.Lists))
	for i, l := range s.Lists {
		c := *l
		c.Name, c.Short = tr(l.Name), tr(l.Short)
		if l.Rubric != nil {
			c.Rubric = rubrics[l.Rubric]
		}
		e.Lists[i], lists[l] = &c, &c
	}

	targets := map[*model.Target]*model.Target{}
	e.Targets = make([]*model.Target, len(s.Targets))
	for i, t := range s.Targets {
		c := *t
		c.Name, c.Text, c.Unit = tr(t.Name), tr(t.Text), tr(t.Unit)
		// unit_one is kept apart from unit like a level's singular; with no
		// translation of its own, the unit's (translated or marked) is used.
		if u, ok := s.TrIn(lang, model.ContextSingular, t.UnitOne); ok {
			c.UnitOne = u
		} else {
			c.UnitOne = ""
		}
		if t.Kind != nil {
			c.Kind = kinds[t.Kind]
		}
		if t.List != nil {
			c.List = lists[t.List]
		}
		e.Targets[i], targets[t] = &c, &c
	}

	e.Context.Note = tr(s.Context.Note)
	e.Context.Facts = slices.Clone(s.Context.Facts)
	for i := range e.Context.Facts {
		f := &e.Context.Facts[i]
		f.Label, f.Value, f.AsOf, f.Source = tr(f.Label), tr(f.Value), tr(f.AsOf), tr(f.Source)
	}

	e.Reports = make([]*model.Report, len(s.Reports))
	for i, rep := range s.Reports {
		c := *rep
		c.Changes = make([]*model.ListChange, len(rep.Changes))
		for j, ch := range rep.Changes {
			cc := *ch
			if l, ok := lists[ch.List]; ok {
				cc.List = l
			}
			c.Changes[j] = &cc
		}
		c.Assessments = make([]*model.Assessment, len(rep.Assessments))
		for j, a := range rep.Assessments {
			ac := *a
			if t, ok := targets[a.Target]; ok {
				ac.Target = t
			}
			c.Assessments[j] = &ac
		}
		e.Reports[i] = &c
	}

	if str, ok := s.StringsByLang[lang]; ok {
		e.Strings = str
	}
	e.Pages = make([]*model.Page, len(s.Pages))
	for i, pg := range s.Pages {
		c := *pg
		j := slices.IndexFunc(s.PagesByLang[lang], func(t *model.Page) bool { return t.URL == pg.URL })
		if j >= 0 {
			c = *s.PagesByLang[lang][j]
		} else {
			c.Title = format.FallbackOpen + c.Title + format.FallbackClose
			if c.Description != "" {
				c.Description = format.FallbackOpen + c.Description + format.FallbackClose
			}
		}
		c.URL = rt.Page(pg.URL)
		e.Pages[i] = &c
	}
	return &e
}

// Progress returns p, the progress of site s, as the progress of
// e, the edition of s that Site returned: the same figures and states
// (nothing progress computes depends on the language), pointing at e's
// targets, lists and report parts, with the lists' grades named in e's
// language. It saves computing the progress again for each language.
func Progress(p *progress.Progress, s, e *model.Site) *progress.Progress {
	if s == e {
		return p
	}
	targets := make(map[*model.Target]*model.Target, len(s.Targets))
	for i, t := range s.Targets {
		targets[t] = e.Targets[i]
	}
	lists := make(map[*model.List]*model.List, len(s.Lists))
	for i, l := range s.Lists {
		lists[l] = e.Lists[i]
	}
	changes := map[*model.ListChange]*model.ListChange{}
	assessments := map[*model.Assessment]*model.Assessment{}
	for i, r := range s.Reports {
		for j, c := range r.Changes {
			changes[c] = e.Reports[i].Changes[j]
		}
		for j, a := range r.Assessments {
			assessments[a] = e.Reports[i].Assessments[j]
		}
	}

	out := *p
	out.Results = slices.Clone(p.Results)
	for i, r := range p.Results {
		c := *r
		c.Target = targets[r.Target]
		if r.Changes != nil {
			c.Changes = make([]*model.ListChange, len(r.Changes))
			for j, ch := range r.Changes {
				c.Changes[j] = changes[ch]
			}
		}
		if r.Assessments != nil {
			c.Assessments = make([]*model.Assessment, len(r.Assessments))
			for j, a := range r.Assessments {
				c.Assessments[j] = assessments[a]
			}
		}
		pointMonths(&c, assessments)
		out.Results[i] = &c
	}
	out.Lists = slices.Clone(p.Lists)
	for i, l := range p.Lists {
		c := *l
		c.List = lists[l.List]
		if c.List.Rubric != nil {
			nameGrades(&c)
		}
		out.Lists[i] = &c
	}
	return &out
}

// pointMonths points the months of r that carry an assessment at the
// edition's assessments, copying them (and r.Latest, one of them).
func pointMonths(r *progress.Result, assessments map[*model.Assessment]*model.Assessment) {
	if !slices.ContainsFunc(r.Months, func(m *progress.Month) bool { return m.Assessment != nil }) {
		return
	}
	months := make([]*progress.Month, len(r.Months))
	for i, m := range r.Months {
		if m.Assessment != nil {
			c := *m
			c.Assessment = assessments[m.Assessment]
			m = &c
		}
		if r.Latest == r.Months[i] {
			r.Latest = m
		}
		months[i] = m
	}
	r.Months = months
}

// nameGrades names the grades of the entries of l, a scored list, in
// the language of l.List, the edition's list: a grade is the rubric's
// grade for the entry's total, whose name the edition translates.
func nameGrades(l *progress.ListState) {
	entries := make(map[*progress.Entry]*progress.Entry, len(l.Entries))
	edition := func(e *progress.Entry) *progress.Entry {
		if c, ok := entries[e]; ok {
			return c
		}
		c := e
		if e.Grade != "" {
			g := *e
			g.Grade = l.List.Rubric.Grade(e.Total)
			c = &g
		}
		entries[e] = c
		return c
	}
	l.Entries = slices.Clone(l.Entries)
	for i, e := range l.Entries {
		l.Entries[i] = edition(e)
	}
	if l.Entry != nil {
		byCode := make(map[string]*progress.Entry, len(l.Entry))
		for code, e := range l.Entry {
			byCode[code] = edition(e)
		}
		l.Entry = byCode
	}
	if l.Below != nil {
		below := make(map[string]*progress.Subtotal, len(l.Below))
		for code, sub := range l.Below {
			c := *sub
			c.Entries = make([]*progress.Entry, len(sub.Entries))
			for i, e := range sub.Entries {
				c.Entries[i] = edition(e)
			}
			below[code] = &c
		}
		l.Below = below
	}
}
