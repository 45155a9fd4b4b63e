package render

import (
	"bytes"
	"html/template"
)

// inlineStyle returns a stylesheet to place inside a <style> element.
// html/template trusts template.CSS as it is, and the element's text ends
// at the first "</style" — in a comment or a string too. Every "</" becomes
// "<\/": in a CSS string or url() "\/" is an escaped "/", in a comment it is
// text, and elsewhere "</" is not valid CSS, so the stylesheet means the
// same and cannot close its element.
func inlineStyle(b []byte) template.CSS {
	return template.CSS(bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`)))
}
