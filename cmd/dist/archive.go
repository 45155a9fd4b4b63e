package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// modTime is the modification time of every entry of every archive: a
// fixed one, so that the archives do not depend on when they were built or
// when the files were checked out. (Zip cannot store times before 1980.)
var modTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// The modes of the entries, whatever they are on disk.
const (
	fileMode = 0o644
	execMode = 0o755 // the binary
	dirMode  = fs.ModeDir | 0o755
)

// An entry is a file of an archive.
type entry struct {
	name string // slash-separated, within the archive's top folder
	mode fs.FileMode
	data []byte
}

// withFolders returns entries under the folder top, with an entry for
// every folder, sorted by name.
func withFolders(top string, entries []entry) []entry {
	all := []entry{{name: top + "/", mode: dirMode}}
	seen := map[string]bool{}
	for _, e := range entries {
		parts := strings.Split(e.name, "/")
		for i := 1; i < len(parts); i++ {
			dir := strings.Join(parts[:i], "/") + "/"
			if !seen[dir] {
				seen[dir] = true
				all = append(all, entry{name: top + "/" + dir, mode: dirMode})
			}
		}
		e.name = top + "/" + e.name
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return all
}

// zipArchive writes entries, in their order, as a zip file.
func zipArchive(entries []entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: modTime}
		if e.mode.IsDir() {
			h.Method = zip.Store
		}
		h.SetMode(e.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tarGzArchive writes entries, in their order, as a gzipped tar file; the
// gzip header holds no name and no time.
func tarGzArchive(entries []entry) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{
			Name:    e.name,
			Mode:    int64(e.mode.Perm()),
			Size:    int64(len(e.data)),
			ModTime: modTime,
			Format:  tar.FormatPAX, // names may be Vietnamese
		}
		h.Typeflag = tar.TypeReg
		if e.mode.IsDir() {
			h.Typeflag = tar.TypeDir
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
