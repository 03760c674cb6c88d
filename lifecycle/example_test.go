package lifecycle_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/lifekit/lifekit/lifecycle"
)

// The parts of a small service. Server depends on DB, Cache and Clock;
// Cache on DB. Only DB, Cache and Server have lifecycle methods.
type (
	DB struct {
		Clock *Clock `inject:""`
	}
	Cache interface {
		Get(key string) (string, bool)
	}
	LRU struct {
		DB *DB `inject:""`
	}
	Clock  struct{}
	Server struct {
		DB    *DB    `inject:""`
		Cache Cache  `inject:""`
		Clock *Clock `inject:""`
		Addr  string `inject:"addr"`
	}
)

func (db *DB) Start(ctx context.Context) error { fmt.Println("open db"); return nil }
func (db *DB) Stop(ctx context.Context) error  { fmt.Println("close db"); return nil }

func (c *LRU) Get(key string) (string, bool)   { return "", false }
func (c *LRU) Start(ctx context.Context) error { fmt.Println("warm cache"); return nil }
func (c *LRU) Stop(ctx context.Context) error  { fmt.Println("drop cache"); return nil }

func (s *Server) Start(ctx context.Context) error { fmt.Println("listen on", s.Addr); return nil }
func (s *Server) Stop(ctx context.Context) error  { fmt.Println("drain"); return nil }

// Provide the objects in any order; Populate wires them by their tags, and
// creates the *Clock that nobody provided.
func Example() {
	server := &Server{}
	g := lifecycle.New()
	err := g.Provide(
		&lifecycle.Object{Value: server},
		&lifecycle.Object{Value: &LRU{}},
		&lifecycle.Object{Value: &DB{}},
		&lifecycle.Object{Value: ":8080", Name: "addr"},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := g.Populate(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(server.Cache.(*LRU).DB == server.DB, server.DB.Clock == server.Clock, server.Addr)
	for _, o := range g.Objects() {
		fmt.Println(o)
	}
	// Output:
	// true true :8080
	// *lifecycle_test.Server
	// *lifecycle_test.LRU
	// *lifecycle_test.DB
	// string(addr)
	// *lifecycle_test.Clock
}

// StubCache stands in for the LRU in a test.
type StubCache struct{}

func (StubCache) Get(key string) (string, bool) { return "stub", true }

// newGraph is how the program builds its graph; a test reuses it, with one
// object replaced.
func newGraph(server *Server) (*lifecycle.Graph, error) {
	g := lifecycle.New()
	return g, g.Provide(
		&lifecycle.Object{Value: server},
		&lifecycle.Object{Value: &LRU{}},
		&lifecycle.Object{Value: &DB{}},
		&lifecycle.Object{Value: ":8080", Name: "addr"},
	)
}

func ExampleReplace() {
	server := &Server{}
	g, err := newGraph(server)
	if err == nil {
		err = lifecycle.Replace[Cache](g, &StubCache{}) // the one Cache: the *LRU
	}
	if err == nil {
		err = g.ReplaceNamed("addr", "127.0.0.1:0")
	}
	if err == nil {
		err = g.Populate()
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := server.Cache.Get("k")
	fmt.Println(v, server.Addr)
	// Once populated, the objects are wired: too late to replace one.
	err = lifecycle.Replace(g, &DB{})
	fmt.Println(err != nil)
	// Output:
	// stub 127.0.0.1:0
	// true
}

// Each component starts after what it depends on and stops before it.
// WithConcurrency(1) makes the order deterministic; by default the cache and
// anything else independent of each other would start at the same time.
func Example_startStop() {
	g := lifecycle.New(lifecycle.WithConcurrency(1))
	err := g.Provide(
		&lifecycle.Object{Value: &Server{}},
		&lifecycle.Object{Value: &LRU{}},
		&lifecycle.Object{Value: &DB{}},
		&lifecycle.Object{Value: ":8080", Name: "addr"},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	if err := g.Stop(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// open db
	// warm cache
	// listen on :8080
	// drain
	// drop cache
	// close db
}

func ExampleNew() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	g := lifecycle.New(
		lifecycle.WithLogger(logger),
		lifecycle.WithStartTimeout(30*time.Second),
		lifecycle.WithStopTimeout(10*time.Second),
	)
	fmt.Println(g.Report().Start)
	// Output: 0s
}

// Provide checks each object, and adds all of them or none.
func ExampleGraph_Provide() {
	g := lifecycle.New()
	err := g.Provide(
		&lifecycle.Object{Value: &DB{}, Name: "primary"},
		&lifecycle.Object{Value: &DB{}, Name: "replica"},
		&lifecycle.Object{Value: DB{}},
	)
	fmt.Println(strings.Contains(err.Error(), "value at example_test.go"), len(g.Objects()))
	// Output: true 0
}

// Populate fails instead of guessing, naming the field it cannot fill.
func ExampleGraph_Populate() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Server{}}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Populate())
	// Output:
	// lifecycle: *lifecycle_test.Server.Cache: no object implements lifecycle_test.Cache
	// lifecycle: *lifecycle_test.Server.Addr: no object named "addr"
}

// A map field tagged inject:"private" gets a new, empty map of its own, as
// with facebookgo/inject, so a type moving from inject keeps working.
func ExampleGraph_Populate_privateMap() {
	type Sessions struct {
		ByUser map[string]int `inject:"private"`
	}
	a, b := &Sessions{}, &Sessions{}
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: a}, &lifecycle.Object{Value: b, Name: "b"}); err != nil {
		fmt.Println(err)
		return
	}
	if err := g.Populate(); err != nil {
		fmt.Println(err)
		return
	}
	a.ByUser["ada"]++
	fmt.Println(len(a.ByUser), len(b.ByUser))
	// Output: 1 0
}

