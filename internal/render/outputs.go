package render

import (
	"fmt"

	"github.com/minhbach/minhbach/internal/outputs"
)

// add records a problem at the producer o.
func (r *renderer) add(o outputs.Origin, format string, args ...any) {
	line, col := o.Pos()
	r.fail(o.Path, line, col, format, args...)
}

// kindsFile is where record kinds are defined (see package load).
const kindsFile = "data/records.toml"

// claimDownloads records that the downloads named after record kinds come
// from the kinds, so that a kind named like another download is blamed on
// the kind.
func (r *renderer) claimDownloads() {
	r.claims = map[string]outputs.Origin{}
	for _, k := range r.site.Kinds {
		for _, ext := range []string{".csv", ".json"} {
			r.claims[r.routes.Download(k.ID+ext)] = outputs.Origin{
				Path:  kindsFile,
				What:  fmt.Sprintf("the download of record kind %q", k.ID),
				Fix:   "give the kind another id",
				Where: k.Where,
				Field: "id",
			}
		}
	}
}
