// Command minhbach builds a transparency portal — a static site — from a plan
// written in Markdown, progress data in TOML and html/template layouts.
//
// Usage:
//
//	minhbach <command> [flags]
//
// Run "minhbach help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/minhbach/minhbach/internal/serve"
	"io"
	"os"
	"os/signal"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "build":
			// A build is one short process holding the whole site.
			tuneGC(os.Getenv, buildGCPercent, buildMemLimit, buildLiveMax)
		case "serve":
			tuneGC(os.Getenv, serve.GCPercent, serve.MemLimit, serveLiveMax)
		}
	}
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// A command is one subcommand of minhbach.
type command struct {
	name  string
	usage string // arguments, after the name
	short string // one line for the command list
	long  string // the help text
	flags func(fs *flag.FlagSet) func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// errUsage marks a usage error: exit code 2.
var errUsage = errors.New("usage error")

func commands() []*command {
	return []*command{buildCmd, checkCmd, newCmd, releaseCmd, serveCmd, versionCmd}
}

// run runs minhbach with args and returns the exit code: 0 on success, 1 on
// failure, 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage())
		return 2
	}
	name, args := args[0], args[1:]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		return help(args, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() {
			fmt.Fprintf(stderr, "usage: minhbach %s %s\nRun 'minhbach help %s' for details.\n", c.name, c.usage, c.name)
		}
		exec := c.flags(fs)
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		err := exec(ctx, fs.Args(), stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			fs.Usage()
			return 2
		case errors.Is(err, errSilent):
			return 1
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stderr, "minhbach %s: unknown command\nRun 'minhbach help' for usage.\n", name)
	return 2
}

func mainUsage() string {
	var b strings.Builder
	b.WriteString("minhbach builds a public transparency portal for an action plan.\n\nUsage:\n\n\tminhbach <command> [flags]\n\nThe commands are:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.short)
	}
	b.WriteString("\nUse \"minhbach help <command>\" for more information about a command.\n")
	return b.String()
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, mainUsage())
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			fmt.Fprintf(stdout, "usage: minhbach %s %s\n\n%s", c.name, c.usage, c.long)
			return 0
		}
	}
	fmt.Fprintf(stderr, "minhbach help %s: unknown command\n", args[0])
	return 2
}
