package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestVendoredECharts checks that the chart library served by the site is
// the unmodified file recorded in testdata/echarts-vendor.txt, with its
// licence beside it, and that the layouts load that file.
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
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(want["file"])))
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
	dir := filepath.Dir(filepath.Join(root, filepath.FromSlash(want["file"])))
	for _, name := range []string{"LICENSE", "NOTICE"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s beside the library: %v", name, err)
		}
	}
	base, err := os.ReadFile(filepath.Join(root, "layouts", "_base.html"))
	if err != nil {
		t.Fatal(err)
	}
	if rel := strings.TrimPrefix(want["file"], "static/"); !bytes.Contains(base, []byte(rel)) {
		t.Errorf("layouts/_base.html does not load %s", rel)
	}
}
