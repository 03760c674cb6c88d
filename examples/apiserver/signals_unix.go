//go:build unix

package main

import (
	"os"
	"syscall"
)

// upgradeSignals ask the server to upgrade in place: SIGUSR2, as with
// tableflip and nginx, and SIGHUP, which systemd's ExecReload sends.
var upgradeSignals = []os.Signal{syscall.SIGUSR2, syscall.SIGHUP}
