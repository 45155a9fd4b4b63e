package edit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/report"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

const (
	reportsDir = "data/reports"
	maxFile    = 64 << 20 // a report or post larger than this is not read
)

// ReportPath returns the path of month m's report, relative to the site.
func ReportPath(m model.Month) string { return reportsDir + "/" + m.String() + ".toml" }

// PostPath returns the path of month m's update post, relative to the site.
func PostPath(m model.Month) string {
	return "content/" + routes.UpdatesSection + "/" + m.String() + ".md"
}

// state is what the editor reads of a site: its data model without the
// reports, so that a broken report can still be edited, and its ledger.
type state struct {
	site   *model.Site
	ledger *release.Ledger
	fsys   fs.FS
}

// readState reads the site in fsys without its reports.
func readState(ctx context.Context, fsys fs.FS) (*state, error) {
	s, err := load.SiteCached(ctx, patched{base: fsys, hide: []string{reportsDir, "content/" + routes.UpdatesSection}}, nil)
	if err != nil {
		return nil, err
	}
	l, err := release.Read(fsys)
	if err != nil {
		return nil, err
	}
	return &state{site: s, ledger: l, fsys: fsys}, nil
}

// month returns the month of the plan period written s, or false.
func (st *state) month(s string) (model.Month, bool) {
	m, err := model.ParseMonth(s)
	if err != nil {
		return model.Month{}, false
	}
	for _, pm := range st.site.Config.Plan.Months() {
		if pm == m {
			return m, true
		}
	}
	return model.Month{}, false
}

// readFile reads a file of the site, and whether it exists.
func readFile(fsys fs.FS, name string) ([]byte, bool, error) {
	f, _, err := load.OpenRegular(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err == nil && len(b) > maxFile {
		err = errors.New(name + " is too large for the editor")
	}
	return b, true, err
}

// exists reports whether name is a regular file of the site, as readFile
// would find it, without reading it.
func exists(fsys fs.FS, name string) bool {
	f, _, err := load.OpenRegular(fsys, name)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// hash returns the hash of a file's content as the form carries it; "" for
// a file that does not exist.
func hash(b []byte, exists bool) string {
	if !exists {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// decoded is a report file read into the form.
type decoded struct {
	values   Values
	header   string
	problems []string // what the form cannot hold: edit by hand
}

// decode reads the report src of month m into the form's values.
func (st *state) decode(m model.Month, src []byte) decoded {
	var errs diag.List
	f := tomlfile.Parse(ReportPath(m), src, &errs, nil)
	var raw map[string]any
	if f != nil {
		raw, _ = report.Decode(f)
	}
	if raw == nil {
		var problems []string
		for _, e := range errs.Errors() {
			problems = append(problems, e.Error())
		}
		if len(problems) == 0 {
			problems = []string{ReportPath(m) + ": the file cannot be read as TOML"}
		}
		return decoded{problems: problems}
	}
	v, problems := FromRaw(raw, st.site.Kinds)
	return decoded{values: v, header: Header(string(src)), problems: problems}
}

// Problem is a problem of a report as the form shows it: next to the field
// of Key (see Written.Keys), or above the form when Key is "".
type Problem struct {
	Key     string `json:"key"`
	Msg     string `json:"msg"`
	Warning bool   `json:"warning,omitempty"`
}

// check writes v as month m's report and checks it as check would check
// that file alone: its problems, by field.
func (st *state) check(m model.Month, v Values, header string) (Written, []Problem) {
	w := Encode(v, header, st.site.Kinds, st.site.Units)
	var errs diag.List
	p := ReportPath(m)
	if f := tomlfile.Parse(p, []byte(w.Text), &errs, nil); f != nil {
		report.Read(f, m, st.site, &report.Broken{})
	}
	return w, problems(errs.Errors(), map[string]Written{p: w})
}

// problems places errors of the files written at their fields.
func problems(errs []*diag.Error, files map[string]Written) []Problem {
	var out []Problem
	for _, e := range errs {
		p := Problem{Msg: e.Msg, Warning: e.Warning}
		if w, ok := files[e.Path]; ok && e.Line > 0 && e.Line <= len(w.Keys) {
			p.Key = w.Keys[e.Line-1]
			// A missing field is reported at its table: show it at the
			// field.
			if id, ok := strings.CutPrefix(e.Msg, `missing "`); ok && strings.Count(p.Key, ".") == 2 {
				if id, _, ok := strings.Cut(id, `"`); ok {
					p.Key += "." + id
				}
			}
		} else if !ok {
			p.Msg = e.Error()
		}
		out = append(out, p)
	}
	return out
}

// published reports whether a report's text sets published.
func published(src []byte) bool {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return false
	}
	_, ok := raw["published"]
	return ok
}

// latestPublished returns the latest month of the period whose report is
// published, with month m's report taken as now, or false.
func (st *state) latestPublished(m model.Month, now []byte) (model.Month, bool) {
	months := st.site.Config.Plan.Months()
	for i := len(months) - 1; i >= 0; i-- {
		pm := months[i]
		if pm == m {
			if published(now) {
				return pm, true
			}
			continue
		}
		b, ok, err := readFile(st.fsys, ReportPath(pm))
		if err == nil && ok && published(b) {
			return pm, true
		}
	}
	return model.Month{}, false
}

// sameFigures reports whether two report texts hold the same values but
// for their corrections: whether a released month is changed by a save.
func sameFigures(was, now []byte) bool {
	var a, b map[string]any
	if _, err := toml.Decode(string(was), &a); err != nil {
		return false
	}
	if _, err := toml.Decode(string(now), &b); err != nil {
		return false
	}
	delete(a, "corrections")
	delete(b, "corrections")
	return equalValues(a, b)
}

func equalValues(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if w, ok := b[k]; !ok || !equalValues(v, w) {
				return false
			}
		}
		return true
	case []map[string]any:
		return equalSlices(a, b)
	case []any:
		return equalSlices(a, b)
	case int64:
		switch b := b.(type) {
		case int64:
			return a == b
		case float64:
			return float64(a) == b
		}
		return false
	case float64:
		switch b := b.(type) {
		case int64:
			return a == float64(b)
		case float64:
			return a == b
		}
		return false
	case interface{ Equal(any) bool }:
		return a.Equal(b)
	}
	if ta, ok := a.(interface{ String() string }); ok {
		tb, ok := b.(interface{ String() string })
		return ok && ta.String() == tb.String()
	}
	return a == b
}

// equalSlices reports whether b is a []T as long as a whose items are
// equalValues of a's.
func equalSlices[T any](a []T, b any) bool {
	bs, ok := b.([]T)
	if !ok || len(a) != len(bs) {
		return false
	}
	for i := range a {
		if !equalValues(a[i], bs[i]) {
			return false
		}
	}
	return true
}

// correctionText is a [[corrections]] table appended to a report that the
// form does not otherwise rewrite, with the form key of each line.
func correctionText(c Row) Written {
	w := &writer{}
	w.line("", "")
	w.table("correction", "corrections", c, correctionKeys, nil, func(key, s string) string {
		if key == "date" {
			return dateValue(s)
		}
		return tomlfile.Quote(s)
	})
	text := strings.TrimRight(w.b.String(), "\n") + "\n"
	return Written{Text: text, Keys: w.keys[:strings.Count(text, "\n")]}
}

// appendAt returns a Written for text + added: the lines of text keep no key.
func appendAt(text string, added Written) Written {
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	keys := make([]string, strings.Count(text, "\n"), strings.Count(text, "\n")+len(added.Keys))
	return Written{Text: text + added.Text, Keys: append(keys, added.Keys...)}
}
