package build_test

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/serve"
	"github.com/minhbach/minhbach/internal/write"
)

var (
	scaleOnce sync.Once
	scaleDir  string
)

// TestMain removes the generated sites once the tests and benchmarks have
// run: on the RAM disk they hold memory.
func TestMain(m *testing.M) {
	code := m.Run()
	if scaleDir != "" {
		os.RemoveAll(scaleDir)
	}
	os.Exit(code)
}

// scaleSite returns the folder of a generated site of the given scale,
// written once per test binary run.
func scaleSite(b *testing.B, scale string) string {
	b.Helper()
	scaleOnce.Do(func() {
		dir, err := os.MkdirTemp(workRoot(), "minhbach-scale-")
		if err != nil {
			b.Fatal(err)
		}
		scaleDir = dir
	})
	dir := filepath.Join(scaleDir, scale)
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir
	}
	if err := gensite.Write(dir, gensite.Scales[scale], 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkStages measures each stage of the pipeline at each scale:
// go test -run '^$' -bench Stages -benchtime 3x ./internal/build/
func BenchmarkStages(b *testing.B) {
	for _, scale := range []string{"province", "region", "national"} {
		dir := scaleSite(b, scale)
		fsys, closeSite, err := load.Dir(dir)
		if err != nil {
			b.Fatal(err)
		}
		s, err := load.Site(fsys)
		if err != nil {
			b.Fatal(err)
		}
		p := progress.Compute(s)
		var mem render.Memory
		stats, err := render.Site(b.Context(), s, p, render.Options{}, &mem)
		if err != nil {
			b.Fatal(err)
		}
		files, pages := mem.Files, stats.Pages
		b.Run(scale+"/load", func(b *testing.B) {
			for b.Loop() {
				if _, err := load.Site(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(scale+"/compute", func(b *testing.B) {
			for b.Loop() {
				progress.Compute(s)
			}
		})
		b.Run(scale+"/render", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := render.Site(b.Context(), s, p, render.Options{}, &render.Memory{}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(pages), "pages")
		})
		b.Run(scale+"/write", func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				if err := write.Dir(b.Context(), out, files); err != nil {
					b.Fatal(err)
				}
			}
		})
		closeSite()
	}
}

// ramDisk is where Linux mounts a file system in memory.
const ramDisk = "/dev/shm"

// workRoot returns the folder for generated sites and outputs: the RAM
// disk when there is one that can be written to, so that whole builds
// measure the tool rather than the disk, else the temporary folder.
func workRoot() string {
	if dir, err := os.MkdirTemp(ramDisk, "minhbach-probe-"); err == nil {
		os.Remove(dir)
		return ramDisk
	}
	return os.TempDir()
}

// BenchmarkBuildScale measures whole builds, written to the RAM disk when
// there is one (else to the temporary folder), at each scale; each build
// after the first replaces the output of the one before, as a rebuild does:
// go test -run '^$' -bench BuildScale -benchtime 3x ./internal/build/
func BenchmarkBuildScale(b *testing.B) {
	for _, scale := range []string{"province", "region", "national"} {
		dir := scaleSite(b, scale)
		b.Run(scale, func(b *testing.B) {
			fsys, closeSite, err := load.Dir(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer closeSite()
			tmp, err := os.MkdirTemp(workRoot(), "minhbach-out-")
			if err != nil {
				b.Fatal(err)
			}
			defer os.RemoveAll(tmp)
			out := filepath.Join(tmp, "public")
			var pages int
			cpu := cpuTime()
			for b.Loop() {
				res, err := build.Build(b.Context(), fsys, out)
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
		})
	}
}

// reportCPU reports the CPU time per operation used since start, on all
// cores (user and system, as the shell's time says), where the system tells.
func reportCPU(b *testing.B, start time.Duration) {
	if end := cpuTime(); end > 0 {
		b.ReportMetric(float64((end-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkRebuildAfterEdit measures what the preview server does after an
// editor saves one report: load (with the cache of parsed files), compute,
// render in memory, with the collector set as serve sets it
// (serve.GCPercent, serve.MemLimit) unless GOGC or GOMEMLIMIT is set.
// go test -run '^$' -bench RebuildAfterEdit -benchtime 5x ./internal/build/
func BenchmarkRebuildAfterEdit(b *testing.B) {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(serve.GCPercent))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(serve.MemLimit))
	}
	for _, scale := range []string{"province", "national"} {
		dir := scaleSite(b, scale)
		b.Run(scale, func(b *testing.B) {
			fsys, closeSite, err := load.Dir(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer closeSite()
			cache := load.NewCache()
			if _, err := build.Render(b.Context(), fsys, render.Options{}, cache); err != nil {
				b.Fatal(err)
			}
			report := filepath.Join(dir, "data", "reports", "2016-06.toml")
			orig, err := os.ReadFile(report)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(report, orig, 0o644)
			i := 0
			for b.Loop() {
				i++
				b.StopTimer()
				os.WriteFile(report, append(orig, []byte("# edit "+strconv.Itoa(i)+"\n")...), 0o644)
				b.StartTimer()
				if _, err := build.Render(b.Context(), fsys, render.Options{}, cache); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
