package model

import "slices"

// Level is one tier of the administrative hierarchy, e.g. districts.
type Level struct {
	ID   string
	Name string // its units, counted in sentences and titles, e.g. "huyện, thành phố"
	// Singular is one unit of the level, as in "mỗi …" or the heading of a
	// column of its units: Name unless data/units.toml says otherwise.
	Singular string
	Parent   string // the level above, "" at the top
}

// Unit is one administrative unit.
type Unit struct {
	Code   string
	Name   string // without its type
	Type   string // e.g. "Xã", "Thành phố"
	Level  string
	Parent string // code of the unit above, "" at the top
	Where  Place  // where the unit is listed
}

// FullName returns the unit's official name: its type and its name.
func (u *Unit) FullName() string { return u.Type + " " + u.Name }

// Registry is the list of units, with fast lookups.
type Registry struct {
	Source string
	Levels []*Level // every level after its parent, otherwise in file order
	Units  []*Unit  // every unit after its parent, otherwise in file order

	byCode   map[string]*Unit
	children map[string][]*Unit
	byLevel  map[string][]*Unit
}

// NewRegistry indexes units. It does not validate them, but orders levels
// and units so that each comes after its parent, whatever the order of the
// file: later stages walk them top down. Of units that share a code, only
// the first is kept.
func NewRegistry(source string, levels []*Level, units []*Unit) *Registry {
	r := &Registry{
		Source:   source,
		byCode:   make(map[string]*Unit, len(units)),
		children: make(map[string][]*Unit),
		byLevel:  make(map[string][]*Unit),
	}
	var unique []*Unit
	for _, u := range units {
		if _, dup := r.byCode[u.Code]; dup {
			continue
		}
		r.byCode[u.Code] = u
		unique = append(unique, u)
	}
	r.Units = parentsFirst(unique, func(u *Unit) string { return u.Code }, func(u *Unit) string { return u.Parent })
	r.Levels = parentsFirst(levels, func(l *Level) string { return l.ID }, func(l *Level) string { return l.Parent })
	for _, u := range r.Units {
		r.byLevel[u.Level] = append(r.byLevel[u.Level], u)
		if u.Parent != "" {
			r.children[u.Parent] = append(r.children[u.Parent], u)
		}
	}
	return r
}

// parentsFirst orders items so that each comes after its parent, keeping
// the order of the input otherwise: an item listed before its parent moves
// to just after it. Items in a cycle of parents come last, in input order.
func parentsFirst[T comparable](items []T, id, parent func(T) string) []T {
	known := make(map[string]bool, len(items))
	for _, it := range items {
		known[id(it)] = true
	}
	out := make([]T, 0, len(items))
	emitted := make(map[string]bool, len(items))
	waiting := map[string][]T{} // by the id of the parent not yet emitted
	done := make(map[T]bool, len(items))
	for _, it := range items {
		if p := parent(it); p != "" && known[p] && p != id(it) && !emitted[p] {
			waiting[p] = append(waiting[p], it)
			continue
		}
		// Emit it, then whatever waited for it, without recursion: a long
		// chain of parents cannot exhaust the stack.
		queue := []T{it}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			if done[x] {
				continue
			}
			done[x], emitted[id(x)] = true, true
			out = append(out, x)
			queue = append(queue, waiting[id(x)]...)
			delete(waiting, id(x))
		}
	}
	for _, it := range items {
		if !done[it] {
			out = append(out, it)
		}
	}
	return out
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
