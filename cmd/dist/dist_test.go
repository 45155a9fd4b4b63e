package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/sitetest"
)

const testVersion = "v0.0.0-disttest"

// TestDist builds the archives of every target once, as "go run ./cmd/dist"
// does, and checks what each holds, that building again gives the same
// bytes, and that the archive of this system, unpacked in an empty folder,
// builds and serves the example site.
func TestDist(t *testing.T) {
	root, err := filepath.Abs(sitetest.Root())
	if err != nil {
		t.Fatal(err)
	}
	// Whether go build can stamp the commit depends on the checkout (a
	// clean clone, a worktree, git's safe.directory): not what is tested
	// here, and the reproducible subtest needs both builds to agree.
	t.Setenv("GOFLAGS", "-buildvcs=false")
	out := t.TempDir()
	var log bytes.Buffer
	start := time.Now()
	if err := dist(context.Background(), options{root: root, out: out, version: testVersion, targets: targets}, &log); err != nil {
		t.Fatalf("dist: %v\n%s", err, log.String())
	}
	t.Logf("%d targets built in %v", len(targets), time.Since(start).Round(time.Second))
	site, err := siteFiles(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}

	for _, tg := range targets {
		t.Run("contents/"+tg.goos+"-"+tg.goarch, func(t *testing.T) {
			checkContents(t, tg, filepath.Join(out, tg.archiveName(testVersion)), root, site)
		})
	}

	t.Run("reproducible", func(t *testing.T) {
		// The last target again, into another folder.
		tg := targets[len(targets)-1]
		again := t.TempDir()
		if err := dist(context.Background(), options{root: root, out: again, version: testVersion, targets: []target{tg}}, io.Discard); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(filepath.Join(out, tg.archiveName(testVersion)))
		b, _ := os.ReadFile(filepath.Join(again, tg.archiveName(testVersion)))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("two builds of %s differ: %d and %d bytes", tg.archiveName(testVersion), len(a), len(b))
		}
	})

	t.Run("unpacked", func(t *testing.T) {
		host := target{runtime.GOOS, runtime.GOARCH}
		if !slices.Contains(targets, host) {
			t.Skipf("no archive runs on %s", host)
		}
		dir := t.TempDir() // empty
		for _, e := range readArchive(t, filepath.Join(out, host.archiveName(testVersion))) {
			p := filepath.Join(dir, filepath.FromSlash(e.name))
			if e.mode.IsDir() {
				os.MkdirAll(p, 0o755)
			} else if err := os.WriteFile(p, e.data, e.mode.Perm()); err != nil {
				t.Fatal(err)
			}
		}
		top := filepath.Join(dir, host.folder(testVersion))
		bin := filepath.Join(top, host.binary())
		siteDir := filepath.Join(top, siteDir)
		checkUnpacked(t, bin, siteDir, root)
	})
}

