package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// recorder records lifecycle calls in the order they happen.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) get() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

// part gives test components configurable Start and Stop methods.
type part struct {
	name string
	rec  *recorder

	startErr   error
	stopErr    error
	startPanic any
	stopPanic  any
	startBlock bool // Start waits for ctx to be done, then returns its error
	stopBlock  bool
	hang       chan struct{} // if set, Start ignores ctx and waits for it to close
	stopHang   chan struct{} // likewise for Stop
	stopDelay  time.Duration // Stop sleeps this long first
	goexit     bool          // Start calls runtime.Goexit
}

func (p *part) Start(ctx context.Context) error {
	p.rec.add("start %s", p.name)
	switch {
	case p.startPanic != nil:
		panic(p.startPanic)
	case p.hang != nil:
		<-p.hang
	case p.goexit:
		runtime.Goexit()
	case p.startBlock:
		<-ctx.Done()
		return ctx.Err()
	}
	return p.startErr
}

func (p *part) Stop(ctx context.Context) error {
	if ctx.Err() != nil {
		p.rec.add("stop %s (ctx done)", p.name)
	} else {
		p.rec.add("stop %s", p.name)
	}
	time.Sleep(p.stopDelay)
	switch {
	case p.stopPanic != nil:
		panic(p.stopPanic)
	case p.stopHang != nil:
		<-p.stopHang
	case p.stopBlock:
		<-ctx.Done()
		return ctx.Err()
	}
	return p.stopErr
}

// The components of a small service: Server depends on DB and Cache, and
// Cache on DB.
type (
	testDB    struct{ part }
	testCache struct {
		part
		DB *testDB `inject:""`
	}
	testServer struct {
		part
		DB    *testDB    `inject:""`
		Cache *testCache `inject:""`
	}
)

// service returns a graph of a server, a cache and a database recording to
// rec, provided in the order server, cache, db.
func service(t *testing.T, rec *recorder, opts ...Option) (*Graph, *testServer, *testCache, *testDB) {
	t.Helper()
	return serviceWith(t, rec, nil, opts...)
}

// serviceWith is service with edit, when not nil, setting the Objects of
// the server, the cache and the database before they are provided.
func serviceWith(t *testing.T, rec *recorder, edit func(s, c, d *Object), opts ...Option) (*Graph, *testServer, *testCache, *testDB) {
	t.Helper()
	s := &testServer{part: part{name: "server", rec: rec}}
	c := &testCache{part: part{name: "cache", rec: rec}}
	d := &testDB{part: part{name: "db", rec: rec}}
	so, co, do := &Object{Value: s}, &Object{Value: c}, &Object{Value: d}
	if edit != nil {
		edit(so, co, do)
	}
	g := New(opts...)
	if err := g.Provide(so, co, do); err != nil {
		t.Fatalf("Provide: %v", err)
	}
	return g, s, c, d
}

var (
	siteRE     = regexp.MustCompile(`\w+\.go:\d+`)
	durationRE = regexp.MustCompile(` after [0-9.]+[µnm]?s`)
)

// errText returns err's message with file:line sites replaced by FILE, so
// that tables do not break when lines move.
func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return siteRE.ReplaceAllString(err.Error(), "FILE")
}

// componentErrors returns the *ComponentErrors in err, in order.
// errShape is errText without the durations, for tests in real time.
func errShape(err error) string {
	return durationRE.ReplaceAllString(errText(err), "")
}

func componentErrors(err error) []*ComponentError {
	var out []*ComponentError
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*ComponentError); ok {
			out = append(out, ce)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			if e := u.Unwrap(); e != nil {
				walk(e)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

var errBoom = errors.New("boom")

// startStop starts g and stops it, failing the test on either error.
func startStop(t *testing.T, g *Graph) {
	t.Helper()
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := g.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
}
