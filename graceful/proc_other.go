//go:build !linux

package graceful

import "github.com/lifekit/lifekit/errs"

// readProc is Linux's: elsewhere no warning about orphans is given.
func readProc(int) (procInfo, error) { return procInfo{}, errs.New("graceful: no /proc") }
