package errs

import (
	"os/exec"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		function, pkg, key string
	}{
		{"main.main", "main", "main.main"},
		{"example.com/a/b.F", "example.com/a/b", "example.com/a/b.F"},
		{"example.com/a/b.(*T).M", "example.com/a/b", "example.com/a/b.T.M"},
		{"example.com/a/b.T.M", "example.com/a/b", "example.com/a/b.T.M"},
		{"example.com/a/b.Map[...]", "example.com/a/b", "example.com/a/b.Map"},
		{"example.com/a/b.(*Set[...]).Add", "example.com/a/b", "example.com/a/b.Set.Add"},
		{"example.com/a/b.Map[go.shape.int,example.com/x.T]", "example.com/a/b", "example.com/a/b.Map"},
		{"gopkg.in/yaml%2ev3.Unmarshal", "gopkg.in/yaml%2ev3", "gopkg.in/yaml%2ev3.Unmarshal"},
		{"example.com/a/b.(*T).M-fm", "example.com/a/b", "example.com/a/b.T.M"},
		// Closures: known by their enclosing function, without package,
		// whatever their number and wherever they were inlined.
		{"example.com/a/b.F.func1", "example.com/a/b", "F.func"},
		{"example.com/a/b.F.func12.3", "example.com/a/b", "F.func"},
		{"example.com/a/b.F.func1.func2", "example.com/a/b", "F.func"},
		{"main.main.Outer.func1", "main", "Outer.func"},
		{"main.main.(*T).M.func3", "main", "M.func"},
		{"example.com/a/b.(*T).M.func1", "example.com/a/b", "M.func"},
		{"main.main.H[...].func4", "main", "H.func"},
		{"main.H[...].func1", "main", "H.func"},
		{"example.com/a/b.TestX.TestX.func1.func2", "example.com/a/b", "TestX.func"},
		{"main.main.gowrap1", "main", "main.func"},
		{"main.F.deferwrap2", "main", "F.func"},
		{"main.main.RangeFunc-range1", "main", "RangeFunc.func"},
		{"main.RangeFunc-range1-range2", "main", "RangeFunc.func"},
		{"main.F-range1.func1", "main", "F.func"},
		{"example.com/a/b.glob..func1", "example.com/a/b", "glob.func"},
		{"example.com/a/b.init.0", "example.com/a/b", "init.func"},
		{"runtime.goexit", "runtime", "runtime.goexit"},
		{"nodot", "nodot", "nodot"},
		{"", "", ""},
	}
	for _, tt := range tests {
		pkg, key, _ := normalize(tt.function)
		if pkg != tt.pkg || key != tt.key {
			t.Errorf("normalize(%q) = %q, %q; want %q, %q", tt.function, pkg, key, tt.pkg, tt.key)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"main.main", "example.com/a/b.(*T[...]).M.func1.2", "a/b.F-range1.func3",
		"x.y/z.glob..func1", "main.main.H[...].func4", "[/].", "a.(b.[c).d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		pkg, key, _ := normalize(name)
		if !strings.HasPrefix(name, pkg) {
			t.Errorf("normalize(%q) package %q is not a prefix of the name", name, pkg)
		}
		// Renumbering a closure never changes its key, in names as the
		// runtime writes them: brackets and parentheses balanced.
		if strings.HasSuffix(name, ".func1") && balanced(name) {
			renamed := strings.TrimSuffix(name, "1") + "7"
			if _, k, _ := normalize(renamed); k != key {
				t.Errorf("normalize(%q) key %q, normalize(%q) key %q", name, key, renamed, k)
			}
		}
	})
}

func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func TestStdRootsCurrent(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Skipf("go list std: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if !isStd(p) {
			t.Errorf("isStd(%q) = false for a package of `go list std`", p)
		}
	}
	for _, p := range []string{"main", "myservice/api", "example.com/x", "github.com/lifekit/lifekit/errs"} {
		if isStd(p) {
			t.Errorf("isStd(%q) = true, want false", p)
		}
	}
}

func TestFrameCache(t *testing.T) {
	in := lookupInfo(pcHere())
	if !strings.HasSuffix(in.Function, "errs.pcHere") || in.Line <= 0 || !strings.HasSuffix(in.File, "pc_test.go") {
		t.Errorf("lookupInfo(pc) = %+v, want this file's pcHere", in.Frame)
	}
	if !in.app || in.hidden {
		t.Errorf("lookupInfo(pc) app=%v hidden=%v, want true, false", in.app, in.hidden)
	}
	if lookupInfo(pcHere()) != in {
		t.Error("second Lookup of the same pc did not come from the cache")
	}
}
