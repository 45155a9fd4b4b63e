package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// The rules TestSentencesAgree builds a target of, with the threshold each
// has and the record kind it reads.
var agreeRules = []struct {
	name, keys string
	threshold  float64
	percent    bool
	periodic   string // every, for a periodic target
}{
	{"count", `rule = "count"` + "\nrecords = \"dem\"\nunit = \"việc\"\nthreshold = 3\n", 3, false, ""},
	{"sum", `rule = "sum"` + "\nrecords = \"cong\"\nfield = \"so\"\nunit = \"người\"\nthreshold = 300\n", 300, false, ""},
	{"share", `rule = "share"` + "\nrecords = \"phu\"\nlevel = \"commune\"\nunit = \"xã\"\nthreshold = 60\n", 60, true, ""},
	{"ratio", `rule = "ratio"` + "\nrecords = \"tile\"\nnumerator = \"tu\"\ndenominator = \"mau\"\nunit = \"vụ\"\nthreshold = 100\n", 100, true, ""},
	{"whole", `rule = "ratio"` + "\nrecords = \"phan\"\nnumerator = \"tu\"\ndenominator = \"mau\"\npart_of_whole = true\nunit = \"vụ\"\nthreshold = 50\n", 50, true, ""},
	{"month", `rule = "periodic"` + "\nevery = \"month\"\nrecords = \"kym\"\nunit = \"tin\"\nthreshold = 2\n", 2, false, "month"},
	{"quarter", `rule = "periodic"` + "\nevery = \"quarter\"\nrecords = \"kyq\"\nunit = \"tin\"\nthreshold = 2\n", 2, false, "quarter"},
	{"year", `rule = "periodic"` + "\nevery = \"year\"\nrecords = \"kyy\"\nunit = \"tin\"\nthreshold = 2\n", 2, false, "year"},
}

var agreeCompares = []model.Compare{model.AtLeast, model.MoreThan, model.AtMost, model.LessThan}

const agreeKinds = `[[kinds]]
id = "dem"
name = "Đếm"
level = "district"
[[kinds.fields]]
id = "ten"
name = "Tên"
type = "text"

[[kinds]]
id = "cong"
name = "Cộng"
level = "district"
[[kinds.fields]]
id = "so"
name = "Số người"
type = "int"
required = true
min = 0

[[kinds]]
id = "phu"
name = "Phủ"
level = "commune"
[[kinds.fields]]
id = "ten"
name = "Tên"
type = "text"

[[kinds]]
id = "tile"
name = "Tỉ lệ"
level = "district"
[[kinds.fields]]
id = "tu"
name = "Đã xử lý"
type = "int"
required = true
min = 0
[[kinds.fields]]
id = "mau"
name = "Phát sinh"
type = "int"
required = true
min = 0

[[kinds]]
id = "phan"
name = "Phần"
level = "district"
[[kinds.fields]]
id = "tu"
name = "Đã xử lý"
type = "int"
required = true
min = 0
[[kinds.fields]]
id = "mau"
name = "Phát sinh"
type = "int"
required = true
min = 0
`

// agreeCase is one boundary: the records sit delta from each target's
// threshold (one record, one unit, one person, one case of ten); none
// gives reports without records, zero gives ratios a zero denominator.
type agreeCase struct {
	name  string
	delta int
	none  bool
	zero  bool
}

var agreeCases = []agreeCase{{"below", -1, false, false}, {"at", 0, false, false}, {"above", 1, false, false}, {"none", 0, true, false}, {"zero", 0, true, true}}

// agreeMonths are the months the site is seen in: the last month of a
// period of one month, a month inside a year (May: inside its quarter),
// and the last month of that year.
var agreeMonths = []struct{ end, latest string }{{"2020-01", "2020-01"}, {"2020-12", "2020-05"}, {"2020-12", "2020-12"}}

