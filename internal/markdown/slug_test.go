package markdown

import (
	"regexp"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"roman numeral heading", "II. Nhiệm vụ và giải pháp", "ii-nhiem-vu-va-giai-phap"},
		{"đ and stacked marks", "Đẩy mạnh công tác thông tin", "day-manh-cong-tac-thong-tin"},
		{"uppercase Vietnamese", "KẾ HOẠCH THỰC HIỆN", "ke-hoach-thuc-hien"},
		{"every vowel with horn and breve", "Ưu tiên ơn ăn ắ ờ ữ ỵ", "uu-tien-on-an-a-o-u-y"},
		{"NFD input", "Ye\u0302n Kha\u0301nh", "yen-khanh"},
		{"NFD horn and dot below", "Tru\u031b\u0323c", "truc"},
		{"digits kept", "Mục 1.2.3 năm 2024", "muc-1-2-3-nam-2024"},
		{"punctuation collapsed", "a -- b!!! (c) / d", "a-b-c-d"},
		{"leading and trailing punctuation dropped", "  «Chỉ tiêu» …  ", "chi-tieu"},
		{"non-Latin letters dropped", "Số 5 — 日本 x", "so-5-x"},
		{"other Latin letters folded as search does", "Ça Ñandú İstanbul", "ca-nandu-istanbul"},
		{"only punctuation", "!!! ???", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var headingRE = regexp.MustCompile(`<h([1-6]) id="([^"]*)">`)

func TestMarkdownHeadings(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		ids     []string   // every heading's id, in order
		toc     []TOCEntry // level 2 and 3 only
		contain []string
	}{
		{
			name: "slug ids",
			src:  "# Kế hoạch\n\n## II. Nhiệm vụ và giải pháp\n\n### 1. Đẩy mạnh công tác thông tin\n\n#### Chi tiết\n",
			ids:  []string{"ke-hoach", "ii-nhiem-vu-va-giai-phap", "1-day-manh-cong-tac-thong-tin", "chi-tiet"},
			toc: []TOCEntry{
				{Level: 2, ID: "ii-nhiem-vu-va-giai-phap", Text: "II. Nhiệm vụ và giải pháp"},
				{Level: 3, ID: "1-day-manh-cong-tac-thong-tin", Text: "1. Đẩy mạnh công tác thông tin"},
			},
		},
		{
			name: "duplicates get suffixes",
			src:  "## Kết quả\n\n## Kết quả\n\n### Kết quả\n",
			ids:  []string{"ket-qua", "ket-qua-1", "ket-qua-2"},
			toc: []TOCEntry{
				{Level: 2, ID: "ket-qua", Text: "Kết quả"},
				{Level: 2, ID: "ket-qua-1", Text: "Kết quả"},
				{Level: 3, ID: "ket-qua-2", Text: "Kết quả"},
			},
		},
		{
			name: "TOC text without markup",
			src:  "## Dữ liệu *minh* họa\n\nVăn bản.\n\n### Mã `x` và **đậm**\n",
			ids:  []string{"du-lieu-minh-hoa", "ma-x-va-dam"},
			toc: []TOCEntry{
				{Level: 2, ID: "du-lieu-minh-hoa", Text: "Dữ liệu minh họa"},
				{Level: 3, ID: "ma-x-va-dam", Text: "Mã x và đậm"},
			},
			contain: []string{"<em>minh</em>", "<code>x</code>", "<strong>đậm</strong>"},
		},
		{
			name: "setext heading",
			src:  "Cách tính\n---------\n",
			ids:  []string{"cach-tinh"},
			toc:  []TOCEntry{{Level: 2, ID: "cach-tinh", Text: "Cách tính"}},
		},
		{
			name: "heading without letters",
			src:  "## ???\n",
			ids:  []string{"muc"},
			toc:  []TOCEntry{{Level: 2, ID: "muc", Text: "???"}},
		},
		{
			name: "no headings",
			src:  "Chỉ một đoạn.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, toc, err := Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range headingRE.FindAllStringSubmatch(string(html), -1) {
				ids = append(ids, m[2])
			}
			if strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
				t.Errorf("heading ids = %q, want %q\n%s", ids, tt.ids, html)
			}
			if len(toc) != len(tt.toc) {
				t.Fatalf("TOC = %+v, want %+v", toc, tt.toc)
			}
			for i := range toc {
				if toc[i] != tt.toc[i] {
					t.Errorf("TOC[%d] = %+v, want %+v", i, toc[i], tt.toc[i])
				}
			}
			for _, s := range tt.contain {
				if !strings.Contains(string(html), s) {
					t.Errorf("output lacks %q:\n%s", s, html)
				}
			}
		})
	}
}

