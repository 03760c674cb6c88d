package bench

// Benchmarks of httpctl against the HTTP client transports lifekit's users
// run today: facebookgo/httpcontrol and hashicorp/go-retryablehttp, with a
// plain net/http Transport as the reference.
//
// Every op is one GET, sent with RoundTrip (no http.Client on top, so that
// only the transports differ), to a local httptest server on 127.0.0.1 that
// answers a small body; the op reads the body to its end and closes it. The
// same *http.Request is sent each time (allowed once the previous body is
// closed), so that building a request is not part of any figure. Requests
// go one after the other over one keep-alive connection: each benchmark
// fails if its server saw more than one connection or a response that was
// not a 200.
//
// The server runs in the benchmark's process, so B/op and allocs/op include
// what the server allocates to answer. That part is the same for every
// implementation of a scenario: compare the differences between rows, not
// the absolute figures.
//
// BenchmarkRoundTripPlain: every transport as it comes (no timeout, no
// hook).
//
// BenchmarkRoundTripTimeouts: every timeout each transport has, none of
// which fires, and for lifekit+stats and httpcontrol a Stats hook that
// does nothing. plain+ctx is what a user of net/http writes by hand for a
// per-request timeout: a context.WithTimeout per request, cancelled when
// the body is closed.
//
// BenchmarkRetry503: the server answers 503 to every other request, so the
// first attempt of each op gets a 503 and its retry a 200. The waits
// between attempts are 0, so the figures are the cost of the retry path
// itself: deciding, draining and closing the 503, sending again.
// httpcontrol never retries on a status and is not in it
// (TestHttpctlRetry503 checks that too).
//
// TestHttpctlPeersComplete and TestHttpctlRetry503 check, with the same
// constructors the benchmarks use, that every implementation gets its 200
// over one connection, that the hooks are called, and that the retrying
// implementations really send each op twice.

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/facebookgo/httpcontrol"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/lifekit/lifekit/httpctl"
)

// The timeouts of BenchmarkRoundTripTimeouts: long enough never to fire on
// loopback, set alike on every implementation that has them.
const (
	hcDialTimeout    = time.Second
	hcTLSTimeout     = time.Second
	hcHeaderTimeout  = time.Minute
	hcAttemptTimeout = time.Minute
	hcRequestTimeout = time.Minute
	hcKeepAlive      = 30 * time.Second
)

// hcBody is what the server answers with 200; hcBody503 with 503.
var (
	hcBody    = []byte("ok\n")
	hcBody503 = []byte("busy\n")
)

// hcServer is a local test server that counts the requests it answered and
// the connections it accepted.
type hcServer struct {
	*httptest.Server
	hits  atomic.Int64
	conns atomic.Int64
}

// hcNewServer starts a server on 127.0.0.1. If flaky, it answers 503 to the
// first request, 200 to the second, 503 to the third, and so on.
func hcNewServer(flaky bool) *hcServer {
	s := &hcServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := s.hits.Add(1); flaky && n%2 == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write(hcBody503)
			return
		}
		w.Write(hcBody)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	return s
}

// hcImpl is one implementation of a scenario. make returns its
// RoundTripper and a function that releases its idle connections.
type hcImpl struct {
	name string
	make func() (http.RoundTripper, func())
}

// hcRoundTripFunc is a RoundTripper written by hand over a plain transport.
type hcRoundTripFunc func(*http.Request) (*http.Response, error)

func (f hcRoundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// hcPlain is a clone of http.DefaultTransport.
func hcPlain() *http.Transport { return http.DefaultTransport.(*http.Transport).Clone() }

// hcDialer returns the DialContext of a dialer with hcDialTimeout.
func hcDialer() func(context.Context, string, string) (net.Conn, error) {
	return (&net.Dialer{Timeout: hcDialTimeout, KeepAlive: hcKeepAlive}).DialContext
}

// hcRetryable returns a go-retryablehttp client with its defaults, logging
// off.
func hcRetryable() *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Logger = nil
	return c
}

