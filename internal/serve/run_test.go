package serve

import (
	"context"
	"io/fs"
	"net/http"
	"regexp"
	"testing"
	"time"
)

// TestRunStopsDuringBuild checks that cancelling stops the preview at once
// while a build is running, however long the build takes: the server
// neither waits for it nor lets a waiting page hold it up.
func TestRunStopsDuringBuild(t *testing.T) {
	dir := writeSite(t)
	s := New(dir, nil, nil)
	s.listenOn("127.0.0.1:0")
	entered, release := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(release) })
	builds := 0
	s.open = func() (fs.FS, func() error, error) {
		builds++
		if builds == 1 {
			close(entered)
			<-release // a build stuck on its input
		}
		return nil, nil, fs.ErrNotExist
	}
	out := newNotifyBuffer()
	s.log, s.errlog = out, out
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.run(ctx, "127.0.0.1:0", out, out, nil) }()

	base := waitFor(t, out, regexp.MustCompile(`Preview: (http://\S+)/`))[1]
	<-entered
	// A page asked for now waits for the build, until the server stops.
	answered := make(chan error, 1)
	go func() {
		resp, err := http.Get(base + "/")
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop while a build was running")
	}
	select {
	case <-answered:
	case <-time.After(10 * time.Second):
		t.Fatal("a waiting page was not let go")
	}
}

// TestRunReady checks that the ready hook (serve -open) is called once the
// server listens and the first build is done, with the address it listens
// on, and not while the first build runs.
func TestRunReady(t *testing.T) {
	dir := writeSite(t)
	s := New(dir, nil, nil)
	s.listenOn("127.0.0.1:0")
	entered, release := make(chan struct{}), make(chan struct{})
	open := s.open
	first := true
	s.open = func() (fs.FS, func() error, error) {
		if first {
			first = false
			close(entered)
			<-release // a slow first build
		}
		return open()
	}
	out := newNotifyBuffer()
	s.log, s.errlog = out, out
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	called := make(chan string, 1)
	ready := func(base string) {
		select {
		case <-s.ready:
		default:
			t.Error("ready was called before the first build was done")
		}
		called <- base
	}
	go func() { done <- s.run(ctx, "127.0.0.1:0", out, out, ready) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	base := waitFor(t, out, regexp.MustCompile(`Preview: (http://127\.0\.0\.1:[1-9][0-9]*)/`))[1]
	<-entered
	select {
	case got := <-called:
		t.Fatalf("ready was called with %s during the first build", got)
	default:
	}
	close(release)
	select {
	case got := <-called:
		if got != base {
			t.Errorf("ready was given %q; the server listens on %q", got, base)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ready was not called after the first build")
	}
}
