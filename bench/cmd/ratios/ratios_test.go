package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.md from the current output")

// TestGolden renders captured go test -bench output (testdata/*.txt) and
// compares it with the expected tables (testdata/*.md).
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			f, err := os.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rep, err := parse(f)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			var got strings.Builder
			rep.render(&got, "lifekit")

			golden := strings.TrimSuffix(in, ".txt") + ".md"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("render(%s) differs from %s (run with -update to accept):\n%s", in, golden, got.String())
			}
		})
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		name                    string
		wantScen, wantImpl, cpu string
	}{
		{"BenchmarkWrap/impl=lifekit-2", "BenchmarkWrap", "lifekit", "2"},
		{"BenchmarkWrap/impl=pkg/errors-2", "BenchmarkWrap", "pkg/errors", "2"},
		{"BenchmarkWrap/impl=pkg/errors", "BenchmarkWrap", "pkg/errors", ""},
		{"BenchmarkX/n=1000/impl=fx-2", "BenchmarkX/n=1000", "fx", "2"},
		{"BenchmarkX/n=1000/impl=facebookgo/inject+startstop-16", "BenchmarkX/n=1000", "facebookgo/inject+startstop", "16"},
		{"BenchmarkX/impl=pkg/errors/depth=15-2", "BenchmarkX/depth=15", "pkg/errors", "2"},
		{"BenchmarkFingerprint/err=stack/cache=warm/impl=lifekit-2", "BenchmarkFingerprint/err=stack/cache=warm", "lifekit", "2"},
		{"BenchmarkPlain-8", "BenchmarkPlain", "", "8"},
		{"BenchmarkPlain", "BenchmarkPlain", "", ""},
		{"BenchmarkX/impl=muster-unbuffered-2", "BenchmarkX", "muster-unbuffered", "2"},
		{"BenchmarkX/notimpl=a/impl=b", "BenchmarkX/notimpl=a", "b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scen, impl, cpu := splitName(tt.name)
			if scen != tt.wantScen || impl != tt.wantImpl || cpu != tt.cpu {
				t.Errorf("splitName(%q) = %q, %q, %q, want %q, %q, %q",
					tt.name, scen, impl, cpu, tt.wantScen, tt.wantImpl, tt.cpu)
			}
		})
	}
}

func TestParseResult(t *testing.T) {
	tests := []struct {
		line   string
		ok     bool
		metric string
		want   float64
	}{
		{"BenchmarkWrap/impl=floor-2    \t  311456\t       838.8 ns/op\t     256 B/op\t       1 allocs/op", true, "ns/op", 838.8},
		{"BenchmarkA/impl=lifekit-2  22195  14407 ns/op  8.000 goroutines  69413 records/s  4277 B/op  73 allocs/op", true, "records/s", 69413},
		{"BenchmarkX/impl=y-2  100  1.5e+06 ns/op", true, "ns/op", 1.5e6},
		{"BenchmarkWrap/impl=floor-2", false, "", 0},               // name printed before a log line
		{"BenchmarkWrap/impl=floor-2  abc  1 ns/op", false, "", 0}, // no iteration count
		{"BenchmarkWrap/impl=floor-2  10  1 ns/op  2", false, "", 0},
		{"    errs_test.go:42: some log", false, "", 0},
		{"PASS", false, "", 0},
		{"ok  \tgithub.com/lifekit/lifekit/bench\t11.468s", false, "", 0},
	}
	for _, tt := range tests {
		_, _, m, ok := parseResult(tt.line)
		if ok != tt.ok {
			t.Errorf("parseResult(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if ok && m[tt.metric] != tt.want {
			t.Errorf("parseResult(%q)[%s] = %v, want %v", tt.line, tt.metric, m[tt.metric], tt.want)
		}
	}
}

func TestMedian(t *testing.T) {
	runs := func(vs ...float64) []map[string]float64 {
		var rs []map[string]float64
		for _, v := range vs {
			rs = append(rs, map[string]float64{"ns/op": v})
		}
		return rs
	}
	tests := []struct {
		name string
		runs []map[string]float64
		want float64
		ok   bool
	}{
		{"none", nil, 0, false},
		{"one", runs(7), 7, true},
		{"odd unsorted", runs(9, 1, 5, 100, 3), 5, true},
		{"even", runs(4, 1, 3, 2), 2.5, true},
		{"unit missing in some runs", append(runs(10, 30), map[string]float64{"B/op": 1}), 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := median(tt.runs, "ns/op")
			if got != tt.want || ok != tt.ok {
				t.Errorf("median(%v) = %v, %v, want %v, %v", tt.runs, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{8, "8"},
		{2.16, "2.16"},
		{13.75, "13.8"},
		{838.8, "839"},
		{69413, "69413"},
		{1.5e6, "1.50M"},
		{2.25e9, "2.25G"},
		{726e6, "726M"},
		{48e6, "48.0M"},
		{0.25, "0.250"},
		{0.0042, "0.0042"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v); got != tt.want {
			t.Errorf("formatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestRatio checks the ratio column on a small input: lifekit ns/op over
// the row's ns/op, medians first, and a dash where there is no lifekit.
func TestRatio(t *testing.T) {
	in := `goos: linux
pkg: example.com/bench
BenchmarkS/impl=lifekit-2  10  100 ns/op  0 B/op  0 allocs/op
BenchmarkS/impl=peer/x-2   10  400 ns/op  8 B/op  1 allocs/op
BenchmarkS/impl=lifekit-2  10  300 ns/op  0 B/op  0 allocs/op
BenchmarkS/impl=peer/x-2   10  400 ns/op  8 B/op  1 allocs/op
BenchmarkS/impl=lifekit-2  10  200 ns/op  0 B/op  0 allocs/op
BenchmarkS/impl=peer/x-2   10  800 ns/op  8 B/op  1 allocs/op
BenchmarkT/n=5/impl=other-2  10  50 ns/op  1.5e+06 items/s
PASS
`
	rep, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.render(&out, "lifekit")
	for _, want := range []string{
		"| lifekit | 200 | 0 | 0 | 1.00 | 3 |",
		"| peer/x | 400 | 8 | 1 | 0.50 | 3 |",
		"### BenchmarkT/n=5",
		"| impl | ns/op | B/op | allocs/op | ratio | items/s | runs |",
		"| other | 50 | — | — | — | 1.50M | 1 |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("render() has no line %q:\n%s", want, out.String())
		}
	}
}
