// Package gensite writes synthetic sites for measuring minhbach at scale: a
// province (about the size of the Ninh Bình example), a region, or the whole
// country (63 provinces, about 700 districts, about 10,600 communes), each
// with ten years of monthly reports. Everything is generated from a seed,
// so the same seed writes the same bytes.
//
// The sites are complete and valid: they build with the stock theme, which
// minhbach carries, so they have no layouts/ or static/ of their own.
package gensite

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Scale is how large a site is.
type Scale struct {
	Name      string
	Provinces int
	Districts int // per province
	Communes  int // per district
	Months    int
}

// Scales are the sizes gensite knows.
var Scales = map[string]Scale{
	"province": {"province", 1, 9, 16, 120},
	"region":   {"region", 8, 11, 15, 120},
	"national": {"national", 63, 11, 15, 120},
}

// syllables make up the synthetic unit names; every name is clearly not a
// real place ("Tỉnh Mẫu …").
var syllables = []string{"An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Đông", "Tây", "Nam", "Bắc",
	"Long", "Phước", "Hưng", "Lộc", "Thành", "Mỹ", "Trung", "Vĩnh", "Quang", "Thuận", "Hải", "Sơn", "Yên", "Khánh"}

type unit struct {
	code, name, typ, level, parent string
}

// Write writes a site of the given scale into dir.
func Write(dir string, sc Scale, seed uint64) error {
	g := &gen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), sc: sc, files: map[string]*strings.Builder{}}
	g.units()
	g.config()
	g.schema()
	g.reports()
	g.content()
	for name, b := range g.files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	rng       *rand.Rand
	sc        Scale
	files     map[string]*strings.Builder
	provinces []unit
	districts []unit
	communes  []unit
}

func (g *gen) file(name string) *strings.Builder {
	b := g.files[name]
	if b == nil {
		b = &strings.Builder{}
		g.files[name] = b
	}
	return b
}

func (g *gen) name() string {
	return syllables[g.rng.IntN(len(syllables))] + " " + syllables[g.rng.IntN(len(syllables))]
}

func (g *gen) units() {
	b := g.file("data/units.toml")
	b.WriteString("# Đơn vị hành chính giả lập (gensite) — không phải danh mục thật.\n")
	b.WriteString("source = \"Danh mục giả lập để đo hiệu năng, không phải danh mục của Tổng cục Thống kê.\"\n\n")
	b.WriteString("[[levels]]\nid = \"province\"\nname = \"tỉnh, thành phố\"\n\n")
	b.WriteString("[[levels]]\nid = \"district\"\nname = \"huyện, quận\"\nparent = \"province\"\n\n")
	b.WriteString("[[levels]]\nid = \"commune\"\nname = \"xã, phường, thị trấn\"\nparent = \"district\"\n\n")
	d, c := 0, 0
	for p := range g.sc.Provinces {
		pu := unit{code: fmt.Sprintf("%02d", p+1), name: "Mẫu " + g.name(), typ: "Tỉnh", level: "province"}
		g.provinces = append(g.provinces, pu)
		for range g.sc.Districts {
			d++
			du := unit{code: fmt.Sprintf("%03d", d), name: g.name(), typ: "Huyện", level: "district", parent: pu.code}
			g.districts = append(g.districts, du)
			for range g.sc.Communes {
				c++
				typ := "Xã"
				if g.rng.IntN(10) == 0 {
					typ = "Phường"
				}
				g.communes = append(g.communes, unit{code: fmt.Sprintf("%05d", c), name: g.name(), typ: typ, level: "commune", parent: du.code})
			}
		}
	}
	for _, list := range [][]unit{g.provinces, g.districts, g.communes} {
		for _, u := range list {
			fmt.Fprintf(b, "[[units]]\ncode = %q\nname = %q\ntype = %q\nlevel = %q\n", u.code, u.name, u.typ, u.level)
			if u.parent != "" {
				fmt.Fprintf(b, "parent = %q\n", u.parent)
			}
			b.WriteByte('\n')
		}
	}
}

// month returns the i-th month of the period, which starts in 2016-01.
func month(i int) (year, mon int) { return 2016 + i/12, i%12 + 1 }

