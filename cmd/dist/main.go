// Command dist writes the release archives of minhbach, for people who do
// not install Go: one per system editors use, each holding the binary, the
// example site, a short "bắt đầu" (getting started) text in Vietnamese and
// English, and on Windows a launcher to double-click that opens the editor.
//
// Usage, from the module's folder:
//
//	go run ./cmd/dist [-out DIR] [-version V]
//
// The archives are reproducible: built twice from the same checkout with
// the same Go release they are the same bytes (see dist.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: go run ./cmd/dist [-out DIR] [-version V]

Dist writes the release archives of minhbach into DIR (default "dist"):
minhbach-V-windows-amd64.zip, minhbach-V-darwin-arm64.tar.gz,
minhbach-V-darwin-amd64.tar.gz and minhbach-V-linux-amd64.tar.gz. Each holds
the binary, the example site (the module's site.toml, content/, data/,
layouts/ and static/), BAT-DAU.txt and START.txt, and on Windows the
launcher minhbach-editor.cmd. Run it from the module's folder.

Flags:
  -out DIR     the folder to write the archives into (default "dist")
  -version V   the version, as v1.2.0: "minhbach version" prints it and the
               archives are named by it (default "devel")
`

// validVersion is what a version may be: it goes into file names.
var validVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$`)

// run runs dist with args and returns the exit code: 0 on success, 1 on
// failure, 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	out := fs.String("out", "dist", "the `folder` to write the archives into")
	version := fs.String("version", "devel", "the `version` to name the archives by")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if !validVersion.MatchString(*version) {
		fmt.Fprintf(stderr, "dist: -version %q: use letters, digits and . + _ - only, as v1.2.0\n", *version)
		return 2
	}
	root, err := moduleRoot(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "dist:", err)
		return 1
	}
	opts := options{root: root, out: *out, version: *version, targets: targets}
	if err := dist(ctx, opts, stdout); err != nil {
		fmt.Fprintln(stderr, "dist:", err)
		return 1
	}
	return 0
}

// moduleRoot returns the folder of the module holding the current folder,
// which must be minhbach's.
func moduleRoot(ctx context.Context) (string, error) {
	b, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(b))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run it from the folder of the minhbach module: go run ./cmd/dist")
	}
	root := filepath.Dir(gomod)
	if _, err := os.Stat(filepath.Join(root, "cmd", "minhbach")); err != nil {
		return "", fmt.Errorf("%s is not the minhbach module: run it from minhbach's folder", root)
	}
	return root, nil
}