// Metrics is optional: a Handler works without it, and uses it when the
// program provides one.
type Metrics struct{ Prefix string }

type Handler struct {
	Metrics *Metrics `inject:",optional"`
}

func ExampleGraph_Populate_optional() {
	for _, withMetrics := range []bool{false, true} {
		h := &Handler{}
		objs := []*lifecycle.Object{{Value: h}}
		if withMetrics {
			objs = append(objs, &lifecycle.Object{Value: &Metrics{Prefix: "api"}})
		}
		g := lifecycle.New()
		if err := g.Provide(objs...); err != nil {
			fmt.Println(err)
			return
		}
		if err := g.Populate(); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(h.Metrics)
	}
	// Output:
	// <nil>
	// &{api}
}

// Routes is what an HTTP mux's registrars implement; Mux takes every one
// of them, in the order they were provided, and the named ones by name.
type (
	Routes interface{ Pattern() string }
	Users  struct{}
	Orders struct{}
	Mux    struct {
		All    []Routes          `inject:""`
		ByName map[string]Routes `inject:""`
	}
)

func (*Users) Pattern() string  { return "/users/" }
func (*Orders) Pattern() string { return "/orders/" }

func ExampleGraph_Populate_groups() {
	mux := &Mux{}
	g := lifecycle.New()
	err := g.Provide(
		&lifecycle.Object{Value: mux},
		&lifecycle.Object{Value: &Users{}},
		&lifecycle.Object{Value: &Orders{}, Name: "orders"},
	)
	if err == nil {
		err = g.Populate()
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range mux.All {
		fmt.Println(r.Pattern())
	}
	fmt.Println(len(mux.ByName), mux.ByName["orders"].Pattern())
	// Output:
	// /users/
	// /orders/
	// 1 /orders/
}

// Faulty fails to start, so Start stops what had started, in reverse order,
// and returns the error.
type Faulty struct {
	Cache Cache `inject:""`
}

func (f *Faulty) Start(ctx context.Context) error { return errors.New("no route to host") }

func ExampleGraph_Start() {
	g := lifecycle.New(lifecycle.WithConcurrency(1))
	err := g.Provide(&lifecycle.Object{Value: &Faulty{}}, &lifecycle.Object{Value: &LRU{}})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = g.Start(context.Background())
	var ce *lifecycle.ComponentError
	if errors.As(err, &ce) {
		fmt.Printf("%s %s: %v\n", ce.Op, ce.Component, ce.Err)
	}
	// Output:
	// open db
	// warm cache
	// drop cache
	// close db
	// start *lifecycle_test.Faulty: no route to host
}

// Stuck fails to stop; Stop still stops everything else.
type Stuck struct {
	DB *DB `inject:""`
}

func (s *Stuck) Stop(ctx context.Context) error { return errors.New("3 requests in flight") }

func ExampleGraph_Stop() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Stuck{}}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Stop(ctx)
	var ce *lifecycle.ComponentError
	if errors.As(err, &ce) {
		fmt.Printf("%s %s: %v\n", ce.Op, ce.Component, ce.Err)
	}
	// Output:
	// open db
	// close db
	// stop *lifecycle_test.Stuck: 3 requests in flight
}