// hcRetryableRT is c as an http.RoundTripper: what c.StandardClient() puts
// under its http.Client.
func hcRetryableRT(c *retryablehttp.Client) (http.RoundTripper, func()) {
	return &retryablehttp.RoundTripper{Client: c}, c.HTTPClient.CloseIdleConnections
}

// hcCancelBody cancels a request's context when its body is closed.
type hcCancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *hcCancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// hcPlainImpls are the implementations of BenchmarkRoundTripPlain.
func hcPlainImpls() []hcImpl {
	return []hcImpl{
		{"plain", func() (http.RoundTripper, func()) {
			t := hcPlain()
			return t, t.CloseIdleConnections
		}},
		{"lifekit", func() (http.RoundTripper, func()) {
			t := &httpctl.Transport{}
			return t, t.CloseIdleConnections
		}},
		{"httpcontrol", func() (http.RoundTripper, func()) {
			t := &httpcontrol.Transport{}
			return t, t.CloseIdleConnections
		}},
		{"retryablehttp", func() (http.RoundTripper, func()) {
			return hcRetryableRT(hcRetryable())
		}},
	}
}

// hcTimeoutImpls are the implementations of BenchmarkRoundTripTimeouts,
// with lkStats and fbStats as the Stats hooks of lifekit+stats and
// httpcontrol.
func hcTimeoutImpls(lkStats func(*httpctl.Stats), fbStats func(*httpcontrol.Stats)) []hcImpl {
	return []hcImpl{
		{"plain+ctx", func() (http.RoundTripper, func()) {
			t := hcPlain()
			t.DialContext = hcDialer()
			t.TLSHandshakeTimeout = hcTLSTimeout
			t.ResponseHeaderTimeout = hcHeaderTimeout
			return hcRoundTripFunc(func(r *http.Request) (*http.Response, error) {
				ctx, cancel := context.WithTimeout(r.Context(), hcRequestTimeout)
				resp, err := t.RoundTrip(r.WithContext(ctx))
				if err != nil {
					cancel()
					return nil, err
				}
				resp.Body = &hcCancelBody{resp.Body, cancel}
				return resp, nil
			}), t.CloseIdleConnections
		}},
		{"lifekit", func() (http.RoundTripper, func()) {
			t := &httpctl.Transport{
				DialTimeout:           hcDialTimeout,
				TLSHandshakeTimeout:   hcTLSTimeout,
				ResponseHeaderTimeout: hcHeaderTimeout,
				AttemptTimeout:        hcAttemptTimeout,
				RequestTimeout:        hcRequestTimeout,
			}
			return t, t.CloseIdleConnections
		}},
		{"lifekit+stats", func() (http.RoundTripper, func()) {
			t := &httpctl.Transport{
				DialTimeout:           hcDialTimeout,
				TLSHandshakeTimeout:   hcTLSTimeout,
				ResponseHeaderTimeout: hcHeaderTimeout,
				AttemptTimeout:        hcAttemptTimeout,
				RequestTimeout:        hcRequestTimeout,
				Stats:                 lkStats,
			}
			return t, t.CloseIdleConnections
		}},
		{"httpcontrol", func() (http.RoundTripper, func()) {
			// httpcontrol has no TLS handshake timeout and no per-attempt
			// one; RequestTimeout is a timer per request that calls the
			// deprecated http.Transport.CancelRequest.
			t := &httpcontrol.Transport{
				DialTimeout:           hcDialTimeout,
				DialKeepAlive:         hcKeepAlive,
				ResponseHeaderTimeout: hcHeaderTimeout,
				RequestTimeout:        hcRequestTimeout,
				Stats:                 fbStats,
			}
			return t, t.CloseIdleConnections
		}},
		{"retryablehttp", func() (http.RoundTripper, func()) {
			// retryablehttp has no Stats hook (ResponseLogHook, per
			// attempt, is the closest) and no per-attempt timeout: the
			// http.Client's Timeout bounds each attempt.
			c := hcRetryable()
			t := c.HTTPClient.Transport.(*http.Transport)
			t.DialContext = hcDialer()
			t.TLSHandshakeTimeout = hcTLSTimeout
			t.ResponseHeaderTimeout = hcHeaderTimeout
			c.HTTPClient.Timeout = hcRequestTimeout
			return hcRetryableRT(c)
		}},
	}
}