func (g *gen) config() {
	y, m := month(g.sc.Months - 1)
	fmt.Fprintf(g.file("site.toml"), `# Trang giả lập (gensite, quy mô %s) — dữ liệu minh họa.
title = "Cổng minh bạch giả lập — quy mô %s"
description = "Trang giả lập để đo hiệu năng của minhbach; mọi số liệu là minh họa."
base_url = "https://example.org/gensite/"
illustrative = true
illustrative_note = "Mọi đơn vị, số liệu và tin bài trên trang giả lập này được sinh tự động để đo hiệu năng, không phải số liệu thật."

[plan]
document = "Chương trình"
number = "361/QĐ-TTg (giả lập)"
title = "Chương trình phòng, chống mại dâm (giả lập)"
date = 2016-03-07
issuer = "Cơ quan giả lập"
start = "2016-01"
end = "%04d-%02d"

[[menu]]
label = "Tổng quan"
path = ""

[[menu]]
label = "Chỉ tiêu"
path = "chi-tieu/"

[[menu]]
label = "Đơn vị"
path = "don-vi/"

[[menu]]
label = "Cập nhật"
path = "cap-nhat/"

[[menu]]
label = "Dữ liệu mở"
path = "du-lieu/"
`, g.sc.Name, g.sc.Name, y, m)
}

func (g *gen) schema() {
	g.file("data/records.toml").WriteString(`# Loại ghi nhận (gensite).
[[kinds]]
id = "outreach"
name = "Hoạt động tuyên truyền"
short = "Tuyên truyền"
level = "commune"

[[kinds.fields]]
id = "date"
name = "Ngày"
type = "date"
required = true

[[kinds.fields]]
id = "form"
name = "Hình thức"
type = "choice"
required = true
choices = ["Hội nghị", "Loa truyền thanh", "Văn nghệ"]

[[kinds]]
id = "press"
name = "Tin, bài trên báo chí"
short = "Tin, bài"

[[kinds.fields]]
id = "date"
name = "Ngày đăng"
type = "date"
required = true

[[kinds.fields]]
id = "title"
name = "Tiêu đề"
type = "text"
required = true

[[kinds.fields]]
id = "url"
name = "Đường dẫn"
type = "url"

[[kinds]]
id = "plans"
name = "Kế hoạch lồng ghép"
short = "Kế hoạch"
level = "district"

[[kinds.fields]]
id = "date"
name = "Ngày ban hành"
type = "date"
required = true

[[kinds]]
id = "cases"
name = "Vụ việc"
level = "province"

[[kinds.fields]]
id = "detected"
name = "Phát hiện"
type = "int"
required = true
min = 0

[[kinds.fields]]
id = "handled"
name = "Đã xử lý"
type = "int"
required = true
min = 0
`)
	g.file("data/targets.toml").WriteString(`# Chỉ tiêu (gensite).
[[targets]]
id = "tuyen-truyen"
number = 1
name = "Tuyên truyền ở cấp xã"
text = "75% xã, phường, thị trấn tổ chức tuyên truyền"
rule = "share"
records = "outreach"
level = "commune"
threshold = 75
unit = "xã, phường, thị trấn"

[[targets]]
id = "bao-chi"
number = 2
name = "Tin, bài hằng tháng"
text = "mỗi tháng ít nhất một tin, bài"
rule = "monthly"
records = "press"
threshold = 1
unit = "tin, bài"

[[targets]]
id = "ke-hoach"
number = 3
name = "Kế hoạch lồng ghép cấp huyện"
text = "100% huyện, quận có kế hoạch lồng ghép"
rule = "share"
records = "plans"
level = "district"
threshold = 100
unit = "huyện, quận"

[[targets]]
id = "vu-viec"
number = 4
name = "Xử lý vụ việc"
text = "xử lý 100% vụ việc phát hiện"
rule = "ratio"
records = "cases"
numerator = "handled"
denominator = "detected"
part_of_whole = true
threshold = 100
unit = "vụ"

[[targets]]
id = "lanh-manh"
number = 5
name = "Xã lành mạnh"
text = "mỗi năm thêm xã lành mạnh, không mất xã nào"
rule = "membership"
list = "lanh-manh"
threshold = 10
max_removed = 0
unit = "xã"
`)
	a := g.file("data/agencies.toml")
	for i := 1; i <= 11; i++ {
		fmt.Fprintf(a, "[[agencies]]\nid = \"co-quan-%02d\"\nnumber = %d\nname = \"Cơ quan giả lập %d\"\ntasks = [\"Nhiệm vụ minh họa.\"]\n\n", i, i, i)
	}
	l := g.file("data/lists/lanh-manh.toml")
	l.WriteString("name = \"Xã lành mạnh (giả lập)\"\nshort = \"Xã lành mạnh\"\nlevel = \"commune\"\n\n")
	for _, c := range g.communes {
		if g.rng.IntN(5) == 0 {
			fmt.Fprintf(l, "[[members]]\nunit = %q\nsince = 2014-12-%02d\n\n", c.code, 1+g.rng.IntN(28))
		}
	}
}

