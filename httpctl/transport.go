package httpctl

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Transport is an http.RoundTripper that bounds every phase of a request
// with a timeout and retries the attempts that are safe to retry. Use it as
// an http.Client's Transport:
//
//	client := &http.Client{Transport: &httpctl.Transport{
//		DialTimeout:    time.Second,
//		AttemptTimeout: 2 * time.Second,
//		RequestTimeout: 5 * time.Second,
//	}}
//
// The zero value is ready to use: a clone of http.DefaultTransport (HTTP/2
// kept), three tries with exponential backoff, and a retry budget of 20%.
// Set the fields before the first request and do not change them after.
// A Transport is safe for concurrent use by many goroutines and should be
// reused, as it holds a connection pool; CloseIdleConnections releases it.
// A Transport must not be copied after first use.
//
// RoundTrip logs nothing. With no AttemptTimeout, RequestTimeout or Stats
// set, a request that succeeds at once costs no allocation beyond Base's.
type Transport struct {
	// Base sends each attempt. If nil, a clone of http.DefaultTransport is
	// used. DialTimeout, TLSHandshakeTimeout and ResponseHeaderTimeout apply
	// to that clone, or to a clone of Base when Base is an *http.Transport
	// (Base itself is never modified); other RoundTrippers get only the
	// timeouts that a context can carry.
	Base http.RoundTripper

	// DialTimeout bounds establishing a TCP connection; 0 keeps the base's
	// (30s for http.DefaultTransport).
	DialTimeout time.Duration
	// TLSHandshakeTimeout bounds the TLS handshake; 0 keeps the base's
	// (10s for http.DefaultTransport).
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for the response's header once
	// the request is written; 0 keeps the base's (none by default).
	ResponseHeaderTimeout time.Duration

	// AttemptTimeout bounds one attempt, reading the response body
	// included. A timed-out attempt may be retried. 0 means no bound.
	AttemptTimeout time.Duration
	// RequestTimeout bounds the whole request: every attempt, the waits
	// between them and reading the final body. 0 means no bound. A
	// deadline on the request's context applies as well; the earlier wins.
	RequestTimeout time.Duration

	// MaxTries is how many attempts a request may make in all. 0 (or less)
	// means 3; 1 turns retries off.
	MaxTries int
	// Retry decides whether an attempt is retried. nil means DefaultRetry:
	// idempotent requests, on network errors and 429, 502, 503, 504.
	// However Retry decides, a request whose body cannot be replayed (a Body
	// with no GetBody) is never retried.
	Retry func(*Attempt) bool
	// Backoff returns the wait after the try-th attempt (1 for the first)
	// before the next. nil means ExponentialBackoff(100ms, 5s). A response's
	// Retry-After header takes precedence.
	Backoff func(try int) time.Duration
	// MaxRetryAfter caps the Retry-After a response may ask for: a retry
	// that would wait longer is not made, and the response is returned as
	// it is. 0 means 10s.
	MaxRetryAfter time.Duration
	// RetryBudget is the share of requests that may be retried, so that an
	// outage does not multiply the load on the failing service: each
	// request earns RetryBudget retries, each retry spends one, and at most
	// 10 are saved up. 0 means 0.2; a negative value means no budget.
	RetryBudget float64

	// Stats, if set, is called once per request, when its outcome is
	// known: after the response body is closed or read to its end, or when
	// RoundTrip returns an error. It runs on the goroutine that closed the
	// body or called RoundTrip and should be quick. The *Stats is valid
	// only until the hook returns (it is reused for later requests); copy
	// what you keep, with Stats.Clone for all of it.
	Stats func(*Stats)

	once    sync.Once
	base    http.RoundTripper
	budget  budget
	tracers *sync.Pool // reusable tracers; nil unless base is an *http.Transport

	// The causes of the attempts' deadlines: immutable, so one of each
	// serves every request.
	attemptCause, requestCause *TimeoutError
}