// renderAgreeSite renders the small site reduced to one target per rule
// and comparison, with reports from January 2020 to latest: cumulative
// rules get their records in the latest month, periodic ones in the first
// month of each period.
func renderAgreeSite(t *testing.T, end, latest string, c agreeCase) (Files, map[string]string) {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := strings.Replace(string(fsys["site.toml"].Data), `end = "2020-04"`, fmt.Sprintf("end = %q", end), 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	var kinds strings.Builder
	kinds.WriteString(agreeKinds)
	for _, e := range []string{"m", "q", "y"} {
		fmt.Fprintf(&kinds, "\n[[kinds]]\nid = \"ky%s\"\nname = \"Kỳ %s\"\n[[kinds.fields]]\nid = \"ten\"\nname = \"Tên\"\ntype = \"text\"\n", e, e)
	}
	fsys["data/records.toml"] = &fstest.MapFile{Data: []byte(kinds.String())}
	var targets strings.Builder
	n := 0
	for _, rule := range agreeRules {
		for _, cmp := range agreeCompares {
			n++
			fmt.Fprintf(&targets, "[[targets]]\nid = %q\nnumber = %d\nname = \"%s %s\"\ncompare = %q\n%s\n", agreeID(rule.name, cmp), n, rule.name, cmp, cmp, rule.keys)
		}
	}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(targets.String())}
	last, _ := model.ParseMonth(latest)
	for m, _ := model.ParseMonth("2020-01"); !last.Before(m); m = m.Next() {
		var b strings.Builder
		b.WriteString("published = 2021-01-15\n")
		if m == last && !c.none {
			for i := range 3 + c.delta {
				fmt.Fprintf(&b, "[[dem]]\nunit = \"001\"\nten = \"d%d\"\n", i)
			}
			fmt.Fprintf(&b, "[[cong]]\nunit = \"001\"\nso = %d\n", 300+c.delta)
			for i := range 3 + c.delta {
				fmt.Fprintf(&b, "[[phu]]\nunit = \"1000%d\"\n", i+1)
			}
			fmt.Fprintf(&b, "[[tile]]\nunit = \"001\"\ntu = %d\nmau = 10\n", 10+c.delta)
			fmt.Fprintf(&b, "[[phan]]\nunit = \"001\"\ntu = %d\nmau = 10\n", 5+c.delta)
		}
		if m == last && c.zero {
			b.WriteString("[[tile]]\nunit = \"001\"\ntu = 0\nmau = 0\n[[phan]]\nunit = \"001\"\ntu = 0\nmau = 0\n")
		}
		for kind, every := range map[string]model.Every{"kym": model.EveryMonth, "kyq": model.EveryQuarter, "kyy": model.EveryYear} {
			first := m.Mon == 1 || every.Key(m) != every.Key(model.Month{Year: m.Year, Mon: m.Mon - 1})
			if first && !c.none {
				for i := range 2 + c.delta {
					fmt.Fprintf(&b, "[[%s]]\nten = \"t%d\"\n", kind, i)
				}
			}
		}
		fsys["data/reports/"+m.String()+".toml"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var mem Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &mem); err != nil {
		t.Fatalf("render: %v", err)
	}
	return mem.Files, s.Strings
}

func agreeID(rule string, c model.Compare) string {
	return rule + "-" + strings.ReplaceAll(string(c), "_", "-")
}

// TestSentencesAgree renders targets of every rule with a threshold, under
// every comparison, below, at and above the threshold, without records and
// (ratios) with a zero denominator, in the last month of a one-month
// period, inside a year and in its last month. It reads back what a reader
// sees — the verdict, its sentence, the chart's target line and legend, the
// data table, the home page's card and grid, the targets overview and the
// open data — and checks that they agree with each other, that the
// comparison word is the target's, and that the status follows from the
// printed numbers by the printed comparison.
func TestSentencesAgree(t *testing.T) {
	for _, mc := range agreeMonths {
		for _, c := range agreeCases {
			t.Run(mc.end+"/"+mc.latest+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				files, strs := renderAgreeSite(t, mc.end, mc.latest, c)
				last := mc.end == mc.latest
				for _, rule := range agreeRules {
					for _, cmp := range agreeCompares {
						id := agreeID(rule.name, cmp)
						t.Run(id, func(t *testing.T) {
							a := &agreeCheck{t: t, files: files, strs: strs, id: id, rule: rule.name, compare: cmp, periodic: rule.periodic, percent: rule.percent, last: last, latest: mc.latest}
							a.check()
						})
					}
				}
			})
		}
	}
}

