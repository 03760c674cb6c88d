package main

import (
	"testing"
	"time"
)

func TestRatios(t *testing.T) {
	ms := time.Millisecond
	run := func(server string, pair, ok int, elapsed, p99, cpu, db time.Duration) runResult {
		return runResult{caseName: "get", server: server, pair: pair, ok: ok, elapsed: elapsed, p99: p99,
			cpuUse: cpuUse{serverCPU: cpu, dbCPU: db, serverOK: true, dbOK: true}}
	}
	runs := []runResult{
		run("lifekit", 0, 100, time.Second, ms, ms, ms), // a warm-up: left out
		run("lifekit", 1, 10000, time.Second, 4*ms, 500*ms, 100*ms),
		run("Parse", 1, 2000, time.Second, 20*ms, 1000*ms, 60*ms),
		run("lifekit", 2, 8000, time.Second, 10*ms, 800*ms, 80*ms),
		run("Parse", 2, 2000, time.Second, 5*ms, 1000*ms, 20*ms),
	}
	cr := ratios(runs, "get", "lifekit", "Parse", false)
	check := func(name string, r ratio, want []float64, better int) {
		t.Helper()
		if len(r.values) != len(want) || r.better != better {
			t.Fatalf("%s = %v (%d better), want %v (%d better)", name, r.values, r.better, want, better)
		}
		for i := range want {
			if d := r.values[i] - want[i]; d > 1e-9 || d < -1e-9 {
				t.Errorf("%s = %v, want %v", name, r.values, want)
			}
		}
	}
	check("rate", cr.rate, []float64{5, 4}, 2)
	// requests per server CPU-second: 20,000 vs 2,000; 10,000 vs 2,000
	check("perCPU", cr.perCPU, []float64{10, 5}, 2)
	// p99, Parse ÷ lifekit
	check("p99", cr.p99, []float64{5, 0.5}, 1)
	// database CPU per request, Parse ÷ lifekit: 0.03 ms vs 0.01 ms; 0.01 vs 0.01
	check("db", cr.db, []float64{3, 1}, 1)
	if got, want := cr.rate.String(), "**4.50×** [4.00×–5.00×]"; got != want {
		t.Errorf("rate.String() = %q, want %q", got, want)
	}
}

func TestGroup(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 999.4: "999", 1000: "1,000", 12345.6: "12,346", 1234567: "1,234,567", -2500: "-2,500"} {
		if got := group(x); got != want {
			t.Errorf("group(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		v    []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(tt.v); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
