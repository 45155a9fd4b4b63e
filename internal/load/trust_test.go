package load_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// loadWith loads the small site with files replaced.
func loadWith(t testing.TB, files map[string]string) error {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	_, err := load.Site(fsys)
	return err
}

const smallSiteTOML = "title = \"T\"\nbase_url = \"https://example.org/\"\n[plan]\nnumber = \"1\"\ntitle = \"P\"\ndate = 2020-01-01\nissuer = \"I\"\nstart = \"2020-01\"\nend = \"2020-04\"\n"

// TestRefused checks, for inputs each of which broke a later stage or
// misled, the exact problem reported at load.
func TestRefused(t *testing.T) {
	target := func(id, extra string) string {
		return "[[targets]]\nid = \"" + id + "\"\nname = \"A\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 1\nunit = \"x\"\n" + extra
	}
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		// Nesting.
		{"nested inline tables", map[string]string{"data/reports/2020-01.toml": "x = " + deep("{a = ", "}", 40) + "\n"},
			`data/reports/2020-01.toml:1:165: more than 32 levels of nested tables and lists: flatten this value`},
		{"nested arrays", map[string]string{"data/reports/2020-02.toml": "\n\nx = " + deep("[", "]", 33) + "\n"},
			`data/reports/2020-02.toml:3:37: more than 32 levels of nested tables and lists: flatten this value`},
		{"dotted key", map[string]string{"data/reports/2020-01.toml": "a" + strings.Repeat(".a", 40) + " = 1\n"},
			`data/reports/2020-01.toml:1:67: more than 32 levels of nested tables and lists: flatten this value`},
		{"table header", map[string]string{"data/targets.toml": "[a" + strings.Repeat(".a", 40) + "]\n"},
			`data/targets.toml:1:66: more than 32 levels of nested tables and lists: flatten this value`},
		{"nested in front matter", map[string]string{"content/gioi-thieu.md": "+++\ntitle = \"A\"\nx = " + deep("[", "]", 40) + "\n+++\n"},
			`content/gioi-thieu.md:3:37: more than 32 levels of nested tables and lists: flatten this value`},
		// Numbers.
		{"threshold nan", map[string]string{"data/targets.toml": target("a", "") + "\n" + strings.Replace(target("b", ""), "threshold = 1", "threshold = nan", 1)},
			`data/targets.toml:14:13: nan is not a number: write a finite number`},
		{"threshold inf", map[string]string{"data/targets.toml": strings.Replace(target("b", ""), "threshold = 1", "threshold = -inf", 1)},
			`data/targets.toml:6:13: -inf is not a number: write a finite number`},
		{"huge count", map[string]string{"data/reports/2020-02.toml": "[[cases]]\nunit = \"002\"\ndetected = 9223372036854775807\nhandled = 1\n"},
			`data/reports/2020-02.toml:3:12: 9223372036854775807 is too large to be shown exactly: use a number from -9007199254740992 to 9007199254740992`},
		{"huge float in an inline table", map[string]string{"data/lists/lanh-manh.toml": "name = \"L\"\nlevel = \"commune\"\nrubric = \"thang-diem\"\n[[members]]\nunit = \"10001\"\nscores = { \"1.1\" = 1e400 }\n"},
			`data/lists/lanh-manh.toml:6:20: 1e400 is too large to be shown exactly: use a number from -9007199254740992 to 9007199254740992`},
		{"huge number in an array", map[string]string{"data/reports/2020-01.toml": "x = [1, 2, 0x7fffffffffffffff]\n"},
			`data/reports/2020-01.toml:1:12: 0x7fffffffffffffff is too large to be shown exactly: use a number from -9007199254740992 to 9007199254740992`},
		// Ids used in paths.
		{"target id ..", map[string]string{"data/targets.toml": target("..", "")},
			`data/targets.toml:2:1: id ".." must be made of a-z, 0-9 and -, such as "item-1": it is used in web addresses`},
		{"target id ../ke-hoach", map[string]string{"data/targets.toml": target("../ke-hoach", "")},
			`data/targets.toml:2:1: id "../ke-hoach" must be made of a-z, 0-9 and -, such as "item-1": it is used in web addresses`},
		{"target id .", map[string]string{"data/targets.toml": target(".", "")},
			`data/targets.toml:2:1: id "." must be made of`},
		{"kind id with a slash", map[string]string{"data/records.toml": "[[kinds]]\nid = \"a/b\"\nname = \"A\"\n"},
			`data/records.toml:2:1: id "a/b" must be made of`},
		{"agency id with a capital", map[string]string{"data/agencies.toml": "[[agencies]]\nid = \"So\"\nname = \"A\"\n"},
			`data/agencies.toml:2:1: id "So" must be made of`},
		{"list file name", map[string]string{"data/lists/Lanh Manh.toml": "name = \"L\"\nlevel = \"commune\"\n"},
			`data/lists/Lanh Manh.toml: the file name "Lanh Manh" must be made of a-z, 0-9 and -, such as "item-1": it is used in web addresses`},
		{"target id with an underscore", map[string]string{"data/targets.toml": target("a_b", "")},
			`data/targets.toml:2:1: id "a_b" must be made of`},
		{"rubric file name", map[string]string{"data/rubrics/-x.toml": "name = \"R\"\n"},
			`data/rubrics/-x.toml: the file name "-x" must be made of`},
		// Names and text.
		{"unit name with a newline", map[string]string{"data/units.toml": strings.Replace(unitsOf(t), `name = "Kim Sơn"`, `name = "Kim Sơn\n[[press]]"`, 1)},
			`data/units.toml:20:1: "name" holds a control character (U+000A): remove it`},
		{"press title with a bell", map[string]string{"data/reports/2020-01.toml": "[[press]]\ndate = 2020-01-20\ntitle = \"a\\u0007b\"\n"},
			`data/reports/2020-01.toml:3:1: "title" holds a control character (U+0007): remove it`},
		{"tab in a target name", map[string]string{"data/targets.toml": strings.Replace(target("a", ""), `name = "A"`, "name = \"A\\tB\"", 1)},
			`data/targets.toml:3:1: "name" holds a control character (U+0009): remove it`},
		{"control character in Markdown", map[string]string{"content/gioi-thieu.md": "+++\ntitle = \"A\"\n+++\nmột\nhai \x01 ba\n"},
			`content/gioi-thieu.md:5:5: a control character (U+0001): remove it`},
		{"control character in front matter", map[string]string{"content/gioi-thieu.md": "+++\ntitle = \"A\\u001b\"\n+++\n"},
			`content/gioi-thieu.md:2:1: "title" holds a control character (U+001B): remove it`},
		{"unit name too long", map[string]string{"data/units.toml": strings.Replace(unitsOf(t), `name = "Kim Sơn"`, `name = "`+strings.Repeat("Sơn ", 49)+`"`, 1)},
			`data/units.toml:20:1: the type and name of unit "002" are 201 characters long: shorten them to at most 150 (they name its page)`},
		{"name too long", map[string]string{"data/records.toml": "[[kinds]]\nid = \"a\"\nname = \"" + strings.Repeat("x", 201) + "\"\n"},
			`data/records.toml:3:1: "name" is 201 characters long: shorten it to at most 200`},
		// Structure.
		{"no levels", map[string]string{"data/units.toml": "source = \"x\"\n"},
			`data/units.toml: no [[levels]]: define the levels of units, from the top one down, each with id and name`},
		{"no units", map[string]string{"data/units.toml": "[[levels]]\nid = \"district\"\nname = \"huyện\"\n"},
			`data/units.toml: no [[units]]: list the units, at least those of the top level`},
		{"levels in a cycle", map[string]string{"data/units.toml": "[[levels]]\nid = \"a\"\nname = \"A\"\nparent = \"b\"\n[[levels]]\nid = \"b\"\nname = \"B\"\nparent = \"a\"\n[[units]]\ncode = \"1\"\nname = \"x\"\ntype = \"X\"\nlevel = \"a\"\nparent = \"2\"\n[[units]]\ncode = \"2\"\nname = \"y\"\ntype = \"Y\"\nlevel = \"b\"\nparent = \"1\"\n"},
			`data/units.toml:4:1: level "a" is its own ancestor: one level must have no parent`},
		// Addresses.
		{"base_url with a query", map[string]string{"site.toml": strings.Replace(smallSiteTOML, "example.org/", "example.org/?a=1", 1)},
			`site.toml:2:1: base_url cannot have a query (?…) or a fragment (#…): use an address such as "https://example.org/portal/"`},
		{"base_url with a fragment", map[string]string{"site.toml": strings.Replace(smallSiteTOML, "example.org/", "example.org/#x", 1)},
			`site.toml:2:1: base_url cannot have a query`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := loadWith(t, tt.files)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

func unitsOf(t *testing.T) string {
	return string(sitetest.Load(t, "small")["data/units.toml"].Data)
}

// TestAccepted checks inputs near the limits that must still load.
func TestAccepted(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"brackets in strings and comments", map[string]string{"data/reports/2020-01.toml": "# " + strings.Repeat("[{", 50) + "\n" +
			"[[press]]\ndate = 2020-01-20\ntitle = \"" + strings.Repeat("[", 50) + "\\\"" + strings.Repeat("{", 50) + "\"\n" +
			"[[press]]\ndate = 2020-01-21\ntitle = '" + strings.Repeat("[", 50) + "\\'\n" +
			"[[press]]\ndate = 2020-01-22\ntitle = \"\"\"x\"\"\"\nurl = \"https://example.org/" + strings.Repeat("%5B", 40) + "\"\n" +
			"[[models]]\nunit = \"001\"\nname = '''\n" + strings.Repeat("[", 50) + "'''\n"}},
		{"32 levels", map[string]string{"data/reports/2020-01.toml": "[[press]]\ndate = 2020-01-20\ntitle = \"t\"\n[x]\ny = " + strings.Repeat("[", 32) + strings.Repeat("]", 32) + "\n"}},
		{"numbers at the limit and dates", map[string]string{"data/reports/2020-02.toml": "published = 2020-03-02T10:00:00Z\n[[cases]]\nunit = \"002\"\ndetected = 9_007_199_254_740_992\nhandled = 1\n"}},
		{"line breaks in tasks", map[string]string{"data/agencies.toml": "[[agencies]]\nid = \"so\"\nname = \"A\"\ntasks = [\"a:\\n+ b\\tc\"]\n[[agencies]]\nid = \"huyen\"\nname = \"B\"\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := loadWith(t, tt.files); err != nil && !strings.Contains(err.Error(), "unknown record kind \"x\"") {
				t.Errorf("refused: %v", err)
			}
		})
	}
}