// agreeCheck reads back one target of a rendered site.
type agreeCheck struct {
	t        *testing.T
	files    Files
	strs     map[string]string
	id       string
	rule     string // a name of agreeRules
	compare  model.Compare
	periodic string
	percent  bool
	last     bool
	latest   string
	// cellState is, for a periodic target, the state words of the
	// grid's cell of the running period.
	cellState string
}

func (a *agreeCheck) page(name string) string {
	b, ok := a.files[name]
	if !ok {
		a.t.Fatalf("no page %s", name)
	}
	return string(b)
}

// find returns the submatches of re in s, failing the test if there are none.
func (a *agreeCheck) find(where, re, s string) []string {
	a.t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		a.t.Fatalf("%s: nothing matches %s", where, re)
	}
	for i := range m {
		m[i] = html.UnescapeString(m[i])
	}
	return m
}

// parseStatus reads the "status" partial: its class must name the status
// whose icon and label it shows.
func (a *agreeCheck) parseStatus(where, s string) string {
	a.t.Helper()
	m := a.find(where, `<span class="status status--([a-z_]+)"><span class="status__icon" aria-hidden="true">([^<]*)</span> ([^<]*)</span>`, s)
	if m[2] != a.strs["icon."+m[1]] || m[3] != a.strs["status."+m[1]] {
		a.t.Errorf("%s: status %s shows %q %q", where, m[1], m[2], m[3])
	}
	return m[1]
}

// sentence matches s against the text key of layouts/strings.toml, its
// placeholders read back; a placeholder used twice must read the same.
func (a *agreeCheck) sentence(key, s string) (map[string]string, bool) {
	a.t.Helper()
	tmpl, ok := a.strs[key]
	if !ok {
		a.t.Fatalf("no text %q", key)
	}
	var names []string
	// QuoteMeta escapes the braces of the placeholders too.
	re := regexp.MustCompile(`\\\{([a-z_]+)\\\}`).ReplaceAllStringFunc(regexp.QuoteMeta(tmpl), func(p string) string {
		name := p[2 : len(p)-2]
		names = append(names, name)
		switch name {
		case "compare":
			var words []string
			for _, c := range agreeCompares {
				words = append(words, regexp.QuoteMeta(a.strs["compare."+string(c)]))
			}
			return "(" + strings.Join(words, "|") + ")"
		case "num", "den", "value", "threshold", "met", "months", "missed", "unreported":
			return "(-?[0-9.,]+%?)"
		}
		return "(.*?)"
	})
	m := regexp.MustCompile("^" + re + "$").FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	out := map[string]string{}
	for i, n := range names {
		if v, ok := out[n]; ok && v != m[i+1] {
			a.t.Errorf("%q: {%s} reads %q and %q", s, n, v, m[i+1])
		}
		out[n] = m[i+1]
	}
	return out, true
}

// number reads a figure written the Vietnamese way, with an optional "%".
func (a *agreeCheck) number(s string) float64 {
	a.t.Helper()
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSuffix(s, "%"), ".", ""), ",", "."), 64)
	if err != nil {
		a.t.Fatalf("not a number: %q", s)
	}
	return f
}

// compareOf returns the comparison a word names, by layouts/strings.toml.
func (a *agreeCheck) compareOf(word string) model.Compare {
	for _, c := range agreeCompares {
		if a.strs["compare."+string(c)] == word {
			return c
		}
	}
	a.t.Errorf("%q is no comparison", word)
	return ""
}

