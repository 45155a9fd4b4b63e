package release_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// march is a third report for the small site, so that a ledger can lose
// an entry in its middle.
const march = `published = 2020-04-02

[[press]]
date = 2020-03-05
title = "Tin 3"
`

// site returns the small test site with reports for January to March.
func site(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte(march)}
	return fsys
}

// compute loads fsys and computes its progress.
func compute(t testing.TB, fsys fstest.MapFS) (*model.Site, *progress.Progress) {
	t.Helper()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("the site does not load:\n%v", err)
	}
	return s, progress.Compute(s)
}

// releaseMonth appends the release of month m to the ledger of fsys, as the
// release command does, dated by the report.
func releaseMonth(t testing.TB, fsys fstest.MapFS, month string) {
	t.Helper()
	m, _ := model.ParseMonth(month)
	s, p := compute(t, fsys)
	l, err := release.Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if err := release.Refuse(s, l, m); err != nil {
		t.Fatal(err)
	}
	var day = s.Reports[len(s.Reports)-1].Published
	for _, r := range s.Reports {
		if r.Month == m {
			day = r.Published
		}
	}
	e, err := release.Next(fsys, s, p, l, m, day)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var old []byte
	if f := fsys[release.Path]; f != nil {
		old = append(f.Data, '\n')
	}
	fsys[release.Path] = &fstest.MapFile{Data: append(old, b...)}
}

// released returns the test site with January to March released.
func released(t testing.TB) fstest.MapFS {
	fsys := site(t)
	for _, m := range []string{"2020-01", "2020-02", "2020-03"} {
		releaseMonth(t, fsys, m)
	}
	return fsys
}

// check runs release.Check on fsys and returns its problems as text.
func check(t *testing.T, fsys fstest.MapFS) (*release.History, string) {
	t.Helper()
	s, p := compute(t, fsys)
	h, err := release.Check(fsys, s, p)
	if err != nil {
		if _, ok := errors.AsType[*diag.ListError](err); !ok {
			t.Fatalf("not a list of problems: %v", err)
		}
		return h, err.Error()
	}
	return h, ""
}

// entries splits a ledger into its text before the first entry and its
// entries.
func entries(ledger string) (head string, es []string) {
	parts := regexp.MustCompile(`(?m)^\[\[releases\]\]\n`).Split(ledger, -1)
	for _, p := range parts[1:] {
		es = append(es, "[[releases]]\n"+p)
	}
	return parts[0], es
}

// lineOf returns the line of the n-th (from 1) entry of a ledger.
func lineOf(ledger string, n int) int {
	seen := 0
	for i, line := range strings.Split(ledger, "\n") {
		if line == "[[releases]]" {
			if seen++; seen == n {
				return i + 1
			}
		}
	}
	return 0
}