// TestFileTooLarge checks that an input file above the size limit is
// refused without being parsed.
func TestFileTooLarge(t *testing.T) {
	big := "published = 2020-02-03\n#" + strings.Repeat("x", load.MaxFileSize) + "\n"
	err := loadWith(t, map[string]string{"data/reports/2020-01.toml": big})
	want := "data/reports/2020-01.toml: the file is larger than 10 MB: split it or make it smaller"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
	}
}

// TestFolderForFile checks that a folder where a file is expected is named
// as such.
func TestFolderForFile(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	delete(fsys, "data/agencies.toml")
	fsys["data/agencies.toml/x"] = &fstest.MapFile{Data: []byte("x")}
	_, err := load.Site(fsys)
	want := "data/agencies.toml: a folder where a file is expected: remove or rename it"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
	}
}

// TestDeepNestingRefusedQuickly feeds 10 MB of nested arrays and of nested
// inline tables, which crash or exhaust the TOML decoder, and checks that
// they are refused.
func TestDeepNestingRefusedQuickly(t *testing.T) {
	for name, src := range adversarial() {
		t.Run(name, func(t *testing.T) {
			err := loadWith(t, map[string]string{"data/reports/2020-01.toml": src})
			if err == nil || !strings.Contains(err.Error(), "more than 32 levels of nested tables and lists") {
				t.Errorf("got %.300v", err)
			}
		})
	}
}

