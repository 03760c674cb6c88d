package httpctl_test

// The timeout and wait tests run in synctest bubbles, with fakeNet standing
// in for the network, so that their timings are exact: the clock only moves
// when every goroutine waits for it. Two tests at the end run on real
// sockets, to check that net/http behaves as fakeNet assumes.

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/lifekit/lifekit/httpctl"
)

const fakeURL = "http://lifekit.test/"

// timeoutKind returns the Kind of the *TimeoutError in err's chain, or "".
func timeoutKind(err error) string {
	var te *httpctl.TimeoutError
	if errors.As(err, &te) {
		return te.Kind
	}
	return ""
}

func TestRequestTimeoutAcrossAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeNet{replies: []reply{{stall: true}}}
		c := client(t, &httpctl.Transport{Base: f, AttemptTimeout: 50 * time.Millisecond,
			RequestTimeout: 180 * time.Millisecond, MaxTries: 100, Backoff: noWait, RetryBudget: -1})
		start := time.Now()
		_, err := c.Get(fakeURL)
		if got := time.Since(start); got != 180*time.Millisecond {
			t.Errorf("GET failed after %v, want RequestTimeout (180ms)", got)
		}
		// Three attempts time out; the fourth is cut short by RequestTimeout.
		want := []time.Duration{0, 50 * time.Millisecond, 100 * time.Millisecond, 150 * time.Millisecond}
		if got := f.attempts(start); !slices.Equal(got, want) {
			t.Errorf("attempts started at %v, want %v", got, want)
		}
		var he *httpctl.Error
		if !errors.As(err, &he) || he.Attempts != 4 || timeoutKind(err) != "request" {
			t.Fatalf("error = %v, want a request timeout after 4 attempts", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("errors.Is(%v, context.DeadlineExceeded) = false", err)
		}
		var ue interface{ Timeout() bool }
		if !errors.As(err, &ue) || !ue.Timeout() {
			t.Errorf("the client's error does not report Timeout()")
		}
	})
}

func TestAttemptTimeoutRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeNet{replies: []reply{{stall: true}, {status: 200}}}
		var stats *httpctl.Stats
		c := client(t, &httpctl.Transport{Base: f, AttemptTimeout: 100 * time.Millisecond, Backoff: noWait,
			Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
		start := time.Now()
		resp, err := c.Get(fakeURL)
		if err != nil {
			t.Fatalf("GET: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if got, want := f.attempts(start), []time.Duration{0, 100 * time.Millisecond}; !slices.Equal(got, want) {
			t.Errorf("attempts started at %v, want %v", got, want)
		}
		if len(stats.Attempts) != 2 || timeoutKind(stats.Attempts[0].Err) != "attempt" ||
			!stats.Attempts[0].Retry || stats.Attempts[0].Wait != 0 || stats.StatusCode != 200 {
			t.Errorf("Stats = %+v, want a retried attempt timeout, then 200", stats)
		}
	})
}

func TestTimeoutsCoverBody(t *testing.T) {
	tests := []struct {
		name     string
		replies  []reply
		tr       *httpctl.Transport
		wantKind string
		wantAt   time.Duration // when reading the body fails
	}{
		{"AttemptTimeout", []reply{{status: 200, stallBody: true}},
			&httpctl.Transport{AttemptTimeout: 100 * time.Millisecond}, "attempt", 100 * time.Millisecond},
		{"RequestTimeout, after a retry", []reply{{status: 503}, {status: 200, stallBody: true}},
			&httpctl.Transport{RequestTimeout: time.Second, Backoff: func(int) time.Duration { return 300 * time.Millisecond }},
			"request", time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeNet{replies: tt.replies}
				tr := tt.tr
				tr.Base = f
				c := client(t, tr)
				start := time.Now()
				resp, err := c.Get(fakeURL)
				if err != nil {
					t.Fatalf("GET: %v", err)
				}
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
				if got := time.Since(start); got != tt.wantAt {
					t.Errorf("reading the body failed after %v, want %v", got, tt.wantAt)
				}
				if timeoutKind(err) != tt.wantKind || !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("reading the body: %v, want the %s timeout", err, tt.wantKind)
				}
				if n := f.openBodies(); n != 0 {
					t.Errorf("%d response bodies left open", n)
				}
			})
		})
	}
}

