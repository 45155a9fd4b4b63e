package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/scaffold"
)

var newCmd = &command{
	name:  "new",
	usage: "[-src DIR] month [YYYY-MM] | site [-levels 1|2] [-start YYYY-MM] DIR",
	short: "start a new site, or the files of a monthly update",
	long: `New site creates a working site in DIR, a folder that must not exist or
be empty (nothing is ever overwritten):

  site.toml                    the portal and the plan: title, number, dates,
                               period, menu
  data/units.toml              the unit registry: -levels 1 (units side by
                               side) or 2 (units within units, the default)
  data/records.toml            the kinds of record monthly reports hold
  data/agencies.toml           the agencies the plan gives tasks to
  data/targets.toml            two targets, and a commented example of every
                               rule (count, sum, share, ratio, periodic,
                               assessed) and of compare, where and min_months
  content/                     the home, plan and about pages
  data/reports/YYYY-MM.toml    the first month's report, with no records
  content/cap-nhat/YYYY-MM.md  its update post

Every name in them is a placeholder, marked "(Ví dụ)" or "VÍ DỤ", and the
site shows the "illustrative data" banner until site.toml says otherwise.
The plan period is the twelve months from -start (default: this month). The
site has no layouts/ or static/: it uses the theme built into minhbach; put
a file there only to replace the stock file of the same name. It builds and
passes "minhbach check" with no warning as it is.

New month creates the files of one month's update, named by the month:

  data/reports/YYYY-MM.toml    the month's report, with a commented example of
                               every kind of record, the units that hold a
                               listed status (which carry forward by
                               themselves), and last month's on-time lists
  content/cap-nhat/YYYY-MM.md  the update post, to be written

The month is written YYYY-MM (a year from 0001, a month from 01 to 12) and
must lie in the plan period of site.toml. Without a month, it is the month
after the latest report, published or not. Existing files are never overwritten. The new files pass "minhbach check" (with
warnings until the report's published date is set and the post is written) and
build. The month counts as reported, and its post is shown, dated by the
report, only once published is set in the report.

Flags of new month:
  -src DIR   the site folder, holding site.toml (default ".")

Flags of new site (after "site"):
  -levels N      the levels of units, 1 or 2 (default 2)
  -start YYYY-MM the first month of the plan period (default: this month)
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		return func(_ context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 && args[0] == "site" {
				return newSite(args[1:], time.Now(), stdout, stderr)
			}
			if len(args) == 0 || args[0] != "month" || len(args) > 2 {
				return errUsage
			}
			var m model.Month
			if len(args) == 2 {
				var err error
				if m, err = monthArg(stderr, "new month: ", args[1]); err != nil {
					return err
				}
			}
			files, err := scaffold.Month(*src, m)
			if err != nil {
				return fmt.Errorf("new month: %w", err)
			}
			for _, f := range files {
				fmt.Fprintf(stdout, "created %s\n", f)
			}
			return nil
		}
	},
}

// newSite runs "new site" with the arguments after "site"; now gives the
// default first month.
func newSite(args []string, now time.Time, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new site", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	levels := fs.Int("levels", 2, "the levels of units, 1 or 2")
	start := fs.String("start", "", "the first month of the plan period, YYYY-MM")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	m := model.Month{Year: now.Year(), Mon: now.Month()}
	if *start != "" {
		var err error
		if m, err = monthArg(stderr, "new site: -start ", *start); err != nil {
			return err
		}
	}
	if *levels != 1 && *levels != 2 {
		fmt.Fprintf(stderr, "new site: -levels %d: a new site has 1 or 2 levels of units\n", *levels)
		return errUsage
	}
	dir := fs.Arg(0)
	files, err := scaffold.Site(dir, scaffold.NewSite{Levels: *levels, Start: m})
	if err != nil {
		return fmt.Errorf("new site: %w", err)
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "created %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nNext: fill in site.toml and data/, then preview with\n\n\tminhbach serve -src %s\n", dir)
	return nil
}

// parseMonth reads a month written YYYY-MM: four ASCII digits of a year
// from 1, a dash and two digits of a month from 01 to 12. It is stricter
// than a time layout, which takes year 0 (the zero month, that is "the
// month after the latest report").
// monthArg parses the month s given on the command line; if it is not one,
// it says so on stderr, after prefix, and returns errUsage.
func monthArg(stderr io.Writer, prefix, s string) (model.Month, error) {
	m, ok := parseMonth(s)
	if !ok {
		fmt.Fprintf(stderr, "%s%q is not a month: write it YYYY-MM, with a year from 0001 and a month from 01 to 12\n", prefix, s)
		return model.Month{}, errUsage
	}
	return m, nil
}

func parseMonth(s string) (model.Month, bool) {
	if len(s) != 7 || s[4] != '-' {
		return model.Month{}, false
	}
	n := 0
	for i, c := range []byte(s) {
		if i == 4 {
			continue
		}
		if c < '0' || c > '9' {
			return model.Month{}, false
		}
		n = n*10 + int(c-'0')
	}
	year, mon := n/100, n%100
	if year < 1 || mon < 1 || mon > 12 {
		return model.Month{}, false
	}
	return model.Month{Year: year, Mon: time.Month(mon)}, true
}
