//go:build linux

package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// The upgrade scenario: cmd/upgradeserver, built on lifekit's graceful or on
// tableflip, upgrades once per iteration. With clients=50 it serves 50
// keep-alive clients that never retry (a raw HTTP/1.1 client: net/http's
// would hide failures by retrying); with clients=0 it serves nobody, which
// shows the cost of the upgrade itself. Run it with a fixed count of
// upgrades:
//
//	COUNT=7 INTERLEAVE=1 bench/run Upgrade -benchtime 20x
//
// Each iteration sends SIGUSR2 and waits for the new generation's "ready"
// line; ns/op is that. Between iterations, with the timer stopped, it waits
// for the old generation to exit and, with tableflip, for the new one to
// say it knows: tableflip refuses to upgrade while the parent lives. Under
// load it reports
//
//   - failed/upgrade: requests that got no complete 200 response, plus
//     connections that could not be made, per upgrade;
//   - ms/handoff: from SIGUSR2 to the first response from the new
//     generation, averaged;
//   - KiB-rss-old: the peak RSS (VmHWM) of a generation that was replaced,
//     which it reads as it exits, the largest over the upgrades;
//   - KiB-rss-new: the peak RSS of the generation that replaced it, read
//     from /proc at that moment, the largest over the upgrades. The two
//     processes ran side by side up to then.
//
// A generation's RSS grows with the time it has served, so the RSS figures
// also reflect how long the old generation drains.
func BenchmarkUpgrade(b *testing.B) {
	bin := proctest.Build(b, "./cmd/upgradeserver")
	for _, clients := range []int{50, 0} {
		for _, impl := range []string{"lifekit", "tableflip"} {
			b.Run(fmt.Sprintf("clients=%d/impl=%s", clients, impl), func(b *testing.B) {
				benchUpgrade(b, bin, impl, clients)
			})
		}
	}
}

func benchUpgrade(b *testing.B, bin, impl string, clients int) {
	proctest.BecomeSubreaper(b)
	srv := proctest.StartServer(b, bin, "-impl", impl)
	var ld *proctest.Load
	if clients > 0 {
		ld = proctest.StartLoad(b, srv.Addr(), clients)
		ld.WaitServed(b, srv.First(), 30*time.Second)
	}

	var handoff time.Duration
	var oldRSS, newRSS int64
	b.ResetTimer()
	for range b.N {
		old := srv.Current()
		sent := time.Now()
		next := srv.Upgrade()
		b.StopTimer()
		if ld != nil {
			handoff += ld.WaitServed(b, next, 30*time.Second).Sub(sent)
		}
		oldRSS = max(oldRSS, srv.WaitExit(old, 30*time.Second).MaxRSS)
		newRSS = max(newRSS, proctest.VmHWM(next))
		// Gone (a zombie, to be reaped at the end), not just saying so.
		if err := proctest.WaitExited(old); err != nil {
			b.Fatal(err)
		}
		if impl == "tableflip" {
			srv.Expect(fmt.Sprintf("parent gone pid=%d", next), 30*time.Second)
		}
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	if ld != nil {
		res := ld.Stop()
		for _, pid := range srv.Generations() {
			if res.ByPID[pid] == 0 {
				b.Errorf("generation %d served no request", pid)
			}
		}
		if res.Failed+res.Refused > 0 {
			b.Logf("%s: %d failed requests, %d refused connections in %d upgrades; first errors: %q", impl, res.Failed, res.Refused, b.N, res.Errors)
		}
		b.ReportMetric(float64(res.Failed+res.Refused)/n, "failed/upgrade")
		b.ReportMetric(float64(handoff.Microseconds())/1e3/n, "ms/handoff")
	}
	srv.Stop()
	b.ReportMetric(float64(oldRSS), "KiB-rss-old")
	b.ReportMetric(float64(newRSS), "KiB-rss-new")
}
