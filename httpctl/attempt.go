package httpctl

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// maxDrain bounds how much of a discarded response is read so that its
// connection can be reused; a longer body closes the connection instead.
const maxDrain = 64 << 10

// discard drains (up to maxDrain) and closes the body of a response that
// will not be returned.
func discard(resp *http.Response) {
	io.CopyN(io.Discard, resp.Body, maxDrain)
	resp.Body.Close()
}

// call is one attempt's request and what must happen when it ends.
type call struct {
	req    *http.Request
	parent context.Context
	ctx    context.Context // nil: the attempt has no context of its own
	cancel context.CancelFunc
	tr     *tracer
}

// attempt prepares r's current attempt: its deadline, its trace and its
// body. It makes a request of its own only when the attempt needs another
// context (a timeout or tracing) or another body (a retry); the first
// attempt of a plain request sends r's request itself.
func (t *Transport) attempt(r *request) call {
	req, body, deadline, tr := r.req, r.body, r.deadline, r.tr
	c := call{req: req, parent: r.parent, tr: tr}
	var d time.Time
	var cause error
	if t.AttemptTimeout > 0 {
		d = time.Now().Add(t.AttemptTimeout)
		cause = t.attemptCause
	}
	if !deadline.IsZero() && (d.IsZero() || deadline.Before(d)) {
		d = deadline
		cause = t.requestCause
	}
	ctx := c.parent
	if !d.IsZero() {
		ctx, c.cancel = context.WithDeadlineCause(ctx, d, cause)
		c.ctx = ctx
	}
	if tr != nil {
		ctx = tr.startAttempt(ctx)
	}
	if ctx != c.parent || body != req.Body {
		ar := req.WithContext(ctx)
		ar.Body = body
		c.req = ar
	}
	return c
}

// cause replaces the error of an attempt whose own deadline passed with the
// timeout that caused it.
func (c call) cause(err error) error {
	if c.ctx != nil && c.ctx.Err() != nil && c.parent.Err() == nil {
		var te *TimeoutError
		if errors.As(context.Cause(c.ctx), &te) {
			return te
		}
	}
	if c.parent.Err() != nil {
		if cause := context.Cause(c.parent); cause != nil && !errors.Is(err, cause) {
			return errors.Join(cause, err)
		}
	}
	return err
}

// release ends an attempt that returns no response.
func (c call) release() {
	if c.cancel != nil {
		c.cancel()
	}
}

// deliver returns resp to the caller. If the attempt has a context to
// cancel or a tracer to finish, the body is wrapped to do so when it is
// read to its end or closed.
func (c call) deliver(resp *http.Response) *http.Response {
	if c.cancel == nil && c.tr == nil {
		return resp
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		// The body is the connection itself (an io.ReadWriteCloser) and
		// must stay one. The attempt's deadline keeps applying.
		if c.tr != nil {
			c.tr.finish(resp.StatusCode, nil)
		}
		return resp
	}
	resp.Body = &body{rc: resp.Body, call: c, status: resp.StatusCode}
	return resp
}

// body is a response body that ends its attempt when it is done.
type body struct {
	rc     io.ReadCloser
	call   call
	status int
	ended  atomic.Bool
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	switch {
	case err == io.EOF:
		b.end(nil)
	case err != nil:
		err = b.call.cause(err)
		b.end(err)
	}
	return n, err
}

func (b *body) Close() error {
	err := b.rc.Close()
	b.end(nil)
	return err
}

func (b *body) end(err error) {
	if !b.ended.CompareAndSwap(false, true) {
		return
	}
	if b.call.cancel != nil {
		b.call.cancel()
	}
	if b.call.tr != nil {
		b.call.tr.finish(b.status, err)
	}
}
