package release

import (
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestContentStable pins what a release records of the small test site's
// files: a change to the canonical form or to what counts would make every
// released site's files read as changed. Such a change must name a new
// ledger format (see the package documentation), and update this test.
func TestContentStable(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	// The canonical form, as hashed: only what the figures depend on, keys
	// sorted, targets by id, defaults (max_removed = 0) left out.
	const targets = `{"targets":[` +
		`{"id":"bao-chi";"records":"press";"rule":"monthly";"threshold":1;},` +
		`{"id":"lanh-manh";"list":"lanh-manh";"rule":"membership";"threshold":1;},` +
		`{"id":"mo-hinh";"records":"models";"rule":"count";"threshold":1;},` +
		`{"id":"tuyen-truyen";"level":"commune";"records":"outreach";"rule":"share";"threshold":60;},` +
		`{"denominator":"detected";"id":"vu-viec";"numerator":"handled";"part_of_whole":true;"records":"cases";"rule":"ratio";"threshold":100;},];}`
	if got, err := content("data/targets.toml", fsys["data/targets.toml"].Data); err != nil || got != targets {
		t.Errorf("the canonical content of data/targets.toml:\n got %s\nwant %s", got, targets)
	}
	want := map[string]string{
		"site.toml":                    "146545f30efec2d9d2cee2f0009e60e9d246ddc13befc44cd7a80a9eb3392cdd",
		"data/units.toml":              "3417846b2b785ebed2b301489d47158b5bd5d2b3438f6af96306920d1b6f644e",
		"data/records.toml":            "fc3213e84c4c0f721f27b0835e89f2aebdbe88a95ecc23de64ec8d9cbb77e831",
		"data/targets.toml":            "20fd444efd6446b06bf05e97c4851c6e832030f33b491e9b00a0519f81d27ff9",
		"data/lists/lanh-manh.toml":    "e2f48f82c4818a283173f9c8fbb097481379c059831c24f5f3ddca42e8a946e8",
		"data/rubrics/thang-diem.toml": "973aaccdd38a1f310e4cc64ce87d8651e1596eadb6f88c7d80a5beac9cec0eb9",
		"data/reports/2020-01.toml":    "3bd19482a57a27e0d5ca957408080b87cd84d8853c603c2c9bef8e4074c3841e",
	}
	for p, w := range want {
		got, err := contentHash(p, fsys[p].Data)
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s: content hash %s, want %s", p, got, w)
		}
	}
}