// printed is what the verdict sentence says.
type printed struct {
	compare   model.Compare
	threshold string
	value     string // the value the status compares; "" if none
	num, den  string // share, ratio
	periods   [4]int // periodic: met, of, missed, unreported
	// running and runningValue are, for a periodic target, the period
	// under way and undecided, and its figure so far; "" if none.
	running, runningValue string
}

func (a *agreeCheck) check() {
	t := a.t
	page := a.page("chi-tieu/" + a.id + "/index.html")
	status := a.find("verdict", `<section class="verdict verdict--([a-z_]+)"`, page)[1]
	if s := a.parseStatus("verdict", a.find("verdict", `<p class="verdict__status">(.*?)</p>`, page)[1]); s != status {
		t.Errorf("verdict is %s but shows %s", status, s)
	}
	calc := a.find("verdict", `<p class="verdict__calc">(.*?)</p>`, page)[1]
	p := a.parseCalc(calc)
	if p.compare != a.compare {
		t.Errorf("sentence %q compares %s, the target %s", calc, p.compare, a.compare)
	}

	// The chart: the legend, the series' names and the target line.
	var legend []string
	for _, m := range regexp.MustCompile(`<li><span class="chart-legend__mark chart-legend__mark--line"[^>]*></span>([^<]*)</li>`).FindAllStringSubmatch(page, -1) {
		legend = append(legend, html.UnescapeString(m[1]))
	}
	if len(legend) != 1 {
		t.Fatalf("chart legend has target lines %q", legend)
	}
	args, ok := a.sentence("chart.threshold", legend[0])
	if !ok {
		t.Fatalf("legend %q does not read as chart.threshold", legend[0])
	}
	if a.compareOf(args["compare"]) != a.compare || args["threshold"] != p.threshold {
		t.Errorf("legend %q, sentence %q", legend[0], calc)
	}
	var opts struct {
		Series []struct {
			Name string
			Type string
			Data []struct{ Value any }
		}
		XAxis []struct{ Data []string }
	}
	js := a.find("chart", `<script type="application/json" id="chart-`+a.id+`-options">(.*?)</script>`, page)[1]
	if err := json.Unmarshal([]byte(js), &opts); err != nil || len(opts.Series) != 2 || len(opts.XAxis) != 1 {
		t.Fatalf("chart options %s: %v", js, err)
	}
	if opts.Series[1].Name != legend[0] {
		t.Errorf("chart's target line is named %q, its legend %q", opts.Series[1].Name, legend[0])
	}
	for _, d := range opts.Series[1].Data {
		if d.Value != a.number(p.threshold) {
			t.Errorf("chart's target line at %v, threshold %s", d.Value, p.threshold)
			break
		}
	}
	if len(opts.Series[0].Data) != len(opts.XAxis[0].Data) || len(opts.Series[1].Data) != len(opts.XAxis[0].Data) {
		t.Errorf("chart has %d labels, %d values, %d threshold points", len(opts.XAxis[0].Data), len(opts.Series[0].Data), len(opts.Series[1].Data))
	}

	// The status follows from the printed numbers by the printed comparison.
	a.checkStatus(status, p)

	// The data table's row of the latest month (of the running period,
	// for a periodic target) and the chart's point there.
	label, value := a.latestLabel(), p.value
	if a.periodic != "" {
		label, value = a.runningCell(page, a.number(p.threshold))
		if p.running != "" && (p.running != label || p.runningValue != value) {
			t.Errorf("sentence %q: the grid's running period is %s with %s", calc, label, value)
		}
	}
	row := a.find("data table", `<th scope="row">`+regexp.QuoteMeta(label)+`</th>\s*<td class="num">(.*?)</td>\s*(?:<td class="num">[^<]*</td>\s*)?<td class="num">([^<]*)</td>\s*<td>(.*?)</td>`, page)
	shown := row[1]
	if strings.Contains(shown, "<span") {
		shown = ""
	}
	if shown != value {
		t.Errorf("data table shows %q at %s, the page %q", shown, label, value)
	}
	if want := a.strs["compare."+string(a.compare)] + " " + p.threshold; row[2] != want {
		t.Errorf("data table's threshold %q, want %q", row[2], want)
	}
	if a.periodic == "" || a.periodic == "month" {
		if rowStatus := a.parseStatus("data table", row[3]); a.periodic == "" && rowStatus != status {
			t.Errorf("data table's status %s, verdict %s", rowStatus, status)
		}
	} else if state := a.find("data table", `<span aria-hidden="true">[^<]*</span> ([^<]*)</span>`, row[3])[1]; state != a.cellState {
		// A quarter's or a year's row says what its grid cell says.
		t.Errorf("data table says %q of %s, the grid %q", state, label, a.cellState)
	}
	i := slices.Index(opts.XAxis[0].Data, label)
	if i < 0 {
		t.Fatalf("chart has no %s in %q", label, opts.XAxis[0].Data)
	}
	point := opts.Series[0].Data[i].Value
	if value == "" && point != noValue || value != "" && point != a.number(value) {
		t.Errorf("chart's point at %s is %v, the page shows %q", label, point, value)
	}

	// The home page's card and grid, and the targets overview.
	home := a.page("index.html")
	card := a.find("home", `<li class="card card--([a-z_]+)">\s*<p class="card__number">[^<]*</p>\s*<h3 class="card__title"><a href="[^"]*chi-tieu/`+a.id+`/">[^<]*</a></h3>\s*<p>(.*?)</p>\s*<p class="card__calc">(.*?)</p>`, home)
	if card[1] != status || a.parseStatus("home card", card[2]) != status || card[3] != calc {
		t.Errorf("home card %s %q, verdict %s %q", card[1], card[3], status, calc)
	}
	if a.periodic != "" {
		grid := a.find("home", `<section aria-labelledby="luoi-`+a.id+`">(?s:(.*?))</section>`, home)[1]
		target := a.find("target page", `<section aria-labelledby="tung-thang">(?s:(.*?))</section>`, page)[1]
		if g, tg := a.gridCells(grid), a.gridCells(target); !slices.Equal(g, tg) {
			t.Errorf("home grid %q, target page grid %q", g, tg)
		}
	}
	overview := a.find("targets", `<th scope="row"[^>]*><a href="[^"]*chi-tieu/`+a.id+`/">.*?</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>`, a.page("chi-tieu/index.html"))
	if a.parseStatus("targets", overview[1]) != status || overview[2] != calc {
		t.Errorf("targets overview %q %q, verdict %s %q", overview[1], overview[2], status, calc)
	}

	a.checkOpenData(status, p)
}

