package load

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/model"
)

type unitsFile struct {
	Source string
	Levels []unitsLevel
	Units  []unitsUnit
}

type unitsLevel struct {
	ID       string
	Name     text
	Singular text
	Parent   string
}

type unitsUnit struct {
	Code   string
	Name   string
	Type   string
	Level  string
	Parent string
}

const unitsPath = "data/units.toml"

// fill fills uf from the raw file as the decoder would, if the file holds
// only the keys of unitsFile, each with a string (see
// tomlfile.File.DecodeSimple): the registry of a national site has 10,000
// units, and the decoder takes long to read them.
func (uf *unitsFile) fill(raw map[string]any) bool {
	for key, v := range raw {
		switch key {
		case "source":
			s, ok := v.(string)
			if !ok {
				return false
			}
			uf.Source = s
		case "levels":
			tables, ok := v.([]map[string]any)
			if !ok {
				return false
			}
			uf.Levels = make([]unitsLevel, len(tables))
			for i, t := range tables {
				lv := &uf.Levels[i]
				for k, v := range t {
					s, ok := v.(string)
					if !ok {
						return false
					}
					switch k {
					case "id":
						lv.ID = s
					case "name":
						ok = lv.Name.UnmarshalTOML(s) == nil
					case "singular":
						ok = lv.Singular.UnmarshalTOML(s) == nil
					case "parent":
						lv.Parent = s
					default:
						ok = false
					}
					if !ok {
						return false
					}
				}
			}
		case "units":
			tables, ok := v.([]map[string]any)
			if !ok {
				return false
			}
			uf.Units = make([]unitsUnit, len(tables))
			for i, t := range tables {
				u := &uf.Units[i]
				for k, v := range t {
					s, ok := v.(string)
					if !ok {
						return false
					}
					switch k {
					case "code":
						u.Code = s
					case "name":
						u.Name = s
					case "type":
						u.Type = s
					case "level":
						u.Level = s
					case "parent":
						u.Parent = s
					default:
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return true
}

func (l *loader) units() *model.Registry {
	f := l.readTOML(unitsPath, l.errs)
	var uf unitsFile
	if f == nil || !f.decodeSimple(&uf, uf.fill) {
		l.broken.Units = true
		return model.NewRegistry("", nil, nil)
	}
	// Later stages assume at least one level and one unit.
	if len(uf.Levels) == 0 {
		l.errs.Block(unitsPath, 0, 0, "no [[levels]]: define the levels of units, from the top one down, each with id and name")
		l.broken.Units = true
	}
	if len(uf.Units) == 0 {
		l.errs.Block(unitsPath, 0, 0, "no [[units]]: list the units, at least those of the top level")
		l.broken.Units = true
	}
	var levels []*model.Level
	for i, lv := range uf.Levels {
		at := keyPath("levels", i)
		name, singular := l.tr.Resolve(f.File, at+".name", lv.Name), l.tr.ResolveIn(f.File, at+".singular", model.ContextSingular, lv.Singular)
		f.Require(at, map[string]string{"id": lv.ID, "name": name})
		levels = append(levels, &model.Level{
			ID: strings.TrimSpace(lv.ID), Name: name, Parent: strings.TrimSpace(lv.Parent),
			Singular: cmp.Or(strings.TrimSpace(singular), name),
		})
	}
	checkUnique(f, levels, func(l *model.Level) string { return l.ID }, func(i int) string { return keyPath("levels", i, "id") })
	var units []*model.Unit
	for i, u := range uf.Units {
		units = append(units, &model.Unit{
			Where:  model.Place{Locator: f.Locator(), Key: keyPath("units", i)},
			Code:   strings.TrimSpace(u.Code),
			Name:   strings.TrimSpace(u.Name),
			Type:   strings.TrimSpace(u.Type),
			Level:  strings.TrimSpace(u.Level),
			Parent: strings.TrimSpace(u.Parent),
		})
	}
	checkUnique(f, units, func(u *model.Unit) string { return u.Code }, func(i int) string { return keyPath("units", i, "code") })
	// A repeated code is blamed alone: the registry keeps the first unit of
	// each code, so the units below it are not blamed for the repeat.
	r := model.NewRegistry(uf.Source, levels, units)
	for i, lv := range levels {
		switch {
		case lv.Parent != "" && r.Level(lv.Parent) == nil:
			f.At(keyPath("levels", i, "parent"), "unknown level %q: use the id of another level", lv.Parent)
		case lv.Parent != "" && inCycle(r, lv):
			f.At(keyPath("levels", i, "parent"), "level %q is its own ancestor: one level must have no parent", lv.ID)
		}
	}
	for i, u := range units {
		at := keyPath("units", i)
		f.Require(at, map[string]string{"code": u.Code, "name": u.Name, "type": u.Type, "level": u.Level})
		if n := utf8.RuneCountInString(u.FullName()); n > MaxUnitNameLength {
			f.At(at+".name", "the type and name of unit %q are %d characters long: shorten them to at most %d (they name its page)", u.Code, n, MaxUnitNameLength)
		}
		if r.Unit(u.Code) != u {
			continue // a repeated code, reported above
		}
		lv := r.Level(u.Level)
		if lv == nil {
			if u.Level != "" {
				f.At(at+".level", "unknown level %q: use one of %s", u.Level, levelIDs(levels))
			}
			continue
		}
		switch p := r.Unit(u.Parent); {
		case lv.Parent == "" && u.Parent != "":
			f.At(at+".parent", "a unit of the top level %q has no parent: remove parent", lv.ID)
		case lv.Parent != "" && u.Parent == "":
			if plv := r.Level(lv.Parent); plv != nil {
				f.At(at, "missing \"parent\": the code of the %s this unit belongs to", plv.Name)
			}
		case lv.Parent != "" && p == nil:
			f.At(at+".parent", "unknown parent unit %q: no unit has that code", u.Parent)
		case lv.Parent != "" && p.Level != lv.Parent:
			f.At(at+".parent", "parent %q is a %s unit, but a %s unit belongs to a %s unit", u.Parent, p.Level, lv.ID, lv.Parent)
		}
	}
	return r
}

// inCycle reports whether following the parents of lv comes back to it.
func inCycle(r *model.Registry, lv *model.Level) bool {
	p := r.Level(lv.Parent)
	for range r.Levels {
		if p == nil {
			return false
		}
		if p == lv {
			return true
		}
		p = r.Level(p.Parent)
	}
	return p != nil
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
		Name   text
		Lead   bool
		Tasks  []text
		Parts  []struct {
			Name  text
			Tasks []text
		}
	}
}

const agenciesPath = "data/agencies.toml"

func (l *loader) agencies() []*model.Agency {
	if l.absent(agenciesPath) {
		return nil
	}
	f := l.readTOML(agenciesPath, l.errs)
	var af agenciesFile
	if f == nil || !f.decode(&af) {
		l.broken.Agencies = true
		return nil
	}
	var out []*model.Agency
	for i, a := range af.Agencies {
		at := keyPath("agencies", i)
		name := l.tr.Resolve(f.File, at+".name", a.Name)
		f.Require(at, map[string]string{"id": a.ID, "name": name})
		ag := &model.Agency{ID: strings.TrimSpace(a.ID), Number: a.Number, Name: name, Lead: a.Lead, Tasks: l.tr.All(f.File, at+".tasks", a.Tasks), Where: model.Place{Locator: f.Locator(), Key: at}}
		f.checkSlug(keyPath("agencies", i, "id"), ag.ID)
		for j, p := range a.Parts {
			pat := keyPath(at, "parts", j)
			ag.Parts = append(ag.Parts, model.AgencyPart{Name: l.tr.Resolve(f.File, pat+".name", p.Name), Tasks: l.tr.All(f.File, pat+".tasks", p.Tasks)})
		}
		out = append(out, ag)
	}
	checkUnique(f, out, func(a *model.Agency) string { return a.ID }, func(i int) string { return keyPath("agencies", i, "id") })
	return out
}

type contextFile struct {
	Note  text
	Facts []struct {
		Label  text
		Value  string
		AsOf   string `toml:"as_of"`
		Source string
		URL    string
	}
}

const contextPath = "data/context.toml"

func (l *loader) context() model.Context {
	if l.absent(contextPath) {
		return model.Context{}
	}
	f := l.readTOML(contextPath, l.errs)
	var cf contextFile
	if f == nil || !f.decode(&cf) {
		return model.Context{}
	}
	c := model.Context{Note: l.tr.Resolve(f.File, "note", cf.Note)}
	for i, x := range cf.Facts {
		label := l.tr.Resolve(f.File, keyPath("facts", i, "label"), x.Label)
		f.Require(keyPath("facts", i), map[string]string{"label": label, "value": x.Value, "source": x.Source})
		if x.URL != "" && !isWebURL(x.URL) {
			f.At(keyPath("facts", i, "url"), "url must start with http:// or https://")
		}
		c.Facts = append(c.Facts, model.Fact{Label: label, Value: x.Value, AsOf: x.AsOf, Source: x.Source, URL: x.URL})
	}
	return c
}

// absent reports whether the optional file p is missing: the site then has
// none of what it describes. A link to it that cannot be followed is a
// mistake to report, not a reason to leave the file's content out.
func (l *loader) absent(p string) bool {
	if l.ctx.Err() != nil {
		return true // the load is abandoned: read nothing more
	}
	if _, err := fs.Stat(l.fsys, p); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if _, err := fs.Lstat(l.fsys, p); err == nil {
		l.errs.Block(p, 0, 0, "cannot read file: it is a symbolic link to a file that does not exist: fix or remove the link")
	}
	return true
}
