package main

import (
	"context"
	"net"
	"net/http"
	"time"
)

// A Process is what the Server needs from the process it runs in: a
// listening socket, someone to tell once it serves, and a way to drain. The
// *Upgrades of upgrade.go is the real one, under graceful: the socket may
// come from the previous generation, Ready lets that generation go, and
// Drain stops accepting before the lame duck. Tests and platforms without
// graceful use a localProcess.
type Process interface {
	Listen(network, addr string) (net.Listener, error)
	Ready() error
	// Drain stops srv: a lame duck of lameDuck, then shutdown (see drain).
	Drain(ctx context.Context, srv *http.Server, lameDuck time.Duration) error
}

// localProcess is a Process that listens anew and tells no one.
type localProcess struct{}

func (*localProcess) Listen(network, addr string) (net.Listener, error) {
	return net.Listen(network, addr)
}

func (*localProcess) Ready() error { return nil }

func (*localProcess) Drain(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	return drain(ctx, srv, lameDuck)
}
