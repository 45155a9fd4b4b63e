// Command gensite writes a synthetic site for measuring minhbach at scale.
//
// Usage:
//
//	go run ./cmd/gensite [-scale province|region|national] [-seed N] DIR
//
// It writes site.toml, content/ and data/ into DIR; the site builds with the
// stock theme. The same seed writes the same files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/minhbach/minhbach/internal/gensite"
)

func main() {
	scale := flag.String("scale", "national", "the size: province, region or national")
	seed := flag.Uint64("seed", 1, "the random seed")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gensite [-scale province|region|national] [-seed N] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	sc, ok := gensite.Scales[*scale]
	if flag.NArg() != 1 || !ok {
		flag.Usage()
		os.Exit(2)
	}
	if err := gensite.Write(flag.Arg(0), sc, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}
