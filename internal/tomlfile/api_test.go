package tomlfile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoTestOnlyAPI checks that the package exports nothing for tests
// alone: a test of another package goes through the public methods (as
// load's TestUnitsFill does through File.DecodeSimple), so that the API is
// what the tool uses.
func TestNoTestOnlyAPI(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.IsExported() && strings.Contains(fn.Name.Name, "ForTest") {
				t.Errorf("%s: %s is exported for tests only: test through the public path instead", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
	}
}
