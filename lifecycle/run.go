package lifecycle

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/lifekit/lifekit/errs"
)

// Run is the whole life of a service, for main: it starts the graph, waits
// until ctx is done, the process receives SIGINT or SIGTERM, or the Run
// method of a component returns, then stops the graph within the stop
// timeout and returns why it stopped, joined with the errors of Stop.
//
// A signal is how a service is asked to stop, so it is a normal end: when
// SIGINT or SIGTERM stopped the graph and every Stop succeeded, Run returns
// nil, and a main that exits with status 1 on a non-nil error exits 0. A
// signal that arrives while the graph is starting cancels Start, which
// stops what had started; Run then returns nil too unless a component failed
// for another reason than the signal.
//
// A component whose Run returns [ErrDone] ends the graph normally too: Run
// returns nil unless Stop failed.
//
// Otherwise Run returns context.Cause(ctx) when ctx ended it, the
// [*ComponentError] of a component whose Run returned (an early nil return
// included), or the error of Start. After the first signal Run no longer
// catches SIGINT and SIGTERM, so a second one ends the process if Stop
// hangs.
//
// Run is the only function of the package that calls [signal.Notify]; it
// calls [signal.Stop] before it returns.
func (g *Graph) Run(ctx context.Context) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)

	// While Start runs, a goroutine watches for a signal and cancels Start
	// with it: a service asked to stop must not wait out the start timeout.
	// Run waits for the goroutine before it goes on.
	startCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	startDone := make(chan struct{})
	watched := make(chan error, 1)
	go func() {
		var cause error
		select {
		case s := <-sig:
			signal.Stop(sig)
			cause = &signalError{s}
			cancel(cause)
		case <-startDone:
		}
		watched <- cause
	}()
	err := g.Start(startCtx)
	close(startDone)
	interrupt := <-watched
	if interrupt != nil {
		g.log(slog.LevelInfo, "graph stopping on signal", slog.String("signal", interrupt.(*signalError).sig.String()))
	}
	if err != nil {
		if interrupt != nil && onlyCause(err, interrupt) {
			return nil
		}
		return err
	}

	var why error
	if interrupt == nil {
		select {
		case <-ctx.Done():
			why = context.Cause(ctx)
			g.log(slog.LevelInfo, "graph stopping on context done", errAttr(why))
		case s := <-sig:
			signal.Stop(sig)
			g.log(slog.LevelInfo, "graph stopping on signal", slog.String("signal", s.String()))
		case <-g.Done():
			if why = g.Err(); errors.Is(why, ErrStopped) || errors.Is(why, ErrDone) {
				why = nil // someone else called Stop, or a Runner's work is done
			}
		}
	}
	return joinErrors(nonNil(why, g.Stop(context.WithoutCancel(ctx))))
}

// signalError is the cause of the cancellation of a Start interrupted by a
// signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "signal " + e.sig.String() }

// onlyCause reports whether err failed for cause alone: it wraps cause, and
// every [*ComponentError] in it does too.
func onlyCause(err, cause error) bool {
	if !errors.Is(err, cause) {
		return false
	}
	var walk func(error) bool
	walk = func(e error) bool {
		if ce, ok := e.(*ComponentError); ok {
			return errors.Is(ce.Err, cause)
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if !walk(e) {
					return false
				}
			}
		case interface{ Unwrap() error }:
			if e := u.Unwrap(); e != nil {
				return walk(e)
			}
		}
		return true
	}
	return walk(err)
}

// Done returns a channel that is closed when the graph is done: when the
// Run method of a component returns before Stop, when Start fails, or when
// Stop begins. [Graph.Run] stops the graph when Done is closed; a main that
// calls Start and Stop itself should select on it too.
func (g *Graph) Done() <-chan struct{} { return g.exit }

// Err returns nil while Done is open, and why the graph is done once it is
// closed: the [*ComponentError] of the component whose Run returned, the
// first error of a failed Start, or [ErrStopped] when Stop was called.
func (g *Graph) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.exitErr
}

// closeExit closes the Done channel with err, once. g.mu is held.
func (g *Graph) closeExit(err error) {
	if g.exitErr == nil {
		g.exitErr = err
		close(g.exit)
	}
}

// runExited records the return of c's Run before c began to stop. A return
// before the graph began to stop ends the graph. It reports whether c's
// return became the graph's Err; when it did not, because the graph was
// already done, Stop reports c's error instead.
func (g *Graph) runExited(c *component) (reported bool) {
	g.mu.Lock()
	if g.state != stateStarting && g.state != stateStarted {
		g.mu.Unlock()
		return false
	}
	err := c.runErr
	if err == nil {
		err = errs.New("returned before Stop")
	}
	reported = g.exitErr == nil
	g.closeExit(componentError(c, "run", c.runDur, err))
	g.mu.Unlock()
	if errors.Is(err, ErrDone) {
		g.log(slog.LevelInfo, "component run done", componentAttr(c), durationAttr(c.runDur))
		return true // a normal end: Stop has nothing to report
	}
	g.log(slog.LevelError, "component run ended early", componentAttr(c), durationAttr(c.runDur), errAttr(err))
	return reported
}
