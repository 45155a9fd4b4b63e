// Package opendata makes the site's data sets for download: the tables
// (Tables: the targets' figures, the records, the lists, the units, who
// reported on time, the vintages of a ledger), each written as CSV, for
// spreadsheets (UTF-8 with a byte-order mark, CRLF, no cell a spreadsheet
// would run as a formula), and as JSON, typed (numbers and booleans as
// such, an empty cell as null), and the zip of them all, the same bytes
// from one build to the next.
//
// It is part of the render stage (load → model → compute → render →
// write): package render puts the files it makes into the output.
package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
)

// Kind is the kind of a column's cells, which decides how they are written.
type Kind int

const (
	// Text cells are strings. In CSV they are cleaned (see csvText); in
	// JSON they are strings as entered.
	Text Kind = iota
	// Number cells are float64 or int, written as numbers in both: a
	// negative number stays a number.
	Number
	// Bool cells are bool: true or false in CSV, JSON booleans.
	Bool
)

// Column is one column of a table.
type Column struct {
	Name string
	Kind Kind
}

// TextColumns returns text columns of the given names.
func TextColumns(names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = Column{n, Text}
	}
	return out
}

// Table is a data set: rows of cells of their column's kind (nil for an
// empty cell).
type Table struct {
	Name    string // of its files, without the extension
	Title   string
	Columns []Column
	Rows    [][]any
}

// CSV writes the table as CSV, a heading row first.
func (t *Table) CSV() []byte {
	var csvBuf bytes.Buffer
	csvBuf.WriteString("\ufeff") // so spreadsheet programs read UTF-8
	w := csv.NewWriter(&csvBuf)
	w.UseCRLF = true
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = csvText(c.Name)
	}
	_ = w.Write(head)
	for n, row := range t.Rows {
		if n == sampleRows {
			w.Flush()
			growFor(&csvBuf, n, len(t.Rows))
		}
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = csvCell(t.Columns[i].Kind, c)
		}
		_ = w.Write(cells)
	}
	w.Flush()
	return csvBuf.Bytes()
}

// JSON writes the table as {"title", "columns", "rows"}, a row an object.
// The objects are written by hand, keys in column order: faster than maps,
// whose keys the encoder sorts, and in the order of the CSV.
func (t *Table) JSON() []byte {
	var jsonBuf bytes.Buffer
	names := make([]string, len(t.Columns))
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
		keys[i] = jsonValue(c.Name)
	}
	jsonBuf.WriteString("{\n  \"title\": ")
	jsonBuf.Write(jsonValue(t.Title))
	jsonBuf.WriteString(",\n  \"columns\": ")
	jsonBuf.Write(jsonValue(names))
	jsonBuf.WriteString(",\n  \"rows\": [")
	var cell []byte
	for n, row := range t.Rows {
		if n == sampleRows {
			growFor(&jsonBuf, n, len(t.Rows))
		}
		if n > 0 {
			jsonBuf.WriteByte(',')
		}
		jsonBuf.WriteString("\n    {")
		for i, c := range row {
			if i > 0 {
				jsonBuf.WriteString(", ")
			}
			jsonBuf.Write(keys[i])
			jsonBuf.WriteString(": ")
			cell = appendJSONCell(cell[:0], c)
			jsonBuf.Write(cell)
		}
		jsonBuf.WriteByte('}')
	}
	if len(t.Rows) > 0 {
		jsonBuf.WriteString("\n  ")
	}
	jsonBuf.WriteString("]\n}\n")
	return jsonBuf.Bytes()
}

// sampleRows is how many rows of a table are written before its buffer
// is grown for the rest (growFor).
const sampleRows = 64

// growFor grows b, which holds n rows of a table of total rows (and its
// head), to hold the rest at the size of those rows, with a tenth to
// spare: one allocation where doubling would take a dozen for a national
// table of megabytes.
func growFor(b *bytes.Buffer, n, total int) {
	b.Grow(b.Len() / n * (total - n) * 11 / 10)
}

// jsonValue encodes a value; text is not HTML-escaped (a download, not part
// of a page).
func jsonValue(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