// checkContents checks the archive of tg at path.
func checkContents(t *testing.T, tg target, path, root string, site []string) {
	entries := readArchive(t, path)
	top := tg.folder(testVersion) + "/"
	var names, files []string
	byName := map[string]entry{}
	for _, e := range entries {
		names = append(names, e.name)
		if !strings.HasPrefix(e.name, top) {
			t.Errorf("%s is outside the folder %s", e.name, top)
			continue
		}
		rel := strings.TrimPrefix(e.name, top)
		byName[rel] = e.entry
		want := fs.FileMode(fileMode)
		switch {
		case e.mode.IsDir():
			want = dirMode
		case rel == tg.binary():
			want = execMode
		default:
			files = append(files, rel)
		}
		if e.mode != want {
			t.Errorf("%s: mode %v, want %v", e.name, e.mode, want)
		}
		if !e.modTime.Equal(modTime) {
			t.Errorf("%s: modified %v, want %v", e.name, e.modTime, modTime)
		}
		if strings.HasSuffix(e.name, ".go") || strings.Contains(e.name, "testdata") {
			t.Errorf("%s: Go source or test data in the archive", e.name)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("the entries are not sorted: %q", names)
	}

	// The files: the texts, the launcher on Windows only, and the example
	// site, all of it.
	want := []string{"BAT-DAU.txt", "START.txt"}
	if tg.goos == "windows" {
		want = append(want, launcher)
	}
	for _, f := range site {
		want = append(want, siteDir+"/"+f)
	}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Errorf("files:\n%q\nwant:\n%q", files, want)
	}
	for _, f := range []string{"site.toml", "content/_index.md", "data/targets.toml", "static/favicon.svg"} {
		if !slices.Contains(site, f) {
			t.Errorf("the example site's files lack %s: %q", f, site)
		}
	}

	for _, name := range []string{"BAT-DAU.txt", "START.txt"} {
		text := string(byName[name].data)
		public := siteDir + "/public"
		if tg.goos == "windows" {
			public = siteDir + `\public`
		}
		for _, s := range []string{testVersion, "serve -open", "http://127.0.0.1:1313/_minhbach/edit/", " build\n", public} {
			if !strings.Contains(strings.ReplaceAll(text, "\r\n", "\n"), s) {
				t.Errorf("%s does not say %q:\n%s", name, s, text)
			}
		}
		if strings.Contains(text, "{{") || strings.Contains(text, "<no value>") {
			t.Errorf("%s: a template was not filled in:\n%s", name, text)
		}
	}
	if tg.goos == "windows" {
		cmd := byName[launcher].data
		if !bytes.HasSuffix(cmd, []byte("\r\n")) || bytes.Count(cmd, []byte("\n")) != bytes.Count(cmd, []byte("\r\n")) {
			t.Errorf("%s: not every line ends with CR LF", launcher)
		}
		for i, c := range cmd {
			if c >= 0x80 {
				t.Errorf("%s: byte %d is not ASCII", launcher, i)
				break
			}
		}
		if !bytes.Contains(cmd, []byte(`cd /d "%~dp0site"`+"\r\n")) || !bytes.Contains(cmd, []byte(`"%~dp0minhbach.exe" serve -open`+"\r\n")) {
			t.Errorf("%s does not start serve -open in the site folder:\n%s", launcher, cmd)
		}
	}

	checkBinary(t, tg, byName[tg.binary()].data, root)
}

// checkBinary checks that bin is an executable for tg, built as a release.
func checkBinary(t *testing.T, tg target, bin []byte, root string) {
	t.Helper()
	r := bytes.NewReader(bin)
	var format string
	switch tg.goos {
	case "linux":
		f, err := elf.NewFile(r)
		if err != nil {
			t.Fatalf("%s: %v", tg.binary(), err)
		}
		format = "ELF " + f.Machine.String()
	case "darwin":
		f, err := macho.NewFile(r)
		if err != nil {
			t.Fatalf("%s: %v", tg.binary(), err)
		}
		format = "Mach-O " + f.Cpu.String()
	case "windows":
		f, err := pe.NewFile(r)
		if err != nil {
			t.Fatalf("%s: %v", tg.binary(), err)
		}
		format = fmt.Sprintf("PE %#x", f.Machine)
	}
	wantFormat := map[target]string{
		{"linux", "amd64"}:   "ELF EM_X86_64",
		{"darwin", "arm64"}:  "Mach-O CpuArm64",
		{"darwin", "amd64"}:  "Mach-O CpuAmd64",
		{"windows", "amd64"}: fmt.Sprintf("PE %#x", pe.IMAGE_FILE_MACHINE_AMD64),
	}[tg]
	if format != wantFormat {
		t.Errorf("%s is %s, want %s", tg.binary(), format, wantFormat)
	}

	info, err := buildinfo.Read(r)
	if err != nil {
		t.Fatal(err)
	}
	setting := map[string]string{}
	for _, s := range info.Settings {
		setting[s.Key] = s.Value
	}
	for k, v := range map[string]string{"GOOS": tg.goos, "GOARCH": tg.goarch, "CGO_ENABLED": "0", "-trimpath": "true"} {
		if setting[k] != v {
			t.Errorf("%s: built with %s=%q, want %q", tg, k, setting[k], v)
		}
	}
	// go build does not record -ldflags with -trimpath: look at what they did.
	if !bytes.Contains(bin, []byte(testVersion)) {
		t.Errorf("%s: the binary does not hold its version %s (-X main.version)", tg, testVersion)
	}
	if id := buildID(bin); id != "" {
		t.Errorf("%s: build ID %q; want none (-buildid=)", tg, id)
	}
	if bytes.Contains(bin, []byte(root)) {
		t.Errorf("%s: the binary holds the folder it was built in, %s", tg, root)
	}
}

