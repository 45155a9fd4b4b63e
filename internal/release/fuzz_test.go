package release_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/release"
)

// FuzzRead reads the fuzzer's bytes as the ledger of a site: Read must
// never panic, and every problem must name the ledger at a place inside
// it.
func FuzzRead(f *testing.F) {
	base := released(f)
	ledger := base[release.Path].Data
	f.Add(ledger)
	f.Add([]byte(strings.Replace(string(ledger), "value = 60.0", "value = 6e1", 1)))
	f.Add([]byte("[[releases]]\nmonth = \"2020-01\"\n[[releases.targets]]\nid = 1\n"))
	f.Add([]byte("[[releases]]\nmonth = \"tháng\"\ndate = 2020-02-03T10:00:00Z\nfoo = [\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{release.Path: &fstest.MapFile{Data: b}}
		_, err := release.Read(fsys)
		if err == nil {
			return
		}
		le, ok := err.(*diag.ListError)
		if !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		lines := strings.Split(string(b), "\n")
		for _, e := range le.Errs {
			if e.Path != release.Path || e.Msg == "" {
				t.Errorf("problem not in the ledger, or without a message: %+v", e)
			}
			if e.Line < 0 || e.Line > len(lines) || e.Col < 0 {
				t.Errorf("line %d col %d outside a file of %d lines", e.Line, e.Col, len(lines))
			}
			if e.Line > 0 && e.Col > 0 && utf8.Valid(b) {
				if n := utf8.RuneCountInString(lines[e.Line-1]); e.Col > n+1 {
					t.Errorf("col %d past the end of line %d (%d characters)", e.Col, e.Line, n)
				}
			}
		}
	})
}
