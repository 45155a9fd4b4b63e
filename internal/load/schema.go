package load

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/report"
)

type kindsFile struct {
	Kinds []struct {
		ID     string
		Name   text
		Short  text
		Level  string
		Fields []struct {
			ID       string
			Name     text
			Type     string
			Required bool
			Choices  []string
			Min      *float64
		}
	}
}

const kindsPath = "data/records.toml"

var fieldTypes = []model.FieldType{model.Text, model.Int, model.Number, model.Date, model.URL, model.Choice}

func (l *loader) kinds(units *model.Registry) []*model.Kind {
	if l.absent(kindsPath) {
		return nil // a plan measured by lists alone
	}
	f := l.readTOML(kindsPath, l.errs)
	var kf kindsFile
	if f == nil || !f.decode(&kf) {
		l.broken.Kinds = true
		return nil
	}
	var out []*model.Kind
	for i, k := range kf.Kinds {
		at := keyPath("kinds", i)
		name := l.tr.Resolve(f.File, at+".name", k.Name)
		f.Require(at, map[string]string{"id": k.ID, "name": name})
		kind := &model.Kind{ID: strings.TrimSpace(k.ID), Name: name, Short: l.tr.Resolve(f.File, at+".short", k.Short), Level: strings.TrimSpace(k.Level), Where: model.Place{Locator: f.Locator(), Key: at}}
		f.checkSlug(at+".id", kind.ID)
		if slices.Contains(report.ReservedKeys, kind.ID) || kind.ID == "unit" {
			f.At(at+".id", "%q is a reserved name in reports: choose another id", kind.ID)
		}
		if kind.Level != "" && units.Level(kind.Level) == nil && !l.broken.Units {
			f.At(at+".level", "unknown level %q: use one of %s", kind.Level, levelIDs(units.Levels))
		}
		for j, fd := range k.Fields {
			fat := keyPath("kinds", i, "fields", j)
			fname := l.tr.Resolve(f.File, fat+".name", fd.Name)
			f.Require(fat, map[string]string{"id": fd.ID, "name": fname})
			field := &model.Field{ID: strings.TrimSpace(fd.ID), Name: fname, Type: model.FieldType(cmp.Or(fd.Type, "text")), Required: fd.Required, Choices: fd.Choices, Min: fd.Min}
			if !slices.Contains(fieldTypes, field.Type) {
				f.At(fat+".type", "unknown field type %q: use text, int, number, date, url or choice", fd.Type)
			}
			if field.Type == model.Choice && len(field.Choices) == 0 {
				f.At(fat, "a choice field needs choices = [\"…\", \"…\"]")
			}
			if field.ID == "unit" {
				f.At(fat+".id", "\"unit\" is set by the kind's level: remove this field")
			}
			if field.ID == "date" && field.Type != model.Date {
				f.At(fat+".type", "a field named \"date\" must have type = \"date\"")
			}
			kind.Fields = append(kind.Fields, field)
		}
		checkUnique(f, kind.Fields, func(x *model.Field) string { return x.ID }, func(j int) string { return keyPath("kinds", i, "fields", j, "id") })
		out = append(out, kind)
	}
	checkUnique(f, out, func(k *model.Kind) string { return k.ID }, func(i int) string { return keyPath("kinds", i, "id") })
	return out
}

type targetsFile struct {
	Targets []struct {
		ID          string
		Number      int
		Name        text
		Text        text
		Source      string
		Rule        string
		Records     string
		Level       string
		Threshold   *float64
		Compare     string
		Unit        text
		UnitOne     text `toml:"unit_one"`
		Field       string
		Numerator   string
		Denominator string
		PartOfWhole bool `toml:"part_of_whole"`
		MinMonths   *int `toml:"min_months"`
		Every       string
		List        string
		MaxRemoved  int `toml:"max_removed"`
		Where       map[string]any
	}
}

const targetsPath = "data/targets.toml"

