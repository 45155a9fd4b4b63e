package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
)

var buildCmd = &command{
	name:  "build",
	usage: "[-src DIR] [-out DIR]",
	short: "build the site into a folder",
	long: `Build reads the site in the folder given by -src (default: the current
folder) and writes the published site into the folder given by -out (default:
public inside the site folder).

The output is replaced all at once: if the build fails, the previous output is
left exactly as it was. Problems in the input are listed together, each with
its file, line and column.

Flags:
  -src DIR   the site folder, holding site.toml (default ".")
  -out DIR   the output folder (default "SRC/public")
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		out := fs.String("out", "", "the output `folder` (default SRC/public)")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 {
				return errUsage
			}
			dest := *out
			if dest == "" {
				dest = filepath.Join(*src, "public")
			}
			if err := checkOut(*src, dest); err != nil {
				return err
			}
			start := time.Now()
			fsys, closeSite, err := load.Dir(*src)
			if err != nil {
				return err
			}
			defer closeSite()
			res, err := build.Build(ctx, fsys, dest)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "built %d pages, %d files into %s in %d ms\n", res.Pages, res.Stats.Files, dest, time.Since(start).Milliseconds())
			return nil
		}
	},
}

// checkOut refuses output folders that would overwrite the site's input.
func checkOut(src, out string) error {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if absOut == filepath.Dir(absOut) {
		return fmt.Errorf("-out %s: refusing to replace the root folder", out)
	}
	if rel, err := filepath.Rel(absOut, absSrc); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return fmt.Errorf("-out %s: the output folder would contain the site folder and replace it; choose a folder such as %s", out, filepath.Join(src, "public"))
	}
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		if rel, err := filepath.Rel(filepath.Join(absSrc, dir), absOut); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			return fmt.Errorf("-out %s: the output folder must not be inside the site's %s/ folder", out, dir)
		}
	}
	return nil
}
