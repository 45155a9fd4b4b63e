package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestErrors changes one file of a valid site and checks the exact problem
// reported, with its file, line and column (in characters).
func TestErrors(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string
	}{
		{
			"unknown key", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthresold = 1\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:1: unknown key "thresold": check its spelling against the README`,
		},
		{
			"syntax error after Vietnamese text", "site.toml",
			"title = \"Cổng thông tin\" x\n",
			`site.toml:1:26: TOML syntax: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead`,
		},
		{
			"wrong type", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = \"1\"\nunit = \"x\"\n",
			`data/targets.toml:6:1: "threshold" must be a number, not text in quotes`,
		},
		{
			"wrong type in the first of several tables", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = \"1\"\nunit = \"x\"\n\n[[targets]]\nid = \"b\"\nname = \"B\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:1: "threshold" must be a number, not text in quotes`,
		},
		{
			"period of centuries", "site.toml",
			"title = \"T\"\nbase_url = \"https://example.org/\"\n[plan]\nnumber = \"1\"\ntitle = \"P\"\ndate = 2020-01-01\nissuer = \"I\"\nstart = \"2020-01\"\nend = \"9020-04\"\n",
			`site.toml:9:1: the period 2020-01 to 9020-04 is longer than 50 years: check the years`,
		},
		{
			"unknown rule", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"total\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:4:1: unknown rule "total": use share, periodic, monthly, count, sum, ratio, membership or assessed`,
		},
		{
			"unknown every", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"periodic\"\nrecords = \"cases\"\n  every = \"tuần\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:3: unknown every "tuần": use month, quarter or year`,
		},
		{
			"every on a count", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"count\"\nrecords = \"cases\"\nevery = \"quarter\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:1: "every" is not used by rule count: remove it`,
		},
		{
			"every on monthly", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"monthly\"\nrecords = \"cases\"\nevery = \"quarter\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:1: "every" is not used by rule monthly: remove it`,
		},
		{
			"sum without a field", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"sum\"\nrecords = \"cases\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:1:3: missing "field": the int or number field of kind "cases" to add up, such as field = "so_nguoi"`,
		},
		{
			"sum of an unknown field", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"sum\"\nrecords = \"cases\"\n field = \"so_nguoi\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:2: unknown field "so_nguoi": kind "cases" has no such field`,
		},
		{
			"sum of a text field", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"sum\"\nrecords = \"models\"\nfield = \"name\"\nthreshold = 1\nunit = \"x\"\n",
			`data/targets.toml:6:1: field "name" of kind "models" is text, not a number: a sum needs an int or number field`,
		},
		{
			"unknown compare", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 1\n  compare = \"above\"\nunit = \"x\"\n",
			`data/targets.toml:7:3: unknown compare "above": use at_least, more_than, at_most or less_than`,
		},
		{
			"unit not in registry", "data/reports/2020-01.toml",
			"[[outreach]]\nunit = \"99999\"\ndate = 2020-01-10\n",
			`data/reports/2020-01.toml:2:1: unknown unit code "99999": it is not in data/units.toml`,
		},
		{
			"unit of the wrong level", "data/reports/2020-01.toml",
			"[[outreach]]\nunit = \"001\"\ndate = 2020-01-10\n",
			`data/reports/2020-01.toml:2:1: unit "001" (Huyện Yên Khánh) is not one of the xã counted here`,
		},
		{
			"date outside the report's month", "data/reports/2020-01.toml",
			"[[press]]\ndate = 2020-02-01\ntitle = \"t\"\n",
			`data/reports/2020-01.toml:2:1: date 2020-02-01 is not in 2020-01, the month of this report: move the record to the report of its month`,
		},
		{
			"missing required field", "data/reports/2020-01.toml",
			"\n[[press]]\ndate = 2020-01-05\n",
			`data/reports/2020-01.toml:2:3: missing "title" (Tiêu đề): every press record needs it`,
		},
		{
			"link that is not a web address", "data/reports/2020-01.toml",
			"[[press]]\ndate = 2020-01-05\ntitle = \"t\"\nurl = \"javascript:alert(1)\"\n",
			`data/reports/2020-01.toml:4:1: url must be a web address starting with https:// or http://`,
		},
		{
			"negative count", "data/reports/2020-01.toml",
			"[[cases]]\nunit = \"001\"\ndetected = -1\nhandled = 0\n",
			`data/reports/2020-01.toml:3:1: detected is -1 but cannot be below 0`,
		},
		{
			"unknown record kind", "data/reports/2020-01.toml",
			"[[pres]]\ndate = 2020-01-05\n",
			`data/reports/2020-01.toml:1:3: unknown record kind "pres": use a kind defined in data/records.toml (outreach, press, cases, models) or published, list_changes, submitted, assessments, corrections`,
		},
		{
			"unknown agency", "data/reports/2020-01.toml",
			"[submitted]\nagencies = [\"so\", \"sở\"]\n",
			`data/reports/2020-01.toml:2:19: unknown agency "sở": use an id from data/agencies.toml`,
		},
		{
			"score above the criterion's maximum", "data/lists/lanh-manh.toml",
			"name = \"L\"\nlevel = \"commune\"\nrubric = \"thang-diem\"\n[[members]]\nunit = \"10001\"\nscores = { \"1.1\" = 40, \"1.2\" = 55 }\n",
			`data/lists/lanh-manh.toml:6:24: score 55 for criterion "1.2" is out of range: use 0 to 50`,
		},
		{
			"report outside the period", "data/reports/2021-01.toml",
			"",
			`data/reports/2021-01.toml: month 2021-01 is outside the plan period 2020-01 to 2020-04 set in site.toml`,
		},
		{
			"front matter without title", "content/gioi-thieu.md",
			"+++\nlayout = \"about\"\n+++\nVăn bản.\n",
			`content/gioi-thieu.md:1: missing "title": add title = "…"`,
		},
		{
			"front matter unknown key", "content/gioi-thieu.md",
			"+++\ntitle = \"A\"\ntags = [\"x\"]\n+++\nVăn bản.\n",
			`content/gioi-thieu.md:3:1: unknown key "tags": check its spelling against the README`,
		},
		{
			"front matter not closed", "content/gioi-thieu.md",
			"+++\ntitle = \"A\"\nVăn bản.\n",
			`content/gioi-thieu.md:1:1: the front matter is not closed: add a line with +++ after it`,
		},
		{
			"not UTF-8", "data/reports/2020-01.toml",
			"published = 2020-02-03\n# \xff\xfe\n",
			`data/reports/2020-01.toml:2: the file is not UTF-8 text: save it with the UTF-8 encoding`,
		},
		{
			"menu link with a scheme", "site.toml",
			"title = \"T\"\nbase_url = \"https://example.org/\"\n[plan]\nnumber = \"1\"\ntitle = \"P\"\ndate = 2020-01-01\nissuer = \"I\"\nstart = \"2020-01\"\nend = \"2020-04\"\n[[menu]]\nlabel = \"x\"\npath = \"javascript:alert(1)\"\n",
			`site.toml:10:3: a menu item needs a label and a path relative to the site root, such as path = "ke-hoach/"`,
		},
		{
			"the same press item twice", "data/reports/2020-01.toml",
			"[[press]]\ndate = 2020-01-05\ntitle = \"t\"\n\n[[press]]\ndate = 2020-01-05\ntitle = \"t\"\n",
			`data/reports/2020-01.toml:5:3: this press record repeats the one on line 1: remove one of them`,
		},
		{
			"handled more than detected", "data/reports/2020-02.toml",
			"[[cases]]\nunit = \"002\"\ndetected = 0\nhandled = 2\n",
			`data/reports/2020-02.toml:4:1: handled (Đã xử lý) adds up to 3 since the period started, more than the 2 of detected (Phát hiện): check the figures of this record`,
		},
		{
			"adding a unit already on the list", "data/reports/2020-02.toml",
			"[[list_changes]]\nlist = \"lanh-manh\"\nunit = \"10001\"\nchange = \"added\"\ndate = 2020-02-03\n",
			`data/reports/2020-02.toml:1:3: Xã Khánh An is already on list "lanh-manh": it cannot be added again`,
		},
		{
			"removing a unit not on the list", "data/reports/2020-02.toml",
			"[[list_changes]]\nlist = \"lanh-manh\"\nunit = \"10004\"\nchange = \"removed\"\ndate = 2020-02-03\n",
			`data/reports/2020-02.toml:1:3: Xã Kim Chính is not on list "lanh-manh": it cannot be removed`,
		},
		{
			"published before the month", "data/reports/2020-02.toml",
			"published = 2020-01-31\n",
			`data/reports/2020-02.toml:1:1: published 2020-01-31 is before 2020-02, the month this report covers`,
		},
		{
			"baseline member who joined during the period", "data/lists/lanh-manh.toml",
			"name = \"L\"\nlevel = \"commune\"\nrubric = \"thang-diem\"\n[[members]]\nunit = \"10001\"\nsince = 2020-03-01\n",
			`data/lists/lanh-manh.toml:6:1: Xã Khánh An joined on 2020-03-01, after the period starts (2020-01): list it as a list change in that month's report instead`,
		},
		{
			"submitted unit below the reporting level", "data/reports/2020-01.toml",
			"[submitted]\nunits = [\"001\", \"10001\"]\n",
			`data/reports/2020-01.toml:2:17: unit "10001" (Xã Khánh An) is not one of the huyện that report: list units of the reporting level, or set reporting_level in [plan] of site.toml`,
		},
		{
			"unknown reporting level", "site.toml",
			"title = \"T\"\nbase_url = \"https://example.org/\"\n[plan]\nnumber = \"1\"\ntitle = \"P\"\ndate = 2020-01-01\nissuer = \"I\"\nstart = \"2020-01\"\nend = \"2020-04\"\nreporting_level = \"xa\"\n",
			`site.toml:10:1: unknown reporting_level "xa": use the id of a level of data/units.toml (district, commune)`,
		},
		{
			"share of communes counting district records", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"share\"\nrecords = \"models\"\nlevel = \"commune\"\nthreshold = 50\nunit = \"xã\"\n",
			`data/targets.toml:6:1: kind "models" records huyện, a level above the xã this target counts, so no xã would ever count: use records of the xã or of a level below it, or set level = "district"`,
		},
		{
			"update without a date or a report", "content/cap-nhat/2020-04.md",
			"+++\ntitle = \"A\"\n+++\nVăn bản.\n",
			`content/cap-nhat/2020-04.md:1: missing "date": an update is dated by the published date of data/reports/2020-04.toml, which does not exist: add the report, or date = 2020-05-05 here`,
		},
		{
			"duplicate unit code", "data/units.toml",
			"[[levels]]\nid = \"district\"\nname = \"huyện\"\n[[units]]\ncode = \"001\"\nname = \"A\"\ntype = \"Huyện\"\nlevel = \"district\"\n[[units]]\ncode = \"001\"\nname = \"B\"\ntype = \"Huyện\"\nlevel = \"district\"\n",
			`data/units.toml:10:1: duplicate id "001": it is already used on line 5`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			_, err := load.Site(fsys)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

// TestAllErrorsAtOnce checks that problems in several files are reported
// together, sorted by file and line.
func TestAllErrorsAtOnce(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("[[press]]\ndate = 2020-02-01\n\n[[press]]\ntitle = \"x\"\ndate = 2020-03-01\n")}
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("bogus = 1\n")}
	_, err := load.Site(fsys)
	want := strings.Join([]string{
		`data/reports/2020-01.toml:1:1: unknown record kind "bogus": use a kind defined in data/records.toml (outreach, press, cases, models) or published, list_changes, submitted, assessments, corrections`,
		`data/reports/2020-02.toml:1:3: missing "title" (Tiêu đề): every press record needs it`,
		`data/reports/2020-02.toml:6:1: date 2020-03-01 is not in 2020-02, the month of this report: move the record to the report of its month`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

// TestNormalisedInput checks that a byte-order mark and CRLF line endings, as
// saved by office software, are accepted.
func TestNormalisedInput(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	for _, name := range []string{"site.toml", "data/reports/2020-01.toml", "content/gioi-thieu.md"} {
		b := strings.ReplaceAll(string(fsys[name].Data), "\n", "\r\n")
		fsys[name] = &fstest.MapFile{Data: []byte("\ufeff" + b)}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Title != "Cổng thử" || len(s.Reports[0].Records["press"]) != 1 {
		t.Errorf("title %q, press records %d", s.Config.Title, len(s.Reports[0].Records["press"]))
	}
}

// TestNFDAndWhitespace checks that names typed in decomposed form are
// composed and that stray blanks around codes are dropped.
func TestNFDAndWhitespace(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	units := string(fsys["data/units.toml"].Data)
	// "Yên Khánh" typed with combining marks: e + U+0302 + U+0301…
	units = strings.Replace(units, `name = "Yên Khánh"`, "name = \"Ye\u0302n Kha\u0301nh\"", 1)
	fsys["data/units.toml"] = &fstest.MapFile{Data: []byte(units)}
	report := string(fsys["data/reports/2020-01.toml"].Data)
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(report, `unit = "10001"`, `unit = " 10001 "`, 1))}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Units.Unit("001").Name; got != "Yên Khánh" || len(got) != len("Yên Khánh") {
		t.Errorf("name %q (%d bytes), want the composed form", got, len(got))
	}
	if got := s.Reports[0].Records["outreach"][0].Unit.Code; got != "10001" {
		t.Errorf("unit code %q", got)
	}
}

// TestSymlinks checks that a symbolic link inside the site is followed while
// it stays inside, and refused when it points outside.
func TestSymlinks(t *testing.T) {
	dir := sitetest.WriteDir(t, "small")
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("+++\ntitle = \"secret\"\n+++\n"), 0o644)
	if err := os.Symlink("gioi-thieu.md", filepath.Join(dir, "content", "ban-sao.md")); err != nil {
		t.Fatal(err)
	}
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.Site(fsys); err != nil {
		t.Errorf("a link inside the site: %v", err)
	}
	closeSite()

	for _, link := range []string{"content/bi-mat.md", "data/units.toml"} {
		p := filepath.Join(dir, filepath.FromSlash(link))
		os.Remove(p)
		if err := os.Symlink(outside, p); err != nil {
			t.Fatal(err)
		}
	}
	fsys, closeSite, err = load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	_, err = load.Site(fsys)
	for _, want := range []string{
		"content/bi-mat.md: cannot read file: it is a symbolic link to a file outside the site folder: copy the file here instead",
		"data/units.toml: cannot read file: it is a symbolic link to a file outside the site folder: copy the file here instead",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
		}
	}
}

