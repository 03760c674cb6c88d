package lifecycle

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Stop stops every component that started: each one once every component
// that depends on it has stopped, independent ones concurrently. With
// [WithConcurrency](1) the order is exactly the reverse of the start order.
// A component with a Run method has its Run's context cancelled, then its
// stop method called, then Stop waits for its Run to return.
//
// Stop is best effort: a failing Stop method does not keep the others from
// being called. Stop returns every error joined, each a [*ComponentError]
// naming its component and how long its Stop ran. When the stop timeout
// expires or ctx is done, the components still stopping see their context
// done; those that do not return shortly after are abandoned and reported,
// as are the components left waiting for them.
//
// Stop during Start cancels Start, which then stops what had started (the
// errors of that are Start's to return), and Stop returns nil once that is
// done. A second Stop does not stop anything again: it waits for the first
// to finish and returns nil. Stop before Start just marks the graph
// stopped. Either wait ends early when ctx is done: Stop then returns an
// error wrapping context.Cause(ctx), and the stopping goes on in the
// background, owned by the Start or Stop call that began it.
func (g *Graph) Stop(ctx context.Context) error {
	g.mu.Lock()
	for g.state == stateStarting {
		starting := g.starting
		g.cancel(errStopCalled)
		g.mu.Unlock()
		if !waitFor(ctx, starting) {
			return errs.Errorf("lifecycle: stop: %w (waiting for Start to stop what it started)", context.Cause(ctx))
		}
		g.mu.Lock()
	}
	switch g.state {
	case stateNew:
		g.state = stateStopped
		g.stopping = make(chan struct{})
		close(g.stopping)
		g.closeExit(ErrStopped)
		g.mu.Unlock()
		return nil
	case stateStopping, stateStopped:
		stopping := g.stopping
		g.mu.Unlock()
		if !waitFor(ctx, stopping) {
			return errs.Errorf("lifecycle: stop: %w (waiting for the graph to stop)", context.Cause(ctx))
		}
		return nil
	}
	g.state = stateStopping
	g.stopping = make(chan struct{})
	g.closeExit(ErrStopped)
	r := g.run
	g.mu.Unlock()

	t := time.Now()
	g.log(slog.LevelDebug, "graph stopping", slog.Int("components", len(r.o.comps)))
	if d := g.cfg.stopTimeout; d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, d, phaseTimeout("stop", d))
		defer cancel()
	}
	failures := r.stop(ctx)
	d := time.Since(t)
	if r.pendingAbandoned > 0 {
		go r.awaitAbandoned(r.pendingAbandoned)
	}

	g.mu.Lock()
	g.state = stateStopped
	g.report.Stop = d
	close(g.stopping)
	g.mu.Unlock()
	err := joinErrors(failures)
	if err != nil {
		g.log(slog.LevelError, "graph stopped with errors", durationAttr(d), errAttr(err))
	} else {
		g.log(slog.LevelInfo, "graph stopped", durationAttr(d))
	}
	return err
}

// waitFor waits for ch to be closed or ctx to be done, and reports whether
// ch was closed, preferring it when both are.
func waitFor(ctx context.Context, ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	case <-ctx.Done():
		select {
		case <-ch:
			return true
		default:
			return false
		}
	}
}

// stop stops every unit that started, dependents first, and returns the
// errors of the Stop calls. During a rollback it also waits, for a short
// while, for the Start calls still in flight: one that returns nil is then
// stopped like the others.
func (r *phaseRun) stop(ctx context.Context) []error {
	o := r.o
	var failures []error
	r.q.h = r.q.h[:0]
	for u := range int32(len(o.units)) {
		r.q.key[u] = -r.seq[u] // the last started stops first
		if r.rem[u] = int32(len(o.revs(u))); r.rem[u] == 0 {
			r.q.push(u)
		}
	}
	var startGrace, overtime <-chan time.Time
	if r.starts > 0 {
		t := time.NewTimer(abandonAfter)
		defer t.Stop()
		startGrace = t.C
	}
	done := ctx.Done()
	for {
		r.launchStops(ctx)
		if r.stops == 0 && r.starts == 0 {
			break
		}
		select {
		case res := <-r.results:
			if res.op == opStart {
				if r.st[res.unit] == abandoned {
					// abandonStarts already counted it out and reported it;
					// its dependencies may have stopped, so it cannot be.
					r.abandonedStart(res)
					continue
				}
				r.starts--
				r.lateStart(res)
				continue
			}
			r.stops--
			if err := r.stopped(res); err != nil {
				failures = append(failures, err)
			}
		case <-startGrace:
			startGrace = nil
			r.abandonStarts()
		case <-done:
			done = nil
			t := time.NewTimer(abandonAfter)
			defer t.Stop()
			overtime = t.C
		case <-overtime:
			r.abandonStarts()
			return append(failures, r.abandonStops(context.Cause(ctx))...)
		}
	}
	return failures
}

