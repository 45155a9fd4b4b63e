package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/search"
)

var idAttr = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

// FuzzMarkdown renders any Markdown: it must not panic, must not let raw
// HTML or a javascript: link through, and must give unique, clean heading
// ids.
func FuzzMarkdown(f *testing.F) {
	// Not the plan text: a 26 KB seed slows coverage-guided fuzzing to a
	// few executions a minute.
	for _, name := range []string{"gioi-thieu.md", "_index.md"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "content", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("## A\n\n## A\n\n## A 1\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"))
	f.Add([]byte("# Tiêu đề\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ <img src=x onerror=alert(1)>\n"))
	// Texts goldmark is slow on: the limits refuse them, or keep them small.
	f.Add([]byte(strings.Repeat("- ", 40) + "x\n"))
	f.Add([]byte(strings.Repeat("> ", 40) + "x\n"))
	f.Add([]byte(strings.Repeat("1. * > ", 6) + "x\n"))
	f.Add([]byte(indentedList(40)))
	f.Add([]byte(strings.Repeat("[a](b ", 300)))
	f.Add([]byte(strings.Repeat("[", 40) + "a" + strings.Repeat("]", 40)))
	f.Add([]byte("## Nội dung\n\n## Mục lục\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		html, toc, err := Render(src, "noi-dung", "muc-luc")
		if err != nil {
			return
		}
		out := strings.ToLower(string(html))
		if strings.Contains(out, "<script") || strings.Contains(out, "<img src=x onerror") || strings.Contains(out, `href="javascript:`) {
			t.Errorf("unsafe output:\n%s", html)
		}
		seen := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(string(html), -1) {
			if seen[m[1]] {
				t.Errorf("id %q twice", m[1])
			}
			seen[m[1]] = true
		}
		if seen["noi-dung"] || seen["muc-luc"] {
			t.Errorf("a heading took a reserved id:\n%s", html)
		}
		for _, e := range toc {
			if !seen[e.ID] {
				t.Errorf("TOC entry %q has no heading", e.ID)
			}
		}
	})
}

var slugRE = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzSlug checks that any text gives a clean slug, the same for its folded
// form.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"II. Nhiệm vụ và giải pháp", "Đẩy mạnh", "Ye\u0302n Kha\u0301nh", "--a--b--", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slug(s)
		if !slugRE.MatchString(slug) {
			t.Errorf("Slug(%q) = %q", s, slug)
		}
		if Slug(search.Fold(s)) != slug {
			t.Errorf("Slug(Fold(%q)) = %q, Slug = %q", s, Slug(search.Fold(s)), slug)
		}
	})
}
