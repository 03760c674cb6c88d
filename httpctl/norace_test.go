//go:build !race

package httpctl_test

const raceEnabled = false
