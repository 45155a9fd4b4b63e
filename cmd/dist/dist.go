package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"text/template"
)

// A target is a system the archives are for.
type target struct {
	goos, goarch string
}

// targets are the systems editors use: Windows office machines, Macs of
// both kinds and Linux.
var targets = []target{
	{"windows", "amd64"},
	{"darwin", "arm64"},
	{"darwin", "amd64"},
	{"linux", "amd64"},
}

// siteDir is the folder of the example site in an archive.
const siteDir = "site"

// launcher is the file a Windows user double-clicks to open the editor.
const launcher = "minhbach-editor.cmd"

func (t target) String() string { return t.goos + "/" + t.goarch }

// binary is the name of minhbach's executable on t.
func (t target) binary() string {
	if t.goos == "windows" {
		return "minhbach.exe"
	}
	return "minhbach"
}

// archiveName is the name of t's archive of version: zip for Windows, whose
// Explorer opens it; tar.gz elsewhere, which keeps the binary executable
// and which macOS's Finder and every Linux open, as Go's own releases do.
func (t target) archiveName(version string) string {
	if t.goos == "windows" {
		return t.folder(version) + ".zip"
	}
	return t.folder(version) + ".tar.gz"
}

// folder is the name of the one folder at the top of t's archive of
// version, which holds everything else.
func (t target) folder(version string) string {
	return "minhbach-" + version + "-" + t.goos + "-" + t.goarch
}

// options are what dist works on.
type options struct {
	root    string // the module's folder: its cmd/minhbach and example site
	out     string // the folder to write the archives into
	version string
	targets []target
}

// dist builds minhbach for each target and writes its archive into
// opts.out, saying so on log.
//
// The archives are reproducible. The binaries are built with CGO_ENABLED=0
// (no C toolchain, nothing from the machine), -trimpath (no folder of the
// machine), -buildid= (no build ID) and the version given with -X; the Go
// release and the commit are recorded in them, build times never. In the archives every entry has the same
// modification time and a fixed mode, and the entries are sorted.
func dist(ctx context.Context, opts options, log io.Writer) error {
	site, err := readSite(opts.root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "minhbach-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(log, "example site: %d files\n", len(site))
	for _, t := range opts.targets {
		bin, err := buildBinary(ctx, opts.root, t, opts.version, tmp)
		if err != nil {
			return err
		}
		if t == opts.targets[0] {
			fmt.Fprintln(log, commitOf(bin))
		}
		entries, err := contents(t, opts.version, bin, site)
		if err != nil {
			return err
		}
		var archive []byte
		if t.goos == "windows" {
			archive, err = zipArchive(withFolders(t.folder(opts.version), entries))
		} else {
			archive, err = tarGzArchive(withFolders(t.folder(opts.version), entries))
		}
		if err != nil {
			return err
		}
		name := filepath.Join(opts.out, t.archiveName(opts.version))
		if err := writeFile(name, archive); err != nil {
			return err
		}
		fmt.Fprintf(log, "%s  %d bytes  sha256 %x\n", name, len(archive), sha256.Sum256(archive))
	}
	return nil
}

// readSite reads the files of the example site in root.
func readSite(root string) ([]entry, error) {
	fsys := os.DirFS(root)
	names, err := siteFiles(fsys)
	if err != nil {
		return nil, err
	}
	var site []entry
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		site = append(site, entry{name: siteDir + "/" + name, mode: fileMode, data: data})
	}
	return site, nil
}

// buildBinary builds minhbach for t in the folder tmp and returns it.
func buildBinary(ctx context.Context, root string, t target, version, tmp string) ([]byte, error) {
	out := filepath.Join(tmp, t.goos+"-"+t.goarch, t.binary())
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "-trimpath",
		"-ldflags", "-s -w -buildid= -X main.version="+version, "./cmd/minhbach")
	cmd.Dir = root
	// The oldest processors of each architecture, whatever GOAMD64 or
	// GOARM64 the machine that builds has set: office machines are old.
	cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0", "GOAMD64=v1", "GOARM64=v8.0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building minhbach for %s: %v\n%s", t, err, b)
	}
	return os.ReadFile(out)
}

// commitOf says which commit bin was built from, as recorded by go build.
func commitOf(bin []byte) string {
	info, err := buildinfo.Read(bytes.NewReader(bin))
	if err != nil {
		return "no build information: " + err.Error()
	}
	setting := map[string]string{}
	for _, s := range info.Settings {
		setting[s.Key] = s.Value
	}
	switch {
	case setting["vcs.revision"] == "":
		return "commit: none recorded (not a git checkout, no git, or GOFLAGS has -buildvcs=false): \"minhbach version\" will say \"commit unknown\""
	case setting["vcs.modified"] == "true":
		return "commit " + setting["vcs.revision"] + " with uncommitted changes: for a release, build from a clean checkout"
	}
	return "commit " + setting["vcs.revision"]
}

//go:embed files
var files embed.FS

var texts = template.Must(template.ParseFS(files, "files/*"))

// contents returns the files of t's archive, outside the example site's.
func contents(t target, version string, bin []byte, site []entry) ([]entry, error) {
	data := map[string]any{
		"Version": version,
		"OS":      t.goos,
		"Binary":  t.binary(),
		"Site":    siteDir,
		"Editor":  launcher,
		"Run":     "../" + t.binary(), // from the site folder
		"Public":  siteDir + "/public",
	}
	if t.goos == "windows" {
		data["Run"] = `..\` + t.binary()
		data["Public"] = siteDir + `\public`
	}
	entries := []entry{{name: t.binary(), mode: execMode, data: bin}}
	names := []string{"BAT-DAU.txt", "START.txt"}
	if t.goos == "windows" {
		names = append(names, launcher)
	}
	for _, name := range names {
		var b bytes.Buffer
		if err := texts.ExecuteTemplate(&b, name, data); err != nil {
			return nil, err
		}
		text := b.Bytes()
		if t.goos == "windows" {
			// cmd.exe needs CRLF in a .cmd file; Notepad is happier
			// with it in a text file too.
			text = crlf(text)
		}
		entries = append(entries, entry{name: name, mode: fileMode, data: text})
	}
	return append(entries, site...), nil
}

// crlf ends every line of text with CR LF, whatever it ended with.
func crlf(text []byte) []byte {
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
}

// writeFile writes data to name all at once: an archive is never seen half
// written.
func writeFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".dist-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
