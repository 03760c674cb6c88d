package proctest

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A Load is keep-alive HTTP traffic from clients that never retry: a
// request that gets no complete 200 response is a failure, and so is a
// connection that cannot be made. A client opens a new connection only
// after a response that said "Connection: close", or after a failure;
// either way its next request is a new one, not a retry.
//
// An HTTP/1.1 client, plain or over TLS, is a raw connection and a loop of
// "GET /": net/http's client would hide failures by retrying idempotent
// requests on a new connection. An HTTP/2 client is net/http's, which
// retries only what the protocol says was not processed; LoadResult.Retried
// counts those.
type Load struct {
	addr    string
	cfg     LoadConfig
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	ok      atomic.Int64
	failed  atomic.Int64
	refused atomic.Int64
	retried atomic.Int64

	mu     sync.Mutex
	moved  chan struct{} // closed at the next request's outcome; nil while nobody waits
	errs   []string
	byPID  map[int]int64
	seen   map[int]chan struct{} // closed at a PID's first response
	firsts map[int]time.Time
}

// A LoadConfig says what traffic a Load sends.
type LoadConfig struct {
	// Clients is how many clients send requests at once, each on a
	// connection of its own and one request at a time.
	Clients int
	// TLS, if not nil, is the clients' TLS configuration: each client
	// speaks HTTP/1.1 over TLS, as above, or HTTP/2 with HTTP2.
	TLS *tls.Config
	// HTTP2 makes each client Go's HTTP/2 client (net/http), on a
	// connection of its own, sending one GET / at a time. It needs TLS.
	// A request answered over another protocol is a failure; one that
	// found no connection, because none could be made, is a refusal.
	HTTP2 bool
}

// A LoadResult is what a Load saw, once stopped.
type LoadResult struct {
	OK      int64 // requests answered 200
	Failed  int64 // requests that got no complete 200 response
	Refused int64 // connections that could not be made
	// Retried counts HTTP/2 requests that Go's client wrote more than
	// once: the server refused their stream with a GOAWAY before
	// processing it, which RFC 9113 (6.8) makes safe to retry, and the
	// client retried at once on a new connection. Each is also counted by
	// its final outcome, in OK as a rule. They are apart from Failed, and
	// Finish accepts them, because the protocol lets any client retry them
	// (Go's and browsers' do) and the server processed each once: no user
	// sees them. The count shows how often a drain's GOAWAY crossed a
	// request.
	Retried int64
	ByPID   map[int]int64 // requests answered by each process
	Errors  []string      // the first few failures
}

// StartLoad starts clients connections' worth of load on addr. The clients
// stop at Stop or Finish, or when tb ends.
func StartLoad(tb testing.TB, addr string, clients int) *Load {
	return StartLoadWith(tb, addr, LoadConfig{Clients: clients})
}

// StartLoadWith starts the load cfg describes on addr. The clients stop
// at Stop or Finish, or when tb ends.
func StartLoadWith(tb testing.TB, addr string, cfg LoadConfig) *Load {
	tb.Helper()
	if cfg.HTTP2 && cfg.TLS == nil {
		tb.Fatal("proctest: HTTP/2 load needs TLS")
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &Load{addr: addr, cfg: cfg, cancel: cancel, byPID: map[int]int64{}, seen: map[int]chan struct{}{}, firsts: map[int]time.Time{}}
	tb.Cleanup(func() { l.Stop() })
	for range cfg.Clients {
		if cfg.HTTP2 {
			l.wg.Go(func() { l.client2(ctx) })
		} else {
			l.wg.Go(func() { l.client(ctx) })
		}
	}
	return l
}

// OK returns how many requests were answered so far.
func (l *Load) OK() int64 { return l.ok.Load() }

func (l *Load) fail(counter *atomic.Int64, err error) {
	counter.Add(1)
	l.mu.Lock()
	if len(l.errs) < 10 {
		l.errs = append(l.errs, err.Error())
	}
	l.movedLocked()
	l.mu.Unlock()
}

// movedLocked wakes WaitFor, if it waits. l.mu is held.
func (l *Load) movedLocked() {
	if l.moved != nil {
		close(l.moved)
		l.moved = nil
	}
}

// WaitFor waits until cond, given the counts of answered, failed and
// refused requests so far, holds; it fails tb if it does not within d.
func (l *Load) WaitFor(tb testing.TB, d time.Duration, cond func(ok, failed, refused int64) bool) {
	tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		l.mu.Lock()
		if l.moved == nil {
			l.moved = make(chan struct{})
		}
		moved := l.moved // before reading the counts
		l.mu.Unlock()
		if cond(l.ok.Load(), l.failed.Load(), l.refused.Load()) {
			return
		}
		select {
		case <-moved:
		case <-timer.C:
			tb.Fatalf("load: condition not met within %v: %d answered, %d failed, %d refused", d, l.ok.Load(), l.failed.Load(), l.refused.Load())
		}
	}
}

