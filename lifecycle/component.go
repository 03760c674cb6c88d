package lifecycle

import (
	"context"
	"errors"
	"io"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Starter is implemented by a component that must do work before the
// components that depend on it can use it: open a pool, load a cache, listen
// on a port. Start runs after the Start of everything the component depends
// on has returned nil. Its context is done when the start timeout expires or
// another component fails to start; Start should then return ctx.Err().
type Starter interface {
	Start(ctx context.Context) error
}

// Stopper is implemented by a component that must release what it holds.
// Stop runs only if the component started, only once, and only after the
// Stop of every component that depends on it has returned.
type Stopper interface {
	Stop(ctx context.Context) error
}

// Runner is implemented by a long-running component, such as a server's
// accept loop or a queue consumer. Run is called in its own goroutine once
// the component has started, and must return when its context is done, which
// happens when the component stops. If Run returns before that, the graph is
// done: [Graph.Done] is closed and [Graph.Run] stops every component. Return
// [ErrDone] to say the work is done, a normal end; any other early return,
// nil included, is a failure.
type Runner interface {
	Run(ctx context.Context) error
}

// HealthChecker is implemented by a component that can tell whether it
// works. [Graph.Health] calls every Health method and joins their errors.
type HealthChecker interface {
	Health(ctx context.Context) error
}

// The methods of code written for github.com/facebookgo/startstop.
type (
	plainStarter interface{ Start() error }
	plainStopper interface{ Stop() error }
	opener       interface{ Open() error }
)

// methods holds a value's lifecycle methods, as interface values found
// once, when the graph is built: a type assertion costs a look-up in the
// runtime's itab table, which with thousands of component types no longer
// fits a CPU cache, so Start and Stop do not repeat it.
type methods struct {
	start  Starter // nil: none
	stop   Stopper
	runner Runner
	health HealthChecker
}

// methodsOf finds v's lifecycle methods. The first of Start(ctx), Start(),
// Open() is its start method, and the first of Stop(ctx), Stop(), Close()
// its stop method.
func methodsOf(v any) methods {
	var m methods
	switch s := v.(type) {
	case Starter:
		m.start = s
	case plainStarter:
		m.start = plainStart{s}
	case opener:
		m.start = openStart{s}
	}
	switch s := v.(type) {
	case Stopper:
		m.stop = s
	case plainStopper:
		m.stop = plainStop{s}
	case io.Closer:
		m.stop = closeStop{s}
	}
	m.runner, _ = v.(Runner)
	m.health, _ = v.(HealthChecker)
	return m
}

// any reports whether there is at least one lifecycle method.
func (m methods) any() bool {
	return m.start != nil || m.stop != nil || m.runner != nil || m.health != nil
}

// Adapters from the startstop-era methods to the ctx-taking ones.
type (
	plainStart struct{ plainStarter }
	openStart  struct{ opener }
	plainStop  struct{ plainStopper }
	closeStop  struct{ io.Closer }
)

func (s plainStart) Start(context.Context) error { return s.plainStarter.Start() }
func (s openStart) Start(context.Context) error  { return s.Open() }
func (s plainStop) Stop(context.Context) error   { return s.plainStopper.Stop() }
func (s closeStop) Stop(context.Context) error   { return s.Close() }

// component is an object with at least one lifecycle method.
type component struct {
	obj *Object
	methods

	// Written by the coordinator under Graph.mu, read by Report.
	startSeq int           // 1 for the first to finish starting, 0 if it did not
	stopSeq  int           // likewise for Stop
	startAt  time.Duration // when Start was called, from the beginning of Start
	startDur time.Duration
	stopDur  time.Duration

	// The Run goroutine: runCancel and runDone are set before it starts;
	// runErr, runDur and runReported before runDone is closed. stopping is
	// set before Run's context is cancelled, so that Run's return can tell
	// whether it was asked to. runReported says that Run's return became
	// the graph's Err, so that Stop does not report it again; any other
	// error of Run is Stop's to report.
	runCancel   context.CancelFunc
	runDone     chan struct{}
	runBegan    time.Time
	runErr      error
	runDur      time.Duration
	runReported bool
	stopping    atomic.Bool
}

// hasStop reports whether stopping c takes a call.
func (c *component) hasStop() bool { return c.stop != nil || c.runner != nil }

// call calls c's start or stop method.
func (c *component) call(ctx context.Context, op op) error {
	if op == opStart {
		return c.callStart(ctx)
	}
	return c.callStop(ctx)
}

// callStart calls c's start method, turning a panic into a *PanicError.
func (c *component) callStart(ctx context.Context) (err error) {
	defer recoverTo(&err)
	if c.start == nil {
		return nil
	}
	return c.start.Start(ctx)
}

// callStop stops c: it cancels its Run, calls its stop method, and waits
// for Run to return.
func (c *component) callStop(ctx context.Context) (err error) {
	defer recoverTo(&err)
	if c.runCancel != nil {
		c.stopping.Store(true)
		c.runCancel()
	}
	if c.stop != nil {
		err = c.stop.Stop(ctx)
	}
	if c.runDone == nil {
		return err
	}
	select {
	case <-c.runDone:
	case <-ctx.Done():
		return joinErrors(nonNil(err, errs.Errorf("Run did not return: %w", context.Cause(ctx))))
	}
	if c.runErr != nil && !c.runReported && !errors.Is(c.runErr, context.Canceled) && !errors.Is(c.runErr, ErrDone) {
		return joinErrors(nonNil(err, errs.Errorf("Run: %w", c.runErr)))
	}
	return err
}

// callRun calls c's Run method.
func (c *component) callRun(ctx context.Context) (err error) {
	defer recoverTo(&err)
	return c.runner.Run(ctx)
}

// callHealth calls c's Health method.
func (c *component) callHealth(ctx context.Context) (err error) {
	defer recoverTo(&err)
	return c.health.Health(ctx)
}

func recoverTo(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Value: v, Stack: debug.Stack()}
	}
}