// Consumer is long-running: its Run returns when the queue is gone.
type Consumer struct {
	DB *DB `inject:""`
}

var errQueueGone = errors.New("queue gone")

func (c *Consumer) Run(ctx context.Context) error { return errQueueGone }

// Run starts the graph, and stops it when a signal arrives, its context is
// done, or, as here, a component's Run returns.
func ExampleGraph_Run() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Consumer{}}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Run(context.Background())
	fmt.Println(errors.Is(err, errQueueGone))
	// Output:
	// open db
	// close db
	// true
}

// A main that calls Start and Stop itself waits on Done as well as on its
// signals.
func ExampleGraph_Done() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Consumer{}}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	<-g.Done()
	var ce *lifecycle.ComponentError
	if errors.As(g.Err(), &ce) {
		fmt.Println(ce.Op, ce.Component, ce.Err)
	}
	if err := g.Stop(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// open db
	// run *lifecycle_test.Consumer queue gone
	// close db
}

// Err says why the graph is done: here, because Stop was called.
func ExampleGraph_Err() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &DB{}}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Err())
	if err := g.Stop(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println(errors.Is(g.Err(), lifecycle.ErrStopped))
	// Output:
	// open db
	// <nil>
	// close db
	// true
}

func ExampleGraph_Report() {
	g := lifecycle.New(lifecycle.WithConcurrency(1))
	err := g.Provide(
		&lifecycle.Object{Value: &Server{}},
		&lifecycle.Object{Value: &LRU{}},
		&lifecycle.Object{Value: ":8080", Name: "addr"},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer g.Stop(ctx)
	r := g.Report()
	for _, c := range r.Components {
		fmt.Println(c.StartOrder, c.Component)
	}
	fmt.Println(strings.Join(r.CriticalPath, " -> "))
	// Output:
	// open db
	// warm cache
	// listen on :8080
	// 1 *lifecycle_test.DB
	// 2 *lifecycle_test.LRU
	// 3 *lifecycle_test.Server
	// *lifecycle_test.DB -> *lifecycle_test.LRU -> *lifecycle_test.Server
	// drain
	// drop cache
	// close db
}

func ExampleGraph_WriteDOT() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &LRU{}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := g.WriteDOT(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// digraph lifecycle {
	// 	rankdir=LR;
	// 	node [shape=box];
	// 	n0 [label="*lifecycle_test.LRU"];
	// 	n1 [label="*lifecycle_test.DB"];
	// 	n2 [label="*lifecycle_test.Clock", shape=ellipse, style=dashed];
	// 	n1 -> n0 [label="DB"];
	// 	n2 -> n1 [label="Clock"];
	// }
}

// Pinger reports its health.
type Pinger struct{ err error }

func (p *Pinger) Health(ctx context.Context) error { return p.err }

func ExampleGraph_Health() {
	p := &Pinger{}
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: p}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	fmt.Println(g.Health(ctx))
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Health(ctx))
	p.err = errors.New("upstream unreachable")
	var ce *lifecycle.ComponentError
	if err := g.Health(ctx); errors.As(err, &ce) {
		fmt.Println(ce.Op, ce.Component, ce.Err)
	}
	g.Stop(ctx)
	fmt.Println(g.Health(ctx))
	// Output:
	// lifecycle: not ready: not started
	// <nil>
	// health *lifecycle_test.Pinger upstream unreachable
	// lifecycle: not ready: stopping
}