func TestChain(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(ledger string) string
		entry int    // the entry named, from 1; 0 for none
		want  string // in the message
	}{
		{"as written", func(s string) string { return s }, 0, ""},
		{"reformatted", func(s string) string {
			// Comments, blank lines, indentation and the order of keys are
			// not the content.
			s = strings.ReplaceAll(s, "\nstatus = ", "\n  # as published\n  status = ")
			s = strings.ReplaceAll(s, "month = \"2020-02\"\ndate = 2020-03-02\n", "date = 2020-03-02   # the report's date\nmonth = \"2020-02\"\n\n")
			return "# kept by the editors\n" + s
		}, 0, ""},
		{"edited value", func(s string) string {
			head, es := entries(s)
			es[1] = strings.Replace(es[1], "value = 60.0", "value = 80.0", 1)
			return head + strings.Join(es, "")
		}, 2, "release 2 (2020-02) was edited after it was written"},
		{"edited file hash", func(s string) string {
			head, es := entries(s)
			i := strings.Index(es[0], "\"data/targets.toml\" = \"") + len("\"data/targets.toml\" = \"")
			es[0] = es[0][:i] + strings.Repeat("0", 8) + es[0][i+8:]
			return head + strings.Join(es, "")
		}, 1, "release 1 (2020-01) was edited"},
		{"reordered", func(s string) string {
			head, es := entries(s)
			es[0], es[1] = es[1], es[0]
			return head + strings.Join(es, "")
		}, 1, "release 1 (2020-02) is not the first release"},
		{"first deleted", func(s string) string {
			head, es := entries(s)
			return head + strings.Join(es[1:], "")
		}, 1, "release 1 (2020-02) is not the first release"},
		{"middle deleted", func(s string) string {
			head, es := entries(s)
			return head + es[0] + es[2]
		}, 2, "release 2 (2020-03) does not follow release 1 (2020-01)"},
		{"entry added by hand", func(s string) string {
			head, es := entries(s)
			return head + strings.Join(es, "") + "\n" + strings.Replace(es[2], `month = "2020-03"`, `month = "2020-04"`, 1)
		}, 4, "release 4 (2020-04) was edited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := released(t)
			was := string(fsys[release.Path].Data)
			ledger := tt.edit(was)
			if tt.name != "as written" && ledger == was {
				t.Fatal("the edit changed nothing")
			}
			if tt.name == "reformatted" && !strings.Contains(ledger, "date = 2020-03-02   # the report's date\nmonth = \"2020-02\"") {
				t.Fatal("the keys of the second entry were not reordered")
			}
			fsys[release.Path] = &fstest.MapFile{Data: []byte(ledger)}
			_, err := release.Read(fsys)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected problem:\n%v", err)
				}
				return
			}
			list, ok := errors.AsType[*diag.ListError](err)
			if !ok || len(list.Errs) != 1 {
				t.Fatalf("want one problem with %q, got:\n%v", tt.want, err)
			}
			e := list.Errs[0]
			if e.Path != release.Path || e.Line != lineOf(ledger, tt.entry) || e.Col != 1 || !strings.Contains(e.Msg, tt.want) {
				t.Errorf("got %v\nwant %s:%d:1: …%s…", e, release.Path, lineOf(ledger, tt.entry), tt.want)
			}
		})
	}
}

// edit replaces old with new in the file p of fsys, failing if old is not
// there.
func edit(t *testing.T, fsys fstest.MapFS, p, old, new string) {
	t.Helper()
	b := string(fsys[p].Data)
	if !strings.Contains(b, old) {
		t.Fatalf("%s has no %q", p, old)
	}
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(b, old, new, 1))}
}

// correct adds a correction to the report of March, the latest.
func correct(t *testing.T, fsys fstest.MapFS, month, date string) {
	t.Helper()
	p := "data/reports/2020-03.toml"
	fsys[p] = &fstest.MapFile{Data: append(fsys[p].Data, []byte("\n[[corrections]]\nmonth = \""+month+"\"\ndate = "+date+"\nwhat = \"Số liệu được sửa\"\nwhy = \"Nhập sai\"\n")...)}
}

