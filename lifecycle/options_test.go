package lifecycle

import (
	"cmp"
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"
)

// In the options and the Object fields, 0 means the default, and a negative
// value means no bound: for the graph's timeouts the default is
// DefaultTimeout, for a component's own timeouts it is no bound of its own.
// Each case blocks one component's Start or Stop until its context is done,
// and tells what bounded it by when and how it ended.
func TestTimeoutZeroAndNegative(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		obj    Object        // the component's Object; the test sets Value
		stop   bool          // block in Stop rather than in Start
		cancel time.Duration // cancel the context of the call after this
		err    string
		took   time.Duration
	}{{
		name: "start default",
		err:  "start *lifecycle.testDB after 15s: context deadline exceeded",
		took: DefaultTimeout,
	}, {
		name: "WithStartTimeout(0)",
		opts: []Option{WithStartTimeout(0)},
		err:  "start *lifecycle.testDB after 15s: context deadline exceeded",
		took: DefaultTimeout,
	}, {
		name:   "WithStartTimeout(-1)",
		opts:   []Option{WithStartTimeout(-1)},
		cancel: time.Hour,
		err:    "lifecycle: start: context canceled (starting *lifecycle.testDB)",
		took:   time.Hour,
	}, {
		name: "StartTimeout 0",
		opts: []Option{WithStartTimeout(time.Minute)},
		err:  "start *lifecycle.testDB after 1m0s: context deadline exceeded",
		took: time.Minute,
	}, {
		name: "StartTimeout -1",
		opts: []Option{WithStartTimeout(time.Minute)},
		obj:  Object{StartTimeout: -1},
		err:  "start *lifecycle.testDB after 1m0s: context deadline exceeded",
		took: time.Minute,
	}, {
		name: "stop default",
		stop: true,
		err:  "stop *lifecycle.testDB after 15s: context deadline exceeded",
		took: DefaultTimeout,
	}, {
		name: "WithStopTimeout(0)",
		opts: []Option{WithStopTimeout(0)},
		stop: true,
		err:  "stop *lifecycle.testDB after 15s: context deadline exceeded",
		took: DefaultTimeout,
	}, {
		name:   "WithStopTimeout(-1)",
		opts:   []Option{WithStopTimeout(-1)},
		stop:   true,
		cancel: time.Hour,
		err:    "stop *lifecycle.testDB after 1h0m0s: context canceled",
		took:   time.Hour,
	}, {
		name: "StopTimeout 0",
		opts: []Option{WithStopTimeout(time.Minute)},
		stop: true,
		err:  "stop *lifecycle.testDB after 1m0s: context deadline exceeded",
		took: time.Minute,
	}, {
		name: "StopTimeout -1",
		opts: []Option{WithStopTimeout(time.Minute)},
		obj:  Object{StopTimeout: -1},
		stop: true,
		err:  "stop *lifecycle.testDB after 1m0s: context deadline exceeded",
		took: time.Minute,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := &testDB{part{name: "db", rec: &recorder{}, startBlock: !tt.stop, stopBlock: tt.stop}}
				o := tt.obj
				o.Value = d
				g := New(tt.opts...)
				if err := g.Provide(&o); err != nil {
					t.Fatal(err)
				}
				// The caller gives up after tt.cancel, or else after a day:
				// a phase that no timeout bounds then ends, and the case
				// fails on its error rather than in a deadlock.
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				time.AfterFunc(cmp.Or(tt.cancel, 24*time.Hour), cancel)
				var err error
				t0 := time.Now()
				if tt.stop {
					if err := g.Start(context.Background()); err != nil {
						t.Fatal(err)
					}
					t0 = time.Now()
					err = g.Stop(ctx)
				} else {
					err = g.Start(ctx)
				}
				op := "Start"
				if tt.stop {
					op = "Stop"
				}
				if got := errText(err); got != tt.err {
					t.Errorf("%s() = %s\nwant %s", op, got, tt.err)
				}
				if took := time.Since(t0); took != tt.took {
					t.Errorf("%s took %v, want %v", op, took, tt.took)
				}
			})
		})
	}
}

// WithConcurrency(0) and WithConcurrency(-1) mean the default, no bound:
// all n independent Starts are in flight at once.
func TestConcurrencyZeroAndNegative(t *testing.T) {
	for _, n := range []int{0, -1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				const size = 8
				m := &meeting{n: size, all: make(chan struct{})}
				g := New(WithConcurrency(n))
				for i := range size {
					if err := g.Provide(&Object{Value: &attendee{m}, Name: fmt.Sprint("b", i)}); err != nil {
						t.Fatal(err)
					}
				}
				if err := g.Start(context.Background()); err != nil {
					t.Fatalf("Start() = %v\nwant all %d Starts in flight at once, saw at most %d", err, size, m.most())
				}
				if err := g.Stop(context.Background()); err != nil {
					t.Fatalf("Stop() = %v", err)
				}
			})
		})
	}
}