// TestCache checks that loading with a cache of parsed files gives what
// loading without one gives, after a change, and that problems in a changed
// file are still reported.
func TestCache(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	cache := load.NewCache()
	for range 2 {
		if _, err := load.SiteCached(t.Context(), fsys, cache); err != nil {
			t.Fatal(err)
		}
	}
	report := string(fsys["data/reports/2020-01.toml"].Data)
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(report, `unit = "10003"`, `unit = "10004"`, 1))}
	cached, err := load.SiteCached(t.Context(), fsys, cache)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := load.Site(fsys)
	if got, want := cached.Reports[0].Records["outreach"][1].Unit.Code, fresh.Reports[0].Records["outreach"][1].Unit.Code; got != want || got != "10004" {
		t.Errorf("after the edit: cached %s, fresh %s, want 10004", got, want)
	}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: append(fsys["data/targets.toml"].Data, []byte("\n[[targets]]\nbogus = 1\n")...)}
	for range 2 {
		if _, err := load.SiteCached(t.Context(), fsys, cache); err == nil || !strings.Contains(err.Error(), `unknown key "bogus"`) {
			t.Errorf("a problem in a changed file: %v", err)
		}
	}
}

// TestReportingLevel checks that the plan's reporting level decides which
// units [submitted] may list, and that it defaults to the top level.
func TestReportingLevel(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config.Plan.ReportingLevel; got != "district" {
		t.Errorf("default reporting level %q, want the top level district", got)
	}
	site := strings.Replace(string(fsys["site.toml"].Data), "end = \"2020-04\"\n", "end = \"2020-04\"\nreporting_level = \"commune\"\n", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	for _, name := range []string{"data/reports/2020-01.toml", "data/reports/2020-02.toml"} {
		r := strings.NewReplacer(`units = ["001", "002"]`, `units = ["10002"]`, `units = ["001"]`, `units = []`).Replace(string(fsys[name].Data))
		fsys[name] = &fstest.MapFile{Data: []byte(r)}
	}
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n[submitted]\nunits = [\"10001\", \"10005\"]\n")}
	s, err = load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Reports[len(s.Reports)-1].OnTimeUnits; strings.Join(got, ",") != "10001,10005" {
		t.Errorf("on-time units %v", got)
	}
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n[submitted]\nunits = [\"001\"]\n")}
	want := `data/reports/2020-03.toml:3:10: unit "001" (Huyện Yên Khánh) is not one of the xã that report`
	if _, err := load.Site(fsys); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
	}
}