func TestChanges(t *testing.T) {
	const jan, feb = "data/reports/2020-01.toml", "data/reports/2020-02.toml"
	// handled cases: 1 of 2 in January becomes 2 of 2.
	handled := func(t *testing.T, fsys fstest.MapFS) { edit(t, fsys, jan, "handled = 1", "handled = 2") }
	// January's press item moves to February.
	move := func(t *testing.T, fsys fstest.MapFS) {
		edit(t, fsys, jan, "[[press]]\ndate = 2020-01-20\ntitle = \"Tin <b>thử</b> & số 1\"\nurl = \"https://example.org/tin-1\"\n", "")
		fsys[feb] = &fstest.MapFile{Data: append(fsys[feb].Data, []byte("\n[[press]]\ndate = 2020-02-01\ntitle = \"Tin <b>thử</b> & số 1\"\nurl = \"https://example.org/tin-1\"\n")...)}
	}
	tests := []struct {
		name string
		edit func(t *testing.T, fsys fstest.MapFS)
		want []string // the problems, in order; none if empty
	}{
		{"comment added", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, jan, "[[cases]]", "# the cases of January\n[[cases]]")
		}, nil},
		{"uncovered report edit", handled, []string{
			`data/releases.toml:@1: data/reports/2020-01.toml has changed in what the figures depend on (a record or a value: all of a report counts but its [[corrections]]; content hash `,
			`data/releases.toml:@1: target "vu-viec" of 2020-01 was released on 2020-02-03 as 50 (1/2), at_risk and is now 100 (2/2), met (and its figures of 2 later released month(s)), since data/reports/2020-01.toml changed: no correction declares it`,
		}},
		{"covered report edit", func(t *testing.T, fsys fstest.MapFS) {
			handled(t, fsys)
			correct(t, fsys, "2020-01", "2020-04-10")
		}, nil},
		{"record moved to the next month", func(t *testing.T, fsys fstest.MapFS) {
			move(t, fsys)
			correct(t, fsys, "2020-01", "2020-04-10")
		}, nil},
		{"record moved, no correction", move, []string{
			`data/releases.toml:@1: data/reports/2020-01.toml has changed`,
			`data/releases.toml:@1: target "bao-chi" of 2020-01 was released on 2020-02-03 as 1, met and is now 0, not_met (and its figures of 1 later released month(s))`,
			`data/releases.toml:@2: data/reports/2020-02.toml has changed`,
		}},
		{"record moved, corrected as the wrong month", func(t *testing.T, fsys fstest.MapFS) {
			move(t, fsys)
			correct(t, fsys, "2020-02", "2020-04-10")
		}, []string{
			`data/releases.toml:@1: data/reports/2020-01.toml has changed`,
			`data/releases.toml:@1: target "bao-chi" of 2020-01 was released`,
		}},
		{"correction in a draft", func(t *testing.T, fsys fstest.MapFS) {
			handled(t, fsys)
			fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("[[corrections]]\nmonth = \"2020-01\"\ndate = 2020-04-10\nwhat = \"Sửa\"\nwhy = \"Nhập sai\"\n")}
		}, []string{
			`data/releases.toml:@1: data/reports/2020-01.toml has changed`,
			`data/releases.toml:@1: target "vu-viec" of 2020-01`,
		}},
		{"correction that changes nothing", func(t *testing.T, fsys fstest.MapFS) {
			correct(t, fsys, "2020-02", "2020-04-10")
		}, []string{
			`data/reports/2020-03.toml:7:3: this correction of 2020-02 changes nothing: the figures of 2020-02, its report and the other files its release depended on are as released on 2020-03-02`,
		}},
		{"cumulative figures carry a change forward", func(t *testing.T, fsys fstest.MapFS) {
			handled(t, fsys)
			correct(t, fsys, "2020-01", "2020-04-10")
			correct(t, fsys, "2020-03", "2020-04-10") // vu-viec of March moved too
		}, nil},
		{"a title corrected, and a month that did not change", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, jan, "số 1", "số một")
			correct(t, fsys, "2020-01", "2020-04-10")
			correct(t, fsys, "2020-02", "2020-04-10") // February's release depended on January's report, but no figure moved
		}, []string{
			`data/reports/2020-03.toml:13:3: this correction of 2020-02 changes nothing`,
		}},
		{"correction before the release", func(t *testing.T, fsys fstest.MapFS) {
			handled(t, fsys)
			correct(t, fsys, "2020-01", "2020-02-01")
		}, []string{
			`data/releases.toml:@1: data/reports/2020-01.toml has changed`,
			`data/releases.toml:@1: target "vu-viec" of 2020-01`,
			`data/reports/2020-03.toml:9:1: date 2020-02-01 is before 2020-02-03, the day 2020-01 was released: a correction is made after the release`,
		}},
		{"site title changed", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `title = "Cổng thử"`, `title = "Cổng thử mới"`)
		}, nil},
		{"plan period changed", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `end = "2020-04"`, `end = "2020-05"`)
		}, []string{
			// The pace moves, but no value, count or status.
			`data/releases.toml:@1: site.toml has changed`,
		}},
		{"plan period shortened", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `end = "2020-04"`, `end = "2020-03"`)
		}, []string{
			`data/releases.toml:@1: site.toml has changed`,
			`data/releases.toml:@3: target "mo-hinh" of 2020-03 was released on 2020-04-02 as 0, on_track and is now 0, not_met`,
			`data/releases.toml:@3: target "vu-viec" of 2020-03 was released on 2020-04-02 as 66.66666666666667 (2/3), at_risk and is now 66.66666666666667 (2/3), not_met`,
		}},
		{"released report deleted", func(t *testing.T, fsys fstest.MapFS) {
			delete(fsys, "data/reports/2020-03.toml")
		}, []string{
			`data/releases.toml:@3: data/reports/2020-03.toml was removed or is no longer published since the release of 2020-03 on 2020-04-02`,
			`data/releases.toml:@3: target "bao-chi" of 2020-03 was released on 2020-04-02 as 1, not_met and is now no value, no_data`,
			`data/releases.toml:@3: target "lanh-manh" of 2020-03`,
			`data/releases.toml:@3: target "mo-hinh" of 2020-03`,
			`data/releases.toml:@3: target "tuyen-truyen" of 2020-03`,
			`data/releases.toml:@3: target "vu-viec" of 2020-03`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := released(t)
			tt.edit(t, fsys)
			_, got := check(t, fsys)
			var lines []string
			if got != "" {
				lines = strings.Split(got, "\n")
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(tt.want), got)
			}
			ledger := string(fsys[release.Path].Data)
			if _, draft := fsys["data/reports/2020-04.toml"]; draft && !strings.HasSuffix(got, "(the correction of 2020-01 in data/reports/2020-04.toml counts once that report is published)") {
				t.Errorf("the correction waiting in a draft is not named:\n%s", got)
			}
			for i, w := range tt.want {
				for n := 1; n <= 3; n++ {
					w = strings.ReplaceAll(w, fmt.Sprintf("@%d:", n), fmt.Sprintf("%d:1:", lineOf(ledger, n)))
				}
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, lines[i], w)
				}
			}
		})
	}
}

