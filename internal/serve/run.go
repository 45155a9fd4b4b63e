package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/minhbach/minhbach/internal/watch"
)

// Run builds the site, serves it on addr and rebuilds it on every change
// until ctx is done. It prints the address to open and a line per rebuild on
// out, and problems on errout.
func Run(ctx context.Context, src, addr string, out, errout io.Writer) error {
	s := New(src, out, errout)
	s.Rebuild(nil) // a broken site is served as its error page

	w, err := watch.New(src, Inputs, func(rel string) bool { return !IsInput(rel) }, watch.DefaultDelay)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", src, err)
	}
	defer w.Close()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Open pages hold an event stream: end it with the server.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !isLoopback(host) {
		fmt.Fprintf(errout, "\n*** WARNING: serving on %s, which other computers can reach. The preview may show unpublished data. Use -addr 127.0.0.1:1313 to keep it private. ***\n\n", ln.Addr())
	}
	fmt.Fprintf(out, "Preview: http://%s/  (Ctrl+C to stop)\n", displayAddr(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := srv.Shutdown(shutdown)
			fmt.Fprintln(out, "stopped")
			return err
		case err := <-served:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case b := <-w.Batches():
			if b.Overflow {
				fmt.Fprintln(out, "too many changes at once: rebuilding everything")
			}
			s.Rebuild(b.Paths)
		case err := <-w.Errors():
			fmt.Fprintf(errout, "watch: %v\n", err)
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
