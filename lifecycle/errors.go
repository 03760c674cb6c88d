package lifecycle

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrStopped is returned, wrapped, by Start and Provide once Stop has begun,
// and by Err once the graph stopped because Stop was called.
var ErrStopped = errors.New("lifecycle: stopped")

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
	// Err is what the method returned, a *PanicError, or an error saying
	// why it was not called or did not return.
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

// PanicError is the error of a component method that panicked. The graph
// recovers the panic so that the components already started can be stopped.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the panicking goroutine's stack, as from runtime/debug.Stack
}

// Error returns "panic: " and the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error, so that errors.Is sees
// through a panic(err).
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