// TestWhatCounts checks that a release depends on the figures' part of a
// data file only: words may change after a release, figures may not.
func TestWhatCounts(t *testing.T) {
	const targets, units, records = "data/targets.toml", "data/units.toml", "data/records.toml"
	// where keeps only the models named "A": there are none, before and
	// after the change.
	where := func(t *testing.T, fsys fstest.MapFS) {
		edit(t, fsys, targets, `records = "models"`, `records = "models"`+"\nwhere = { name = \"A\" }")
	}
	tests := []struct {
		name   string
		before func(t *testing.T, fsys fstest.MapFS) // applied before the releases
		edit   func(t *testing.T, fsys fstest.MapFS)
		want   []string // the problems, in order; none if empty
	}{
		{"target renamed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, targets, `name = "Báo chí"`, `name = "Báo chí, truyền hình"`)
			edit(t, fsys, targets, `text = "mỗi tháng 1 tin"`, `text = "mỗi tháng ít nhất 1 tin"`)
			edit(t, fsys, targets, `unit = "tin, bài"`, `unit = "tin"`)
			edit(t, fsys, targets, `number = 2`, `number = 7`)
		}, nil},
		{"unit_one added", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, targets, `unit = "tin, bài"`, "unit = \"tin, bài\"\nunit_one = \"tin\"")
		}, nil},
		{"unit and level renamed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, units, `name = "Kim Sơn"`, `name = "Kim Sơn mới"`)
			edit(t, fsys, units, `type = "Thị trấn"`, `type = "Phường"`)
			edit(t, fsys, units, `name = "xã"`, `name = "xã, thị trấn"`)
			edit(t, fsys, units, `source = "thử"`, `source = "Quyết định thử"`)
		}, nil},
		{"field and kind renamed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, records, `name = "Đã xử lý"`, `name = "Đã giải quyết"`)
			edit(t, fsys, records, `name = "Vụ việc"`, `name = "Vụ, việc"`)
			// required and min decide whether the data loads, not what it counts.
			edit(t, fsys, records, "id = \"url\"\nname = \"Liên kết\"\ntype = \"url\"", "id = \"url\"\nname = \"Liên kết\"\ntype = \"url\"\nrequired = false")
		}, nil},
		{"English translations added", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "site.toml", `illustrative = true`, "illustrative = true\nlanguages = [\"vi\", \"en\"]")
			edit(t, fsys, targets, `name = "Báo chí"`, `name = { vi = "Báo chí", en = "Press" }`)
			edit(t, fsys, units, `name = "huyện"`, `name = { vi = "huyện", en = "districts" }`)
			edit(t, fsys, records, `name = "Tiêu đề"`, `name = { vi = "Tiêu đề", en = "Title" }`)
			edit(t, fsys, "data/lists/lanh-manh.toml", `name = "Xã lành mạnh"`, `name = { vi = "Xã lành mạnh", en = "Healthy communes" }`)
			edit(t, fsys, "data/rubrics/thang-diem.toml", `name = "Lành mạnh"`, `name = { vi = "Lành mạnh", en = "Healthy" }`)
		}, nil},
		{"targets reordered, a default written", nil, func(t *testing.T, fsys fstest.MapFS) {
			b := string(fsys[targets].Data)
			i := strings.Index(b, "[[targets]]\nid = \"bao-chi\"")
			fsys[targets] = &fstest.MapFile{Data: []byte(b[i:] + "\n" + b[:i])}
			edit(t, fsys, targets, `threshold = 100`, "threshold = 100.0\ncompare = \"at_least\"")
		}, nil},
		{"threshold changed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, targets, "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 1", "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 2")
		}, []string{
			`data/releases.toml:@1: data/targets.toml has changed in what the figures depend on (a target's id, rule, records, where, level, field, numerator, denominator, part_of_whole, min_months, every, list, max_removed, threshold or compare; content hash `,
			`data/releases.toml:@1: target "bao-chi" of 2020-01 was released on 2020-02-03 as 1, met and is now 1, not_met, since data/targets.toml changed`,
		}},
		{"unit's parent changed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, units, "level = \"commune\"\nparent = \"002\"", "level = \"commune\"\nparent = \"001\"")
		}, []string{
			`data/releases.toml:@1: data/units.toml has changed in what the figures depend on (a unit's code, level or parent, or a level's id, parent or place in the order of levels; content hash `,
		}},
		{"where value changed", where, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, targets, `where = { name = "A" }`, `where = { name = "B" }`)
		}, []string{
			`data/releases.toml:@1: data/targets.toml has changed in what the figures depend on (a target's id`,
		}},
		{"where rewritten as a table", where, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, targets, `where = { name = "A" }`, `where.name = ["A"]`)
		}, []string{
			// A list of one value keeps the same records, but is written
			// otherwise: the hash is of values as written.
			`data/releases.toml:@1: data/targets.toml has changed in what the figures depend on`,
		}},
		{"field type changed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, records, "id = \"handled\"\nname = \"Đã xử lý\"\ntype = \"int\"", "id = \"handled\"\nname = \"Đã xử lý\"\ntype = \"number\"")
		}, []string{
			`data/releases.toml:@1: data/records.toml has changed in what the figures depend on (a kind's id or level, or a field's id, type or choices; content hash `,
		}},
		{"a member's scores changed", nil, func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "data/lists/lanh-manh.toml", `"1.2" = 45`, `"1.2" = 44`)
		}, []string{
			`data/releases.toml:@1: data/lists/lanh-manh.toml has changed in what the figures depend on (the list's level or rubric, or a member's unit, since or scores; content hash `,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site(t)
			if tt.before != nil {
				tt.before(t, fsys)
			}
			for _, m := range []string{"2020-01", "2020-02", "2020-03"} {
				releaseMonth(t, fsys, m)
			}
			tt.edit(t, fsys)
			_, got := check(t, fsys)
			var lines []string
			if got != "" {
				lines = strings.Split(got, "\n")
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(tt.want), got)
			}
			ledger := string(fsys[release.Path].Data)
			for i, w := range tt.want {
				w = strings.ReplaceAll(w, "@1:", fmt.Sprintf("%d:1:", lineOf(ledger, 1)))
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, lines[i], w)
				}
			}
			// A correction of a word changes nothing: it is refused.
			if len(tt.want) == 0 {
				correct(t, fsys, "2020-03", "2020-04-10")
				if _, got := check(t, fsys); !strings.Contains(got, "this correction of 2020-03 changes nothing") {
					t.Errorf("a correction of words only is accepted: %q", got)
				}
			}
		})
	}
}

