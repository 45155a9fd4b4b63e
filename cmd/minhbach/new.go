package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/scaffold"
)

var newCmd = &command{
	name:  "new",
	usage: "[-src DIR] month [YYYY-MM]",
	short: "start the files of a monthly update",
	long: `New month creates the files of one month's update, named by the month:

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

Flags:
  -src DIR   the site folder, holding site.toml (default ".")
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		return func(_ context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) == 0 || args[0] != "month" || len(args) > 2 {
				return errUsage
			}
			var m model.Month
			if len(args) == 2 {
				var ok bool
				if m, ok = parseMonth(args[1]); !ok {
					fmt.Fprintf(stderr, "new month: %q is not a month: write it YYYY-MM, with a year from 0001 and a month from 01 to 12\n", args[1])
					return errUsage
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

// parseMonth reads a month written YYYY-MM: four ASCII digits of a year
// from 1, a dash and two digits of a month from 01 to 12. It is stricter
// than a time layout, which takes year 0 (the zero month, that is "the
// month after the latest report").
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
