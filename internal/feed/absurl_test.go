package feed

import "testing"

// FuzzAbsURL checks AbsURL against resolving every path with net/url, for
// bases and paths of every shape, so that its shortcut for plain paths
// writes what resolving writes.
func FuzzAbsURL(f *testing.F) {
	for _, base := range []string{"https://example.org/", "https://example.org/sub/dir/", "https://example.org/a/./b/../c", "https://example.org", "http://h/x?q=1#f", "/rel/", ""} {
		for _, p := range []string{"", "don-vi/ha-noi/", "404.html", "a/b.c/index.html", "./x", "../x", "a/../b", ".hidden/", "tin tức/", "/abs", "x/.y"} {
			f.Add(base, p)
		}
	}
	f.Fuzz(func(t *testing.T, base, p string) {
		prefixes.Clear()
		first := AbsURL(base, p)
		if got, want := AbsURL(base, p), resolve(base, p); got != want || first != want {
			t.Fatalf("AbsURL(%q, %q) = %q then %q, want %q", base, p, first, got, want)
		}
	})
}
