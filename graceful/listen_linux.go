package graceful

import (
	"context"
	"log/slog"
	"net"
	"runtime"
	"syscall"
)

// soReusePort is Linux's SO_REUSEPORT, which package syscall does not
// define: 15, except on MIPS.
func soReusePort() int {
	switch runtime.GOARCH {
	case "mips", "mipsle", "mips64", "mips64le":
		return 0x200
	}
	return 15
}

func setReusePort(fd int, on bool) error {
	v := 0
	if on {
		v = 1
	}
	return syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, soReusePort(), v)
}

// listenBesideLocked binds a new socket for address beside one inherited
// from the previous generation that holds the same TCP port under another
// host ("127.0.0.1:8080" and now "0.0.0.0:8080"), which made the plain
// bind fail with EADDRINUSE. Linux lets two sockets share a port when both
// have SO_REUSEPORT and belong to the same user, so the inherited socket
// (shared with the previous generation, which still serves on it) gets
// the option for as long as the bind takes, and so does the new one; both
// lose it again at once, so that no other process can bind the port beside
// them later. The inherited socket stays unclaimed: Ready closes it here,
// and the previous generation closes its own at the handover (see
// Upgrader.handOver), after it accepted what waits in it.
//
// It returns nil, false if there is no such socket, or the bind fails
// anyway. u.mu is held.
func (u *Upgrader) listenBesideLocked(network, address string) (net.Listener, bool) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, false
	}
	want, err := net.ResolveTCPAddr(network, address)
	if err != nil || want.Port == 0 {
		return nil, false
	}
	var old *inheritedFD
	for _, f := range u.inherited {
		if f.origin == fromParent && !f.file && streamPort(f.fd) == want.Port {
			old = f
			break
		}
	}
	if old == nil || setReusePort(old.fd, true) != nil {
		return nil, false
	}
	defer setReusePort(old.fd, false)

	lc := u.cfg.listen
	userControl := lc.Control
	lc.Control = func(network, address string, c syscall.RawConn) error {
		if userControl != nil {
			if err := userControl(network, address, c); err != nil {
				return err
			}
		}
		var serr error
		if err := c.Control(func(fd uintptr) { serr = setReusePort(int(fd), true) }); err != nil {
			return err
		}
		return serr
	}
	ln, err := lc.Listen(context.Background(), network, address)
	if err != nil {
		return nil, false
	}
	if sc, ok := ln.(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) { setReusePort(int(fd), false) })
		}
	}
	u.logAttrs(slog.LevelInfo, "listener bound beside the previous generation's socket", slog.Int("pid", u.pid),
		slog.String("network", network), slog.String("address", address), slog.String("previous", old.address))
	return ln, true
}

// streamPort returns the TCP port a stream socket is bound to, or 0.
func streamPort(fd int) int {
	typ, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_TYPE)
	if err != nil || typ != syscall.SOCK_STREAM {
		return 0
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		return 0
	}
	switch sa := sa.(type) {
	case *syscall.SockaddrInet4:
		return sa.Port
	case *syscall.SockaddrInet6:
		return sa.Port
	}
	return 0
}
