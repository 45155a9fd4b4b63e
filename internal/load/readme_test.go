package load

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/content"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/report"
	"github.com/minhbach/minhbach/internal/theme"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The README's INPUTS section is the schema editors read. These tests keep
// it true: every TOML example in it decodes with the decoder the loader uses
// for the file it documents, and every key those decoders accept is
// documented there.
//
// The section starts at the line <!-- INPUTS --> and runs to the next "## "
// heading after its own. Each "### " heading names its file in its first
// `backticked` text. A key is documented when it is a key of one of the
// section's TOML blocks, or is written in backticks in a table row.
//
// A block that only continues a table may be marked on the line before it:
//
//	<!-- partial: [[targets]] -->   decoded strictly after that header line
//	<!-- partial -->                checked as TOML syntax only
const readmePath = "../../README.md"

// readmeFile is one input file the README documents: the heading that
// names it and the type the loader decodes it into (nil: decoded raw).
type readmeFile struct {
	heading string
	typ     reflect.Type
	keys    []string // keys the loader reads without a struct
}

func readmeFiles() []readmeFile {
	reportKeys := report.Keys()
	return []readmeFile{
		{heading: configPath, typ: reflect.TypeFor[configFile]()},
		{heading: content.Dir + "/", typ: reflect.TypeFor[content.FrontMatter]()},
		{heading: theme.LayoutsDir + "/", typ: reflect.TypeFor[map[string]string]()},
		{heading: unitsPath, typ: reflect.TypeFor[unitsFile]()},
		{heading: agenciesPath, typ: reflect.TypeFor[agenciesFile]()},
		{heading: kindsPath, typ: reflect.TypeFor[kindsFile]()},
		{heading: targetsPath, typ: reflect.TypeFor[targetsFile]()},
		{heading: "data/lists/ID.toml", typ: reflect.TypeFor[listFile]()},
		{heading: "data/rubrics/ID.toml", typ: reflect.TypeFor[rubricFile]()},
		{heading: contextPath, typ: reflect.TypeFor[contextFile]()},
		{heading: reportsDir + "/YYYY-MM.toml", keys: reportKeys},
	}
}

// readmeSection is the part of the INPUTS section under one "### " heading.
type readmeSection struct {
	heading string // the file it names
	line    int
	blocks  []readmeBlock
	rowKeys map[string]bool // words in backticks in table rows
}

type readmeBlock struct {
	line    int    // README line of the block's first line
	header  string // for a partial block: the table header it continues
	partial bool
	src     string
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	partialRe  = regexp.MustCompile(`^<!--\s*partial\s*(?::\s*(.*?))?\s*-->$`)
)

// readInputs reads the README's INPUTS section.
func readInputs(t *testing.T) []*readmeSection {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := parseInputs(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return sections
}

// parseInputs splits the INPUTS section of a README into its file
// sections. The first holds what comes before the first "### " heading.
func parseInputs(readme string) ([]*readmeSection, error) {
	lines := strings.Split(strings.ReplaceAll(readme, "\r\n", "\n"), "\n")
	start := slices.Index(lines, "<!-- INPUTS -->")
	if start < 0 {
		return nil, fmt.Errorf("README.md: no <!-- INPUTS --> line before the input files section")
	}
	cur := &readmeSection{line: start + 1, rowKeys: map[string]bool{}}
	out := []*readmeSection{cur}
	headings := 0
	for i := start + 1; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "## "):
			headings++
			if headings > 1 {
				return out, nil
			}
		case strings.HasPrefix(line, "### "):
			name := ""
			if m := backticked.FindStringSubmatch(line); m != nil {
				name = m[1]
			}
			cur = &readmeSection{heading: name, line: i + 1, rowKeys: map[string]bool{}}
			out = append(out, cur)
		case strings.HasPrefix(line, "```"):
			end := i + 1
			for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
				end++
			}
			if strings.TrimSpace(strings.TrimPrefix(line, "```")) == "toml" {
				blk := readmeBlock{line: i + 2, src: strings.Join(lines[i+1:end], "\n") + "\n"}
				if p := prevNonBlank(lines, i); p >= 0 {
					if m := partialRe.FindStringSubmatch(strings.TrimSpace(lines[p])); m != nil {
						blk.partial, blk.header = true, m[1]
					}
				}
				cur.blocks = append(cur.blocks, blk)
			}
			i = end
		case strings.HasPrefix(line, "|"):
			for _, m := range backticked.FindAllStringSubmatch(line, -1) {
				cur.rowKeys[strings.Trim(m[1], "[] ")] = true
			}
		}
	}
	return out, nil
}

func prevNonBlank(lines []string, i int) int {
	for i--; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return i
		}
	}
	return -1
}