// parseCalc reads the verdict sentence by the text key of the rule.
func (a *agreeCheck) parseCalc(calc string) printed {
	t := a.t
	var p printed
	keys := map[string][]string{
		"count": {"calc.count"},
		"sum":   {"calc.sum"},
		"share": {"calc.share", "calc.share_none"},
		"ratio": {"calc.ratio", "calc.ratio_none"},
		"whole": {"calc.ratio", "calc.ratio_none"},
	}[a.rule]
	if a.periodic != "" {
		keys = []string{"calc.periodic", "calc.periodic_running"}
	}
	keys = append(keys, "calc.no_report")
	for _, key := range keys {
		args, ok := a.sentence(key, calc)
		if !ok {
			continue
		}
		if key == "calc.no_report" {
			t.Fatalf("sentence %q: no report", calc)
		}
		p.compare, p.threshold = a.compareOf(args["compare"]), args["threshold"]
		switch key {
		case "calc.count", "calc.sum":
			p.value = args["num"]
		case "calc.share", "calc.ratio":
			p.value, p.num, p.den = args["value"], args["num"], args["den"]
			if v, num, den := a.number(p.value), a.number(p.num), a.number(p.den); den == 0 || fmt.Sprintf("%.1f", v) != fmt.Sprintf("%.1f", 100*num/den) {
				t.Errorf("sentence %q: %s%% is not %s of %s", calc, p.value, p.num, p.den)
			}
		case "calc.periodic", "calc.periodic_running":
			p.running, p.runningValue = args["period"], args["num"]
			for i, k := range []string{"met", "months", "missed", "unreported"} {
				p.periods[i] = int(a.number(args[k]))
			}
			if args["every"] != a.strs["every."+a.periodic] {
				t.Errorf("sentence %q speaks of %q, the target of %s", calc, args["every"], a.periodic)
			}
			if p.periods[0]+p.periods[2]+p.periods[3] != p.periods[1] {
				t.Errorf("sentence %q: periods do not add up", calc)
			}
		}
		if a.percent != strings.HasSuffix(p.threshold, "%") {
			t.Errorf("sentence %q: threshold %q", calc, p.threshold)
		}
		return p
	}
	t.Fatalf("sentence %q reads as none of %q", calc, keys)
	return p
}

