package build_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// FuzzSite changes one input file of the small site (its data, content or
// layouts) and runs check, then, if check found no error, a build into
// memory, which must succeed. Unlike the fuzzers of load, this goes through render.
func FuzzSite(f *testing.F) {
	site := sitetest.WithTheme(f, sitetest.Load(f, "small")) // its layouts are fuzzed too
	var names []string
	for _, name := range slices.Sorted(maps.Keys(site)) {
		if !strings.HasPrefix(name, "static/") {
			names = append(names, name)
		}
	}
	for i, name := range names {
		f.Add(uint(i), site[name].Data)
	}
	at := func(name string) uint { return uint(slices.Index(names, name)) }
	f.Add(at("layouts/about.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`))
	f.Add(at("layouts/targets.html"), []byte(`{{define "main"}}{{if}}{{end}}{{end}}`))
	f.Add(at("content/gioi-thieu.md"), []byte("+++\ntitle = \"x\"\n+++\n"+strings.Repeat("- ", 40)+"x\n"))
	f.Add(at("data/targets.toml"), []byte(strings.Replace(string(site["data/targets.toml"].Data), `id = "tuyen-truyen"`, `id = ".."`, 1)))
	f.Fuzz(func(t *testing.T, i uint, data []byte) {
		fsys := maps.Clone(site)
		fsys[names[i%uint(len(names))]] = &fstest.MapFile{Data: data, Mode: 0o644}
		problems, err := build.Check(t.Context(), fsys)
		if err != nil {
			t.Fatal(err)
		}
		errs := 0
		for _, p := range problems {
			if !p.Warning {
				errs++
			}
		}
		if errs > 0 {
			return
		}
		if _, err := build.Render(t.Context(), fsys, render.Options{}, nil); err != nil {
			t.Errorf("check found no error, the build failed:\n%v", err)
		}
	})
}
