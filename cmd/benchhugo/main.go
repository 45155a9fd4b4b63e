// Command benchhugo measures minhbach against Hugo on the same number of
// pages, side by side in one run.
//
// Usage (from the repository):
//
//	go run ./cmd/benchhugo [-scale national] [-runs 3] [-hugo hugo]
//
// It writes the synthetic site of the scale (see cmd/gensite), builds
// minhbach, writes a Hugo site with as many Markdown pages as minhbach's
// build has pages (each ~3 KB: front matter, six paragraphs, a 12-row
// table), then builds both -runs times, alternating, each under
// /usr/bin/time -v. It prints the median wall time and peak memory of each,
// and the ratio of the wall times.
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
	flag.Parse()
	if err := run(*scale, *runs, *hugo); err != nil {
		fmt.Fprintln(os.Stderr, "benchhugo:", err)
		os.Exit(1)
	}
}

func run(scale string, runs int, hugo string) error {
	sc, ok := gensite.Scales[scale]
	if !ok {
		return fmt.Errorf("unknown scale %q", scale)
	}
	work, err := os.MkdirTemp("", "benchhugo-")
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
	fmt.Printf("scale %s: %d pages; %s", scale, pages, hv)

	var mWall, hWall []float64
	var mMem, hMem []int
	for i := range runs {
		w, mem, err := timed(bin, "build", "-src", site, "-out", filepath.Join(work, "out-m"))
		if err != nil {
			return err
		}
		mWall, mMem = append(mWall, w), append(mMem, mem)
		os.RemoveAll(filepath.Join(work, "out-h"))
		w, mem, err = timed(hugo, "--quiet", "-s", hsite, "-d", filepath.Join(work, "out-h"))
		if err != nil {
			return err
		}
		hWall, hMem = append(hWall, w), append(hMem, mem)
		fmt.Printf("run %d: minhbach %.2f s %d MB, hugo %.2f s %d MB\n", i+1, mWall[i], mMem[i]>>10, hWall[i], hMem[i]>>10)
	}
	mw, hw := median(mWall), median(hWall)
	fmt.Printf("median: minhbach %.2f s (%.0f µs/page), peak %d MB; hugo %.2f s, peak %d MB; ratio %.2f\n",
		mw, mw*1e6/float64(pages), medianInt(mMem)>>10, hw, medianInt(hMem)>>10, mw/hw)
	return nil
}

// timed runs a command under /usr/bin/time -v and returns its wall time in
// seconds and its peak memory in KB.
func timed(name string, args ...string) (float64, int, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = nil
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v\n%s", name, err, stderr.String())
	}
	m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		return 0, 0, fmt.Errorf("no peak memory in the output of /usr/bin/time")
	}
	kb, _ := strconv.Atoi(m[1])
	return wall, kb, nil
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