func (l *loader) targets(units *model.Registry, kinds []*model.Kind, lists []*model.List) []*model.Target {
	f := l.readTOML(targetsPath, l.errs)
	var tf targetsFile
	if f == nil || !f.decode(&tf) {
		l.broken.Targets = true
		return nil
	}
	var out []*model.Target
	for i, t := range tf.Targets {
		at := keyPath("targets", i)
		name, txt, unit := l.tr.Resolve(f.File, at+".name", t.Name), l.tr.Resolve(f.File, at+".text", t.Text), l.tr.Resolve(f.File, at+".unit", t.Unit)
		required := map[string]string{"id": t.ID, "name": name, "rule": t.Rule, "unit": unit}
		if model.Rule(t.Rule) == model.Assessed {
			delete(required, "unit") // nothing is counted
		}
		f.Require(at, required)
		unitOne := l.tr.ResolveIn(f.File, at+".unit_one", model.ContextSingular, t.UnitOne)
		tg := &model.Target{
			ID: strings.TrimSpace(t.ID), Number: t.Number, Name: name, Text: txt, Source: t.Source,
			Rule: model.Rule(t.Rule), Level: t.Level, Unit: unit, UnitOne: unitOne, Compare: model.Compare(cmp.Or(t.Compare, string(model.AtLeast))),
			Field: strings.TrimSpace(t.Field), Numerator: t.Numerator, Denominator: t.Denominator, PartOfWhole: t.PartOfWhole, MaxRemoved: t.MaxRemoved,
			Where: model.Place{Locator: f.Locator(), Key: at},
		}
		out = append(out, tg)
		f.checkSlug(at+".id", tg.ID)
		if u, err := url.Parse(t.Source); err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(t.Source, "/") {
			f.At(at+".source", "source must be a path of this site, such as \"ke-hoach/#2-chi-tieu\"")
		}
		switch {
		case model.Rule(t.Rule) == model.Assessed:
			// no threshold: checkRuleKeys reports one written
		case t.Threshold == nil:
			f.At(at, "missing \"threshold\": the value the target must reach, such as threshold = 75")
		default:
			tg.Threshold = *t.Threshold
			// A ratio whose numerator is not part of its denominator may
			// exceed 100%, and so may its threshold.
			whole := tg.Rule == model.Share || tg.Rule == model.Ratio && tg.PartOfWhole
			if tg.Threshold < 0 || whole && tg.Threshold > 100 {
				f.At(at+".threshold", "threshold %v is out of range: use a value from 0 to 100 for a percentage", tg.Threshold)
			}
		}
		if !slices.Contains(model.Compares, tg.Compare) {
			f.At(at+".compare", "unknown compare %q: use at_least, more_than, at_most or less_than", t.Compare)
		}
		if t.Rule != "" && !slices.Contains(model.Rules, tg.Rule) {
			f.At(at+".rule", "unknown rule %q: use share, periodic, monthly, count, sum, ratio, membership or assessed", t.Rule)
			continue
		}
		checkRuleKeys(f, at, tg.Rule)
		if tg.IsPeriodic() {
			tg.Every = model.Every(cmp.Or(t.Every, string(model.EveryMonth)))
			if tg.Rule == model.Monthly {
				tg.Every = model.EveryMonth // every is not used by monthly
			}
			if !slices.Contains(model.Everys, tg.Every) {
				f.At(at+".every", "unknown every %q: use month, quarter or year", t.Every)
			}
		}
		if tg.Rule == model.Assessed {
			continue // the reports assess it
		}
		if tg.Rule == model.Membership {
			i := slices.IndexFunc(lists, func(x *model.List) bool { return x.ID == t.List })
			switch {
			case i < 0 && l.broken.Lists[t.List]:
			case i < 0:
				f.At(at+".list", "unknown list %q: it must be the name of a file data/lists/NAME.toml", t.List)
			default:
				tg.List = lists[i]
			}
			if t.MaxRemoved < 0 {
				f.At(at+".max_removed", "max_removed cannot be negative")
			}
			continue
		}
		k := slices.IndexFunc(kinds, func(x *model.Kind) bool { return x.ID == t.Records })
		if k < 0 {
			if !l.broken.Kinds {
				f.At(at+".records", "unknown record kind %q: use the id of a kind in %s", t.Records, kindsPath)
			}
			continue
		}
		tg.Kind = kinds[k]
		tg.Filter = whereFilter(f, at+".where", t.Where, tg.Kind)
		switch tg.Rule {
		case model.Share:
			tg.Level = cmp.Or(t.Level, tg.Kind.Level)
			if t.MinMonths != nil {
				tg.MinMonths = *t.MinMonths
				if tg.MinMonths < 1 {
					f.At(at+".min_months", "min_months %d is out of range: use 1 or more, the months in which a unit must have records to count", tg.MinMonths)
				}
			}
			switch {
			case units.Level(tg.Level) == nil && !l.broken.Units:
				f.At(at+".level", "a share target needs the level of the units it counts: use one of %s", levelIDs(units.Levels))
			case tg.Kind.Level == "":
				f.At(at+".records", "kind %q has no level, so its records name no unit to count", tg.Kind.ID)
			}
		case model.Sum:
			fd := tg.Kind.Field(tg.Field)
			switch {
			case tg.Field == "":
				f.At(at, "missing \"field\": the int or number field of kind %q to add up, such as field = \"so_nguoi\"", tg.Kind.ID)
			case fd == nil:
				f.At(at+".field", "unknown field %q: kind %q has no such field", tg.Field, tg.Kind.ID)
			case fd.Type != model.Int && fd.Type != model.Number:
				f.At(at+".field", "field %q of kind %q is %s, not a number: a sum needs an int or number field", tg.Field, tg.Kind.ID, fd.Type)
			}
		case model.Ratio:
			for key, id := range map[string]string{"numerator": t.Numerator, "denominator": t.Denominator} {
				fd := tg.Kind.Field(id)
				if fd == nil || (fd.Type != model.Int && fd.Type != model.Number) {
					f.At(at+"."+key, "%s %q must be an int or number field of kind %q", key, id, tg.Kind.ID)
				}
			}
		}
	}
	checkUnique(f, out, func(t *model.Target) string { return t.ID }, func(i int) string { return keyPath("targets", i, "id") })
	return out
}

