package load

import (
	"fmt"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
)

type unitsFile struct {
	Source string
	Levels []struct {
		ID     string
		Name   string
		Parent string
	}
	Units []struct {
		Code   string
		Name   string
		Type   string
		Level  string
		Parent string
	}
}

const unitsPath = "data/units.toml"

func (l *loader) units() *model.Registry {
	f := readTOML(l.fsys, unitsPath, l.errs, l.cache)
	var uf unitsFile
	if f == nil || !f.decode(&uf) {
		return model.NewRegistry("", nil, nil)
	}
	var levels []*model.Level
	for i, lv := range uf.Levels {
		f.require(keyPath("levels", i), map[string]string{"id": lv.ID, "name": lv.Name})
		levels = append(levels, &model.Level{ID: strings.TrimSpace(lv.ID), Name: lv.Name, Parent: strings.TrimSpace(lv.Parent)})
	}
	checkUnique(f, levels, func(l *model.Level) string { return l.ID }, func(i int) string { return keyPath("levels", i, "id") })
	var units []*model.Unit
	for _, u := range uf.Units {
		units = append(units, &model.Unit{
			Code:   strings.TrimSpace(u.Code),
			Name:   strings.TrimSpace(u.Name),
			Type:   strings.TrimSpace(u.Type),
			Level:  strings.TrimSpace(u.Level),
			Parent: strings.TrimSpace(u.Parent),
		})
	}
	r := model.NewRegistry(uf.Source, levels, units)
	for i, lv := range levels {
		if lv.Parent != "" && r.Level(lv.Parent) == nil {
			f.at(keyPath("levels", i, "parent"), "unknown level %q: use the id of a level defined above", lv.Parent)
		}
	}
	checkUnique(f, units, func(u *model.Unit) string { return u.Code }, func(i int) string { return keyPath("units", i, "code") })
	for i, u := range units {
		at := keyPath("units", i)
		f.require(at, map[string]string{"code": u.Code, "name": u.Name, "type": u.Type, "level": u.Level})
		lv := r.Level(u.Level)
		if lv == nil {
			if u.Level != "" {
				f.at(at+".level", "unknown level %q: use one of %s", u.Level, levelIDs(levels))
			}
			continue
		}
		switch p := r.Unit(u.Parent); {
		case lv.Parent == "" && u.Parent != "":
			f.at(at+".parent", "a unit of the top level %q has no parent: remove parent", lv.ID)
		case lv.Parent != "" && u.Parent == "":
			f.at(at, "missing \"parent\": the code of the %s this unit belongs to", r.Level(lv.Parent).Name)
		case lv.Parent != "" && p == nil:
			f.at(at+".parent", "unknown parent unit %q: no unit has that code", u.Parent)
		case lv.Parent != "" && p.Level != lv.Parent:
			f.at(at+".parent", "parent %q is a %s unit, but a %s unit belongs to a %s unit", u.Parent, p.Level, lv.ID, lv.Parent)
		}
	}
	return r
}

func levelIDs(levels []*model.Level) string {
	var ids []string
	for _, l := range levels {
		ids = append(ids, fmt.Sprintf("%q", l.ID))
	}
	return strings.Join(ids, ", ")
}

type agenciesFile struct {
	Agencies []struct {
		ID     string
		Number int
		Name   string
		Lead   bool
		Tasks  []string
		Parts  []struct {
			Name  string
			Tasks []string
		}
	}
}

const agenciesPath = "data/agencies.toml"

func (l *loader) agencies() []*model.Agency {
	f := readTOML(l.fsys, agenciesPath, l.errs, l.cache)
	var af agenciesFile
	if f == nil || !f.decode(&af) {
		return nil
	}
	var out []*model.Agency
	for i, a := range af.Agencies {
		f.require(keyPath("agencies", i), map[string]string{"id": a.ID, "name": a.Name})
		ag := &model.Agency{ID: strings.TrimSpace(a.ID), Number: a.Number, Name: a.Name, Lead: a.Lead, Tasks: a.Tasks}
		for _, p := range a.Parts {
			ag.Parts = append(ag.Parts, model.AgencyPart{Name: p.Name, Tasks: p.Tasks})
		}
		out = append(out, ag)
	}
	checkUnique(f, out, func(a *model.Agency) string { return a.ID }, func(i int) string { return keyPath("agencies", i, "id") })
	return out
}

type contextFile struct {
	Note  string
	Facts []struct {
		Label  string
		Value  string
		AsOf   string `toml:"as_of"`
		Source string
		URL    string
	}
}

const contextPath = "data/context.toml"

func (l *loader) context() model.Context {
	if !exists(l.fsys, contextPath) {
		return model.Context{}
	}
	f := readTOML(l.fsys, contextPath, l.errs, l.cache)
	var cf contextFile
	if f == nil || !f.decode(&cf) {
		return model.Context{}
	}
	c := model.Context{Note: cf.Note}
	for i, x := range cf.Facts {
		f.require(keyPath("facts", i), map[string]string{"label": x.Label, "value": x.Value, "source": x.Source})
		if x.URL != "" && !isWebURL(x.URL) {
			f.at(keyPath("facts", i, "url"), "url must start with http:// or https://")
		}
		c.Facts = append(c.Facts, model.Fact{Label: x.Label, Value: x.Value, AsOf: x.AsOf, Source: x.Source, URL: x.URL})
	}
	return c
}
