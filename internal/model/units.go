package model

import "slices"

// Level is one tier of the administrative hierarchy, e.g. districts.
type Level struct {
	ID     string
	Name   string // plural noun used in sentences, e.g. "huyện, thành phố"
	Parent string // the level above, "" at the top
}

// Unit is one administrative unit.
type Unit struct {
	Code   string
	Name   string // without its type
	Type   string // e.g. "Xã", "Thành phố"
	Level  string
	Parent string // code of the unit above, "" at the top
}

// FullName returns the unit's official name: its type and its name.
func (u *Unit) FullName() string { return u.Type + " " + u.Name }

// Registry is the list of units, with fast lookups.
type Registry struct {
	Source string
	Levels []*Level
	Units  []*Unit // in file order

	byCode   map[string]*Unit
	children map[string][]*Unit
	byLevel  map[string][]*Unit
}

// NewRegistry indexes units. It does not validate them.
func NewRegistry(source string, levels []*Level, units []*Unit) *Registry {
	r := &Registry{
		Source:   source,
		Levels:   levels,
		Units:    units,
		byCode:   make(map[string]*Unit, len(units)),
		children: make(map[string][]*Unit),
		byLevel:  make(map[string][]*Unit),
	}
	for _, u := range units {
		r.byCode[u.Code] = u
		r.byLevel[u.Level] = append(r.byLevel[u.Level], u)
		if u.Parent != "" {
			r.children[u.Parent] = append(r.children[u.Parent], u)
		}
	}
	return r
}

// Unit returns the unit with the given code, or nil.
func (r *Registry) Unit(code string) *Unit { return r.byCode[code] }

// Level returns the level with the given id, or nil.
func (r *Registry) Level(id string) *Level {
	i := slices.IndexFunc(r.Levels, func(l *Level) bool { return l.ID == id })
	if i < 0 {
		return nil
	}
	return r.Levels[i]
}

// AtLevel returns the units of a level, in file order.
func (r *Registry) AtLevel(level string) []*Unit { return r.byLevel[level] }

// Children returns the units directly below code, in file order.
func (r *Registry) Children(code string) []*Unit { return r.children[code] }

// Ancestor returns the unit above u at the given level, u itself if it is at
// that level, or nil.
func (r *Registry) Ancestor(u *Unit, level string) *Unit {
	for u != nil && u.Level != level {
		u = r.byCode[u.Parent]
	}
	return u
}
