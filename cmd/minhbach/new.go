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

Without a month, it is the month after the latest report. Existing files are
never overwritten. The new files pass "minhbach check" (with a warning until
the post is written) and build.

Flags:
  -src DIR   the site folder, holding site.toml (default ".")
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) == 0 || args[0] != "month" || len(args) > 2 {
				return errUsage
			}
			var m model.Month
			if len(args) == 2 {
				var err error
				if m, err = model.ParseMonth(args[1]); err != nil {
					return fmt.Errorf("new month: %v", err)
				}
			}
			files, err := scaffold.Month(*src, m, time.Now())
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
