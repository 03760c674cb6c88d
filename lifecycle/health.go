package lifecycle

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// ErrNotReady is returned, wrapped, by Health before Start has succeeded and
// once Stop has begun.
var ErrNotReady = errors.New("lifecycle: not ready")

// Health reports whether the graph is ready to serve. It returns an error
// wrapping [ErrNotReady] before Start has succeeded and once the graph is
// done (see [Graph.Done]); otherwise it calls the Health method of every
// component that has one, concurrently, and returns their errors joined, each
// a [*ComponentError]. A Health method still running when ctx is done is
// reported as not returning, and left to finish on its own.
func (g *Graph) Health(ctx context.Context) error {
	g.mu.Lock()
	st, exitErr := g.state, g.exitErr
	var comps []*component
	if g.order != nil {
		comps = g.order.comps
	}
	g.mu.Unlock()
	switch {
	case st < stateStarted:
		return errs.Errorf("%w: not started", ErrNotReady)
	case exitErr != nil && !errors.Is(exitErr, ErrStopped):
		return errs.Errorf("%w: %w", ErrNotReady, exitErr)
	case st > stateStarted || exitErr != nil:
		return errs.Errorf("%w: stopping", ErrNotReady)
	}

	type check struct {
		c   *component
		err error
		dur time.Duration
	}
	var checks []check
	for _, c := range comps {
		if c.health != nil {
			checks = append(checks, check{c: c})
		}
	}
	ch := make(chan int, len(checks))
	began := time.Now()
	for i := range checks {
		go func() {
			c := &checks[i]
			c.err = ErrGoexit
			defer func() {
				c.dur = time.Since(began)
				ch <- i
			}()
			c.err = c.c.callHealth(ctx)
		}()
	}
	returned := make([]bool, len(checks))
	for range checks {
		select {
		case i := <-ch:
			returned[i] = true
		case <-ctx.Done():
			var failures []error
			for i := range checks {
				c := &checks[i]
				err := errs.Errorf("did not return: %w", context.Cause(ctx))
				if returned[i] {
					err = c.err
				}
				if err != nil {
					failures = append(failures, componentError(c.c, "health", time.Since(began), err))
				}
			}
			return joinErrors(failures)
		}
	}
	var failures []error
	for _, c := range checks {
		if c.err != nil {
			failures = append(failures, componentError(c.c, "health", c.dur, c.err))
		}
	}
	return joinErrors(failures)
}

// HealthHandler returns a handler for liveness and readiness probes, such as
// /healthz and /readyz: it answers 200 and "ok" when [Graph.Health] returns
// nil, and 503 with the error, one line per failing component, otherwise.
// The check is bounded by the request's context.
func (g *Graph) HealthHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := g.Health(r.Context())
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, err.Error()+"\n")
			return
		}
		io.WriteString(w, "ok\n")
	})
}