// TestWaitsBetweenAttempts checks that the wait between attempts is exactly
// the Backoff's, or the Retry-After's when a response has one.
func TestWaitsBetweenAttempts(t *testing.T) {
	backoff := func(try int) time.Duration { return time.Duration(try) * 100 * time.Millisecond }
	tests := []struct {
		name          string
		retryAfter    func(now time.Time) string // "" for none
		maxRetryAfter time.Duration
		wantStarts    []time.Duration
	}{
		{"Backoff", nil, 0, []time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond}},
		{"Retry-After in seconds over Backoff", func(time.Time) string { return "2" }, 0,
			[]time.Duration{0, 2 * time.Second, 4 * time.Second}},
		{"Retry-After as a date", func(now time.Time) string { return now.Add(3 * time.Second).UTC().Format(http.TimeFormat) }, 0,
			[]time.Duration{0, 3 * time.Second, 3 * time.Second}}, // the date has passed at the second attempt
		{"Retry-After at MaxRetryAfter's default (10s)", func(time.Time) string { return "10" }, 0,
			[]time.Duration{0, 10 * time.Second, 20 * time.Second}},
		{"negative MaxRetryAfter: no cap", func(time.Time) string { return "3600" }, -1,
			[]time.Duration{0, time.Hour, 2 * time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				first := reply{status: 503}
				if tt.retryAfter != nil {
					first.header = http.Header{"Retry-After": {tt.retryAfter(start)}}
				}
				f := &fakeNet{replies: []reply{first, first, {status: 200}}}
				var stats *httpctl.Stats
				c := client(t, &httpctl.Transport{Base: f, Backoff: backoff, MaxRetryAfter: tt.maxRetryAfter,
					Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
				resp, err := c.Get(fakeURL)
				if err != nil {
					t.Fatalf("GET: %v", err)
				}
				resp.Body.Close()
				if got := f.attempts(start); !slices.Equal(got, tt.wantStarts) {
					t.Errorf("attempts started at %v, want %v", got, tt.wantStarts)
				}
				var waits []time.Duration
				for _, a := range stats.Attempts {
					waits = append(waits, a.Wait)
				}
				want := []time.Duration{tt.wantStarts[1], tt.wantStarts[2] - tt.wantStarts[1], 0}
				if !slices.Equal(waits, want) {
					t.Errorf("Stats waits = %v, want %v", waits, want)
				}
				if n := f.openBodies(); n != 0 {
					t.Errorf("%d response bodies left open", n)
				}
			})
		})
	}
}

// TestNoRetryPastDeadline: when the wait before a retry would run past the
// request's deadline, the retry is not made and the last attempt is
// returned as it is, at once: its response, or its error. No timeout
// happened, so no timeout is reported.
func TestNoRetryPastDeadline(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	retryAfter5 := http.Header{"Retry-After": {"5"}}
	tests := []struct {
		name       string
		reply      reply
		tr         *httpctl.Transport
		ctxTimeout time.Duration
		wantStatus int   // 0: want an error
		wantErr    error // matched with errors.Is
	}{
		{"Retry-After past RequestTimeout", reply{status: 503, header: retryAfter5},
			&httpctl.Transport{RequestTimeout: time.Second, MaxRetryAfter: time.Minute}, 0, 503, nil},
		{"Retry-After past the context's deadline", reply{status: 503, header: retryAfter5},
			&httpctl.Transport{MaxRetryAfter: time.Minute}, 2 * time.Second, 503, nil},
		{"Backoff past RequestTimeout", reply{status: 429},
			&httpctl.Transport{RequestTimeout: time.Second, Backoff: func(int) time.Duration { return 2 * time.Second }}, 0, 429, nil},
		{"Backoff after an error past RequestTimeout", reply{err: refused},
			&httpctl.Transport{RequestTimeout: time.Second, Backoff: func(int) time.Duration { return 2 * time.Second }}, 0, 0, syscall.ECONNREFUSED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeNet{replies: []reply{tt.reply}}
				var stats *httpctl.Stats
				calls := 0
				tr := tt.tr
				tr.Base = f
				tr.Stats = func(st *httpctl.Stats) { calls++; stats = st.Clone() }
				c := client(t, tr)
				ctx := t.Context()
				if tt.ctxTimeout > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, tt.ctxTimeout)
					defer cancel()
				}
				req, _ := http.NewRequestWithContext(ctx, "GET", fakeURL, nil)
				start := time.Now()
				resp, err := c.Do(req)
				if got := time.Since(start); got != 0 {
					t.Errorf("Do returned after %v, want at once", got)
				}
				if tt.wantStatus != 0 {
					if err != nil {
						t.Fatalf("Do: %v, want the %d response", err, tt.wantStatus)
					}
					b, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != tt.wantStatus || string(b) != "body" || err != nil {
						t.Errorf("response = %d %q (%v), want %d %q", resp.StatusCode, b, err, tt.wantStatus, "body")
					}
				} else {
					var he *httpctl.Error
					if !errors.As(err, &he) || he.Attempts != 1 || !errors.Is(err, tt.wantErr) {
						t.Fatalf("error = %v, want an *httpctl.Error after 1 attempt matching %v", err, tt.wantErr)
					}
					if timeoutKind(err) != "" || errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("error = %v reports a timeout, but none happened", err)
					}
				}
				if n := len(f.attempts(start)); n != 1 {
					t.Errorf("%d attempts, want 1", n)
				}
				if calls != 1 {
					t.Fatalf("Stats hook called %d times, want once", calls)
				}
				if stats.NoRetry != "deadline" || stats.Attempts[0].Retry || stats.Attempts[0].Wait != 0 {
					t.Errorf("Stats = %+v, want NoRetry deadline, no retry, no wait", stats)
				}
			})
		})
	}
}

