package edit

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

const host = "127.0.0.1:1313"

// newEditor returns an editor of a copy of the test site name on disk.
func newEditor(t *testing.T, name string) (*Editor, string) {
	t.Helper()
	dir := sitetest.WriteDir(t, name)
	e := New(dir, func() (fs.FS, func() error, error) { return load.Dir(dir) }, func(h string) bool { return h == host })
	return e, dir
}

// get serves a GET and decodes its JSON answer into v.
func get(t *testing.T, e *Editor, target string, v any) {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	r.Host = host
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}

// post serves a POST of body with the given headers.
func post(e *Editor, name string, body any, headers map[string]string) *httptest.ResponseRecorder {
	b, _ := json.Marshal(body)
	r := httptest.NewRequest("POST", Prefix+name, bytes.NewReader(b))
	r.Host = host
	for k, v := range headers {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w
}

var own = map[string]string{"Origin": "http://" + host}

// saveBody is a save of month m's values as loaded, plus a record.
func saveBody(t *testing.T, e *Editor, month string) map[string]any {
	t.Helper()
	var d pageData
	get(t, e, Prefix+"data?month="+month, &d)
	if len(d.Locked) > 0 {
		t.Fatalf("locked: %v", d.Locked)
	}
	return map[string]any{"token": e.token, "month": d.Month, "hash": d.Hash, "postHash": d.PostHash, "values": d.Values}
}

func TestPostRefused(t *testing.T) {
	e, dir := newEditor(t, "small")
	var d pageData
	get(t, e, Prefix+"data", &d)
	body := saveBody(t, e, d.Month)
	report := filepath.Join(dir, filepath.FromSlash(ReportPath(mustMonth(t, d.Month))))
	before, _ := os.ReadFile(report)
	withToken := func(tok string) map[string]any {
		b := map[string]any{}
		for k, v := range body {
			b[k] = v
		}
		b["token"] = tok
		return b
	}
	for _, tc := range []struct {
		name    string
		body    map[string]any
		headers map[string]string
	}{
		{"no token", withToken(""), own},
		{"wrong token", withToken(strings.Repeat("0", 64)), own},
		{"no origin nor referer", body, nil},
		{"other origin", body, map[string]string{"Origin": "http://evil.example"}},
		{"null origin", body, map[string]string{"Origin": "null"}},
		{"other referer", body, map[string]string{"Referer": "http://evil.example/_minhbach/edit/"}},
		{"origin of another port", body, map[string]string{"Origin": "http://127.0.0.1:9999"}},
		{"other host", body, map[string]string{"Origin": "http://evil.example", "Host": "evil.example"}},
		{"rebound host with its own origin", body, map[string]string{"Origin": "http://evil.example:1313", "Host": "evil.example:1313"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"save", "check", "paste", "preview"} {
				if w := post(e, name, tc.body, tc.headers); w.Code != http.StatusForbidden {
					t.Errorf("%s: %d %s, want 403", name, w.Code, w.Body)
				}
			}
		})
	}
	after, _ := os.ReadFile(report)
	if !bytes.Equal(before, after) {
		t.Error("a refused save wrote the report")
	}
	// The same body with the token and the page's own origin is saved; a
	// Referer stands for a missing Origin.
	if w := post(e, "save", body, map[string]string{"Referer": "http://" + host + Prefix}); w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
}

func TestConflict(t *testing.T) {
	e, dir := newEditor(t, "small")
	var d pageData
	get(t, e, Prefix+"data", &d)
	body := saveBody(t, e, d.Month)
	report := filepath.Join(dir, filepath.FromSlash(ReportPath(mustMonth(t, d.Month))))
	edited := []byte("# edited by hand in another editor\n")
	was, _ := os.ReadFile(report)
	if err := os.WriteFile(report, append(edited, was...), 0o644); err != nil {
		t.Fatal(err)
	}
	w := post(e, "save", body, own)
	if w.Code != http.StatusConflict {
		t.Fatalf("save after a change by hand: %d %s, want 409", w.Code, w.Body)
	}
	if now, _ := os.ReadFile(report); !bytes.HasPrefix(now, edited) {
		t.Error("the file edited by hand was overwritten")
	}
	// A file changed by hand while the save checks the site (after its
	// first hash check, before the rename) is not overwritten either.
	body = saveBody(t, e, d.Month)
	late := []byte("# edited by hand while the form saved\n")
	e.staged = func() {
		if err := os.WriteFile(report, late, 0o644); err != nil {
			t.Error(err)
		}
	}
	w = post(e, "save", body, own)
	e.staged = nil
	if w.Code != http.StatusConflict {
		t.Errorf("save while the file is changed by hand: %d %s, want 409", w.Code, w.Body)
	}
	if now, _ := os.ReadFile(report); !bytes.Equal(now, late) {
		t.Errorf("the file changed during the save was overwritten:\n%s", now)
	}
	if tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(report), ".minhbach-edit-*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	// The post is guarded the same way.
	body = saveBody(t, e, d.Month)
	body["postHash"] = strings.Repeat("a", 64)
	if w := post(e, "save", body, own); w.Code != http.StatusConflict {
		t.Errorf("save with an out-of-date post: %d, want 409", w.Code)
	}
}

