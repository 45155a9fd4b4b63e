package tomlfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// simpleCases are written in the subset decodeSimple reads (true) or not
// (false), near its edges.
var simpleCases = []struct {
	src    string
	simple bool
}{
	{"", true},
	{"# a comment\n\npublished = 2017-04-05\n", true},
	{"published = 2017-04-05 # late\n", true},
	{"a = \"Hội nghị\"\nb = -12\nc = 0\nd = true\ne = false\nf = [\"x\", 1, true]\ng = []\n", true},
	{"[[o]]\nunit = \"00009\"\ndate = 2016-05-10\n\n[[o]]\nunit = \"x\"\n[s]\nunits = [\"a\",\"b\"]\n", true},
	{"x = 1", true},
	{"x = \"\"\n", true},
	{"x = \"a\" # tab\tand é\n", true},
	// Valid TOML outside the subset.
	{"x = 1.5\n", false},
	{"x = 1_000\n", false},
	{"x = +1\n", false},
	{"x = 0x1f\n", false},
	{"x = 'lit'\n", false},
	{"x = \"a\\tb\"\n", false},
	{"x = \"\"\"\nab\"\"\"\n", false},
	{"x = \"a\tb\"\n", false},
	{"x = \"\u0085\"\n", false},
	{"x = 2017-04-05T10:00:00\n", false},
	{"x = 2017-04-05 10:00:00\n", false},
	{"x = [2017-04-05]\n", false},
	{"x = [\n1,\n]\n", false},
	{"x = [1,]\n", false},
	{"x = [[1], [2]]\n", false},
	{"x = {a = 1}\n", false},
	{"a.b = 1\n", false},
	{"\"a\" = 1\n", false},
	{"[a.b]\nx = 1\n", false},
	{"[ a ]\nx = 1\n", false},
	{"x = 1\r\n", false},
	{"\ufeffx = 1\n", false},
	{"x = 1 # \x01\n", false},
	// Not TOML at all, or not valid.
	{"x = 1\nx = 2\n", false},
	{"[a]\n[a]\n", false},
	{"a = 1\n[a]\n", false},
	{"[[a]]\n[a]\n", false},
	{"[a]\n[[a]]\n", false},
	{"a = []\n[[a]]\n", false},
	{"x = 007\n", false},
	{"x = 2017-02-30\n", false},
	{"x = 2017-4-05\n", false},
	{"x = 99999999999999999999\n", false},
	{"x = \"open\n", false},
	{"x = truex\n", false},
	{"x = 1 y = 2\n", false},
	{"x =\n", false},
	{"= 1\n", false},
	{"x = \"\xff\"\n", false},
}

// TestDecodeSimple checks that decodeSimple reads what it should, and that
// what it reads the decoder reads the same, without error.
func TestDecodeSimple(t *testing.T) {
	for _, c := range simpleCases {
		got, ok := decodeSimple(c.src)
		if ok != c.simple {
			t.Errorf("decodeSimple(%q) ok = %v, want %v", c.src, ok, c.simple)
		}
		if ok {
			sameAsDecoder(t, c.src, got)
		}
	}
}

// TestDecodeSimpleReports checks decodeSimple against the decoder on the
// reports of the example site and of the test sites.
func TestDecodeSimpleReports(t *testing.T) {
	files, _ := filepath.Glob("../../data/reports/*.toml")
	n := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := decodeSimple(string(b)); ok {
			sameAsDecoder(t, string(b), got)
			n++
		}
	}
	archives, _ := filepath.Glob("../../testdata/sites/*.txtar")
	for _, p := range archives {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range sitetest.Parse(string(b)) {
			if strings.HasPrefix(name, "data/reports/") {
				if got, ok := decodeSimple(string(f.Data)); ok {
					sameAsDecoder(t, string(f.Data), got)
					n++
				}
			}
		}
	}
	if n < len(files) {
		t.Errorf("decodeSimple read %d reports, fewer than the example site's %d", n, len(files))
	}
}

func sameAsDecoder(t testing.TB, src string, got map[string]any) {
	t.Helper()
	var want map[string]any
	if _, err := toml.Decode(src, &want); err != nil {
		t.Fatalf("decodeSimple read %q, which the decoder refuses: %v", src, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeSimple(%.200q…) differs from the decoder:\n got %.300v…\nwant %.300v…", src, got, want)
	}
}

func FuzzDecodeSimple(f *testing.F) {
	for _, c := range simpleCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, ok := decodeSimple(src); ok {
			sameAsDecoder(t, src, got)
		}
	})
}
