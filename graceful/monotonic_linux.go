package graceful

import (
	"strconv"
	"syscall"
	"unsafe"
)

// monotonicUsec returns CLOCK_MONOTONIC in microseconds, in decimal, for
// systemd's MONOTONIC_USEC=.
func monotonicUsec() string {
	const clockMonotonic = 1
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockMonotonic, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return ""
	}
	return strconv.FormatInt(int64(ts.Sec)*1e6+int64(ts.Nsec)/1e3, 10) // int32 fields on 32-bit Linux
}
