package httpctl

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"
)

// Stats describes one request: its attempts, where their time went, and
// how it ended. A Transport's Stats hook receives one per request.
type Stats struct {
	// Request is the caller's request.
	Request *http.Request
	// Attempts holds one entry per attempt, in order.
	Attempts []AttemptStats
	// StatusCode is the status of the response returned, 0 if none.
	StatusCode int
	// Err is RoundTrip's error, or the error that ended reading the
	// returned body; nil for a request that succeeded.
	Err error
	// Duration runs from the start of RoundTrip until the body was read to
	// its end or closed, or until RoundTrip returned an error.
	Duration time.Duration
	// NoRetry says why an attempt the Retry rule wanted to retry was not
	// retried: "max tries", "budget", "deadline", "retry-after too long" or
	// "body not replayable". Empty if no retry was refused.
	NoRetry string
}

// AttemptStats describes one attempt. Phase durations are zero when the
// phase did not happen, as with a reused connection.
type AttemptStats struct {
	Start      time.Time
	DNS        time.Duration // resolving the host name
	Connect    time.Duration // establishing the TCP connection
	TLS        time.Duration // the TLS handshake
	Reused     bool          // the attempt used a pooled connection (it neither resolved nor dialled)
	FirstByte  time.Duration // from Start to the response's first byte
	Body       time.Duration // from the first byte until the body was done (the returned response only)
	StatusCode int           // 0 if the attempt got no response
	Err        error         // the attempt's error
	Retry      bool          // the attempt was retried
	Wait       time.Duration // the wait before the next attempt
}

