package markdown

import (
	"strconv"
	"strings"
	"unicode"
)

// fold maps every Vietnamese letter with diacritics to its base letter.
var fold = func() map[rune]rune {
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ",
		'e': "èéẻẽẹêềếểễệ",
		'i': "ìíỉĩị",
		'o': "òóỏõọôồốổỗộơờớởỡợ",
		'u': "ùúủũụưừứửữự",
		'y': "ỳýỷỹỵ",
		'd': "đ",
	}
	m := map[rune]rune{}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// Fold lowercases s and removes its diacritics, so that "Yên Khánh" and
// "yen khanh" compare equal. Combining marks (text typed in NFD) are dropped
// too.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if base, ok := fold[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Slug turns a heading or a name into a readable URL fragment:
// "II. Nhiệm vụ và giải pháp" → "ii-nhiem-vu-va-giai-phap".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
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
