package graceful

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Shutdown drains srv without failing a request on a keep-alive connection.
//
// First, for lameDuck, srv keeps serving, but answers every request with
// "Connection: close" and closes the connection after it (over HTTP/2, it
// sends the connection a GOAWAY), so that each client learns, with a
// complete response, to open its next connection elsewhere: to the next
// generation, or to another instance behind the load balancer. Then
// Shutdown calls srv.Shutdown, which closes the listeners, sends HTTP/2
// clients a GOAWAY, closes idle connections and waits for the requests in
// flight. Connections that never sent a byte are closed at that point too,
// if they come from a listener of [Upgrader.Listen]: net/http alone would
// keep them for 5 seconds. If ctx ends first, srv.Close closes what is
// left and Shutdown returns an error wrapping ctx's.
//
// How the lame duck tells clients depends on srv.Handler:
//
//   - If it is a [Handler], each response gets "Connection: close" and
//     no connection is closed under its client: an idle one is told on its
//     next request. This is safe on any listener, over HTTP/1.1 and
//     HTTP/2, with or without TLS.
//   - Otherwise keep-alives are turned off, and net/http closes every
//     connection that is idle between two requests at once, while a client
//     may be sending its next request on it. That is safe only for plain
//     HTTP/1.1 on listeners from an [Upgrader] whose generation has stopped
//     accepting (after a successful Upgrade or Stop): those listeners keep
//     each such connection open until its client either sends another
//     request, which srv then answers with "Connection: close", or closes
//     it. Elsewhere, and with TLS, a client that sends a request at that
//     moment sees the connection fail, as with a bare srv.Shutdown.
//
// A lameDuck <= 0 skips the lame duck. When it runs out, the connections
// still idle are closed by srv.Shutdown, and a client sending on one at
// that moment sees it fail: choose a lameDuck longer than your clients'
// quiet spells.
//
// Shutdown works with any http.Server on any platform. [Upgrader.Shutdown]
// does the same, but ends the lame duck as soon as it has nothing left to
// do.
func Shutdown(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	return shutdown(ctx, srv, lameDuck, nil, nil, nil)
}

// Shutdown drains srv as the package-level [Shutdown] does, except that the
// lame duck ends early once every listener u's Listen returned is quiet: it
// stopped accepting (after a successful Upgrade, or after Stop) and every
// connection it accepted is closed, so that each client has been told or
// has gone. A generation under steady load then exits as soon as its
// clients have moved elsewhere, within milliseconds, instead of serving out
// the whole period. A connection that is silent, idle or has a request in
// flight keeps the lame duck going, up to lameDuck.
//
// So choose a lameDuck longer than your clients' quiet spells: it costs
// nothing under steady traffic. When it runs out, the connections still
// idle are closed, and a client that sends its next request at that moment
// sees its connection fail: the one window that remains, which only a
// client that retries can close. How often it opens depends on the clients:
// in examples/graceful's under-load tests (50 busy keep-alive clients, 2
// saturated cores, a 5 s lame duck), none of 1,150 lame ducks ran out in
// 100 runs. With [WithLogger], Shutdown logs how the
// lame duck ended: "lame duck over" at Info once every client was told,
// or at Warn with the connections still open when it ran out.
//
// Call [Upgrader.Stop] first, or drain after a handover: while a listener
// accepts, the lame duck does not end early (and, without [Handler], is
// not safe; see [Shutdown]). Wrap srv's handler with [Handler] to make the
// drain safe over TLS and HTTP/2 as well: the listener tracks the
// connections below TLS, so the lame duck still ends as soon as every
// client has moved. It waits for every listener of u, whichever server serves
// it: with several servers on one Upgrader, drain them concurrently. And
// use it for a server that serves only listeners from u: connections from
// other listeners are not seen, and their clients may not all have been
// told when the lame duck ends.
//
// If the next generation dies (a signal, or a non-zero exit status) after
// the handover and before the lame duck is over, this generation serves
// again (Linux only): the lame duck ends, responses no longer say
// "Connection: close", the listeners accept, the PID file and systemd name
// this process, and Shutdown returns [ErrResumed] without shutting srv
// down. Go back to serving and waiting for [Upgrader.Exit], which has a
// new channel. Once the lame duck is over it is too late: the death is
// logged, and nobody serves.
func (u *Upgrader) Shutdown(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	start := time.Now()
	u.mu.Lock()
	died := u.nextDied
	u.mu.Unlock()
	return shutdown(ctx, srv, lameDuck, u.listenersQuiet, died, func(told bool) bool {
		u.mu.Lock()
		if died != nil && isClosed(died) {
			u.resumeLocked()
			u.mu.Unlock()
			return false
		}
		u.committed = true
		u.mu.Unlock()
		if lameDuck <= 0 {
			return true
		}
		if told {
			u.logAttrs(slog.LevelInfo, "lame duck over", slog.Int("pid", u.pid), slog.Bool("told", true),
				slog.Duration("duration", time.Since(start)))
		} else {
			u.logAttrs(slog.LevelWarn, "lame duck over", slog.Int("pid", u.pid), slog.Bool("told", false),
				slog.Int("open", u.openConns()), slog.Duration("duration", time.Since(start)))
		}
		return true
	})
}

