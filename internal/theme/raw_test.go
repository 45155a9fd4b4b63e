package theme

import (
	"strings"
	"testing"
)

// FuzzInRawText checks inRawText against its definition, read back from
// each position: the last start tag of a script or style element before
// it, in any case, with no end tag after it.
func FuzzInRawText(f *testing.F) {
	for _, s := range []string{
		`<p>{{t "a"}}</p><script>{{t "b"}}</script>{{t "c"}}`,
		`<STYLE>x</Style><sCrIpT src=x></script><style>`,
		`</script><script`, `<scrip<script`, `<style</style>`, "<SCRİPT>", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		raw := inRawText(src)
		for at := 0; at <= len(src); at++ {
			before := strings.ToLower(src[:at])
			want := false
			for _, el := range []string{"script", "style"} {
				if strings.LastIndex(before, "<"+el) > strings.LastIndex(before, "</"+el) {
					want = true
				}
			}
			if got := raw(at); got != want && isASCII(src[:at]) {
				t.Fatalf("inRawText(%q)(%d) = %v, want %v", src, at, got, want)
			}
		}
	})
}

// isASCII reports whether s is ASCII, where strings.ToLower keeps every
// byte's place.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