// peopleKind is a record kind with a choice field and a number field, added
// to the small site's kinds for the tests of where.
const peopleKind = `
[[kinds]]
id = "people"
name = "Người được tuyên truyền"
level = "commune"
[[kinds.fields]]
id = "doi_tuong"
name = "Đối tượng"
type = "choice"
choices = ["cong-nhan", "hoc-sinh"]
[[kinds.fields]]
id = "so_nguoi"
name = "Số người"
type = "int"
`

// TestWhereErrors checks the problems of a target's where table, each at
// its line and column.
func TestWhereErrors(t *testing.T) {
	target := "[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"sum\"\nrecords = \"people\"\nfield = \"so_nguoi\"\nthreshold = 1\nunit = \"người\"\n"
	tests := []struct {
		name, where, want string
	}{
		{"unknown field", `where = { gioi_tinh = "nu" }`, `data/targets.toml:9:11: unknown field "gioi_tinh" in where: kind "people" has no such field`},
		{"value outside the choices", `where = { doi_tuong = "nong-dan" }`, `data/targets.toml:9:23: "nong-dan" is not one of the choices of field "doi_tuong": use one of cong-nhan, hoc-sinh`},
		{"one of a list outside the choices", `where = { doi_tuong = ["cong-nhan", "nong-dan"] }`, `data/targets.toml:9:37: "nong-dan" is not one of the choices of field "doi_tuong"`},
		{"text for a number", `where = { so_nguoi = "nhiều" }`, `data/targets.toml:9:22: "nhiều" is not a number, but field "so_nguoi" is`},
		{"empty list", `where = { doi_tuong = [] }`, `data/targets.toml:9:11: where.doi_tuong lists no value: give one value or a list of values`},
		{"a boolean", `where = { doi_tuong = true }`, `data/targets.toml:9:11: where.doi_tuong must be text, a number, a date or a list of them: the values of field "doi_tuong" to keep`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			fsys["data/records.toml"] = &fstest.MapFile{Data: append(fsys["data/records.toml"].Data, peopleKind...)}
			fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(target + tt.where + "\n")}
			_, err := load.Site(fsys)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/records.toml"] = &fstest.MapFile{Data: append(fsys["data/records.toml"].Data, peopleKind...)}
		fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(target + `where = { doi_tuong = ["cong-nhan", "hoc-sinh"], so_nguoi = 20.0 }` + "\n")}
		s, err := load.Site(fsys)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(s.Targets[0].Filter)
		if want := "[{doi_tuong [cong-nhan hoc-sinh]} {so_nguoi [20]}]"; got != want {
			t.Errorf("filter = %s, want %s", got, want)
		}
	})
}

