package errs

import "runtime"

//go:noinline
func pcHere() uintptr {
	var pc [1]uintptr
	runtime.Callers(1, pc[:])
	return pc[0]
}
