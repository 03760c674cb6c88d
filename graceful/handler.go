package graceful

import (
	"net/http"
	"sync/atomic"
)

// Handler wraps h (nil means http.DefaultServeMux) for a drain by
// [Shutdown] or [Upgrader.Shutdown], which then needs no help from the
// listener: the drain fails no request over HTTP/1.1 or HTTP/2, with or
// without TLS. Make it the server's Handler itself, not part of a chain:
//
//	srv := &http.Server{Handler: graceful.Handler(mux)}
//
// During the lame duck, every response the wrapped server sends carries
// "Connection: close", and its connections are otherwise left alone. Over
// HTTP/1.1 net/http closes a connection after such a response, once the
// client has it whole; over HTTP/2 it sends that connection a GOAWAY, and
// a client moves the requests it had not sent yet to a new connection. A
// connection idle between two requests is told on its next request, so
// nothing is closed under a client that is sending one.
//
// Without Handler, the drain turns keep-alives off, which makes net/http
// close every idle connection at once. The listeners of [Upgrader.Listen]
// make that safe for plain HTTP/1.1 by keeping such a connection open
// until its client speaks again (see the package documentation), but
// bytes inside TLS cannot be handed back: a TLS client that sends a
// request at that moment loses it.
//
// One Handler serves one server.
func Handler(h http.Handler) http.Handler {
	if h == nil {
		h = http.DefaultServeMux
	}
	return &drainHandler{h: h}
}

// A drainHandler is what Handler returns; the drain finds it as the
// server's Handler.
type drainHandler struct {
	h        http.Handler
	draining atomic.Bool
}

func (d *drainHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.draining.Load() {
		w.Header().Set("Connection", "close")
	}
	d.h.ServeHTTP(w, r)
}

// setLameDuck starts (on) or ends (off) srv's lame duck: with a Handler, its
// responses say "Connection: close"; without, keep-alives are off, and
// net/http closes the idle connections.
func setLameDuck(srv *http.Server, on bool) {
	if d, ok := srv.Handler.(*drainHandler); ok {
		d.draining.Store(on)
		return
	}
	srv.SetKeepAlivesEnabled(!on)
}
