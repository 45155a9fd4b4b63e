package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/search"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Khánh Hội", "khanh hoi"},
		{"Hà Nội", "ha noi"},
		{"ĐÔNG Đức đạt", "dong duc dat"},
		{"Thừa Thiên Huế", "thua thien hue"},
		{"Nghĩa Hưng ỷ ỵ", "nghia hung y y"},
		{"Kha\u0301nh Ho\u0302\u0323i", "khanh hoi"}, // typed decomposed (NFD)
		{"Plain ASCII 12/2017", "plain ascii 12/2017"},
		{"Ça Ñandú İstanbul", "ca nandu istanbul"},
		{"Xã 10.001, (thử)!", "xa 10.001, (thu)!"}, // punctuation and digits kept
		{"yen khanh", "yen khanh"},
		{"", ""},
	} {
		if got := search.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFoldNFDMatchesNFC checks that text typed with combining marks folds
// to the same string as the precomposed text, for every Vietnamese vowel
// with every tone.
func TestFoldNFDMatchesNFC(t *testing.T) {
	tests := []struct {
		nfc, nfd string
	}{
		{"á", "a\u0301"}, {"à", "a\u0300"}, {"ả", "a\u0309"}, {"ã", "a\u0303"}, {"ạ", "a\u0323"},
		{"ấ", "a\u0302\u0301"}, {"ặ", "a\u0306\u0323"}, {"ế", "e\u0302\u0301"}, {"ị", "i\u0323"},
		{"ồ", "o\u0302\u0300"}, {"ợ", "o\u031b\u0323"}, {"ừ", "u\u031b\u0300"}, {"ỹ", "y\u0303"},
		{"Ắ", "A\u0306\u0301"}, {"Ữ", "U\u031b\u0303"},
	}
	for _, tt := range tests {
		t.Run(tt.nfc, func(t *testing.T) {
			if got, want := search.Fold(tt.nfd), search.Fold(tt.nfc); got != want {
				t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want equal", tt.nfd, got, tt.nfc, want)
			}
			if got := search.Fold(tt.nfc); len(got) != 1 || got[0] < 'a' || got[0] > 'z' {
				t.Errorf("Fold(%q) = %q, want one ASCII letter", tt.nfc, got)
			}
		})
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Xã Khánh Hội", []string{"xa", "khanh", "hoi"}},
		{"  Tỷ lệ hộ (%): 64,8 — tháng 12/2017.", []string{"ty", "le", "ho", "64", "8", "thang", "12", "2017"}},
		{"Huyện Yên Mô, Tỉnh Ninh Bình", []string{"huyen", "yen", "mo", "tinh", "ninh", "binh"}},
		{"—…!", nil},
	} {
		if got := search.Words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// scriptPart returns the part of search.js between its fold markers.
func scriptPart(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "theme", "static", "js", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	begin, end := strings.Index(s, "// fold:begin"), strings.Index(s, "// fold:end")
	if begin < 0 || end < begin {
		t.Fatal("search.js has no // fold:begin … // fold:end part")
	}
	return s[begin:end]
}

func assigned(r rune) bool { return !unicode.Is(unicode.Categories["Cn"], r) }

// TestFoldAgreesWithScript runs search.js's fold in Node on every
// character of the Basic Multilingual Plane that Go knows and on Vietnamese text, and
// compares it with Fold and Words: a query is folded in the browser, the
// index in Go.
func TestFoldAgreesWithScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no node to run search.js with: CI must install Node.js (.ci/run does, for axe-core)")
		}
		t.Skip("no node to run search.js with")
	}
	var chars []string
	for r := rune(0x20); r < 0x10000; r++ {
		// Characters that Go's Unicode tables do not assign yet may be
		// marks in the browser's newer ones: only assigned ones compare.
		if utf8.ValidRune(r) && assigned(r) {
			chars = append(chars, string(r))
		}
	}
	texts := []string{"Xã Khánh Hội, Huyện Yên Khánh", "ĐƯỜNG Hà Nội – 12/2017", "Kha\u0301nh Ho\u0302\u0323i", "Ω ΣΟΦΟΣ İı ǅ ﬁ"}
	in, _ := json.Marshal(map[string][]string{"chars": chars, "texts": texts})
	prog := scriptPart(t) + `
var input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify({
  chars: input.chars.map(fold),
  words: input.texts.map(words)
}));
`
	cmd := exec.Command(node, "-e", prog)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got struct {
		Chars []string
		Words [][]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Chars) != len(chars) {
		t.Fatalf("node folded %d characters, want %d", len(got.Chars), len(chars))
	}
	bad := 0
	for i, c := range chars {
		if want := search.Fold(c); got.Chars[i] != want {
			if bad++; bad <= 20 {
				t.Errorf("U+%04X %q: search.js folds to %q, Go to %q", []rune(c)[0], c, got.Chars[i], want)
			}
		}
	}
	if bad > 20 {
		t.Errorf("and %d more characters", bad-20)
	}
	for i, s := range texts {
		if want := search.Words(s); !slices.Equal(got.Words[i], want) && !(len(want) == 0 && got.Words[i] == nil) {
			t.Errorf("words(%q): search.js %q, Go %q", s, got.Words[i], want)
		}
	}
}