func adversarial() map[string]string {
	const size = 10 << 20
	n := (size - 10) / 2
	inline := "x = " + strings.Repeat("{a=", (size-10)/4) + "1"
	return map[string]string{
		"arrays":        "x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		"inline tables": inline,
		"dotted keys":   strings.Repeat("a.", n) + "a = 1\n",
	}
}

func BenchmarkDeepNesting(b *testing.B) {
	inputs := adversarial()
	for b.Loop() {
		for _, src := range inputs {
			if err := loadWith(b, map[string]string{"data/reports/2020-01.toml": src}); err == nil {
				b.Fatal("accepted")
			}
		}
	}
}

// TestBrokenFileFirst checks that a file that does not parse is reported
// first, without the problems that only follow from it.
func TestBrokenFileFirst(t *testing.T) {
	units := strings.Replace(unitsOf(t), `name = "Kim Sơn"`, `name = "Kim Sơn`, 1)
	err := loadWith(t, map[string]string{"data/units.toml": units})
	le, ok := err.(*diag.ListError)
	if !ok {
		t.Fatalf("error %T %v", err, err)
	}
	if got := le.Errs[0].Error(); !strings.HasPrefix(got, "data/units.toml:20:16: TOML syntax") {
		t.Errorf("first problem: %s", got)
	}
	if strings.Contains(err.Error(), "unknown unit code") || strings.Contains(err.Error(), "unknown level") {
		t.Errorf("problems that follow from the broken file:\n%v", err)
	}
}

