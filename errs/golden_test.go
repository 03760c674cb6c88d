package errs_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// frameLine matches the file line of a frame in %+v output.
var frameLine = regexp.MustCompile(`(?m)^\t(.*):(\d+)$`)

// normalize makes %+v output independent of where the repository and Go
// live: paths become base names, and lines outside golden_funcs_test.go
// (the testing package's, which move with Go releases) become N.
func normalize(s string) string {
	return frameLine.ReplaceAllStringFunc(s, func(m string) string {
		sub := frameLine.FindStringSubmatch(m)
		base := filepath.Base(sub[1])
		if base == "golden_funcs_test.go" {
			return "\t" + base + ":" + sub[2]
		}
		return "\t" + base + ":N"
	})
}

func TestFormatGolden(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"one stack", goldenLoad()},
		{"crossed goroutines", goldenCrossed()},
		{"joined", goldenJoined()},
	}
	var b strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&b, "== %s\n%s\n", c.name, normalize(fmt.Sprintf("%+v", c.err)))
	}
	got := b.String()
	const path = "testdata/format.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%%+v output differs from %s (run with -update if intended):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
