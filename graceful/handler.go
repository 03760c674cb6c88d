package graceful

import (
	"net/http"
	"sync"
	"sync/atomic"
)

// Handler wraps h (nil means http.DefaultServeMux) for a drain by
// [Shutdown] or [Upgrader.Shutdown], which then needs no help from the
// listener: the drain fails no request over HTTP/1.1 or HTTP/2, with or
// without TLS:
//
//	srv := &http.Server{Handler: graceful.Handler(mux)}
//
// Make it the outermost handler, so that every response passes through
// it. Inside other middleware it works too (it notes the server of the
// requests it serves, where the drain finds it), but a response that
// middleware sends without calling it does not say "Connection: close",
// and until it has served one of srv's requests the drain treats srv as a
// server without Handler.
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
// server's Handler, or in drainHandlers.
type drainHandler struct {
	h        http.Handler
	draining atomic.Bool
	srv      atomic.Pointer[http.Server] // the server of the last request, as noted in drainHandlers
}

// drainHandlers maps each *http.Server that served a request through a
// Handler to that Handler. Entries stay for the life of the process: a
// program has few servers.
var drainHandlers sync.Map

func (d *drainHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server); ok && d.srv.Load() != srv {
		d.srv.Store(srv)
		drainHandlers.Store(srv, d)
	}
	if d.draining.Load() {
		w.Header().Set("Connection", "close")
	}
	d.h.ServeHTTP(w, r)
}

// setLameDuck starts (on) or ends (off) srv's lame duck: with a Handler, its
// responses say "Connection: close"; without, keep-alives are off, and
// net/http closes the idle connections.
func setLameDuck(srv *http.Server, on bool) {
	d, ok := srv.Handler.(*drainHandler)
	if !ok {
		if v, found := drainHandlers.Load(srv); found {
			d, ok = v.(*drainHandler), true
		}
	}
	if ok {
		d.draining.Store(on)
		return
	}
	srv.SetKeepAlivesEnabled(!on)
}
