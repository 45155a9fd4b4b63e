package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// readmeHeading heads the README section that documents the ledger.
const readmeHeading = "## Releases, corrections and the revisions policy"

// TestReadmeLedger checks that the ledger example of the README decodes
// strictly as a ledger: every key the README shows is one minhbach reads.
func TestReadmeLedger(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n"+readmeHeading+"\n")
	if !ok {
		t.Skip("the README has no section " + readmeHeading + " yet")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, ok := strings.Cut(section, "```toml\n")
	if !ok {
		t.Fatal("the README's section on releases has no TOML example of the ledger")
	}
	block, _, _ = strings.Cut(block, "```")
	l, err := parse(block)
	if err != nil {
		t.Fatalf("the README's ledger example does not decode:\n%v", err)
	}
	if len(l.Entries) != 1 || len(l.Entries[0].Figures) == 0 || len(l.Entries[0].Files) == 0 {
		t.Errorf("the README's ledger example shows no whole entry: %+v", l.Entries)
	}
}
