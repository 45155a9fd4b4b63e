package edit

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// Written is a report written as TOML by Encode, with the form key of each
// line, so that a problem found at a line is shown next to its field.
type Written struct {
	Text string
	// Keys holds the form key of each line (Keys[0] is line 1): "published",
	// "records.KIND.I.FIELD", "records.KIND.I" for a table's header,
	// "changes.I.KEY", "assessments.I.KEY", "corrections.I.KEY",
	// "submitted.agencies", "submitted.units"; "" for a line of none.
	Keys []string
}

type writer struct {
	b    strings.Builder
	keys []string
}

func (w *writer) line(key, s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.keys = append(w.keys, key)
}

// Encode writes the values of a report in the canonical layout (see the
// package documentation): header is the first comment block of the file,
// kept; kinds and units are the site's. Every value goes through quote or
// a literal checked to be one; a value that is not the field's type is
// written as text, so that the check says what is wrong with it.
func Encode(v Values, header string, kinds []*model.Kind, units *model.Registry) Written {
	w := &writer{}
	if header != "" {
		for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
			w.line("", l)
		}
		w.line("", "")
	}
	if v.Published != "" {
		w.line("published", "published = "+dateValue(v.Published))
		w.line("", "")
	}
	for _, k := range kinds {
		var keys []string
		types := map[string]model.FieldType{}
		if k.Level != "" {
			keys = append(keys, "unit")
		}
		for _, f := range k.Fields {
			keys = append(keys, f.ID)
			types[f.ID] = f.Type
		}
		for i, r := range v.Records[k.ID] {
			at := "records." + k.ID + "." + strconv.Itoa(i)
			w.table(at, k.ID, r, keys, units, func(key, s string) string {
				switch types[key] {
				case model.Int, model.Number:
					return numberValue(s)
				case model.Date:
					return dateValue(s)
				}
				return tomlfile.Quote(s)
			})
		}
	}
	// Record kinds the site no longer has: written as they were, so that
	// the check names them rather than the save dropping them.
	for _, id := range slices.Sorted(maps.Keys(v.Records)) {
		if slices.ContainsFunc(kinds, func(k *model.Kind) bool { return k.ID == id }) {
			continue
		}
		for i, r := range v.Records[id] {
			w.table("records."+id+"."+strconv.Itoa(i), id, r, nil, units, func(_, s string) string { return tomlfile.Quote(s) })
		}
	}
	for i, r := range v.Changes {
		w.table("changes."+strconv.Itoa(i), "list_changes", r, changeKeys, units, func(key, s string) string {
			if key == "date" {
				return dateValue(s)
			}
			return tomlfile.Quote(s)
		})
	}
	for i, r := range v.Assessments {
		w.table("assessments."+strconv.Itoa(i), "assessments", r, assessmentKeys, units, func(key, s string) string {
			if key == "links" {
				var q []string
				for _, l := range strings.Split(s, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						q = append(q, tomlfile.Quote(l))
					}
				}
				return "[" + strings.Join(q, ", ") + "]"
			}
			return tomlfile.Quote(s)
		})
	}
	for i, r := range v.Corrections {
		w.table("corrections."+strconv.Itoa(i), "corrections", r, correctionKeys, units, func(key, s string) string {
			if key == "date" {
				return dateValue(s)
			}
			return tomlfile.Quote(s)
		})
	}
	if v.Submitted != nil {
		w.line("", "[submitted]")
		w.line("submitted.agencies", "agencies = ["+tomlfile.Strings(v.Submitted.Agencies)+"]")
		w.line("submitted.units", "units = ["+tomlfile.Strings(v.Submitted.Units)+"]")
	}
	// One blank line between sections, none at the end.
	text := strings.TrimRight(w.b.String(), "\n") + "\n"
	return Written{Text: text, Keys: w.keys[:strings.Count(text, "\n")]}
}

// table writes one [[name]] table of the row r: its keys in the order of
// keys, then any other key sorted, so that nothing typed is lost. A key
// present with an empty value is written ("" or []): the loaded file had
// it, since the page deletes the key of an input the user empties. A unit
// code is preceded by the unit's name as a comment.
func (w *writer) table(at, name string, r Row, keys []string, units *model.Registry, value func(key, s string) string) {
	w.line(at, "[["+tomlfile.Key(name)+"]]")
	written := map[string]bool{}
	put := func(k string) {
		s, ok := r[k]
		if !ok || written[k] || s != "" && strings.TrimSpace(s) == "" {
			return
		}
		written[k] = true
		if k == "unit" && units != nil {
			if u := units.Unit(strings.TrimSpace(s)); u != nil {
				w.line(at+".unit", "# "+tomlfile.Comment(u.FullName()))
			}
		}
		w.line(at+"."+k, tomlfile.Key(k)+" = "+value(k, s))
	}
	for _, k := range keys {
		if k == "scores" {
			w.scores(at, r)
			continue
		}
		put(k)
	}
	for _, k := range slices.Sorted(maps.Keys(r)) {
		if !strings.HasPrefix(k, "scores.") {
			put(k)
		}
	}
	w.line("", "")
}

// scores writes the "scores.ID" keys of a list change as one inline
// table, in the order of the ids as numbers where they are ("1.2" before
// "1.10").
func (w *writer) scores(at string, r Row) {
	var ids []string
	for k, s := range r {
		if id, ok := strings.CutPrefix(k, "scores."); ok && strings.TrimSpace(s) != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	slices.SortFunc(ids, compareIDs)
	var parts []string
	for _, id := range ids {
		parts = append(parts, tomlfile.Key(id)+" = "+numberValue(r["scores."+id]))
	}
	w.line(at+".scores", "scores = { "+strings.Join(parts, ", ")+" }")
}

// compareIDs orders ids such as "1.2" and "1.10" part by part, as numbers
// where both parts are.
func compareIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		if errA == nil && errB == nil && na != nb {
			return na - nb
		}
		if c := strings.Compare(pa[i], pb[i]); (errA != nil || errB != nil) && c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}

// numberValue writes s as a TOML integer or float if it is one, else as
// text in quotes.
func numberValue(s string) string {
	t := strings.TrimSpace(s)
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return strconv.FormatInt(n, 10)
	}
	if strings.ContainsAny(t, ".eE") && !strings.ContainsAny(t, "xX_") {
		if f, err := strconv.ParseFloat(t, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			out, _ := number(f)
			return out
		}
	}
	return tomlfile.Quote(s)
}

// dateValue writes s as a TOML local date if it is one, YYYY-MM-DD, else as
// text in quotes.
func dateValue(s string) string {
	t := strings.TrimSpace(s)
	if d, err := time.Parse(time.DateOnly, t); err == nil && len(t) == 10 {
		return d.Format(time.DateOnly)
	}
	return tomlfile.Quote(s)
}