// hcRetryImpls are the implementations of BenchmarkRetry503.
func hcRetryImpls() []hcImpl {
	return []hcImpl{
		{"plain+loop", func() (http.RoundTripper, func()) {
			// The least a retry costs: a 503 is drained, closed and sent
			// again, once, by hand.
			t := hcPlain()
			return hcRoundTripFunc(func(r *http.Request) (*http.Response, error) {
				resp, err := t.RoundTrip(r)
				if err == nil && resp.StatusCode == http.StatusServiceUnavailable {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					resp, err = t.RoundTrip(r)
				}
				return resp, err
			}), t.CloseIdleConnections
		}},
		{"lifekit", func() (http.RoundTripper, func()) {
			// RetryBudget 1: every request earns the one retry it makes.
			// The default (0.2) would let one request in five retry once
			// the saved-up ten are spent, as it should when every request
			// fails.
			t := &httpctl.Transport{
				Backoff:     func(int) time.Duration { return 0 },
				RetryBudget: 1,
			}
			return t, t.CloseIdleConnections
		}},
		{"retryablehttp", func() (http.RoundTripper, func()) {
			c := hcRetryable()
			c.RetryWaitMin, c.RetryWaitMax = 0, 0
			return hcRetryableRT(c)
		}},
	}
}

// hcGet sends req with rt, reads the body to its end and closes it, and
// returns the status.
func hcGet(rt http.RoundTripper, req *http.Request) (status int, body []byte, err error) {
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return 0, nil, err
	}
	body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, body, err
}

// hcBench runs one implementation: one GET per op against a new server.
func hcBench(b *testing.B, impl hcImpl, flaky bool) {
	srv := hcNewServer(flaky)
	defer srv.Close()
	rt, closeIdle := impl.make()
	defer closeIdle()
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d, want 200", resp.StatusCode)
		}
	}
	if n := srv.conns.Load(); n != 1 {
		b.Fatalf("%d connections to the server, want 1", n)
	}
}

// BenchmarkRoundTripPlain measures a successful GET through each transport
// as it comes.
func BenchmarkRoundTripPlain(b *testing.B) {
	for _, impl := range hcPlainImpls() {
		b.Run("impl="+impl.name, func(b *testing.B) { hcBench(b, impl, false) })
	}
}

// BenchmarkRoundTripTimeouts measures a successful GET through each
// transport with all its timeouts set and, where named so, a Stats hook.
func BenchmarkRoundTripTimeouts(b *testing.B) {
	impls := hcTimeoutImpls(func(*httpctl.Stats) {}, func(*httpcontrol.Stats) {})
	for _, impl := range impls {
		b.Run("impl="+impl.name, func(b *testing.B) { hcBench(b, impl, false) })
	}
}

// BenchmarkRetry503 measures a GET whose first attempt gets a 503 and whose
// retry, sent at once, gets a 200.
func BenchmarkRetry503(b *testing.B) {
	for _, impl := range hcRetryImpls() {
		b.Run("impl="+impl.name, func(b *testing.B) { hcBench(b, impl, true) })
	}
}

// hcRequests is how many requests the tests send through each
// implementation; hcRetryRequests, in TestHttpctlRetry503, is more than
// httpctl's retry budget saves up (10), so that a budget that would refuse
// retries in the benchmark's steady state fails the test.
const (
	hcRequests      = 5
	hcRetryRequests = 30
)

