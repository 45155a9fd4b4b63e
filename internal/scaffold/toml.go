package scaffold

import (
	"strings"

	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The report is written from a template, so that it keeps its commented
// examples; every text it takes from the site goes through tomlfile's
// Quote, Key or Comment.

// tomlStrings writes ss as the items of a TOML array, without brackets.
func tomlStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = tomlfile.Quote(s)
	}
	return strings.Join(q, ", ")
}
