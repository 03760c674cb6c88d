package graceful

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// newTestListener returns a tracking listener on a fresh loopback port.
func newTestListener(t *testing.T) *listener {
	t.Helper()
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return newListener(inner, nil, false)
}

// rawClient is an HTTP/1.1 keep-alive client that never retries: a request
// that gets no complete response is a failure.
type rawClient struct {
	c  net.Conn
	br *bufio.Reader
}

func dialRaw(t testing.TB, addr string) *rawClient {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return &rawClient{c: c, br: bufio.NewReader(c)}
}

// get sends one request and reads its response: the body and whether the
// server said "Connection: close".
func (rc *rawClient) get(path string) (body string, closing bool, err error) {
	rc.c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := fmt.Fprintf(rc.c, "GET %s HTTP/1.1\r\nHost: test\r\n\r\n", path); err != nil {
		return "", false, err
	}
	resp, err := http.ReadResponse(rc.br, nil)
	if err != nil {
		return "", false, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", false, err
	}
	if resp.StatusCode != http.StatusOK {
		return "", false, fmt.Errorf("status %s", resp.Status)
	}
	return string(b), resp.Close, nil
}

func okHandler(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
}

// serve runs srv on ln and returns a function that waits for Serve. If the
// test ends first, srv is closed and Serve waited for.
func serve(t *testing.T, srv *http.Server, ln net.Listener) (wait func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	var once sync.Once
	var err error
	wait = func() error {
		once.Do(func() { err = <-done })
		return err
	}
	t.Cleanup(func() {
		srv.Close()
		wait()
	})
	return wait
}

// gatedListener hands each connection it accepts to its caller only once
// release is closed: it stands for an Accept whose goroutine is preempted
// between taking a connection from the socket and returning it.
type gatedListener struct {
	net.Listener
	took    chan struct{}
	release chan struct{}
}

func (g *gatedListener) Accept() (net.Conn, error) {
	c, err := g.Listener.Accept()
	if err == nil {
		g.took <- struct{}{}
		<-g.release
	}
	return c, err
}

// A listener is not quiet while an Accept is taking a connection from the
// socket: that connection's client has not been told anything yet, and the
// lame duck must wait for it to be answered, with "Connection: close".
func TestLameDuckWaitsForAcceptInProgress(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := &gatedListener{Listener: inner, took: make(chan struct{}, 1), release: make(chan struct{})}
	var quiet broadcaster
	l := newListener(g, &quiet, false)
	srv := &http.Server{Handler: okHandler("ok")}
	waitServe := serve(t, srv, l)

	rc := dialRaw(t, l.Addr().String())
	defer rc.c.Close()
	<-g.took // the server's Accept has the connection, and has not returned it
	l.drain(false)
	if l.isQuiet() {
		t.Error("listener quiet while an Accept holds a connection")
	}

	srv.SetKeepAlivesEnabled(false) // before the request: its answer says close
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- shutdown(ctx, srv, time.Hour, func() (<-chan struct{}, bool) {
			changed := quiet.wait()
			return changed, l.isQuiet()
		}, nil, nil)
	}()
	close(g.release)
	if body, closing, err := rc.get("/"); err != nil || body != "ok" || !closing {
		t.Fatalf("request on the connection being accepted: %q, closing %v, %v; want ok with Connection: close", body, closing, err)
	}
	rc.c.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown = %v, want nil", err)
		}
	case <-ctx.Done():
		t.Fatal("the lame duck went on after the last connection closed")
	}
	if err := waitServe(); !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve = %v, want ErrServerClosed", err)
	}
}

// A connection that net/http closes as idle when the lame duck begins is
// parked; the client's next request on it is answered, with
// "Connection: close".
func TestParkedConnectionAnswersNextRequest(t *testing.T) {
	l := newTestListener(t)
	idle := make(chan struct{}, 1)
	srv := &http.Server{
		Handler: okHandler("ok"),
		ConnState: func(c net.Conn, s http.ConnState) {
			if s == http.StateIdle {
				select {
				case idle <- struct{}{}:
				default:
				}
			}
		},
	}
	waitServe := serve(t, srv, l)
	rc := dialRaw(t, l.Addr().String())
	defer rc.c.Close()
	if _, closing, err := rc.get("/"); err != nil || closing {
		t.Fatalf("first get = %v, closing %v; want nil, false", err, closing)
	}
	<-idle
	l.drain(false)
	srv.SetKeepAlivesEnabled(false) // closes the idle connection: parked

	body, closing, err := rc.get("/")
	if err != nil || body != "ok" || !closing {
		t.Errorf("get after lame duck began = %q, closing %v, %v; want \"ok\", true, nil", body, closing, err)
	}
	// The client closes as told; the listener closes its end too.
	rc.c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	waitServe()
	if n := openConns(l); n != 0 {
		t.Errorf("%d connections still tracked after Shutdown, want 0", n)
	}
}