// isClosed reports whether ch is closed.
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// listeners returns the listeners that Listen returned.
func (u *Upgrader) listeners() []*listener {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.listenersLocked()
}

// listenersLocked is listeners with u.mu held.
func (u *Upgrader) listenersLocked() []*listener {
	var ls []*listener
	for _, s := range u.sockets {
		if s.ln != nil {
			ls = append(ls, s.ln)
		}
	}
	return ls
}

// openConns counts the connections the listeners of u accepted that are
// still open.
func (u *Upgrader) openConns() int {
	n := 0
	for _, l := range u.listeners() {
		l.mu.Lock()
		n += len(l.conns)
		l.mu.Unlock()
	}
	return n
}

// listenersQuiet reports whether every listener of u is quiet (see
// listener.isQuietLocked), and returns a channel closed at the next change
// that may make it so. With no listener nothing is known: false.
func (u *Upgrader) listenersQuiet() (<-chan struct{}, bool) {
	changed := u.quiet.wait() // before looking at the listeners
	ls := u.listeners()
	if len(ls) == 0 {
		return changed, false // nothing is known of srv's connections
	}
	for _, l := range ls {
		if !l.isQuiet() {
			return changed, false
		}
	}
	return changed, true
}

// shutdown is Shutdown. If quiet is not nil, the lame duck ends once it
// reports true; until then, the channel it returns is closed at the next
// change worth asking again. The lame duck also ends when abort is closed.
// If proceed is not nil, it is asked after the lame duck, told whether
// quiet reported true: false means serve on, and shutdown then enables
// keep-alives again and returns ErrResumed instead of shutting srv down.
func shutdown(ctx context.Context, srv *http.Server, lameDuck time.Duration, quiet func() (<-chan struct{}, bool),
	abort <-chan struct{}, proceed func(told bool) bool) error {
	setLameDuck(srv, true)
	told := false
	if lameDuck > 0 {
		t := time.NewTimer(lameDuck)
	lame:
		for {
			var changed <-chan struct{} // nil: wait for the timer
			if quiet != nil {
				if changed, told = quiet(); told {
					break lame
				}
			}
			select {
			case <-t.C:
				break lame
			case <-ctx.Done():
				break lame
			case <-abort:
				break lame
			case <-changed:
			}
		}
		t.Stop()
	}
	if proceed != nil && !proceed(told) {
		setLameDuck(srv, false)
		return errs.Wrap(ErrResumed)
	}
	err := srv.Shutdown(ctx)
	if ctx.Err() != nil {
		// Whatever still runs is cut off: the caller's bound is up.
		srv.Close()
		return errs.Errorf("graceful: shutdown: %w", context.Cause(ctx))
	}
	if err != nil {
		return errs.Wrap(err)
	}
	return nil
}