// launchStops stops the units whose dependents have all stopped, up to the
// concurrency bound, which Start calls still in flight in a rollback count
// against. Units with nothing to call are passed inline.
func (r *phaseRun) launchStops(ctx context.Context) {
	for !r.q.empty() && (r.limit == 0 || r.starts+r.stops < r.limit) {
		u := r.q.pop()
		switch r.st[u] {
		case started:
			if c := r.o.units[u].comp; c != nil && c.hasStop() {
				r.st[u] = stopping
				r.began[u] = time.Now()
				r.stops++
				go r.work(ctx, u, opStop)
				continue
			}
			r.stopped(result{unit: u})
		case starting:
			r.st[u] = waiting // stopped once its Start returns
		default:
			r.resolveStop(u)
		}
	}
}

// resolveStop marks u as done for the stop phase, releasing its dependencies.
func (r *phaseRun) resolveStop(u int32) {
	for _, d := range r.o.deps(u) {
		r.rem[d]--
		if r.rem[d] == 0 {
			r.q.push(d)
		}
	}
}

// stopped records the end of unit u's Stop and returns its error.
func (r *phaseRun) stopped(res result) error {
	u := res.unit
	r.st[u] = stopped
	var err error
	if c := r.o.units[u].comp; c != nil {
		r.nstop++
		r.g.mu.Lock()
		c.stopSeq = r.nstop
		c.stopDur = res.dur
		r.g.mu.Unlock()
		if res.err != nil {
			err = componentError(c, "stop", res.dur, res.err)
			r.g.log(slog.LevelError, "component stop failed", componentAttr(c), durationAttr(res.dur), errAttr(res.err))
		} else if r.g.logEnabled(slog.LevelDebug) {
			r.g.log(slog.LevelDebug, "component stopped", componentAttr(c), durationAttr(res.dur))
		}
	}
	r.resolveStop(u)
	return err
}

// abandonStarts gives up on the Start calls still in flight in a rollback.
func (r *phaseRun) abandonStarts() {
	for u, s := range r.st {
		if s != starting && s != waiting {
			continue
		}
		r.st[u] = abandoned
		r.starts--
		r.pendingAbandoned++
		d := time.Since(r.began[u])
		r.startErr = append(r.startErr, componentError(r.o.units[u].comp, "start", d, errs.Errorf("did not return: %w", r.cause)))
		if s == waiting {
			r.resolveStop(int32(u))
		}
	}
}

// abandonedStart handles the return of a Start call given up on by
// abandonStarts, as the late return of a call abandoned by its own timeout
// is (see lateReturn): a component that started after all is stopped, in
// a goroutine of its own, so that the rollback does not wait for it.
func (r *phaseRun) abandonedStart(res result) {
	r.pendingAbandoned--
	c := r.o.units[res.unit].comp
	if res.err == nil {
		go r.lateReturn(c, "start", res.dur, nil)
		return
	}
	r.lateReturn(c, "start", res.dur, res.err)
}

// awaitAbandoned handles the returns of the Start calls abandoned by the
// rollback that had not returned when it ended: they come on results, which
// nothing else reads once the rollback is over.
func (r *phaseRun) awaitAbandoned(n int) {
	for range n {
		res := <-r.results
		if res.op == opStart {
			r.lateReturn(r.o.units[res.unit].comp, "start", res.dur, res.err)
		}
	}
}

// abandonStops gives up on the Stop calls still in flight once the phase is
// over time, and reports them, then the components left waiting for them in
// the order they would have stopped.
func (r *phaseRun) abandonStops(cause error) []error {
	var units []int32
	for u, s := range r.st {
		if s == stopping || s == started {
			units = append(units, int32(u))
		}
	}
	slices.SortFunc(units, func(a, b int32) int {
		if (r.st[a] == stopping) != (r.st[b] == stopping) {
			if r.st[a] == stopping {
				return -1
			}
			return 1
		}
		return cmp.Compare(r.seq[b], r.seq[a])
	})
	var failures []error
	for _, u := range units {
		c := r.o.units[u].comp
		switch {
		case r.st[u] == stopping:
			r.st[u] = abandoned
			d := time.Since(r.began[u])
			failures = append(failures, componentError(c, "stop", d, errs.Errorf("did not return: %w", cause)))
		case c != nil && c.hasStop():
			failures = append(failures, componentError(c, "stop", 0, errs.Errorf("not called: a component that depends on it did not stop: %w", cause)))
		}
	}
	r.stops = 0
	return failures
}