func (l *Load) client(ctx context.Context) {
	var c net.Conn
	var br *bufio.Reader
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	pause := time.NewTicker(10 * time.Millisecond) // after a refused connection only
	defer pause.Stop()
	// For the failures' messages: which process last answered on the
	// connection, and how many requests it answered.
	lastPID, answered := 0, 0
	for ctx.Err() == nil {
		if c == nil {
			var err error
			if c, err = net.DialTimeout("tcp", l.addr, 10*time.Second); err != nil {
				l.fail(&l.refused, err)
				c = nil
				<-pause.C
				continue
			}
			if l.cfg.TLS != nil {
				if c, err = handshake(c, l.cfg.TLS); err != nil {
					l.fail(&l.failed, fmt.Errorf("TLS handshake: %w", err))
					c = nil
					continue
				}
			}
			br = bufio.NewReader(c)
			lastPID, answered = 0, 0
		}
		pid, closing, err := getPID(c, br)
		if err != nil {
			l.fail(&l.failed, fmt.Errorf("request %d on a connection last answered by %d: %w", answered+1, lastPID, err))
			c.Close()
			c = nil
			continue
		}
		lastPID, answered = pid, answered+1
		l.ok.Add(1)
		l.record(pid)
		if closing {
			c.Close()
			c = nil
		}
	}
}

// handshake runs a TLS client handshake for HTTP/1.1 on c, and closes c
// if it fails.
func handshake(c net.Conn, cfg *tls.Config) (net.Conn, error) {
	cfg = cfg.Clone()
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(c, cfg)
	tc.SetDeadline(time.Now().Add(20 * time.Second))
	if err := tc.Handshake(); err != nil {
		c.Close()
		return nil, err
	}
	return tc, nil
}

// client2 is an HTTP/2 client: Go's own, with a transport of its own so
// that it has a connection of its own.
func (l *Load) client2(ctx context.Context) {
	tr := &http.Transport{TLSClientConfig: l.cfg.TLS.Clone(), Protocols: new(http.Protocols)}
	tr.Protocols.SetHTTP2(true)
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	url := "https://" + l.addr + "/"
	pause := time.NewTicker(10 * time.Millisecond) // after a refused connection only
	defer pause.Stop()
	for ctx.Err() == nil {
		// The request's context is not ctx: Stop lets the request in
		// flight end, as the HTTP/1.1 clients do.
		var writes atomic.Int32
		var refused atomic.Bool
		trace := &httptrace.ClientTrace{
			ConnectDone: func(_, _ string, err error) {
				if err != nil {
					refused.Store(true)
				}
			},
			WroteRequest: func(httptrace.WroteRequestInfo) { writes.Add(1) },
		}
		req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, url, nil)
		if err != nil {
			panic(err) // a constant URL
		}
		pid, err := get2(client, req)
		if writes.Load() > 1 {
			l.retried.Add(1)
		}
		if err != nil && refused.Load() {
			// No connection to send it on: counted as the HTTP/1.1
			// clients count a failed dial.
			l.fail(&l.refused, err)
			<-pause.C
			continue
		}
		if err != nil {
			l.fail(&l.failed, err)
			continue
		}
		l.ok.Add(1)
		l.record(pid)
	}
}

