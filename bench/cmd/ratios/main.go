// Command ratios turns the output of go test -bench into one Markdown table
// per scenario, with every implementation's figures as a ratio to lifekit's.
//
// Usage:
//
//	go test -run '^$' -bench . -benchmem -count 5 . | go run ./cmd/ratios [-ref lifekit]
//
// A scenario is a benchmark name without its impl=<name> element and without
// the -GOMAXPROCS suffix: BenchmarkWrap/impl=pkg/errors-2 is implementation
// "pkg/errors" of scenario BenchmarkWrap, BenchmarkStart/n=1000/impl=fx-2 is
// implementation "fx" of BenchmarkStart/n=1000. An implementation's name may
// contain slashes: it runs up to the next element that holds an '='.
//
// Each figure is the median over the runs of -count. The ratio column is the
// reference implementation's ns/op divided by this one's, so below 1 means
// the reference (lifekit) is faster. Metrics other than ns/op, B/op and
// allocs/op (items/s, records/s, p99-ns, ...) get columns of their own.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	ref := flag.String("ref", "lifekit", "implementation the others are compared with")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go test -bench . -benchmem | ratios [-ref impl]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}

	rep, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ratios: %v\n", err)
		os.Exit(1)
	}
	if len(rep.scenarios) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no benchmark results on stdin")
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	rep.render(w, *ref)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "ratios: %v\n", err)
		os.Exit(1)
	}
}

// The metrics every benchmark reports with -benchmem, in the order of the
// table's columns. Any other unit is a custom metric.
const (
	unitNs     = "ns/op"
	unitBytes  = "B/op"
	unitAllocs = "allocs/op"
)

// report is everything parse found, in the order it first appeared.
type report struct {
	env       []string // goos:, goarch:, pkg:, cpu: lines, once each
	scenarios []*scenario
	byKey     map[string]*scenario
	pkgs      map[string]bool
	procs     map[string]bool
}

// scenario is one benchmark, less its impl element: the rows of one table.
type scenario struct {
	name    string // e.g. BenchmarkWrap or BenchmarkStart/n=1000
	pkg     string
	procs   string // GOMAXPROCS suffix, "" if none
	impls   []string
	runs    map[string][]map[string]float64 // impl -> one unit->value map per run
	customs []string                        // custom units, first seen first
}

// parse reads go test -bench output. Lines that are not benchmark results
// (PASS, ok, logs, a name printed alone before its result) are skipped.
func parse(r io.Reader) (*report, error) {
	rep := &report{
		byKey: make(map[string]*scenario),
		pkgs:  make(map[string]bool),
		procs: make(map[string]bool),
	}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		for _, k := range []string{"goos:", "goarch:", "pkg:", "cpu:"} {
			if strings.HasPrefix(line, k) && !slices.Contains(rep.env, line) {
				rep.env = append(rep.env, line)
			}
		}
		if p, ok := strings.CutPrefix(line, "pkg:"); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		name, units, metrics, ok := parseResult(line)
		if !ok {
			continue
		}
		scen, impl, procs := splitName(name)
		rep.pkgs[pkg] = true
		rep.procs[procs] = true
		key := pkg + "\x00" + scen + "\x00" + procs
		s := rep.byKey[key]
		if s == nil {
			s = &scenario{name: scen, pkg: pkg, procs: procs, runs: make(map[string][]map[string]float64)}
			rep.byKey[key] = s
			rep.scenarios = append(rep.scenarios, s)
		}
		if _, seen := s.runs[impl]; !seen {
			s.impls = append(s.impls, impl)
		}
		s.runs[impl] = append(s.runs[impl], metrics)
		for _, m := range units {
			if m != unitNs && m != unitBytes && m != unitAllocs && !slices.Contains(s.customs, m) {
				s.customs = append(s.customs, m)
			}
		}
	}
	return rep, sc.Err()
}

// parseResult parses one result line:
//
//	BenchmarkWrap/impl=floor-2   311456   838.8 ns/op   256 B/op   1 allocs/op
//
// that is a name, an iteration count and value-unit pairs. units lists the
// units in the order of the line.
func parseResult(line string) (name string, units []string, metrics map[string]float64, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", nil, nil, false
	}
	if _, err := strconv.ParseUint(f[1], 10, 64); err != nil {
		return "", nil, nil, false
	}
	metrics = make(map[string]float64, (len(f)-2)/2)
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", nil, nil, false
		}
		units = append(units, f[i+1])
		metrics[f[i+1]] = v
	}
	return f[0], units, metrics, true
}

