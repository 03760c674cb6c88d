package lifecycle

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// abandonAfter is how long a phase waits, once its context is done, for the
// calls still running to return before it abandons them. Calls that honour
// their context return well within it, so their own errors are reported
// rather than "did not return"; calls that ignore it cannot hold Start or
// Stop for longer.
const abandonAfter = 100 * time.Millisecond

// A phaseRun is one Start of a graph and the Stop that follows it, whether
// called by the user or run as the rollback of a failed Start.
//
// The goroutine that called Start or Stop coordinates: it alone reads and
// writes the per-unit state, launches one goroutine per lifecycle call, and
// learns of each call's end from results. Units with nothing to call are
// passed through inline. The cost is linear in units plus edges: every unit
// is pushed and popped once per phase, and every edge decremented once.
type phaseRun struct {
	g       *Graph
	o       *order
	limit   int // most calls in flight at once; 0 means no bound
	results chan result

	st    []ustate
	rem   []int32     // per unit: dependencies (start) or dependents (stop) still to go
	seq   []int32     // per unit: 1-based order in which it finished starting
	gate  []int32     // per unit: the dependency whose start released it, or -1
	began []time.Time // per unit: when its current call began
	q     unitHeap

	starts, stops int // calls in flight
	// pendingAbandoned counts the Start calls abandoned by the rollback
	// whose return has not been seen yet.
	pendingAbandoned int
	nstart           int32 // units finished starting
	ncomp, nstop     int   // components finished starting, stopping

	t0       time.Time // when Start began
	failed   bool
	startErr []error // why Start failed
	phaseErr error   // the phase's own failure, when no component is to blame
	cause    error   // why the Start calls in flight at the failure were cancelled
}

type ustate uint8

const (
	idle        ustate = iota // not called
	starting                  // Start in flight
	started                   // started; nothing called yet to stop it
	startFailed               // Start returned an error
	waiting                   // Start in flight and all its dependents stopped
	stopping                  // Stop in flight
	stopped                   // stopped, or nothing to stop
	abandoned                 // a call that did not return in time
)

type op uint8

const (
	opStart op = iota
	opStop
)

type result struct {
	unit int32
	op   op
	err  error
	dur  time.Duration
}

func newPhaseRun(g *Graph) *phaseRun {
	o := g.order
	n := len(o.units)
	r := &phaseRun{
		g:       g,
		o:       o,
		limit:   g.cfg.concurrency,
		results: make(chan result, 2*len(o.comps)),
		st:      make([]ustate, n),
		rem:     make([]int32, n),
		seq:     make([]int32, n),
		gate:    make([]int32, n),
		began:   make([]time.Time, n),
		q:       unitHeap{key: make([]int32, n), h: make([]int32, 0, n)},
	}
	for u := range r.gate {
		r.gate[u] = -1
	}
	return r
}

// work runs one lifecycle call in its own goroutine and reports its end. It
// never blocks on the report: results has room for every call, so a call
// that is abandoned and returns late still ends its goroutine.
//
// A component's own timeout ([Object.StartTimeout], [Object.StopTimeout])
// bounds its context, and also the wait: a call still running abandonAfter
// past it is reported as not returning, so that one component that ignores
// its context holds the phase no longer than its own timeout says.
func (r *phaseRun) work(ctx context.Context, u int32, op op) {
	c := r.o.units[u].comp
	res := result{unit: u, op: op, err: ErrGoexit}
	t := time.Now()
	defer func() {
		res.dur = time.Since(t)
		r.results <- res
	}()
	d, name := c.obj.StartTimeout, "start"
	if op == opStop {
		d, name = c.obj.StopTimeout, "stop"
	}
	if d <= 0 {
		res.err = c.call(ctx, op)
		return
	}
	timeout := phaseTimeout(name, d)
	ctx, cancel := context.WithTimeoutCause(ctx, d, timeout)
	defer cancel()
	// The call's goroutine and this one race to end the call: the first
	// to swap state decides whether it returned in time or was abandoned.
	const (
		running int32 = iota
		returned
		gaveUp
	)
	var state atomic.Int32
	done := make(chan error, 1)
	go func() {
		err := ErrGoexit
		defer func() {
			if state.CompareAndSwap(running, returned) {
				done <- err
				return
			}
			r.lateReturn(c, name, time.Since(t), err)
		}()
		err = c.call(ctx, op)
	}()
	abandon := time.NewTimer(d + abandonAfter)
	defer abandon.Stop()
	select {
	case res.err = <-done:
	case <-abandon.C:
		if state.CompareAndSwap(running, gaveUp) {
			res.err = errs.Errorf("did not return: %w", timeout)
		} else {
			res.err = <-done
		}
	}
}

// lateReturn handles the return of a call that was abandoned: the graph
// has moved on without it. A Start that succeeds now would leave its
// component running: it is stopped (see stopLeaked). Any other late return
// is logged.
func (r *phaseRun) lateReturn(c *component, op string, d time.Duration, err error) {
	if op == "start" && err == nil {
		r.g.stopLeaked(c, d)
		return
	}
	r.g.log(slog.LevelWarn, "abandoned component returned late", componentAttr(c), slog.String("op", op), durationAttr(d), errAttr(err))
}

// stopLeaked stops c, whose Start was abandoned and returned nil after all,
// d after it began: left alone, it would run unstopped. Nothing that
// depends on c ever started (Start waited for c), so c is stopped at once,
// with a fresh context bounded by c's stop timeout, or the graph's. What c
// depends on may have stopped already (the rollback does not wait for a
// Start that ignores its context): its Stop must cope, as it must after a
// failed start of its own. The outcome is logged.
func (g *Graph) stopLeaked(c *component, d time.Duration) {
	g.log(slog.LevelWarn, "abandoned component started late; stopping it", componentAttr(c), durationAttr(d))
	if !c.hasStop() {
		return
	}
	ctx := context.Background()
	timeout := g.cfg.stopTimeout
	if c.obj.StopTimeout > 0 && (timeout < 0 || c.obj.StopTimeout < timeout) {
		timeout = c.obj.StopTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, phaseTimeout("stop", timeout))
		defer cancel()
	}
	t := time.Now()
	if err := c.call(ctx, opStop); err != nil {
		g.log(slog.LevelError, "component stop failed", componentAttr(c), durationAttr(time.Since(t)), errAttr(err))
		return
	}
	g.log(slog.LevelInfo, "late-started component stopped", componentAttr(c), durationAttr(time.Since(t)))
}

// unitHeap is a binary min-heap of units ordered by key, then unit.
type unitHeap struct {
	key []int32
	h   []int32
}

func (q *unitHeap) less(a, b int32) bool {
	if q.key[a] != q.key[b] {
		return q.key[a] < q.key[b]
	}
	return a < b
}

func (q *unitHeap) push(u int32) {
	q.h = append(q.h, u)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(q.h[i], q.h[p]) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

func (q *unitHeap) pop() int32 {
	h := q.h
	u := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && q.less(h[l], h[m]) {
			m = l
		}
		if l+1 < n && q.less(h[l+1], h[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	q.h = h
	return u
}

func (q *unitHeap) empty() bool { return len(q.h) == 0 }