// buildID returns the Go build ID of the executable bin, as the linker
// writes it: in a note of an ELF file, at the start of the text of others.
func buildID(bin []byte) string {
	if f, err := elf.NewFile(bytes.NewReader(bin)); err == nil {
		sect := f.Section(".note.go.buildid")
		if sect == nil {
			return ""
		}
		note, err := sect.Data()
		if err != nil || len(note) < 16 {
			return fmt.Sprintf("unreadable note %q", note)
		}
		// After namesz, descsz, type and "Go\x00\x00"; padded with NULs.
		return strings.TrimRight(string(note[16:]), "\x00")
	}
	const start, end = "\xff Go build ID: \"", "\"\n \xff"
	_, id, ok := bytes.Cut(bin, []byte(start))
	if !ok {
		return ""
	}
	id, _, _ = bytes.Cut(id, []byte(end))
	return string(id)
}

// checkUnpacked runs the unpacked binary bin on the unpacked site siteDir:
// it builds the site exactly as it builds the module's own example site
// (so no file of the site was left out), and serves it.
func checkUnpacked(t *testing.T, bin, siteDir, root string) {
	t.Run("version", func(t *testing.T) {
		b, err := exec.Command(bin, "version").CombinedOutput()
		if err != nil || !strings.HasPrefix(string(b), "minhbach "+testVersion+"\ncommit ") {
			t.Errorf("minhbach version: %v\n%s", err, b)
		}
	})
	t.Run("build", func(t *testing.T) {
		cmd := exec.Command(bin, "build")
		cmd.Dir = siteDir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("minhbach build in the unpacked site: %v\n%s", err, b)
		}
		if _, err := os.Stat(filepath.Join(siteDir, "public", "index.html")); err != nil {
			t.Fatalf("no public/index.html: %v", err)
		}
		own := filepath.Join(t.TempDir(), "public")
		if b, err := exec.Command(bin, "build", "-src", root, "-out", own).CombinedOutput(); err != nil {
			t.Fatalf("minhbach build of the module's site: %v\n%s", err, b)
		}
		if got, want := digest(t, filepath.Join(siteDir, "public")), digest(t, own); got != want {
			t.Errorf("the unpacked site builds differently from the module's: a file is missing from the archive?\n%s\nwant:\n%s", got, want)
		}
	})
	// One server for the subtests below.
	base := startServe(t, bin, siteDir)
	t.Run("serve", func(t *testing.T) {
		resp, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(body, []byte("<html")) {
			t.Errorf("GET /: %s\n%.300s", resp.Status, body)
		}
	})
	t.Run("editor", func(t *testing.T) {
		resp, err := http.Get(base + "/_minhbach/edit/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /_minhbach/edit/: %s; want 200 OK", resp.Status)
		}
	})
}

// startServe starts "minhbach serve" in siteDir on a free port of
// 127.0.0.1, waits until it says where it listens and returns that
// address, as "http://127.0.0.1:PORT". The server is killed when t ends.
func startServe(t *testing.T, bin, siteDir string) string {
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Dir = siteDir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	listening := make(chan string, 1)
	go func() {
		preview := regexp.MustCompile(`^Preview: (http://127\.0\.0\.1:[1-9][0-9]*)/ `)
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if m := preview.FindStringSubmatch(lines.Text()); m != nil {
				listening <- m[1]
			}
		}
		close(listening)
	}()
	select {
	case base, ok := <-listening:
		if !ok {
			cmd.Wait()
			t.Fatalf("minhbach serve ended without listening: %s", stderr.String())
		}
		return base
	case <-time.After(30 * time.Second):
		t.Fatal("minhbach serve did not say it listens within 30 s")
	}
	return ""
}

// An archived is an entry of an archive as read back.
type archived struct {
	entry
	modTime time.Time
}

// readArchive reads every entry of the zip or tar.gz file at path, in order.
func readArchive(t *testing.T, path string) []archived {
	t.Helper()
	var entries []archived
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			entries = append(entries, archived{entry{f.Name, f.Mode(), data}, f.Modified})
		}
		return entries
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("%s: the gzip header holds the name %q and the time %v", path, gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return entries
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, archived{entry{h.Name, h.FileInfo().Mode(), data}, h.ModTime})
	}
}

// digest sums every file of a folder, to compare outputs.
func digest(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		lines = append(lines, filepath.ToSlash(rel)+" "+hex.EncodeToString(sum[:]))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
