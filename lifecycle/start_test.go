package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestStartStopOrder(t *testing.T) {
	rec := &recorder{}
	g, _, _, _ := service(t, rec, WithConcurrency(1))
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatalf("Start() = %v", err)
	}
	if err := g.Stop(ctx); err != nil {
		t.Fatalf("Stop() = %v", err)
	}
	want := []string{"start db", "start cache", "start server", "stop server", "stop cache", "stop db"}
	if got := rec.get(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q\nwant %q", got, want)
	}
}

// Among components whose dependencies have started, the one provided first
// starts first; Stop runs in exactly the reverse order.
type (
	indA struct{ part }
	indB struct{ part }
	indC struct{ part }
	// via depends on indC through a plain object.
	via struct {
		part
		Link *link `inject:""`
	}
	link struct {
		C *indC `inject:""`
	}
)

func TestSequentialOrderIsProvideOrder(t *testing.T) {
	rec := &recorder{}
	g := New(WithConcurrency(1))
	err := g.Provide(
		&Object{Value: &via{part: part{name: "via", rec: rec}}},
		&Object{Value: &indB{part{name: "b", rec: rec}}},
		&Object{Value: &indA{part{name: "a", rec: rec}}},
		&Object{Value: &indC{part{name: "c", rec: rec}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	startStop(t, g)
	// via waits for c through link, which has no lifecycle method.
	want := []string{"start b", "start a", "start c", "start via", "stop via", "stop c", "stop a", "stop b"}
	if got := rec.get(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q\nwant %q", got, want)
	}
}

func TestRollback(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		setup  func(s *testServer, c *testCache, d *testDB)
		cancel time.Duration // cancel Start's context after this long
		// cacheTimeout is the cache's Object.StartTimeout.
		cacheTimeout time.Duration
		calls        []string
		err          string
		is           error // when set, errors.Is(err, is) must hold
		took         time.Duration
	}{{
		name:  "start error",
		setup: func(s *testServer, c *testCache, d *testDB) { s.startErr = errBoom },
		calls: []string{"start db", "start cache", "start server", "stop cache", "stop db"},
		err:   "start *lifecycle.testServer: boom",
	}, {
		name:  "first fails",
		setup: func(s *testServer, c *testCache, d *testDB) { d.startErr = errBoom },
		calls: []string{"start db"},
		err:   "start *lifecycle.testDB: boom",
	}, {
		name:  "panic",
		setup: func(s *testServer, c *testCache, d *testDB) { c.startPanic = "kaput" },
		calls: []string{"start db", "start cache", "stop db"},
		err:   "start *lifecycle.testCache: panic: kaput",
	}, {
		name:  "Goexit",
		setup: func(s *testServer, c *testCache, d *testDB) { c.goexit = true },
		calls: []string{"start db", "start cache", "stop db"},
		err:   "start *lifecycle.testCache: lifecycle: method did not return (runtime.Goexit)",
		is:    ErrGoexit,
	}, {
		name:  "timeout",
		opts:  []Option{WithStartTimeout(50 * time.Millisecond)},
		setup: func(s *testServer, c *testCache, d *testDB) { s.startBlock = true },
		calls: []string{"start db", "start cache", "start server", "stop cache", "stop db"},
		err:   "start *lifecycle.testServer after 50ms: context deadline exceeded",
		took:  50 * time.Millisecond,
	}, {
		name:         "component timeout",
		setup:        func(s *testServer, c *testCache, d *testDB) { c.startBlock = true },
		opts:         []Option{WithStartTimeout(time.Minute)},
		cacheTimeout: time.Second,
		calls:        []string{"start db", "start cache", "stop db"},
		err:          "start *lifecycle.testCache after 1s: context deadline exceeded",
		took:         time.Second,
	}, {
		name:         "component timeout ignored",
		setup:        func(s *testServer, c *testCache, d *testDB) { c.hang = make(chan struct{}) },
		opts:         []Option{WithStartTimeout(time.Minute)},
		cacheTimeout: time.Second,
		calls:        []string{"start db", "start cache", "stop db"},
		err:          "start *lifecycle.testCache after 1.1s: did not return: start timeout 1s: context deadline exceeded",
		took:         time.Second + abandonAfter,
	}, {
		name:   "context cancelled",
		setup:  func(s *testServer, c *testCache, d *testDB) { c.startBlock = true },
		cancel: 30 * time.Millisecond,
		calls:  []string{"start db", "start cache", "stop db"},
		err:    "lifecycle: start: context canceled (starting *lifecycle.testCache)",
		took:   30 * time.Millisecond,
	}, {
		name: "rollback error",
		setup: func(s *testServer, c *testCache, d *testDB) {
			s.startErr = errBoom
			c.stopErr = errors.New("cache stuck")
		},
		calls: []string{"start db", "start cache", "start server", "stop cache", "stop db"},
		err:   "start *lifecycle.testServer: boom\nstop *lifecycle.testCache: cache stuck",
	}, {
		name:  "stop timeout in rollback",
		opts:  []Option{WithStopTimeout(200 * time.Millisecond)},
		setup: func(s *testServer, c *testCache, d *testDB) { s.startErr = errBoom; c.stopBlock = true },
		calls: []string{"start db", "start cache", "start server", "stop cache", "stop db (ctx done)"},
		err: "start *lifecycle.testServer: boom\n" +
			"stop *lifecycle.testCache after 200ms: context deadline exceeded",
		took: 200 * time.Millisecond,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				cacheTimeout := func(_, c, _ *Object) { c.StartTimeout = tt.cacheTimeout }
				g, s, c, d := serviceWith(t, rec, cacheTimeout, append([]Option{WithConcurrency(1)}, tt.opts...)...)
				tt.setup(s, c, d)
				if c.hang != nil {
					defer close(c.hang)
				}
				ctx := context.Background()
				if tt.cancel > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithCancel(ctx)
					go func() {
						time.Sleep(tt.cancel)
						cancel()
					}()
				}
				t0 := time.Now()
				err := g.Start(ctx)
				if got := errText(err); got != tt.err {
					t.Errorf("Start() = %s\nwant %s", got, tt.err)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("Start() = %v, want an error that is %v", err, tt.is)
				}
				if took := time.Since(t0); took != tt.took {
					t.Errorf("Start took %v, want %v", took, tt.took)
				}
				if got := rec.get(); !reflect.DeepEqual(got, tt.calls) {
					t.Errorf("calls = %q\nwant %q", got, tt.calls)
				}
				// The graph is stopped: Stop is a no-op, Start an error.
				if err := g.Stop(context.Background()); err != nil {
					t.Errorf("Stop after failed Start = %v, want nil", err)
				}
				if err := g.Start(context.Background()); !errors.Is(err, ErrStopped) {
					t.Errorf("Start after failed Start = %v, want ErrStopped", err)
				}
				if got := rec.get(); !reflect.DeepEqual(got, tt.calls) {
					t.Errorf("calls after Stop = %q\nwant %q", got, tt.calls)
				}
				select {
				case <-g.Done():
				default:
					t.Error("Done() open after a failed Start")
				}
			})
		})
	}
}

