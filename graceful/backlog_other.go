//go:build !unix

package graceful

import "net"

// acceptBacklog is Unix only; elsewhere no Upgrader runs.
func acceptBacklog(net.Listener) []net.Conn { return nil }
