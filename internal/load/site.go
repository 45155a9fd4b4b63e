package load

import (
	"path"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
)

const (
	layoutsDir  = "layouts"
	stringsPath = "layouts/strings.toml"
	staticDir   = "static"
)

// strings reads the table of user-interface texts: a flat TOML table of
// key = "text".
func (l *loader) strings() model.Strings {
	f := l.readTOML(stringsPath, l.errs)
	if f == nil {
		return nil
	}
	var m map[string]string
	if !f.decode(&m) {
		return nil
	}
	return model.Strings(m)
}

// templates reads the layouts' sources; package render parses them.
func (l *loader) templates() map[string]string {
	out := map[string]string{}
	for _, p := range l.files(layoutsDir, ".html") {
		b, err := l.readFile(p, MaxFileSize)
		if err != nil {
			readError(l.errs, p, err, MaxFileSize)
			continue
		}
		if src, ok := text(p, b, l.errs); ok {
			out[strings.TrimPrefix(p, layoutsDir+"/")] = src
		}
	}
	if len(out) == 0 {
		l.errs.Add(layoutsDir, 0, 0, "no layouts found: the folder layouts/ must hold the .html templates")
	}
	return out
}

// static reads every file below static/, copied to the output as it is.
func (l *loader) static() map[string][]byte {
	out := map[string][]byte{}
	for _, p := range l.files(staticDir, "") {
		if path.Ext(p) == ".go" {
			continue
		}
		b, err := l.readFile(p, MaxStaticSize)
		if err != nil {
			readError(l.errs, p, err, MaxStaticSize)
			continue
		}
		out[strings.TrimPrefix(p, staticDir+"/")] = b
	}
	return out
}

var _ = model.Strings(nil)