// ruleKeys are the keys of a target that only some rules use, with those
// rules.
var ruleKeys = []struct {
	key   string
	rules []model.Rule
}{
	{"records", []model.Rule{model.Share, model.Monthly, model.Periodic, model.Count, model.Sum, model.Ratio}},
	{"where", []model.Rule{model.Share, model.Monthly, model.Periodic, model.Count, model.Sum, model.Ratio}},
	{"every", []model.Rule{model.Periodic}},
	{"level", []model.Rule{model.Share}},
	{"field", []model.Rule{model.Sum}},
	{"numerator", []model.Rule{model.Ratio}},
	{"denominator", []model.Rule{model.Ratio}},
	{"part_of_whole", []model.Rule{model.Ratio}},
	{"min_months", []model.Rule{model.Share}},
	{"list", []model.Rule{model.Membership}},
	{"max_removed", []model.Rule{model.Membership}},
	{"threshold", notAssessed},
	{"compare", notAssessed},
}

// notAssessed are the rules that compare a value with a threshold.
var notAssessed = []model.Rule{model.Share, model.Monthly, model.Periodic, model.Count, model.Sum, model.Ratio, model.Membership}

// checkRuleKeys records a problem for every key of the target at that its
// rule does not use: a key that is silently ignored misleads the editor
// into thinking it counts.
func checkRuleKeys(f *tomlFile, at string, rule model.Rule) {
	if rule == "" {
		return
	}
	for _, k := range ruleKeys {
		if slices.Contains(k.rules, rule) {
			continue
		}
		if written, ok := f.Written(keyPath(at, k.key)); ok {
			f.At(written, "%q is not used by rule %s: remove it", k.key, rule)
		}
	}
}

// whereFilter checks a target's where table against the fields of kind k
// and returns its conditions, in key order.
func whereFilter(f *tomlFile, at string, where map[string]any, k *model.Kind) []model.Condition {
	var out []model.Condition
	for _, id := range sortedKeys(where) {
		key := keyPath(at, id)
		fd := k.Field(id)
		if fd == nil {
			f.At(key, "unknown field %q in where: kind %q has no such field", id, k.ID)
			continue
		}
		var raw []any
		switch v := where[id].(type) {
		case []any:
			raw = v
		default:
			raw = []any{v}
		}
		if len(raw) == 0 {
			f.At(key, "where.%s lists no value: give one value or a list of values", id)
			continue
		}
		c := model.Condition{Field: id}
		for _, v := range raw {
			text, ok := whereText(v)
			switch {
			case !ok:
				f.At(key, "where.%s must be text, a number, a date or a list of them: the values of field %q to keep", id, id)
			case fd.Type == model.Choice && !slices.Contains(fd.Choices, text):
				f.AtValue(key, text, "%q is not one of the choices of field %q: use one of %s", text, id, strings.Join(fd.Choices, ", "))
			case fd.Type == model.Int || fd.Type == model.Number:
				n, err := strconv.ParseFloat(text, 64)
				if err != nil {
					f.AtValue(key, text, "%q is not a number, but field %q is", text, id)
					continue
				}
				c.Values = append(c.Values, strconv.FormatFloat(n, 'f', -1, 64))
			default:
				c.Values = append(c.Values, text)
			}
		}
		out = append(out, c)
	}
	return out
}

// whereText writes a value of a where table as model.Value.Text writes the
// record's value, so that the two compare as strings.
func whereText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case time.Time:
		return v.Format("2006-01-02"), true
	}
	return "", false
}

type listFile struct {
	Name    text
	Short   text
	Level   string
	Rubric  string
	Members []struct {
		Unit   string
		Since  time.Time
		Scores map[string]float64
	}
}