// transport returns the RoundTripper that sends attempts, building it on
// first use.
func (t *Transport) transport() http.RoundTripper {
	t.once.Do(func() {
		t.attemptCause = &TimeoutError{Kind: "attempt", Limit: t.AttemptTimeout}
		t.requestCause = &TimeoutError{Kind: "request", Limit: t.RequestTimeout}
		switch b := t.Base.(type) {
		case nil:
			t.base = t.configure(http.DefaultTransport.(*http.Transport))
		case *http.Transport:
			if t.DialTimeout > 0 || t.TLSHandshakeTimeout > 0 || t.ResponseHeaderTimeout > 0 {
				t.base = t.configure(b)
			} else {
				t.base = b
			}
		default:
			t.base = b
		}
		if _, ok := t.base.(*http.Transport); ok {
			t.tracers = new(sync.Pool)
		}
	})
	return t.base
}

// configure returns a clone of base with the connection timeouts applied.
// A clone keeps ForceAttemptHTTP2, so a custom DialContext leaves HTTP/2 on.
func (t *Transport) configure(base *http.Transport) *http.Transport {
	c := base.Clone()
	if t.DialTimeout > 0 {
		d := &net.Dialer{Timeout: t.DialTimeout, KeepAlive: 30 * time.Second}
		c.DialContext = d.DialContext
	}
	if t.TLSHandshakeTimeout > 0 {
		c.TLSHandshakeTimeout = t.TLSHandshakeTimeout
	}
	if t.ResponseHeaderTimeout > 0 {
		c.ResponseHeaderTimeout = t.ResponseHeaderTimeout
	}
	return c
}

// CloseIdleConnections closes the idle connections of the underlying
// transport, if it has any, without touching those in use.
func (t *Transport) CloseIdleConnections() {
	if c, ok := t.transport().(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// RoundTrip sends req, retrying as the Transport's rules allow, and returns
// the first response it does not retry, or an error (a *Error, carrying an
// errs stack) if there is none. Like every RoundTripper it does not change
// req, and it closes req.Body, also on error.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.transport()
	start := time.Now()
	parent := req.Context()

	var tr *tracer
	if t.Stats != nil {
		tr = t.tracer(req, start)
	}
	var deadline time.Time // RequestTimeout's
	if t.RequestTimeout > 0 {
		deadline = start.Add(t.RequestTimeout)
	}
	share := t.RetryBudget
	if share == 0 {
		share = defaultRetryBudget
	}
	if share > 0 {
		t.budget.deposit(share)
	}
	tries := t.MaxTries
	if tries <= 0 {
		tries = defaultMaxTries
	}

	lastStatus := 0
	body := req.Body
	for try := 1; ; try++ {
		c := t.attempt(req, body, try, deadline, tr)
		resp, err := base.RoundTrip(c.req)
		if err != nil {
			err = c.cause(err)
			resp = nil
		}
		if tr != nil {
			tr.attemptDone(try, resp, err)
		}

		wanted, why := false, ""
		if parent.Err() == nil && (try < tries || tr != nil) {
			wanted = t.wants(req, try, resp, err)
		}
		var wait time.Duration
		switch {
		case !wanted:
		case try >= tries:
			why = "max tries"
		default:
			wait, why = t.plan(req, try, resp, deadline)
		}
		retry := wanted && why == ""
		if tr != nil && why != "" {
			tr.noRetry(why)
		}
		if !retry {
			if why == "deadline" {
				// The next attempt could not start before the deadline:
				// fail now rather than sleep into it.
				st := lastStatus
				if resp != nil {
					st = resp.StatusCode
					discard(resp)
				}
				c.release()
				return nil, t.fail(tr, try, st, t.deadlineCause(parent, deadline))
			}
			if err != nil {
				c.release()
				return nil, t.fail(tr, try, lastStatus, err)
			}
			return c.deliver(resp), nil
		}

		if resp != nil {
			lastStatus = resp.StatusCode
			discard(resp)
		}
		c.release()
		if tr != nil {
			tr.retried(try, wait)
		}
		if err := sleep(parent, wait); err != nil {
			return nil, t.fail(tr, try, lastStatus, err)
		}
		if req.Body != nil && req.Body != http.NoBody {
			b, err := req.GetBody()
			if err != nil {
				return nil, t.fail(tr, try, lastStatus, errs.Errorf("httpctl: replay body: %w", err))
			}
			body = b
		}
	}
}

// tracer returns a tracer for req, from the pool when it may be reused:
// the base is an *http.Transport (whose behaviour the reuse rule relies
// on) and req's context holds no trace of its own to compose with ours.
func (t *Transport) tracer(req *http.Request, start time.Time) *tracer {
	var tr *tracer
	if t.tracers != nil && httptrace.ContextClientTrace(req.Context()) == nil {
		tr, _ = t.tracers.Get().(*tracer)
		if tr == nil {
			tr = newTracer(t.Stats, t.tracers)
		}
	} else {
		tr = newTracer(t.Stats, nil)
	}
	tr.begin(req, start)
	return tr
}

// wants applies the Retry rule to an attempt. Each branch has its own
// Attempt so that DefaultRetry's does not escape to the heap.
func (t *Transport) wants(req *http.Request, try int, resp *http.Response, err error) bool {
	if t.Retry != nil {
		a := &Attempt{Request: req, Try: try, Response: resp, Err: err}
		return t.Retry(a)
	}
	a := Attempt{Request: req, Try: try, Response: resp, Err: err}
	return DefaultRetry(&a)
}

// plan decides whether a retry the Retry rule wants can be made, and how
// long to wait before it. A non-empty reason says why not.
func (t *Transport) plan(req *http.Request, try int, resp *http.Response, deadline time.Time) (wait time.Duration, reason string) {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return 0, "body not replayable"
	}
	if t.Backoff != nil {
		wait = t.Backoff(try)
	} else {
		wait = defaultBackoff(try)
	}
	if resp != nil {
		if v := resp.Header.Get("Retry-After"); v != "" {
			if ra, ok := parseRetryAfter(v, time.Now()); ok {
				limit := t.MaxRetryAfter
				if limit <= 0 {
					limit = defaultMaxRetryAfter
				}
				if ra > limit {
					return 0, "retry-after too long"
				}
				wait = ra
			}
		}
	}
	if d, ok := earliest(req.Context(), deadline); ok && !time.Now().Add(wait).Before(d) {
		return 0, "deadline"
	}
	if t.RetryBudget >= 0 && !t.budget.withdraw() {
		return 0, "budget"
	}
	return wait, ""
}

