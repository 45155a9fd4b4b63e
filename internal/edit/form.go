package edit

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/report"
)

// Row is one table of a report as the form holds it: its keys and their
// values as text, as typed. A key that is absent is not written; one that
// is present with an empty value (the file had it so) is. The
// scores of a list change are the keys "scores.ID"; the links of an
// assessment are one key, "links", a line each.
type Row map[string]string

// Values are one month's report as the form holds it.
type Values struct {
	Published   string           `json:"published"`
	Records     map[string][]Row `json:"records"` // by kind id, in file order
	Changes     []Row            `json:"changes"`
	Assessments []Row            `json:"assessments"`
	Corrections []Row            `json:"corrections"`
	// Submitted is nil when the report has no [submitted] table: one is
	// written only when the report had it or it lists someone.
	Submitted *Submitted `json:"submitted"`
}

// Submitted is the [submitted] table of a report: who reported on time.
type Submitted struct {
	Agencies []string `json:"agencies"`
	Units    []string `json:"units"`
}

// The keys of the report's own tables, in the order they are written.
var (
	changeKeys     = []string{"list", "unit", "change", "date", "note", "scores"}
	assessmentKeys = []string{"target", "status", "note", "links"}
	correctionKeys = []string{"month", "date", "what", "why"}
)

// FromRaw turns a report decoded from TOML into the form's values. kinds
// are the site's record kinds. It returns, as problems, what the form
// cannot hold without losing it (a key it does not know, a value of a type
// no field takes): a file with such problems is edited by hand.
func FromRaw(raw map[string]any, kinds []*model.Kind) (Values, []string) {
	v := Values{Records: map[string][]Row{}}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		x := raw[key]
		switch key {
		case "published":
			s, ok := text(x)
			if !ok {
				bad("published holds a value the form cannot show")
			}
			v.Published = s
		case "list_changes":
			v.Changes = rows(key, x, changeKeys, bad)
		case "assessments":
			v.Assessments = rows(key, x, assessmentKeys, bad)
		case "corrections":
			v.Corrections = rows(key, x, correctionKeys, bad)
		case "submitted":
			v.Submitted = submitted(x, bad)
		default:
			i := slices.IndexFunc(kinds, func(k *model.Kind) bool { return k.ID == key })
			if i < 0 {
				bad("%q is not a record kind of data/records.toml, nor one of %s", key, strings.Join(report.ReservedKeys, ", "))
				continue
			}
			keys := []string{}
			if kinds[i].Level != "" {
				keys = append(keys, "unit")
			}
			for _, f := range kinds[i].Fields {
				keys = append(keys, f.ID)
			}
			v.Records[key] = rows(key, x, keys, bad)
		}
	}
	return v, problems
}

// rows turns an array of tables into rows, keeping only the keys given.
func rows(key string, x any, keys []string, bad func(string, ...any)) []Row {
	tables, ok := x.([]map[string]any)
	if !ok {
		bad("%q is not written as [[%s]] tables", key, key)
		return nil
	}
	var out []Row
	for i, t := range tables {
		r := Row{}
		for _, k := range slices.Sorted(maps.Keys(t)) {
			if !slices.Contains(keys, k) {
				bad("%s[%d] has a key the form does not know: %q", key, i, k)
				continue
			}
			switch k {
			case "scores":
				scores, ok := t[k].(map[string]any)
				if !ok {
					bad("%s[%d].scores is not a table of scores", key, i)
					continue
				}
				for id, s := range scores {
					n, ok := number(s)
					if !ok {
						bad("%s[%d].scores.%s is not a number", key, i, id)
						continue
					}
					r["scores."+id] = n
				}
			case "links":
				links, ok := t[k].([]any)
				var ss []string
				for _, l := range links {
					s, isString := l.(string)
					ok = ok && isString && !strings.ContainsAny(s, "\r\n")
					ss = append(ss, s)
				}
				if !ok {
					bad("%s[%d].links is not a list of addresses", key, i)
					continue
				}
				r[k] = strings.Join(ss, "\n")
			default:
				s, ok := text(t[k])
				if !ok {
					bad("%s[%d].%s holds a value the form cannot show", key, i, k)
					continue
				}
				r[k] = s
			}
		}
		out = append(out, r)
	}
	return out
}

func submitted(x any, bad func(string, ...any)) *Submitted {
	t, ok := x.(map[string]any)
	if !ok {
		bad("submitted is not written as a [submitted] table")
		return nil
	}
	sub := &Submitted{Agencies: []string{}, Units: []string{}}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		list, ok := t[k].([]any)
		var ss []string
		for _, e := range list {
			s, isString := e.(string)
			ok = ok && isString
			ss = append(ss, s)
		}
		switch {
		case k != "agencies" && k != "units":
			bad("[submitted] has a key the form does not know: %q", k)
		case !ok:
			bad("submitted.%s is not a list of codes in quotes", k)
		case k == "agencies":
			sub.Agencies = append(sub.Agencies, ss...)
		default:
			sub.Units = append(sub.Units, ss...)
		}
	}
	return sub
}

// text writes a scalar TOML value as the form shows it, and reports whether
// it can: written back, the text gives the same value (see writeValue).
func text(x any) (string, bool) {
	switch x := x.(type) {
	case string:
		return x, true
	case int64, float64:
		return number(x)
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			return "", false
		}
		return x.Format(time.DateOnly), true
	}
	return "", false
}

// number writes a TOML number as text: an integer without a point, a float
// with one, so that it is written back as the same type.
func number(x any) (string, bool) {
	switch x := x.(type) {
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s, true
	}
	return "", false
}
