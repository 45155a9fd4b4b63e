package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/minhbach/minhbach/internal/search"
)

// Slug turns a heading or a name into a readable URL fragment:
// "II. Nhiệm vụ và giải pháp" → "ii-nhiem-vu-va-giai-phap". It folds the
// text as search does (search.Fold), so a letter of another language
// keeps its base letter: "Ça" → "ca".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range search.Fold(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// slugIDs gives headings unique slug ids within one document; it implements
// goldmark's parser.IDs.
type slugIDs struct {
	seen map[string]int
}

func newSlugIDs() *slugIDs { return &slugIDs{seen: map[string]int{}} }

// Generate returns a unique id for a heading's text.
func (s *slugIDs) Generate(value []byte, _ astKind) []byte {
	id := Slug(string(value))
	if id == "" {
		id = "muc"
	}
	// Record every id handed out, suffixed ones too, so that "A", "A",
	// "A 1" get a, a-1 and a-1-1.
	base := id
	for n := 1; s.seen[id] > 0; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.seen[id]++
	return []byte(id)
}

// Put records an id given explicitly, so generated ones avoid it.
func (s *slugIDs) Put(value []byte) { s.seen[string(value)]++ }
