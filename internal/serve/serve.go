// Package serve is the preview server: it builds a site in memory with the
// same pipeline as the build command, serves it over HTTP, rebuilds when an
// input file changes and tells open pages to reload.
//
// It never writes to the published output. When the input is broken, every
// page shows the problems — file, line, column, message and the offending
// line — until they are fixed.
//
// The preview may show data not yet published, so it answers only requests
// addressed to this computer (guard.go), sends the pages'
// Content-Security-Policy as a header, reads the site only through its
// os.Root, and stops as soon as it is told to, whatever a build is doing.
package serve

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/edit"
	"github.com/minhbach/minhbach/internal/headers"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/render"
)

// The collector setting the minhbach command gives serve (unless GOGC or
// GOMEMLIMIT is set): GOGC=GCPercent under a soft limit of MemLimit. The
// editor waits for every rebuild, and a province's rebuild allocates some
// 45 MB on a live heap a few times smaller: the collector then waits for
// the heap to grow five times its live size, which saves about a fifth of
// a rebuild (BenchmarkRebuildAfterEdit applies the same setting). The limit
// is higher than build's: serve keeps the rendered site in memory.
const (
	GCPercent = 400
	MemLimit  = 512 << 20
)

// The preview server's own paths, outside any site's.
const (
	eventsPath   = "/_minhbach/events"
	reloadPath   = "/_minhbach/reload.js"
	errorCSSPath = "/_minhbach/error.css"
)

var (
	//go:embed reload.js
	reloadJS []byte
	// The error page's styles are a file of the server, not inline, so
	// that the site's Content-Security-Policy ('self') allows them.
	//go:embed error.css
	errorCSS []byte
	//go:embed error.html
	errorHTML string

	errorPage = template.Must(template.New("error.html").Parse(errorHTML))
	// Preview pages reload on a rebuild and link to the report editor.
	inject = template.HTML(`<script src="` + reloadPath + `"></script><script src="` + edit.Prefix + `bar.js"></script>`)
)

// Server serves a site folder and rebuilds it on demand.
type Server struct {
	src    string
	log    io.Writer // rebuild summaries
	errlog io.Writer // problems of failed rebuilds

	// open opens the site folder, through an os.Root, for a build and for
	// the lines shown on the error page.
	open func() (fs.FS, func() error, error)

	hosts map[string]bool // the Host names answered, see hostAllowed
	anyIP bool            // whether any IP address is answered too

	ready     chan struct{} // closed when the first build is done
	readyOnce sync.Once

	mu     sync.RWMutex
	files  render.Files  // the latest successful build
	table  headers.Table // the headers files holds for hosts (_headers), parsed once per build
	err    error         // the latest build's problems, nil if it succeeded
	gen    int           // counts rebuilds: the generation of files and err
	policy string        // the Content-Security-Policy of the site's pages

	subMu sync.Mutex
	subs  map[chan string]struct{}

	cache *load.Cache // parsed input files, kept between rebuilds

	editor *edit.Editor // the report editor, under edit.Prefix
}

// New returns a server for the site in folder src; log receives one line per
// rebuild and errlog the problems of failed ones.
func New(src string, log, errlog io.Writer) *Server {
	s := &Server{
		src: src, log: log, errlog: errlog,
		open:   func() (fs.FS, func() error, error) { return load.Dir(src) },
		hosts:  map[string]bool{},
		ready:  make(chan struct{}),
		policy: defaultPolicy,
		subs:   map[chan string]struct{}{},
		cache:  load.NewCache(),
	}
	for _, h := range loopbackHosts {
		s.hosts[h] = true
	}
	s.editor = edit.New(src, s.open, s.hostAllowed)
	return s
}

// Rebuild builds the site again and tells open pages. changed lists the
// paths that changed, relative to the site folder; if they are all
// stylesheets, pages swap their stylesheets instead of reloading.
func (s *Server) Rebuild(changed []string) error {
	return s.rebuild(context.Background(), changed)
}

