//go:build race

package httpctl_test

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// allocation counts that rely on reuse are not measured under it.
const raceEnabled = true
