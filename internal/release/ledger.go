package release

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// Path is where a site keeps its ledger.
const Path = "data/releases.toml"

// Genesis is the previous hash of the first entry.
var Genesis = strings.Repeat("0", 64)

// Entry is one release: a month's figures as published, and what they were
// computed from.
type Entry struct {
	Month    model.Month
	Date     time.Time // a date, at midnight UTC
	Previous string    // hash of the entry before, or Genesis
	Hash     string
	// Files maps the path of every file the month's figures depend on to
	// the hash of its content (see the package documentation).
	Files   map[string]string
	Figures []Figure // one per target, in the order of data/targets.toml
	Pos     model.Pos
}

// Figure is one target's figures of one month.
type Figure struct {
	Target   string // the target's id
	Status   progress.Status
	Value    float64
	HasValue bool
	Num, Den float64
}

// Equal reports whether f and g say the same thing.
func (f Figure) Equal(g Figure) bool {
	return f.Target == g.Target && f.Status == g.Status && f.HasValue == g.HasValue &&
		(!f.HasValue || f.Value == g.Value) && f.Num == g.Num && f.Den == g.Den
}

// String writes the figure as the messages of check do: value (num/den),
// status.
func (f Figure) String() string {
	v := "no value"
	if f.HasValue {
		v = number(f.Value)
	}
	if f.Den == 0 {
		// a count, a sum or a ratio with nothing to divide by: the
		// fraction would only repeat the value or read as a division by 0
		return fmt.Sprintf("%s, %s", v, f.Status)
	}
	return fmt.Sprintf("%s (%s/%s), %s", v, number(f.Num), number(f.Den), f.Status)
}

// Ledger is data/releases.toml, read and verified.
type Ledger struct {
	Entries []*Entry // in the order of the file: month order
	Src     []byte   // the file as read
}

// Entry returns the release of month m, or nil.
func (l *Ledger) Entry(m model.Month) *Entry {
	if l == nil {
		return nil
	}
	i := slices.IndexFunc(l.Entries, func(e *Entry) bool { return e.Month == m })
	if i < 0 {
		return nil
	}
	return l.Entries[i]
}

// Last returns the latest release, or nil.
func (l *Ledger) Last() *Entry {
	if l == nil || len(l.Entries) == 0 {
		return nil
	}
	return l.Entries[len(l.Entries)-1]
}

// ledgerFile is the TOML shape of the ledger, for decoding and encoding.
type ledgerFile struct {
	Releases []entryFile `toml:"releases"`
}

type entryFile struct {
	Month    string            `toml:"month"`
	Date     tomlDate          `toml:"date"`
	Previous string            `toml:"previous"`
	Hash     string            `toml:"hash"`
	Files    map[string]string `toml:"files"`
	Targets  []figureFile      `toml:"targets"`
}

type figureFile struct {
	ID     string   `toml:"id"`
	Status string   `toml:"status"`
	Value  *float64 `toml:"value,omitempty"`
	Num    float64  `toml:"num"`
	Den    float64  `toml:"den"`
}

// tomlDate is a date written as a TOML local date, 2017-09-07: the
// encoder would otherwise write a time of day and an offset.
type tomlDate struct{ time.Time }

func (d tomlDate) MarshalTOML() ([]byte, error) { return []byte(d.Format(time.DateOnly)), nil }

func (d *tomlDate) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return errors.New("date must be a date such as 2017-09-07, without quotes")
	}
	d.Time = dateOf(t)
	return nil
}