// TestUnusedKeys checks that a key the target's rule does not use is an
// error at its line and column, not silently ignored.
func TestUnusedKeys(t *testing.T) {
	tests := []struct {
		name, target, want string
	}{
		{"numerator on count", "rule = \"count\"\nrecords = \"cases\"\n  numerator = \"handled\"\n", `data/targets.toml:8:3: "numerator" is not used by rule count: remove it`},
		{"field on ratio", "rule = \"ratio\"\nrecords = \"cases\"\nnumerator = \"handled\"\ndenominator = \"detected\"\nfield = \"handled\"\n", `data/targets.toml:10:1: "field" is not used by rule ratio: remove it`},
		{"level on count", "rule = \"count\"\nrecords = \"cases\"\nlevel = \"commune\"\n", `data/targets.toml:8:1: "level" is not used by rule count: remove it`},
		{"max_removed on share", "rule = \"share\"\nrecords = \"outreach\"\nmax_removed = 0\n", `data/targets.toml:8:1: "max_removed" is not used by rule share: remove it`},
		{"list on sum", "rule = \"sum\"\nrecords = \"cases\"\nfield = \"handled\"\nlist = \"lanh-manh\"\n", `data/targets.toml:9:1: "list" is not used by rule sum: remove it`},
		{"records on membership", "rule = \"membership\"\nlist = \"lanh-manh\"\nrecords = \"cases\"\n", `data/targets.toml:8:1: "records" is not used by rule membership: remove it`},
		{"where on membership", "rule = \"membership\"\nlist = \"lanh-manh\"\nwhere = { detected = 1 }\n", `data/targets.toml:8:1: "where" is not used by rule membership: remove it`},
		{"dotted where on membership", "rule = \"membership\"\nlist = \"lanh-manh\"\nwhere.detected = 1\n", `data/targets.toml:8:1: "where" is not used by rule membership: remove it`},
		{"denominator on monthly", "rule = \"monthly\"\nrecords = \"press\"\ndenominator = \"x\"\n", `data/targets.toml:8:1: "denominator" is not used by rule monthly: remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte("[[targets]]\nid = \"a\"\nname = \"A\"\nthreshold = 1\nunit = \"x\"\n" + tt.target)}
			_, err := load.Site(fsys)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}