// splitName splits a benchmark name into its scenario, its implementation
// and its GOMAXPROCS suffix:
//
//	BenchmarkWrap/impl=pkg/errors-2         -> BenchmarkWrap, pkg/errors, 2
//	BenchmarkStart/n=1000/impl=fx-2         -> BenchmarkStart/n=1000, fx, 2
//	BenchmarkX/impl=pkg/errors/depth=15     -> BenchmarkX/depth=15, pkg/errors, ""
//
// A name with no impl element is a scenario of its own, with impl "".
// The testing package appends -N when GOMAXPROCS is not 1, so a trailing
// dash and digits is always taken for it.
func splitName(name string) (scen, impl, procs string) {
	if i := strings.LastIndexByte(name, '-'); i >= 0 && isDigits(name[i+1:]) {
		name, procs = name[:i], name[i+1:]
	}
	elems := strings.Split(name, "/")
	at := slices.IndexFunc(elems, func(e string) bool { return strings.HasPrefix(e, "impl=") })
	if at < 0 {
		return name, "", procs
	}
	end := at + 1
	for end < len(elems) && !strings.Contains(elems[end], "=") {
		end++
	}
	impl = strings.TrimPrefix(strings.Join(elems[at:end], "/"), "impl=")
	scen = strings.Join(slices.Concat(elems[:at], elems[end:]), "/")
	return scen, impl, procs
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// median returns the median of unit over runs, and false if no run has it.
func median(runs []map[string]float64, unit string) (float64, bool) {
	var vs []float64
	for _, r := range runs {
		if v, ok := r[unit]; ok {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2], true
	}
	return (vs[n/2-1] + vs[n/2]) / 2, true
}

// render writes the report as Markdown, one table per scenario.
func (rep *report) render(w io.Writer, ref string) {
	for _, e := range rep.env {
		fmt.Fprintf(w, "- %s\n", e)
	}
	if len(rep.env) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Medians over the runs. ratio = %s ns/op ÷ this ns/op: below 1, %s is faster.\n", ref, ref)
	for _, s := range rep.scenarios {
		title := s.name
		if len(rep.procs) > 1 && s.procs != "" {
			title += " (GOMAXPROCS " + s.procs + ")"
		}
		if len(rep.pkgs) > 1 {
			title += " — " + s.pkg
		}
		fmt.Fprintf(w, "\n### %s\n\n", title)

		head := []string{"impl", unitNs, unitBytes, unitAllocs, "ratio"}
		head = append(head, s.customs...)
		head = append(head, "runs")
		fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
		align := []string{"---"}
		for range head[1:] {
			align = append(align, "--:")
		}
		fmt.Fprintf(w, "|%s|\n", strings.Join(align, "|"))

		refNs, hasRef := median(s.runs[ref], unitNs)
		for _, impl := range s.impls {
			runs := s.runs[impl]
			name := impl
			if name == "" {
				name = "—"
			}
			row := []string{name}
			for _, u := range []string{unitNs, unitBytes, unitAllocs} {
				row = append(row, cell(runs, u))
			}
			ratio := "—"
			if ns, ok := median(runs, unitNs); ok && hasRef && ns > 0 {
				ratio = formatRatio(refNs / ns)
			}
			row = append(row, ratio)
			for _, u := range s.customs {
				row = append(row, cell(runs, u))
			}
			row = append(row, strconv.Itoa(len(runs)))
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	}
}

func cell(runs []map[string]float64, unit string) string {
	v, ok := median(runs, unit)
	if !ok {
		return "—"
	}
	return formatValue(v)
}

// formatValue prints a figure with the digits that matter: three
// significant ones, with M and G for millions and billions, and whole
// numbers as they are.
func formatValue(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return threeDigits(v/1e9) + "G"
	case a >= 1e6:
		return threeDigits(v/1e6) + "M"
	case a >= 100 || v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 0.01:
		return threeDigits(v)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

// threeDigits prints v, 0.01 <= |v| < 1000, with three significant digits.
func threeDigits(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
}

func formatRatio(r float64) string {
	if r >= 0.1 {
		return strconv.FormatFloat(r, 'f', 2, 64)
	}
	return strconv.FormatFloat(r, 'g', 2, 64)
}
