package serve

import (
	"net/http"

	"github.com/minhbach/minhbach/internal/headers"
)

// frameHeaders adds the headers table gives the path p to h, as a host
// would send the table of the build (_headers, see package headers), so that
// what may be framed in the preview is what may be framed online; a path
// the table does not cover may not be framed. A Content-Security-Policy of the
// table is added to the page's own: a browser enforces both.
func frameHeaders(h http.Header, table headers.Table, p string) {
	hs := []headers.Header{{Name: "Content-Security-Policy", Value: "frame-ancestors 'none'"}, {Name: "X-Frame-Options", Value: "DENY"}}
	if rule := table.Match(p); rule != nil {
		hs = rule.Headers
	}
	for _, x := range hs {
		if x.Name == "Content-Security-Policy" {
			h.Add(x.Name, x.Value)
		} else {
			h.Set(x.Name, x.Value)
		}
	}
}