// The rollback stops in parallel too, and still stops each component after
// its dependents.
func TestRollbackParallel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		g, s, _, _ := service(t, rec)
		s.startErr = errBoom
		if err := g.Start(context.Background()); errText(err) != "start *lifecycle.testServer: boom" {
			t.Fatalf("Start() = %v", err)
		}
		want := []string{"start db", "start cache", "start server", "stop cache", "stop db"}
		if got := rec.get(); !reflect.DeepEqual(got, want) {
			t.Errorf("calls = %q\nwant %q", got, want)
		}
	})
}

// A component whose Start ignores its context is abandoned shortly after the
// timeout: it is reported and not stopped, and the others are.
func TestStartAbandoned(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		g, _, c, _ := service(t, rec, WithStartTimeout(time.Second))
		c.hang = make(chan struct{})
		defer close(c.hang)
		t0 := time.Now()
		err := g.Start(context.Background())
		want := "start *lifecycle.testCache after 1.1s: did not return: start timeout 1s: context deadline exceeded"
		if errText(err) != want {
			t.Errorf("Start() = %s\nwant %s", errText(err), want)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Start() = %v, want it to wrap context.DeadlineExceeded", err)
		}
		if took := time.Since(t0); took != time.Second+abandonAfter {
			t.Errorf("Start took %v, want %v", took, time.Second+abandonAfter)
		}
		if got, want := rec.get(), []string{"start db", "start cache", "stop db"}; !reflect.DeepEqual(got, want) {
			t.Errorf("calls = %q\nwant %q", got, want)
		}
	})
}

