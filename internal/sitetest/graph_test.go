package sitetest

import (
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// graphHeading is the README section that draws the packages.
const graphHeading = "### Packages and what flows between them"

// TestReadmePackageGraph checks the table of packages in the README's
// Development section against the source: every package under internal/
// has a row, and its imports column lists exactly the packages of this
// module its non-test files import.
func TestReadmePackageGraph(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	table, err := packageTable(string(readme))
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	actual, err := internalImports(filepath.Join(Root(), "internal"))
	if err != nil {
		t.Fatal(err)
	}
	for name, imports := range actual {
		documented, ok := table[name]
		switch {
		case !ok:
			t.Errorf("README.md: package %s has no row in %q: add | `%s` | %s | … |", name, graphHeading, name, importsCell(imports))
		case !slices.Equal(documented, imports):
			t.Errorf("README.md: package %s imports %s, the table says %s", name, importsCell(imports), importsCell(documented))
		}
	}
	for name := range table {
		if _, ok := actual[name]; !ok {
			t.Errorf("README.md: the table of %q has a row for %s, which is not a package under internal/", graphHeading, name)
		}
	}
}

// packageTable reads the rows | `name` | a, b | … | of the section
// graphHeading: package name → its imports, sorted.
func packageTable(readme string) (map[string][]string, error) {
	_, section, ok := strings.Cut(readme, "\n"+graphHeading+"\n")
	if !ok {
		return nil, fmt.Errorf("no section %q in the Development part", graphHeading)
	}
	if i := strings.Index(section, "\n#"); i >= 0 {
		section = section[:i]
	}
	table := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		var imports []string
		for _, imp := range strings.Split(cells[2], ",") {
			if imp = strings.TrimSpace(imp); imp != "" && imp != "–" {
				imports = append(imports, imp)
			}
		}
		slices.Sort(imports)
		table[name] = imports
	}
	if len(table) == 0 {
		return nil, fmt.Errorf("the section %q has no table of packages", graphHeading)
	}
	return table, nil
}

// internalImports returns, for every package in a folder of dir, the
// packages of this module under internal/ its non-test files import.
func internalImports(dir string) (map[string][]string, error) {
	const prefix = "github.com/minhbach/minhbach/internal/"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		pkg, err := build.ImportDir(filepath.Join(dir, e.Name()), 0)
		if _, ok := err.(*build.NoGoError); ok {
			continue
		}
		if err != nil {
			return nil, err
		}
		var imports []string
		for _, imp := range pkg.Imports {
			if name, ok := strings.CutPrefix(imp, prefix); ok {
				imports = append(imports, name)
			}
		}
		out[e.Name()] = imports // sorted by go/build
	}
	return out, nil
}

func importsCell(imports []string) string {
	if len(imports) == 0 {
		return "–"
	}
	return strings.Join(imports, ", ")
}
