package errs_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/lifekit/lifekit/errs"
)

func TestFingerprintFormat(t *testing.T) {
	fp := errs.Fingerprint(errs.New("x"))
	if !strings.HasPrefix(fp, "v2:") || len(fp) != len("v2:")+16 {
		t.Errorf("Fingerprint = %q, want v2: and 16 hex digits", fp)
	}
	if got := errs.Fingerprint(nil); got != "" {
		t.Errorf("Fingerprint(nil) = %q, want empty", got)
	}
}

//go:noinline
func originA(msg string) error { return errs.New(msg) }

//go:noinline
func originB(msg string) error { return errs.New(msg) }

//go:noinline
func callsA(msg string) error { return errs.Wrap(originA(msg)) }

//go:noinline
func recurseTo(n int) error {
	if n == 0 {
		return errs.New("bottom")
	}
	return recurseTo(n - 1)
}

func TestFingerprintGroupsByOrigin(t *testing.T) {
	same := func(t *testing.T, a, b error) {
		t.Helper()
		if fa, fb := errs.Fingerprint(a), errs.Fingerprint(b); fa != fb {
			t.Errorf("Fingerprint(%v) = %s, Fingerprint(%v) = %s, want equal", a, fa, b, fb)
		}
	}
	differ := func(t *testing.T, a, b error) {
		t.Helper()
		if fa, fb := errs.Fingerprint(a), errs.Fingerprint(b); fa == fb {
			t.Errorf("Fingerprint(%v) = Fingerprint(%v) = %s, want different", a, b, fa)
		}
	}
	// Made here, not in the subtests: the test's own frames count.
	base := callsA("user 1 missing")
	otherValue := callsA("user 4711 missing")
	otherText := callsA("a different message")
	crossed := make(chan error, 1) // buffered: a filtered run may not receive
	go func() { crossed <- base }()

	t.Run("values in the text do not count", func(t *testing.T) { same(t, base, otherValue) })
	t.Run("another text is another group", func(t *testing.T) { differ(t, base, otherText) })
	t.Run("Errorf wrapper layer", func(t *testing.T) { same(t, base, errs.Errorf("handle: %w", base)) })
	t.Run("fmt wrapper layer", func(t *testing.T) { same(t, base, fmt.Errorf("handle: %w", base)) })
	t.Run("Wrap in another goroutine", func(t *testing.T) { same(t, base, errs.Wrap(<-crossed)) })
	t.Run("Join with it first", func(t *testing.T) { same(t, base, errors.Join(base, io.EOF)) })
	t.Run("recursion depth", func(t *testing.T) { same(t, recurseTo(2), recurseTo(9)) })
	t.Run("different origin function", func(t *testing.T) { differ(t, originA("x"), originB("x")) })
	t.Run("different caller", func(t *testing.T) { differ(t, originA("x"), callsA("x")) })
}

// twoSites fails in one of two ways, each with an id that varies.
//
//go:noinline
func twoSites(suspended bool, user string) error {
	if suspended {
		return errs.Errorf("user %q: suspended", user)
	}
	return errs.Errorf("user %q: not found", user)
}

// wrapSentinel wraps one of two sentinels, or an error holding a path.
//
//go:noinline
func wrapSentinel(which int, path string) error {
	switch which {
	case 0:
		return errs.Wrap(io.EOF)
	case 1:
		return errs.Wrap(io.ErrUnexpectedEOF)
	}
	return errs.Wrap(&fs.PathError{Op: "open", Path: path, Err: syscall.ENOENT})
}

// TestFingerprintSitesInOneFunction checks version 2's rule: error sites in
// one function are told apart by their template and wrapped error, and one
// site reached with other values is one group.
func TestFingerprintSitesInOneFunction(t *testing.T) {
	tests := []struct {
		name  string
		a, b  error
		equal bool
	}{
		{"two Errorf formats", twoSites(false, "ann"), twoSites(true, "ann"), false},
		{"one Errorf, other names", twoSites(false, "ann"), twoSites(false, "bob"), true},
		{"two wrapped sentinels", wrapSentinel(0, ""), wrapSentinel(1, ""), false},
		{"one wrapped error, other paths", wrapSentinel(2, "/etc/a.conf"), wrapSentinel(2, "/srv/b.conf"), true},
		{"wrapped sentinel or path", wrapSentinel(0, ""), wrapSentinel(2, "/etc/a.conf"), false},
		{"New, other numbers", originA("retry 3 of 5 failed"), originA("retry 1 of 2 failed"), true},
		{"New, other texts", originA("disk full"), originA("quota exceeded"), false},
		{"outer layers do not count", twoSites(false, "ann"), fmt.Errorf("handler %d: %w", 7, errs.Errorf("serve: %w", twoSites(false, "bob"))), true},
	}
	for _, tt := range tests {
		fa, fb := errs.Fingerprint(tt.a), errs.Fingerprint(tt.b)
		if (fa == fb) != tt.equal {
			t.Errorf("%s: Fingerprint(%q) = %s, Fingerprint(%q) = %s; want equal: %v", tt.name, tt.a, fa, tt.b, fb, tt.equal)
		}
	}
}