// get2 sends req over HTTP/2 and returns the X-Pid of a 200 response.
func get2(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	switch {
	case err != nil:
		return 0, err
	case resp.StatusCode != http.StatusOK:
		return 0, fmt.Errorf("status %s", resp.Status)
	case resp.ProtoMajor != 2:
		return 0, fmt.Errorf("answered over %s, want HTTP/2", resp.Proto)
	}
	return strconv.Atoi(resp.Header.Get("X-Pid"))
}

// A KeepAlive is a client on one HTTP/1.1 connection, raw as the load's
// clients: a test holds one idle through an upgrade, say, and checks who
// answers it next.
type KeepAlive struct {
	net.Conn
	br *bufio.Reader
}

// DialKeepAlive connects a KeepAlive to addr.
func DialKeepAlive(addr string) (*KeepAlive, error) {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	return &KeepAlive{Conn: c, br: bufio.NewReader(c)}, nil
}

// Get sends one GET / and returns the X-Pid of the 200 response, and
// whether it said "Connection: close".
func (k *KeepAlive) Get() (pid int, closing bool, err error) { return getPID(k.Conn, k.br) }

// getPID sends one GET / on c and returns the X-Pid of the response and
// whether it said "Connection: close".
func getPID(c net.Conn, br *bufio.Reader) (int, bool, error) {
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		return 0, false, err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return 0, false, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, false, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, false, fmt.Errorf("status %s", resp.Status)
	}
	pid, err := strconv.Atoi(resp.Header.Get("X-Pid"))
	return pid, resp.Close, err
}

func (l *Load) record(pid int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.movedLocked()
	l.byPID[pid]++
	if _, ok := l.firsts[pid]; !ok {
		l.firsts[pid] = time.Now()
		if ch, ok := l.seen[pid]; ok {
			close(ch)
		} else {
			ch := make(chan struct{})
			close(ch)
			l.seen[pid] = ch
		}
	}
}

// Served returns a channel closed once pid has answered a request.
func (l *Load) Served(pid int) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	ch, ok := l.seen[pid]
	if !ok {
		ch = make(chan struct{})
		l.seen[pid] = ch
	}
	return ch
}

// WaitServed returns when pid answered its first request, or fails unless
// it does within d.
func (l *Load) WaitServed(tb testing.TB, pid int, d time.Duration) time.Time {
	tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-l.Served(pid):
	case <-timer.C:
		tb.Fatalf("no request served by %d within %v", pid, d)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.firsts[pid]
}

// Stop stops the clients, each after its request in flight, and returns
// what they saw.
func (l *Load) Stop() LoadResult {
	l.cancel()
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return LoadResult{
		OK:      l.ok.Load(),
		Failed:  l.failed.Load(),
		Refused: l.refused.Load(),
		Retried: l.retried.Load(),
		ByPID:   maps.Clone(l.byPID),
		Errors:  append([]string(nil), l.errs...),
	}
}

// Finish stops the clients, logs what they saw, and fails tb if a request
// failed or a connection was refused.
func (l *Load) Finish(tb testing.TB) LoadResult {
	tb.Helper()
	r := l.Stop()
	tb.Logf("load: %d requests, %d failed, %d refused connections, %d retried by the HTTP/2 client after a GOAWAY; by PID: %v",
		r.OK, r.Failed, r.Refused, r.Retried, r.ByPID)
	if r.Failed != 0 || r.Refused != 0 {
		tb.Errorf("%d failed requests and %d refused connections, want none; first errors: %q", r.Failed, r.Refused, r.Errors)
	}
	return r
}
