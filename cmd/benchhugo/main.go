// Command benchhugo measures minhbach against Hugo on the same number of
// pages, side by side in one run.
//
// Usage (from the repository):
//
//	go run ./cmd/benchhugo [-scale national] [-runs 3] [-hugo hugo] [-disk]
//
// It writes the synthetic site of the scale (see cmd/gensite), builds
// minhbach, writes a Hugo site with as many Markdown pages as minhbach's
// build has pages (each ~3 KB: front matter, six paragraphs, a 12-row
// table), then builds both -runs times, alternating, each under
// /usr/bin/time -v, each into an empty output folder, and minhbach once
// more over its previous output (as a monthly update runs). It prints each
// run, then a table of the median wall time, CPU time and peak memory of
// each and the ratios to Hugo.
//
// Both tools read and write in a RAM disk (/dev/shm) when there is one, so
// that the figures measure the tools rather than the disk: writing ten
// thousand small files costs seconds on a slow disk and a tenth of a
// second in memory. -disk works in the system's temporary folder instead.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/gensite"
)

func main() {
	scale := flag.String("scale", "national", "the size of the synthetic site: province, region or national")
	runs := flag.Int("runs", 3, "builds of each site")
	hugo := flag.String("hugo", "hugo", "the hugo command")
	disk := flag.Bool("disk", false, "work in the temporary folder on disk even if there is a RAM disk")
	flag.Parse()
	if err := run(*scale, *runs, *hugo, workRoot(*disk)); err != nil {
		fmt.Fprintln(os.Stderr, "benchhugo:", err)
		os.Exit(1)
	}
}

// ramDisk is where Linux mounts a file system in memory.
const ramDisk = "/dev/shm"

// workRoot returns the folder to work in: the RAM disk if there is one
// that can be written to, unless onDisk, else the temporary folder.
func workRoot(onDisk bool) string {
	if !onDisk {
		if dir, err := os.MkdirTemp(ramDisk, "benchhugo-probe-"); err == nil {
			os.Remove(dir)
			return ramDisk
		}
	}
	return os.TempDir()
}

