package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the tool's version; release builds (go run ./cmd/dist) set it
// with -ldflags "-X main.version=V".
var version = "devel"

var versionCmd = &command{
	name:  "version",
	short: "print the version of minhbach",
	long: `Version prints the version of minhbach, the commit it was built from (and
whether that checkout had uncommitted changes) and the Go release and system
it was built with. Quote all three lines when you report a problem.

A build from a checkout without version control information (go run, go
test, or a folder without .git) says "commit unknown".
`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) > 0 {
				return errUsage
			}
			info, _ := debug.ReadBuildInfo()
			fmt.Fprint(stdout, versionText(version, info))
			return nil
		}
	},
}

// versionText describes a build of minhbach in three lines: its version,
// its commit and its Go release and system. ver is the version set with
// -ldflags, "devel" if none; info is the build's information, nil if it
// has none.
func versionText(ver string, info *debug.BuildInfo) string {
	if info == nil {
		info = &debug.BuildInfo{GoVersion: runtime.Version()}
	}
	setting := map[string]string{"GOOS": runtime.GOOS, "GOARCH": runtime.GOARCH}
	for _, s := range info.Settings {
		setting[s.Key] = s.Value
	}
	// Without -ldflags, go build (Go 1.24 and later) still stamps the
	// module's version from the checkout: a tag, or a pseudo-version
	// naming the commit. go run and go test leave it "(devel)".
	if ver == "devel" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		ver = info.Main.Version
	}
	var b strings.Builder
	fmt.Fprintf(&b, "minhbach %s\n", ver)
	if rev := setting["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, "commit %s", rev)
		if t := setting["vcs.time"]; t != "" {
			fmt.Fprintf(&b, " (%s)", t)
		}
		if setting["vcs.modified"] == "true" {
			b.WriteString(", with uncommitted changes")
		}
		b.WriteString("\n")
	} else {
		b.WriteString("commit unknown (built without version control information)\n")
	}
	fmt.Fprintf(&b, "%s %s/%s\n", info.GoVersion, setting["GOOS"], setting["GOARCH"])
	return b.String()
}