// rebuild is Rebuild for a server that stops when ctx is done: a build that
// ends after that is dropped.
func (s *Server) rebuild(ctx context.Context, changed []string) error {
	start := time.Now()
	var res *build.Result
	fsys, closeSite, err := s.open()
	if err == nil {
		res, err = build.Render(ctx, fsys, render.Options{Inject: inject, Preview: true}, s.cache)
		closeSite()
	}
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		return ctx.Err()
	}

	s.mu.Lock()
	s.gen++
	gen := s.gen
	s.err = err
	if err == nil {
		s.files = res.Files
		s.table = headers.Read(res.Files)
		if p := pagePolicy(res.Files["index.html"]); p != "" {
			s.policy = p
		}
	}
	s.mu.Unlock()

	event := "reload"
	if err == nil && len(changed) > 0 && allCSS(changed) {
		event = "css"
	}
	s.broadcast(event, strconv.Itoa(gen))
	// After the broadcast: a page that waited for the first build does
	// not need its event.
	s.readyOnce.Do(func() { close(s.ready) })
	if err != nil {
		fmt.Fprintf(s.errlog, "build failed in %d ms:\n%v\n", elapsed.Milliseconds(), err)
		return err
	}
	fmt.Fprintf(s.log, "built %d pages in %d ms\n", res.Pages, elapsed.Milliseconds())
	return nil
}

func allCSS(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, "static/") || path.Ext(p) != ".css" {
			return false
		}
	}
	return true
}

func (s *Server) subscribe() chan string {
	ch := make(chan string, 4)
	s.subMu.Lock()
	s.subs[ch] = struct{}{}
	s.subMu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan string) {
	s.subMu.Lock()
	delete(s.subs, ch)
	s.subMu.Unlock()
}

// broadcast sends an event to every open page; a page that is not reading
// misses it rather than blocking the rebuild.
func (s *Server) broadcast(event, data string) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- event + "\n" + data:
		default:
		}
	}
}

// ServeHTTP serves the site from memory. Only files of the built site can be
// served: a path is looked up in the build's file map, never on disk, so no
// path outside the site (../, encoded dots, symbolic links) can be read.
//
// It answers only requests whose Host header names this computer (see
// hostAllowed), and sends the pages' Content-Security-Policy as a header
// with every answer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	policy := s.policy
	s.mu.RUnlock()
	w.Header().Set("Content-Security-Policy", policy)
	if !s.hostAllowed(r.Host) {
		http.Error(w, "forbidden: the preview answers only at localhost, 127.0.0.1, [::1] or the -addr host", http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, edit.Prefix) {
		s.editor.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case reloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadJS)
		return
	case errorCSSPath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(errorCSS)
		return
	}
	if strings.Contains(r.URL.Path, "..") || strings.ContainsRune(r.URL.Path, '\\') || strings.ContainsRune(r.URL.Path, 0) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")

	// Until the first build is done there is nothing to show: wait for it.
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	s.mu.RLock()
	files, table, buildErr, gen := s.files, s.table, s.err, s.gen
	s.mu.RUnlock()

	isPage := name == "" || strings.HasSuffix(r.URL.Path, "/") || path.Ext(name) == "" || path.Ext(name) == ".html"
	if buildErr != nil && isPage {
		s.serveErrors(w, buildErr, gen)
		return
	}
	if b, ok := files[name]; ok && name != "" {
		serveFile(w, r, name, b, table, gen)
		return
	}
	index := path.Join(name, "index.html")
	if b, ok := files[index]; ok {
		if name != "" && !strings.HasSuffix(r.URL.Path, "/") {
			// The cleaned name, not the path as sent: "//host" would
			// send the browser to another site.
			to := url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, to.String(), http.StatusMovedPermanently)
			return
		}
		serveFile(w, r, index, b, table, gen)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if b, ok := files["404.html"]; ok {
		if p := pagePolicy(b); p != "" {
			w.Header().Set("Content-Security-Policy", p)
		}
		frameHeaders(w.Header(), table, r.URL.Path)
		w.WriteHeader(http.StatusNotFound)
		w.Write(stampGen(b, gen))
		return
	}
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, "404 page not found\n")
}

