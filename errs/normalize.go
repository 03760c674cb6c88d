package errs

import "strings"

// normalize splits a function name as runtime.Frame reports it into its
// package path and a grouping key that survives the changes a fingerprint must
// not see: where the code sits in its file, the Go version and the inlining
// decisions of the build.
//
// The key is "pkg.Func" or "pkg.Recv.Method" for ordinary functions: generic
// brackets are dropped ("Map[...]" is "Map") and pointer receivers lose their
// star ("(*T).M" is "T.M"), so the receiver kind and type arguments do not
// split a group.
//
// Closures are the hard case. Their names carry a number that depends on how
// many closures precede them, and when the compiler inlines the enclosing
// function it renames the copy after the host it was inlined into, host
// package included: sub.Outer.func1 inlined into main.main is reported as
// "main.main.Outer.func1". Only the name of the enclosing function survives
// both, so a closure's key is "Outer.func", with no package. The frames around
// a closure (its caller is usually the function that defines it) keep the
// group specific, and the caller of normalize adds the base name of the
// closure's source file, which inlining does not change ("sub.go:Outer.func").
// Sibling closures of one function share a key: their numbers are all that
// tells them apart, and inlining renumbers them.
func normalize(function string) (pkg, key string, closure bool) {
	pkg, rest := splitPackage(function)
	if rest == "" {
		return pkg, pkg, false
	}
	parts := splitTop(rest)
	for i, p := range parts {
		p = dropBrackets(p)
		p = strings.TrimSuffix(p, "-fm") // method value wrapper
		if j := strings.Index(p, "-range"); j >= 0 && allDigits(p[j+len("-range"):], true) {
			// Range-over-func loop bodies: F-range1, F-range1-range2.
			p = p[:j]
			closure = true
			parts[i] = p
			parts = parts[:i+1]
			break
		}
		parts[i] = p
	}
	for len(parts) > 0 && isClosureMarker(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
		closure = true
	}
	if closure {
		last := ""
		if len(parts) > 0 {
			last = unstar(parts[len(parts)-1])
		}
		return pkg, last + ".func", true
	}
	for i, p := range parts {
		parts[i] = unstar(p)
	}
	return pkg, pkg + "." + strings.Join(parts, "."), false
}

// splitPackage splits "example.com/a/b.(*T).M" into "example.com/a/b" and
// "(*T).M". The linker escapes dots in the last element of an import path
// ("gopkg.in/yaml%2ev3.Unmarshal"), so the first dot after the last slash
// ends the package path.
func splitPackage(function string) (pkg, rest string) {
	slash := strings.LastIndexByte(function, '/')
	if b := strings.IndexByte(function, '['); b >= 0 && b < slash {
		// A slash inside type arguments; only the part before them counts.
		slash = strings.LastIndexByte(function[:b], '/')
	}
	dot := strings.IndexByte(function[slash+1:], '.')
	if dot < 0 {
		return function, ""
	}
	dot += slash + 1
	return function[:dot], function[dot+1:]
}

// splitTop splits s at the dots that are outside brackets and parentheses.
func splitTop(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case '.':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// dropBrackets removes every bracketed part of s: "Map[...]" becomes "Map".
func dropBrackets(s string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unstar turns a pointer receiver "(*T)" into "T".
func unstar(s string) string {
	if strings.HasPrefix(s, "(*") && strings.HasSuffix(s, ")") {
		return s[2 : len(s)-1]
	}
	return s
}

// isClosureMarker reports the name elements the compiler gives function
// literals and the wrappers of go and defer statements: func1, 2 (a closure in
// a closure), gowrap1, deferwrap1, and the empty element of package-level
// closures ("glob..func1").
func isClosureMarker(p string) bool {
	for _, prefix := range [...]string{"func", "gowrap", "deferwrap"} {
		if strings.HasPrefix(p, prefix) && allDigits(p[len(prefix):], false) {
			return true
		}
	}
	return p == "" || allDigits(p, false)
}

// allDigits reports whether s is a non-empty run of decimal digits, or, with
// ranges set, such runs joined by "-range" (the tail of "F-range1-range2").
func allDigits(s string, ranges bool) bool {
	if ranges {
		for _, part := range strings.Split(s, "-range") {
			if !allDigits(part, false) {
				return false
			}
		}
		return true
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stdRoots holds the first path element of every standard-library package,
// as `go list std` printed it for Go 1.26 (a test keeps it current). A path
// whose first element has no dot and is not listed here, such as "main" or a
// module named "myservice", belongs to the application.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true,
	"compress": true, "container": true, "context": true, "crypto": true,
	"database": true, "debug": true, "embed": true, "encoding": true,
	"errors": true, "expvar": true, "flag": true, "fmt": true, "go": true,
	"hash": true, "html": true, "image": true, "index": true, "internal": true,
	"io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "plugin": true,
	"reflect": true, "regexp": true, "runtime": true, "slices": true,
	"sort": true, "strconv": true, "strings": true, "structs": true,
	"sync": true, "syscall": true, "testing": true, "text": true, "time": true,
	"unicode": true, "unique": true, "unsafe": true, "vendor": true, "weak": true,
}

// isStd reports whether a package path belongs to the Go distribution.
func isStd(pkg string) bool {
	root, _, _ := strings.Cut(pkg, "/")
	if strings.IndexByte(root, '.') >= 0 {
		return false
	}
	return stdRoots[root]
}