func ExampleGraph_HealthHandler() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Pinger{}}); err != nil {
		fmt.Println(err)
		return
	}
	// In a server: mux.Handle("GET /readyz", g.HealthHandler())
	h := g.HealthHandler()
	probe := func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/readyz", nil))
		fmt.Print(w.Code, " ", w.Body.String())
	}
	probe()
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer g.Stop(ctx)
	probe()
	// Output:
	// 503 lifecycle: not ready: not started
	// 200 ok
}

// The graph keeps its own copy of each Object: a change after Provide has
// no effect.
func ExampleGraph_Objects() {
	g := lifecycle.New()
	db := &lifecycle.Object{Value: &DB{}, Name: "primary", Complete: true}
	if err := g.Provide(db); err != nil {
		fmt.Println(err)
		return
	}
	db.Name = "replica" // too late
	for _, o := range g.Objects() {
		fmt.Println(o, o.Complete)
	}
	// Output: *lifecycle_test.DB(primary) true
}

// The logger gets a line per phase, and at Debug one per component, each
// with its duration.
func ExampleWithLogger() {
	h := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{} // vary from run to run
			}
			return a
		},
	})
	g := lifecycle.New(lifecycle.WithLogger(slog.New(h)))
	if err := g.Provide(&lifecycle.Object{Value: &DB{}}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	g.Stop(ctx)
	// Output:
	// level=DEBUG msg="graph starting" components=1
	// open db
	// level=DEBUG msg="component started" component=*lifecycle_test.DB
	// level=INFO msg="graph started" components=1
	// level=DEBUG msg="graph stopping" components=1
	// close db
	// level=DEBUG msg="component stopped" component=*lifecycle_test.DB
	// level=INFO msg="graph stopped"
}

// Independent components start at the same time unless bounded.
func ExampleWithConcurrency() {
	g := lifecycle.New(lifecycle.WithConcurrency(4))
	for i := range 10 {
		if err := g.Provide(&lifecycle.Object{Value: &Pinger{}, Name: fmt.Sprint("pinger", i)}); err != nil {
			fmt.Println(err)
			return
		}
	}
	ctx := context.Background()
	fmt.Println(g.Start(ctx), g.Stop(ctx))
	// Output: <nil> <nil>
}

// Slow does not start until its context is done.
type Slow struct{}

