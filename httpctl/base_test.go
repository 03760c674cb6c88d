package httpctl_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/lifekit/lifekit/httpctl"
)

// closedAddr returns a 127.0.0.1 address nothing listens on: a TCP dial
// there is refused at once.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// unixServer starts an HTTP server on a Unix socket and returns the
// socket's path.
func unixServer(t *testing.T, h http.Handler) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "http.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return sock
}

// TestDialTimeoutKeepsBaseDialer sends requests for a TCP address nothing
// listens on through a Base whose dialer reaches a server on a Unix socket:
// DialTimeout must bound that dialer, not replace it with a TCP one.
func TestDialTimeoutKeepsBaseDialer(t *testing.T) {
	sock := unixServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "over unix")
	}))
	url := "http://" + closedAddr(t) + "/"
	const dialTimeout = time.Second

	var (
		mu        sync.Mutex
		dials     int
		remaining []time.Duration // time left to each dial's deadline; -1 for none
	)
	record := func(ctx context.Context) {
		mu.Lock()
		defer mu.Unlock()
		dials++
		if d, ok := ctx.Deadline(); ok {
			remaining = append(remaining, time.Until(d))
		} else {
			remaining = append(remaining, -1)
		}
	}
	dialUnix := func(ctx context.Context) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}

	tests := []struct {
		name        string
		base        *http.Transport
		dialTimeout time.Duration
		bounded     bool // the dial's context must end within dialTimeout
	}{
		{"DialContext bounded by DialTimeout", &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				record(ctx)
				return dialUnix(ctx)
			}}, dialTimeout, true},
		{"DialContext, negative DialTimeout: no bound", &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				record(ctx)
				return dialUnix(ctx)
			}}, -1, false},
		{"deprecated Dial kept", &http.Transport{
			Dial: func(string, string) (net.Conn, error) {
				record(context.Background())
				return dialUnix(context.Background())
			}}, dialTimeout, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			dials, remaining = 0, nil
			mu.Unlock()
			c := client(t, &httpctl.Transport{Base: tt.base, DialTimeout: tt.dialTimeout, MaxTries: 1})
			resp, err := c.Get(url)
			if err != nil {
				t.Fatalf("GET through a Unix-socket dialer: %v", err)
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil || string(b) != "over unix" {
				t.Errorf("body = %q, %v; want %q", b, err, "over unix")
			}
			mu.Lock()
			defer mu.Unlock()
			if dials != 1 {
				t.Fatalf("the Base's dialer ran %d times, want 1", dials)
			}
			switch r := remaining[0]; {
			case tt.bounded && (r <= 0 || r > tt.dialTimeout):
				t.Errorf("the dial's context ends in %v, want within DialTimeout (%v)", r, tt.dialTimeout)
			case !tt.bounded && r != -1:
				t.Errorf("the dial's context ends in %v, want no deadline", r)
			}
		})
	}
}

// TestDialTimeoutBoundsBaseDialer checks, on synctest's clock, that a
// Base's dialer that never connects is cut off after exactly DialTimeout,
// and only by the request's own deadline when DialTimeout is 0 (the
// Base's, which has none here) or negative (no bound).
func TestDialTimeoutBoundsBaseDialer(t *testing.T) {
	tests := []struct {
		name        string
		dialTimeout time.Duration
		want        time.Duration // when the request fails
	}{
		{"DialTimeout 2s", 2 * time.Second, 2 * time.Second},
		{"DialTimeout 0 keeps the Base's (none)", 0, time.Minute},
		{"DialTimeout negative: no bound", -1, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				base := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
					<-ctx.Done() // a peer that never answers
					return nil, ctx.Err()
				}}
				c := client(t, &httpctl.Transport{Base: base, DialTimeout: tt.dialTimeout,
					RequestTimeout: time.Minute, MaxTries: 1})
				start := time.Now()
				_, err := c.Get("http://lifekit.test/")
				if err == nil {
					t.Fatal("GET succeeded through a dialer that never connects")
				}
				if got := time.Since(start); got != tt.want {
					t.Errorf("GET failed after %v (%v), want %v", got, err, tt.want)
				}
			})
		})
	}
}

// TestBaseTimeouts checks, on synctest's clock, what 0, a positive and a
// negative TLSHandshakeTimeout and ResponseHeaderTimeout do to a Base that
// has bounds of its own: keep them, replace them, remove them.
func TestBaseTimeouts(t *testing.T) {
	const baseBound = 5 * time.Second
	tests := []struct {
		name string
		url  string
		tr   *httpctl.Transport
		want time.Duration // when the request fails
	}{
		{"TLSHandshakeTimeout 0 keeps the Base's", "https://lifekit.test/",
			&httpctl.Transport{}, baseBound},
		{"TLSHandshakeTimeout 2s", "https://lifekit.test/",
			&httpctl.Transport{TLSHandshakeTimeout: 2 * time.Second}, 2 * time.Second},
		{"TLSHandshakeTimeout negative: no bound", "https://lifekit.test/",
			&httpctl.Transport{TLSHandshakeTimeout: -1}, time.Minute},
		{"ResponseHeaderTimeout 0 keeps the Base's", "http://lifekit.test/",
			&httpctl.Transport{}, baseBound},
		{"ResponseHeaderTimeout 2s", "http://lifekit.test/",
			&httpctl.Transport{ResponseHeaderTimeout: 2 * time.Second}, 2 * time.Second},
		{"ResponseHeaderTimeout negative: no bound", "http://lifekit.test/",
			&httpctl.Transport{ResponseHeaderTimeout: -1}, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				base := pipeBase(t, silent) // reads the request (or ClientHello), never answers
				base.TLSHandshakeTimeout = baseBound
				base.ResponseHeaderTimeout = baseBound
				tr := &httpctl.Transport{Base: base, TLSHandshakeTimeout: tt.tr.TLSHandshakeTimeout,
					ResponseHeaderTimeout: tt.tr.ResponseHeaderTimeout, RequestTimeout: time.Minute, MaxTries: 1}
				c := client(t, tr)
				start := time.Now()
				_, err := c.Get(tt.url)
				if err == nil {
					t.Fatal("GET succeeded against a server that never answers")
				}
				if got := time.Since(start); got != tt.want {
					t.Errorf("GET failed after %v (%v), want %v", got, err, tt.want)
				}
				var te *httpctl.TimeoutError
				if isRequest := errors.As(err, &te) && te.Kind == "request"; isRequest != (tt.want == time.Minute) {
					t.Errorf("error = %v; a request timeout: %v, want %v", err, isRequest, tt.want == time.Minute)
				}
				if base.TLSHandshakeTimeout != baseBound || base.ResponseHeaderTimeout != baseBound {
					t.Error("the Base transport was modified")
				}
			})
		})
	}
}