func openConns(l *listener) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// A parked connection whose client stays silent is closed when the
// listener is, which srv.Shutdown does at the end of the lame duck.
func TestParkedConnectionClosedWithListener(t *testing.T) {
	l := newTestListener(t)
	srv := &http.Server{Handler: okHandler("ok")}
	waitServe := serve(t, srv, l)
	rc := dialRaw(t, l.Addr().String())
	defer rc.c.Close()
	if _, _, err := rc.get("/"); err != nil {
		t.Fatal(err)
	}
	l.drain(false)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Shutdown(ctx, srv, 0); err != nil {
		t.Errorf("Shutdown = %v, want nil", err)
	}
	waitServe()
	rc.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := rc.br.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("read on parked connection after Shutdown = %d, %v; want 0, EOF", n, err)
	}
}

// Connections that do not speak HTTP/1 are never parked: the server's
// Close closes them.
func TestOtherProtocolsAreNotParked(t *testing.T) {
	for _, first := range []string{
		"\x16\x03\x01\x00\xa5\x01\x00\x00", // a TLS ClientHello
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", // HTTP/2 with prior knowledge
		"HELLO WORLD\n",                    // some line protocol
	} {
		t.Run(fmt.Sprintf("%q", first[:4]), func(t *testing.T) {
			l := newTestListener(t)
			defer l.Close()
			accepted := make(chan net.Conn, 1)
			go func() {
				c, err := l.Accept()
				if err != nil {
					close(accepted)
					return
				}
				accepted <- c
			}()
			client, err := net.Dial("tcp", l.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			io.WriteString(client, first)
			sc, ok := <-accepted
			if !ok {
				t.Fatal("Accept failed")
			}
			if _, err := sc.Read(make([]byte, 64)); err != nil {
				t.Fatal(err)
			}
			l.drain(false)
			sc.Close()
			client.SetReadDeadline(time.Now().Add(10 * time.Second))
			if n, err := client.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
				t.Errorf("client read after server Close = %d, %v; want 0, EOF", n, err)
			}
		})
	}
}

// Shutdown closes a connection that never sent a byte as soon as it
// closes the listener, so that it does not hold the drain for net/http's 5
// seconds, and still waits for a request in flight.
func TestShutdownClosesSilentConnections(t *testing.T) {
	l := newTestListener(t)
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "slow done")
	})
	srv := &http.Server{Handler: mux}
	waitServe := serve(t, srv, l)

	silent, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	slow := dialRaw(t, l.Addr().String())
	defer slow.c.Close()
	slowDone := make(chan string, 1)
	go func() {
		body, _, err := slow.get("/slow")
		if err != nil {
			body = err.Error()
		}
		slowDone <- body
	}()
	<-entered

	// The silent connection must be closed while the request in flight is
	// still blocked: it does not wait for the drain, nor for net/http's 5 s.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- Shutdown(ctx, srv, 0) }()

	silent.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := silent.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("silent connection read = %d, %v; want 0, EOF (closed by Shutdown)", n, err)
	}
	close(release)
	if body := <-slowDone; body != "slow done" {
		t.Errorf("request in flight got %q, want \"slow done\"", body)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown = %v, want nil", err)
	}
	waitServe()
}

// When ctx ends before the drain does, Shutdown closes what is left and
// says why.
func TestShutdownDeadline(t *testing.T) {
	l := newTestListener(t)
	entered := make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-r.Context().Done() // until srv.Close cuts the connection
	})}
	waitServe := serve(t, srv, l)
	rc := dialRaw(t, l.Addr().String())
	defer rc.c.Close()
	got := make(chan error, 1)
	go func() {
		_, _, err := rc.get("/")
		got <- err
	}()
	<-entered
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Shutdown(ctx, srv, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown with a canceled ctx = %v, want context.Canceled", err)
	}
	if err := <-got; err == nil {
		t.Error("request cut off by Shutdown succeeded")
	}
	waitServe()
}

