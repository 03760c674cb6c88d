package httpctl

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
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
// Every field's zero value means its default; a negative value means "none"
// (no bound, no cap, no budget) where the knob can be switched off, and the
// default where it cannot (MaxTries). Set the fields before the first
// request and do not change them after.
// A Transport is safe for concurrent use by many goroutines and should be
// reused, as it holds a connection pool; CloseIdleConnections releases it.
// A Transport must not be copied after first use.
//
// RoundTrip logs nothing. With no AttemptTimeout, RequestTimeout or Stats
// set, a request that succeeds at once costs no allocation beyond Base's.
//
// # What RoundTrip returns
//
// RoundTrip returns the first response it does not retry. When the Retry
// rule wants a retry that is not made, because MaxTries is reached, the
// retry budget is spent, a Retry-After asks for more than MaxRetryAfter,
// the wait would end past the request's deadline (RequestTimeout or the
// context's), or the body cannot be replayed, it returns the last attempt
// as it is, at once: its response (a 503, say, with its body), or, if it
// got none, its error inside an *Error. Stats.NoRetry says which case it
// was. RoundTrip reports a timeout only when one passed: a *TimeoutError
// when AttemptTimeout ended the last attempt or RequestTimeout ended an
// attempt or the draining of a response retried away, the context's error
// when the context ended during an attempt or a wait. Reading the
// returned body fails the same way when a timeout or the context ends it.
//
// A response that is retried away is drained (up to 64 KiB) before the
// next attempt, and the drain counts toward the wait. Its body is read
// under the attempt's deadline: with neither AttemptTimeout nor
// RequestTimeout nor a context deadline, a server that stalls that body
// stalls the request.
type Transport struct {
	// Base sends each attempt. If nil, a clone of http.DefaultTransport is
	// used. DialTimeout, TLSHandshakeTimeout and ResponseHeaderTimeout apply
	// to that clone, or to a clone of Base when Base is an *http.Transport
	// (Base itself is never modified); other RoundTrippers get only the
	// timeouts that a context can carry.
	Base http.RoundTripper

	// DialTimeout bounds establishing a connection. The default is the
	// base's (30s for http.DefaultTransport); 0 means the default, and a
	// negative value means no bound. With no Base, or Base set to
	// http.DefaultTransport itself, DialTimeout replaces the 30s. A
	// DialContext that another Base sets is kept (a Unix-socket or proxy
	// dialer keeps working) and bounded: it is given a context that ends
	// DialTimeout after the dial starts, and a bound the dialer sets itself
	// still applies, so a longer or negative DialTimeout cannot lift it
	// (that includes a clone of http.DefaultTransport, whose dialer has
	// the 30s bound). Base's deprecated Dial, which takes no context, is
	// kept unbounded; so is its DialTLSContext, which http.Transport uses
	// instead of DialContext for HTTPS.
	DialTimeout time.Duration
	// TLSHandshakeTimeout bounds the TLS handshake. The default is the
	// base's (10s for http.DefaultTransport); 0 means the default, and a
	// negative value means no bound.
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for the response's header once
	// the request is written. The default is the base's (none for
	// http.DefaultTransport); 0 means the default, and a negative value
	// means no bound.
	ResponseHeaderTimeout time.Duration

	// AttemptTimeout bounds one attempt, reading the response body
	// included. A timed-out attempt may be retried. The default is no
	// bound; 0 and negative values mean it.
	AttemptTimeout time.Duration
	// RequestTimeout bounds the whole request: every attempt, the waits
	// between them and reading the final body. The default is no bound; 0
	// and negative values mean it. A deadline on the request's context
	// applies as well; the earlier wins.
	RequestTimeout time.Duration

	// MaxTries is how many attempts a request may make in all; 1 turns
	// retries off. The default is 3; 0 and negative values mean it.
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
	// it is. The default is 10s; 0 means the default, and a negative value
	// means no cap (the wait is still bounded by RequestTimeout and the
	// request's context).
	MaxRetryAfter time.Duration
	// RetryBudget is the share of requests that may be retried, so that an
	// outage does not multiply the load on the failing service: each
	// request earns RetryBudget retries, each retry spends one, and at most
	// 10 are saved up. The default is 0.2; 0 means the default, and a
	// negative value means no budget (every retry allowed).
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
			t.base = t.configure(http.DefaultTransport.(*http.Transport), true)
		case *http.Transport:
			if t.DialTimeout != 0 || t.TLSHandshakeTimeout != 0 || t.ResponseHeaderTimeout != 0 {
				t.base = t.configure(b, b == http.DefaultTransport)
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

// configure returns a clone of base with the connection timeouts applied;
// isDefault says base is http.DefaultTransport. A clone keeps
// ForceAttemptHTTP2, so a new DialContext leaves HTTP/2 on.
func (t *Transport) configure(base *http.Transport, isDefault bool) *http.Transport {
	c := base.Clone()
	switch {
	case t.DialTimeout == 0:
		// The base's dialer as it is.
	case isDefault:
		// http.DefaultTransport's dialer has a bound of its own (30s),
		// which a longer or negative DialTimeout must lift: use the same
		// dialer with ours instead.
		c.DialContext = dialer(t.DialTimeout).DialContext
	case t.DialTimeout < 0:
		// No bound to add; one the caller's dialer sets itself is theirs.
	case c.DialContext != nil:
		c.DialContext = boundDial(c.DialContext, t.DialTimeout)
	//lint:ignore SA1019 Base's deprecated Dial is kept, so it is looked for
	case c.Dial != nil:
		// Dial takes no context, so it cannot be bounded: it is kept as it is.
	default:
		// No dialer: http.Transport would use a net.Dialer with no bound.
		c.DialContext = dialer(t.DialTimeout).DialContext
	}
	if t.TLSHandshakeTimeout != 0 {
		c.TLSHandshakeTimeout = max(t.TLSHandshakeTimeout, 0) // 0: none, for http.Transport
	}
	if t.ResponseHeaderTimeout != 0 {
		c.ResponseHeaderTimeout = max(t.ResponseHeaderTimeout, 0)
	}
	return c
}

// dialer returns a dialer like http.DefaultTransport's, bounded by d, or
// not at all if d is negative.
func dialer(d time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: max(d, 0), KeepAlive: 30 * time.Second}
}

// boundDial returns dial bounded by d: each dial gets a context that ends
// d after it starts. Ending that context once dial has returned is safe, as
// a DialContext's context covers only establishing the connection.
func boundDial(dial func(ctx context.Context, network, addr string) (net.Conn, error), d time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return dial(ctx, network, addr)
	}
}

