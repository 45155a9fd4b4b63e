package load

import (
	"fmt"
	"math"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
)

const reportsDir = "data/reports"

// reports reads the monthly reports, several at once: they are independent
// and, at national scale, most of the input.
func (l *loader) reports(s *model.Site) []*model.Report {
	paths := l.files(reportsDir, ".toml")
	reports := make([]*model.Report, len(paths))
	errs := make([]diag.List, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(paths))) {
		wg.Go(func() {
			for i := range next {
				reports[i] = l.report(paths[i], s, &errs[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []*model.Report
	for i, r := range reports {
		for _, e := range errs[i].Errors() {
			l.errs.AddError(e.Path, e)
		}
		if r != nil {
			out = append(out, r)
		}
	}
	l.duplicates(out)
	return out
}

// published splits reports into those with a published date and the
// drafts: a report made by "new month" and not yet filled in must not count
// as a month reported with no records.
func published(reports []*model.Report) (done, drafts []*model.Report) {
	for _, r := range reports {
		if r.Published.IsZero() {
			drafts = append(drafts, r)
		} else {
			done = append(done, r)
		}
	}
	return done, drafts
}

// datePosts gives every update post without a date of its own the published
// date of its month's report, and sets apart the posts whose report is a
// draft. A post with neither date nor report is an error.
func (l *loader) datePosts(pages []*model.Page, reports, drafts []*model.Report) (shown, waiting []*model.Page) {
	for _, pg := range pages {
		if pg.Section != routes.UpdatesSection || !pg.Date.IsZero() {
			shown = append(shown, pg)
			continue
		}
		m, err := model.ParseMonth(baseName(pg.Path))
		if err != nil {
			continue // reported by page
		}
		switch r := reportOf(reports, m); {
		case reportOf(drafts, m) != nil:
			waiting = append(waiting, pg)
		case r != nil:
			pg.Date = r.Published
			shown = append(shown, pg)
		default:
			l.errs.Add(pg.Path, 1, 0, "missing \"date\": an update is dated by the published date of %s/%s.toml, which does not exist: add the report, or date = %d-%02d-05 here", reportsDir, m, m.Next().Year, int(m.Next().Mon))
		}
	}
	return shown, waiting
}

func reportOf(reports []*model.Report, m model.Month) *model.Report {
	i := slices.IndexFunc(reports, func(r *model.Report) bool { return r.Month == m })
	if i < 0 {
		return nil
	}
	return reports[i]
}

// report reads one report file, recording its problems in errs.
func (l *loader) report(p string, s *model.Site, errs *diag.List) *model.Report {
	m, err := model.ParseMonth(baseName(p))
	if err != nil {
		errs.Add(p, 0, 0, "a report file is named by its month, such as data/reports/2017-03.toml")
		return nil
	}
	plan := s.Config.Plan
	if !plan.Start.IsZero() && (m.Before(plan.Start) || plan.End.Before(m)) {
		errs.Add(p, 0, 0, "month %s is outside the plan period %s to %s set in site.toml", m, plan.Start, plan.End)
	}
	f := l.readTOML(p, errs)
	if f == nil {
		return nil
	}
	return f.report(m, s, &l.broken)
}

// duplicates reports records entered twice in one report: the same kind,
// unit and values. (Two months may well hold equal records, such as the same
// count of cases in one district.)
func (l *loader) duplicates(reports []*model.Report) {
	for _, r := range reports {
		seen := map[string]*model.Record{}
		for _, k := range sortedKeys(r.Records) {
			for _, rec := range r.Records[k] {
				key := recordKey(rec)
				if first, ok := seen[key]; ok {
					at := rec.Where.Pos()
					l.errs.Add(at.Path, at.Line, at.Col, "this %s record repeats the one on line %d: remove one of them", k, first.Where.Pos().Line)
					continue
				}
				seen[key] = rec
			}
		}
	}
}

func recordKey(rec *model.Record) string {
	var b strings.Builder
	b.WriteString(rec.Kind.ID)
	if rec.Unit != nil {
		b.WriteString("\x00" + rec.Unit.Code)
	}
	for _, f := range rec.Kind.Fields {
		b.WriteString("\x00" + rec.Values[f.ID].Text)
	}
	return b.String()
}

func (f *tomlFile) report(m model.Month, s *model.Site, b *broken) *model.Report {
	raw, ok := f.decodeRaw()
	if !ok {
		return nil
	}
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
			if k < 0 && b.kinds {
				continue
			}
			if k < 0 && len(s.Kinds) == 0 {
				f.At(key, "unknown record kind %q: define it in %s, or use %s", key, kindsPath, strings.Join(reservedKeys, ", "))
				continue
			}
			if k < 0 {
				f.At(key, "unknown record kind %q: use a kind defined in %s (%s) or %s", key, kindsPath, kindIDs(s.Kinds), strings.Join(reservedKeys, ", "))
				continue
			}
			for i, rec := range f.tables(key, v) {
				if x := f.record(keyPath(key, i), rec, s.Kinds[k], m, s, b); x != nil {
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
func (f *tomlFile) tables(key string, v any) []map[string]any {
	ts, ok := v.([]map[string]any)
	if !ok {
		f.At(key, "%q must be written as [[%s]] tables", key, key)
	}
	return ts
}

func (f *tomlFile) record(at string, raw map[string]any, k *model.Kind, m model.Month, s *model.Site, b *broken) *model.Record {
	rec := &model.Record{Kind: k, Month: m, Values: map[string]model.Value{}, Where: model.Place{Locator: f.Locator(), Key: at}}
	ok := true
	if k.Level != "" {
		code, _ := raw["unit"].(string)
		if _, isString := raw["unit"].(string); raw["unit"] != nil && !isString {
			f.At(at+".unit", "unit must be a code in quotes, such as unit = \"14320\"")
		}
		rec.Unit = checkUnit(f, at+".unit", code, k.Level, s.Units, b.units)
		ok = rec.Unit != nil
	}
	for _, key := range sortedKeys(raw) {
		if key != "unit" || k.Level == "" {
			if k.Field(key) == nil {
				f.At(keyPath(at, key), "unknown field %q for %s: use one of %s", key, k.ID, fieldIDs(k))
				ok = false
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
		return model.Value{}, fmt.Errorf("%s %q is not one of the allowed values: %s", fd.ID, s, quoteAll(fd.Choices))
	}
	return model.Value{Text: s}, nil
}

func quoteAll(ss []string) string {
	var q []string
	for _, s := range ss {
		q = append(q, strconv.Quote(s))
	}
	return strings.Join(q, ", ")
}

var changeKeys = []string{"list", "unit", "change", "date", "note", "scores"}

func (f *tomlFile) listChange(at string, raw map[string]any, m model.Month, s *model.Site, b *broken) *model.ListChange {
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(changeKeys, key) {
			f.At(keyPath(at, key), "unknown key %q in a list change: use %s", key, strings.Join(changeKeys, ", "))
		}
	}
	c := &model.ListChange{Month: m, Where: model.Place{Locator: f.Locator(), Key: at}}
	id, _ := raw["list"].(string)
	i := slices.IndexFunc(s.Lists, func(l *model.List) bool { return l.ID == id })
	if i < 0 {
		if !b.lists[id] {
			f.At(at+".list", "unknown list %q: it must be the name of a file data/lists/NAME.toml", id)
		}
		return nil
	}
	c.List = s.Lists[i]
	code, _ := raw["unit"].(string)
	c.Unit = checkUnit(f, at+".unit", code, c.List.Level, s.Units, b.units)
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
		checkScores(f, at+".scores", c.Scores, c.List.Rubric)
	}
	if c.Unit == nil {
		return nil
	}
	return c
}

func (f *tomlFile) submitted(r *model.Report, v any, s *model.Site, b *broken) {
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
				if b.agencies {
					continue
				}
				if !slices.ContainsFunc(s.Agencies, func(a *model.Agency) bool { return a.ID == id }) {
					f.AtValue(at, id, "unknown agency %q: use an id from %s", id, agenciesPath)
					continue
				}
				r.OnTimeAgencies = append(r.OnTimeAgencies, id)
			case "units":
				if b.units {
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
func (f *tomlFile) assessment(at string, raw map[string]any, m model.Month, s *model.Site, b *broken) *model.Assessment {
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
		if !b.targets {
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
func (f *tomlFile) correction(at string, raw map[string]any, m model.Month) *model.Correction {
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