// Once closed, a listener refuses Accept; a draining one hands out only
// parked connections.
func TestListenerAcceptAfterDrainAndClose(t *testing.T) {
	l := newTestListener(t)
	accepted := make(chan error, 1)
	go func() {
		c, err := l.Accept()
		if c != nil {
			c.Close()
		}
		accepted <- err
	}()
	l.drain(false)
	if err := l.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if err := <-accepted; !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept interrupted by Close = %v, want net.ErrClosed", err)
	}
	if err := l.Close(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("second Close = %v, want net.ErrClosed", err)
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want connKind
	}{
		{"GET / HTTP/1.1\r\nHost: x\r\n\r\n", kindHTTP1},
		{"POST /v1/classes/a?b=c HTTP/1.0\n", kindHTTP1},
		{"OPTIONS * HTTP/1.1\r\n", kindHTTP1},
		{"GET / HTTP/1.1", kindOther}, // line not complete
		{"get / HTTP/1.1\r\n", kindOther},
		{"GET HTTP/1.1\r\n", kindOther},
		{"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", kindOther},
		{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n", kindOther},
		{"", kindOther},
		{"\n", kindOther},
	} {
		if got := classify([]byte(tc.in)); got != tc.want {
			t.Errorf("classify(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestLooksLikeRequest(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"GET / HTTP/1.1\r\n", true},
		{"DEL", true}, // a request line cut short
		{" GET", false},
		{"\x88\x80", false}, // a WebSocket close frame
		{"", false},
		{"get /", false},
	} {
		if got := looksLikeRequest([]byte(tc.in)); got != tc.want {
			t.Errorf("looksLikeRequest(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzClassify(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\n"))
	f.Add([]byte("PRI * HTTP/2.0\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if classify(b) == kindHTTP1 && !looksLikeRequest(b) {
			t.Errorf("classify(%q) is HTTP/1 but looksLikeRequest is false", b)
		}
		if classify(b) == kindHTTP1 && !strings.Contains(string(b), " HTTP/1.") {
			t.Errorf("classify(%q) is HTTP/1 without a protocol", b)
		}
	})
}

// When the server closes a draining connection after reading bytes it did
// not answer (net/http's background read takes the first byte of the next
// request, then net/http gives up on the connection), the listener hands
// those bytes, with the rest of the request, to the next Accept.
func TestParkHandsBackUnansweredBytes(t *testing.T) {
	l := newTestListener(t)
	defer l.Close()
	client, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sc, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	const first, second = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n", "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
	io.WriteString(client, first)
	buf := make([]byte, 4096)
	if n, err := sc.Read(buf); err != nil || string(buf[:n]) != first {
		t.Fatalf("first read = %q, %v", buf[:n], err)
	}
	io.WriteString(sc, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	io.WriteString(client, second)
	if n, err := sc.Read(buf[:1]); n != 1 || err != nil { // the background read
		t.Fatalf("one-byte read = %d, %v", n, err)
	}
	l.drain(false)
	sc.Close() // the server gives up on the connection

	next, err := l.Accept()
	if err != nil {
		t.Fatalf("Accept after the park = %v, want the parked connection", err)
	}
	defer next.Close()
	n, err := io.ReadAtLeast(next, buf, len(second))
	if err != nil || string(buf[:n]) != second {
		t.Errorf("next view reads %q, %v; want the whole second request %q", buf[:n], err, second)
	}
	if _, err := sc.Read(buf); !errors.Is(err, net.ErrClosed) {
		t.Errorf("read on the old view = %v, want net.ErrClosed", err)
	}
	if _, err := sc.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("write on the old view = %v, want net.ErrClosed", err)
	}
}

// byIdleSweep recognises net/http's sweep of idle connections, so that a
// request caught by it is answered by its own goroutine rather than handed
// back (which would run its handler twice). If net/http renames the sweep,
// this fails.
func TestIdleSweepRecognised(t *testing.T) {
	l := newTestListener(t)
	idle := make(chan *view, 1)
	srv := &http.Server{
		Handler: okHandler("ok"),
		ConnState: func(c net.Conn, s http.ConnState) {
			if s == http.StateIdle {
				select {
				case idle <- c.(*view):
				default:
				}
			}
		},
	}
	waitServe := serve(t, srv, l)
	rc := dialRaw(t, l.Addr().String())
	defer rc.c.Close()
	if _, _, err := rc.get("/"); err != nil {
		t.Fatal(err)
	}
	v := <-idle
	l.drain(false)
	v.c.mu.Lock()
	v.c.unanswered = []byte("GET") // as if the next request had just been read
	v.c.mu.Unlock()
	srv.SetKeepAlivesEnabled(false) // the sweep closes the idle connection
	v.c.mu.Lock()
	asked, parked := v.c.closeAsked, v.c.parked
	v.c.unanswered = nil
	v.c.mu.Unlock()
	if !asked || parked {
		t.Errorf("Close from net/http's idle sweep: closeAsked %v, parked %v; want true, false", asked, parked)
	}
	rc.c.Close()
	srv.Close() // closes the listener, and with it the connection
	waitServe()
}

// A waiting listener accepts once started, and never if it is drained or
// closed first.
func TestWaitingListener(t *testing.T) {
	t.Run("start", func(t *testing.T) {
		inner, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		l := newListener(inner, nil, true)
		accepted := make(chan net.Conn, 1)
		go func() {
			c, err := l.Accept()
			if err != nil {
				t.Errorf("Accept after start: %v", err)
			}
			accepted <- c
		}()
		client, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer client.Close()
		// That nothing is accepted before start is TestNoAcceptBeforeReady's
		// to show, with real processes; here, that start lets it through.
		l.start()
		c := <-accepted
		if c == nil {
			t.Fatal("no connection after start")
		}
		if c.RemoteAddr().String() != client.LocalAddr().String() {
			t.Errorf("accepted %v, want the client %v", c.RemoteAddr(), client.LocalAddr())
		}
		c.Close()
		l.Close()
	})
	for _, end := range []string{"drain", "close"} {
		t.Run(end, func(t *testing.T) {
			inner, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			l := newListener(inner, nil, true)
			done := make(chan error, 1)
			go func() {
				c, err := l.Accept()
				if c != nil {
					c.Close()
				}
				done <- err
			}()
			if end == "drain" {
				l.drain(false)
				l.start() // too late: a drained listener stays drained
			}
			l.Close()
			if err := <-done; !errors.Is(err, net.ErrClosed) {
				t.Errorf("Accept = %v, want net.ErrClosed", err)
			}
		})
	}
}