func TestRevisions(t *testing.T) {
	fsys := released(t)
	edit(t, fsys, "data/reports/2020-01.toml", "handled = 1", "handled = 2")
	correct(t, fsys, "2020-01", "2020-04-10")
	h, problems := check(t, fsys)
	if problems != "" {
		t.Fatal(problems)
	}
	r := h.Revision("vu-viec", model.Month{Year: 2020, Mon: 1})
	if r == nil {
		t.Fatal("no revision of vu-viec in 2020-01")
	}
	if r.First.Value != 50 || r.First.Status != progress.AtRisk || r.Current.Value != 100 || r.Current.Status != progress.Met {
		t.Errorf("2020-01: first %v, current %v; want 50 at_risk, then 100 met", r.First, r.Current)
	}
	if len(r.Corrections) != 1 || r.Corrections[0].Why != "Nhập sai" || r.Release.Date.Format("2006-01-02") != "2020-02-03" {
		t.Errorf("corrections %v, release %v", r.Corrections, r.Release.Date)
	}
	// February carries January's cases forward: 2 of 3 becomes 3 of 3.
	if r := h.Revision("vu-viec", model.Month{Year: 2020, Mon: 2}); r == nil || r.First.Num != 2 || r.Current.Num != 3 || len(r.Corrections) != 1 {
		t.Errorf("2020-02: %+v", r)
	}
	if h.Revision("bao-chi", model.Month{Year: 2020, Mon: 1}) != nil {
		t.Error("bao-chi of 2020-01 did not move, yet has a revision")
	}
	if got := h.LastCorrection().Format("2006-01-02"); got != "2020-04-10" {
		t.Errorf("last correction %s", got)
	}
	var revised []string
	for _, v := range h.Vintages {
		if v.Revised {
			revised = append(revised, v.Target+" "+v.Month.String()+" "+v.Release.Format("2006-01-02")+" "+v.Figure.String())
		}
	}
	want := []string{
		"vu-viec 2020-01 2020-04-10 100 (2/2), met",
		"vu-viec 2020-02 2020-04-10 100 (3/3), met",
		"vu-viec 2020-03 2020-04-10 100 (3/3), met",
	}
	if strings.Join(revised, "\n") != strings.Join(want, "\n") {
		t.Errorf("revised vintages:\n%s\nwant:\n%s", strings.Join(revised, "\n"), strings.Join(want, "\n"))
	}
}