// decodeBlock decodes one block as the loader decodes the file, and returns
// the problems found, placed at their README lines.
func decodeBlock(file readmeFile, blk readmeBlock) []string {
	src, shift := blk.src, blk.line-1
	if blk.header != "" {
		src, shift = blk.header+"\n"+src, blk.line-2
	}
	errs := &diag.List{}
	f := &tomlFile{tomlfile.New(file.heading, src, errs)}
	switch {
	case blk.partial && blk.header == "":
		f.decodeRaw()
	case file.typ == nil:
		if _, ok := f.decodeRaw(); ok {
			f.checkBuiltIn(file.keys)
		}
	default:
		f.decode(reflect.New(file.typ).Interface())
	}
	var out []string
	for _, e := range errs.Errors() {
		line := max(e.Line+shift, blk.line-1)
		if e.Line == 0 {
			line = blk.line - 1
		}
		out = append(out, fmt.Sprintf("README.md:%d:%d: in the %s example: %s", line, e.Col, file.heading, e.Msg))
	}
	return out
}

// checkBuiltIn checks, in a file decoded raw, the keys of the tables the
// loader reads by name: "submitted.agencies" is known if keys holds it, and
// "submitted.agency" is not. Deeper keys (criterion ids) are data.
func (f *tomlFile) checkBuiltIn(keys []string) {
	md, err := toml.Decode(f.Src(), new(map[string]any))
	if err != nil {
		return
	}
	seen := map[string]int{}
	for _, k := range md.Keys() {
		name := tomlfile.JoinPath(k)
		i := seen[name]
		seen[name]++
		if len(k) > 2 || !slices.Contains(keys, k[0]) || slices.Contains(keys, name) {
			continue
		}
		line, col := f.Place(k, i)
		f.Errs().Add(f.Path, line, col, "unknown key %q in %s", k[len(k)-1], k[0])
	}
}

// TestReadmeInputsDecode checks that every TOML example in the README's
// INPUTS section decodes strictly as the file its heading names.
func TestReadmeInputsDecode(t *testing.T) {
	for _, msg := range checkDecode(readInputs(t), readmeFiles()) {
		t.Error(msg)
	}
}

// TestReadmeInputsDocumented checks that every key the loader's decoders
// accept is documented in the README section of its file.
func TestReadmeInputsDocumented(t *testing.T) {
	for _, msg := range checkDocumented(readInputs(t), readmeFiles()) {
		t.Error(msg)
	}
}

func checkDecode(sections []*readmeSection, files []readmeFile) []string {
	var out []string
	for _, s := range sections {
		if len(s.blocks) == 0 {
			continue
		}
		i := slices.IndexFunc(files, func(f readmeFile) bool { return f.heading == s.heading })
		if i < 0 {
			out = append(out, fmt.Sprintf("README.md:%d: a TOML example under a heading that names no input file the loader reads (%q): name the file in backticks in the heading, or add it to readmeFiles", s.line, s.heading))
			continue
		}
		for _, blk := range s.blocks {
			out = append(out, decodeBlock(files[i], blk)...)
		}
	}
	return out
}

func checkDocumented(sections []*readmeSection, files []readmeFile) []string {
	var out []string
	for _, file := range files {
		i := slices.IndexFunc(sections, func(s *readmeSection) bool { return s.heading == file.heading })
		if i < 0 {
			out = append(out, fmt.Sprintf("README.md: no \"### `%s`\" heading in the INPUTS section", file.heading))
			continue
		}
		s := sections[i]
		blockKeys, leaves := map[string]bool{}, map[string]bool{}
		for k := range s.rowKeys {
			leaves[k] = true
		}
		for _, blk := range s.blocks {
			src := blk.src
			if blk.header != "" {
				src = blk.header + "\n" + src
			}
			md, err := toml.Decode(src, new(map[string]any))
			if err != nil {
				continue // reported by checkDecode
			}
			for _, k := range md.Keys() {
				if blk.partial && blk.header == "" {
					leaves[k[len(k)-1]] = true
					continue
				}
				blockKeys[k.String()] = true
			}
		}
		var keys []decoderKey
		for _, k := range file.keys {
			keys = append(keys, decoderKey{path: k, field: "read by the loader"})
		}
		if file.typ != nil {
			keys = decoderKeys(file.typ, "", file.typ.Name())
		}
		for _, k := range keys {
			leaf := k.path[strings.LastIndex(k.path, ".")+1:]
			if blockKeys[k.path] || leaves[leaf] {
				continue
			}
			out = append(out, fmt.Sprintf("README.md:%d: %s: key %q (%s) is not documented: add it to a TOML example or as `%s` in a table row", s.line, file.heading, k.path, k.field, leaf))
		}
	}
	return out
}

