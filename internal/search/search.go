// Package search builds the static search index of a site: the files that
// search.js (the theme's static/js/search.js) fetches to answer a query in
// the reader's browser, with no server and no third party.
//
// It runs beside render, in the fourth stage of the pipeline (load → model
// → compute → render → write): [Collect] turns the model into documents,
// [Build] turns documents into files, which the caller puts with the other
// outputs under the search page's folder.
//
// # Documents
//
// A document is what one result points to: a target, a unit, a record, or a
// section of a content page (its text up to the next heading, so that a
// result links to page#heading). Its title, section and text are indexed
// folded ([Fold]: "Khánh Hội" is found by "khanh hoi", đ by d), word by word;
// a Vietnamese word is a syllable.
//
// # Files
//
// The index is split as Pagefind splits its own, so that a query fetches a
// small part of it:
//
//	index.json     the manifest: the chunks of terms and of documents
//	t/HASH.json    a chunk of the term index: terms → postings
//	f/HASH.json    a chunk of documents: url, title, section, text
//
// The manifest is
//
//	{"v":1,"docs":N,"terms":[["FIRST","t/HASH.json"],…],"frags":[[FIRSTID,"f/HASH.json"],…]}
//
// Chunk i of "terms" holds the terms from its FIRST (included) to the next
// chunk's FIRST (excluded), in byte order; chunk i of "frags" holds the
// documents from FIRSTID to the next one's. A term chunk is an object
// {"TERM":[P,…],…}: each P is 2×(the document's id minus the previous
// posting's id, or plus one for the first) plus 1 if the term is in the
// document's title. Terms are a document's words and, for its title, each
// pair of adjacent words joined by a space ("khanh hoi"): they rank the
// titles that hold the query's words in the order typed. A document chunk
// is an array [{"u":URL,"t":TITLE,"s":SECTION,"k":KIND,"x":TEXT},…], URLs
// relative to the site root. Files are named after a hash of their content,
// so a browser never mixes chunks of two builds, and the same documents
// always give the same bytes.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
)

// Doc is one document of the index.
type Doc struct {
	URL     string // relative to the site root, with #id for a section
	Title   string // the page's title, or the unit's or record's name
	Section string // where in the page or the site: a heading, a unit's parents
	Kind    string // what it is, for search.js to label: "page", "target", "unit", "record"
	Text    string // the text to search and to draw a snippet from
}

// Sizes of the chunks, before compression. A query fetches the manifest,
// one or two term chunks per word, and the document chunks of the results
// shown: smaller chunks fetch less, more chunks make a bigger manifest.
const (
	termChunkSize = 24 << 10
	fragChunkSize = 8 << 10
)

// Manifest is the name of the manifest in the index's folder.
const Manifest = "index.json"

// Build returns the files of the index of docs, by name relative to the
// index's folder. Document ids are positions in docs: put first what should
// come first among equal results.
func Build(docs []Doc) map[string][]byte {
	files := map[string][]byte{}
	postings := map[string][]int{} // term → encoded postings, ids ascending
	last := map[string]int{}       // term → the id of its last posting
	var words []string
	seen := map[string]bool{}
	for id, d := range docs {
		clear(seen)
		add := func(term string, title bool) {
			if seen[term] {
				return
			}
			seen[term] = true
			prev, ok := last[term]
			if !ok {
				prev = -1
			}
			p := 2 * (id - prev)
			if title {
				p++
			}
			postings[term] = append(postings[term], p)
			last[term] = id
		}
		words = appendWords(words[:0], Fold(d.Title))
		for i, w := range words {
			add(w, true)
			if i > 0 {
				add(words[i-1]+" "+w, true)
			}
		}
		for _, text := range []string{d.Section, d.Text} {
			words = appendWords(words[:0], Fold(text))
			for _, w := range words {
				add(w, false)
			}
		}
	}

	type entry struct{ first, file string }
	var terms []entry
	var chunk bytes.Buffer
	first := ""
	flush := func() {
		if chunk.Len() == 0 {
			return
		}
		chunk.WriteByte('}')
		terms = append(terms, entry{first, put(files, "t/", chunk.Bytes())})
		chunk.Reset()
	}
	for _, term := range sortedKeys(postings) {
		if chunk.Len() >= termChunkSize {
			flush()
		}
		if chunk.Len() == 0 {
			chunk.WriteByte('{')
			first = term
		} else {
			chunk.WriteByte(',')
		}
		writeString(&chunk, term)
		chunk.WriteString(":[")
		for i, p := range postings[term] {
			if i > 0 {
				chunk.WriteByte(',')
			}
			chunk.WriteString(strconv.Itoa(p))
		}
		chunk.WriteByte(']')
	}
	flush()
	if len(terms) > 0 {
		terms[0].first = "" // the first chunk holds whatever sorts before its first term
	}

	type frag struct {
		first int
		file  string
	}
	var frags []frag
	chunk.Reset()
	firstID := 0
	for id, d := range docs {
		if chunk.Len() >= fragChunkSize {
			chunk.WriteByte(']')
			frags = append(frags, frag{firstID, put(files, "f/", chunk.Bytes())})
			chunk.Reset()
		}
		if chunk.Len() == 0 {
			chunk.WriteByte('[')
			firstID = id
		} else {
			chunk.WriteByte(',')
		}
		chunk.WriteString(`{"u":`)
		writeString(&chunk, d.URL)
		chunk.WriteString(`,"t":`)
		writeString(&chunk, d.Title)
		chunk.WriteString(`,"s":`)
		writeString(&chunk, d.Section)
		chunk.WriteString(`,"k":`)
		writeString(&chunk, d.Kind)
		chunk.WriteString(`,"x":`)
		writeString(&chunk, d.Text)
		chunk.WriteByte('}')
	}
	if chunk.Len() > 0 {
		chunk.WriteByte(']')
		frags = append(frags, frag{firstID, put(files, "f/", chunk.Bytes())})
	}

	var m bytes.Buffer
	m.WriteString(`{"v":1,"docs":`)
	m.WriteString(strconv.Itoa(len(docs)))
	m.WriteString(`,"terms":[`)
	for i, e := range terms {
		if i > 0 {
			m.WriteByte(',')
		}
		m.WriteByte('[')
		writeString(&m, e.first)
		m.WriteByte(',')
		writeString(&m, e.file)
		m.WriteByte(']')
	}
	m.WriteString(`],"frags":[`)
	for i, f := range frags {
		if i > 0 {
			m.WriteByte(',')
		}
		m.WriteString("[" + strconv.Itoa(f.first) + ",")
		writeString(&m, f.file)
		m.WriteByte(']')
	}
	m.WriteString("]}\n")
	files[Manifest] = m.Bytes()
	return files
}

// put stores a chunk under dir, named after its content, and returns its
// name.
func put(files map[string][]byte, dir string, b []byte) string {
	sum := sha256.Sum256(b)
	name := dir + hex.EncodeToString(sum[:6]) + ".json"
	files[name] = bytes.Clone(b)
	return name
}

// writeString writes s as a JSON string. Unlike json.Marshal it leaves <, >
// and & alone: the files are data, fetched, never put in a page as HTML.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// prefixEnd returns the first string after every string that starts with
// p, in byte order, or "" if there is none.
func prefixEnd(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}
