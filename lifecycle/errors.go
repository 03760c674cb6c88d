package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// ErrStopped is returned, wrapped, by Start and Provide once Stop has begun,
// and by Err once the graph stopped because Stop was called.
var ErrStopped = errors.New("lifecycle: stopped")

// ErrGoexit is the error of a component method whose goroutine ended
// without returning, as runtime.Goexit (t.FailNow in a test) does. Start,
// Stop, Run and Health report it in a [*ComponentError].
var ErrGoexit = errors.New("lifecycle: method did not return (runtime.Goexit)")

// ErrDone is what a [Runner]'s Run returns, alone or wrapped, to say that
// its work is done and the service should end: a batch job that finished,
// a server that handed over to its successor. The graph is done and stops
// as when Run returns early, but it is a normal end: it is logged at Info,
// not as a failure, [Graph.Run] returns nil once every Stop succeeded (so a
// main that exits with status 1 on an error exits 0), and Stop does not
// report it. [Graph.Err] still says which component ended the graph: a
// [*ComponentError] that wraps ErrDone.
//
// Any other early return, nil included, is a failure: a Run that returns
// without being asked to usually means the service stopped working.
var ErrDone = errors.New("lifecycle: done")

// ComponentError reports that a component's Start, Stop, Run or Health method
// failed, panicked or did not return in time. Start, Stop, Run and Health
// return it, alone or joined with others; match it with [errors.As].
type ComponentError struct {
	// Component is the component's type and, when it has one, its name:
	// "*app.DB" or "*app.DB(replica)".
	Component string
	// Op is the method that failed: "start", "stop", "run" or "health".
	Op string
	// Duration is how long the method ran before it failed (for "run", how
	// long the component ran). It is zero when the method was never called.
	Duration time.Duration
	// Err is what the method returned, a [*PanicError], [ErrGoexit], or an
	// error saying why it was not called or did not return.
	Err error
}

// Error returns "op component after duration: err", without "after" when the
// method was never called.
func (e *ComponentError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteByte(' ')
	b.WriteString(e.Component)
	if e.Duration > 0 {
		b.WriteString(" after ")
		b.WriteString(roundDuration(e.Duration).String())
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns e.Err.
func (e *ComponentError) Unwrap() error { return e.Err }

// A PanicError is the error of a component method that panicked. The graph
// recovers the panic so that the components already started can be
// stopped, and reports it in a [*ComponentError].
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the panicking goroutine's stack, as runtime/debug.Stack gives it
}

// Error returns "panic: " and the panic value, formatted with fmt.Sprint.
func (e *PanicError) Error() string { return "panic: " + fmt.Sprint(e.Value) }

// Unwrap returns the panic value if it is an error, else nil, so that
// errors.Is and errors.As see through a panic(err).
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// roundDuration keeps durations in messages short without hiding small ones.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(10 * time.Nanosecond)
	}
	return d
}

// componentError returns the error of c's method op, which ran for d, with
// the stack of componentError's caller.
func componentError(c *component, op string, d time.Duration, err error) error {
	return errs.WrapSkip(&ComponentError{Component: c.obj.String(), Op: op, Duration: d, Err: err}, 1)
}

// errStopCalled is the cause of the cancellation of a Start interrupted by
// Stop.
var errStopCalled = errors.New("Stop called")

// errCancelled is the cause of the cancellation of the components still
// starting when another one failed.
var errCancelled = errors.New("another component's start failed")

// phaseTimeout is the cause of the end of a phase's context at its timeout.
func phaseTimeout(phase string, d time.Duration) error {
	return errs.Errorf("%s timeout %v: %w", phase, d, context.DeadlineExceeded)
}

// joinErrors returns the one error of failures, or all of them joined.
func joinErrors(failures []error) error {
	switch len(failures) {
	case 0:
		return nil
	case 1:
		return failures[0]
	}
	return errors.Join(failures...)
}

// nonNil returns the non-nil errors among failures.
func nonNil(failures ...error) []error {
	out := failures[:0]
	for _, e := range failures {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}
