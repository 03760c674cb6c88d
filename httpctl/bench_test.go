package httpctl_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/lifekit/lifekit/httpctl"
)

// benchRoundTrip sends GETs through rt to a local server, reading and
// closing each body, and reports allocations.
func benchRoundTrip(b *testing.B, rt func(*http.Request) (*http.Response, error)) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := rt(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func plain() *http.Transport { return http.DefaultTransport.(*http.Transport).Clone() }

// BenchmarkRoundTrip compares, on one connection to a local server, a plain
// http.Transport with httpctl's. "plain+ctx" is the fair baseline for the
// timeout cases: a plain transport given the context a per-request timeout
// needs, which net/http itself pays extra allocations to watch.
func BenchmarkRoundTrip(b *testing.B) {
	b.Run("impl=plain", func(b *testing.B) {
		p := plain()
		defer p.CloseIdleConnections()
		benchRoundTrip(b, p.RoundTrip)
	})
	b.Run("impl=plain+ctx", func(b *testing.B) {
		p := plain()
		defer p.CloseIdleConnections()
		benchRoundTrip(b, func(r *http.Request) (*http.Response, error) {
			ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
			resp, err := p.RoundTrip(r.WithContext(ctx))
			if err != nil {
				cancel()
				return nil, err
			}
			resp.Body = cancelOnClose{resp.Body, cancel}
			return resp, nil
		})
	})
	b.Run("impl=httpctl", func(b *testing.B) {
		t := &httpctl.Transport{}
		defer t.CloseIdleConnections()
		benchRoundTrip(b, t.RoundTrip)
	})
	b.Run("impl=httpctl+timeouts", func(b *testing.B) {
		t := &httpctl.Transport{DialTimeout: time.Second, TLSHandshakeTimeout: time.Second,
			ResponseHeaderTimeout: time.Minute, AttemptTimeout: time.Minute, RequestTimeout: time.Minute}
		defer t.CloseIdleConnections()
		benchRoundTrip(b, t.RoundTrip)
	})
	b.Run("impl=httpctl+timeouts+stats", func(b *testing.B) {
		t := &httpctl.Transport{DialTimeout: time.Second, TLSHandshakeTimeout: time.Second,
			ResponseHeaderTimeout: time.Minute, AttemptTimeout: time.Minute, RequestTimeout: time.Minute,
			Stats: func(*httpctl.Stats) {}}
		defer t.CloseIdleConnections()
		benchRoundTrip(b, t.RoundTrip)
	})
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
