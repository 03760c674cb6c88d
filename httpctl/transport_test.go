package httpctl_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/httpctl"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// noWait makes retries immediate, so tests do not wait on backoff.
func noWait(int) time.Duration { return 0 }

// script is a handler that answers the n-th request (from 0) with
// statuses[n] (the last one repeats) and counts requests.
type script struct {
	statuses []int
	header   http.Header
	hits     atomic.Int32
	bodies   chan string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(s.hits.Add(1)) - 1
	if s.bodies != nil {
		b, _ := io.ReadAll(r.Body)
		s.bodies <- string(b)
	}
	for k, v := range s.header {
		w.Header()[k] = v
	}
	w.WriteHeader(s.statuses[min(n, len(s.statuses)-1)])
	io.WriteString(w, "response body")
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func client(t *testing.T, tr *httpctl.Transport) *http.Client {
	t.Helper()
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

func TestZeroValueTransport(t *testing.T) {
	srv := newServer(t, &script{statuses: []int{200}})
	c := client(t, &httpctl.Transport{})
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "response body" {
		t.Errorf("GET = %d %q, want 200 %q", resp.StatusCode, b, "response body")
	}
}

func TestRetryRules(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		key       bool // Idempotency-Key header
		statuses  []int
		maxTries  int
		wantHits  int32
		wantFinal int
	}{
		{"GET 503 then 200", "GET", false, []int{503, 200}, 0, 2, 200},
		{"GET 502 504 200", "GET", false, []int{502, 504, 200}, 0, 3, 200},
		{"GET 429 always: last response returned", "GET", false, []int{429}, 3, 3, 429},
		{"GET 500 not retried", "GET", false, []int{500, 200}, 0, 1, 500},
		{"GET 404 not retried", "GET", false, []int{404, 200}, 0, 1, 404},
		{"HEAD retried", "HEAD", false, []int{503, 200}, 0, 2, 200},
		{"PUT retried", "PUT", false, []int{503, 200}, 0, 2, 200},
		{"DELETE retried", "DELETE", false, []int{503, 200}, 0, 2, 200},
		{"OPTIONS retried", "OPTIONS", false, []int{503, 200}, 0, 2, 200},
		{"POST not retried", "POST", false, []int{503, 200}, 0, 1, 503},
		{"PATCH not retried", "PATCH", false, []int{503, 200}, 0, 1, 503},
		{"POST with Idempotency-Key retried", "POST", true, []int{503, 200}, 0, 2, 200},
		{"MaxTries 1 turns retries off", "GET", false, []int{503, 200}, 1, 1, 503},
		{"MaxTries 5", "GET", false, []int{503, 503, 503, 503, 200}, 5, 5, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{statuses: tt.statuses}
			srv := newServer(t, s)
			c := client(t, &httpctl.Transport{MaxTries: tt.maxTries, Backoff: noWait})
			req, _ := http.NewRequest(tt.method, srv.URL, nil)
			if tt.key {
				req.Header.Set("Idempotency-Key", "k1")
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantFinal || s.hits.Load() != tt.wantHits {
				t.Errorf("%s: status %d after %d attempts, want %d after %d",
					tt.method, resp.StatusCode, s.hits.Load(), tt.wantFinal, tt.wantHits)
			}
		})
	}
}

// dropFirst closes the connection without a response on the first n
// requests, then answers 200.
type dropFirst struct {
	n    int32
	hits atomic.Int32
}

func (d *dropFirst) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.hits.Add(1) <= d.n {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	io.WriteString(w, "ok")
}

func TestRetryOnConnectionError(t *testing.T) {
	t.Run("GET retried", func(t *testing.T) {
		d := &dropFirst{n: 1}
		srv := newServer(t, d)
		resp, err := client(t, &httpctl.Transport{Backoff: noWait}).Get(srv.URL)
		if err != nil {
			t.Fatalf("GET: %v", err)
		}
		resp.Body.Close()
		if d.hits.Load() != 2 {
			t.Errorf("server saw %d requests, want 2", d.hits.Load())
		}
	})
	t.Run("POST not retried", func(t *testing.T) {
		d := &dropFirst{n: 1}
		srv := newServer(t, d)
		_, err := client(t, &httpctl.Transport{Backoff: noWait}).Post(srv.URL, "text/plain", strings.NewReader("x"))
		var he *httpctl.Error
		if !errors.As(err, &he) || he.Attempts != 1 {
			t.Fatalf("POST error = %v, want *httpctl.Error after 1 attempt", err)
		}
		if d.hits.Load() != 1 {
			t.Errorf("server saw %d requests, want 1", d.hits.Load())
		}
		if errs.StackOf(err) == nil {
			t.Error("the error carries no errs stack")
		}
	})
	t.Run("refused connection, every try", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close() // nothing listens there now
		_, err = client(t, &httpctl.Transport{Backoff: noWait, MaxTries: 3}).Get("http://" + addr)
		var he *httpctl.Error
		if !errors.As(err, &he) || he.Attempts != 3 || he.LastStatus != 0 {
			t.Fatalf("error = %v, want *httpctl.Error after 3 attempts, no status", err)
		}
	})
}