// A Start that returns nil only after the phase failed is still stopped.
type lateStarter struct {
	part
	release chan struct{}
}

func (l *lateStarter) Start(ctx context.Context) error {
	l.rec.add("start %s", l.name)
	<-ctx.Done()
	<-l.release
	return nil
}

type dependsOnLate struct {
	part
	L *lateStarter `inject:""`
}

func TestLateStartIsStopped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		l := &lateStarter{part: part{name: "late", rec: rec}, release: make(chan struct{})}
		fail := &indA{part{name: "fail", rec: rec, startErr: errBoom}}
		g := New()
		if err := g.Provide(&Object{Value: &dependsOnLate{part: part{name: "dep", rec: rec}}}, &Object{Value: l}, &Object{Value: fail}); err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(10 * time.Millisecond)
			close(l.release)
		}()
		err := g.Start(context.Background())
		if errText(err) != "start *lifecycle.indA: boom" {
			t.Errorf("Start() = %s", errText(err))
		}
		got := rec.get()
		if len(got) != 3 || got[2] != "stop late" {
			t.Errorf("calls = %q, want start late and start fail in any order, then stop late", got)
		}
	})
}

func TestStartConcurrently(t *testing.T) {
	tests := []struct {
		concurrency int
		took        time.Duration
	}{
		{0, 50 * time.Millisecond},
		{1, 20 * 50 * time.Millisecond},
		{5, 4 * 50 * time.Millisecond},
		{20, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("concurrency=", tt.concurrency), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				g := New(WithConcurrency(tt.concurrency))
				for i := range 20 {
					if err := g.Provide(&Object{Value: &sleeper{d: 50 * time.Millisecond}, Name: fmt.Sprint("s", i)}); err != nil {
						t.Fatal(err)
					}
				}
				t0 := time.Now()
				if err := g.Start(context.Background()); err != nil {
					t.Fatal(err)
				}
				if took := time.Since(t0); took != tt.took {
					t.Errorf("Start took %v, want %v", took, tt.took)
				}
				t0 = time.Now()
				if err := g.Stop(context.Background()); err != nil {
					t.Fatal(err)
				}
				if took := time.Since(t0); took != tt.took {
					t.Errorf("Stop took %v, want %v", took, tt.took)
				}
			})
		})
	}
}

type sleeper struct{ d time.Duration }

func (s *sleeper) Start(ctx context.Context) error { time.Sleep(s.d); return nil }
func (s *sleeper) Stop(ctx context.Context) error  { time.Sleep(s.d); return nil }

func TestStopBestEffort(t *testing.T) {
	synctest.Test(t, testStopBestEffort)
}