func TestFingerprintWithoutStack(t *testing.T) {
	same := [][2]error{
		{fmt.Errorf("user %d not found", 12), fmt.Errorf("user %d not found", 9931)},
		{errors.New("dial 10.0.0.1:5432: refused"), errors.New("dial 10.0.3.7:6543: refused")},
		{errors.New("object 3f2a9c0b1d not found"), errors.New("object 77aa00ff12 not found")},
		{errors.New("addr 0x1f"), errors.New("addr 0xdeadbeef")},
		{errors.New("request 123e4567-e89b-12d3-a456-426614174000 failed"), errors.New("request 00000000-0000-0000-0000-000000000000 failed")},
		{fmt.Errorf("open %q: denied", "a.txt"), fmt.Errorf("open %q: denied", "/etc/x y")},
		{fmt.Errorf("read: %w", io.EOF), fmt.Errorf("read: %w", io.EOF)},
	}
	for _, p := range same {
		if a, b := errs.Fingerprint(p[0]), errs.Fingerprint(p[1]); a != b {
			t.Errorf("Fingerprint(%q) = %s, Fingerprint(%q) = %s, want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]error{
		{errors.New("user not found"), errors.New("order not found")},
		{errors.New("EOF"), io.EOF},                                   // same text, same type: equal…
		{&codeError{1}, errors.New("code 1")},                         // same text, other type
		{fmt.Errorf("a: %w", &codeError{1}), errors.New("a: code 1")}, // innermost types differ
	}
	for i, p := range differ {
		a, b := errs.Fingerprint(p[0]), errs.Fingerprint(p[1])
		if i == 1 {
			if a != b {
				t.Errorf("Fingerprint(errors.New(EOF)) != Fingerprint(io.EOF): same type and text must group")
			}
			continue
		}
		if a == b {
			t.Errorf("Fingerprint(%q) = Fingerprint(%q) = %s, want different", p[0], p[1], a)
		}
	}
}

// olderGo is the toolchain TestFingerprintStableAcrossBuilds builds with
// besides the one running the test: the oldest Go that go.mod allows.
const olderGo = "go1.25.5"

// TestFingerprintStableAcrossBuilds builds a program six ways: with inlining
// on and off, from its source and from a copy with lines added above the
// origins and a function moved, and with an older Go (olderGo, fetched
// through the module proxy), and checks that every build prints the same
// fingerprints, and that different origins differ.
func TestFingerprintStableAcrossBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program six times; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile("testdata/fpprog/main.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := os.ReadFile("testdata/fpprog/sub/sub.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	sub2, err := os.ReadFile("testdata/fpprog/sub2/sub2.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	edited := string(main)
	edited = strings.Replace(edited, "//PAD", strings.Repeat("// Added lines move every origin down.\n", 9)+"var _ = 1\n", 1)
	const moved = "func handler(s *Store) error { return errs.Wrap(s.Get(7)) }\n"
	if !strings.Contains(edited, moved) {
		t.Fatal("testdata program lacks the function the test moves")
	}
	edited = strings.Replace(edited, moved, "", 1)
	edited = strings.Replace(edited, "//MOVE", moved, 1)

	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	builds := []struct {
		name, source, gcflags, toolchain string
	}{
		{"default", string(main), "", ""},
		{"no inlining", string(main), "-gcflags=all=-l", ""},
		{"edited source", edited, "", ""},
		{"edited source, no inlining", edited, "-gcflags=all=-l", ""},
		{olderGo, string(main), "", olderGo},
		{olderGo + ", edited source, no inlining", edited, "-gcflags=all=-l", olderGo},
	}
	// Fetch the older toolchain first, with the module proxy the builds
	// themselves do without. Where it cannot be fetched, its builds are
	// skipped and the test says so; CI fetches it.
	fetch := exec.Command(goTool, "version")
	fetch.Env = append(os.Environ(), "GOTOOLCHAIN="+olderGo, "GOFLAGS=", "GOWORK=off")
	fetched, fetchErr := fetch.CombinedOutput()
	if fetchErr == nil && !strings.Contains(string(fetched), olderGo+" ") {
		fetchErr = fmt.Errorf("go version printed %q", fetched)
	}
	var first string
	for _, b := range builds {
		t.Run(b.name, func(t *testing.T) {
			if b.toolchain != "" && fetchErr != nil {
				t.Skipf("cannot fetch %s through the module proxy: %v\n%s", olderGo, fetchErr, fetched)
			}
			got := buildAndRun(t, goTool, root, b.toolchain, b.gcflags, map[string]string{
				"go.sum":       string(gosum),
				"main.go":      b.source,
				"sub/sub.go":   string(sub),
				"sub2/sub2.go": string(sub2),
			})
			if first == "" {
				first = got
				checkDistinct(t, got)
				return
			}
			if got != first {
				t.Errorf("build %q prints other fingerprints:\n%s\nwant (default build):\n%s", b.name, got, first)
			}
		})
		if first == "" {
			t.Fatal("the default build failed")
		}
	}
}

// buildAndRun writes files and a go.mod requiring lifekit from root into a
// new directory, builds the program there with the given toolchain ("" for
// the test's own) and gcflags, runs it and returns its output.
func buildAndRun(t *testing.T, goTool, root, toolchain, gcflags string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/fpprog\n\ngo 1.25\n\nrequire github.com/lifekit/lifekit v0.0.0\n\n" +
		"replace github.com/lifekit/lifekit => " + filepath.ToSlash(root) + "\n"
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"build", "-mod=mod", "-o", filepath.Join(dir, "fpprog")}
	if gcflags != "" {
		args = append(args, gcflags)
	}
	cmd := exec.Command(goTool, append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=", "GOWORK=off")
	if toolchain != "" {
		cmd.Env = append(cmd.Env, "GOTOOLCHAIN="+toolchain)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var stderr strings.Builder
	run := exec.Command(filepath.Join(dir, "fpprog"))
	run.Stderr = &stderr
	out, err := run.Output()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if version := strings.TrimSpace(stderr.String()); toolchain != "" && version != toolchain {
		t.Fatalf("built by %s, want %s", version, toolchain)
	}
	return string(out)
}

// checkDistinct checks the program's output: recursion depth and the type
// argument must not matter, every other origin must differ.
func checkDistinct(t *testing.T, out string) {
	t.Helper()
	fp := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		name, value, ok := strings.Cut(line, " ")
		if !ok || !strings.HasPrefix(value, "v2:") {
			t.Fatalf("unexpected output line %q", line)
		}
		fp[name] = value
	}
	if fp["recurse3"] != fp["recurse6"] {
		t.Errorf("recursion depth changed the fingerprint: %s vs %s", fp["recurse3"], fp["recurse6"])
	}
	if fp["generic-closure"] != fp["generic-closure-string"] {
		t.Errorf("type argument changed the fingerprint: %s vs %s", fp["generic-closure"], fp["generic-closure-string"])
	}
	if fp["lookup-missing-1"] != fp["lookup-missing-2"] {
		t.Errorf("the id in the message changed the fingerprint: %s vs %s", fp["lookup-missing-1"], fp["lookup-missing-2"])
	}
	distinct := []string{"method", "generic-closure", "recurse3", "sub-closure", "sub-method",
		"sub2-closure", "sub-spawn", "sub2-spawn", "lookup-missing-1", "lookup-suspended"}
	seen := map[string]string{}
	for _, name := range distinct {
		if other, dup := seen[fp[name]]; dup {
			t.Errorf("origins %s and %s share fingerprint %s", other, name, fp[name])
		}
		seen[fp[name]] = name
	}
	if fp["goroutine"] == fp["method"] {
		// The goroutine's origin stack ends in a closure of viaGoroutine,
		// not in main: a different chain of functions.
		t.Errorf("goroutine origin shares the fingerprint of the direct call")
	}
}
