package load

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// TestUnitsFill checks that unitsFile.fill fills what the decoder does from
// the units files of the example site, the test sites and a synthetic
// province, and that it leaves to the decoder what it does not expect.
func TestUnitsFill(t *testing.T) {
	srcs := map[string]string{}
	b, err := os.ReadFile("../../data/units.toml")
	if err != nil {
		t.Fatal(err)
	}
	srcs["example"] = string(b)
	archives, _ := filepath.Glob("../../testdata/sites/*.txtar")
	for _, p := range archives {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if f := sitetest.Parse(string(b))[unitsPath]; f != nil {
			srcs[p] = string(f.Data)
		}
	}
	dir := t.TempDir()
	if err := gensite.Write(dir, gensite.Scales["province"], 1); err != nil {
		t.Fatal(err)
	}
	if b, err = os.ReadFile(filepath.Join(dir, "data", "units.toml")); err != nil {
		t.Fatal(err)
	}
	srcs["province"] = string(b)
	filled := 0
	for name, src := range srcs {
		var got, want unitsFile
		if !fillThrough(src, &got) {
			continue
		}
		filled++
		if _, err := toml.Decode(src, &want); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fill differs from the decoder", name)
		}
	}
	if filled < 3 {
		t.Errorf("fill read %d of %d units files", filled, len(srcs))
	}
	for _, src := range []string{
		"Source = \"x\"\n",
		"source = 1\n",
		"[[levels]]\nid = \"a\"\nname = \"A\"\nextra = \"x\"\n",
		"[[levels]]\nID = \"a\"\n",
		"[[units]]\ncode = 1\n",
		"[[units]]\ncode = \"1\"\nlevel = [\"a\"]\n",
		"levels = [\"a\"]\n",
		"[units]\ncode = \"1\"\n",
	} {
		var uf unitsFile
		if fillThrough(src, &uf) {
			t.Errorf("fill accepted %q", src)
		}
	}
}

// fillThrough decodes src into uf the way units does, through
// tomlfile.File.DecodeSimple, and reports whether uf.fill read it (and the
// decoder was not needed).
func fillThrough(src string, uf *unitsFile) bool {
	f := tomlfile.Parse(unitsPath, []byte(src), &diag.List{}, nil)
	if f == nil {
		return false
	}
	filled := false
	f.DecodeSimple(uf, func(raw map[string]any) bool {
		filled = uf.fill(raw)
		return filled
	}, nil)
	return filled
}