func TestBodyReplay(t *testing.T) {
	s := &script{statuses: []int{503, 503, 200}, bodies: make(chan string, 3)}
	srv := newServer(t, s)
	c := client(t, &httpctl.Transport{Backoff: noWait})
	req, _ := http.NewRequest("PUT", srv.URL, bytes.NewReader([]byte("payload")))
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	for i := range 3 {
		if got := <-s.bodies; got != "payload" {
			t.Errorf("attempt %d body = %q, want %q", i+1, got, "payload")
		}
	}
}

func TestBodyWithoutGetBodyNotRetried(t *testing.T) {
	s := &script{statuses: []int{503, 200}}
	srv := newServer(t, s)
	var stats *httpctl.Stats
	c := client(t, &httpctl.Transport{Backoff: noWait, Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
	req, _ := http.NewRequest("PUT", srv.URL, io.NopCloser(strings.NewReader("once")))
	req.GetBody = nil
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || s.hits.Load() != 1 {
		t.Errorf("status %d after %d attempts, want 503 after 1", resp.StatusCode, s.hits.Load())
	}
	if stats == nil || stats.NoRetry != "body not replayable" {
		t.Errorf("Stats.NoRetry = %+v, want %q", stats, "body not replayable")
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name     string
		value    string
		wantHits int32
		noRetry  string
	}{
		{"zero seconds", "0", 2, ""},
		{"date in the past", "Mon, 02 Jan 2006 15:04:05 GMT", 2, ""},
		{"over the cap: returned as is", "3600", 1, "retry-after too long"},
		{"date far ahead: returned as is", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 1, "retry-after too long"},
		{"garbage: backoff instead", "soon", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{statuses: []int{503, 200}, header: http.Header{"Retry-After": {tt.value}}}
			srv := newServer(t, s)
			var stats *httpctl.Stats
			c := client(t, &httpctl.Transport{Backoff: noWait, MaxRetryAfter: time.Second,
				Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
			resp, err := c.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if s.hits.Load() != tt.wantHits {
				t.Errorf("Retry-After %q: %d attempts, want %d", tt.value, s.hits.Load(), tt.wantHits)
			}
			if stats.NoRetry != tt.noRetry {
				t.Errorf("Stats.NoRetry = %q, want %q", stats.NoRetry, tt.noRetry)
			}
		})
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	srv := newServer(t, &script{statuses: []int{503}})
	ctx, cancel := context.WithCancel(context.Background())
	// Backoff runs once the 503 is in hand, just before the wait: cancel
	// there, and the hour-long wait must end at once.
	c := client(t, &httpctl.Transport{RetryBudget: -1, Backoff: func(int) time.Duration {
		cancel()
		return time.Hour
	}})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	_, err := c.Do(req)
	var he *httpctl.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &he) || he.LastStatus != 503 {
		t.Errorf("error = %v, want context.Canceled in an *httpctl.Error with last status 503", err)
	}
}

// stall blocks the first n requests until they are cancelled; later ones
// get 200.
type stall struct {
	n    int32
	hits atomic.Int32
}

func (s *stall) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.hits.Add(1) <= s.n {
		<-r.Context().Done()
		return
	}
	io.WriteString(w, "ok")
}

func TestRetryBudget(t *testing.T) {
	s := &script{statuses: []int{503}}
	srv := newServer(t, s)
	var refused atomic.Int32
	c := client(t, &httpctl.Transport{MaxTries: 2, Backoff: noWait, RetryBudget: 0.1,
		Stats: func(st *httpctl.Stats) {
			if st.NoRetry == "budget" {
				refused.Add(1)
			}
		}})
	const requests = 40
	for range requests {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// The bucket starts with 10 retries and earns 0.1 per request: 40
	// requests may retry about 10 + 4 times, never 40.
	retries := s.hits.Load() - requests
	if retries < 10 || retries > 15 {
		t.Errorf("%d retries for %d failing requests, want 10 to 15 under a 10%% budget", retries, requests)
	}
	if int(refused.Load())+int(retries) != requests {
		t.Errorf("%d refused by the budget + %d retried, want %d", refused.Load(), retries, requests)
	}
}

func TestDiscardedResponsesReuseConnection(t *testing.T) {
	var conns atomic.Int32
	s := &script{statuses: []int{503, 503, 200}}
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := client(t, &httpctl.Transport{Backoff: noWait})
	for range 3 {
		s.hits.Store(0)
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status = %d, want 200", resp.StatusCode)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("9 attempts used %d connections, want 1: discarded bodies must be drained and closed", n)
	}
}

func TestHTTP2Kept(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	base := srv.Client().Transport.(*http.Transport)
	c := client(t, &httpctl.Transport{Base: base, DialTimeout: time.Second, TLSHandshakeTimeout: time.Second,
		ResponseHeaderTimeout: time.Second, AttemptTimeout: time.Second})
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.ProtoMajor != 2 || string(b) != "HTTP/2.0" {
		t.Errorf("protocol = %s (server saw %s), want HTTP/2.0", resp.Proto, b)
	}
	if base.ResponseHeaderTimeout != 0 || base.TLSHandshakeTimeout != 0 {
		t.Error("the Base transport was modified")
	}
}

func TestStatsHook(t *testing.T) {
	srv := newServer(t, &script{statuses: []int{503, 200}})
	var (
		mu    sync.Mutex
		calls []*httpctl.Stats
	)
	c := client(t, &httpctl.Transport{Backoff: noWait, Stats: func(st *httpctl.Stats) {
		mu.Lock()
		calls = append(calls, st.Clone())
		mu.Unlock()
	}})
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(calls) != 0 {
		t.Error("Stats hook called before the body was done")
	}
	mu.Unlock()
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 1 {
		t.Fatalf("Stats hook called %d times, want 1", len(calls))
	}
	st := calls[0]
	if st.StatusCode != 200 || st.Err != nil || len(st.Attempts) != 2 || st.Duration <= 0 {
		t.Fatalf("Stats = %+v, want 200 after 2 attempts", st)
	}
	first, second := st.Attempts[0], st.Attempts[1]
	if first.StatusCode != 503 || !first.Retry || first.Reused || first.Connect <= 0 || first.FirstByte <= 0 {
		t.Errorf("first attempt = %+v, want a retried 503 on a new connection", first)
	}
	if second.StatusCode != 200 || second.Retry || !second.Reused || second.Body <= 0 {
		t.Errorf("second attempt = %+v, want a 200 on the reused connection with a body phase", second)
	}
}

func TestStatsOnError(t *testing.T) {
	d := &dropFirst{n: 100}
	srv := newServer(t, d)
	var got *httpctl.Stats
	c := client(t, &httpctl.Transport{Backoff: noWait, MaxTries: 2, Stats: func(st *httpctl.Stats) { got = st.Clone() }})
	_, err := c.Get(srv.URL)
	if err == nil {
		t.Fatal("GET succeeded against a server that drops every connection")
	}
	if got == nil || got.Err == nil || len(got.Attempts) != 2 || got.NoRetry != "max tries" {
		t.Errorf("Stats = %+v, want the error, 2 attempts and NoRetry max tries", got)
	}
}

func TestRoundTripClosesBodyOnError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := &closeRecorder{Reader: strings.NewReader("x")}
	req, _ := http.NewRequestWithContext(ctx, "PUT", "http://127.0.0.1:1/", body)
	tr := &httpctl.Transport{}
	defer tr.CloseIdleConnections()
	if _, err := tr.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip with a cancelled context = %v, want context.Canceled", err)
	}
	if !body.closed.Load() {
		t.Error("RoundTrip did not close the request body")
	}
}

type closeRecorder struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeRecorder) Close() error { c.closed.Store(true); return nil }

func TestIdempotent(t *testing.T) {
	tests := []struct {
		method string
		key    bool
		want   bool
	}{
		{"GET", false, true}, {"", false, true}, {"HEAD", false, true}, {"OPTIONS", false, true},
		{"TRACE", false, true}, {"PUT", false, true}, {"DELETE", false, true},
		{"POST", false, false}, {"PATCH", false, false}, {"CONNECT", false, false},
		{"POST", true, true}, {"PATCH", true, true},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, "http://127.0.0.1/", nil)
		if tt.key {
			req.Header.Set("Idempotency-Key", "abc")
		}
		if got := httpctl.Idempotent(req); got != tt.want {
			t.Errorf("Idempotent(%s, key=%v) = %v, want %v", tt.method, tt.key, got, tt.want)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  *httpctl.Error
		want string
	}{
		{&httpctl.Error{Attempts: 1, Err: io.EOF}, "httpctl: 1 attempt: EOF"},
		{&httpctl.Error{Attempts: 3, LastStatus: 503, Err: &httpctl.TimeoutError{Kind: "request", Limit: time.Second}},
			"httpctl: 3 attempts, last status 503: httpctl: request timeout (1s) exceeded"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
