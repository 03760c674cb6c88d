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
// Run returns nil when a signal stopped it and Stop succeeded, since that is
// how a service is asked to stop. It returns context.Cause(ctx) when ctx
// ended it, the [*ComponentError] of a component whose Run returned (an early
// nil return included), or the error of Start. After the first signal Run no
// longer catches SIGINT and SIGTERM, so a second one ends the process if Stop
// hangs.
//
// Run is the only function of the package that calls [signal.Notify]; it
// calls [signal.Stop] before it returns.
func (g *Graph) Run(ctx context.Context) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	if err := g.Start(ctx); err != nil {
		return err
	}
	var why error
	select {
	case <-ctx.Done():
		why = context.Cause(ctx)
		g.log(slog.LevelInfo, "lifecycle stopping: context done", slog.Any("cause", why))
	case s := <-sig:
		signal.Stop(sig)
		g.log(slog.LevelInfo, "lifecycle stopping: signal", slog.String("signal", s.String()))
	case <-g.Done():
		if why = g.Err(); errors.Is(why, ErrStopped) {
			why = nil // someone else called Stop
		}
	}
	return joinErrors(nonNil(why, g.Stop(context.WithoutCancel(ctx))))
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

// runExited records the return of c's Run. A return before the graph began
// to stop ends the graph.
func (g *Graph) runExited(c *component) {
	g.mu.Lock()
	if g.state != stateStarting && g.state != stateStarted {
		g.mu.Unlock()
		return
	}
	err := c.runErr
	if err == nil {
		err = errs.New("returned before Stop")
	}
	g.closeExit(errs.Wrap(&ComponentError{Component: c.obj.String(), Op: "run", Duration: c.runDur, Err: err}))
	g.mu.Unlock()
	g.log(slog.LevelError, "component's Run returned", slog.String("component", c.obj.String()),
		slog.Duration("duration", c.runDur), slog.Any("error", err))
}
