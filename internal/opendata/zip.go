package opendata

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"time"
)

// Entry is a file of the zip of every download.
type Entry struct {
	Name string // its path inside the archive
	Data []byte
}

// Zip bundles entries in one archive. They carry the date mod (the
// data's, not the build's: zero for 1980-01-01), so that the archive is
// byte-identical between builds of the same input.
func Zip(entries []Entry, mod time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// The fastest level: the archive is a convenience, and at national scale
	// the default level costs as much as rendering a thousand pages. One
	// compressor serves every entry in turn: making one costs a megabyte.
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(w, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(w)
		return fw, nil
	})
	if mod.IsZero() {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var first error
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: mod})
		if err == nil {
			_, err = w.Write(e.Data)
		}
		if err != nil && first == nil {
			first = err
		}
	}
	_ = zw.Close()
	return buf.Bytes(), first
}
