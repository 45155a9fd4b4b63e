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
	"github.com/minhbach/minhbach/internal/write"
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

Build replaces only a folder that is missing, empty, or its own earlier
output, which it marks with a file named .minhbach-output. It refuses any
other folder, a file, a .git folder, the site folder, a folder holding it and
a folder inside the site's content/, data/, layouts/ or static/, however the
path is spelled. If the output is a symbolic link, the folder it leads to is
replaced and the link stays. While a build runs, another build into the same
folder is refused; the lock is the file OUT.minhbach-lock beside the output.

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

// checkOut refuses output folders that would replace the site's input,
// comparing the folders after resolving symbolic links, so that no other
// spelling of the site folder gets past. The write stage refuses the rest:
// folders minhbach did not write, files, .git.
func checkOut(src, out string) error {
	realSrc, err := write.Resolve(src)
	if err != nil {
		return nil // the site cannot be opened: loading it says why
	}
	realOut, err := write.Resolve(out)
	if err != nil {
		return err
	}
	suggest := filepath.Join(src, "public")
	if realOut == realSrc {
		return fmt.Errorf("%s: this is the site folder %s, and a build replaces its whole output folder; choose another folder with -out, such as %s", out, realSrc, suggest)
	}
	if within(realSrc, realOut) {
		return fmt.Errorf("%s: the output folder would contain the site folder %s and replace it; choose another folder with -out, such as %s", out, realSrc, suggest)
	}
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		realDir, err := write.Resolve(filepath.Join(realSrc, dir))
		if err == nil && (realOut == realDir || within(realOut, realDir)) {
			return fmt.Errorf("%s: the output folder must not be inside the site's %s/ folder; choose another folder with -out, such as %s", out, dir, suggest)
		}
	}
	return nil
}

// within reports whether path lies inside the folder dir; both are
// absolute and clean.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}