// TestDrainCountsTowardWait checks that reading away a retried response
// is part of the wait before the next attempt, not added to it, and that a
// drain which runs into RequestTimeout ends the request then, without a
// wait or another attempt.
func TestDrainCountsTowardWait(t *testing.T) {
	halfSecond := func(int) time.Duration { return 500 * time.Millisecond }
	t.Run("drain shorter than the wait", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := &fakeNet{replies: []reply{{status: 503, bodyDelay: 300 * time.Millisecond}, {status: 200}}}
			c := client(t, &httpctl.Transport{Base: f, Backoff: halfSecond, RetryBudget: -1})
			start := time.Now()
			resp, err := c.Get(fakeURL)
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			resp.Body.Close()
			if got, want := f.attempts(start), []time.Duration{0, 500 * time.Millisecond}; !slices.Equal(got, want) {
				t.Errorf("attempts started at %v, want %v", got, want)
			}
		})
	})
	t.Run("drain into RequestTimeout", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := &fakeNet{replies: []reply{{status: 503, stallBody: true}, {status: 200}}}
			c := client(t, &httpctl.Transport{Base: f, Backoff: halfSecond, RequestTimeout: time.Second, RetryBudget: -1})
			start := time.Now()
			_, err := c.Get(fakeURL)
			if got := time.Since(start); got != time.Second {
				t.Errorf("GET returned after %v, want RequestTimeout (1s)", got)
			}
			var he *httpctl.Error
			if !errors.As(err, &he) || he.Attempts != 1 || he.LastStatus != 503 || timeoutKind(err) != "request" {
				t.Errorf("error = %v, want a request timeout after 1 attempt, last status 503", err)
			}
			if n := len(f.attempts(start)); n != 1 {
				t.Errorf("%d attempts, want 1", n)
			}
			if n := f.openBodies(); n != 0 {
				t.Errorf("%d response bodies left open", n)
			}
		})
	})
}

// TestZeroAndNegativeLimits checks what 0 and a negative value mean for the
// Transport's per-request limits: the default, which for AttemptTimeout and
// RequestTimeout is no bound and for MaxTries is 3.
func TestZeroAndNegativeLimits(t *testing.T) {
	tests := []struct {
		name         string
		tr           *httpctl.Transport
		wantAttempts int
		wantKind     string
		wantAt       time.Duration
	}{
		{"AttemptTimeout 0: no bound", &httpctl.Transport{AttemptTimeout: 0, RequestTimeout: time.Minute},
			1, "request", time.Minute},
		{"AttemptTimeout negative: no bound", &httpctl.Transport{AttemptTimeout: -1, RequestTimeout: time.Minute},
			1, "request", time.Minute},
		{"RequestTimeout 0: no bound", &httpctl.Transport{AttemptTimeout: time.Second, RequestTimeout: 0},
			3, "attempt", 3 * time.Second},
		{"RequestTimeout negative: no bound", &httpctl.Transport{AttemptTimeout: time.Second, RequestTimeout: -1},
			3, "attempt", 3 * time.Second},
		{"MaxTries negative: 3", &httpctl.Transport{AttemptTimeout: time.Second, MaxTries: -1},
			3, "attempt", 3 * time.Second},
		{"MaxTries 5", &httpctl.Transport{AttemptTimeout: time.Second, MaxTries: 5},
			5, "attempt", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeNet{replies: []reply{{stall: true}}}
				tr := tt.tr
				tr.Base = f
				tr.Backoff = noWait
				c := client(t, tr)
				start := time.Now()
				_, err := c.Get(fakeURL)
				if got := time.Since(start); got != tt.wantAt {
					t.Errorf("GET failed after %v, want %v", got, tt.wantAt)
				}
				var he *httpctl.Error
				if !errors.As(err, &he) || he.Attempts != tt.wantAttempts || timeoutKind(err) != tt.wantKind {
					t.Errorf("error = %v, want an %s timeout after %d attempts", err, tt.wantKind, tt.wantAttempts)
				}
			})
		})
	}
}

// The two tests below run on real sockets: they check that net/http ends
// an attempt, and a body, on the Transport's deadlines as fakeNet does.

func TestSocketAttemptTimeoutRetries(t *testing.T) {
	s := &stall{n: 1}
	srv := newServer(t, s)
	var stats *httpctl.Stats
	c := client(t, &httpctl.Transport{AttemptTimeout: 100 * time.Millisecond, Backoff: noWait,
		Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if s.hits.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", s.hits.Load())
	}
	if len(stats.Attempts) != 2 || timeoutKind(stats.Attempts[0].Err) != "attempt" || !stats.Attempts[0].Retry {
		t.Errorf("Stats.Attempts = %+v, want a retried attempt timeout, then success", stats.Attempts)
	}
}

func TestSocketAttemptTimeoutCoversBody(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "head of the body")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	c := client(t, &httpctl.Transport{AttemptTimeout: 100 * time.Millisecond})
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if timeoutKind(err) != "attempt" || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("reading the body: %v, want the attempt timeout", err)
	}
	if string(b) != "head of the body" {
		t.Errorf("read %q before the timeout, want %q", b, "head of the body")
	}
}
