// Package proctest drives real processes for lifekit's own tests and
// benchmarks: it builds a program, runs it, follows its generations through
// upgrades, puts keep-alive HTTP load on it from clients that never retry,
// and inspects processes through /proc. It is Linux-only where /proc is
// concerned; Poll and the load driver work anywhere.
//
// A program run by [StartServer] speaks a small protocol on its standard
// output, which examples/graceful and bench/cmd/upgradeserver follow:
//
//	ready pid=N addr=A        a generation serves at A
//	upgrade failed: REASON    a new generation did not take over
//	exit pid=N [maxrss=K]     a generation is done; K is its peak RSS in KiB
//
// It upgrades on SIGUSR2 and drains and exits on SIGTERM, and each HTTP
// response names the process that served it in an X-Pid header.
//
// This package is for tests: its helpers take a testing.TB and fail it.
package proctest

import "time"

// Poll checks cond every 10 ms until it holds or d passes, and reports
// whether it held. It is for waiting on other processes, which send no
// event to wait on.
func Poll(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}