// TestMarkdownUniqueIDs checks that generated ids never repeat, even when a
// heading's own slug looks like a suffixed duplicate.
func TestMarkdownUniqueIDs(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"fallback id", "## Mục\n\n## ???\n\n## !!!\n"},
		{"many duplicates", "## A\n\n## A\n\n## A\n\n## B\n\n## A\n"},
		{"suffix after", "## A\n\n## A\n\n## A 1\n"},
		{"suffix before", "## A 1\n\n## A\n\n## A\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _, err := Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, m := range headingRE.FindAllStringSubmatch(string(html), -1) {
				if seen[m[2]] {
					t.Errorf("id %q used twice:\n%s", m[2], html)
				}
				seen[m[2]] = true
			}
		})
	}
}

var hrefRE = regexp.MustCompile(`(?i)\s(href|src)\s*=\s*"([^"]*)"`)

func TestMarkdownUnsafe(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		absent []string // substrings the output must not contain
		keep   string   // text that must survive
	}{
		{"script block", "<script>alert(1)</script>\n\nsau", []string{"<script", "alert(1)"}, "sau"},
		{"inline img onerror", "trước <img src=x onerror=alert(1)> sau", []string{"<img", "onerror"}, "trước"},
		{"event handler on a block", "<div onclick=\"alert(1)\">khối</div>\n", []string{"<div", "onclick"}, ""},
		{"iframe", "<iframe src=\"https://example.org\"></iframe>\n", []string{"<iframe"}, ""},
		{"raw HTML in a heading", "## Tiêu đề <script>alert(1)</script>\n", []string{"<script"}, "Tiêu đề"},
		{"javascript link", "[x](javascript:alert(1))", []string{"javascript:"}, ">x</a>"},
		{"mixed case scheme", "[x](JavaScript:alert(1))", []string{"javascript:"}, ">x</a>"},
		{"entity in scheme", "[x](&#106;avascript:alert(1))", []string{"javascript:"}, ">x</a>"},
		{"reference link", "[x][r]\n\n[r]: javascript:alert(1)\n", []string{"javascript:"}, ">x</a>"},
		{"image", "![ảnh](javascript:alert(1))", []string{"javascript:"}, `alt="ảnh"`},
		{"autolink", "<javascript:alert(1)>", []string{`href="javascript:`}, ""},
		{"vbscript", "[x](vbscript:msgbox(1))", []string{"vbscript:"}, ">x</a>"},
		{"data HTML", "[x](data:text/html,<script>alert(1)</script>)", []string{"data:text/html", "<script"}, ">x</a>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _, err := Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			out := string(html)
			for _, s := range tt.absent {
				if strings.Contains(strings.ToLower(out), strings.ToLower(s)) {
					t.Errorf("output contains %q:\n%s", s, out)
				}
			}
			for _, m := range hrefRE.FindAllStringSubmatch(out, -1) {
				v := strings.ToLower(strings.TrimSpace(m[2]))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text"} {
					if strings.HasPrefix(v, scheme) {
						t.Errorf("%s=%q in output:\n%s", m[1], m[2], out)
					}
				}
			}
			if !strings.Contains(out, tt.keep) {
				t.Errorf("output lacks %q:\n%s", tt.keep, out)
			}
		})
	}
}

func TestMarkdownSafeLinksKept(t *testing.T) {
	html, _, err := Render([]byte("[trang](https://example.org/a?b=1&c=2) [nội bộ](../chi-tieu/)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="https://example.org/a?b=1&amp;c=2"`, `href="../chi-tieu/"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("output lacks %s:\n%s", want, html)
		}
	}
}
