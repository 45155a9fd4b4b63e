package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/minhbach/minhbach/internal/edit"
	"github.com/minhbach/minhbach/internal/watch"
)

// Run builds the site, serves it on addr and rebuilds it on every change
// until ctx is done. It prints the address to open and a line per rebuild on
// out, and problems on errout.
//
// It returns as soon as ctx is done, even while a build is running: a build
// stuck on an input (a FIFO, a slow network folder) never holds up Ctrl+C.
func Run(ctx context.Context, src, addr string, out, errout io.Writer) error {
	return RunReady(ctx, src, addr, out, errout, nil)
}

// RunReady is Run that also calls ready, in a goroutine of its own, with the
// preview's address, as "http://127.0.0.1:1313", once the server listens and
// the first build is done; a failed build counts, since its pages list the
// problems. ready is not called if ctx is done first.
func RunReady(ctx context.Context, src, addr string, out, errout io.Writer, ready func(base string)) error {
	s := New(src, out, errout)
	s.listenOn(addr)
	return s.run(ctx, addr, out, errout, ready)
}

func (s *Server) run(ctx context.Context, addr string, out, errout io.Writer, ready func(base string)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the rebuilds' goroutine

	w, err := watch.New(s.src, Inputs, func(rel string) bool { return !IsInput(rel) }, watch.DefaultDelay)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", s.src, err)
	}
	defer w.Close()

	// Builds run one at a time in their own goroutine; the first one
	// starts now. Pages asked for before it is done wait for it.
	q := &queue{kick: make(chan struct{}, 1)}
	q.add(nil, true)
	go q.loop(ctx, s)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Open pages hold an event stream, and pages wait for the first
		// build: end them with the server.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !isLoopback(host) {
		fmt.Fprintf(errout, "\n*** WARNING: serving on %s, which other computers can reach. The preview may show unpublished data. Use -addr 127.0.0.1:1313 to keep it private. ***\n\n", ln.Addr())
	}
	base := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(out, "Preview: %s/  (Ctrl+C to stop)\n", base)
	fmt.Fprintf(out, "Report editor: %s%s\n", base, edit.Prefix)
	if ready != nil {
		go func() {
			select {
			case <-s.ready:
				ready(base)
			case <-ctx.Done():
			}
		}()
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			// Handlers end with ctx; give them a moment to say so, then
			// close what is left.
			shutdown, cancelShutdown := context.WithTimeout(context.Background(), time.Second)
			defer cancelShutdown()
			if srv.Shutdown(shutdown) != nil {
				srv.Close()
			}
			fmt.Fprintln(out, "stopped")
			return nil
		case err := <-served:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case b := <-w.Batches():
			if b.Overflow {
				fmt.Fprintln(out, "too many changes at once: rebuilding everything")
			}
			q.add(b.Paths, b.Overflow)
		case err := <-w.Errors():
			fmt.Fprintf(errout, "watch: %v\n", err)
		}
	}
}

// queue holds the changes not yet built. A change that arrives during a
// build cancels it: what it would show is already out of date. Its changes
// are built together with the newer ones.
type queue struct {
	kick chan struct{} // holds a token while changes wait

	mu     sync.Mutex
	paths  []string
	all    bool               // rebuild everything: the first build, or lost events
	cancel context.CancelFunc // cancels the running build, if any
}

func (q *queue) add(paths []string, all bool) {
	q.mu.Lock()
	q.paths = append(q.paths, paths...)
	q.all = q.all || all
	if q.cancel != nil {
		q.cancel()
		q.cancel = nil
	}
	q.mu.Unlock()
	select {
	case q.kick <- struct{}{}:
	default:
	}
}

// loop builds what is queued until ctx is done.
func (q *queue) loop(ctx context.Context, s *Server) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-q.kick:
		}
		build, cancel := context.WithCancel(ctx)
		q.mu.Lock()
		paths, all := q.paths, q.all
		q.paths, q.all = nil, false
		q.cancel = cancel
		q.mu.Unlock()
		changed := paths
		if all {
			changed = nil // not only stylesheets: reload the pages
		}
		s.rebuild(build, changed)
		q.mu.Lock()
		superseded := q.cancel == nil
		q.cancel = nil
		q.mu.Unlock()
		cancel()
		if superseded && ctx.Err() == nil {
			// Build these changes with the newer ones, queued already.
			q.add(paths, all)
		}
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr writes an address as a person can open it: the unspecified
// address becomes localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
