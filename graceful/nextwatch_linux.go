package graceful

import (
	"strconv"
	"syscall"
	"unsafe"
)

// awaitExit blocks until the child pid has exited, without reaping it, and
// returns its wait status as /proc shows the zombie (the last field of
// /proc/PID/stat, since Linux 3.5). It returns false if that cannot be
// known: the child was reaped by someone else first, say.
func awaitExit(pid int) (syscall.WaitStatus, bool) {
	const (
		pPID    = 1         // P_PID
		wExited = 4         // WEXITED
		wNoWait = 0x1000000 // WNOWAIT: leave the child waitable
	)
	var info [128]byte // siginfo_t, not read: the status comes from /proc
	for {
		_, _, e := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid), uintptr(unsafe.Pointer(&info[0])), wExited|wNoWait, 0, 0)
		if e == syscall.EINTR {
			continue
		}
		if e != 0 {
			return 0, false
		}
		break
	}
	_, rest, err := procStat(pid)
	if err != nil || len(rest) < 50 { // exit_code is field 52, since Linux 3.5
		return 0, false
	}
	code, err := strconv.Atoi(string(rest[len(rest)-1]))
	if err != nil {
		return 0, false
	}
	return syscall.WaitStatus(code), true
}
