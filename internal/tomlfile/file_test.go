package tomlfile

import (
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/diag"
)

// src places keys in every form the key index knows: tables, arrays of
// tables, dotted and quoted keys, inline tables and a multi-line array.
const src = `title = "T"

[[targets]]
id = "a"
name = { vi = "Tên", en = "Name" }

[[targets]]
id = "b"
where.doi_tuong = "x"
tasks = [
  "một",
  { vi = "hai", en = "two" },
]
"scores"."1.1" = 5
`

func TestFind(t *testing.T) {
	f := New("x.toml", src, &diag.List{})
	for _, tt := range []struct {
		path      string
		line, col int
	}{
		{"title", 1, 1},
		{"targets[0].id", 4, 1},
		{"targets[0].name.en", 5, 22},
		{"targets[1]", 7, 3},
		{"targets[1].where.doi_tuong", 9, 1},
		{"targets[1].missing", 7, 3}, // a missing key: where its table starts
		{`targets[1].scores."1.1"`, 14, 1},
		{"targets[1].tasks[1].en", 10, 1}, // inside a multi-line array: the array's key
	} {
		if line, col := f.Find(tt.path); line != tt.line || col != tt.col {
			t.Errorf("Find(%q) = %d:%d, want %d:%d", tt.path, line, col, tt.line, tt.col)
		}
	}
	if line, col := f.FindValue("targets[1].tasks[1]", "two"); line != 12 || col != 22 {
		t.Errorf("FindValue = %d:%d, want 12:22", line, col)
	}
	if k, ok := f.Written("targets[1].where"); !ok || k != "targets[1].where.doi_tuong" {
		t.Errorf("Written(where) = %q, %v", k, ok)
	}
	if _, ok := f.Written("targets[0].where"); ok {
		t.Error("Written finds a key that is not written")
	}
	if got := KeyPath("targets", 3, "scores", "1.1"); got != `targets[3].scores."1.1"` {
		t.Errorf("KeyPath = %s", got)
	}
}

func TestDecode(t *testing.T) {
	errs := &diag.List{}
	f := New("x.toml", "a = 1\nb = 2\nc = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", errs)
	var v struct{ A int }
	if f.Decode(&v, nil) {
		t.Fatal("a value nested too deeply decodes")
	}
	if got := errs.Err().Error(); !strings.Contains(got, "x.toml:3:37: more than 32 levels") {
		t.Errorf("got %s", got)
	}
	errs = &diag.List{}
	f = New("x.toml", "a = 1\nb = 2\n", errs)
	checked := false
	if f.Decode(&v, func() bool { checked = true; return true }) || !checked {
		t.Errorf("an unknown key decodes (checked: %v)", checked)
	}
	if got := errs.Err().Error(); got != `x.toml:2:1: unknown key "b": check its spelling against the README` {
		t.Errorf("got %s", got)
	}
}
