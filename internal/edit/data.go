package edit

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/search"
)

// The form's description of a site and a month, sent to the page as JSON:
// the page builds its inputs from it.
type (
	pageData struct {
		Lang     string            `json:"lang"`
		Texts    map[string]string `json:"texts"`
		Month    string            `json:"month"`
		Months   []monthInfo       `json:"months"`
		Kinds    []kindInfo        `json:"kinds"`
		Units    map[string][]unit `json:"units"` // by level
		Levels   map[string]string `json:"levels"`
		Lists    []listInfo        `json:"lists"`
		Assessed []named           `json:"assessed"`
		Statuses []string          `json:"statuses"`
		Agencies []named           `json:"agencies"`
		// Reporting is the level whose units send reports.
		Reporting string `json:"reporting"`

		Values     Values    `json:"values"`
		Hash       string    `json:"hash"`
		Post       string    `json:"post"`
		PostHash   string    `json:"postHash"`
		Released   string    `json:"released"` // the release date, "" if not released
		Problems   []Problem `json:"problems"`
		Locked     []string  `json:"locked"`  // what the form cannot hold: edit by hand
		Dropped    []string  `json:"dropped"` // comments a save drops
		ReportPath string    `json:"reportPath"`
		PostPath   string    `json:"postPath"`
	}
	monthInfo struct {
		Month    string `json:"month"`
		Exists   bool   `json:"exists"`
		Released bool   `json:"released"`
	}
	kindInfo struct {
		ID     string      `json:"id"`
		Name   string      `json:"name"`
		Label  string      `json:"label"` // the short name, for each record's legend
		Level  string      `json:"level"`
		Fields []fieldInfo `json:"fields"`
	}
	fieldInfo struct {
		ID       string   `json:"id"`
		Name     string   `json:"name"`
		Type     string   `json:"type"`
		Required bool     `json:"required"`
		Choices  []string `json:"choices,omitempty"`
		Min      *float64 `json:"min,omitempty"`
	}
	unit struct {
		Code   string `json:"code"`
		Name   string `json:"name"`
		Parent string `json:"parent,omitempty"`
		Fold   string `json:"fold"` // name, parent and code folded, for the search
	}
	listInfo struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Level    string  `json:"level"`
		Criteria []named `json:"criteria"`
	}
	named struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
)

// language returns the language of the editor's texts: English if asked
// and the site has it, or if it is the site's language; else Vietnamese.
func language(s *model.Site, asked string) string {
	if s.Config.Language == "en" || asked == "en" && slices.Contains(s.Config.Languages, "en") {
		return "en"
	}
	return "vi"
}

func (e *Editor) data(w http.ResponseWriter, r *http.Request) {
	status, v := e.withState(r.Context(), func(st *state) (int, any) {
		s := st.site
		lang := language(s, r.URL.Query().Get("lang"))
		tr := func(t string) string {
			if lang == s.Config.Language {
				return t
			}
			out, _ := s.Tr(lang, t)
			return out
		}
		d := pageData{Lang: lang, Texts: texts(lang), Units: map[string][]unit{}, Levels: map[string]string{},
			Statuses: model.AssessmentStatuses, Reporting: s.Config.Plan.ReportingLevel}
		var latest model.Month
		for _, m := range s.Config.Plan.Months() {
			ok := exists(st.fsys, ReportPath(m))
			d.Months = append(d.Months, monthInfo{Month: m.String(), Exists: ok, Released: st.ledger.Entry(m) != nil})
			if ok {
				latest = m
			}
		}
		m, ok := st.month(r.URL.Query().Get("month"))
		if !ok {
			m = cmp.Or(latest, s.Config.Plan.Start)
		}
		d.Month = m.String()
		levels := map[string]bool{s.Config.Plan.ReportingLevel: true}
		for _, k := range s.Kinds {
			ki := kindInfo{ID: k.ID, Name: tr(k.Name), Label: tr(k.Label()), Level: k.Level}
			for _, f := range k.Fields {
				ki.Fields = append(ki.Fields, fieldInfo{ID: f.ID, Name: tr(f.Name), Type: string(f.Type), Required: f.Required, Choices: f.Choices, Min: f.Min})
			}
			d.Kinds = append(d.Kinds, ki)
			levels[k.Level] = true
		}
		for _, l := range s.Lists {
			li := listInfo{ID: l.ID, Name: tr(l.Name), Level: l.Level}
			if l.Rubric != nil {
				for _, c := range l.Rubric.Contents {
					for _, k := range c.Criteria {
						li.Criteria = append(li.Criteria, named{ID: k.ID, Name: tr(k.Name)})
					}
				}
			}
			d.Lists = append(d.Lists, li)
			levels[l.Level] = true
		}
		for _, t := range s.Targets {
			if t.Rule == model.Assessed {
				d.Assessed = append(d.Assessed, named{ID: t.ID, Name: tr(t.Name)})
			}
		}
		for _, a := range s.Agencies {
			d.Agencies = append(d.Agencies, named{ID: a.ID, Name: tr(a.Name)})
		}
		for _, lv := range s.Units.Levels {
			if !levels[lv.ID] {
				continue
			}
			d.Levels[lv.ID] = tr(lv.Singular)
			var us []unit
			for _, u := range s.Units.AtLevel(lv.ID) {
				x := unit{Code: u.Code, Name: u.FullName()}
				if p := s.Units.Unit(u.Parent); p != nil {
					x.Parent = p.FullName()
				}
				x.Fold = search.Fold(strings.Join([]string{x.Name, x.Parent, x.Code}, " "))
				us = append(us, x)
			}
			d.Units[lv.ID] = us
		}

		src, exists, err := readFile(st.fsys, ReportPath(m))
		if err != nil {
			d.Locked = []string{err.Error()}
		}
		post, postExists, _ := readFile(st.fsys, PostPath(m))
		d.Hash, d.PostHash = hash(src, exists), hash(post, postExists)
		d.Post = string(post)
		if !postExists {
			d.Post = "+++\ntitle = \"" + strings.ReplaceAll(d.Texts["postTitle"], "MONTH", m.String()) + "\"\n+++\n"
		}
		d.ReportPath, d.PostPath = ReportPath(m), PostPath(m)
		if e := st.ledger.Entry(m); e != nil {
			d.Released = e.Date.Format("2006-01-02")
		}
		d.Values = Values{Records: map[string][]Row{}}
		if exists {
			dec := st.decode(m, src)
			d.Locked = append(d.Locked, dec.problems...)
			if len(dec.problems) == 0 {
				d.Values = dec.values
				wr, probs := st.check(m, dec.values, dec.header)
				d.Problems = probs
				d.Dropped = Dropped(string(src), wr.Text)
			}
		}
		d.Problems, d.Locked, d.Dropped = nonNil(d.Problems), nonNil(d.Locked), nonNil(d.Dropped)
		return http.StatusOK, d
	})
	writeJSON(w, status, v)
}

// page serves the editor's page: the form is built by edit.js from data.
func (e *Editor) page(w http.ResponseWriter, r *http.Request) {
	lang, other := "vi", ""
	if fsys, closeSite, err := e.open(); err == nil {
		if st, err := readState(r.Context(), fsys); err == nil {
			lang = language(st.site, r.URL.Query().Get("lang"))
			langs := st.site.Config.Languages
			switch {
			case lang == "vi" && slices.Contains(langs, "en"):
				other = "en"
			case lang == "en" && slices.Contains(langs, "vi"):
				other = "vi"
			}
		}
		closeSite()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTmpl.Execute(w, map[string]any{"Lang": lang, "Other": other, "Token": e.token, "T": texts(lang)})
}
