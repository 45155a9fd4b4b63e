package main

import (
	"context"
	"flag"
	"io"

	"github.com/minhbach/minhbach/internal/serve"
)

var serveCmd = &command{
	name:  "serve",
	usage: "[-src DIR] [-addr HOST:PORT] [-open]",
	short: "preview the site, rebuilding it on every change",
	long: `Serve builds the site in memory and serves it for preview at the address
given by -addr (default 127.0.0.1:1313, reachable only from this computer).
It never writes the published output folder.

It watches site.toml, content/, data/, layouts/ and static/ and rebuilds after
every change; open pages reload by themselves. When the input has problems,
every page lists them — file, line, column and the offending line — and
recovers by itself once they are fixed.

It answers only requests addressed to localhost, 127.0.0.1, [::1] or the
host of -addr (any IP address if -addr names every address, as ":1313");
others get 403, so that a web page of another site cannot read the preview.
Every answer carries the pages' Content-Security-Policy as a header. Ctrl+C
stops it at once, even during a rebuild.

With -open, once the first build is done, it opens the form editor,
http://HOST:PORT/_minhbach/edit/, in the default browser; if no browser can
be opened it says so and goes on serving.

Flags:
  -src DIR         the site folder, holding site.toml (default ".")
  -addr HOST:PORT  the address to listen on (default "127.0.0.1:1313")
  -open            open the editor in the default browser

Stop it with Ctrl+C.
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		src := fs.String("src", ".", "the site `folder`")
		addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on")
		open := fs.Bool("open", false, "open the editor in the default browser")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 {
				return errUsage
			}
			var ready func(base string)
			if *open {
				ready = func(base string) { openEditor(base, stdout, stderr) }
			}
			return serve.RunReady(ctx, *src, *addr, stdout, stderr, ready)
		}
	},
}