func testStopBestEffort(t *testing.T) {
	rec := &recorder{}
	g, s, c, _ := service(t, rec)
	s.stopErr = errors.New("server stuck")
	c.stopPanic = "cache kaput"
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	err := g.Stop(ctx)
	want := "stop *lifecycle.testServer: server stuck\nstop *lifecycle.testCache: panic: cache kaput"
	if errText(err) != want {
		t.Errorf("Stop() = %s\nwant %s", errText(err), want)
	}
	ces := componentErrors(err)
	if len(ces) != 2 || ces[0].Op != "stop" || ces[0].Component != "*lifecycle.testServer" {
		t.Fatalf("Stop() errors = %#v", ces)
	}
	var pe *PanicError
	if !errors.As(ces[1], &pe) || pe.Value != "cache kaput" || !strings.Contains(string(pe.Stack), "(*part).Stop") {
		t.Errorf("cache error = %#v, want a *PanicError with the stack of part.Stop", ces[1].Err)
	}
	wantCalls := []string{"start db", "start cache", "start server", "stop server", "stop cache", "stop db"}
	if got := rec.get(); !reflect.DeepEqual(got, wantCalls) {
		t.Errorf("calls = %q\nwant %q", got, wantCalls)
	}
	if err := g.Stop(ctx); err != nil {
		t.Errorf("second Stop() = %v, want nil", err)
	}
	if got := rec.get(); len(got) != len(wantCalls) {
		t.Errorf("second Stop called %q", got[len(wantCalls):])
	}
}

func TestStopTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		g, s, _, _ := service(t, rec, WithStopTimeout(time.Second))
		s.stopHang = make(chan struct{})
		defer close(s.stopHang)
		if err := g.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		err := g.Stop(context.Background())
		want := "stop *lifecycle.testServer after 1.1s: did not return: stop timeout 1s: context deadline exceeded\n" +
			"stop *lifecycle.testCache: not called: a component that depends on it did not stop: stop timeout 1s: context deadline exceeded\n" +
			"stop *lifecycle.testDB: not called: a component that depends on it did not stop: stop timeout 1s: context deadline exceeded"
		if errText(err) != want {
			t.Errorf("Stop() = %s\nwant %s", errText(err), want)
		}
		if took := time.Since(t0); took != time.Second+abandonAfter {
			t.Errorf("Stop took %v, want %v", took, time.Second+abandonAfter)
		}
	})
}

func TestComponentTimeouts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		d := &testDB{part{name: "db", rec: rec, startBlock: true}}
		g := New()
		if err := g.Provide(&Object{Value: d, StartTimeout: 10 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		err := g.Start(context.Background())
		if errText(err) != "start *lifecycle.testDB after 10ms: context deadline exceeded" {
			t.Errorf("Start() = %s", errText(err))
		}
		if took := time.Since(t0); took != 10*time.Millisecond {
			t.Errorf("Start took %v, want 10ms", took)
		}

		d = &testDB{part{name: "db", rec: rec, stopBlock: true}}
		g = New()
		if err := g.Provide(&Object{Value: d, StopTimeout: 10 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		if err := g.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		err = g.Stop(context.Background())
		if errText(err) != "stop *lifecycle.testDB after 10ms: context deadline exceeded" {
			t.Errorf("Stop() = %s", errText(err))
		}
	})
}

func TestStartStates(t *testing.T) {
	ctx := context.Background()
	g, _, _, _ := service(t, &recorder{})
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := g.Start(ctx); errText(err) != "lifecycle: start: already started" {
		t.Errorf("second Start() = %v", err)
	}
	if err := g.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := g.Start(ctx); err != ErrStopped {
		t.Errorf("Start after Stop = %v, want ErrStopped", err)
	}

	// Stop before Start stops the graph for good.
	g, _, _, _ = service(t, &recorder{})
	if err := g.Stop(ctx); err != nil {
		t.Errorf("Stop before Start = %v", err)
	}
	if err := g.Start(ctx); err != ErrStopped {
		t.Errorf("Start after Stop = %v, want ErrStopped", err)
	}

	// A done context starts nothing and leaves the graph as it was.
	g, _, _, _ = service(t, &recorder{})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := g.Start(cctx); errText(err) != "lifecycle: start: context canceled" {
		t.Errorf("Start(cancelled) = %v", err)
	}
	if err := g.Start(ctx); err != nil {
		t.Errorf("Start after Start(cancelled) = %v", err)
	}
	if err := g.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestStopDuringStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		g, _, c, _ := service(t, rec)
		c.startBlock = true
		errc := make(chan error)
		go func() { errc <- g.Start(context.Background()) }()
		synctest.Wait() // db started, cache blocked in Start
		if err := g.Stop(context.Background()); err != nil {
			t.Errorf("Stop() = %v", err)
		}
		if err := <-errc; errText(err) != "lifecycle: start: Stop called (starting *lifecycle.testCache)" {
			t.Errorf("Start() = %s", errText(err))
		}
		want := []string{"start db", "start cache", "stop db"}
		if got := rec.get(); !reflect.DeepEqual(got, want) {
			t.Errorf("calls = %q\nwant %q", got, want)
		}
	})
}