func (s *Slow) Start(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func ExampleWithStartTimeout() {
	g := lifecycle.New(lifecycle.WithStartTimeout(10 * time.Millisecond))
	if err := g.Provide(&lifecycle.Object{Value: &Slow{}}, &lifecycle.Object{Value: &DB{}}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Start(context.Background())
	var ce *lifecycle.ComponentError
	if errors.As(err, &ce) {
		fmt.Println(ce.Op, ce.Component, errors.Is(err, context.DeadlineExceeded))
	}
	// Unordered output:
	// open db
	// close db
	// start *lifecycle_test.Slow true
}

// Lingering does not stop until its context is done.
type Lingering struct{}

func (l *Lingering) Stop(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func ExampleWithStopTimeout() {
	g := lifecycle.New(lifecycle.WithStopTimeout(10 * time.Millisecond))
	if err := g.Provide(&lifecycle.Object{Value: &Lingering{}}); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Stop(ctx)
	var ce *lifecycle.ComponentError
	if errors.As(err, &ce) {
		fmt.Println(ce.Op, ce.Component, errors.Is(err, context.DeadlineExceeded))
	}
	// Output: stop *lifecycle_test.Lingering true
}

func ExampleComponentError() {
	err := &lifecycle.ComponentError{
		Component: "*app.DB(replica)",
		Op:        "start",
		Duration:  1500 * time.Millisecond,
		Err:       errors.New("connection refused"),
	}
	fmt.Println(err)
	// Output: start *app.DB(replica) after 1.5s: connection refused
}

func ExampleReport_String() {
	r := lifecycle.Report{
		Start: 45 * time.Millisecond,
		Stop:  8 * time.Millisecond,
		Components: []lifecycle.ComponentReport{
			{Component: "*app.DB", StartOrder: 1, StopOrder: 2, StartDuration: 40 * time.Millisecond, StopDuration: 8 * time.Millisecond},
			{Component: "*app.Server", StartOrder: 2, StopOrder: 1, StartedAt: 40 * time.Millisecond, StartDuration: 5 * time.Millisecond},
		},
		CriticalPath: []string{"*app.DB", "*app.Server"},
	}
	fmt.Print(r)
	// Output:
	// start 45ms, stop 8ms
	// start  stop  component    started at  start  stop
	// 1      2     *app.DB      0s          40ms   8ms
	// 2      1     *app.Server  40ms        5ms    0s
	// critical path: *app.DB -> *app.Server
}

func ExampleObject_String() {
	fmt.Println(&lifecycle.Object{Value: &DB{}, Name: "replica"})
	// Output: *lifecycle_test.DB(replica)
}

// Fragile panics in Start; the graph recovers and rolls back.
type Fragile struct{}

func (f *Fragile) Start(ctx context.Context) error { panic("unreachable") }

// Importer does its work in Run and returns ErrDone when it is finished:
// the graph stops, and Run returns nil, the end of a job that succeeded.
type Importer struct{}

func (Importer) Run(ctx context.Context) error {
	fmt.Println("importing")
	return fmt.Errorf("imported 3 files: %w", lifecycle.ErrDone)
}

func ExampleErrDone() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Importer{}}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Run(context.Background())
	fmt.Println(err, errors.Is(g.Err(), lifecycle.ErrDone))
	// Output:
	// importing
	// <nil> true
}

// Lagging ignores its context in Start, so Start gives up on it at its start
// timeout. When its Start returns nil after all, the graph stops it then,
// rather than leave it running.
type Lagging struct {
	release, stopped chan struct{}
}

func (s *Lagging) Start(ctx context.Context) error {
	<-s.release // ignores ctx
	return nil
}

func (s *Lagging) Stop(ctx context.Context) error {
	close(s.stopped)
	return nil
}

func ExampleObject_StartTimeout() {
	s := &Lagging{release: make(chan struct{}), stopped: make(chan struct{})}
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: s, StartTimeout: 10 * time.Millisecond}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Start(context.Background())
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	close(s.release) // its Start returns nil, late
	<-s.stopped
	fmt.Println("stopped after its late start")
	// Output:
	// true
	// stopped after its late start
}

func ExamplePanicError() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Fragile{}}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Start(context.Background())
	var pe *lifecycle.PanicError
	if errors.As(err, &pe) {
		fmt.Println(pe.Value, len(pe.Stack) > 0)
	}
	// Output: unreachable true
}

// Quitter ends its Start's goroutine without returning, as t.FailNow does.
type Quitter struct{}

func (q *Quitter) Start(ctx context.Context) error {
	runtime.Goexit()
	return nil
}

func ExampleErrGoexit() {
	g := lifecycle.New()
	if err := g.Provide(&lifecycle.Object{Value: &Quitter{}}); err != nil {
		fmt.Println(err)
		return
	}
	err := g.Start(context.Background())
	var ce *lifecycle.ComponentError
	if errors.As(err, &ce) {
		fmt.Println(ce.Op, ce.Component, errors.Is(err, lifecycle.ErrGoexit))
	}
	// Output: start *lifecycle_test.Quitter true
}