// TestVintages releases each month with the data of its time, the later
// reports not yet written, and checks that the vintage table gives back
// exactly the figures computed then.
func TestVintages(t *testing.T) {
	full := site(t)
	later := map[string]*fstest.MapFile{}
	for _, m := range []string{"2020-02", "2020-03"} {
		p := "data/reports/" + m + ".toml"
		later[m], full[p] = full[p], nil
		delete(full, p)
	}
	then := map[model.Month][]release.Figure{}
	for _, m := range []string{"2020-01", "2020-02", "2020-03"} {
		if f := later[m]; f != nil {
			full["data/reports/"+m+".toml"] = f
		}
		releaseMonth(t, full, m)
		_, p := compute(t, full)
		month, _ := model.ParseMonth(m)
		then[month] = release.Figures(p, month)
	}
	h, problems := check(t, full)
	if problems != "" {
		t.Fatal(problems)
	}
	got := map[model.Month][]release.Figure{}
	for _, v := range h.Vintages {
		if v.Revised {
			t.Errorf("a revised vintage with no correction: %+v", v)
		}
		got[v.Month] = append(got[v.Month], v.Figure)
	}
	if len(got) != 3 {
		t.Fatalf("vintages of %d months, want 3", len(got))
	}
	_, now := compute(t, full)
	for m, figs := range then {
		if len(got[m]) != len(figs) {
			t.Fatalf("%s: %d figures, want %d", m, len(got[m]), len(figs))
		}
		for i, f := range figs {
			if g := got[m][i]; g != f {
				t.Errorf("%s: vintage %+v, released %+v", m, g, f)
			}
			// A later report does not change a month's figures.
			if n := release.Figures(now, m)[i]; n != f {
				t.Errorf("%s: computed now %+v, released %+v", m, n, f)
			}
		}
	}
}

