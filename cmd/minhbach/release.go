package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
)

var releaseCmd = &command{
	name:  "release",
	usage: "[-src DIR] [-date YYYY-MM-DD] [YYYY-MM]",
	short: "record that a month's report is published",
	long: `Release records that the month's report is published: it adds an entry to
data/releases.toml, the ledger of releases, with the month, the release
date, a hash of every data file the month's figures depend on, every
target's value and status of the month as published, and the hash of the
entry before. Once released, the month's figures may change only with a
[[corrections]] table in a later report: check and build compare the data
with every release and stop at a change no correction declares.

The month is written YYYY-MM; without it, it is the month of the latest
published report. The release date is the report's published date, or
-date, which may not be before the published date. Release refuses a
month already released, a month whose report is missing or not published,
a month before the latest release, a month after a published month not yet
released (months are released in order), and a site that does not pass
"minhbach check".

The ledger is only appended to: the bytes already in it are kept as they
are, and the new file replaces the old one at once, so it is never half
written.

Flags:
  -src DIR            the site folder, holding site.toml (default ".")
  -date YYYY-MM-DD    the release date (default: the report's published date)
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		date := fs.String("date", "", "the release `date`, YYYY-MM-DD")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 1 {
				return errUsage
			}
			var m model.Month
			if len(args) == 1 {
				var err error
				if m, err = monthArg(stderr, "release: ", args[0]); err != nil {
					return err
				}
			}
			var day time.Time
			if *date != "" {
				var err error
				if day, err = time.Parse(time.DateOnly, *date); err != nil {
					fmt.Fprintf(stderr, "release: -date %q is not a date: write it YYYY-MM-DD, such as 2017-09-07\n", *date)
					return errUsage
				}
			}
			return runRelease(ctx, *src, m, day, stdout)
		}
	},
}

// runRelease releases month m (the latest published report's if zero) of
// the site in src on day (the report's published date if zero).
func runRelease(ctx context.Context, src string, m model.Month, day time.Time, stdout io.Writer) error {
	fsys, closeSite, err := load.Dir(src)
	if err != nil {
		return err
	}
	defer closeSite()
	problems, err := build.Check(ctx, fsys)
	if err != nil {
		return err
	}
	failed := false
	for _, p := range problems {
		if !p.Warning {
			fmt.Fprintln(stdout, p)
			failed = true
		}
	}
	if failed {
		return errors.New("release: the site does not pass check: fix the errors above, then release")
	}
	s, err := load.Site(fsys)
	if err != nil {
		return err
	}
	l, err := release.Read(fsys)
	if err != nil {
		return err
	}
	if m.IsZero() {
		var ok bool
		if m, ok = release.Latest(s); !ok {
			return errors.New("release: no report is published yet: set published in a report of data/reports/ first")
		}
	}
	if err := release.Refuse(s, l, m); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	var published time.Time
	for _, r := range s.Reports {
		if r.Month == m {
			published = time.Date(r.Published.Year(), r.Published.Month(), r.Published.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	if day.IsZero() {
		day = published
	}
	if day.Before(published) {
		return fmt.Errorf("release: the release date %s is before %s, the published date of the report for %s: a report is released once it is compiled", day.Format(time.DateOnly), published.Format(time.DateOnly), m)
	}
	if last := l.Last(); last != nil && day.Before(last.Date) {
		return fmt.Errorf("release: the release date %s is before %s, the date of the latest release (%s): releases are dated in order", day.Format(time.DateOnly), last.Date.Format(time.DateOnly), last.Month)
	}
	p := progress.Compute(s)
	e, err := release.Next(fsys, s, p, l, m, day)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	var was []byte
	if l != nil {
		was = l.Src
	}
	if err := release.Append(src, was, e); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	fmt.Fprintf(stdout, "released %s on %s: %s, entry %d, hash %s\n", m, e.Date.Format(time.DateOnly), release.Path, len(entries(l))+1, e.Hash)
	return nil
}

func entries(l *release.Ledger) []*release.Entry {
	if l == nil {
		return nil
	}
	return l.Entries
}