// checkStatus checks that status follows from what the sentence prints.
func (a *agreeCheck) checkStatus(status string, p printed) {
	t := a.t
	want := func(ok bool, why string) {
		if !ok {
			t.Errorf("status %s, but %s (last month of the period: %v)", status, why, a.last)
		}
	}
	ceiling := p.compare.Ceiling()
	if a.periodic != "" {
		met, of, missed, unreported := p.periods[0], p.periods[1], p.periods[2], p.periods[3]
		switch {
		case missed > 0:
			want(status == "not_met", "a period was missed")
		case unreported > 0 && a.last:
			want(status == "not_met", "a period lacks reports and the plan period is over")
		case unreported > 0:
			want(status == "at_risk", "a period lacks reports")
		case a.last:
			want(status == "met" && met == of && of > 0 && p.running == "", "every period was met")
		case ceiling:
			want(status == "on_track", "no period exceeded the limit and the plan period runs")
		case p.running != "":
			want(status == "on_track" && !p.compare.Reached(a.number(p.runningValue), a.number(p.threshold)), p.running+" runs with "+p.runningValue)
		default:
			want(status == "met" && met == of, "every period so far was met")
		}
		return
	}
	if p.value == "" {
		want(status == "no_data", "no value is printed")
		return
	}
	reached := p.compare.Reached(a.number(p.value), a.number(p.threshold))
	switch {
	case ceiling && !reached:
		want(status == "not_met", p.value+" is not "+string(p.compare)+" "+p.threshold)
	case ceiling && a.last:
		want(status == "met", p.value+" is "+string(p.compare)+" "+p.threshold)
	case ceiling:
		want(status == "on_track", p.value+" is within the limit")
	case reached:
		want(status == "met", p.value+" is "+string(p.compare)+" "+p.threshold)
	case a.last:
		want(status == "not_met", p.value+" is not "+string(p.compare)+" "+p.threshold)
	case a.rule == "ratio" || a.rule == "whole":
		want(status == "at_risk", "a ratio has no pace")
	default:
		want(status == "on_track" || status == "at_risk", p.value+" is not "+string(p.compare)+" "+p.threshold+" yet")
	}
}

// latestLabel is the label of the latest month, as the verdict's heading
// and the data table write it.
func (a *agreeCheck) latestLabel() string {
	m, _ := model.ParseMonth(a.latest)
	return fmt.Sprintf("%02d/%d", int(m.Mon), m.Year)
}

