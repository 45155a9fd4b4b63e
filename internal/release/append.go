package release

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// Latest returns the month a release takes by default: the latest
// published report's. ok is false if no report is published.
func Latest(s *model.Site) (m model.Month, ok bool) {
	if n := len(s.Reports); n > 0 {
		return s.Reports[n-1].Month, true
	}
	return model.Month{}, false
}

// Refuse returns why month m of the site s cannot be released after the
// entries of l (nil for none), or nil if it can: it is released already,
// its report is missing or a draft, it comes before the latest release, or
// a published month before it is not released yet.
func Refuse(s *model.Site, l *Ledger, m model.Month) error {
	if e := l.Entry(m); e != nil {
		return fmt.Errorf("%s:%d:%d: %s is already released, on %s: the ledger is append-only; to change its figures, declare a [[corrections]] in the latest report", Path, e.Pos.Line, e.Pos.Col, m, e.Date.Format(time.DateOnly))
	}
	for _, r := range s.Drafts.Reports {
		if r.Month == m {
			return fmt.Errorf("%s: the report for %s is not published: set published = %d-%02d-05 (the date it was compiled, without quotes), then release it", r.Path, m, m.Next().Year, int(m.Next().Mon))
		}
	}
	var report *model.Report
	for _, r := range s.Reports {
		if r.Month == m {
			report = r
		}
	}
	if report == nil {
		return fmt.Errorf("%s: there is no report for %s: a month is released once its report is published", reportPath(m), m)
	}
	last := l.Last()
	if last != nil && m.Before(last.Month) {
		return fmt.Errorf("%s:%d:%d: %s comes before %s, the latest release: months are released in order, so %s can no longer be released; its figures are published as corrections of the months after it", Path, last.Pos.Line, last.Pos.Col, m, last.Month, m)
	}
	for _, r := range s.Reports {
		if r.Month.Before(m) && (last == nil || last.Month.Before(r.Month)) {
			return fmt.Errorf("%s: %s is published but not released, and months are released in order: release %s first (minhbach release %s)", r.Path, r.Month, r.Month, r.Month)
		}
	}
	return nil
}

// Next returns the entry that releases month m on date, after the entries
// of l (nil for none): the hashes of the files the month's figures depend
// on, read from fsys, and the figures p computes for it.
func Next(fsys fs.FS, s *model.Site, p *progress.Progress, l *Ledger, m model.Month, date time.Time) (*Entry, error) {
	files, err := newHasher(fsys).deps(s, m)
	if err != nil {
		return nil, err
	}
	prev := Genesis
	if last := l.Last(); last != nil {
		prev = last.Hash
	}
	e := &Entry{Month: m, Date: dateOf(date), Previous: prev, Files: files, Figures: Figures(p, m)}
	e.Hash = e.hash()
	return e, nil
}

// Encode returns e as a [[releases]] table of the ledger.
func (e *Entry) Encode() ([]byte, error) {
	ef := entryFile{Month: e.Month.String(), Date: tomlDate{e.Date}, Previous: e.Previous, Hash: e.Hash, Files: e.Files}
	for _, f := range e.Figures {
		ff := figureFile{ID: f.Target, Status: string(f.Status), Num: f.Num, Den: f.Den}
		if f.HasValue {
			v := f.Value
			ff.Value = &v
		}
		ef.Targets = append(ef.Targets, ff)
	}
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(ledgerFile{Releases: []entryFile{ef}}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// header opens a new ledger.
const header = "# The releases of this site, written by \"minhbach release\": append-only,\n# each entry holds the hash of the one before (see the README).\n"

// Append adds e to the ledger of the site folder dir, whose bytes were was
// when e was made (nil for a site without a ledger). It keeps those bytes
// as they are and adds the entry after them, replacing the file at once
// (a new file renamed over it), so that the ledger is never half written.
// It fails if the ledger changed since it was read.
func Append(dir string, was []byte, e *Entry) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("%s: cannot open the site folder: %w", dir, err)
	}
	defer root.Close()
	name := filepath.FromSlash(Path)
	now, err := root.ReadFile(name)
	switch {
	case errors.Is(err, fs.ErrNotExist) && was == nil:
		now = []byte(header)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: cannot read file: %w", Path, err)
	case !bytes.Equal(now, was):
		return fmt.Errorf("%s: the file changed while the release was being made: run the command again", Path)
	}
	entry, err := e.Encode()
	if err != nil {
		return err
	}
	out := bytes.Clone(now)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	if len(out) > 0 {
		out = append(out, '\n')
	}
	out = append(out, entry...)

	tmp := ""
	var f *os.File
	for i := 0; f == nil; i++ {
		tmp = filepath.Join(filepath.Dir(name), fmt.Sprintf(".releases-%d-%d.tmp", os.Getpid(), i))
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil && (!errors.Is(err, fs.ErrExist) || i > 100) {
			return fmt.Errorf("%s: cannot write: %w", Path, err)
		}
	}
	_, err = f.Write(out)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
		return fmt.Errorf("%s: cannot write: %w", Path, err)
	}
	return nil
}
