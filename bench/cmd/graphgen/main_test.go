package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
)

// generated is the line that marks a file as generated, from "go help generate".
var generated = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

func TestGenerate(t *testing.T) {
	cfg := config{n: 4, pkg: "p", base: "Base", prefix: "C", variable: "Zero"}
	src, err := generate(cfg, "-n 4 -pkg p")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(src), "\n")
	if !generated.MatchString(first) {
		t.Errorf("first line = %q, want a %q line", first, generated)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "gen.go", src, 0)
	if err != nil {
		t.Fatalf("generated source does not parse: %v\n%s", err, src)
	}
	if f.Name.Name != "p" {
		t.Errorf("package %s, want p", f.Name.Name)
	}

	// Each type's fields: the embedded base, then its dependencies.
	got := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			var fields []string
			for _, fl := range ts.Type.(*ast.StructType).Fields.List {
				switch ft := fl.Type.(type) {
				case *ast.Ident:
					fields = append(fields, ft.Name)
				case *ast.StarExpr:
					fields = append(fields, fl.Names[0].Name+" *"+ft.X.(*ast.Ident).Name+" "+fl.Tag.Value)
				}
			}
			got[ts.Name.Name] = strings.Join(fields, "; ")
		}
	}
	want := map[string]string{
		"C0": "Base",
		"C1": "Base; A *C0 `inject:\"\"`",
		"C2": "Base; A *C1 `inject:\"\"`; B *C0 `inject:\"\"`",
		"C3": "Base; A *C2 `inject:\"\"`; B *C1 `inject:\"\"`",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("type %s = {%s}, want {%s}", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d types, want %d", len(got), len(want))
	}
	if !strings.Contains(string(src), "Zero = []any{\n\t\t(*C0)(nil),") {
		t.Errorf("source does not set Zero to the types in order:\n%s", src)
	}
}

func TestDeps(t *testing.T) {
	if a, b := Deps(0); a != -1 || b != -1 {
		t.Errorf("Deps(0) = %d, %d, want -1, -1", a, b)
	}
	if a, b := Deps(1); a != 0 || b != -1 {
		t.Errorf("Deps(1) = %d, %d, want 0, -1", a, b)
	}
	spread := map[int]bool{}
	for i := 2; i < 10000; i++ {
		a, b := Deps(i)
		if a != i-1 || b < 0 || b >= i-1 {
			t.Fatalf("Deps(%d) = %d, %d, want %d and an index below it", i, a, b, i-1)
		}
		spread[b*10/i] = true
	}
	// The second dependency reaches all over the graph, not just nearby.
	if len(spread) < 10 {
		t.Errorf("second dependencies fall in %d of 10 deciles of the earlier types", len(spread))
	}
}

func TestGenerateRejects(t *testing.T) {
	ok := config{n: 3, pkg: "p", base: "Base", prefix: "C", variable: "Zero"}
	tests := []struct {
		name string
		edit func(*config)
		want string
	}{
		{"no types", func(c *config) { c.n = 0 }, "at least one type"},
		{"bad package", func(c *config) { c.pkg = "a-b" }, "not a Go identifier"},
		{"blank package", func(c *config) { c.pkg = "_" }, "not a package name"},
		{"bad base", func(c *config) { c.base = "1x" }, "not a Go identifier"},
		{"bad variable", func(c *config) { c.variable = "" }, "not a Go identifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			_, err := generate(cfg, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("generate(%+v) = %v, want an error containing %q", cfg, err, tt.want)
			}
		})
	}
}