func (l *loader) lists(units *model.Registry, rubrics []*model.Rubric) []*model.List {
	var out []*model.List
	for _, p := range l.files("data/lists", ".toml") {
		if !isSlug(baseName(p)) {
			l.errs.Add(p, 0, 0, "the file name %q %s", baseName(p), slugRule)
		}
		f := l.readTOML(p, l.errs)
		var lf listFile
		if f == nil || !f.decode(&lf) {
			l.broken.Lists[baseName(p)] = true
			continue
		}
		name := l.tr.Resolve(f.File, "name", lf.Name)
		f.Require("", map[string]string{"name": name, "level": lf.Level})
		list := &model.List{ID: baseName(p), Name: name, Short: l.tr.Resolve(f.File, "short", lf.Short), Level: lf.Level}
		if lf.Level != "" && units.Level(lf.Level) == nil && !l.broken.Units {
			f.At("level", "unknown level %q: use one of %s", lf.Level, levelIDs(units.Levels))
		}
		if lf.Rubric != "" {
			i := slices.IndexFunc(rubrics, func(r *model.Rubric) bool { return r.ID == lf.Rubric })
			switch {
			case i < 0 && l.broken.rubrics[lf.Rubric]:
			case i < 0:
				f.At("rubric", "unknown rubric %q: it must be the name of a file data/rubrics/NAME.toml", lf.Rubric)
			default:
				list.Rubric = rubrics[i]
			}
		}
		seen := map[string]int{}
		for i, m := range lf.Members {
			at := keyPath("members", i)
			u := report.CheckUnit(f.File, at+".unit", m.Unit, list.Level, units, l.broken.Units)
			if j, dup := seen[strings.TrimSpace(m.Unit)]; dup {
				line, _ := f.Find(keyPath("members", j))
				f.At(at+".unit", "unit %q is listed twice: it is already a member on line %d", m.Unit, line)
			}
			seen[strings.TrimSpace(m.Unit)] = i
			report.CheckScores(f.File, at+".scores", m.Scores, list.Rubric)
			if u != nil {
				line, col := f.Find(at + ".since")
				list.Members = append(list.Members, &model.Member{Unit: u, Since: m.Since, Scores: m.Scores, Pos: model.Pos{Path: p, Line: line, Col: col}})
			}
		}
		out = append(out, list)
	}
	return out
}

type rubricFile struct {
	Name         text
	Source       string
	Illustrative bool
	Note         text
	Contents     []struct {
		ID       string
		Name     text
		Criteria []struct {
			ID   string
			Name text
			Max  float64
		}
	}
	Grades []struct {
		Name text
		Min  float64
	}
}

func (l *loader) rubrics() []*model.Rubric {
	var out []*model.Rubric
	for _, p := range l.files("data/rubrics", ".toml") {
		if !isSlug(baseName(p)) {
			l.errs.Add(p, 0, 0, "the file name %q %s", baseName(p), slugRule)
		}
		f := l.readTOML(p, l.errs)
		var rf rubricFile
		if f == nil || !f.decode(&rf) {
			l.broken.rubrics[baseName(p)] = true
			continue
		}
		name := l.tr.Resolve(f.File, "name", rf.Name)
		f.Require("", map[string]string{"name": name})
		r := &model.Rubric{ID: baseName(p), Name: name, Source: rf.Source, Illustrative: rf.Illustrative, Note: l.tr.Resolve(f.File, "note", rf.Note)}
		ids := map[string]bool{}
		for i, c := range rf.Contents {
			content := &model.Content{ID: c.ID, Name: l.tr.Resolve(f.File, keyPath("contents", i, "name"), c.Name)}
			for j, k := range c.Criteria {
				at := keyPath("contents", i, "criteria", j)
				if ids[k.ID] {
					f.At(at+".id", "duplicate criterion id %q", k.ID)
				}
				ids[k.ID] = true
				if k.Max <= 0 {
					f.At(at, "criterion %q needs max points above 0: add max = 5", k.ID)
				}
				content.Criteria = append(content.Criteria, &model.Criterion{ID: k.ID, Name: l.tr.Resolve(f.File, at+".name", k.Name), Max: k.Max})
			}
			r.Contents = append(r.Contents, content)
		}
		for i, g := range rf.Grades {
			if i > 0 && g.Min >= rf.Grades[i-1].Min {
				f.At(keyPath("grades", i, "min"), "grades go from the highest min down: %v is not below %v", g.Min, rf.Grades[i-1].Min)
			}
			r.Grades = append(r.Grades, model.Grade{Name: l.tr.Resolve(f.File, keyPath("grades", i, "name"), g.Name), Min: g.Min})
		}
		out = append(out, r)
	}
	return out
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
