//go:build unix

package main

import (
	"os"
	"syscall"
)

// upgradeSignals start an upgrade.
var upgradeSignals = []os.Signal{syscall.SIGUSR2, syscall.SIGHUP}
