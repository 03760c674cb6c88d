package lifecycle

import (
	"log/slog"
	"time"
)

// DefaultTimeout is the start and stop timeout of a graph made without
// [WithStartTimeout] or [WithStopTimeout], or with a timeout of 0.
const DefaultTimeout = 15 * time.Second

// An Option configures a [Graph]. Options are applied in order; the last one
// of a kind wins.
type Option func(*config)

type config struct {
	log          *slog.Logger
	concurrency  int           // 0: no bound
	startTimeout time.Duration // <0: no bound
	stopTimeout  time.Duration // <0: no bound
}

func defaultConfig() config {
	return config{startTimeout: DefaultTimeout, stopTimeout: DefaultTimeout}
}

// WithLogger makes the graph log its phases at Info ("graph started",
// "graph stopped", and why [Graph.Run] stops the graph), each component's
// start and stop at Debug ("component started"), failures at Error
// ("component start failed", "graph start failed"), and at Warn a call
// abandoned by its timeout that returns later. Lines carry the component
// under "component", the duration under "duration" and the error under
// "err". The default is a nil logger, which logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.log = l }
}

// WithConcurrency bounds how many components start or stop at the same time.
// With n = 1 the graph calls one method at a time in a deterministic order:
// among the components whose dependencies have started, the one provided
// first starts first, and Stop runs in exactly the reverse order of Start.
// The default is no bound: every component starts as soon as its
// dependencies have started, and stops as soon as its dependents have
// stopped; 0 and a negative n mean the default.
func WithConcurrency(n int) Option {
	return func(c *config) { c.concurrency = max(n, 0) }
}

// WithStartTimeout bounds the whole of Start. When it expires, the
// components still starting see their context done, Start stops every
// component that had started, and returns an error naming the ones that
// were still starting. The default is [DefaultTimeout]; 0 means the
// default, and a negative d means no bound other than the context given to
// Start. [Object.StartTimeout] bounds a single component.
func WithStartTimeout(d time.Duration) Option {
	return func(c *config) { c.startTimeout = phaseLimit(d) }
}

// WithStopTimeout bounds the whole of Stop and of the rollback of a failed
// Start. When it expires, the components still stopping see their context
// done; those that do not return shortly after are abandoned and named in
// the error. The default is [DefaultTimeout]; 0 means the default, and a
// negative d means no bound other than the context given to Stop (for a
// rollback, none at all). [Object.StopTimeout] bounds a single component.
func WithStopTimeout(d time.Duration) Option {
	return func(c *config) { c.stopTimeout = phaseLimit(d) }
}

// phaseLimit returns the phase timeout an option's d asks for; only a positive
// one bounds the phase.
func phaseLimit(d time.Duration) time.Duration {
	if d == 0 {
		return DefaultTimeout
	}
	return d
}
