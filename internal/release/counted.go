package release

import (
	"cmp"
	"slices"
	"strings"
)

// counted says which values of a table a month's figures depend on: the
// keys package progress reads, directly or through what package load makes
// of them. Names, texts, their translations, sources and notes are words
// around the figures and are left out, so that renaming a target or
// translating a unit's name changes no hash. A key that package progress
// comes to read must be added here, or a change to it after a release
// would pass unseen; adding one changes the hash of files that write it,
// so it names a new ledger format (TestContentStable).
type counted struct {
	// keys are the keys that count. A key mapped to nil counts with all it
	// holds; one mapped to a counted holds tables of which only what that
	// says counts.
	keys map[string]*counted
	// defaults are the values the loader gives a key left out: a key
	// written with its default value is the same as one left out.
	defaults map[string]any
	// by, if set, is the key that identifies each of an array of these
	// tables: the array is taken in the order of that key, since the order
	// of the tables in the file changes no figure.
	by string
	// what says in words what counts, for the message of a change.
	what string
}

// whole marks a key that counts with all it holds.
var whole *counted

// The figures' part of each kind of data file. A report is not here: all
// of it counts but its [[corrections]].
var (
	countedConfig = &counted{
		what: "the plan period: start, end or reporting_level of [plan]",
		keys: map[string]*counted{"plan": {keys: map[string]*counted{"start": whole, "end": whole, "reporting_level": whole}}},
	}
	countedUnits = &counted{
		what: "a unit's code, level or parent, or a level's id, parent or place in the order of levels",
		keys: map[string]*counted{
			// The order of levels counts: the first is the top one.
			"levels": {keys: map[string]*counted{"id": whole, "parent": whole}},
			"units":  {by: "code", keys: map[string]*counted{"code": whole, "level": whole, "parent": whole}},
		},
	}
	countedRecords = &counted{
		what: "a kind's id or level, or a field's id, type or choices",
		keys: map[string]*counted{"kinds": {by: "id", keys: map[string]*counted{
			"id": whole, "level": whole,
			"fields": {by: "id", defaults: map[string]any{"type": "text"}, keys: map[string]*counted{"id": whole, "type": whole, "choices": whole}},
		}}},
	}
	countedTargets = &counted{
		what: "a target's id, rule, records, where, level, field, numerator, denominator, part_of_whole, min_months, every, list, max_removed, threshold or compare",
		keys: map[string]*counted{"targets": {
			by:       "id",
			defaults: map[string]any{"compare": "at_least", "every": "month", "part_of_whole": false, "max_removed": int64(0)},
			keys: map[string]*counted{
				"id": whole, "rule": whole, "records": whole, "where": whole, "level": whole,
				"field": whole, "numerator": whole, "denominator": whole, "part_of_whole": whole,
				"min_months": whole, "every": whole, "list": whole, "max_removed": whole,
				"threshold": whole, "compare": whole,
			},
		}},
	}
	countedList = &counted{
		what: "the list's level or rubric, or a member's unit, since or scores",
		keys: map[string]*counted{
			"level": whole, "rubric": whole,
			"members": {by: "unit", keys: map[string]*counted{"unit": whole, "since": whole, "scores": whole}},
		},
	}
	countedRubric = &counted{
		what: "a criterion's id or max, a grade's min, or their order",
		keys: map[string]*counted{
			// Criteria are added up in their order, and grades are
			// looked up from the highest down: their order counts.
			"contents": {keys: map[string]*counted{"id": whole, "criteria": {keys: map[string]*counted{"id": whole, "max": whole}}}},
			"grades":   {keys: map[string]*counted{"min": whole}},
		},
	}
)

// countedOf returns what counts of the data file p, or nil for a report.
func countedOf(p string) *counted {
	switch {
	case p == configPath:
		return countedConfig
	case p == unitsPath:
		return countedUnits
	case p == recordsPath:
		return countedRecords
	case p == targetsPath:
		return countedTargets
	case strings.HasPrefix(p, "data/lists/"):
		return countedList
	case strings.HasPrefix(p, "data/rubrics/"):
		return countedRubric
	}
	return nil
}

// keep returns the values of the table t that count.
func (c *counted) keep(t map[string]any) map[string]any {
	out := map[string]any{}
	for k, sub := range c.keys {
		v, ok := t[k]
		if !ok {
			continue
		}
		if d, ok := c.defaults[k]; ok && text(d) == text(v) {
			continue
		}
		if sub != nil {
			v = sub.keepAll(v)
		}
		out[k] = v
	}
	return out
}

// keepAll returns what counts of v, a table or an array of tables.
func (c *counted) keepAll(v any) any {
	var tables []map[string]any
	switch v := v.(type) {
	case map[string]any:
		return c.keep(v)
	case []map[string]any:
		tables = v
	case []any:
		for _, x := range v {
			t, ok := x.(map[string]any)
			if !ok {
				return v // not tables: the loader refuses it
			}
			tables = append(tables, t)
		}
	default:
		return v
	}
	type item struct {
		id   string
		kept map[string]any
	}
	items := make([]item, len(tables))
	for i, t := range tables {
		items[i] = item{kept: c.keep(t)}
		if c.by != "" {
			items[i].id = text(t[c.by])
		}
	}
	if c.by != "" {
		slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.id, b.id) })
	}
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.kept
	}
	return out
}

// text returns the canonical form of v.
func text(v any) string {
	var w strings.Builder
	canonical(&w, v)
	return w.String()
}
