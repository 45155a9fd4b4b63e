package edit

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/model"
)

// FuzzEncode checks that whatever is typed in the form, the report written
// is TOML that reads back as the same texts: no value can end its string,
// add a key or a table, or break the file.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "a", `"`, `\`, "x\"\n[[press]]\nunit = \"1\"", "\t", "\r\n", "\u2028", "# c", "'''", `"""`, "\x00", "\x7f", "\xff", "Xã Khánh Hội", "12", "2017-12-05", "1e5", "-0"} {
		f.Add(s, s)
	}
	min0 := 0.0
	kinds := []*model.Kind{{ID: "press", Fields: []*model.Field{
		{ID: "date", Type: model.Date}, {ID: "title", Type: model.Text}, {ID: "n", Type: model.Int, Min: &min0},
	}}}
	f.Fuzz(func(t *testing.T, a, b string) {
		v := Values{
			Published: a,
			Records:   map[string][]Row{"press": {{"date": a, "title": b, "n": b}, {"title": a, b: a}}},
			Changes:   []Row{{"list": a, "note": b, "scores." + a: b}},
			Submitted: &Submitted{Agencies: []string{a, b}},
		}
		w := Encode(v, "", kinds, model.NewRegistry("", nil, nil))
		var raw map[string]any
		if _, err := toml.Decode(w.Text, &raw); err != nil {
			t.Fatalf("not TOML: %v\n%s", err, w.Text)
		}
		if len(w.Keys) != strings.Count(w.Text, "\n") {
			t.Fatalf("%d keys for %d lines", len(w.Keys), strings.Count(w.Text, "\n"))
		}
		if !utf8.ValidString(b) || strings.TrimSpace(b) == "" {
			return
		}
		press, _ := raw["press"].([]map[string]any)
		if len(press) != 2 || press[0]["title"] != b {
			t.Fatalf("title %q read back as %#v\n%s", b, raw["press"], w.Text)
		}
		subs, _ := raw["submitted"].(map[string]any)
		if ag, _ := subs["agencies"].([]any); len(ag) != 2 || ag[1] != b {
			t.Fatalf("agency %q read back as %#v", b, subs)
		}
	})
}

// FuzzPaste checks that any pasted text is read without a panic, and that
// every row is either read or rejected.
func FuzzPaste(f *testing.F) {
	for _, s := range []string{"", "\n\n", "11\t2017-12-01", "Đơn vị\tNgày\n\"a\tb\"\t\"x\"\"y\n", "\"", "\t\t\t\t\t", "Khánh Hội — Huyện Kim Sơn\t1/2/2017"} {
		f.Add(s)
	}
	k, units := pasteSite()
	f.Fuzz(func(t *testing.T, text string) {
		rows, lines, rejected := Paste(text, k, units, "xã")
		if len(rows) != len(lines) {
			t.Fatalf("%d rows at %d lines", len(rows), len(lines))
		}
		for _, r := range rejected {
			if r.Reason == "" {
				t.Fatalf("rejected without a reason: %+v", r)
			}
		}
	})
}

// TestCommentsFound checks which lines are comments: not a # in a string.
func TestCommentsFound(t *testing.T) {
	src := "# head\n# more\n\nkey = \"a # not a comment\" # tail\n'b#' = 1\nx = \"\"\"\n# in a string\n\"\"\"\n  # indented\n"
	if got, want := Header(src), "# head\n# more\n"; got != want {
		t.Errorf("Header: %q, want %q", got, want)
	}
	got := comments(src)
	want := []string{"head", "more", "tail", "indented"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("comments: %q, want %q", got, want)
	}
	if d := Dropped(src, "# head\n# more\n# tail\n"); strings.Join(d, "|") != "indented" {
		t.Errorf("Dropped: %q", d)
	}
}