// Clone returns a deep copy of s that stays valid after the Stats hook
// returns.
func (s *Stats) Clone() *Stats {
	c := *s
	c.Attempts = append([]AttemptStats(nil), s.Attempts...)
	return &c
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

// A tracer collects a request's Stats. Trace callbacks can come from other
// goroutines (a dial may finish after its attempt gave up), so every field
// below mu is guarded by it, and callbacks that arrive after the request
// finished are dropped.
//
// Phases are measured between trace events: DNS from the attempt's start to
// the resolution, connect from there to the connection, TLS from there to
// the end of the handshake. That needs fewer callbacks than timing each
// phase from its own start event.
//
// # Allocations
//
// httptrace.WithClientTrace costs four allocations per attempt, and the
// trace's closures one each. So a tracer is built once, with its closures
// and with its trace already installed in a context of its own (vals), and
// is reused through the Transport's pool: an attempt then costs a single
// small allocation, the tracedCtx that joins vals to the attempt's context.
//
// A tracer may be reused only when no callback of its request can still
// arrive, since its closures cannot tell one request from the next. An
// http.Transport dials with the request's context values, and a dial it
// starts outlives the request if another connection serves the request
// first; its callbacks then come late. So a tracer goes back to the pool
// only after a request with one attempt that succeeded and either never
// asked for a connection (HTTP/2 on a cached connection) or got an idle
// HTTP/1 connection at once (WasIdle, which net/http reports only when no
// dial was queued). Anything else, including a request whose context
// already holds a ClientTrace (it is composed with ours per attempt), leaves
// the tracer to the garbage collector.
type tracer struct {
	hook  func(*Stats)
	trace httptrace.ClientTrace
	vals  context.Context // trace installed in an empty context; nil if the tracer is not pooled
	pool  *sync.Pool      // where t goes back after its request
	buf   [2]AttemptStats // Attempts' first backing array

	mu      sync.Mutex
	start   time.Time
	stats   Stats
	mark    time.Time // the latest event of the current attempt
	first   time.Time // the current attempt's first response byte
	done    bool
	getConn bool // the current attempt asked for a connection
	wasIdle bool // ... and got an idle one at once
	proto   int  // the current attempt's response's major HTTP version
}

// newTracer returns a tracer for hook, to be reused through pool if pool is
// not nil.
func newTracer(hook func(*Stats), pool *sync.Pool) *tracer {
	t := &tracer{hook: hook, pool: pool}
	t.trace = httptrace.ClientTrace{
		GetConn: func(string) {
			t.current(func(*AttemptStats) { t.getConn = true })
		},
		GotConn: func(info httptrace.GotConnInfo) {
			t.current(func(a *AttemptStats) {
				a.Reused = info.Reused
				t.wasIdle = info.WasIdle
			})
		},
		DNSDone: func(httptrace.DNSDoneInfo) {
			t.phase(func(a *AttemptStats, d time.Duration) { a.DNS = d })
		},
		ConnectDone: func(string, string, error) {
			t.phase(func(a *AttemptStats, d time.Duration) { a.Connect = d })
		},
		TLSHandshakeDone: func(tls.ConnectionState, error) {
			t.phase(func(a *AttemptStats, d time.Duration) { a.TLS = d })
		},
		GotFirstResponseByte: func() {
			now := time.Now()
			t.current(func(a *AttemptStats) {
				a.FirstByte = now.Sub(a.Start)
				t.first = now
			})
		},
	}
	if pool != nil {
		t.vals = httptrace.WithClientTrace(context.Background(), &t.trace)
	}
	return t
}

// begin readies t for a request that started at start.
func (t *tracer) begin(req *http.Request, start time.Time) {
	t.mu.Lock()
	t.start = start
	t.stats = Stats{Request: req, Attempts: t.buf[:0]}
	t.done = false
	t.mu.Unlock()
}

// startAttempt records the start of an attempt and returns ctx with the
// request's trace.
func (t *tracer) startAttempt(ctx context.Context) context.Context {
	now := time.Now()
	t.mu.Lock()
	t.stats.Attempts = append(t.stats.Attempts, AttemptStats{Start: now})
	t.mark, t.first = now, time.Time{}
	t.getConn, t.wasIdle, t.proto = false, false, 0
	t.mu.Unlock()
	if t.vals != nil {
		return &tracedCtx{Context: ctx, vals: t.vals}
	}
	// ctx holds another trace, which WithClientTrace composes into the
	// trace it is given: give it a copy, so that each attempt composes
	// once and no callback in flight sees the hooks change.
	trace := t.trace
	return httptrace.WithClientTrace(ctx, &trace)
}

// tracedCtx is an attempt's context with a pooled tracer's trace values.
type tracedCtx struct {
	context.Context
	vals context.Context
}

func (c *tracedCtx) Value(key any) any {
	if v := c.vals.Value(key); v != nil {
		return v
	}
	return c.Context.Value(key)
}

// phase records the time since the previous event in the current attempt.
func (t *tracer) phase(f func(*AttemptStats, time.Duration)) {
	now := time.Now()
	t.current(func(a *AttemptStats) {
		f(a, now.Sub(t.mark))
		t.mark = now
	})
}

// current applies f to the latest attempt unless the request has finished.
func (t *tracer) current(f func(*AttemptStats)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.done && len(t.stats.Attempts) > 0 {
		f(&t.stats.Attempts[len(t.stats.Attempts)-1])
	}
}

// update applies f to attempt i unless the request has finished.
func (t *tracer) update(i int, f func(*AttemptStats)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.done && i < len(t.stats.Attempts) {
		f(&t.stats.Attempts[i])
	}
}

// attemptDone records how attempt try ended.
func (t *tracer) attemptDone(try int, resp *http.Response, err error) {
	t.update(try-1, func(a *AttemptStats) {
		a.Err = err
		if resp != nil {
			a.StatusCode = resp.StatusCode
			t.proto = resp.ProtoMajor
		}
	})
}

// retried marks attempt try as retried after wait.
func (t *tracer) retried(try int, wait time.Duration) {
	t.update(try-1, func(a *AttemptStats) {
		a.Retry = true
		a.Wait = wait
	})
}

func (t *tracer) noRetry(why string) {
	t.mu.Lock()
	t.stats.NoRetry = why
	t.mu.Unlock()
}

// finish completes the Stats and hands them to the hook, once, then puts t
// back in its pool if it may be reused (see the type's doc).
func (t *tracer) finish(status int, err error) {
	now := time.Now()
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return
	}
	t.done = true
	t.stats.StatusCode = status
	t.stats.Err = err
	t.stats.Duration = now.Sub(t.start)
	n := len(t.stats.Attempts)
	if n > 0 && status != 0 && !t.first.IsZero() {
		t.stats.Attempts[n-1].Body = now.Sub(t.first)
	}
	reusable := t.vals != nil && err == nil && n == 1 &&
		status != 0 && status != http.StatusSwitchingProtocols &&
		(!t.getConn || (t.wasIdle && t.proto == 1))
	t.mu.Unlock()
	t.hook(&t.stats)
	if reusable {
		t.pool.Put(t)
	}
}
