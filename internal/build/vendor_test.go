package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// TestVendoredECharts checks that the chart library served by the site is
// the unmodified file recorded in testdata/echarts-vendor.txt, with its
// licence beside it in the stock theme, and that the layouts load that file.
func TestVendoredECharts(t *testing.T) {
	root := sitetest.Root()
	manifest, err := os.ReadFile(filepath.Join(root, "testdata", "echarts-vendor.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n") {
		k, v, _ := strings.Cut(line, " ")
		want[k] = strings.TrimSpace(v)
	}
	if !strings.HasPrefix(want["version"], "5.") {
		t.Errorf("version %q, want echarts 5.x", want["version"])
	}
	stock := theme.FS()
	b, err := fs.ReadFile(stock, want["file"])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != want["sha256"] {
		t.Errorf("%s: sha256 %s, want %s (the file was changed)", want["file"], got, want["sha256"])
	}
	if !bytes.Contains(b, []byte(want["version"])) {
		t.Errorf("%s does not mention version %s", want["file"], want["version"])
	}
	dir := path.Dir(want["file"])
	for _, name := range []string{"LICENSE", "NOTICE"} {
		if _, err := fs.Stat(stock, path.Join(dir, name)); err != nil {
			t.Errorf("missing %s beside the library: %v", name, err)
		}
	}
	base, err := fs.ReadFile(stock, "layouts/_base.html")
	if err != nil {
		t.Fatal(err)
	}
	if rel := strings.TrimPrefix(want["file"], "static/"); !bytes.Contains(base, []byte(rel)) {
		t.Errorf("layouts/_base.html does not load %s", rel)
	}
}