// TestReadmeCheck runs the two checks above on a small README, so that
// they are known to fail when they should.
func TestReadmeCheck(t *testing.T) {
	readme := strings.Join([]string{
		"# site",                             // 1
		"<!-- INPUTS -->",                    // 2
		"## Input files",                     // 3
		"### `data/targets.toml` — targets",  // 4
		"```toml",                            // 5
		"[[targets]]",                        // 6
		"id = \"a\"",                         // 7
		"thresold = 5",                       // 8
		"```",                                // 9
		"<!-- partial: [[targets]] -->",      // 10
		"```toml",                            // 11
		"threshold = 75",                     // 12
		"unti = \"xã\"",                      // 13
		"```",                                // 14
		"<!-- partial -->",                   // 15
		"```toml",                            // 16
		"records = \"x\"",                    // 17
		"```",                                // 18
		"| key | meaning |",                  // 19
		"| `[[targets]]` | `name`, `rule` |", // 20
		"```toml",                            // 21
		"[[targets]]",                        // 22
		"number = \"1\"",                     // 23
		"```",                                // 24
		"### `data/nothing.toml`",            // 25
		"```toml",                            // 26
		"a = 1",                              // 27
		"```",                                // 28
		"### `data/reports/YYYY-MM.toml`",    // 29
		"```toml",                            // 30
		"[[outreach]]",                       // 31
		"form = \"x\"",                       // 32
		"[[list_changes]]",                   // 33
		"unit = \"1\"",                       // 34
		"scores = { \"1.1\" = 5 }",           // 35
		"[submitted]",                        // 36
		"agency = [\"a\"]",                   // 37
		"```",                                // 38
		"## Next",                            // 39
		"### `data/context.toml`",            // 40
		"```toml",                            // 41
		"note = \"\"",                        // 42
		"```",                                // 43
	}, "\n")
	sections, err := parseInputs(readme)
	if err != nil {
		t.Fatal(err)
	}
	files := []readmeFile{
		{heading: targetsPath, typ: reflect.TypeFor[targetsFile]()},
		{heading: contextPath, typ: reflect.TypeFor[contextFile]()},
		{heading: reportsDir + "/YYYY-MM.toml", keys: []string{"list_changes", "list_changes.unit", "list_changes.scores", "submitted", "submitted.units"}},
	}
	got := strings.Join(checkDecode(sections, files), "\n")
	for _, want := range []string{
		`README.md:8:1: in the data/targets.toml example: unknown key "thresold"`,
		`README.md:23:1: in the data/targets.toml example: "number" must be a whole number, not text in quotes`,
		`README.md:13:1: in the data/targets.toml example: unknown key "unti"`,
		`README.md:37:1: in the data/reports/YYYY-MM.toml example: unknown key "agency" in submitted`,
		`README.md:25: a TOML example under a heading that names no input file the loader reads ("data/nothing.toml")`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("checkDecode: no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "records") || strings.Contains(got, ":42:") {
		t.Errorf("checkDecode: a problem outside the section or in a partial block:\n%s", got)
	}
	got = strings.Join(checkDocumented(sections, files), "\n")
	for _, want := range []string{
		`README.md:4: data/targets.toml: key "targets.max_removed" (targetsFile.Targets.MaxRemoved) is not documented`,
		`README.md: no "### ` + "`data/context.toml`" + `" heading in the INPUTS section`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("checkDocumented: no %q in\n%s", want, got)
		}
	}
	for _, documented := range []string{`"targets"`, `"targets.id"`, `"targets.threshold"`, `"targets.records"`, `"targets.name"`, `"targets.rule"`} {
		if strings.Contains(got, "key "+documented+" ") {
			t.Errorf("checkDocumented: %s is documented, but reported in\n%s", documented, got)
		}
	}
}

type decoderKey struct {
	path  string // TOML key path, such as "targets.max_removed"
	field string // Go field path, such as "targetsFile.Targets.MaxRemoved"
}

// decoderKeys lists the TOML keys a struct type accepts, as BurntSushi/toml
// names them: the tag, or else the field name (matched without case).
func decoderKeys(t reflect.Type, prefix, goPath string) []decoderKey {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() {
		return nil
	}
	var out []decoderKey
	for sf := range t.Fields() {
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if sf.Anonymous && name == "" {
			out = append(out, decoderKeys(sf.Type, prefix, goPath)...)
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		path := prefix + name
		out = append(out, decoderKey{path: path, field: goPath + "." + sf.Name})
		out = append(out, decoderKeys(sf.Type, path+".", goPath+"."+sf.Name)...)
	}
	return out
}

// TestDecoderKeys checks the reflection the documentation check relies on.
func TestDecoderKeys(t *testing.T) {
	type inner struct {
		SignerTitle string `toml:"signer_title"`
		When        time.Time
	}
	type outer struct {
		Title  string
		Items  []inner
		Scores map[string]float64
		Skip   string `toml:"-"`
		hidden string
	}
	var got []string
	for _, k := range decoderKeys(reflect.TypeFor[outer](), "", "outer") {
		got = append(got, k.path+"="+k.field)
	}
	want := []string{"title=outer.Title", "items=outer.Items", "items.signer_title=outer.Items.SignerTitle", "items.when=outer.Items.When", "scores=outer.Scores"}
	if !slices.Equal(got, want) {
		t.Errorf("decoderKeys = %q, want %q", got, want)
	}
	_ = outer{}.hidden
}
