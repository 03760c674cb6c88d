//go:build !linux

package graceful

import "net"

// listenBesideLocked is Linux only: elsewhere a changed host on the same
// port needs a restart.
func (u *Upgrader) listenBesideLocked(network, address string) (net.Listener, bool) {
	return nil, false
}
