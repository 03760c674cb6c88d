package graceful

import (
	"context"
	"net/http"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Shutdown drains srv without failing a request on a keep-alive connection.
//
// First, for lameDuck, srv keeps serving, but answers every request with
// "Connection: close" and closes the connection after it, so that each
// client learns, with a complete response, to open its next connection
// elsewhere: to the next generation, or to another instance behind the load
// balancer. Then Shutdown calls srv.Shutdown, which closes the listeners,
// sends HTTP/2 clients a GOAWAY, closes idle connections and waits for the
// requests in flight. Connections that never sent a byte are closed at that
// point too, if they come from a listener of [Upgrader.Listen]: net/http
// alone would keep them for 5 seconds. If ctx ends first, srv.Close closes
// what is left and Shutdown returns an error wrapping ctx's.
//
// The lame duck is safe only with listeners from an [Upgrader] whose
// generation has stopped accepting, after a successful Upgrade or Stop: when
// keep-alives are disabled, net/http closes the connections that are idle
// between two requests at once, and those listeners keep each such
// connection open until its client either sends another request, which srv
// then answers with "Connection: close", or closes it. Elsewhere, and with
// TLS (whose connections cannot be kept open that way), a client that
// sends a request at the moment its idle connection is closed sees the
// connection fail, as with a bare srv.Shutdown. A lameDuck <= 0 skips the
// lame duck.
//
// The lame duck ends early once it has nothing left to do: when every
// listener that Upgrader.Listen returned in this process has stopped
// accepting and each connection it accepted is closed, every client has
// either been told or gone. A generation under steady load then exits as
// soon as its clients have moved, rather than serving the whole period.
// (Connections from listeners that did not come from Listen are not seen:
// if srv serves such listeners too, their clients may not all have been
// told when the lame duck ends.)
//
// Shutdown works with any http.Server on any platform.
func Shutdown(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	srv.SetKeepAlivesEnabled(false)
	if lameDuck > 0 {
		t := time.NewTimer(lameDuck)
	lame:
		for changed, ok := listenersQuiet(); !ok; changed, ok = listenersQuiet() {
			select {
			case <-t.C:
				break lame
			case <-ctx.Done():
				break lame
			case <-changed:
			}
		}
		t.Stop()
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
