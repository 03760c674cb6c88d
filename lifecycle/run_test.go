package lifecycle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// worker is a component with a Run method: it reports that it runs on
// running, then returns exit's value, or nil when its context is done.
type worker struct {
	part
	DB      *testDB `inject:""`
	running chan struct{}
	exit    chan error
	stopErr error                // what Run returns when its context is done
	ctxSeen chan context.Context // if set, Run sends its context on it
}

func (w *worker) Run(ctx context.Context) error {
	w.rec.add("run %s", w.name)
	if w.ctxSeen != nil {
		w.ctxSeen <- ctx
	}
	if w.running != nil {
		close(w.running)
	}
	select {
	case err := <-w.exit:
		w.rec.add("run %s returned", w.name)
		return err
	case <-ctx.Done():
		w.rec.add("run %s done", w.name)
		return w.stopErr
	}
}

func newWorker(rec *recorder) (*Graph, *worker) {
	w := &worker{part: part{name: "worker", rec: rec}, running: make(chan struct{}), exit: make(chan error)}
	g := New()
	if err := g.Provide(&Object{Value: w}, &Object{Value: &testDB{part{name: "db", rec: rec}}}); err != nil {
		panic(err)
	}
	return g, w
}

func TestRunnerStop(t *testing.T) {
	rec := &recorder{}
	g, w := newWorker(rec)
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-w.running
	if err := g.Stop(ctx); err != nil {
		t.Fatalf("Stop() = %v", err)
	}
	// Run's context is cancelled first, then Stop is called, and the db is
	// stopped only once Run has returned.
	got := rec.get()
	want := []string{"start db", "start worker", "run worker", "stop worker", "run worker done", "stop db"}
	if got[3] == "run worker done" {
		want[3], want[4] = want[4], want[3]
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q\nwant %q", got, want)
	}
	select {
	case <-g.Done():
		if !errors.Is(g.Err(), ErrStopped) {
			t.Errorf("Err() = %v, want ErrStopped", g.Err())
		}
	default:
		t.Error("Done() open after Stop")
	}
}

func TestRunnerErrorAtStop(t *testing.T) {
	rec := &recorder{}
	g, w := newWorker(rec)
	w.stopErr = errors.New("lost 3 messages")
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-w.running
	err := g.Stop(ctx)
	if !strings.HasPrefix(errText(err), "stop *lifecycle.worker after ") || !strings.HasSuffix(errText(err), ": Run: lost 3 messages") {
		t.Errorf("Stop() = %v, want the error of Run", err)
	}
}

func TestRunnerExitsEarly(t *testing.T) {
	for _, exit := range []error{errBoom, nil} {
		t.Run(errText(exit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				g, w := newWorker(rec)
				ctx := context.Background()
				if err := g.Start(ctx); err != nil {
					t.Fatal(err)
				}
				if err := g.Health(ctx); err != nil {
					t.Fatalf("Health() = %v", err)
				}
				time.Sleep(3 * time.Second)
				w.exit <- exit
				<-g.Done()
				want := "run *lifecycle.worker after 3s: boom"
				if exit == nil {
					want = "run *lifecycle.worker after 3s: returned before Stop"
				}
				var ce *ComponentError
				if err := g.Err(); errText(err) != want || !errors.As(err, &ce) || ce.Op != "run" {
					t.Errorf("Err() = %v, want %s", err, want)
				}
				if err := g.Health(ctx); !errors.Is(err, ErrNotReady) || !strings.HasSuffix(errText(err), want) {
					t.Errorf("Health() = %v, want not ready: %s", err, want)
				}
				// Stop does not report the early return again.
				if err := g.Stop(ctx); err != nil {
					t.Errorf("Stop() = %v", err)
				}
			})
		})
	}
}

