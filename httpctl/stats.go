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

// A tracer collects a request's Stats. Trace callbacks can come from other
// goroutines (a dial may finish after its attempt gave up), so every field
// is guarded by mu, and callbacks that arrive after the request finished
// are dropped.
//
// One httptrace.ClientTrace serves all attempts of a request, so that its
// closures are made once; a callback is credited to the latest attempt.
// Phases are measured between trace events: DNS from the attempt's start to
// the resolution, connect from there to the connection, TLS from there to
// the end of the handshake. An attempt that saw neither a lookup nor a dial
// used a pooled connection. That needs four callbacks rather than eight,
// and tracing costs an allocation for each.
type tracer struct {
	hook  func(*Stats)
	start time.Time
	trace httptrace.ClientTrace
	buf   [2]AttemptStats // Attempts' first backing array

	mu    sync.Mutex
	stats Stats
	mark  time.Time // the latest event of the current attempt
	first time.Time // the current attempt's first response byte
	done  bool
}

func newTracer(hook func(*Stats), req *http.Request, start time.Time) *tracer {
	t := &tracer{hook: hook, start: start}
	t.stats.Request = req
	t.stats.Attempts = t.buf[:0]
	t.trace = httptrace.ClientTrace{
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
	return t
}

// startAttempt records the start of an attempt and returns ctx with the
// request's trace.
func (t *tracer) startAttempt(ctx context.Context) context.Context {
	now := time.Now()
	t.mu.Lock()
	t.stats.Attempts = append(t.stats.Attempts, AttemptStats{Start: now})
	t.mark, t.first = now, time.Time{}
	t.mu.Unlock()
	return httptrace.WithClientTrace(ctx, &t.trace)
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
			a.Reused = a.DNS == 0 && a.Connect == 0
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

// finish completes the Stats and hands them to the hook, once.
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
	if n := len(t.stats.Attempts); n > 0 && status != 0 && !t.first.IsZero() {
		t.stats.Attempts[n-1].Body = now.Sub(t.first)
	}
	t.mu.Unlock()
	t.hook(&t.stats)
}
