//go:build !unix

package main

import "os"

// upgradeSignals is empty where there is no SIGUSR2 or SIGHUP: the server
// runs, but cannot be upgraded in place.
var upgradeSignals []os.Signal
