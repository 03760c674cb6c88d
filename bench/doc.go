// Package bench compares lifekit with the libraries its users run today.
//
// The package holds no code of its own: the comparisons are benchmarks in
// its _test.go files, one file per lifekit package (errs_test.go,
// lifecycle_test.go, batch_test.go, ...), all in package bench. Each scenario
// is one benchmark function whose sub-benchmarks are named impl=<name>, so
// that every implementation runs in the same process, one after the other,
// and cmd/ratios can report each peer as a ratio to lifekit.
//
// This is a module of its own so that the peers never enter lifekit's go.mod.
// See README.md for how to run it.
package bench
