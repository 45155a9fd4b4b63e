package load

import (
	"net/url"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/catalog"
	"github.com/minhbach/minhbach/internal/model"
)

type configFile struct {
	Title            text
	Description      text
	BaseURL          string `toml:"base_url"`
	Language         string
	Languages        []string
	Illustrative     bool
	IllustrativeNote text `toml:"illustrative_note"`
	Plan             struct {
		Document    text
		Number      string
		Title       text
		Date        time.Time
		Issuer      string
		Signer      string
		SignerTitle string `toml:"signer_title"`
		Start       string
		End         string
		Basis       []string
		// Where the plan states its targets and assigns its tasks.
		TargetsSection text `toml:"targets_section"`
		TasksSection   text `toml:"tasks_section"`
		// ReportingLevel is checked against the registry once it is read.
		ReportingLevel string `toml:"reporting_level"`
	}
	Menu []struct {
		Label text
		Path  string
	}
}

const configPath = "site.toml"

// maxMonths bounds the plan period: a typo such as 2107 for 2017 would
// otherwise make every computation run over a century of months.
const maxMonths = 50 * 12

func (l *loader) config() model.Config {
	f := l.readTOML(configPath, l.errs)
	l.configFile = f
	l.tr = catalog.New([]string{"vi"})
	l.tr.Unsure = true // until the languages are read
	if f == nil {
		return model.Config{Language: "vi", Languages: []string{"vi"}}
	}
	var c configFile
	if !f.decode(&c) {
		return model.Config{Language: "vi", Languages: []string{"vi"}}
	}
	_, written := f.Written("languages")
	langs, ok := catalog.Languages(f.File, c.Language, c.Languages, written)
	l.tr = catalog.New(langs)
	l.tr.Unsure = !ok
	title, planTitle := l.tr.Resolve(f.File, "title", c.Title), l.tr.Resolve(f.File, "plan.title", c.Plan.Title)
	f.Require("", map[string]string{"title": title, "base_url": c.BaseURL})
	f.Require("plan", map[string]string{"number": c.Plan.Number, "title": planTitle, "issuer": c.Plan.Issuer})
	cfg := model.Config{
		Title:            strings.TrimSpace(title),
		Description:      strings.TrimSpace(l.tr.Resolve(f.File, "description", c.Description)),
		BaseURL:          strings.TrimSpace(c.BaseURL),
		Language:         langs[0],
		Languages:        langs,
		Illustrative:     c.Illustrative,
		IllustrativeNote: strings.TrimSpace(l.tr.Resolve(f.File, "illustrative_note", c.IllustrativeNote)),
		Plan: model.Plan{
			Document:    strings.TrimSpace(l.tr.Resolve(f.File, "plan.document", c.Plan.Document)),
			Number:      c.Plan.Number,
			Title:       planTitle,
			Date:        c.Plan.Date,
			Issuer:      c.Plan.Issuer,
			Signer:      c.Plan.Signer,
			SignerTitle: c.Plan.SignerTitle,
			Basis:       c.Plan.Basis,

			TargetsSection: strings.TrimSpace(l.tr.Resolve(f.File, "plan.targets_section", c.Plan.TargetsSection)),
			TasksSection:   strings.TrimSpace(l.tr.Resolve(f.File, "plan.tasks_section", c.Plan.TasksSection)),

			ReportingLevel: strings.TrimSpace(c.Plan.ReportingLevel),
		},
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			f.At("base_url", "base_url must be an absolute http or https address such as \"https://example.org/portal/\"")
		case strings.ContainsAny(cfg.BaseURL, "?#"):
			// Page paths are appended to it: a query or fragment would end
			// up in the middle of every address.
			f.At("base_url", "base_url cannot have a query (?…) or a fragment (#…): use an address such as \"https://example.org/portal/\"")
		case !strings.HasSuffix(u.Path, "/"):
			cfg.BaseURL += "/"
		}
	}
	if c.Plan.Date.IsZero() {
		f.At("plan", "missing \"date\": add date = 2017-03-03 (the plan's date, without quotes)")
	}
	var err error
	if cfg.Plan.Start, err = model.ParseMonth(c.Plan.Start); err != nil {
		f.At("plan.start", "plan start: %v", err)
	}
	if cfg.Plan.End, err = model.ParseMonth(c.Plan.End); err != nil {
		f.At("plan.end", "plan end: %v", err)
	}
	switch start, end := cfg.Plan.Start, cfg.Plan.End; {
	case start.IsZero() || end.IsZero():
	case end.Before(start):
		f.At("plan.end", "the plan ends (%s) before it starts (%s)", end, start)
	case (end.Year-start.Year)*12+int(end.Mon-start.Mon) >= maxMonths:
		f.At("plan.end", "the period %s to %s is longer than %d years: check the years", start, end, maxMonths/12)
	}
	for i, m := range c.Menu {
		label := l.tr.Resolve(f.File, keyPath("menu", i, "label"), m.Label)
		if u, err := url.Parse(m.Path); label == "" || err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(m.Path, "/") {
			f.At(keyPath("menu", i), "a menu item needs a label and a path relative to the site root, such as path = \"ke-hoach/\"")
		}
		cfg.Menu = append(cfg.Menu, model.MenuItem{Label: label, Path: m.Path})
	}
	return cfg
}

// reportingLevel checks the plan's reporting level against the registry, or
// sets it to the top level when the plan does not state it.
func (l *loader) reportingLevel(p *model.Plan, units *model.Registry) {
	if l.broken.Units || len(units.Levels) == 0 {
		return
	}
	if p.ReportingLevel == "" {
		p.ReportingLevel = units.Levels[0].ID
		return
	}
	if units.Level(p.ReportingLevel) == nil && l.configFile != nil {
		var ids []string
		for _, lv := range units.Levels {
			ids = append(ids, lv.ID)
		}
		l.configFile.At("plan.reporting_level", "unknown reporting_level %q: use the id of a level of %s (%s)", p.ReportingLevel, unitsPath, strings.Join(ids, ", "))
	}
}
