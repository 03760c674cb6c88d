//go:build !unix

package main

import "os"

// upgradeSignals start an upgrade: none here, where graceful.New fails
// with ErrNotSupported anyway.
var upgradeSignals []os.Signal
