package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
)

var checkCmd = &command{
	name:  "check",
	usage: "[-src DIR] [-json]",
	short: "check that the site builds, without writing it",
	long: `Check runs the whole build — reading, computing and rendering every page
and download — without writing anything, and prints every problem at once,
sorted by file and line. A site with no error builds.

  errors    stop the build (exit status 1): a file that cannot be read, a
            misspelt key, a unit code that is not in the registry, a date
            outside its report's month, a layout error, a text a layout
            asks for that the theme does not have, a key of the site's
            layouts/strings.toml that the stock theme does not have, two
            inputs for one output file, an edited entry of the ledger
            data/releases.toml, a change to data a release depended on
            that no [[corrections]] declares, a correction that changes
            nothing, …
  warnings  the site builds, but an editor should know (exit status 0): a
            month of the period with no report, a month that misses a
            monthly target, a link that is not https, an update post that
            is missing or still has the template's text, a file of the
            site's layouts/ or static/ that replaces no file of the stock
            theme (the theme renamed it since you overrode it), texts and
            pages with no translation in a language of the site (one
            warning per file, with the count), the latest published
            report not released yet (in a site that keeps
            data/releases.toml: see "minhbach help release").

Flags:
  -src DIR   the site folder, holding site.toml (default ".")
  -json      print the problems as a JSON array of objects with the keys
             path, line, col, severity ("error" or "warning") and message
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(ctx context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) > 0 {
				return errUsage
			}
			problems, err := runCheck(ctx, *src)
			if err != nil {
				return err
			}
			if *asJSON {
				printJSON(stdout, problems)
			} else {
				printText(stdout, problems)
			}
			for _, p := range problems {
				if !p.Warning {
					return errSilent
				}
			}
			return nil
		}
	},
}

// errSilent fails a command whose output already said why.
var errSilent = errors.New("")

// runCheck returns the errors and warnings of the site in src; the error is
// not nil only if ctx was cancelled.
func runCheck(ctx context.Context, src string) ([]*diag.Error, error) {
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		return []*diag.Error{{Msg: err.Error()}}, nil
	}
	defer closeSite()
	return build.Check(ctx, fsys)
}

func printText(w io.Writer, problems []*diag.Error) {
	errs, warns := 0, 0
	for _, p := range problems {
		fmt.Fprintln(w, p)
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	fmt.Fprintf(w, "%s, %s\n", count(errs, "error"), count(warns, "warning"))
}

// count writes n and the noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func printJSON(w io.Writer, problems []*diag.Error) {
	type problem struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	out := []problem{}
	for _, p := range problems {
		sev := "error"
		if p.Warning {
			sev = "warning"
		}
		out = append(out, problem{p.Path, p.Line, p.Col, sev, p.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}