func TestRefuse(t *testing.T) {
	const feb = "data/reports/2020-02.toml"
	fsys := site(t)
	published := fsys[feb]
	fsys[feb] = &fstest.MapFile{Data: bytes.Replace(published.Data, []byte("published = 2020-03-02\n"), nil, 1)}
	releaseMonth(t, fsys, "2020-01")
	releaseMonth(t, fsys, "2020-03") // February is a draft: it does not hold March back
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("[[press]]\ndate = 2020-04-05\ntitle = \"Tin 4\"\n")}
	l, err := release.Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ledger := string(fsys[release.Path].Data)
	tests := []struct {
		month, want string
		publish     bool // February published late
	}{
		{"2020-01", fmt.Sprintf("data/releases.toml:%d:1: 2020-01 is already released, on 2020-02-03", lineOf(ledger, 1)), false},
		{"2020-03", fmt.Sprintf("data/releases.toml:%d:1: 2020-03 is already released, on 2020-04-02", lineOf(ledger, 2)), false},
		{"2020-02", "data/reports/2020-02.toml: the report for 2020-02 is not published", false},
		{"2020-02", fmt.Sprintf("data/releases.toml:%d:1: 2020-02 comes before 2020-03, the latest release", lineOf(ledger, 2)), true},
		{"2020-04", "data/reports/2020-04.toml: the report for 2020-04 is not published", false},
	}
	for _, tt := range tests {
		if tt.publish {
			fsys[feb] = published
		}
		s, _ := compute(t, fsys)
		m, _ := model.ParseMonth(tt.month)
		err := release.Refuse(s, l, m)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("release %s: %v, want %q", tt.month, err, tt.want)
		}
	}
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("published = 2020-05-04\n")}
	s, _ := compute(t, fsys)
	if err := release.Refuse(s, l, model.Month{Year: 2020, Mon: 4}); err != nil {
		t.Errorf("release 2020-04: %v", err)
	}
	fsys["data/reports/2020-05.toml"] = &fstest.MapFile{Data: []byte("published = 2020-06-04\n")}
	edit(t, fsys, "site.toml", `end = "2020-04"`, `end = "2020-05"`)
	s, _ = compute(t, fsys)
	if err := release.Refuse(s, l, model.Month{Year: 2020, Mon: 5}); err == nil || !strings.HasPrefix(err.Error(), "data/reports/2020-04.toml: 2020-04 is published but not released") {
		t.Errorf("release 2020-05 before 2020-04: %v", err)
	}
	if err := release.Refuse(s, l, model.Month{Year: 2020, Mon: 6}); err == nil || !strings.HasPrefix(err.Error(), "data/reports/2020-06.toml: there is no report for 2020-06") {
		t.Errorf("release 2020-06: %v", err)
	}
}

