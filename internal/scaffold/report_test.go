package scaffold

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// hostileNames try every way out of a TOML comment or string: a newline
// followed by a live record, quotes, backslashes and control characters.
var hostileNames = []string{
	"Khánh An\n[[press]]\ndate = 2020-03-02\noutlet = \"x\"\npress_level = \"tỉnh\"\nmedium = \"báo in\"\ntitle = \"injected\"",
	"X\n[[press]]\ndate = 2020-03-01\ntitle = \"injected\" \\\" ''' \"\"\"\r\n# \x00\x01\b\t\f\x1b\x7f\u0085\u2028\u2029 end\\",
}

// hostileReport renders the report of the small site for 2020-03 after
// giving every name, id and code it shows the hostile text. The model is
// changed after loading, so the test does not depend on what load accepts.
func hostileReport(t *testing.T, hostile string) (string, *model.Site) {
	t.Helper()
	s, err := load.Site(sitetest.Load(t, "small"))
	if err != nil {
		t.Fatal(err)
	}
	p := progress.Compute(s)
	for i, u := range s.Units.Units {
		u.Name, u.Type, u.Code = hostile, hostile, hostile+string(rune('a'+i))
	}
	for _, lv := range s.Units.Levels {
		lv.Name = hostile
	}
	for _, k := range s.Kinds {
		k.ID, k.Name = hostile+k.ID, hostile
		for _, f := range k.Fields {
			f.ID, f.Name = hostile+f.ID, hostile
			for i := range f.Choices {
				f.Choices[i] = hostile + f.Choices[i]
			}
		}
	}
	for _, l := range s.Lists {
		l.ID, l.Name = hostile+l.ID, hostile
	}
	for _, r := range s.Reports {
		for i := range r.OnTimeAgencies {
			r.OnTimeAgencies[i] = hostile + r.OnTimeAgencies[i]
		}
		for i := range r.OnTimeUnits {
			r.OnTimeUnits[i] = hostile + r.OnTimeUnits[i]
		}
	}
	b, err := report(s, p, model.Month{Year: 2020, Mon: 3})
	if err != nil {
		t.Fatal(err)
	}
	return string(b), s
}

// TestReportEscapes checks that no name can add data to a new report: the
// file decodes to the empty report and nothing else, and every commented
// example, once uncommented, decodes to the name it shows.
func TestReportEscapes(t *testing.T) {
	for i, hostile := range hostileNames {
		t.Run(strconv.Itoa(i), func(t *testing.T) { testReportEscapes(t, hostile) })
	}
}

func testReportEscapes(t *testing.T, hostile string) {
	text, s := hostileReport(t, hostile)
	var got map[string]any
	if _, err := toml.Decode(text, &got); err != nil {
		t.Fatalf("the new report does not decode: %v\n%s", err, text)
	}
	want := map[string]any{"submitted": map[string]any{"agencies": []any{}, "units": []any{}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the new report holds %v, want %v\n%s", got, want, text)
	}

	// Every comment line is one line: no control character but the tab
	// (TOML forbids them in comments), no line separator.
	for i, line := range strings.Split(text, "\n") {
		if strings.ContainsFunc(line, func(r rune) bool {
			return r < ' ' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u2028' || r == '\u2029'
		}) {
			t.Errorf("line %d holds a control character: %q", i+1, line)
		}
	}

	// Uncommented, each example is the data it stands for: collect what
	// the commented lines decode to.
	examples := map[string][]any{}
	for _, line := range strings.Split(text, "\n") {
		var m map[string]any
		if !strings.HasPrefix(line, "# ") {
			continue
		}
		if _, err := toml.Decode(strings.TrimPrefix(line, "# "), &m); err == nil {
			for k, v := range m {
				examples[k] = append(examples[k], v)
			}
		}
		// Last month's lists, after the month.
		if _, list, ok := strings.Cut(line, ": agencies = "); ok {
			toml.Decode("agencies = "+list, &m)
			examples["previous agencies"] = append(examples["previous agencies"], m["agencies"])
		}
	}
	for _, k := range s.Kinds {
		if examples[k.ID] == nil {
			t.Errorf("no heading decodes to the kind %q", k.ID)
		}
		for _, f := range k.Fields {
			if examples[f.ID] == nil {
				t.Errorf("no example decodes to the field %q of %q", f.ID, k.ID)
			}
			if len(f.Choices) > 0 && !slices.Contains(examples[f.ID], any(f.Choices[0])) {
				t.Errorf("the example of %q is %q, want %q", f.ID, examples[f.ID], f.Choices[0])
			}
		}
	}
	if len(examples["unit"]) == 0 {
		t.Error("no unit example decodes")
	}
	for _, code := range examples["unit"] {
		if !slices.ContainsFunc(s.Units.Units, func(u *model.Unit) bool { return u.Code == code }) {
			t.Errorf("a unit example decodes to %q, not a unit's code", code)
		}
	}
	if len(examples["list"]) != 1 || examples["list"][0] != s.Lists[0].ID {
		t.Errorf("the list example decodes to %q, want %q", examples["list"], s.Lists[0].ID)
	}
	prev := s.Reports[len(s.Reports)-1].OnTimeAgencies
	if len(examples["previous agencies"]) != 1 || !reflect.DeepEqual(examples["previous agencies"][0], toAny(prev)) {
		t.Errorf("last month's agencies decode to %q, want %q", examples["previous agencies"], prev)
	}
}

func toAny(ss []string) []any {
	var out []any
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// TestReportLevelWords checks that a new report names the units that report
// on time with the words of the site's own registry: the wards of a city,
// the districts of a province, never the example plan's "huyện, thành phố".
func TestReportLevelWords(t *testing.T) {
	tests := []struct {
		site, month, want string
	}{
		{"city", "2026-08", "# Ghi mã các cơ quan và các phường đã gửi báo cáo tháng này đúng hạn."},
		{"province", "2026-05", "# Ghi mã các cơ quan và các huyện, thị xã đã gửi báo cáo tháng này đúng hạn."},
		{"single", "2026-03", "# Ghi mã các cơ quan và các phường đã gửi báo cáo tháng này đúng hạn."},
	}
	for _, tt := range tests {
		t.Run(tt.site, func(t *testing.T) {
			s, err := load.Site(sitetest.Load(t, tt.site))
			if err != nil {
				t.Fatal(err)
			}
			m, err := model.ParseMonth(tt.month)
			if err != nil {
				t.Fatal(err)
			}
			b, err := report(s, progress.Compute(s), m)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want+"\n") {
				t.Errorf("no line %q in:\n%s", tt.want, b)
			}
			if strings.Contains(string(b), "thành phố") {
				t.Errorf("the report speaks of \"thành phố\", a level the site does not have:\n%s", b)
			}
		})
	}
}
