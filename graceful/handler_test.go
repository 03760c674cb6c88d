package graceful

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// drainRig is a server on a tracking listener, optionally behind TLS, and
// a drain driven as Upgrader.Shutdown drives it: the lame duck ends once
// the listener is quiet.
type drainRig struct {
	l     *listener
	ln    net.Listener // l, or TLS above it
	srv   *http.Server
	quiet broadcaster
	cert  *proctest.Cert
	idle  chan struct{} // a connection went idle
	wait  func() error  // waits for Serve
}

func newDrainRig(t *testing.T, handler http.Handler, useTLS bool) *drainRig {
	t.Helper()
	r := &drainRig{idle: make(chan struct{}, 1)}
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.l = newListener(inner, &r.quiet, false)
	r.ln = r.l
	if useTLS {
		r.cert = proctest.NewCert(t)
		cfg := r.cert.Server.Clone()
		cfg.NextProtos = []string{"h2", "http/1.1"}
		r.ln = tls.NewListener(r.l, cfg)
	}
	r.srv = &http.Server{
		Handler: handler,
		ConnState: func(c net.Conn, s http.ConnState) {
			if s == http.StateIdle {
				select {
				case r.idle <- struct{}{}:
				default:
				}
			}
		},
	}
	r.wait = serve(t, r.srv, r.ln)
	return r
}

// dial opens a raw HTTP/1.1 keep-alive connection, through TLS if the
// server has it.
func (r *drainRig) dial(t testing.TB) *rawClient {
	t.Helper()
	rc := dialRaw(t, r.l.Addr().String())
	if r.cert == nil {
		return rc
	}
	cfg := r.cert.Client.Clone()
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(rc.c, cfg)
	tc.SetDeadline(time.Now().Add(20 * time.Second))
	if err := tc.Handshake(); err != nil {
		rc.c.Close()
		t.Fatal(err)
	}
	return &rawClient{c: tc, br: bufio.NewReader(tc)}
}

// drain stops the listener accepting and runs the drain in the background
// with a lame duck of up to a minute. It returns once the lame duck has
// begun, and a function that waits for the drain and reports whether the
// lame duck ended because every client had been told.
func (r *drainRig) drain(t *testing.T) (finish func() (told bool, err error)) {
	t.Helper()
	r.l.drain(false)
	began := make(chan struct{})
	var once sync.Once
	quiet := func() (<-chan struct{}, bool) {
		changed := r.quiet.wait()
		once.Do(func() { close(began) })
		return changed, r.l.isQuiet()
	}
	var told atomic.Bool
	errc := make(chan error, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	go func() {
		defer cancel()
		errc <- shutdown(ctx, r.srv, time.Minute, quiet, nil, func(t bool) bool { told.Store(t); return true })
	}()
	<-began
	return func() (bool, error) {
		err := <-errc
		return told.Load(), err
	}
}

// With Handler, a drain closes no idle connection under its client: over
// TLS, whose bytes the listener cannot hand back, the client's next
// request on an idle connection is answered, with "Connection: close",
// and the lame duck ends as soon as the client has closed. Without it,
// the same request fails: the idle connection was closed when the lame
// duck began. Handler works inside other middleware too.
func TestHandlerDrainsIdleTLSConnection(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(http.Handler) http.Handler
	}{
		{"handler", Handler},
		{"handler inside middleware", func(h http.Handler) http.Handler {
			inner := Handler(h)
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Middleware", "1")
				inner.ServeHTTP(w, r)
			})
		}},
		{"no handler", nil},
	} {
		wrapped := tc.wrap != nil
		t.Run(tc.name, func(t *testing.T) {
			var h http.Handler = okHandler("ok")
			if wrapped {
				h = tc.wrap(h)
			}
			r := newDrainRig(t, h, true)
			rc := r.dial(t)
			defer rc.c.Close()
			if _, closing, err := rc.get("/"); err != nil || closing {
				t.Fatalf("first get = %v, closing %v; want nil, false", err, closing)
			}
			<-r.idle
			finish := r.drain(t)

			body, closing, err := rc.get("/")
			if !wrapped {
				if err == nil {
					t.Fatalf("get on an idle TLS connection after the lame duck began = %q, closing %v; want an error without Handler", body, closing)
				}
				rc.c.Close()
				if _, err := finish(); err != nil {
					t.Errorf("drain = %v, want nil", err)
				}
				return
			}
			if err != nil || body != "ok" || !closing {
				t.Fatalf("get after the lame duck began = %q, closing %v, %v; want \"ok\", true, nil", body, closing, err)
			}
			rc.c.Close()
			told, err := finish()
			if err != nil || !told {
				t.Errorf("drain = %v, every client told %v; want nil, true", err, told)
			}
			if err := r.wait(); !errors.Is(err, http.ErrServerClosed) {
				t.Errorf("Serve = %v, want ErrServerClosed", err)
			}
		})
	}
}

