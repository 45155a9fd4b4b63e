package chart

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// TestXMLEscape checks the bulletin chart's escaping against encoding/xml:
// attribute values as xml.EscapeText writes them, texts as the Encoder
// writes character data (newlines kept).
func TestXMLEscape(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"quotes" & 'apostrophes'`, "<script>alert(1)</script>",
		"tab\there\nnew line\r\n", "Xã Khánh Hội — Huyện Yên Khánh ✓ ✗",
		"\x00\x01\x1f nul and controls", "bad \xff utf-8 \xc3", "\ufffd replacement",
		"\ud7ff\ue000\ufffe\U0010ffff",
	} {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		var got strings.Builder
		xmlEscape(&got, s, true)
		if got.String() != want.String() {
			t.Errorf("attribute %q: got %q, want %q", s, got.String(), want.String())
		}

		var text bytes.Buffer
		enc := xml.NewEncoder(&text)
		if err := enc.EncodeToken(xml.CharData(s)); err != nil {
			t.Fatal(err)
		}
		enc.Flush()
		got.Reset()
		xmlEscape(&got, s, false)
		if got.String() != text.String() {
			t.Errorf("text %q: got %q, want %q", s, got.String(), text.String())
		}
	}
}

// FuzzXMLEscape compares xmlEscape with encoding/xml on any text.
func FuzzXMLEscape(f *testing.F) {
	f.Add("Xã Khánh Hội <b>&\"'\t\n\r\x00\xff\uffff")
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		var got strings.Builder
		xmlEscape(&got, s, true)
		if got.String() != want.String() {
			t.Errorf("attribute %q: got %q, want %q", s, got.String(), want.String())
		}
	})
}
