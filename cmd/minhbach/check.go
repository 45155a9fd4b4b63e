package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/minhbach/minhbach/internal/check"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
)

var checkCmd = &command{
	name:  "check",
	usage: "[-src DIR] [-json]",
	short: "check the site's input without building it",
	long: `Check reads and computes the whole site without writing anything, and
prints every problem at once, sorted by file and line:

  errors    stop the build (exit status 1): a file that cannot be read, a
            misspelt key, a unit code that is not in the registry, a date
            outside its report's month, …
  warnings  the site builds, but an editor should know (exit status 0): a
            month of the period with no report, a month that misses a
            monthly target, a link that is not https, an update post that
            is missing or still has the template's text.

Flags:
  -src DIR   the site folder, holding site.toml (default ".")
  -json      print the problems as a JSON array of objects with the keys
             path, line, col, severity ("error" or "warning") and message
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) > 0 {
				return errUsage
			}
			problems := runCheck(*src)
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

// runCheck returns the errors of the site in src or, if it loads, its
// warnings.
func runCheck(src string) []*diag.Error {
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		return []*diag.Error{{Msg: err.Error()}}
	}
	defer closeSite()
	s, err := load.Site(fsys)
	if err != nil {
		if le, ok := errors.AsType[*diag.ListError](err); ok {
			return le.Errs
		}
		return []*diag.Error{{Msg: err.Error()}}
	}
	return check.Warnings(s, progress.Compute(s))
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
	fmt.Fprintf(w, "%d errors, %d warnings\n", errs, warns)
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
