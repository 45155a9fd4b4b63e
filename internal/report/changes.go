package report

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
)

var changeKeys = []string{"list", "unit", "change", "date", "note", "scores"}

func (f file) listChange(at string, raw map[string]any, m model.Month, s *model.Site, b *Broken) *model.ListChange {
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(changeKeys, key) {
			f.At(keyPath(at, key), "unknown key %q in a list change: use %s", key, strings.Join(changeKeys, ", "))
		}
	}
	c := &model.ListChange{Month: m, Where: model.Place{Locator: f.Locator(), Key: at}}
	id, _ := raw["list"].(string)
	i := slices.IndexFunc(s.Lists, func(l *model.List) bool { return l.ID == id })
	if i < 0 {
		if !b.Lists[id] {
			f.At(at+".list", "unknown list %q: it must be the name of a file data/lists/NAME.toml", id)
		}
		return nil
	}
	c.List = s.Lists[i]
	code, _ := raw["unit"].(string)
	c.Unit = CheckUnit(f.File, at+".unit", code, c.List.Level, s.Units, b.Units)
	change, _ := raw["change"].(string)
	c.Change = model.ChangeType(change)
	if c.Change != model.Added && c.Change != model.Removed {
		f.At(at+".change", "change must be \"added\" (the unit joins the list) or \"removed\" (it loses its place)")
		return nil
	}
	d, ok := raw["date"].(time.Time)
	switch {
	case !ok:
		f.At(at+".date", "missing or wrong date: write date = 2017-06-20, without quotes")
		return nil
	case !m.Contains(d):
		f.At(at+".date", "date %s is not in %s, the month of this report", d.Format("2006-01-02"), m)
	}
	c.Date = d
	c.Note, _ = raw["note"].(string)
	if sc, present := raw["scores"]; present {
		tbl, ok := sc.(map[string]any)
		if !ok {
			f.At(at+".scores", "scores must be a table such as scores = { \"1.1\" = 5 }")
		}
		c.Scores = map[string]float64{}
		for k, v := range tbl {
			switch n := v.(type) {
			case int64:
				c.Scores[k] = float64(n)
			case float64:
				c.Scores[k] = n
			default:
				f.At(keyPath(at, "scores", k), "score %q must be a number", k)
			}
		}
		CheckScores(f.File, at+".scores", c.Scores, c.List.Rubric)
	}
	if c.Unit == nil {
		return nil
	}
	return c
}

func (f file) submitted(r *model.Report, v any, s *model.Site, b *Broken) {
	tbl, ok := v.(map[string]any)
	if !ok {
		f.At("submitted", "submitted must be a table: [submitted] with agencies = [...] and units = [...]")
		return
	}
	for _, key := range sortedKeys(tbl) {
		list, isList := tbl[key].([]any)
		if !isList && key != "agencies" && key != "units" {
			f.At(keyPath("submitted", key), "unknown key %q in [submitted]: use agencies and units", key)
			continue
		}
		if !isList {
			f.At(keyPath("submitted", key), "%s must be a list such as [\"a\", \"b\"]", key)
			continue
		}
		at := keyPath("submitted", key)
		seen := map[string]bool{}
		for _, x := range list {
			id, _ := x.(string)
			id = strings.TrimSpace(id)
			if seen[id] {
				f.AtValue(at, id, "%q is listed twice", id)
				continue
			}
			seen[id] = true
			switch key {
			case "agencies":
				if b.Agencies {
					continue
				}
				if !slices.ContainsFunc(s.Agencies, func(a *model.Agency) bool { return a.ID == id }) {
					f.AtValue(at, id, "unknown agency %q: use an id from %s", id, agenciesPath)
					continue
				}
				r.OnTimeAgencies = append(r.OnTimeAgencies, id)
			case "units":
				if b.Units {
					continue
				}
				u := s.Units.Unit(id)
				if u == nil {
					f.AtValue(at, id, "unknown unit code %q: it is not in %s", id, unitsPath)
					continue
				}
				if lv := s.Units.Level(s.Config.Plan.ReportingLevel); lv != nil && u.Level != lv.ID {
					f.AtValue(at, id, "unit %q (%s) is not one of the %s that report: list units of the reporting level, or set reporting_level in [plan] of %s", id, u.FullName(), lv.Name, configPath)
					continue
				}
				r.OnTimeUnits = append(r.OnTimeUnits, id)
			default:
				f.At(at, "unknown key %q in [submitted]: use agencies and units", key)
			}
		}
	}
}

var assessmentKeys = []string{"target", "status", "note", "links"}