// A Run that returns while other components are still starting fails Start.
func TestRunnerExitsDuringStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		w := &worker{part: part{name: "worker", rec: rec}, exit: make(chan error, 1)}
		w.exit <- errors.New("address in use")
		slow := &indA{part{name: "slow", rec: rec, startBlock: true}}
		g := New()
		if err := g.Provide(&Object{Value: w}, &Object{Value: &testDB{part{name: "db", rec: rec}}}, &Object{Value: slow}); err != nil {
			t.Fatal(err)
		}
		err := g.Start(context.Background())
		if errText(err) != "run *lifecycle.worker: address in use" {
			t.Errorf("Start() = %s", errText(err))
		}
		got := rec.get()
		for _, want := range []string{"stop worker", "stop db"} {
			found := false
			for _, g := range got {
				found = found || g == want
			}
			if !found {
				t.Errorf("calls = %q, want %q among them", got, want)
			}
		}
		for _, g := range got {
			if g == "stop slow" {
				t.Errorf("calls = %q: slow never started but was stopped", got)
			}
		}
	})
}

func TestRun(t *testing.T) {
	t.Run("context", func(t *testing.T) {
		rec := &recorder{}
		g, w := newWorker(rec)
		ctx, cancel := context.WithCancelCause(context.Background())
		go func() {
			<-w.running
			cancel(errors.New("shutting down"))
		}()
		err := g.Run(ctx)
		if errText(err) != "shutting down" {
			t.Errorf("Run() = %v, want the cause of ctx", err)
		}
		if got := rec.get(); got[len(got)-1] != "stop db" {
			t.Errorf("calls = %q, want everything stopped", got)
		}
	})
	t.Run("runner returns", func(t *testing.T) {
		rec := &recorder{}
		g, w := newWorker(rec)
		go func() {
			<-w.running
			w.exit <- errBoom
		}()
		err := g.Run(context.Background())
		if !strings.HasPrefix(errText(err), "run *lifecycle.worker after ") || !errors.Is(err, errBoom) {
			t.Errorf("Run() = %v, want the runner's error", err)
		}
		if got := rec.get(); got[len(got)-1] != "stop db" {
			t.Errorf("calls = %q, want everything stopped", got)
		}
	})
	t.Run("start fails", func(t *testing.T) {
		rec := &recorder{}
		g, _, _, d := service(t, rec)
		d.startErr = errBoom
		if err := g.Run(context.Background()); errShape(err) != "start *lifecycle.testDB: boom" {
			t.Errorf("Run() = %v, want the start error", err)
		}
	})
	for _, done := range []error{ErrDone, fmt.Errorf("all 12 files imported: %w", ErrDone)} {
		// A Runner says its work is done: a normal end, logged at Info.
		t.Run("runner done: "+done.Error(), func(t *testing.T) {
			rec := &recorder{}
			var logs bytes.Buffer
			w := &worker{part: part{name: "worker", rec: rec}, running: make(chan struct{}), exit: make(chan error)}
			g := New(WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			if err := g.Provide(&Object{Value: w}, &Object{Value: &testDB{part{name: "db", rec: rec}}}); err != nil {
				t.Fatal(err)
			}
			go func() {
				<-w.running
				w.exit <- done
			}()
			if err := g.Run(context.Background()); err != nil {
				t.Errorf("Run() = %v, want nil", err)
			}
			if got := rec.get(); got[len(got)-1] != "stop db" {
				t.Errorf("calls = %q, want everything stopped", got)
			}
			var ce *ComponentError
			if err := g.Err(); !errors.Is(err, ErrDone) || !errors.As(err, &ce) || ce.Op != "run" {
				t.Errorf("Err() = %v, want the worker's run, done", err)
			}
			out := logs.String()
			if !strings.Contains(out, `level=INFO msg="component run done" component=*lifecycle.worker`) || strings.Contains(out, "level=ERROR") {
				t.Errorf("log:\n%s\nwant the end at Info, no error", out)
			}
		})
	}
	t.Run("runner done, stop fails", func(t *testing.T) {
		rec := &recorder{}
		g, w := newWorker(rec)
		w.stopErr = nil
		component := &Object{Value: &testDB{part{name: "db2", rec: rec, stopErr: errBoom}}, Name: "db2"}
		if err := g.Provide(component); err != nil {
			t.Fatal(err)
		}
		go func() {
			<-w.running
			w.exit <- ErrDone
		}()
		if err := g.Run(context.Background()); !errors.Is(err, errBoom) || errors.Is(err, ErrDone) {
			t.Errorf("Run() = %v, want the Stop error alone", err)
		}
	})
	t.Run("stopped elsewhere", func(t *testing.T) {
		rec := &recorder{}
		g, w := newWorker(rec)
		go func() {
			<-w.running
			g.Stop(context.Background())
		}()
		if err := g.Run(context.Background()); err != nil {
			t.Errorf("Run() = %v, want nil", err)
		}
	})
}

// front depends on a worker, so that Stop stops it first.
type front struct {
	part
	W *worker `inject:""`
}

// An error of Run that did not become Err, because the graph was already
// done, is Stop's to report: Stop returns every error.
func TestRunErrorReportedByStop(t *testing.T) {
	tests := []struct {
		name string
		// run makes the worker's Run return errLost once the graph has
		// started, and checks what reports it.
		run  func(t *testing.T, g *Graph, w *worker, f *front)
		want string
	}{{
		name: "after Stop began",
		run: func(t *testing.T, g *Graph, w *worker, f *front) {
			f.stopHang = make(chan struct{})
			errc := make(chan error)
			go func() { errc <- g.Stop(context.Background()) }()
			synctest.Wait() // Stop is in the front's Stop
			w.exit <- errLost
			synctest.Wait()
			close(f.stopHang)
			if err := <-errc; errShape(err) != "stop *lifecycle.worker: Run: lost data" {
				t.Errorf("Stop() = %s, want the error of Run", errText(err))
			}
		},
	}, {
		name: "after another Run ended the graph",
		run: func(t *testing.T, g *Graph, w *worker, f *front) {
			other := g.Objects()[3].Value.(*otherWorker)
			other.exit <- errBoom
			<-g.Done()
			w.exit <- errLost
			synctest.Wait()
			if err := g.Err(); errShape(err) != "run *lifecycle.otherWorker: boom" {
				t.Errorf("Err() = %s, want the first Run's error", errText(err))
			}
			if err := g.Stop(context.Background()); errShape(err) != "stop *lifecycle.worker: Run: lost data" {
				t.Errorf("Stop() = %s, want the second Run's error", errText(err))
			}
		},
	}, {
		name: "ErrDone after Stop began is no error",
		run: func(t *testing.T, g *Graph, w *worker, f *front) {
			f.stopHang = make(chan struct{})
			errc := make(chan error)
			go func() { errc <- g.Stop(context.Background()) }()
			synctest.Wait()
			w.exit <- fmt.Errorf("finished: %w", ErrDone)
			synctest.Wait()
			close(f.stopHang)
			if err := <-errc; err != nil {
				t.Errorf("Stop() = %s, want nil", errText(err))
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				w := &worker{part: part{name: "worker", rec: rec}, exit: make(chan error)}
				f := &front{part: part{name: "front", rec: rec}}
				other := &otherWorker{worker{part: part{name: "other", rec: rec}, exit: make(chan error)}}
				g := New()
				err := g.Provide(&Object{Value: f}, &Object{Value: w}, &Object{Value: &testDB{part{name: "db", rec: rec}}}, &Object{Value: other})
				if err != nil {
					t.Fatal(err)
				}
				if err := g.Start(context.Background()); err != nil {
					t.Fatal(err)
				}
				synctest.Wait()
				tt.run(t, g, w, f)
			})
		})
	}
}

type otherWorker struct{ worker }

var errLost = errors.New("lost data")