// dateOf returns the day of t, at midnight UTC: the loader's dates carry
// the decoder's local zone, whose offset is the machine's.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Read reads and verifies the ledger of the site in fsys: its syntax, its
// keys and the chain of hashes. It returns nil and no error if the site has
// no ledger. The error is a *diag.ListError naming data/releases.toml with
// the line and column of each problem; of the chain, only the first entry
// that fails is named, since the entries after it follow from it.
func Read(fsys fs.FS) (*Ledger, error) {
	src, err := readFile(fsys, Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var errs diag.List
	if err != nil {
		errs.Block(Path, 0, 0, "cannot read file: %v", err)
		return nil, errs.Err()
	}
	if !utf8.Valid(src) {
		errs.Block(Path, 0, 0, "the file is not UTF-8 text: restore it as minhbach release wrote it")
		return nil, errs.Err()
	}
	l, err := parse(strings.TrimPrefix(string(src), "\ufeff"))
	if err != nil {
		return nil, err
	}
	l.Src = src
	if err := l.verify(); err != nil {
		return nil, err
	}
	return l, nil
}

// parse decodes the ledger text strictly, without verifying the chain.
func parse(text string) (*Ledger, error) {
	var errs diag.List
	var lf ledgerFile
	md, err := toml.Decode(text, &lf)
	if err != nil {
		line, col := 0, 0
		if pe, ok := errors.AsType[toml.ParseError](err); ok {
			line, col = place(text, pe.Position.Start)
		}
		errs.Block(Path, line, col, "%s", strings.TrimPrefix(errMessage(err), "toml: "))
		return nil, errs.Err()
	}
	heads := entryLines(text)
	at := func(i int) model.Pos {
		if i < len(heads) {
			return heads[i]
		}
		return model.Pos{Path: Path}
	}
	for _, key := range md.Undecoded() {
		errs.Add(Path, keyLine(text, key[len(key)-1]), 0, "unknown key %q: the ledger is written by minhbach release; restore the entry as it was written", key.String())
	}
	l := &Ledger{}
	for i, ef := range lf.Releases {
		pos := at(i)
		e := &Entry{Date: ef.Date.Time, Previous: ef.Previous, Hash: ef.Hash, Files: ef.Files, Pos: pos}
		m, err := model.ParseMonth(ef.Month)
		if err != nil {
			errs.Add(Path, pos.Line, pos.Col, "release %d: month %q is not a month written YYYY-MM", i+1, ef.Month)
		}
		e.Month = m
		if ef.Date.IsZero() {
			errs.Add(Path, pos.Line, pos.Col, "release %d (%s) has no date", i+1, ef.Month)
		}
		for _, h := range []string{ef.Previous, ef.Hash} {
			if !isHash(h) {
				errs.Add(Path, pos.Line, pos.Col, "release %d (%s): %q is not a SHA-256 hash of 64 hexadecimal digits", i+1, ef.Month, h)
			}
		}
		for p, h := range ef.Files {
			if !isHash(h) {
				errs.Add(Path, pos.Line, pos.Col, "release %d (%s): the hash of %s, %q, is not a SHA-256 hash of 64 hexadecimal digits", i+1, ef.Month, p, h)
			}
		}
		for _, ff := range ef.Targets {
			f := Figure{Target: ff.ID, Status: progress.Status(ff.Status), Num: ff.Num, Den: ff.Den}
			if ff.Value != nil {
				f.Value, f.HasValue = *ff.Value, true
			}
			if !slices.Contains(progress.Statuses, f.Status) {
				errs.Add(Path, pos.Line, pos.Col, "release %d (%s): target %q has an unknown status %q", i+1, ef.Month, ff.ID, ff.Status)
			}
			e.Figures = append(e.Figures, f)
		}
		l.Entries = append(l.Entries, e)
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	return l, nil
}

// verify checks the chain: each entry's hash is the hash of its content,
// each previous is the hash of the entry before, and months increase.
func (l *Ledger) verify() error {
	var errs diag.List
	prev := Genesis
	var prevMonth model.Month
	for i, e := range l.Entries {
		pos := e.Pos
		switch {
		case e.Hash != e.hash():
			errs.Add(Path, pos.Line, pos.Col, "release %d (%s) was edited after it was written: its content no longer matches its hash; restore it as released (the ledger is append-only: a figure that must change is corrected with [[corrections]] in the latest report)", i+1, e.Month)
		case e.Previous != prev && i == 0:
			errs.Add(Path, pos.Line, pos.Col, "release 1 (%s) is not the first release: its previous hash is not %s… but %s…, so an entry before it was removed or the entries were reordered; restore the ledger as released", e.Month, Genesis[:12], short(e.Previous))
		case e.Previous != prev:
			errs.Add(Path, pos.Line, pos.Col, "release %d (%s) does not follow release %d (%s): its previous hash %s… is not that entry's hash %s…, so an entry was removed, moved or inserted; restore the ledger as released", i+1, e.Month, i, l.Entries[i-1].Month, short(e.Previous), short(prev))
		case i > 0 && !prevMonth.Before(e.Month):
			errs.Add(Path, pos.Line, pos.Col, "release %d (%s) comes after the release of %s: months are released in order; restore the ledger as released", i+1, e.Month, prevMonth)
		}
		if errs.Len() > 0 {
			return errs.Err() // the entries after the first break follow from it
		}
		prev, prevMonth = e.Hash, e.Month
	}
	return nil
}

// hash returns the hash of e's content and previous hash (see the package
// documentation).
func (e *Entry) hash() string {
	var b strings.Builder
	b.WriteString("minhbach release v1\n")
	fmt.Fprintf(&b, "month %s\n", e.Month)
	fmt.Fprintf(&b, "date %s\n", e.Date.Format(time.DateOnly))
	fmt.Fprintf(&b, "previous %s\n", e.Previous)
	paths := make([]string, 0, len(e.Files))
	for p := range e.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "file %s %s\n", strconv.Quote(p), e.Files[p])
	}
	for _, f := range e.Figures {
		v := "-"
		if f.HasValue {
			v = number(f.Value)
		}
		fmt.Fprintf(&b, "target %s %s %s %s %s\n", strconv.Quote(f.Target), f.Status, v, number(f.Num), number(f.Den))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func number(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// entryHead matches the line that opens an entry.
var entryHead = regexp.MustCompile(`^[ \t]*\[\[[ \t]*releases[ \t]*\]\]`)

// entryLines returns where each [[releases]] table starts, in file order.
func entryLines(text string) []model.Pos {
	var out []model.Pos
	for i, line := range strings.Split(text, "\n") {
		if entryHead.MatchString(line) {
			col := 1 + utf8.RuneCountInString(line[:strings.IndexByte(line, '[')])
			out = append(out, model.Pos{Path: Path, Line: i + 1, Col: col})
		}
	}
	return out
}

// keyLine returns the first line on which key is set, or 0.
func keyLine(text, key string) int {
	re := regexp.MustCompile(`^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	for i, line := range strings.Split(text, "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

func errMessage(err error) string {
	if pe, ok := errors.AsType[toml.ParseError](err); ok {
		return pe.Message
	}
	return err.Error()
}

// readFile reads a regular file of the site, as the loader does: never a
// FIFO or device, never more than load.MaxFileSize bytes.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, _, err := load.OpenRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, load.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > load.MaxFileSize {
		return nil, fmt.Errorf("the file is larger than %d MB", load.MaxFileSize>>20)
	}
	return b, nil
}

// place returns the line and the column, in characters, of the byte
// offset off of text (the decoder's own line can be the next one).
func place(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return 1 + strings.Count(text[:off], "\n"), utf8.RuneCountInString(text[start:off]) + 1
}
