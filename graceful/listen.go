package graceful

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/lifekit/lifekit/errs"
)

// Listen returns a listener for a stream socket ("tcp", "tcp4", "tcp6",
// "unix" or "unixpacket"), as [net.Listen] does (with the
// [WithListenConfig] given to New, if any), except that a socket this
// process inherited is reused instead of bound anew:
//
//   - one that the previous generation had from Listen with the same network
//     and address strings (so that ":0" gets the same port again);
//   - else one passed by systemd whose FileDescriptorName is address;
//   - else one, from the previous generation or systemd, of the same kind
//     and bound to what address resolves to: "localhost:8080" takes the
//     socket the previous generation made for "127.0.0.1:8080". An address
//     with no host (":8080") means the socket bound to all addresses.
//
// Changing the host of an address while keeping its port ("localhost:8080"
// to "0.0.0.0:8080") works in place on Linux: the previous generation's
// socket still holds the port, so the new one is bound beside it (both get
// SO_REUSEPORT for the moment of the bind only), and at the handover the
// previous generation accepts what waits in its socket and closes it.
// From then on the new socket takes every connection. A client whose
// connection reaches the old socket in the instant between that last
// accept and the close sees it reset (none did in the tests). The port
// stays open, for as long as the new socket lives, to another socket of
// the same user that asks for SO_REUSEPORT too, as it is to any socket of
// a service that listens with SO_REUSEPORT; a plain bind still fails.
// Elsewhere the bind fails with EADDRINUSE, and such a change needs a
// restart, or a new port first.
//
// In a generation started by Upgrade, the listener accepts no connection
// until Ready: the previous generation serves alone until then, so that a
// new one that fails before it is ready takes no client with it. Serve
// before calling Ready as usual (the server then waits in Accept), but do
// not make Ready wait for a request through the listener.
//
// The listener tracks the connections it accepts; see the package
// documentation on draining. For TLS, wrap it with [crypto/tls.NewListener].
// A Unix socket is not unlinked when the listener is closed, since the next
// generation may serve it; the Upgrader unlinks it when the service stops
// for good.
func (u *Upgrader) Listen(network, address string) (net.Listener, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.stopped || u.handedOff {
		return nil, errs.Errorf("graceful: listen %s %s: %w", network, address, ErrExiting)
	}
	s := &socket{network: network, address: address, origin: created}
	var inner net.Listener
	if f := u.claimLocked(network, address, true); f != nil {
		file := os.NewFile(uintptr(f.fd), describe(f))
		ln, err := net.FileListener(file)
		file.Close()
		if err != nil {
			return nil, errs.Errorf("graceful: listen %s %s on inherited descriptor %d: %w", network, address, f.fd, err)
		}
		inner, s.origin = ln, f.origin
		u.logAttrs(slog.LevelDebug, "listener inherited", slog.String("network", network), slog.String("address", address),
			slog.Int("fd", f.fd), slog.String("local", ln.Addr().String()))
	} else {
		ln, err := u.cfg.listen.Listen(context.Background(), network, address)
		if errors.Is(err, syscall.EADDRINUSE) {
			if beside, ok := u.listenBesideLocked(network, address); ok {
				ln, err = beside, nil
			}
		}
		if err != nil {
			return nil, errs.Wrap(err)
		}
		inner = ln
	}
	if ul, ok := inner.(interface{ SetUnlinkOnClose(bool) }); ok { // *net.UnixListener
		ul.SetUnlinkOnClose(false)
		s.path = unixPath(inner.Addr())
	}
	// Until Ready the previous generation serves alone: a new one that
	// fails before then must take no connection with it.
	s.ln = newListener(inner, &u.quiet, u.readyPipe != nil)
	u.sockets = append(u.sockets, s)
	return s.ln, nil
}

// ListenPacket returns a packet socket ("udp", "udp4", "udp6", "unixgram",
// or any other network [net.ListenPacket] accepts), reusing an inherited one
// as Listen does. A "unixgram" socket's path is unlinked, as a listener's,
// when the service stops for good.
func (u *Upgrader) ListenPacket(network, address string) (net.PacketConn, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.stopped || u.handedOff {
		return nil, errs.Errorf("graceful: listen %s %s: %w", network, address, ErrExiting)
	}
	s := &socket{network: network, address: address, origin: created}
	if f := u.claimLocked(network, address, false); f != nil {
		file := os.NewFile(uintptr(f.fd), describe(f))
		pc, err := net.FilePacketConn(file)
		file.Close()
		if err != nil {
			return nil, errs.Errorf("graceful: listen %s %s on inherited descriptor %d: %w", network, address, f.fd, err)
		}
		s.pc, s.origin = pc, f.origin
		u.logAttrs(slog.LevelDebug, "packet socket inherited", slog.String("network", network), slog.String("address", address),
			slog.Int("fd", f.fd), slog.String("local", pc.LocalAddr().String()))
	} else {
		pc, err := u.cfg.listen.ListenPacket(context.Background(), network, address)
		if err != nil {
			return nil, errs.Wrap(err)
		}
		s.pc = pc
	}
	if uc, ok := s.pc.(*net.UnixConn); ok {
		s.path = unixPath(uc.LocalAddr())
	}
	u.sockets = append(u.sockets, s)
	return s.pc, nil
}

// claimLocked removes and returns the inherited socket that Listen or
// ListenPacket (stream or not) should use for network and address, or nil.
func (u *Upgrader) claimLocked(network, address string, stream bool) *inheritedFD {
	pick := func(match func(*inheritedFD) bool) *inheritedFD {
		for i, f := range u.inherited {
			if !f.file && match(f) { // files are File's
				u.inherited = append(u.inherited[:i], u.inherited[i+1:]...)
				return f
			}
		}
		return nil
	}
	if f := pick(func(f *inheritedFD) bool {
		return f.origin == fromParent && f.network == network && f.address == address
	}); f != nil {
		return f
	}
	if f := pick(func(f *inheritedFD) bool {
		return f.origin == fromSystemd && f.name == address
	}); f != nil {
		return f
	}
	// The address as written changed ("localhost:8080" for
	// "127.0.0.1:8080", or a port fixed where it was 0) but means the same
	// socket: take it, rather than fail to bind beside it.
	return pick(func(f *inheritedFD) bool {
		return boundTo(f.fd, network, address, stream)
	})
}

func describe(f *inheritedFD) string {
	if f.origin == fromSystemd {
		return "systemd:" + f.name
	}
	return f.network + ":" + f.address
}

// unixPath returns the file of a Unix socket address, or "" for an
// abstract or unnamed one.
func unixPath(a net.Addr) string {
	name := a.String()
	if name == "" || strings.HasPrefix(name, "@") || name[0] == 0 {
		return ""
	}
	return name
}
