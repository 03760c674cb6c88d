//go:build !race

package main

// raceEnabled says whether the test binary was built with -race, so that
// the binary a test builds can share its build cache.
const raceEnabled = false