// TestEncode checks that an entry read back from its TOML has the same
// figures, to the last bit, and so the same hash.
func TestEncode(t *testing.T) {
	fsys := released(t)
	l, err := release.Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s, p := compute(t, fsys)
	for _, e := range l.Entries {
		if want := release.Figures(p, e.Month); !equalFigures(e.Figures, want) {
			t.Errorf("%s: read %+v, computed %+v", e.Month, e.Figures, want)
		}
	}
	feb := l.Entry(model.Month{Year: 2020, Mon: 2})
	if f := feb.Figures[2]; f.Value != 200.0/3 {
		t.Errorf("vu-viec of 2020-02 reads back as %v, want %v", f.Value, 200.0/3)
	}
	_ = s
}

func equalFigures(a, b []release.Figure) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWithoutLedger(t *testing.T) {
	fsys := site(t)
	h, problems := check(t, fsys)
	if h != nil || problems != "" {
		t.Errorf("a site without a ledger: history %v, problems %s", h, problems)
	}
	correct(t, fsys, "2020-01", "2020-04-10")
	if _, problems := check(t, fsys); problems != `data/reports/2020-03.toml:8:1: 2020-01 has no release: the site has no data/releases.toml, and only released figures are corrected; remove this correction (a month not yet released is simply edited)` {
		t.Errorf("a correction without a ledger: %s", problems)
	}
}

// TestDeterministic builds a site with a ledger twice: the files are the
// same, byte for byte; without the ledger the site has no page of releases
// and no vintage tables.
func TestDeterministic(t *testing.T) {
	fsys := released(t)
	render1 := func(fsys fstest.MapFS) render.Files {
		t.Helper()
		res, err := build.Render(t.Context(), fsys, render.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Files
	}
	a, b := render1(fsys), render1(fsys)
	if len(a) != len(b) {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
	delete(fsys, release.Path)
	c := render1(fsys)
	for _, name := range []string{"phien-ban/index.html", "du-lieu/chi-tieu-phien-ban.csv", "du-lieu/phien-ban.toml"} {
		if a[name] == nil || c[name] != nil {
			t.Errorf("%s: with the ledger %v, without %v; want only with it", name, a[name] != nil, c[name] != nil)
		}
	}
}

func TestStatusMoves(t *testing.T) {
	fsys := released(t)
	h, problems := check(t, fsys)
	if problems != "" {
		t.Fatal(problems)
	}
	var got []string
	for _, e := range h.Ledger.Entries {
		for _, m := range h.Ledger.StatusMoves(e) {
			got = append(got, e.Month.String()+" "+m.Target+" "+string(m.From)+" → "+string(m.To))
		}
	}
	want := []string{
		"2020-02 tuyen-truyen on_track → met",
		"2020-02 bao-chi met → not_met",
		"2020-02 lanh-manh on_track → met",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("status moves:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f, ok := h.Released("bao-chi", model.Month{Year: 2020, Mon: 3}); !ok || f.Value != 1 || f.Status != progress.NotMet {
		t.Errorf("bao-chi of 2020-03 as released: %+v, %v", f, ok)
	}
	if _, ok := h.Released("bao-chi", model.Month{Year: 2020, Mon: 4}); ok {
		t.Error("2020-04 has a released figure, but no release")
	}
}