// TestDuplicateUnitBlamedAlone checks that a repeated unit code is blamed,
// not the units that name the first one as their parent.
func TestDuplicateUnitBlamedAlone(t *testing.T) {
	units := unitsOf(t) + "\n[[units]]\ncode = \"001\"\nname = \"Trùng\"\ntype = \"Xã\"\nlevel = \"commune\"\nparent = \"002\"\n"
	err := loadWith(t, map[string]string{"data/units.toml": units})
	want := `data/units.toml:60:1: duplicate id "001": it is already used on line 13`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

// TestUnitOrder checks that units listed before their parent still get it:
// the registry lists parents first.
func TestUnitOrder(t *testing.T) {
	units := unitsOf(t)
	i := strings.Index(units, "[[units]]\ncode = \"10001\"")
	head, districts, communes := units[:strings.Index(units, "[[units]]")], units[strings.Index(units, "[[units]]"):i], units[i:]
	fsys := sitetest.Load(t, "small")
	fsys["data/units.toml"] = &fstest.MapFile{Data: []byte(head + communes + "\n" + districts)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, u := range s.Units.Units {
		pos[u.Code] = i
	}
	for _, u := range s.Units.Units {
		if u.Parent != "" && pos[u.Parent] > pos[u.Code] {
			t.Errorf("unit %s comes before its parent %s", u.Code, u.Parent)
		}
	}
	if got := s.Units.Units[0].Code; got != "001" {
		t.Errorf("first unit %s, want 001", got)
	}
}

// TestLevelOrder checks that levels listed bottom-up are listed top-down.
func TestLevelOrder(t *testing.T) {
	units := strings.Replace(unitsOf(t), "[[levels]]\nid = \"district\"\nname = \"huyện\"\n\n", "", 1)
	units = strings.Replace(units, "parent = \"district\"\n", "parent = \"district\"\n\n[[levels]]\nid = \"district\"\nname = \"huyện\"\n", 1)
	fsys := sitetest.Load(t, "small")
	fsys["data/units.toml"] = &fstest.MapFile{Data: []byte(units)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range s.Units.Levels {
		ids = append(ids, l.ID)
	}
	if !slices.Equal(ids, []string{"district", "commune"}) {
		t.Errorf("levels %v", ids)
	}
}

// TestContextLink checks that data/context.toml as a link that cannot be
// followed is an error, while a missing one is not.
func TestContextLink(t *testing.T) {
	for name, target := range map[string]string{
		"dangling": "nowhere.toml",
		"outside":  filepath.Join(t.TempDir(), "context.toml"),
	} {
		t.Run(name, func(t *testing.T) {
			dir := sitetest.WriteDir(t, "small")
			os.WriteFile(filepath.Join(t.TempDir(), "context.toml"), []byte("note = \"x\"\n"), 0o644)
			if err := os.Symlink(target, filepath.Join(dir, "data", "context.toml")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			fsys, closeSite, err := load.Dir(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer closeSite()
			_, err = load.Site(fsys)
			if err == nil || !strings.Contains(err.Error(), "data/context.toml: cannot read file: ") {
				t.Errorf("got %v", err)
			}
		})
	}
}
