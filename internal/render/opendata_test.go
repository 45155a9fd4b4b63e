package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/opendata"
	"github.com/minhbach/minhbach/internal/view"
)

// TestJSONTyped checks that JSON downloads hold booleans and numbers as
// JSON booleans and numbers, every column one type, keys in column order.
func TestJSONTyped(t *testing.T) {
	files := renderSite(t, "small")
	n := 0
	for name, b := range files {
		if !strings.HasPrefix(name, dataDir) || !strings.HasSuffix(name, ".json") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			var data struct {
				Columns []string
				Rows    []map[string]any
			}
			if err := json.Unmarshal(b, &data); err != nil {
				t.Fatal(err)
			}
			types := map[string]string{}
			for i, row := range data.Rows {
				for col, v := range row {
					if v == nil {
						continue
					}
					typ := fmt.Sprintf("%T", v)
					if types[col] == "" {
						types[col] = typ
					} else if types[col] != typ {
						t.Errorf("row %d: %s is a %s, other rows a %s", i, col, typ, types[col])
					}
				}
			}
			want := map[string]string{"reported": "bool", "on_time": "bool", "value": "float64", "threshold": "float64", "numerator": "float64", "total_score": "float64", "detected": "float64", "status": "string", "month": "string"}
			for col, typ := range types {
				if w, ok := want[col]; ok && w != typ {
					t.Errorf("%s is a %s, want a %s", col, typ, w)
				}
			}
			// Keys in column order, as in the CSV.
			if len(data.Rows) > 0 {
				first := string(b[bytes.Index(b, []byte(`"rows"`)):])
				last := -1
				for _, c := range data.Columns {
					i := strings.Index(first, `"`+c+`":`)
					if i < last {
						t.Errorf("key %q out of column order", c)
					}
					last = i
				}
			}
		})
	}
	if n < 5 {
		t.Fatalf("only %d JSON downloads", n)
	}
}

// TestCSVCells checks how cells are written: control characters removed,
// text that a spreadsheet would read as a formula neutralised, also behind
// spaces and in the header, numbers of number columns written as numbers.
func TestCSVCells(t *testing.T) {
	tbl := &opendata.Table{Name: "t", Title: "t",
		Columns: append(opendata.TextColumns("=HYPERLINK(1)", "text"), opendata.Column{Name: "n", Kind: opendata.Number}, opendata.Column{Name: "b", Kind: opendata.Bool}),
	}
	cells := []struct {
		text string
		want string
	}{
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"-5", "'-5"},
		{"  =1+1", "'  =1+1"},
		{"\u00a0=1+1", "'\u00a0=1+1"},
		{"\u2003+1", "'\u2003+1"},
		{"\u3000@SUM(A1)", "'\u3000@SUM(A1)"},
		{"\t=1", "' =1"},
		{"\r=1", "'\n=1"},
		{"\n-1", "'\n-1"},
		{"\u200b=1", "'\u200b=1"},
		{"\ufeff=1", "'\ufeff=1"},
		{"＝1+1", "'＝1+1"},
		{"a\x00b\x1bc\x7fd\u0085e", "abcde"},
		{"\x00=1", "'=1"},
		{"line\r\nbreak", "line\nbreak"},
		{"tab\tinside", "tab inside"},
		{"a = b", "a = b"},
		{"email@example.org", "email@example.org"},
	}
	for i, c := range cells {
		tbl.Rows = append(tbl.Rows, []any{"r" + fmt.Sprint(i), c.text, -1.5 * float64(i), i%2 == 0})
	}
	r := &renderer{output: &output{sink: &Memory{}, errs: &diag.List{}}, view: &view.Site{}}
	r.writeTable(tbl)
	b := r.sink.(*Memory).Files[dataDir+"t.csv"]
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][0]; got != "'=HYPERLINK(1)" {
		t.Errorf("header cell %q, want it neutralised", got)
	}
	for i, c := range cells {
		row := rows[i+1]
		if row[1] != c.want {
			t.Errorf("%q written %q, want %q", c.text, row[1], c.want)
		}
		if want := fmt.Sprint(-1.5 * float64(i)); row[2] != want {
			t.Errorf("number %v written %q, want %q", -1.5*float64(i), row[2], want)
		}
		if want := fmt.Sprint(i%2 == 0); row[3] != want {
			t.Errorf("boolean written %q, want %q", row[3], want)
		}
	}
	// JSON keeps the text as entered and the types.
	var data struct{ Rows []map[string]any }
	if err := json.Unmarshal(r.sink.(*Memory).Files[dataDir+"t.json"], &data); err != nil {
		t.Fatal(err)
	}
	if got := data.Rows[1]["text"]; got != "=1+1" {
		t.Errorf("JSON text %q, want it as entered", got)
	}
	if got := data.Rows[3]["n"]; got != -4.5 {
		t.Errorf("JSON number %v, want -4.5", got)
	}
	if got := data.Rows[2]["b"]; got != true {
		t.Errorf("JSON boolean %v, want true", got)
	}
}