// Code written for facebookgo/startstop: Start() and Stop(), Open() and
// Close().
type (
	legacy struct {
		rec    *recorder
		Opener *opened `inject:""`
	}
	opened struct{ rec *recorder }
)

func (l *legacy) Start() error { l.rec.add("Start legacy"); return nil }
func (l *legacy) Stop() error  { l.rec.add("Stop legacy"); return nil }
func (o *opened) Open() error  { o.rec.add("Open opened"); return nil }
func (o *opened) Close() error { o.rec.add("Close opened"); return nil }

func TestLegacyMethods(t *testing.T) {
	rec := &recorder{}
	g := New()
	if err := g.Provide(&Object{Value: &legacy{rec: rec}}, &Object{Value: &opened{rec: rec}}); err != nil {
		t.Fatal(err)
	}
	startStop(t, g)
	want := []string{"Open opened", "Start legacy", "Stop legacy", "Close opened"}
	if got := rec.get(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q\nwant %q", got, want)
	}
}

// A Start abandoned during a rollback may return later, while the rollback
// is still stopping others, or after it: its return, whatever it is, does
// not hold the rollback until the stop timeout, and a component that
// started after all is stopped then, rather than left running.
func TestRollbackAbandonedStartReturnsLate(t *testing.T) {
	tests := []struct {
		name   string
		after  time.Duration // the hung Start returns this long after it was called; 0: never
		result error
		end    []string // the calls once every goroutine is done
	}{
		{"returns nil", 1500 * time.Millisecond, nil, []string{"start db", "start cache", "stop db", "stop cache"}},
		{"returns nil after the rollback", 5 * time.Second, nil, []string{"start db", "start cache", "stop db", "stop cache"}},
		{"returns an error", 1500 * time.Millisecond, errBoom, []string{"start db", "start cache", "stop db"}},
		{"never returns", 0, nil, []string{"start db", "start cache", "stop db"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				// The stop timeout is long: a rollback that waited for it
				// would take 16s.
				g, _, c, d := service(t, rec, WithStartTimeout(time.Second), WithStopTimeout(15*time.Second))
				c.hang = make(chan struct{})
				c.startErr = tt.result
				d.stopDelay = time.Second
				if tt.after > 0 {
					go func() {
						time.Sleep(tt.after)
						close(c.hang)
					}()
				} else {
					defer close(c.hang)
				}
				t0 := time.Now()
				err := g.Start(context.Background())
				want := "start *lifecycle.testCache after 1.1s: did not return: start timeout 1s: context deadline exceeded"
				if got := errText(err); got != want {
					t.Errorf("Start() = %s\nwant %s", got, want)
				}
				// Abandoned at 1.1s, then db's Stop takes 1s.
				if took, want := time.Since(t0), time.Second+abandonAfter+time.Second; took != want {
					t.Errorf("Start took %v, want %v", took, want)
				}
				want = "[start db start cache stop db]"
				if tt.after == 1500*time.Millisecond && tt.result == nil {
					want = "[start db start cache stop db stop cache]" // stopped at 1.5s, during the rollback
				}
				if got := fmt.Sprint(rec.get()); got != want {
					t.Errorf("calls = %s\nwant %s", got, want)
				}
				if err := g.Stop(context.Background()); err != nil {
					t.Errorf("Stop() after the failed Start = %v, want nil", err)
				}
				time.Sleep(10 * time.Second) // past every late return
				synctest.Wait()
				if got := rec.get(); !reflect.DeepEqual(got, tt.end) {
					t.Errorf("calls in the end = %q\nwant %q", got, tt.end)
				}
			})
		})
	}
}

