package format

import "testing"

func TestResolveFallback(t *testing.T) {
	o, c := FallbackOpen, FallbackClose
	for _, tt := range []struct{ in, want string }{
		{"<p>" + o + "Ghi chú" + c + "</p>", `<p><span lang="vi">Ghi chú</span></p>`},
		{`<a title="` + o + "Tên" + c + `">x</a>`, `<a title="Tên">x</a>`},
		{"<title>" + o + "Tên" + c + " | Site</title><p>" + o + "a" + c + "</p>", `<title>Tên | Site</title><p><span lang="vi">a</span></p>`},
		{`<script type="application/json">{"a":"` + o + "b" + c + `"}</script>` + o + "c" + c, `<script type="application/json">{"a":"b"}</script><span lang="vi">c</span>`},
		{"<TEXTAREA>" + o + "x" + c + "</textarea>", "<TEXTAREA>x</textarea>"},
		{"no marks", "no marks"},
	} {
		if got := string(ResolveFallback([]byte(tt.in), "vi")); got != tt.want {
			t.Errorf("ResolveFallback(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
