//go:build unix

package graceful

import (
	"log/slog"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/lifekit/lifekit/errs"
)

const supported = true

// inherit takes the sockets this process was started with, from the
// previous generation or from systemd, and removes the variables that
// described them from the environment, whatever they said: as with
// sd_listen_fds(3), they describe this process only, never its children.
func (u *Upgrader) inherit() error {
	in, inErr := parseInheritance(os.Getenv)
	act, actErr := parseActivation(u.pid, os.Getenv(envListenPID), os.Getenv(envListenFDs), os.Getenv(envListenNames))
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, envPrefix) {
			os.Unsetenv(name)
		}
	}
	for _, name := range []string{envListenPID, envListenFDs, envListenNames} {
		os.Unsetenv(name)
	}
	if inErr != nil {
		return inErr
	}

	if in != nil {
		// Nothing of ours may leak into a program this process starts.
		syscall.CloseOnExec(in.readyFD)
		for _, f := range in.fds {
			syscall.CloseOnExec(f.FD)
		}
		if ppid := os.Getppid(); ppid != in.parent {
			return errs.Errorf("graceful: started by process %d to take over its sockets, but that process is gone (parent is now %d)", in.parent, ppid)
		}
		u.parent = in.parent
		u.readyPipe = os.NewFile(uintptr(in.readyFD), "graceful-ready")
		for _, f := range in.fds {
			if f.Network == fileNetwork {
				u.inherited = append(u.inherited, &inheritedFD{fd: f.FD, origin: fromParent, name: f.Address, file: true})
				continue
			}
			u.inherited = append(u.inherited, &inheritedFD{fd: f.FD, origin: fromParent, network: f.Network, address: f.Address})
		}
		u.logAttrs(slog.LevelDebug, "started by upgrade", slog.Int("parent", in.parent), slog.Int("sockets", len(in.fds)))
		return nil
	}

	if actErr != nil {
		return actErr
	}
	for _, a := range act {
		syscall.CloseOnExec(a.fd)
		u.inherited = append(u.inherited, &inheritedFD{fd: a.fd, origin: fromSystemd, name: a.name})
	}
	if len(act) > 0 {
		u.logAttrs(slog.LevelDebug, "started by socket activation", slog.Int("sockets", len(act)))
	}
	return nil
}

func closeFD(fd int) { syscall.Close(fd) }

// boundTo reports whether the socket fd is of the kind Listen (stream) or
// ListenPacket (not stream) wants for network, and bound to address. An
// address with no host matches a socket bound to any address; a host name
// is resolved.
func boundTo(fd int, network, address string, stream bool) bool {
	typ, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_TYPE)
	if err != nil {
		return false
	}
	switch {
	case stream && network == "unixpacket":
		if typ != syscall.SOCK_SEQPACKET {
			return false
		}
	case stream:
		if typ != syscall.SOCK_STREAM {
			return false
		}
	case typ != syscall.SOCK_DGRAM:
		return false
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		return false
	}

	var ip net.IP
	var port int
	switch sa := sa.(type) {
	case *syscall.SockaddrUnix:
		return strings.HasPrefix(network, "unix") && sa.Name == address
	case *syscall.SockaddrInet4:
		ip, port = sa.Addr[:], sa.Port
	case *syscall.SockaddrInet6:
		ip, port = sa.Addr[:], sa.Port
	default:
		return false
	}
	var want net.IP
	var wantPort int
	switch network {
	case "tcp", "tcp4", "tcp6":
		a, err := net.ResolveTCPAddr(network, address)
		if err != nil {
			return false
		}
		want, wantPort = a.IP, a.Port
	case "udp", "udp4", "udp6":
		a, err := net.ResolveUDPAddr(network, address)
		if err != nil {
			return false
		}
		want, wantPort = a.IP, a.Port
	default:
		return false
	}
	if port != wantPort {
		return false
	}
	if len(want) == 0 || want.IsUnspecified() {
		return ip.IsUnspecified()
	}
	return ip.Equal(want)
}
