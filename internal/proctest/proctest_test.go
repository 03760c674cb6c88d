package proctest

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
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

// Over TLS the load speaks HTTP/1.1 or HTTP/2 as configured, each
// request answered is one the server saw, and a request that cannot be
// answered over the configured protocol (a certificate the client does not
// trust, a server that does not offer HTTP/2) is a failure, not a refusal.
func TestLoadTLS(t *testing.T) {
	cert := NewCert(t)
	untrusted := NewCert(t).Client // trusts another certificate only
	for _, tc := range []struct {
		name   string
		alpn   []string // the server's ALPN protocols
		client *tls.Config
		http2  bool
		proto  int    // the protocol's major version every answer comes over; 0: every request fails
		err    string // in every failure's message
	}{
		{"http1", []string{"h2", "http/1.1"}, cert.Client, false, 1, ""},
		{"http2", []string{"h2", "http/1.1"}, cert.Client, true, 2, ""},
		{"http1/untrusted", []string{"h2", "http/1.1"}, untrusted, false, 0, "certificate signed by unknown authority"},
		{"http2/untrusted", []string{"h2", "http/1.1"}, untrusted, true, 0, "certificate signed by unknown authority"},
		// Go's client, though configured for HTTP/2 only, speaks HTTP/1.1
		// to a server that offers no protocol by ALPN.
		{"http2/no-alpn", nil, cert.Client, true, 0, "answered over HTTP/1.1, want HTTP/2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := cert.Server.Clone()
			cfg.NextProtos = tc.alpn
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			calls := serveTLS(t, ln, cfg)
			ld := StartLoadWith(t, ln.Addr().String(), LoadConfig{Clients: 2, TLS: tc.client, HTTP2: tc.http2})
			if tc.proto == 0 {
				ld.WaitFor(t, 30*time.Second, func(_, failed, _ int64) bool { return failed >= 5 })
				r := ld.Stop()
				if r.OK != 0 || r.Refused != 0 || len(r.Errors) == 0 {
					t.Errorf("OK %d, failed %d, refused %d; want failures only", r.OK, r.Failed, r.Refused)
				}
				for _, e := range r.Errors {
					if !strings.Contains(e, tc.err) {
						t.Errorf("failure %q, want one saying %q", e, tc.err)
					}
				}
				return
			}
			ld.WaitFor(t, 30*time.Second, func(ok, _, _ int64) bool { return ok >= 50 })
			r := ld.Stop()
			if r.Failed != 0 || r.Refused != 0 || r.Retried != 0 || r.ByPID[tc.proto] != r.OK {
				t.Errorf("OK %d, failed %d, refused %d, retried %d, by PID %v; want all answered over HTTP/%d",
					r.OK, r.Failed, r.Refused, r.Retried, r.ByPID, tc.proto)
			}
			if n := calls.Load(); n != r.OK {
				t.Errorf("%d answered, want the %d requests the server saw", r.OK, n)
			}
		})
	}
}

// A request whose stream the server refused with a GOAWAY, which Go's
// HTTP/2 client then sends again on a new connection, is counted as
// retried, and as answered once the retry is.
func TestLoadRetried(t *testing.T) {
	cert := NewCert(t)
	cfg := cert.Server.Clone()
	cfg.NextProtos = []string{"h2"}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := make(chan error, 1)
	accepted := make(chan struct{})
	go func() {
		c, err := ln.Accept()
		close(accepted)
		if err != nil {
			refused <- err
			return
		}
		refused <- refuseStream(c, cfg)
	}()

	ld := StartLoadWith(t, ln.Addr().String(), LoadConfig{Clients: 1, TLS: cert.Client, HTTP2: true})
	<-accepted // the first connection is refuseStream's; the next ones the server's
	calls := serveTLS(t, ln, cfg)
	ld.WaitFor(t, 30*time.Second, func(ok, failed, refused int64) bool { return ok+failed+refused > 0 })
	r := ld.Stop()
	if err := <-refused; err != nil {
		t.Fatalf("refusing the first stream: %v", err)
	}
	if r.Retried != 1 || r.OK == 0 || r.Failed != 0 || r.Refused != 0 || r.ByPID[2] != r.OK {
		t.Errorf("retried %d, OK %d, failed %d, refused %d, by PID %v (%q); want 1 retried, then all answered over HTTP/2",
			r.Retried, r.OK, r.Failed, r.Refused, r.ByPID, r.Errors)
	}
	if n := calls.Load(); n != r.OK {
		t.Errorf("%d answered, want the %d requests the server saw", r.OK, n)
	}
}

// refuseStream is an HTTP/2 server on c that refuses the first request:
// it answers its stream with a GOAWAY that says no stream was processed
// (RFC 9113, 6.8), and then waits for the client to close the connection.
func refuseStream(c net.Conn, cfg *tls.Config) error {
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	tc := tls.Server(c, cfg)
	if err := tc.Handshake(); err != nil {
		return err
	}
	const preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
	b := make([]byte, len(preface))
	if _, err := io.ReadFull(tc, b); err != nil || string(b) != preface {
		return fmt.Errorf("preface %q, %v", b, err)
	}
	br := bufio.NewReader(tc)
	for {
		var h [9]byte // length (24 bits), type, flags, stream
		if _, err := io.ReadFull(br, h[:]); err != nil {
			return err
		}
		if _, err := io.CopyN(io.Discard, br, int64(h[0])<<16|int64(h[1])<<8|int64(h[2])); err != nil {
			return err
		}
		if h[3] == 0x1 { // HEADERS: the request
			break
		}
	}
	frames := []byte{
		0, 0, 0, 0x4, 0, 0, 0, 0, 0, // SETTINGS, empty: a client expects it first
		0, 0, 8, 0x7, 0, 0, 0, 0, 0, // GOAWAY:
		0, 0, 0, 0, // last stream processed: none
		0, 0, 0, 0, // NO_ERROR
	}
	if _, err := tc.Write(frames); err != nil {
		return err
	}
	// Closing first could reset the connection before the client reads
	// the GOAWAY.
	_, err := io.Copy(io.Discard, br)
	return err
}

// serveTLS serves HTTPS with cfg on ln until t ends, as an http.Server
// with a TLS listener does: HTTP/2 if cfg offers "h2" by ALPN. Each
// response's X-Pid is the major version of the request's protocol. It
// returns the count of requests served.
func serveTLS(t *testing.T, ln net.Listener, cfg *tls.Config) *atomic.Int64 {
	t.Helper()
	calls := new(atomic.Int64)
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.Header().Set("X-Pid", strconv.Itoa(r.ProtoMajor))
		}),
		ErrorLog: log.New(io.Discard, "", 0), // the failed handshakes the tests cause
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(tls.NewListener(ln, cfg)) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-served; err != http.ErrServerClosed {
			t.Errorf("Serve = %v, want %v", err, http.ErrServerClosed)
		}
	})
	return calls
}