func run(scale string, runs int, hugo, root string) error {
	sc, ok := gensite.Scales[scale]
	if !ok {
		return fmt.Errorf("unknown scale %q", scale)
	}
	work, err := os.MkdirTemp(root, "benchhugo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	site := filepath.Join(work, "site")
	if err := gensite.Write(site, sc, 1); err != nil {
		return err
	}
	bin := filepath.Join(work, "minhbach")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/minhbach").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	// One build to count the pages.
	out, err := exec.Command(bin, "build", "-src", site, "-out", filepath.Join(work, "out-m")).Output()
	if err != nil {
		return fmt.Errorf("minhbach build: %v", err)
	}
	m := regexp.MustCompile(`built (\d+) pages`).FindSubmatch(out)
	if m == nil {
		return fmt.Errorf("cannot read the page count from %q", out)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	hsite := filepath.Join(work, "hugo")
	if err := writeHugo(hsite, pages); err != nil {
		return err
	}
	hv, _ := exec.Command(hugo, "version").Output()
	where := "on disk"
	if root == ramDisk {
		where = "on the RAM disk"
	}
	fmt.Printf("scale %s: %d pages, read and written %s (%s); %s", scale, pages, where, work, hv)

	// Both tools write into an empty folder (removed before each run,
	// untimed). minhbach also runs over its previous output, as a
	// monthly update does: it then compares every file with the previous
	// one, links those that did not change, swaps the folders and removes
	// the previous one.
	var mb, mo, h []measure
	for i := range runs {
		if err := os.RemoveAll(filepath.Join(work, "out-m")); err != nil {
			return err
		}
		mm, err := timed(bin, "build", "-src", site, "-out", filepath.Join(work, "out-m"))
		if err != nil {
			return err
		}
		if err := os.RemoveAll(filepath.Join(work, "out-h")); err != nil {
			return err
		}
		hm, err := timed(hugo, "--quiet", "-s", hsite, "-d", filepath.Join(work, "out-h"))
		if err != nil {
			return err
		}
		om, err := timed(bin, "build", "-src", site, "-out", filepath.Join(work, "out-m"))
		if err != nil {
			return err
		}
		mb, mo, h = append(mb, mm), append(mo, om), append(h, hm)
		fmt.Printf("run %d: minhbach %.2f s (CPU %.2f s) %d MB, hugo %.2f s (CPU %.2f s) %d MB; minhbach over its previous output %.2f s (CPU %.2f s)\n", i+1, mm.wall, mm.cpu, mm.peakKB>>10, hm.wall, hm.cpu, hm.peakKB>>10, om.wall, om.cpu)
	}
	mWall, hWall := field(mb, func(x measure) float64 { return x.wall }), field(h, func(x measure) float64 { return x.wall })
	mCPU, hCPU := field(mb, func(x measure) float64 { return x.cpu }), field(h, func(x measure) float64 { return x.cpu })
	mMem, hMem := field(mb, func(x measure) int { return x.peakKB }), field(h, func(x measure) int { return x.peakKB })
	mw, hw := median(mWall), median(hWall)
	fmt.Printf("\n| %s, %d pages, %s | wall (median of %d) | per page | CPU (user + system) | peak memory |\n|---|---|---|---|---|\n", scale, pages, where, runs)
	fmt.Printf("| minhbach | %.2f s | %.0f µs | %.2f s | %d MB |\n", mw, mw*1e6/float64(pages), median(mCPU), medianInt(mMem)>>10)
	fmt.Printf("| hugo | %.2f s | %.0f µs | %.2f s | %d MB |\n", hw, hw*1e6/float64(pages), median(hCPU), medianInt(hMem)>>10)
	fmt.Printf("| ratio minhbach / hugo | %.2f | | %.2f | |\n", mw/hw, median(mCPU)/median(hCPU))
	ow := median(field(mo, func(x measure) float64 { return x.wall }))
	oCPU := median(field(mo, func(x measure) float64 { return x.cpu }))
	fmt.Printf("| minhbach over its previous output | %.2f s | %.0f µs | %.2f s | %d MB |\n", ow, ow*1e6/float64(pages), oCPU, medianInt(field(mo, func(x measure) int { return x.peakKB }))>>10)
	fmt.Printf("| ratio of that to hugo | %.2f | | %.2f | |\n", ow/hw, oCPU/median(hCPU))
	return nil
}

// measure is one run of a command.
type measure struct {
	wall, cpu float64 // seconds; cpu is user + system, on all cores
	peakKB    int
}

func field[T any](ms []measure, f func(measure) T) []T {
	out := make([]T, len(ms))
	for i, m := range ms {
		out[i] = f(m)
	}
	return out
}

// timed runs a command under /usr/bin/time -v and returns its wall time,
// its CPU time (a steadier figure on a machine others share) and its peak
// memory.
func timed(name string, args ...string) (measure, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = nil
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		return measure{}, fmt.Errorf("%s: %v\n%s", name, err, stderr.String())
	}
	out := measure{wall: wall}
	for _, f := range []struct {
		re  string
		set func(string)
	}{
		{`Maximum resident set size \(kbytes\): (\d+)`, func(s string) { out.peakKB, _ = strconv.Atoi(s) }},
		{`User time \(seconds\): ([\d.]+)`, func(s string) { v, _ := strconv.ParseFloat(s, 64); out.cpu += v }},
		{`System time \(seconds\): ([\d.]+)`, func(s string) { v, _ := strconv.ParseFloat(s, 64); out.cpu += v }},
	} {
		m := regexp.MustCompile(f.re).FindStringSubmatch(stderr.String())
		if m == nil {
			return measure{}, fmt.Errorf("no %q in the output of /usr/bin/time", f.re)
		}
		f.set(m[1])
	}
	return out, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianInt(xs []int) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// writeHugo writes a Hugo site of n Markdown pages of about 3 KB.
func writeHugo(dir string, n int) error {
	files := map[string]string{
		"config.toml":                  "baseURL = \"https://example.org/\"\ntitle = \"bench\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
		"layouts/_default/baseof.html": `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}`,
		"layouts/index.html":           `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
	}
	para := strings.Repeat("Tăng cường công tác tuyên truyền phòng, chống mại dâm tại các xã, phường, thị trấn. ", 4)
	var table strings.Builder
	table.WriteString("| Tháng | Giá trị | Chỉ tiêu |\n|---|---|---|\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&table, "| %02d/2017 | %d | 75 |\n", i, 50+i)
	}
	for i := range n - 1 { // the home page is one of the n
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Trang %d\"\ndate = 2017-03-03\ndescription = \"Trang thử %d\"\n+++\n\n", i, i)
		for range 6 {
			b.WriteString(para + "\n\n")
		}
		b.WriteString(table.String())
		files[fmt.Sprintf("content/p/%05d.md", i)] = b.String()
	}
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}
