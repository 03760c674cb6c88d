//go:build unix

package graceful

import (
	"net"
	"os"
	"syscall"
)

// maxBacklog bounds what acceptBacklog takes: more than any listen queue
// holds by default (net.core.somaxconn is 4096).
const maxBacklog = 1 << 16

// acceptBacklog accepts, without waiting, the connections that wait in the
// listening socket of ln, before it is closed for good: closing it would
// reset them. It works whatever ln's deadline says, which an interrupted
// Accept may have set in the past.
func acceptBacklog(ln net.Listener) []net.Conn {
	sc, ok := ln.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	var conns []net.Conn
	rc.Control(func(lfd uintptr) {
		for len(conns) < maxBacklog {
			syscall.ForkLock.RLock()
			fd, _, err := syscall.Accept(int(lfd)) // the socket is non-blocking: EAGAIN when none waits
			if err == nil {
				syscall.CloseOnExec(fd)
			}
			syscall.ForkLock.RUnlock()
			if err == syscall.EINTR || err == syscall.ECONNABORTED {
				continue
			}
			if err != nil {
				return
			}
			syscall.SetNonblock(fd, true)
			f := os.NewFile(uintptr(fd), "accepted")
			c, err := net.FileConn(f) // a duplicate
			f.Close()
			if err == nil {
				conns = append(conns, c)
			}
		}
	})
	return conns
}
