package lifecycle

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Start populates the graph if needed, then starts its components: each one
// once every component it depends on, directly or through objects without
// lifecycle methods, has started. Components that do not depend on each
// other start concurrently, up to the [WithConcurrency] bound.
//
// If a Start method fails, panics or does not return within the start
// timeout or before ctx is done, Start rolls back: the components still
// starting see their context done, and every component that did start is
// stopped, exactly once, dependents first, with a fresh context bounded by
// the stop timeout. Start then returns the failure and any errors of the
// rollback, each a [*ComponentError] naming its component, and the graph is
// stopped. A Start method that does not return shortly after its context is
// done is abandoned: it is reported, and if it returns nil later, the
// component is stopped then, with a fresh context bounded by the stop
// timeout (nothing that depends on it ever started; what it depends on may
// have stopped by then, so its Stop must cope), and both are logged.
//
// Start may be called once; it returns [ErrStopped] after Stop.
func (g *Graph) Start(ctx context.Context) error {
	g.mu.Lock()
	switch g.state {
	case stateStarting, stateStarted:
		g.mu.Unlock()
		return errs.New("lifecycle: start: already started")
	case stateStopping, stateStopped:
		g.mu.Unlock()
		return ErrStopped
	}
	if err := g.populate(); err != nil {
		g.mu.Unlock()
		return err
	}
	if ctx.Err() != nil {
		g.mu.Unlock()
		return errs.Errorf("lifecycle: start: %w", context.Cause(ctx))
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r := newPhaseRun(g)
	g.state, g.run, g.cancel, g.starting = stateStarting, r, cancel, make(chan struct{})
	g.mu.Unlock()
	defer close(g.starting)
	return r.start(ctx)
}

func (r *phaseRun) start(ctx context.Context) error {
	g, o := r.g, r.o
	r.t0 = time.Now()
	// Run methods get Start's values but not its cancellation: they run
	// until their component stops.
	values := context.WithoutCancel(ctx)
	g.log(slog.LevelDebug, "graph starting", slog.Int("components", len(o.comps)))

	wait := ctx // done when the phase must end
	if d := g.cfg.startTimeout; d > 0 {
		var cancel context.CancelFunc
		wait, cancel = context.WithTimeoutCause(ctx, d, phaseTimeout("start", d))
		defer cancel()
	}
	call, cancelCall := context.WithCancelCause(wait) // given to Start methods
	defer cancelCall(nil)

	for u := range int32(len(o.units)) {
		r.q.key[u] = o.units[u].first
		if r.rem[u] = int32(len(o.deps(u))); r.rem[u] == 0 {
			r.q.push(u)
		}
	}
	for !r.failed {
		r.launchStarts(call, values)
		if r.starts == 0 {
			break
		}
		select {
		case res := <-r.results:
			r.starts--
			r.startResult(values, res)
		case <-wait.Done():
			r.fail(nil, context.Cause(wait))
		case <-g.exit:
			g.mu.Lock()
			err := g.exitErr
			g.mu.Unlock()
			r.fail(err, nil)
		}
	}
	if !r.failed {
		d := time.Since(r.t0)
		g.mu.Lock()
		g.state = stateStarted
		g.report.Start = d
		g.report.CriticalPath = r.criticalPath()
		g.mu.Unlock()
		g.log(slog.LevelInfo, "graph started", slog.Int("components", len(o.comps)), durationAttr(d))
		return nil
	}
	cancelCall(errCancelled)
	r.cause = context.Cause(call)
	return r.rollback(ctx)
}

// launchStarts starts the ready units, up to the concurrency bound, giving
// Start methods ctx and Run methods values. Units with no Start method are
// started inline.
func (r *phaseRun) launchStarts(ctx, values context.Context) {
	for !r.q.empty() && (r.limit == 0 || r.starts < r.limit) {
		u := r.q.pop()
		r.began[u] = time.Now()
		if c := r.o.units[u].comp; c != nil && c.start != nil {
			r.st[u] = starting
			r.starts++
			go r.work(ctx, u, opStart)
			continue
		}
		r.started(u, 0)
		r.release(values, u)
	}
}

// startResult records the end of a Start call made before any failure.
func (r *phaseRun) startResult(values context.Context, res result) {
	if res.err == nil {
		r.started(res.unit, res.dur)
		r.release(values, res.unit)
		return
	}
	r.st[res.unit] = startFailed
	err := componentError(r.o.units[res.unit].comp, "start", res.dur, res.err)
	r.g.log(slog.LevelError, "component start failed", componentAttr(r.o.units[res.unit].comp), durationAttr(res.dur), errAttr(res.err))
	r.fail(err, nil)
}

// started records that unit u started.
func (r *phaseRun) started(u int32, d time.Duration) {
	r.st[u] = started
	r.nstart++
	r.seq[u] = r.nstart
	if c := r.o.units[u].comp; c != nil {
		r.ncomp++
		r.g.mu.Lock()
		c.startSeq = r.ncomp
		c.startAt = r.began[u].Sub(r.t0)
		c.startDur = d
		r.g.mu.Unlock()
		if r.g.logEnabled(slog.LevelDebug) {
			r.g.log(slog.LevelDebug, "component started", componentAttr(c), durationAttr(d))
		}
	}
}

// release starts u's Run method, with a context carrying values, and lets
// the units that depend on u start. A late start seen during the rollback
// does neither.
func (r *phaseRun) release(values context.Context, u int32) {
	if c := r.o.units[u].comp; c != nil && c.runner != nil {
		r.launchRun(values, c)
	}
	for _, d := range r.o.revs(u) {
		r.rem[d]--
		if r.rem[d] == 0 {
			r.gate[d] = u
			r.q.push(d)
		}
	}
}

// fail marks the start as failed, for a component's error or, when err is
// nil, for the end of the phase's context.
func (r *phaseRun) fail(err, cause error) {
	r.failed = true
	if err != nil {
		r.startErr = append(r.startErr, err)
		return
	}
	var names []string
	for u, s := range r.st {
		if s == starting {
			names = append(names, r.o.units[u].comp.obj.String())
		}
	}
	msg := "lifecycle: start: %w"
	if names != nil {
		msg += " (starting " + strings.Join(names, ", ") + ")"
	}
	r.phaseErr = errs.Errorf(msg, cause)
}

// lateStart records the end of a Start call seen during the rollback.
func (r *phaseRun) lateStart(res result) {
	u := res.unit
	wasWaiting := r.st[u] == waiting
	if res.err == nil {
		r.started(u, res.dur)
		if wasWaiting {
			r.q.push(u)
		}
		return
	}
	r.st[u] = startFailed
	if !errors.Is(res.err, context.Canceled) {
		r.startErr = append(r.startErr, componentError(r.o.units[u].comp, "start", res.dur, res.err))
		r.g.log(slog.LevelError, "component start failed", componentAttr(r.o.units[u].comp), durationAttr(res.dur), errAttr(res.err))
	}
	if wasWaiting {
		r.resolveStop(u)
	}
}

// rollback stops what started after a failed start and returns the error
// of Start.
func (r *phaseRun) rollback(ctx context.Context) error {
	g := r.g
	first := r.phaseErr
	if len(r.startErr) > 0 {
		first = r.startErr[0]
	}
	g.mu.Lock()
	g.state = stateStopping
	g.stopping = make(chan struct{})
	g.closeExit(first)
	g.mu.Unlock()
	g.log(slog.LevelInfo, "graph start failed, rolling back", errAttr(first))

	stopCtx := context.WithoutCancel(ctx)
	if d := g.cfg.stopTimeout; d > 0 {
		var cancel context.CancelFunc
		stopCtx, cancel = context.WithTimeoutCause(stopCtx, d, phaseTimeout("stop", d))
		defer cancel()
	}
	stopErrs := r.stop(stopCtx)
	if r.pendingAbandoned > 0 {
		go r.awaitAbandoned(r.pendingAbandoned)
	}

	failures := r.startErr
	if len(failures) == 0 || !hasComponentError(failures) {
		failures = append([]error{r.phaseErr}, failures...)
	}
	err := joinErrors(append(failures, stopErrs...))
	g.mu.Lock()
	g.state = stateStopped
	close(g.stopping)
	g.mu.Unlock()
	g.log(slog.LevelError, "graph start failed", durationAttr(time.Since(r.t0)), errAttr(err))
	return err
}

func hasComponentError(failures []error) bool {
	for _, e := range failures {
		var ce *ComponentError
		if errors.As(e, &ce) && ce.Op == "start" {
			return true
		}
	}
	return false
}

// launchRun starts c's Run method in its own goroutine, with a context
// carrying values that is cancelled when c stops.
func (r *phaseRun) launchRun(values context.Context, c *component) {
	ctx, cancel := context.WithCancel(values)
	c.runCancel = cancel
	c.runDone = make(chan struct{})
	c.runBegan = time.Now()
	go func() {
		err := ErrGoexit
		defer func() {
			c.runErr = err
			c.runDur = time.Since(c.runBegan)
			if !c.stopping.Load() {
				c.runReported = r.g.runExited(c)
			}
			close(c.runDone) // after runReported: callStop reads it
		}()
		err = c.callRun(ctx)
	}()
}

// criticalPath returns the components on the chain that ended last: the
// component that finished starting last, the dependency whose start released
// it, and so on back to the beginning.
func (r *phaseRun) criticalPath() []string {
	last, end := int32(-1), time.Duration(-1)
	for u, un := range r.o.units {
		if c := un.comp; c != nil && c.startAt+c.startDur > end {
			last, end = int32(u), c.startAt+c.startDur
		}
	}
	var path []string
	for u := last; u >= 0; u = r.gate[u] {
		if c := r.o.units[u].comp; c != nil {
			path = append(path, c.obj.String())
		}
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}
