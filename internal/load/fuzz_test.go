package load_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// inputFiles are the files the fuzzers replace, each in turn.
var inputFiles = []string{
	"site.toml", "data/units.toml", "data/agencies.toml", "data/records.toml", "data/targets.toml",
	"data/lists/lanh-manh.toml", "data/rubrics/thang-diem.toml", "data/reports/2020-01.toml", "content/gioi-thieu.md",
}

// checkErrors checks what every problem must be: in the file that was
// changed or another input file, at a line that exists, with a message.
func checkErrors(t *testing.T, err error, fsys fstest.MapFS) {
	t.Helper()
	le, ok := err.(*diag.ListError)
	if !ok {
		t.Fatalf("error of type %T: %v", err, err)
	}
	for _, e := range le.Errs {
		if e.Msg == "" || e.Path == "" {
			t.Errorf("problem without a message or a file: %+v", e)
			continue
		}
		f, ok := fsys[e.Path]
		if !ok {
			// A folder, such as data/reports for a missing report.
			continue
		}
		lines := strings.Count(string(f.Data), "\n") + 1
		if e.Line < 0 || e.Line > lines || e.Col < 0 {
			t.Errorf("%s: line %d col %d outside a file of %d lines", e.Path, e.Line, e.Col, lines)
		}
		if e.Line > 0 && e.Col > 0 && utf8.Valid(f.Data) {
			line := strings.Split(strings.ReplaceAll(strings.TrimPrefix(string(f.Data), "\ufeff"), "\r\n", "\n"), "\n")[e.Line-1]
			if n := utf8.RuneCountInString(line); e.Col > n+1 && n > 0 {
				t.Errorf("%s: col %d past the end of line %d (%d characters): %q", e.Path, e.Col, e.Line, n, line)
			}
		}
	}
}

// FuzzLoad replaces one input file of a valid site with the fuzzer's bytes:
// loading must never panic, problems must point inside the files, and a
// site that loads must compute.
func FuzzLoad(f *testing.F) {
	base := sitetest.Load(f, "small")
	// The first byte chooses the file, the rest is its content. (One []byte
	// argument: with a second one the fuzzer slows to a crawl here.)
	for i, name := range inputFiles {
		f.Add(append([]byte{byte(i)}, base[name].Data...))
	}
	f.Add(append([]byte{7}, "[[press]]\ndate = 2020-01-05\ntitle = \"Tin \u0301\"\nurl = \"ftp://x\"\n"...))
	f.Add(append([]byte{4}, "[[targets]]\nid = \"a\"\nrule = \"ratio\"\nrecords = \"cases\"\nnumerator = \"detected\"\ndenominator = \"handled\"\nthreshold = 1e400\nunit = \"x\"\nname = \"n\"\n"...))
	// Inputs that exhausted or crashed the TOML decoder, or misled: deep
	// nesting of every kind (small here; TestDeepNestingRefusedQuickly feeds
	// 10 MB), numbers that are not exact, and control characters.
	for _, seed := range []struct {
		file byte
		src  string
	}{
		{7, "x = " + strings.Repeat("{a = ", 2000) + "1" + strings.Repeat("}", 2000) + "\n"},
		{7, "x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"},
		{7, strings.Repeat("a.", 2000) + "a = 1\n"},
		{4, "[" + strings.Repeat("a.", 2000) + "a]\n"},
		{8, "+++\ntitle = \"A\"\nx = " + strings.Repeat("[", 100) + "\n+++\n"},
		{4, "[[targets]]\nid = \"..\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = nan\nunit = \"x\"\n"},
		{7, "[[cases]]\nunit = \"002\"\ndetected = 9223372036854775807\nhandled = -inf\n"},
		{1, "[[levels]]\nid = \"d\"\nname = \"D\"\n[[units]]\ncode = \"1\"\nname = \"a\\n[[press]]\"\ntype = \"T\"\nlevel = \"d\"\n"},
		{1, "source = \"x\"\n"},
		// Languages, and texts as tables of languages.
		{0, "languages = [\"vi\", \"en\", \"en\", \"EN\", \"x y\"]\nlanguage = \"en\"\ntitle = { vi = \"T\", en = \"T\" }\nbase_url = \"https://e.org/\"\n[plan]\nnumber = \"1\"\ntitle = { en = \"P\" }\nissuer = \"I\"\ndate = 2020-01-01\nstart = \"2020-01\"\nend = \"2020-04\"\n"},
		{2, "[[agencies]]\nid = \"so\"\nname = { vi = \"Sở\", en = { x = 1 } }\ntasks = [\n  \"a\",\n  { vi = \"b\", fr = \"c\" },\n  1,\n]\n"},
		{7, "s = \"\"\"[[{{\\\"\"\"\"\"\nt = '''[['''\n# [[[\n"},
	} {
		f.Add(append([]byte{seed.file}, seed.src...))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		if len(input) == 0 {
			return
		}
		which, data := input[0], input[1:]
		fsys := sitetest.Parse("")
		for k, v := range base {
			fsys[k] = v
		}
		name := inputFiles[int(which)%len(inputFiles)]
		fsys[name] = &fstest.MapFile{Data: data}
		s, err := load.Site(fsys)
		if err != nil {
			checkErrors(t, err, fsys)
			return
		}
		p := progress.Compute(s)
		for _, r := range p.Results {
			for _, m := range r.Months {
				if m.HasValue && r.Target.IsPercent() && (m.Value < 0 || m.Value > 100) {
					t.Errorf("%s %s: %v%% is not a percentage", r.Target.ID, m.Month, m.Value)
				}
			}
		}
	})
}