// CloseIdleConnections closes the idle connections of the underlying
// transport, if it has any, without touching those in use.
func (t *Transport) CloseIdleConnections() {
	if c, ok := t.transport().(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// RoundTrip sends req, retrying as the Transport's rules allow, and returns
// the first response it does not retry, or an *Error, carrying an errs
// stack: when the last attempt got no response, when a timeout or the
// context ended the request during a wait, or when the body could not be
// replayed for a retry. The Transport's doc says which. Like every RoundTripper it does not change req, and it
// closes req.Body, also on error.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := t.prepare(req)
	for {
		c := t.attempt(&r)
		resp, err := r.send(c)
		wait, retry := t.decide(&r, resp, err)
		if !retry {
			if err != nil {
				c.release()
				return nil, r.fail(err)
			}
			return c.deliver(resp), nil
		}
		// The wait runs from now: draining the response retried away
		// is part of it.
		wake := time.Now().Add(wait)
		r.retire(c, resp, wait)
		if !r.deadline.IsZero() && !time.Now().Before(r.deadline) {
			// The drain ran into RequestTimeout (plan made sure the
			// wait itself ends before it).
			return nil, r.fail(t.requestCause)
		}
		if err := sleep(r.parent, time.Until(wake)); err != nil {
			return nil, r.fail(err)
		}
		if err := r.next(); err != nil {
			return nil, r.fail(err)
		}
	}
}

// A request is one RoundTrip's state across its attempts.
type request struct {
	req      *http.Request
	parent   context.Context // req's context
	base     http.RoundTripper
	tr       *tracer       // nil without a Stats hook
	deadline time.Time     // RequestTimeout's; zero if none
	tries    int           // how many attempts may be made
	try      int           // the current attempt, from 1
	body     io.ReadCloser // the current attempt's body
	last     int           // the status of the latest response retried away, 0 if none
}

// prepare starts req's RoundTrip: it sets the deadline, the tracer and the
// number of tries, and pays the request's share into the retry budget.
func (t *Transport) prepare(req *http.Request) request {
	base := t.transport()
	start := time.Now()
	r := request{req: req, parent: req.Context(), base: base, try: 1, body: req.Body}
	if t.Stats != nil {
		r.tr = t.tracer(req, start)
	}
	if t.RequestTimeout > 0 {
		r.deadline = start.Add(t.RequestTimeout)
	}
	share := t.RetryBudget
	if share == 0 {
		share = defaultRetryBudget
	}
	if share > 0 {
		t.budget.deposit(share)
	}
	r.tries = t.MaxTries
	if r.tries <= 0 {
		r.tries = defaultMaxTries
	}
	return r
}

// send makes attempt c and records how it ended. If the attempt's own
// deadline ended it, the error is that timeout.
func (r *request) send(c call) (*http.Response, error) {
	resp, err := r.base.RoundTrip(c.req)
	if err != nil {
		err = c.cause(err)
		resp = nil
	}
	if r.tr != nil {
		r.tr.attemptDone(r.try, resp, err)
	}
	return resp, err
}

// retire ends attempt c, which is to be retried after wait: its response,
// if any, is drained and closed, and its context released.
func (r *request) retire(c call, resp *http.Response, wait time.Duration) {
	if resp != nil {
		r.last = resp.StatusCode
		discard(resp)
	}
	c.release()
	if r.tr != nil {
		r.tr.retried(r.try, wait)
	}
}

// next readies r for its next attempt, with a fresh copy of the body.
func (r *request) next() error {
	if r.req.Body != nil && r.req.Body != http.NoBody {
		b, err := r.req.GetBody()
		if err != nil {
			return errs.Errorf("httpctl: replay body: %w", err)
		}
		r.body = b
	}
	r.try++
	return nil
}
