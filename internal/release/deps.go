package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/minhbach/minhbach/internal/model"
)

// The shared dependencies of every month's figures, beside the reports.
const (
	configPath  = "site.toml"
	unitsPath   = "data/units.toml"
	recordsPath = "data/records.toml"
	targetsPath = "data/targets.toml"
)

// hasher computes the content hashes of a site's files, each once.
type hasher struct {
	fsys fs.FS
	sums map[string]string
}

func newHasher(fsys fs.FS) *hasher { return &hasher{fsys: fsys, sums: map[string]string{}} }

// deps returns the hash of every file the figures of month m depend on, in
// the site s read from the hasher's files.
func (h *hasher) deps(s *model.Site, m model.Month) (map[string]string, error) {
	paths := []string{configPath, unitsPath, targetsPath}
	if len(s.Kinds) > 0 {
		paths = append(paths, recordsPath)
	} else if _, err := fs.Stat(h.fsys, recordsPath); err == nil {
		paths = append(paths, recordsPath) // a file of no kinds
	}
	for _, l := range s.Lists {
		paths = append(paths, "data/lists/"+l.ID+".toml")
	}
	for _, r := range s.Rubrics {
		paths = append(paths, "data/rubrics/"+r.ID+".toml")
	}
	for _, r := range s.Reports {
		if !m.Before(r.Month) {
			paths = append(paths, r.Path)
		}
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		sum, err := h.sum(p)
		if err != nil {
			return nil, err
		}
		out[p] = sum
	}
	return out, nil
}

// sum returns the hash of the content of the file p.
func (h *hasher) sum(p string) (string, error) {
	if s, ok := h.sums[p]; ok {
		return s, nil
	}
	b, err := readFile(h.fsys, p)
	if err != nil {
		return "", fmt.Errorf("%s: cannot read file: %w", p, err)
	}
	s, err := contentHash(p, b)
	if err != nil {
		return "", err
	}
	h.sums[p] = s
	return s, nil
}

// contentHash returns the hash of the content of the TOML file p (see the
// package documentation): of its values, in a canonical form, only those
// the figures depend on.
func contentHash(p string, b []byte) (string, error) {
	c, err := content(p, b)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(c))
	return hex.EncodeToString(sum[:]), nil
}

// content returns what contentHash hashes: the values of the file p that
// the figures depend on, in the canonical form.
func content(p string, b []byte) (string, error) {
	src := norm.NFC.String(string(bytes.TrimPrefix(b, []byte("\ufeff"))))
	var v map[string]any
	if _, err := toml.Decode(src, &v); err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if c := countedOf(p); c != nil {
		v = c.keep(v)
	} else {
		delete(v, "corrections") // a report: every value but its corrections
	}
	var w strings.Builder
	canonical(&w, v)
	return w.String(), nil
}

// canonical writes v so that two TOML documents with the same values write
// the same text.
func canonical(w *strings.Builder, v any) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.WriteByte('{')
		for _, k := range keys {
			w.WriteString(strconv.Quote(k))
			w.WriteByte(':')
			canonical(w, v[k])
			w.WriteByte(';')
		}
		w.WriteByte('}')
	case []map[string]any:
		w.WriteByte('[')
		for _, x := range v {
			canonical(w, x)
			w.WriteByte(',')
		}
		w.WriteByte(']')
	case []any:
		w.WriteByte('[')
		for _, x := range v {
			canonical(w, x)
			w.WriteByte(',')
		}
		w.WriteByte(']')
	case string:
		w.WriteString(strconv.Quote(v))
	case int64:
		w.WriteString(strconv.FormatInt(v, 10))
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			w.WriteString(strconv.FormatInt(int64(v), 10)) // 1.0 is 1
		} else {
			w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
	case bool:
		w.WriteString(strconv.FormatBool(v))
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			w.WriteString("d" + v.Format(time.DateOnly))
		case "datetime-local":
			w.WriteString("l" + v.Format("2006-01-02T15:04:05.999999999"))
		case "time-local":
			w.WriteString("t" + v.Format("15:04:05.999999999"))
		default:
			w.WriteString("z" + v.UTC().Format(time.RFC3339Nano))
		}
	default:
		fmt.Fprintf(w, "%T:%v", v, v) // not produced by the decoder
	}
}
