package edit

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/release"
)

// Prefix is where the editor is mounted on the preview server.
const Prefix = "/_minhbach/edit/"

// policy is the editor's Content-Security-Policy: its own files only, no
// inline script or style.
const policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// maxRequest is the largest request body read.
const maxRequest = 32 << 20

var (
	//go:embed assets
	assets embed.FS

	pageTmpl = template.Must(template.ParseFS(assets, "assets/page.html"))
)

// Editor serves the editor of a site folder.
type Editor struct {
	dir    string
	open   func() (fs.FS, func() error, error)
	hostOK func(host string) bool
	token  string

	mu sync.Mutex // one save at a time

	// staged, if set, is called by a save once its files are written
	// beside the old ones, before they are checked again and renamed: a
	// test changes a file there.
	staged func()
}

// New returns the editor of the site in folder dir. open opens the folder
// for reading, as the preview server does; hostOK reports whether a Host
// header names the preview.
func New(dir string, open func() (fs.FS, func() error, error), hostOK func(host string) bool) *Editor {
	b := make([]byte, 32)
	rand.Read(b) // never fails
	return &Editor{dir: dir, open: open, hostOK: hostOK, token: hex.EncodeToString(b)}
}

// request is the body of every POST: the token, and what the endpoint
// needs of the rest.
type request struct {
	Token      string  `json:"token"`
	Month      string  `json:"month"`
	Hash       string  `json:"hash"`
	PostHash   string  `json:"postHash"`
	Values     *Values `json:"values"`
	Post       *string `json:"post"` // nil: the post is not changed
	Correction Row     `json:"correction"`
	Kind       string  `json:"kind"`
	Text       string  `json:"text"`
}

// ServeHTTP serves the editor's page, its files and its endpoints.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", policy)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !e.hostOK(r.Host) {
		http.Error(w, "forbidden: the editor answers only at the preview's own address", http.StatusForbidden)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, Prefix)
	if r.Method == http.MethodPost {
		e.post(w, r, name)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch name {
	case "":
		e.page(w, r)
	case "edit.js", "edit.css", "bar.js":
		b, _ := assets.ReadFile("assets/" + name)
		ctype := "text/css; charset=utf-8"
		if path.Ext(name) == ".js" {
			ctype = "text/javascript; charset=utf-8"
		}
		h.Set("Content-Type", ctype)
		w.Write(b)
	case "data":
		e.data(w, r)
	default:
		http.NotFound(w, r)
	}
}

// post checks that a POST comes from the editor's own page, then serves it.
func (e *Editor) post(w http.ResponseWriter, r *http.Request, name string) {
	if !slices.Contains([]string{"check", "save", "preview", "paste"}, name) {
		http.NotFound(w, r)
		return
	}
	if !sameOrigin(r) {
		http.Error(w, "forbidden: the request does not come from the editor's page (Origin or Referer)", http.StatusForbidden)
		return
	}
	var req request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequest))
	if err := dec.Decode(&req); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	if subtle.ConstantTimeCompare([]byte(req.Token), []byte(e.token)) != 1 {
		http.Error(w, "forbidden: the form's token is missing or out of date: reload the editor", http.StatusForbidden)
		return
	}
	var status int
	var resp any
	switch name {
	case "check":
		status, resp = e.check(r.Context(), &req)
	case "save":
		status, resp = e.save(r.Context(), &req)
	case "preview":
		status, resp = preview(req.Text)
	case "paste":
		status, resp = e.paste(r.Context(), &req)
	}
	writeJSON(w, status, resp)
}

// sameOrigin reports whether a request comes from a page of the host it
// is sent to: its Origin, or without one its Referer, names that host.
// A request that names neither is refused: browsers send Origin with
// every POST made by a script.
func sameOrigin(r *http.Request) bool {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" || from == "null" {
		return false
	}
	u, err := url.Parse(from)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// failure is the answer to a request that cannot be done.
type failure struct {
	Error    string    `json:"error"`
	Problems []Problem `json:"problems,omitempty"`
	// NeedCorrection says that the month is released and the save changes
	// its figures: the form asks for a correction.
	NeedCorrection bool `json:"needCorrection,omitempty"`
	Reload         bool `json:"reload,omitempty"`
}

