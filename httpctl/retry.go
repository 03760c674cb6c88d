package httpctl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// An Attempt is one try of a request, as the Retry function sees it.
type Attempt struct {
	// Request is the caller's request.
	Request *http.Request
	// Try counts from 1.
	Try int
	// Response is the attempt's response, or nil if Err is set. Retry may
	// read its status and header but not its body: if Retry returns true
	// the body is drained and closed, otherwise the response goes to the
	// caller.
	Response *http.Response
	// Err is the attempt's error, or nil if there is a Response.
	Err error
}

// DefaultRetry is the retry rule a Transport uses when its Retry field is
// nil. It retries only requests that are safe to send twice: GET, HEAD,
// OPTIONS, TRACE, PUT and DELETE, or any request with an Idempotency-Key
// header. Of those it retries the ones whose attempt
//
//   - got 429 Too Many Requests, 502 Bad Gateway, 503 Service Unavailable or
//     504 Gateway Timeout, or
//   - failed on the network before a response: a refused, reset or dropped
//     connection, a timeout of the attempt (AttemptTimeout), or a temporary
//     DNS failure.
//
// It does not retry a request whose context is done, a request that
// exceeded RequestTimeout, a host that does not exist, or a failed TLS
// certificate check: waiting does not change those. The decision is made
// on error types, never on error text.
func DefaultRetry(a *Attempt) bool {
	if !Idempotent(a.Request) {
		return false
	}
	if a.Err == nil {
		if a.Response == nil {
			return false
		}
		switch a.Response.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return retryableError(a.Err)
}

// Idempotent reports whether req may be sent more than once: its method is
// GET, HEAD, OPTIONS, TRACE, PUT or DELETE, or it carries an
// Idempotency-Key header.
func Idempotent(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace,
		http.MethodPut, http.MethodDelete:
		return true
	}
	return req.Header.Get("Idempotency-Key") != ""
}

func retryableError(err error) bool {
	var te *TimeoutError
	if errors.As(err, &te) {
		return te.Kind == "attempt"
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the caller's context: the caller gave up
	}
	var (
		dnsErr      *net.DNSError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		certErr     x509.CertificateInvalidError
		verifyErr   *tls.CertificateVerificationError
		recordErr   tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr),
		errors.As(err, &certErr), errors.As(err, &verifyErr), errors.As(err, &recordErr):
		return false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

// decide reports whether r's current attempt, which ended with resp or
// err, is retried, and after what wait. A retry that the Retry rule wants
// but that cannot be made is recorded as the Stats' NoRetry; the attempt
// is then returned as it is (see the Transport's doc).
func (t *Transport) decide(r *request, resp *http.Response, err error) (wait time.Duration, retry bool) {
	// Once the caller gave up, nothing is retried. After the last try the
	// Retry rule is asked only to tell the Stats hook that it would have
	// retried ("max tries").
	if r.parent.Err() != nil || (r.try >= r.tries && r.tr == nil) {
		return 0, false
	}
	if !t.wants(r.req, r.try, resp, err) {
		return 0, false
	}
	why := "max tries"
	if r.try < r.tries {
		wait, why = t.plan(r.req, r.try, resp, r.deadline)
	}
	if why != "" {
		if r.tr != nil {
			r.tr.noRetry(why)
		}
		return 0, false
	}
	return wait, true
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
// long to wait before it. A non-empty reason says why not: the reasons
// are those Stats.NoRetry lists.
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
				if limit == 0 {
					limit = defaultMaxRetryAfter
				}
				if limit > 0 && ra > limit {
					return 0, "retry-after too long"
				}
				wait = ra
			}
		}
	}
	// Sleeping into the deadline would only turn the response in hand
	// into a timeout: give up now and return it.
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

// sleep waits for d, the wait before a retry, or until ctx is done.
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

// The defaults of the Transport's fields, and the exponential backoff's.
const (
	defaultMaxRetryAfter = 10 * time.Second
	defaultMaxTries      = 3
	defaultRetryBudget   = 0.2
	backoffBase          = 100 * time.Millisecond
	backoffCap           = 5 * time.Second
)

// ExponentialBackoff returns a Backoff function that waits a random time
// between 0 and min(max, base<<(try-1)) after the try-th attempt: "full
// jitter", which spreads the retries of many clients instead of sending
// them in waves.
func ExponentialBackoff(base, max time.Duration) func(try int) time.Duration {
	return func(try int) time.Duration {
		ceiling := max
		if shift := try - 1; shift < 62 && base > 0 && base<<shift > 0 && base<<shift < max {
			ceiling = base << shift
		}
		if ceiling <= 0 {
			return 0
		}
		return rand.N(ceiling + 1)
	}
}

var defaultBackoff = ExponentialBackoff(backoffBase, backoffCap)

// parseRetryAfter reads a Retry-After header value: a number of seconds or
// an HTTP date (any of the three formats of RFC 9110). A date in the past
// means now. It reports false for a value that is neither.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		secs, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return math.MaxInt64, true
			}
			return 0, false
		}
		if secs > uint64(math.MaxInt64/int64(time.Second)) {
			return math.MaxInt64, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// A budget limits retries to a share of requests: every request adds share
// tokens, every retry takes one, and the balance is capped, so that when a
// service fails the retries it receives stay a fraction of its load instead
// of multiplying it. It holds thousandths of a token.
type budget struct {
	milli atomic.Int64
	init  atomic.Bool
}

// budgetCap is the most retries a budget saves up: a burst a client at rest
// may spend at once.
const budgetCap = 10 * 1000

func (b *budget) deposit(share float64) {
	if !b.init.Load() && b.init.CompareAndSwap(false, true) {
		b.milli.Add(budgetCap) // start full: a quiet client may retry
	}
	add := int64(share * 1000)
	for {
		cur := b.milli.Load()
		next := min(cur+add, budgetCap)
		if next == cur || b.milli.CompareAndSwap(cur, next) {
			return
		}
	}
}

// withdraw takes one retry's token, or reports false if there is none.
func (b *budget) withdraw() bool {
	for {
		cur := b.milli.Load()
		if cur < 1000 {
			return false
		}
		if b.milli.CompareAndSwap(cur, cur-1000) {
			return true
		}
	}
}
