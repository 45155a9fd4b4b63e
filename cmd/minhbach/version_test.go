package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "amd64"},
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified},
		}
	}
	const rev = "076c8a1e9f3c8d1b2a3b4c5d6e7f8091a2b3c4d5"
	tests := []struct {
		name string
		ver  string // set with -ldflags
		info *debug.BuildInfo
		want string
	}{
		{
			name: "release",
			ver:  "v1.2.0",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2026-11-27T20:59:12Z", "false")},
			want: "minhbach v1.2.0\ncommit " + rev + " (2026-11-27T20:59:12Z)\ngo1.26.8 windows/amd64\n",
		},
		{
			name: "modified tree, version from the module",
			ver:  "devel",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261127205912-076c8a1e9f3c+dirty"}, Settings: vcs(rev, "2026-11-27T20:59:12Z", "true")},
			want: "minhbach v0.0.0-20261127205912-076c8a1e9f3c+dirty\ncommit " + rev + " (2026-11-27T20:59:12Z), with uncommitted changes\ngo1.26.8 windows/amd64\n",
		},
		{
			name: "go run or go test",
			ver:  "devel",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"}}},
			want: "minhbach devel\ncommit unknown (built without version control information)\ngo1.26.8 linux/amd64\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.ver, tt.info); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	// Without any build information (a binary built without module
	// support), it still names the version.
	if got := versionText("devel", nil); !strings.HasPrefix(got, "minhbach devel\ncommit unknown") {
		t.Errorf("no build information: got %q", got)
	}
}

// TestVersionCommand runs "minhbach version" in the test binary, built by
// go test without version control information.
func TestVersionCommand(t *testing.T) {
	code, out, stderr := runCLI("version")
	lines := strings.Split(out, "\n")
	if code != 0 || stderr != "" || len(lines) != 4 || lines[0] != "minhbach devel" || !strings.HasPrefix(lines[1], "commit ") || !strings.HasPrefix(lines[2], "go1.") {
		t.Errorf("exit %d, stdout %q, stderr %q; want three lines: version, commit, Go", code, out, stderr)
	}
}