// With Handler, an HTTP/2 client's request during the lame duck is
// answered, and the server then sends that connection a GOAWAY and closes
// it once its streams are done: the lame duck ends without waiting for its
// timer, and the client's next request goes to a new connection.
func TestHandlerDrainsHTTP2Connection(t *testing.T) {
	r := newDrainRig(t, Handler(okHandler("ok")), true)
	var dials atomic.Int64
	tr := &http.Transport{
		TLSClientConfig:   r.cert.Client.Clone(),
		ForceAttemptHTTP2: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	url := "https://" + r.l.Addr().String() + "/"
	get := func() (string, int, error) {
		resp, err := client.Get(url)
		if err != nil {
			return "", 0, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %s", resp.Status)
		}
		return string(b), resp.ProtoMajor, err
	}
	if _, proto, err := get(); err != nil || proto != 2 {
		t.Fatalf("first get = HTTP/%d, %v; want HTTP/2, nil", proto, err)
	}
	finish := r.drain(t)
	if body, proto, err := get(); err != nil || body != "ok" || proto != 2 {
		t.Fatalf("get after the lame duck began = %q over HTTP/%d, %v; want \"ok\" over HTTP/2", body, proto, err)
	}
	told, err := finish()
	if err != nil || !told {
		t.Errorf("drain = %v, every client told %v; want nil, true", err, told)
	}
	if n := dials.Load(); n != 1 {
		t.Errorf("client dialed %d times during the drain, want 1: both requests on one connection", n)
	}
}

// Under load from keep-alive clients that never retry, a drain loses no
// request, whether the listener parks idle connections (plain HTTP/1.1,
// no Handler) or Handler tells each client on its next request (plain and
// TLS): every client gets complete responses until one says
// "Connection: close". Without either, net/http's closing of idle
// connections when keep-alives are disabled fails about a quarter of such
// clients on every drain.
func TestDrainUnderLoadFailsNoRequest(t *testing.T) {
	const clients, warm = 50, 20
	for _, tc := range []struct {
		name    string
		handler bool
		tls     bool
	}{
		{"listener", false, false},
		{"handler", true, false},
		{"handler/tls", true, true},
	} {
		for round := range 2 {
			t.Run(fmt.Sprintf("%s/round%d", tc.name, round), func(t *testing.T) {
				var h http.Handler = okHandler("ok")
				if tc.handler {
					h = Handler(h)
				}
				r := newDrainRig(t, h, tc.tls)
				var failed, closed atomic.Int64
				var warmed, done sync.WaitGroup
				for range clients {
					warmed.Add(1)
					done.Go(func() {
						rc := r.dial(t)
						defer rc.c.Close()
						for n := 1; ; n++ {
							if n == warm+1 {
								warmed.Done()
							}
							_, closing, err := rc.get("/")
							if err != nil && failed.Add(1) == 1 {
								t.Errorf("request %d: %v", n, err)
							}
							if err == nil && closing {
								closed.Add(1)
							}
							if err != nil || closing {
								if n <= warm {
									warmed.Done()
								}
								return
							}
						}
					})
				}
				warmed.Wait()
				finish := r.drain(t)
				done.Wait()
				told, err := finish()
				if err != nil || !told {
					t.Errorf("drain = %v, every client told %v; want nil, true", err, told)
				}
				if err := r.wait(); !errors.Is(err, http.ErrServerClosed) {
					t.Errorf("Serve = %v, want ErrServerClosed", err)
				}
				if f, c := failed.Load(), closed.Load(); f != 0 || c != clients {
					t.Errorf("failed %d, told to close %d; want 0 and %d", f, c, clients)
				}
			})
		}
	}
}