// Object.StopTimeout bounds the wait for a Stop that ignores its context:
// the component is reported, and what it depends on is still stopped.
func TestComponentStopTimeoutIgnored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		serverTimeout := func(s, _, _ *Object) { s.StopTimeout = time.Second }
		g, s, _, _ := serviceWith(t, rec, serverTimeout, WithStopTimeout(time.Minute))
		s.stopHang = make(chan struct{})
		defer close(s.stopHang)
		if err := g.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		err := g.Stop(context.Background())
		want := "stop *lifecycle.testServer after 1.1s: did not return: stop timeout 1s: context deadline exceeded"
		if got := errText(err); got != want {
			t.Errorf("Stop() = %s\nwant %s", got, want)
		}
		if took := time.Since(t0); took != time.Second+abandonAfter {
			t.Errorf("Stop took %v, want %v", took, time.Second+abandonAfter)
		}
		want2 := []string{"start db", "start cache", "start server", "stop server", "stop cache", "stop db"}
		if got := rec.get(); !reflect.DeepEqual(got, want2) {
			t.Errorf("calls = %q\nwant %q", got, want2)
		}
	})
}

// Stop bounds its wait by ctx when it has to wait for another call to stop
// the graph: for an interrupted Start's rollback, or for a first Stop.
func TestStopWaitHonoursContext(t *testing.T) {
	tests := []struct {
		name  string
		first func(g *Graph) // begins the stopping that Stop waits for
		want  string
	}{
		{"during Start", func(g *Graph) { g.Start(context.Background()) },
			"lifecycle: stop: context deadline exceeded (waiting for Start to stop what it started)"},
		{"during Stop", func(g *Graph) {
			if err := g.Start(context.Background()); err != nil {
				panic(err)
			}
			go g.Stop(context.Background())
		}, "lifecycle: stop: context deadline exceeded (waiting for the graph to stop)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				// Stop is unbounded but for ctx: db's Stop hangs.
				g, _, c, d := service(t, rec, WithStopTimeout(-1))
				if tt.name == "during Start" {
					c.startBlock = true
				}
				d.stopHang = make(chan struct{})
				go tt.first(g)
				synctest.Wait()
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				t0 := time.Now()
				err := g.Stop(ctx)
				if got := errText(err); got != tt.want || !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("Stop(1s) = %s, want %s", got, tt.want)
				}
				if took := time.Since(t0); took != time.Second {
					t.Errorf("Stop(1s) took %v, want 1s", took)
				}
				close(d.stopHang)
				synctest.Wait()
				// Once the graph has stopped, a Stop with a done context
				// reports success.
				if err := g.Stop(ctx); err != nil {
					t.Errorf("Stop(done ctx) after the graph stopped = %v, want nil", err)
				}
			})
		})
	}
}

// Run methods get the values of Start's context, but not its cancellation.
func TestRunContextValues(t *testing.T) {
	type key struct{}
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		g, w := newWorker(rec)
		seen := make(chan context.Context, 1)
		w.ctxSeen = seen
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
		if err := g.Start(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		runCtx := <-seen
		synctest.Wait()
		if got := runCtx.Value(key{}); got != "v" {
			t.Errorf("Run's ctx.Value(key) = %v, want v", got)
		}
		if err := runCtx.Err(); err != nil {
			t.Errorf("Run's ctx.Err() after Start's ctx was cancelled = %v, want nil", err)
		}
		if err := g.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		if runCtx.Err() == nil {
			t.Errorf("Run's ctx.Err() after Stop = nil, want it cancelled")
		}
	})
}
