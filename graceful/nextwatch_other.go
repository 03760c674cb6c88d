//go:build unix && !linux

package graceful

import "syscall"

// awaitExit is Linux's: elsewhere a next generation that dies after Ready
// is not noticed.
func awaitExit(int) (syscall.WaitStatus, bool) { return 0, false }
