package httpctl_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeNet is an http.RoundTripper that stands in for the network inside a
// synctest bubble, where real sockets cannot be used. Its n-th request
// (from 0) gets replies[n]; the last reply repeats.
//
// Like http.Transport it honours the request's context: a reply that
// stalls ends when the context does, with context.Cause(ctx) as its error
// (what http.Transport returns for a request whose context ended), and a
// body that stalls fails the same way. It closes every request body, as a
// RoundTripper must, and counts the response bodies not yet closed.
type fakeNet struct {
	replies []reply

	mu     sync.Mutex
	starts []time.Time // when each attempt started
	open   int         // response bodies not closed
}

// A reply is what fakeNet does with one request.
type reply struct {
	status int
	header http.Header
	err    error // returned at once instead of a response
	stall  bool  // block until the request's context ends
	// stallBody sends the header, then blocks the body's first read until
	// the request's context ends.
	stallBody bool
	// bodyDelay delays the body's first read, as a slow server would.
	bodyDelay time.Duration
}

func (f *fakeNet) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	f.mu.Lock()
	n := len(f.starts)
	f.starts = append(f.starts, time.Now())
	r := f.replies[min(n, len(f.replies)-1)]
	f.mu.Unlock()

	ctx := req.Context()
	switch {
	case r.err != nil:
		return nil, r.err
	case r.stall:
		<-ctx.Done()
		return nil, context.Cause(ctx)
	}
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	header := r.header
	if header == nil {
		header = http.Header{}
	}
	f.mu.Lock()
	f.open++
	f.mu.Unlock()
	return &http.Response{
		Status:     http.StatusText(r.status),
		StatusCode: r.status,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     header,
		Body:       &fakeBody{f: f, ctx: ctx, r: strings.NewReader("body"), stall: r.stallBody, delay: r.bodyDelay},
		Request:    req,
	}, nil
}

// attempts returns when each attempt started, as offsets from start.
func (f *fakeNet) attempts(start time.Time) []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	at := make([]time.Duration, len(f.starts))
	for i, s := range f.starts {
		at[i] = s.Sub(start)
	}
	return at
}

// openBodies reports how many response bodies have not been closed.
func (f *fakeNet) openBodies() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.open
}

// fakeBody is a fakeNet response body. Once its request's context has
// ended, reads fail with the context's cause, as http.Transport's do.
type fakeBody struct {
	f      *fakeNet
	ctx    context.Context
	r      io.Reader
	stall  bool
	delay  time.Duration // before the first read; then 0
	closed bool          // guarded by f.mu
}

func (b *fakeBody) Read(p []byte) (int, error) {
	if b.stall {
		<-b.ctx.Done()
	}
	if b.delay > 0 {
		select {
		case <-time.After(b.delay):
		case <-b.ctx.Done():
		}
		b.delay = 0
	}
	if err := context.Cause(b.ctx); err != nil {
		return 0, err
	}
	return b.r.Read(p)
}

func (b *fakeBody) Close() error {
	b.f.mu.Lock()
	defer b.f.mu.Unlock()
	if !b.closed {
		b.closed = true
		b.f.open--
	}
	return nil
}

// pipeBase returns an http.Transport whose connections are in-memory pipes
// (usable inside a synctest bubble); serve runs, on a goroutine of its own,
// for the server's end of each one and must return once that end is
// closed. The connections are closed when the test ends.
func pipeBase(t *testing.T, serve func(net.Conn)) *http.Transport {
	t.Helper()
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
	)
	t.Cleanup(func() {
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		srv, cli := net.Pipe()
		mu.Lock()
		conns = append(conns, srv, cli)
		mu.Unlock()
		wg.Go(func() { serve(srv) })
		return cli, nil
	}}
}

// silent is a pipeBase server that reads all it is sent and never answers.
func silent(c net.Conn) { io.Copy(io.Discard, c) }
