package main

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/sitetest"
)

func TestBrowserCommand(t *testing.T) {
	const url = "http://127.0.0.1:1313/_minhbach/edit/?a=1&b=2"
	tests := []struct {
		goos string
		want []string
	}{
		{"windows", []string{"rundll32", "url.dll,FileProtocolHandler", url}},
		{"darwin", []string{"open", url}},
		{"linux", []string{"xdg-open", url}},
		{"freebsd", []string{"xdg-open", url}},
	}
	for _, tt := range tests {
		name, args := browserCommand(tt.goos, url)
		if got := append([]string{name}, args...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.goos, got, tt.want)
		}
	}
}

// TestServeOpen runs "serve -open" with a browser that only records the
// address it is given: the editor's, on the port the server listens on,
// once the server answers. A browser that cannot be opened is a hint on
// stderr, and the preview goes on.
func TestServeOpen(t *testing.T) {
	tests := []struct {
		name    string
		fail    error
		wantOut *regexp.Regexp // on stdout or, for a failure, stderr
	}{
		{"opened", nil, regexp.MustCompile(`Editor: (\S+)  \(opened in your browser\)`)},
		{"no browser", errors.New("xdg-open: exit status 3"), regexp.MustCompile(`could not open a browser \(xdg-open: exit status 3\)\nOpen the editor yourself: (\S+)\n`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t)
			opened := make(chan string, 1)
			defer func(open func(string) error) { openBrowser = open }(openBrowser)
			openBrowser = func(url string) error {
				opened <- url
				return tt.fail
			}
			var stdout, stderr sitetest.SyncBuffer
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan int, 1)
			go func() {
				done <- run(ctx, []string{"serve", "-src", dir, "-addr", "127.0.0.1:0", "-open"}, &stdout, &stderr)
			}()
			defer func() {
				cancel()
				if code := <-done; code != 0 {
					t.Errorf("serve: exit %d, stderr %q", code, stderr.String())
				}
			}()

			var url string
			select {
			case url = <-opened:
			case <-time.After(60 * time.Second):
				t.Fatalf("no browser was opened; stdout %q, stderr %q", stdout.String(), stderr.String())
			}
			base := stdout.Wait(t, regexp.MustCompile(`Preview: (http://127\.0\.0\.1:[1-9][0-9]*)/ `), time.Second)[1]
			if url != base+"/_minhbach/edit/" {
				t.Errorf("opened %q; want the editor of %s", url, base)
			}
			said := &stdout
			if tt.fail != nil {
				said = &stderr
			}
			if got := said.Wait(t, tt.wantOut, 10*time.Second)[1]; got != url {
				t.Errorf("printed %q; opened %q", got, url)
			}
			resp, err := http.Get(base + "/")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("GET /: %s", resp.Status)
			}
		})
	}
}