// gridCells reads a grid's cells: label, class and state words.
func (a *agreeCheck) gridCells(s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<li class="month-grid__cell month-grid__cell--([a-z]+)">\s*<span class="month-grid__month">([^<]*)</span>\s*<span class="month-grid__state"><span aria-hidden="true">[^<]*</span> ([^<]*)</span>`).FindAllStringSubmatch(s, -1) {
		out = append(out, m[2]+"|"+m[1]+"|"+html.UnescapeString(m[3]))
	}
	if len(out) == 0 {
		a.t.Fatalf("no grid cells in %s", s)
	}
	return out
}

// runningCell checks every cell of a periodic target's grid against its
// figure and returns the label and value of the last one with a report.
func (a *agreeCheck) runningCell(page string, th float64) (label, value string) {
	t := a.t
	grid := a.find("target page", `<section aria-labelledby="tung-thang">(?s:(.*?))</section>`, page)[1]
	cells := a.gridCells(grid)
	for i, c := range cells {
		parts := strings.Split(c, "|")
		class, words := parts[1], parts[2]
		state, figure, _ := strings.Cut(words, " · ")
		if class == "none" && figure == "" {
			continue
		}
		figure = strings.Fields(figure)[0]
		label, value, a.cellState = parts[0], figure, state
		reached := a.compare.Reached(a.number(figure), th)
		runs := !a.last && a.periodic != "month" && (i == len(cells)-1 || strings.HasSuffix(cells[i+1], "|"+a.strs["grid.state.none"]))
		switch {
		case a.compare.Ceiling() && !reached, !a.compare.Ceiling() && reached:
			want := map[bool]string{true: "missed", false: "met"}[a.compare.Ceiling()]
			if class != want || state != a.strs["grid.state."+want] {
				t.Errorf("cell %q: %s %s %s", c, figure, a.compare, fmt.Sprint(th))
			}
		case runs:
			if state != a.strs["grid.state.running"] {
				t.Errorf("cell %q of the running period", c)
			}
		default:
			want := map[bool]string{true: "met", false: "missed"}[reached]
			if class != want || state != a.strs["grid.state."+want] {
				t.Errorf("cell %q: %s %s %s", c, figure, a.compare, fmt.Sprint(th))
			}
		}
	}
	return label, value
}

// checkOpenData checks the latest month's row of the targets' CSV and JSON
// against the page.
func (a *agreeCheck) checkOpenData(status string, p printed) {
	t := a.t
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(a.files["du-lieu/chi-tieu.csv"], []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Rows []map[string]any }
	if err := json.Unmarshal(a.files["du-lieu/chi-tieu.json"], &doc); err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(row []string, name string) string {
		if i := slices.Index(head, name); i >= 0 {
			return row[i]
		}
		return ""
	}
	var row []string
	for _, r := range rows[1:] {
		if col(r, "target") == a.id && col(r, "month") == a.latest {
			row = r
		}
	}
	var obj map[string]any
	for _, r := range doc.Rows {
		if r["target"] == a.id && r["month"] == a.latest {
			obj = r
		}
	}
	if row == nil || obj == nil {
		t.Fatalf("open data has no row for %s in %s", a.id, a.latest)
	}
	if col(row, "status") != status || obj["status"] != status {
		t.Errorf("open data status %s / %v, page %s", col(row, "status"), obj["status"], status)
	}
	th := a.number(p.threshold)
	if col(row, "threshold") != strconv.FormatFloat(th, 'f', -1, 64) || obj["threshold"] != th {
		t.Errorf("open data threshold %s / %v, page %s", col(row, "threshold"), obj["threshold"], p.threshold)
	}
	if col(row, "compare") != string(a.compare) || obj["compare"] != string(a.compare) {
		t.Errorf("open data compare %q / %v, target %s", col(row, "compare"), obj["compare"], a.compare)
	}
	if a.periodic != "" {
		return // the value is the running period's, checked on the grid
	}
	for _, f := range []struct{ name, page string }{{"value", p.value}, {"numerator", p.num}, {"denominator", p.den}} {
		if f.page == "" {
			continue
		}
		want := a.number(f.page)
		if got, _ := strconv.ParseFloat(col(row, f.name), 64); got != want || obj[f.name] != want {
			t.Errorf("open data %s %s / %v, page %s", f.name, col(row, f.name), obj[f.name], f.page)
		}
	}
	if p.value == "" && (col(row, "value") != "" || obj["value"] != nil) {
		t.Errorf("open data value %q / %v, page none", col(row, "value"), obj["value"])
	}
}