// TestConfined checks that a save writes only the month's files, whatever
// the request says: a month outside the period, or written as a path, is
// refused, and a report folder that is a symbolic link out of the site is
// not followed.
func TestConfined(t *testing.T) {
	e, dir := newEditor(t, "small")
	var d pageData
	get(t, e, Prefix+"data", &d)
	for _, month := range []string{"../../etc/passwd", "1999-01", "2017-13", "data/reports/x", ""} {
		body := saveBody(t, e, d.Month)
		body["month"] = month
		if w := post(e, "save", body, own); w.Code != http.StatusBadRequest {
			t.Errorf("month %q: %d %s, want 400", month, w.Code, w.Body)
		}
	}
	outside := t.TempDir()
	reports := filepath.Join(dir, "data", "reports")
	moved := filepath.Join(outside, "reports")
	if err := os.Rename(reports, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(moved, reports); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	rp := ReportPath(mustMonth(t, d.Month))
	if _, err := e.commit(map[string][]byte{rp: []byte("x = 1\n")}, map[string]loadedFile{rp: {}}); err == nil {
		t.Error("a write followed a symbolic link out of the site folder")
	}
	entries, _ := os.ReadDir(moved)
	for _, en := range entries {
		if b, _ := os.ReadFile(filepath.Join(moved, en.Name())); string(b) == "x = 1\n" {
			t.Errorf("%s was written outside the site folder", en.Name())
		}
	}
}

func TestSaveShowsCheckMessages(t *testing.T) {
	e, _ := newEditor(t, "small")
	var d pageData
	get(t, e, Prefix+"data", &d)
	body := saveBody(t, e, d.Month)
	v := d.Values
	var kind *kindInfo
	for i := range d.Kinds {
		for _, f := range d.Kinds[i].Fields {
			if f.ID == "date" {
				kind = &d.Kinds[i]
			}
		}
	}
	if kind == nil {
		t.Skip("no kind with a date")
	}
	row := Row{"date": "1999-01-01"}
	if kind.Level != "" {
		row["unit"] = d.Units[kind.Level][0].Code
	}
	v.Records[kind.ID] = append(v.Records[kind.ID], row)
	body["values"] = v
	w := post(e, "save", body, own)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("save of a wrong date: %d %s, want 422", w.Code, w.Body)
	}
	var f failure
	json.Unmarshal(w.Body.Bytes(), &f)
	key := "records." + kind.ID + "." + itoa(len(v.Records[kind.ID])-1) + ".date"
	found := false
	for _, p := range f.Problems {
		if p.Key == key && regexp.MustCompile(`^date 1999-01-01 is not in \d{4}-\d\d, the month of this report`).MatchString(p.Msg) {
			found = true
		}
	}
	if !found {
		t.Errorf("no message at %s: %+v", key, f.Problems)
	}
}

