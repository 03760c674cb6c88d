package proctest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestPoll(t *testing.T) {
	var n atomic.Int64
	if !Poll(10*time.Second, func() bool { return n.Add(1) == 3 }) {
		t.Error("Poll gave up on a condition that came true")
	}
	if Poll(30*time.Millisecond, func() bool { return false }) {
		t.Error("Poll reported a condition that never held")
	}
}

// The load counts what it sees: every request a server answers, under the
// PID it names, and every request that gets no complete response as a
// failure, not retried.
func TestLoadCounts(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1)%5 == 0 {
			// Every fifth request: drop the connection without a response.
			c, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				c.Close()
			}
			return
		}
		w.Header().Set("X-Pid", "42")
	}))
	defer srv.Close()

	ld := StartLoad(t, srv.Listener.Addr().String(), 4)
	ld.WaitServed(t, 42, 30*time.Second)
	ld.WaitFor(t, 30*time.Second, func(ok, _, _ int64) bool { return ok >= 100 })
	r := ld.Stop()
	if r.OK < 100 || r.ByPID[42] != r.OK {
		t.Errorf("OK %d, by PID %v; want at least 100, all from 42", r.OK, r.ByPID)
	}
	total := calls.Load()
	if r.OK+r.Failed != total {
		t.Errorf("%d answered + %d failed, want the %d requests the server saw", r.OK, r.Failed, total)
	}
	if want := total / 5; r.Failed != want {
		t.Errorf("%d failed, want %d (every fifth of %d)", r.Failed, want, total)
	}
	if r.Refused != 0 {
		t.Errorf("%d refused connections, want 0", r.Refused)
	}
}

// Over TLS the load speaks HTTP/1.1 or HTTP/2 as configured, and counts
// an answer over the wrong protocol as a failure.
func TestLoadTLS(t *testing.T) {
	cert := NewCert(t)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", strconv.Itoa(r.ProtoMajor))
	}))
	srv.TLS = cert.Server.Clone()
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	for _, tc := range []struct {
		name  string
		http2 bool
		pid   int // the protocol's major version, which the handler answers with
	}{{"http1", false, 1}, {"http2", true, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			ld := StartLoadWith(t, addr, LoadConfig{Clients: 2, TLS: cert.Client, HTTP2: tc.http2})
			ld.WaitFor(t, 30*time.Second, func(ok, _, _ int64) bool { return ok >= 50 })
			r := ld.Stop()
			if r.Failed != 0 || r.Refused != 0 || r.ByPID[tc.pid] != r.OK || r.Retried != 0 {
				t.Errorf("OK %d, failed %d, refused %d, retried %d, by PID %v; want all answered over HTTP/%d",
					r.OK, r.Failed, r.Refused, r.Retried, r.ByPID, tc.pid)
			}
		})
	}
}
