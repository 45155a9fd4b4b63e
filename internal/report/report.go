// Package report reads the monthly reports, data/reports/YYYY-MM.toml,
// into the model, and checks them against the data files and each other.
//
// It is a part of the load stage of the pipeline (load → model → compute →
// render → write): package load reads the site's data files first, then
// gives each report file, parsed by package tomlfile, to Read with the
// site read so far, since a report names the units, kinds, lists, targets
// and agencies of those files. Every problem is recorded with its file,
// line and column; a report with problems in a record keeps the records
// that have none, so that all problems are found in one run.
package report

import (
	"fmt"
	"maps"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The data files a report refers to, as messages name them.
const (
	configPath   = "site.toml"
	unitsPath    = "data/units.toml"
	agenciesPath = "data/agencies.toml"
	kindsPath    = "data/records.toml"
	targetsPath  = "data/targets.toml"
)

// Broken records the data files that could not be read or decoded. What a
// report says about their content is not checked: every unit of a record
// would be "unknown" when data/units.toml has a syntax error, and the one
// problem to fix would drown among them.
type Broken struct {
	Units, Agencies, Kinds bool
	Targets                bool            // data/targets.toml could not be read
	Lists                  map[string]bool // by id
}

// file is a report file being read.
type file struct{ *tomlfile.File }

// Read reads the report of month m from the file f, against the site s as
// read from the data files, recording its problems in f. It returns nil if
// the file cannot be decoded.
func Read(f *tomlfile.File, m model.Month, s *model.Site, b *Broken) *model.Report {
	raw, ok := Decode(f)
	if !ok {
		return nil
	}
	return FromRaw(f, raw, m, s, b)
}

// Decode is the first half of Read, which needs nothing of the site: it
// decodes the report file f and checks its strings, recording its problems
// in f. Package load decodes the reports while it reads the data files.
func Decode(f *tomlfile.File) (map[string]any, bool) { return file{f}.decodeRaw() }

// FromRaw is the second half of Read: the report of month m from raw, what
// Decode gave for the file f.
func FromRaw(f *tomlfile.File, raw map[string]any, m model.Month, s *model.Site, b *Broken) *model.Report {
	return file{f}.report(raw, m, s, b)
}

// decodeRaw decodes the file into a map without checking keys, since a
// report's keys come from the data, and checks its strings.
func (f file) decodeRaw() (map[string]any, bool) {
	return f.DecodeRaw(func(raw map[string]any) bool { return f.CheckText("", "", reflect.ValueOf(raw)) })
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// keyPath is tomlfile.KeyPath, written on almost every line.
func keyPath(parts ...any) string { return tomlfile.KeyPath(parts...) }

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ReservedKeys are the top-level keys of a report that are not record kinds.
var ReservedKeys = []string{"published", "list_changes", "submitted", "assessments", "corrections"}

func (f file) report(raw map[string]any, m model.Month, s *model.Site, b *Broken) *model.Report {
	r := &model.Report{Month: m, Path: f.Path, Records: map[string][]*model.Record{}}
	for _, key := range sortedKeys(raw) {
		v := raw[key]
		switch key {
		case "published":
			t, ok := v.(time.Time)
			switch {
			case !ok:
				f.At(key, "published must be a date such as 2017-04-05, without quotes")
			case model.MonthOf(t).Before(m):
				f.At(key, "published %s is before %s, the month this report covers", t.Format("2006-01-02"), m)
			}
			r.Published = t
		case "list_changes":
			for i, rec := range f.tables(key, v) {
				if c := f.listChange(keyPath(key, i), rec, m, s, b); c != nil {
					r.Changes = append(r.Changes, c)
				}
			}
		case "submitted":
			f.submitted(r, v, s, b)
		case "assessments":
			seen := map[*model.Target]int{}
			for i, raw := range f.tables(key, v) {
				a := f.assessment(keyPath(key, i), raw, m, s, b)
				if a == nil {
					continue
				}
				if j, dup := seen[a.Target]; dup {
					line, _ := f.Find(keyPath(key, j))
					f.At(keyPath(key, i, "target"), "target %q is assessed twice in this report: it is already assessed on line %d", a.Target.ID, line)
					continue
				}
				seen[a.Target] = i
				r.Assessments = append(r.Assessments, a)
			}
		case "corrections":
			for i, raw := range f.tables(key, v) {
				if c := f.correction(keyPath(key, i), raw, m); c != nil {
					c.Report = r
					r.Corrections = append(r.Corrections, c)
				}
			}
		default:
			k := slices.IndexFunc(s.Kinds, func(k *model.Kind) bool { return k.ID == key })
			if k < 0 && b.Kinds {
				continue
			}
			if k < 0 && len(s.Kinds) == 0 {
				f.At(key, "unknown record kind %q: define it in %s, or use %s", key, kindsPath, strings.Join(ReservedKeys, ", "))
				continue
			}
			if k < 0 {
				f.At(key, "unknown record kind %q: use a kind defined in %s (%s) or %s", key, kindsPath, kindIDs(s.Kinds), strings.Join(ReservedKeys, ", "))
				continue
			}
			for i, rec := range f.tables(key, v) {
				if x := f.record(key+"["+strconv.Itoa(i)+"]", rec, s.Kinds[k], m, s, b); x != nil {
					r.Records[key] = append(r.Records[key], x)
				}
			}
		}
	}
	return r
}

func kindIDs(kinds []*model.Kind) string {
	var ids []string
	for _, k := range kinds {
		ids = append(ids, k.ID)
	}
	return strings.Join(ids, ", ")
}

// tables returns v as an array of tables, recording a problem if it is not.
func (f file) tables(key string, v any) []map[string]any {
	ts, ok := v.([]map[string]any)
	if !ok {
		f.At(key, "%q must be written as [[%s]] tables", key, key)
	}
	return ts
}

func (f file) record(at string, raw map[string]any, k *model.Kind, m model.Month, s *model.Site, b *Broken) *model.Record {
	rec := &model.Record{Kind: k, Month: m, Values: map[string]model.Value{}, Where: model.Place{Locator: f.Locator(), Key: at}}
	ok := true
	if k.Level != "" {
		code, _ := raw["unit"].(string)
		if _, isString := raw["unit"].(string); raw["unit"] != nil && !isString {
			f.At(at+".unit", "unit must be a code in quotes, such as unit = \"14320\"")
		}
		if u := knownUnit(code, k.Level, s.Units, b.Units); u != nil {
			rec.Unit = u // the common case, without the key path CheckUnit needs
		} else {
			rec.Unit = CheckUnit(f.File, at+".unit", code, k.Level, s.Units, b.Units)
		}
		ok = rec.Unit != nil
	}
	if !knownFields(raw, k) {
		for _, key := range sortedKeys(raw) {
			if key != "unit" || k.Level == "" {
				if k.Field(key) == nil {
					f.At(keyPath(at, key), "unknown field %q for %s: use one of %s", key, k.ID, fieldIDs(k))
					ok = false
				}
			}
		}
	}
	for _, fd := range k.Fields {
		v, present := raw[fd.ID]
		if !present {
			if fd.Required {
				f.At(at, "missing %q (%s): every %s record needs it", fd.ID, fd.Name, k.ID)
				ok = false
			}
			continue
		}
		val, err := fieldValue(fd, v)
		if err == nil && fd.ID == "date" && !m.Contains(val.Date) {
			err = fmt.Errorf("date %s is not in %s, the month of this report: move the record to the report of its month", val.Text, m)
		}
		if err != nil {
			f.At(keyPath(at, fd.ID), "%s", err)
			ok = false
			continue
		}
		rec.Values[fd.ID] = val
	}
	if !ok {
		return nil
	}
	return rec
}

// knownUnit returns the unit of the code if CheckUnit would find it without
// a problem, or nil.
func knownUnit(code, level string, units *model.Registry, broken bool) *model.Unit {
	code = strings.TrimSpace(code)
	if broken || code == "" {
		return nil
	}
	u := units.Unit(code)
	if u == nil || level != "" && u.Level != level {
		return nil
	}
	return u
}

// knownFields reports whether every key of the raw record is a field of k,
// or its unit.
func knownFields(raw map[string]any, k *model.Kind) bool {
	for key := range raw {
		if (key != "unit" || k.Level == "") && k.Field(key) == nil {
			return false
		}
	}
	return true
}

func fieldIDs(k *model.Kind) string {
	var ids []string
	if k.Level != "" {
		ids = append(ids, "unit")
	}
	for _, f := range k.Fields {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, ", ")
}

// fieldValue converts and checks a raw TOML value for a field.
func fieldValue(fd *model.Field, v any) (model.Value, error) {
	switch fd.Type {
	case model.Int, model.Number:
		var n float64
		switch x := v.(type) {
		case int64:
			n = float64(x)
		case float64:
			if fd.Type == model.Int {
				return model.Value{}, fmt.Errorf("%s must be a whole number, not %v", fd.ID, x)
			}
			n = x
		default:
			return model.Value{}, fmt.Errorf("%s must be a number without quotes, such as %s = 3", fd.ID, fd.ID)
		}
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return model.Value{}, fmt.Errorf("%s must be a finite number", fd.ID)
		}
		if fd.Min != nil && n < *fd.Min {
			return model.Value{}, fmt.Errorf("%s is %v but cannot be below %v", fd.ID, n, *fd.Min)
		}
		return model.Value{Text: strconv.FormatFloat(n, 'f', -1, 64), Number: n}, nil
	case model.Date:
		t, ok := v.(time.Time)
		if !ok {
			return model.Value{}, fmt.Errorf("%s must be a date without quotes, such as %s = 2017-03-15", fd.ID, fd.ID)
		}
		return model.Value{Text: t.Format("2006-01-02"), Date: t}, nil
	}
	s, ok := v.(string)
	if !ok {
		return model.Value{}, fmt.Errorf("%s must be text in quotes", fd.ID)
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "" && fd.Required:
		return model.Value{}, fmt.Errorf("%s is empty: write its value between the quotes", fd.ID)
	case fd.Type == model.URL && s != "" && !isWebURL(s):
		return model.Value{}, fmt.Errorf("%s must be a web address starting with https:// or http://", fd.ID)
	case fd.Type == model.Choice && !slices.Contains(fd.Choices, s):
		return model.Value{}, fmt.Errorf("%s %q is not one of the allowed values: %s", fd.ID, s, tomlfile.QuoteAll(fd.Choices))
	}
	return model.Value{Text: s}, nil
}

// Keys returns the key paths a report may hold besides its record kinds,
// such as "list_changes.unit": the keys it reads without a struct, for the
// check of the README's examples.
func Keys() []string {
	keys := slices.Clone(ReservedKeys)
	for _, k := range changeKeys {
		keys = append(keys, "list_changes."+k)
	}
	keys = append(keys, "submitted.agencies", "submitted.units")
	for _, k := range assessmentKeys {
		keys = append(keys, "assessments."+k)
	}
	for _, k := range correctionKeys {
		keys = append(keys, "corrections."+k)
	}
	return keys
}