// earliest returns the earlier of ctx's deadline and d, if either is set.
func earliest(ctx context.Context, d time.Time) (time.Time, bool) {
	cd, ok := ctx.Deadline()
	switch {
	case !ok:
		return d, !d.IsZero()
	case d.IsZero() || cd.Before(d):
		return cd, true
	}
	return d, true
}

// deadlineCause is the error for a retry that the deadline left no room for.
func (t *Transport) deadlineCause(parent context.Context, deadline time.Time) error {
	if cd, ok := parent.Deadline(); ok && (deadline.IsZero() || cd.Before(deadline)) {
		return context.DeadlineExceeded
	}
	return t.requestCause
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// fail builds RoundTrip's error and reports it to the Stats hook. The errs
// stack goes inside the *Error rather than around it, so that the *Error is
// what url.Error holds and its Timeout method is seen.
func (t *Transport) fail(tr *tracer, attempts, lastStatus int, err error) error {
	e := &Error{Attempts: attempts, LastStatus: lastStatus, Err: errs.WrapSkip(err, 1)}
	if tr != nil {
		tr.finish(0, e)
	}
	return e
}

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

// attempt prepares one attempt. It makes a request of its own only when the
// attempt needs another context (a timeout or tracing) or another body (a
// retry); the first attempt of a plain request sends req itself.
func (t *Transport) attempt(req *http.Request, body io.ReadCloser, try int, deadline time.Time, tr *tracer) call {
	c := call{req: req, parent: req.Context(), tr: tr}
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
		r := req.WithContext(ctx)
		r.Body = body
		c.req = r
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