// assessment reads one [[assessments]] table: the reporting body's own
// status for an assessed target.
func (f file) assessment(at string, raw map[string]any, m model.Month, s *model.Site, b *Broken) *model.Assessment {
	ok := true
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(assessmentKeys, key) {
			f.At(keyPath(at, key), "unknown key %q in an assessment: use %s", key, strings.Join(assessmentKeys, ", "))
			ok = false
		}
	}
	a := &model.Assessment{Month: m, Where: model.Place{Locator: f.Locator(), Key: at}}
	id, isString := raw["target"].(string)
	id = strings.TrimSpace(id)
	i := slices.IndexFunc(s.Targets, func(t *model.Target) bool { return t.ID == id })
	switch {
	case raw["target"] == nil:
		f.At(at, "missing \"target\": the id of an assessed target in %s", targetsPath)
		ok = false
	case !isString:
		f.At(at+".target", "target must be a target id in quotes, such as target = \"dang-tai\"")
		ok = false
	case i < 0:
		if !b.Targets {
			f.At(at+".target", "unknown target %q: use the id of a target in %s", id, targetsPath)
		}
		ok = false
	case s.Targets[i].Rule != model.Assessed:
		f.At(at+".target", "target %q has rule %s, so its status is computed from the records: only a target with rule = \"assessed\" takes an assessment", id, s.Targets[i].Rule)
		ok = false
	default:
		a.Target = s.Targets[i]
	}
	st, _ := raw["status"].(string)
	a.Status = strings.TrimSpace(st)
	switch {
	case raw["status"] == nil:
		f.At(at, "missing \"status\": use one of %s", strings.Join(model.AssessmentStatuses, ", "))
		ok = false
	case !slices.Contains(model.AssessmentStatuses, a.Status):
		f.At(at+".status", "unknown status %q: use one of %s", st, strings.Join(model.AssessmentStatuses, ", "))
		ok = false
	}
	if n, present := raw["note"]; present {
		note, isString := n.(string)
		if !isString {
			f.At(at+".note", "note must be text in quotes")
			ok = false
		}
		a.Note = strings.TrimSpace(note)
	}
	if l, present := raw["links"]; present {
		list, isList := l.([]any)
		if !isList {
			f.At(at+".links", "links must be a list of web addresses, such as links = [\"https://example.org/bai-viet\"]")
			ok = false
		}
		for _, x := range list {
			link, _ := x.(string)
			link = strings.TrimSpace(link)
			if !isHTTPS(link) {
				f.AtValue(at+".links", fmt.Sprint(x), "%q is not a web address starting with https://: write each link in full, such as \"https://example.org/bai-viet\"", fmt.Sprint(x))
				ok = false
				continue
			}
			a.Links = append(a.Links, link)
		}
	}
	if !ok {
		return nil
	}
	return a
}

func isHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

var correctionKeys = []string{"month", "date", "what", "why"}

// correction reads one [[corrections]] table of the report of month m.
// Whether its month was released, and whether anything changed, is for
// package release to say: it reads the ledger.
func (f file) correction(at string, raw map[string]any, m model.Month) *model.Correction {
	ok := true
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(correctionKeys, key) {
			f.At(keyPath(at, key), "unknown key %q in a correction: use %s", key, strings.Join(correctionKeys, ", "))
			ok = false
		}
	}
	c := &model.Correction{Where: model.Place{Locator: f.Locator(), Key: at}}
	month, isString := raw["month"].(string)
	switch cm, err := model.ParseMonth(strings.TrimSpace(month)); {
	case raw["month"] == nil:
		f.At(at, "missing \"month\": the released month whose figures change, such as month = \"%s\"", m)
		ok = false
	case !isString || err != nil:
		f.At(at+".month", "month must be a month in quotes, written YYYY-MM, such as month = \"%s\"", m)
		ok = false
	case m.Before(cm):
		f.At(at+".month", "month %s is after %s, the month of this report: a report corrects only months already published", cm, m)
		ok = false
	default:
		c.Month = cm
	}
	d, isDate := raw["date"].(time.Time)
	switch {
	case raw["date"] == nil:
		f.At(at, "missing \"date\": the day the correction is made, such as date = %d-%02d-05, without quotes", m.Next().Year, int(m.Next().Mon))
		ok = false
	case !isDate:
		f.At(at+".date", "date must be a date such as %d-%02d-05, without quotes", m.Next().Year, int(m.Next().Mon))
		ok = false
	default:
		c.Date = d
	}
	for _, key := range []string{"what", "why"} {
		text, isString := raw[key].(string)
		text = strings.TrimSpace(text)
		switch {
		case raw[key] == nil:
			f.At(at, "missing %q: say %s, in the words readers will see", key, map[string]string{"what": "what changed", "why": "why it changed"}[key])
			ok = false
		case !isString:
			f.At(keyPath(at, key), "%s must be text in quotes", key)
			ok = false
		case text == "":
			f.At(keyPath(at, key), "%s is empty: write it between the quotes", key)
			ok = false
		}
		if key == "what" {
			c.What = text
		} else {
			c.Why = text
		}
	}
	if !ok {
		return nil
	}
	return c
}