// TestHttpctlPeersComplete checks that every implementation of the two
// RoundTrip scenarios gets the server's 200 and body, sends one request per
// call, keeps to one connection and calls its Stats hook once per request.
func TestHttpctlPeersComplete(t *testing.T) {
	var lkCalls, fbCalls atomic.Int64
	lkStats := func(s *httpctl.Stats) {
		if s.StatusCode != http.StatusOK || s.Err != nil || len(s.Attempts) != 1 {
			t.Errorf("lifekit Stats: status %d, err %v, %d attempts; want 200, nil, 1",
				s.StatusCode, s.Err, len(s.Attempts))
		}
		lkCalls.Add(1)
	}
	fbStats := func(s *httpcontrol.Stats) {
		if s.Response == nil || s.Response.StatusCode != http.StatusOK || s.Error != nil {
			t.Errorf("httpcontrol Stats: response %v, err %v; want a 200", s.Response, s.Error)
		}
		fbCalls.Add(1)
	}
	scenarios := []struct {
		name  string
		impls []hcImpl
	}{
		{"RoundTripPlain", hcPlainImpls()},
		{"RoundTripTimeouts", hcTimeoutImpls(lkStats, fbStats)},
	}
	for _, sc := range scenarios {
		for _, impl := range sc.impls {
			t.Run(sc.name+"/impl="+impl.name, func(t *testing.T) {
				srv := hcNewServer(false)
				defer srv.Close()
				rt, closeIdle := impl.make()
				defer closeIdle()
				lk0, fb0 := lkCalls.Load(), fbCalls.Load()
				req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
				if err != nil {
					t.Fatal(err)
				}
				for i := range hcRequests {
					status, body, err := hcGet(rt, req)
					if err != nil {
						t.Fatalf("request %d: %v", i, err)
					}
					if status != http.StatusOK || string(body) != string(hcBody) {
						t.Fatalf("request %d: %d %q, want 200 %q", i, status, body, hcBody)
					}
				}
				if n := srv.hits.Load(); n != hcRequests {
					t.Errorf("server answered %d requests, want %d", n, hcRequests)
				}
				if n := srv.conns.Load(); n != 1 {
					t.Errorf("%d connections, want 1", n)
				}
				lk, fb := lkCalls.Load()-lk0, fbCalls.Load()-fb0
				switch {
				case sc.name == "RoundTripTimeouts" && impl.name == "lifekit+stats":
					if lk != hcRequests {
						t.Errorf("lifekit Stats hook called %d times, want %d", lk, hcRequests)
					}
				case sc.name == "RoundTripTimeouts" && impl.name == "httpcontrol":
					if fb != hcRequests {
						t.Errorf("httpcontrol Stats hook called %d times, want %d", fb, hcRequests)
					}
				}
			})
		}
	}
}

// TestHttpctlRetry503 checks that every implementation of BenchmarkRetry503
// retries each request once and returns the retry's 200, over one
// connection (the 503s are drained), and that httpcontrol, which is not in
// the benchmark, does not retry on a status even when it may retry.
func TestHttpctlRetry503(t *testing.T) {
	for _, impl := range hcRetryImpls() {
		t.Run("impl="+impl.name, func(t *testing.T) {
			srv := hcNewServer(true)
			defer srv.Close()
			rt, closeIdle := impl.make()
			defer closeIdle()
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range hcRetryRequests {
				status, body, err := hcGet(rt, req)
				if err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
				if status != http.StatusOK || string(body) != string(hcBody) {
					t.Fatalf("request %d: %d %q, want 200 %q", i, status, body, hcBody)
				}
				if n, want := srv.hits.Load(), int64(2*(i+1)); n != want {
					t.Fatalf("after request %d the server answered %d requests, want %d", i, n, want)
				}
			}
			if n := srv.conns.Load(); n != 1 {
				t.Errorf("%d connections, want 1", n)
			}
		})
	}
	t.Run("httpcontrol does not retry on status", func(t *testing.T) {
		srv := hcNewServer(true)
		defer srv.Close()
		rt := &httpcontrol.Transport{MaxTries: 3}
		defer rt.CloseIdleConnections()
		req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		status, _, err := hcGet(rt, req)
		if err != nil {
			t.Fatal(err)
		}
		if status != http.StatusServiceUnavailable || srv.hits.Load() != 1 {
			t.Errorf("status %d after %d requests; want the first 503 returned as it is", status, srv.hits.Load())
		}
	})
}
