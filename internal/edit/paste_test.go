package edit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/model"
)

func pasteSite() (*model.Kind, *model.Registry) {
	min0 := 0.0
	k := &model.Kind{ID: "outreach", Level: "commune", Fields: []*model.Field{
		{ID: "date", Name: "Ngày", Type: model.Date, Required: true},
		{ID: "form", Name: "Hình thức", Type: model.Choice, Choices: []string{"Hội nghị", "Loa"}},
		{ID: "participants", Name: "Số người", Type: model.Int, Min: &min0},
	}}
	units := model.NewRegistry("data/units.toml",
		[]*model.Level{{ID: "district", Name: "huyện"}, {ID: "commune", Name: "xã", Singular: "xã", Parent: "district"}},
		[]*model.Unit{
			{Code: "1", Name: "Yên Khánh", Type: "Huyện", Level: "district"},
			{Code: "2", Name: "Kim Sơn", Type: "Huyện", Level: "district"},
			{Code: "11", Name: "Khánh Hội", Type: "Xã", Level: "commune", Parent: "1"},
			{Code: "12", Name: "Đông Hướng", Type: "Xã", Level: "commune", Parent: "2"},
			{Code: "13", Name: "Khánh Hội", Type: "Xã", Level: "commune", Parent: "2"},
		})
	return k, units
}

func TestPaste(t *testing.T) {
	k, units := pasteSite()
	for _, tc := range []struct {
		name     string
		text     string
		rows     []Row
		lines    []int
		rejected []string // reasons, in part
	}{
		{
			name: "by position, units by code and by name without diacritics",
			text: "12\t2017-12-04\tHội nghị\t25\r\nxa dong huong\t5/12/2017\tLoa\t\r\n",
			rows: []Row{
				{"unit": "12", "date": "2017-12-04", "form": "Hội nghị", "participants": "25"},
				{"unit": "12", "date": "2017-12-05", "form": "Loa"},
			},
			lines: []int{1, 2},
		},
		{
			name: "by heading, in another order",
			text: "Số\tĐơn vị\tngay\n30\tKhánh Hội — Huyện Yên Khánh\t2017-12-09\n",
			rows: []Row{{"unit": "11", "date": "2017-12-09", "participants": "30"}},
			// the heading is line 1
			lines: []int{2},
		},
		{
			name:     "an ambiguous name, an unknown unit, a district, too many cells",
			text:     "Khánh Hội\t2017-12-01\n99\t2017-12-01\n1\t2017-12-01\n11\t2017-12-01\tLoa\t1\textra\n",
			rejected: []string{`"Khánh Hội" names 2 units`, `no unit of level "commune" is named or coded "99"`, `is not a unit of level "commune"`, "5 columns, but outreach has 4"},
		},
		{
			name:  "a quoted cell with a newline and a blank row",
			text:  "11\t2017-12-01\t\"Hội\nnghị\"\n\n13\t2017-12-02\n",
			rows:  []Row{{"unit": "11", "date": "2017-12-01", "form": "Hội nghị"}, {"unit": "13", "date": "2017-12-02"}},
			lines: []int{1, 4},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, lines, rejected := Paste(tc.text, k, units, "xã")
			if !reflect.DeepEqual(rows, tc.rows) || !reflect.DeepEqual(lines, tc.lines) {
				t.Errorf("rows %v at lines %v, want %v at %v", rows, lines, tc.rows, tc.lines)
			}
			if len(rejected) != len(tc.rejected) {
				t.Fatalf("rejected %+v, want %d", rejected, len(tc.rejected))
			}
			for i, r := range rejected {
				if !strings.Contains(r.Reason, tc.rejected[i]) {
					t.Errorf("line %d rejected for %q, want %q", r.Line, r.Reason, tc.rejected[i])
				}
			}
		})
	}
}

// TestFieldsFromKinds checks that the form's inputs follow the record
// kinds: every field with its type, requirement, choices and minimum, and
// the unit's level.
func TestFieldsFromKinds(t *testing.T) {
	e, _ := newEditor(t, "small")
	var d pageData
	get(t, e, Prefix+"data", &d)
	fsys := mustSite(t, "small")
	if len(d.Kinds) != len(fsys.Kinds) {
		t.Fatalf("%d kinds in the form, %d in the site", len(d.Kinds), len(fsys.Kinds))
	}
	for i, k := range fsys.Kinds {
		got := d.Kinds[i]
		if got.ID != k.ID || got.Level != k.Level || len(got.Fields) != len(k.Fields) {
			t.Fatalf("kind %d: %+v, want %s at level %q", i, got, k.ID, k.Level)
		}
		for j, f := range k.Fields {
			g := got.Fields[j]
			if g.ID != f.ID || g.Type != string(f.Type) || g.Required != f.Required || !reflect.DeepEqual(g.Choices, f.Choices) || !reflect.DeepEqual(g.Min, f.Min) {
				t.Errorf("field %s.%s: %+v, want %+v", k.ID, f.ID, g, *f)
			}
		}
		if k.Level != "" && len(d.Units[k.Level]) != len(fsys.Units.AtLevel(k.Level)) {
			t.Errorf("kind %s: %d units to pick from, want the %d of level %s", k.ID, len(d.Units[k.Level]), len(fsys.Units.AtLevel(k.Level)), k.Level)
		}
	}
}