// TestCorrection changes a released month that is not the latest: the save
// is refused until the form gives a correction, which is appended to the
// latest published report, whose own text is kept.
func TestCorrection(t *testing.T) {
	dir := sitetest.CopyExample(t)
	e := New(dir, func() (fs.FS, func() error, error) { return load.Dir(dir) }, func(h string) bool { return h == host })
	body := saveBody(t, e, "2017-11")
	v := body["values"].(Values)
	v.Records["press"] = append(v.Records["press"], Row{"date": "2017-11-20", "outlet": "Báo thử", "press_level": "tỉnh", "medium": "báo in", "title": "Tin thêm"})
	body["values"] = v
	nov := filepath.Join(dir, "data", "reports", "2017-11.toml")
	dec := filepath.Join(dir, "data", "reports", "2017-12.toml")
	novWas, _ := os.ReadFile(nov)
	decWas, _ := os.ReadFile(dec)

	w := post(e, "save", body, own)
	var f failure
	json.Unmarshal(w.Body.Bytes(), &f)
	if w.Code != http.StatusUnprocessableEntity || !f.NeedCorrection {
		t.Fatalf("a change of a released month without a correction: %d %s", w.Code, w.Body)
	}
	if now, _ := os.ReadFile(nov); !bytes.Equal(now, novWas) {
		t.Fatal("the refused save wrote the report")
	}

	// A correction dated before the month's release: check's message, at
	// the correction's date.
	body["correction"] = Row{"date": "2017-11-15", "what": "Thêm một tin", "why": "Sót"}
	w = post(e, "save", body, own)
	f = failure{}
	json.Unmarshal(w.Body.Bytes(), &f)
	found := false
	for _, p := range f.Problems {
		found = found || p.Key == "correction.date" && strings.Contains(p.Msg, "a correction is made after the release")
	}
	if w.Code != http.StatusUnprocessableEntity || !found {
		t.Fatalf("a correction before the release: %d %s", w.Code, w.Body)
	}

	body["correction"] = Row{"date": "2018-02-01", "what": "Thêm một tin", "why": "Sót"}
	if w := post(e, "save", body, own); w.Code != 200 {
		t.Fatalf("save with a correction: %d %s", w.Code, w.Body)
	}
	decNow, _ := os.ReadFile(dec)
	want := string(decWas) + "\n[[corrections]]\nmonth = \"2017-11\"\ndate = 2018-02-01\nwhat = \"Thêm một tin\"\nwhy = \"Sót\"\n"
	if string(decNow) != want {
		t.Errorf("2017-12.toml after the save:\n%s\nwant its text and the correction", decNow[max(0, len(decNow)-300):])
	}
	fsys, closeSite, _ := load.Dir(dir)
	defer closeSite()
	errs, err := build.Check(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range errs {
		if !x.Warning {
			t.Errorf("check after the save: %v", x)
		}
	}
}

// TestComments checks what a save does with comments written by hand: the
// first block is kept, the others are listed before the save, then gone.
func TestComments(t *testing.T) {
	e, dir := newEditor(t, "small")
	report := filepath.Join(dir, "data", "reports", "2020-02.toml")
	was, _ := os.ReadFile(report)
	hand := "# Header by hand\n# second line\n\n" + strings.Replace(string(was), "\n[", "\n# a note by hand\n[", 1)
	if err := os.WriteFile(report, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	var d pageData
	get(t, e, Prefix+"data?month=2020-02", &d)
	if len(d.Dropped) != 1 || d.Dropped[0] != "a note by hand" {
		t.Errorf("dropped comments %q, want the note", d.Dropped)
	}
	if w := post(e, "save", saveBody(t, e, "2020-02"), own); w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	now, _ := os.ReadFile(report)
	if !strings.HasPrefix(string(now), "# Header by hand\n# second line\n\n") || strings.Contains(string(now), "a note by hand") {
		t.Errorf("saved:\n%s", now)
	}
}

// TestLocked checks that a report holding what the form cannot show is not
// saved over: the editor says what, and a save is refused.
func TestLocked(t *testing.T) {
	e, dir := newEditor(t, "small")
	report := filepath.Join(dir, "data", "reports", "2020-02.toml")
	was, _ := os.ReadFile(report)
	if err := os.WriteFile(report, append([]byte("bogus = true\n"), was...), 0o644); err != nil {
		t.Fatal(err)
	}
	var d pageData
	get(t, e, Prefix+"data?month=2020-02", &d)
	if len(d.Locked) != 1 || !strings.Contains(d.Locked[0], `"bogus" is not a record kind`) {
		t.Fatalf("locked %q", d.Locked)
	}
	body := map[string]any{"token": e.token, "month": "2020-02", "hash": d.Hash, "postHash": d.PostHash, "values": Values{Records: map[string][]Row{}}}
	if w := post(e, "save", body, own); w.Code != http.StatusConflict {
		t.Errorf("save over a locked report: %d %s", w.Code, w.Body)
	}
	if now, _ := os.ReadFile(report); !bytes.HasPrefix(now, []byte("bogus = true\n")) {
		t.Error("the locked report was written")
	}
}

// TestLanguage checks the editor's language: Vietnamese by default,
// English when asked and the site has it, with the data's names
// translated.
func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		site, ask, want string
	}{
		{"small", "", "vi"},
		{"small", "en", "vi"},
		{"bilingual", "", "vi"},
		{"bilingual", "en", "en"},
	} {
		e, _ := newEditor(t, tc.site)
		var d pageData
		get(t, e, Prefix+"data?lang="+tc.ask, &d)
		if d.Lang != tc.want || d.Texts["save"] != map[string]string{"vi": "Lưu", "en": "Save"}[tc.want] {
			t.Errorf("%s asked %q: %s, save is %q", tc.site, tc.ask, d.Lang, d.Texts["save"])
		}
	}
}
