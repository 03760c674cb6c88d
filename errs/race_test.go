//go:build race

package errs

// raceEnabled says whether the test binary was built with -race, which
// allocates where a normal build does not: allocation counts skip then.
const raceEnabled = true
