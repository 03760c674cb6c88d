package main

import (
	"testing"
	"time"
)

// BenchmarkHandoff upgrades the example once per iteration under light
// keep-alive load (4 clients that never retry) and reports, rather than
// ns/op, which counts the whole cycle:
//
//   - ms/handoff: from sending SIGUSR2 to the first response served by the
//     new process, averaged;
//   - KiB-hwm-old, KiB-hwm-new: the peak resident set size (VmHWM in
//     /proc/PID/status) of the generation being replaced, read while it
//     drains, and of the last generation, the largest seen.
//
// Run it with a fixed count, so that old generations do not pile up:
//
//	go test -run '^$' -bench Handoff -benchtime 20x ./examples/graceful
//
// bench/ runs the same measurement against cloudflare/tableflip.
func BenchmarkHandoff(b *testing.B) {
	becomeSubreaper(b)
	bin := buildExample(b)
	srv := startServer(b, bin)
	ld := startLoad(srv.addr, 4)
	ld.waitServed(b, srv.first, 30*time.Second)

	var total time.Duration
	var oldHWM, newHWM int64
	b.ResetTimer()
	for range b.N {
		old := srv.current()
		sent := time.Now()
		next := srv.upgrade()
		total += ld.waitServed(b, next, 30*time.Second).Sub(sent)
		oldHWM = max(oldHWM, vmHWM(old)) // still draining: the lame duck lasts 300ms
		newHWM = max(newHWM, vmHWM(next))
	}
	b.StopTimer()
	ld.finish(b)
	srv.stop()
	b.ReportMetric(float64(total.Microseconds())/1e3/float64(b.N), "ms/handoff")
	b.ReportMetric(float64(oldHWM), "KiB-hwm-old")
	b.ReportMetric(float64(newHWM), "KiB-hwm-new")
}