// withState opens the site and reads it for one request.
func (e *Editor) withState(ctx context.Context, do func(st *state) (int, any)) (int, any) {
	fsys, closeSite, err := e.open()
	if err != nil {
		return http.StatusInternalServerError, failure{Error: err.Error()}
	}
	defer closeSite()
	st, err := readState(ctx, fsys)
	if err != nil {
		return http.StatusConflict, failure{Error: "fix these problems of the site's data files first:\n" + err.Error()}
	}
	return do(st)
}

func (e *Editor) check(ctx context.Context, req *request) (int, any) {
	return e.withState(ctx, func(st *state) (int, any) {
		m, ok := st.month(req.Month)
		if !ok || req.Values == nil {
			return http.StatusBadRequest, failure{Error: "no month of the plan period, or no values"}
		}
		src, exists, _ := readFile(st.fsys, ReportPath(m))
		header := ""
		if exists {
			header = Header(string(src))
		}
		w, probs := st.check(m, *req.Values, header)
		return http.StatusOK, map[string]any{"problems": nonNil(probs), "dropped": nonNil(Dropped(string(src), w.Text))}
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// save checks the form's values as the whole site would be with them, and
// writes them if nothing is wrong.
func (e *Editor) save(ctx context.Context, req *request) (int, any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.withState(ctx, func(st *state) (int, any) {
		m, ok := st.month(req.Month)
		if !ok || req.Values == nil {
			return http.StatusBadRequest, failure{Error: "no month of the plan period, or no values"}
		}
		rp, pp := ReportPath(m), PostPath(m)
		was, wasExists, err := readFile(st.fsys, rp)
		if err != nil {
			return http.StatusInternalServerError, failure{Error: err.Error()}
		}
		post, postExists, err := readFile(st.fsys, pp)
		if err != nil {
			return http.StatusInternalServerError, failure{Error: err.Error()}
		}
		if hash(was, wasExists) != req.Hash || hash(post, postExists) != req.PostHash {
			return http.StatusConflict, failure{Reload: true, Error: "conflict"}
		}
		header := ""
		if wasExists {
			d := st.decode(m, was)
			if len(d.problems) > 0 {
				return http.StatusConflict, failure{Reload: true, Error: strings.Join(d.problems, "\n")}
			}
			header = d.header
		}
		values := *req.Values
		w, probs := st.check(m, values, header)
		if hasErrors(probs) {
			return http.StatusUnprocessableEntity, failure{Error: "invalid", Problems: probs}
		}
		files := map[string][]byte{rp: []byte(w.Text)}
		written := map[string]Written{rp: w}
		// What each file held when it was read, checked again right
		// before the rename.
		loaded := map[string]loadedFile{rp: {was, wasExists}, pp: {post, postExists}}
		if req.Post != nil && *req.Post != string(post) {
			files[pp] = []byte(*req.Post)
			written[pp] = postWritten(*req.Post)
		}

		correctionAt := ""
		if st.ledger.Entry(m) != nil && wasExists && !sameFigures(was, files[rp]) {
			c := Row{"month": m.String()}
			for _, k := range []string{"date", "what", "why"} {
				if s := strings.TrimSpace(req.Correction[k]); s != "" {
					c[k] = s
				}
			}
			if len(c) == 1 {
				return http.StatusUnprocessableEntity, failure{Error: "correction", NeedCorrection: true}
			}
			l, _ := st.latestPublished(m, files[rp])
			if l == m || l.IsZero() {
				values.Corrections = append(slices.Clone(values.Corrections), c)
				w, _ = st.check(m, values, header)
				files[rp], written[rp] = []byte(w.Text), w
				correctionAt = "corrections." + strconv.Itoa(len(values.Corrections)-1)
			} else {
				lp := ReportPath(l)
				lb, lbExists, err := readFile(st.fsys, lp)
				if err != nil {
					return http.StatusInternalServerError, failure{Error: err.Error()}
				}
				loaded[lp] = loadedFile{lb, lbExists}
				cw := appendAt(string(lb), correctionText(c))
				files[lp], written[lp] = []byte(cw.Text), cw
				correctionAt = "correction"
			}
		}

		errs, err := build.Check(ctx, patched{base: st.fsys, files: files})
		if err != nil {
			return http.StatusInternalServerError, failure{Error: err.Error()}
		}
		var mine []*diag.Error
		for _, x := range errs {
			_, ours := written[x.Path]
			if !x.Warning && (ours || x.Path == release.Path && strings.Contains(x.Msg, rp)) {
				mine = append(mine, x)
			}
		}
		if len(mine) > 0 {
			probs := problems(mine, written)
			for i := range probs {
				if correctionAt != "" && strings.HasPrefix(probs[i].Key, correctionAt) {
					probs[i].Key = "correction" + strings.TrimPrefix(probs[i].Key, correctionAt)
				}
			}
			return http.StatusUnprocessableEntity, failure{Error: "invalid", Problems: probs, NeedCorrection: correctionAt != ""}
		}
		saved, err := e.commit(files, loaded)
		if errors.Is(err, errChanged) {
			return http.StatusConflict, failure{Reload: true, Error: "conflict"}
		}
		if err != nil {
			return http.StatusInternalServerError, failure{Error: err.Error()}
		}
		return http.StatusOK, map[string]any{"saved": saved}
	})
}

// postWritten places every line of a post at the key "post".
func postWritten(text string) Written {
	n := strings.Count(text, "\n") + 1
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "post"
	}
	return Written{Text: text, Keys: keys}
}

func hasErrors(probs []Problem) bool {
	return slices.ContainsFunc(probs, func(p Problem) bool { return !p.Warning })
}

// loadedFile is what a file held when a save read it.
type loadedFile struct {
	b      []byte
	exists bool
}

// errChanged is the error of a commit that found a file changed since the
// save read it.
var errChanged = errors.New("a file changed since it was read")

// commit writes files (paths relative to the site folder) through an
// os.Root on the editor's folder: each to a temporary file beside it;
// then, only if every file still holds what it held when the save read it
// (loaded), renames them over the old ones, in the order of their paths.
// Otherwise it removes the temporary files and returns errChanged. The
// re-reading is as late as can be, right before the renames, but the two
// are not one step: a program that writes a file between them still has
// its change overwritten.
func (e *Editor) commit(files map[string][]byte, loaded map[string]loadedFile) ([]string, error) {
	root, err := os.OpenRoot(e.dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	paths := slices.Sorted(maps.Keys(files))
	tmps := map[string]string{}
	defer func() {
		for _, tmp := range tmps {
			root.Remove(tmp)
		}
	}()
	for _, p := range paths {
		tmp, err := stage(root, p, files[p])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		tmps[p] = tmp
	}
	if e.staged != nil {
		e.staged()
	}
	for _, p := range paths {
		now, err := root.ReadFile(p)
		exists := err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		if l := loaded[p]; exists != l.exists || !bytes.Equal(now, l.b) {
			return nil, errChanged
		}
	}
	var saved []string
	for _, p := range paths {
		if err := root.Rename(tmps[p], p); err != nil {
			return saved, fmt.Errorf("%s: %v", p, err)
		}
		delete(tmps, p)
		saved = append(saved, p)
	}
	return saved, nil
}

// stage writes b to a new temporary file in the folder of rel, made if
// need be, and returns its path.
func stage(root *os.Root, rel string, b []byte) (string, error) {
	folder := path.Dir(rel)
	if err := root.MkdirAll(folder, 0o755); err != nil {
		return "", err
	}
	r := make([]byte, 8)
	rand.Read(r)
	tmp := folder + "/.minhbach-edit-" + hex.EncodeToString(r) + ".tmp"
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// preview renders the body of a post with the site's Markdown code.
func preview(text string) (int, any) {
	body := strings.ReplaceAll(text, "\r\n", "\n")
	if rest, ok := strings.CutPrefix(body, "+++\n"); ok {
		if _, after, ok := strings.Cut(rest, "\n+++"); ok {
			body = strings.TrimPrefix(after, "\n")
		}
	}
	html, _, err := markdown.Render([]byte(body))
	if err != nil {
		return http.StatusOK, map[string]any{"html": "", "error": err.Error()}
	}
	return http.StatusOK, map[string]any{"html": string(html)}
}