func serveFile(w http.ResponseWriter, r *http.Request, name string, b []byte, table headers.Table, gen int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", ctype)
	if path.Ext(name) == ".html" {
		// A page's own policy, which the site's layouts may vary.
		if p := pagePolicy(b); p != "" {
			w.Header().Set("Content-Security-Policy", p)
		}
		b = stampGen(b, gen)
	}
	frameHeaders(w.Header(), table, r.URL.Path)
	// The preview always shows the latest build.
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// stampGen writes the build generation gen into the address of a page's
// reload script, which passes it on to the events it listens to: the page
// is served after its build's broadcast, so that a rebuild can finish
// between the page's load and its connection to the events.
func stampGen(page []byte, gen int) []byte {
	return bytes.Replace(page, []byte(`src="`+reloadPath+`"`), []byte(`src="`+reloadPath+`?gen=`+strconv.Itoa(gen)+`"`), 1)
}

// events streams Server-Sent Events: "reload" after a rebuild, "css" after a
// rebuild that changed only stylesheets. A page that says the generation of
// the build it was loaded from (?gen=) gets "reload" at once if that build
// is no longer the latest: it missed the rebuild's event.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	// Subscribed before reading the generation: a build that ends after
	// the reading is broadcast to ch, one that ended before is seen.
	ch := s.subscribe()
	defer s.unsubscribe(ch)
	io.WriteString(w, ": connected\n\n")
	if page := r.URL.Query().Get("gen"); page != "" {
		s.mu.RLock()
		gen := s.gen
		s.mu.RUnlock()
		// Not "older than": a page from before a restart of serve may
		// carry a higher number.
		if page != strconv.Itoa(gen) {
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", gen)
		}
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			event, data, _ := strings.Cut(msg, "\n")
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
			flusher.Flush()
		}
	}
}

// shownError is one problem on the error page.
type shownError struct {
	Where, Msg string
	LineNo     int
	Line       string // the offending line of the file
	Caret      string // spaces and ^ under its column
}

func (s *Server) serveErrors(w http.ResponseWriter, err error, gen int) {
	var list []*diag.Error
	if le, ok := errors.AsType[*diag.ListError](err); ok {
		list = le.Errs
	} else {
		list = []*diag.Error{{Msg: err.Error()}}
	}
	data := struct {
		Errors []shownError
		More   int
		Gen    int // the build's generation, see stampGen
	}{Gen: gen}
	for i, e := range list {
		if i == diag.MaxShown {
			data.More = len(list) - i
			break
		}
		se := shownError{Msg: e.Msg, Where: (&diag.Error{Path: e.Path, Line: e.Line, Col: e.Col}).Error()}
		se.Where = strings.TrimSuffix(se.Where, ": ")
		if e.Line > 0 && e.Path != "" {
			se.LineNo, se.Line = e.Line, s.sourceLine(e.Path, e.Line)
			if e.Col > 0 && e.Col <= utf8.RuneCountInString(se.Line)+1 {
				se.Caret = strings.Repeat(" ", len(strconv.Itoa(e.Line))+3+e.Col-1) + "^"
			}
		}
		data.Errors = append(data.Errors, se)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	errorPage.Execute(w, data)
}

// sourceLine returns line n of a file of the site, tabs shown as spaces so
// that the caret lines up. It reads through the same root as the build: a
// symbolic link that leads out of the site folder shows nothing, and so does
// anything but a regular file (a FIFO would block the page).
func (s *Server) sourceLine(rel string, n int) string {
	fsys, closeSite, err := s.open()
	if err != nil {
		return ""
	}
	defer closeSite()
	f, _, err := load.OpenRegular(fsys, rel)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			line := strings.TrimPrefix(sc.Text(), "\ufeff")
			return strings.ReplaceAll(strings.TrimRight(line, "\r"), "\t", " ")
		}
	}
	return ""
}

// Inputs are the files and folders of a site that the server watches.
// layouts/ and static/ hold only the site's overrides of the stock theme,
// which is part of the binary and does not change while it runs; they are
// watched even when they do not exist yet, since creating one is an edit.
var Inputs = []string{"site.toml", "content", "data", "layouts", "static"}

// IsInput reports whether a path relative to the site folder is an input:
// anything else (the output folder, editor files at the top) is ignored.
func IsInput(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	for _, in := range Inputs {
		if first == in {
			return true
		}
	}
	return false
}