func (g *gen) reports() {
	// Which communes are on the list, to add and remove consistently.
	onList := map[string]bool{}
	for _, line := range strings.Split(g.files["data/lists/lanh-manh.toml"].String(), "\n") {
		if code, ok := strings.CutPrefix(line, "unit = "); ok {
			onList[strings.Trim(code, `"`)] = true
		}
	}
	planned := map[string]bool{}
	detected, handled := 0, 0
	for i := range g.sc.Months {
		y, m := month(i)
		b := g.file(fmt.Sprintf("data/reports/%04d-%02d.toml", y, m))
		fmt.Fprintf(b, "# Báo cáo giả lập %02d/%04d.\npublished = %04d-%02d-05\n\n", m, y, y+(m/12), m%12+1)
		for _, c := range g.communes {
			if g.rng.IntN(33) == 0 {
				fmt.Fprintf(b, "[[outreach]]\nunit = %q\ndate = %04d-%02d-%02d\nform = \"Hội nghị\"\n\n", c.code, y, m, 1+g.rng.IntN(28))
			}
		}
		for k := range g.rng.IntN(4) {
			fmt.Fprintf(b, "[[press]]\ndate = %04d-%02d-%02d\ntitle = \"Tin minh họa số %d tháng %02d/%04d\"\nurl = \"https://example.org/tin/%04d-%02d-%d\"\n\n", y, m, 1+k, k+1, m, y, y, m, k)
		}
		for _, d := range g.districts {
			if !planned[d.code] && g.rng.IntN(40) == 0 {
				planned[d.code] = true
				fmt.Fprintf(b, "[[plans]]\nunit = %q\ndate = %04d-%02d-10\n\n", d.code, y, m)
			}
		}
		for _, p := range g.provinces {
			if g.rng.IntN(4) != 0 {
				continue
			}
			det := g.rng.IntN(4)
			han := min(g.rng.IntN(5), detected+det-handled)
			detected, handled = detected+det, handled+han
			fmt.Fprintf(b, "[[cases]]\nunit = %q\ndetected = %d\nhandled = %d\n\n", p.code, det, han)
		}
		changed := map[string]bool{}
		for range 1 + len(g.communes)/500 {
			c := g.communes[g.rng.IntN(len(g.communes))]
			if changed[c.code] {
				continue
			}
			changed[c.code] = true
			change := "added"
			if onList[c.code] {
				if g.rng.IntN(5) != 0 {
					continue
				}
				change = "removed"
			}
			onList[c.code] = change == "added"
			fmt.Fprintf(b, "[[list_changes]]\nlist = \"lanh-manh\"\nunit = %q\nchange = %q\ndate = %04d-%02d-20\n\n", c.code, change, y, m)
		}
		b.WriteString("[submitted]\nagencies = [\"co-quan-01\", \"co-quan-02\"]\nunits = [")
		for k, p := range g.provinces {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%q", p.code)
		}
		b.WriteString("]\n")
	}
}

func (g *gen) content() {
	g.file("content/_index.md").WriteString("+++\ntitle = \"Trang giả lập\"\ndescription = \"Trang giả lập để đo hiệu năng.\"\n+++\nMọi số liệu trên trang này là **minh họa**, sinh tự động để đo hiệu năng.\n")
	g.file("content/gioi-thieu.md").WriteString("+++\ntitle = \"Giới thiệu\"\nlayout = \"about\"\ntoc = true\n+++\n## Dữ liệu minh họa\n\nTrang giả lập.\n")
	g.file("content/ke-hoach.md").WriteString("+++\ntitle = \"Kế hoạch (giả lập)\"\nlayout = \"plan\"\ntoc = true\n+++\n## I. Mục tiêu\n\nVăn bản minh họa.\n\n## II. Nhiệm vụ\n\nVăn bản minh họa.\n")
	for i := range g.sc.Months {
		y, m := month(i)
		fmt.Fprintf(g.file(fmt.Sprintf("content/cap-nhat/%04d-%02d.md", y, m)),
			"+++\ntitle = \"Cập nhật tháng %d/%d\"\ndescription = \"Số liệu minh họa tháng %d/%d.\"\ndate = %04d-%02d-05\n+++\nSố liệu tháng %d/%d là **minh họa**.\n\nĐoạn thứ hai của bài cập nhật.\n",
			m, y, m, y, y+(m/12), m%12+1, m, y)
	}
}
