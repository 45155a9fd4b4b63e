package chart

// go test ./... -update passes -update to every test binary, and sitetest
// defines it. This package has no golden files.
import _ "github.com/minhbach/minhbach/internal/sitetest"
