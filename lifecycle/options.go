package lifecycle

import (
	"log/slog"
	"time"
)

// DefaultTimeout is the start and stop timeout of a graph made without
// [WithStartTimeout] or [WithStopTimeout].
const DefaultTimeout = 15 * time.Second

// An Option configures a [Graph]. Options are applied in order; the last one
// of a kind wins.
type Option func(*config)

type config struct {
	log          *slog.Logger
	concurrency  int
	startTimeout time.Duration
	stopTimeout  time.Duration
}

func defaultConfig() config {
	return config{startTimeout: DefaultTimeout, stopTimeout: DefaultTimeout}
}

// WithLogger makes the graph log each phase at Info, each component's start
// and stop at Debug, and failures at Error, all with their durations. A nil
// logger, the default, logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.log = l }
}

// WithConcurrency bounds how many components start or stop at the same time.
// With n = 1 the graph calls one method at a time in a deterministic order:
// among the components whose dependencies have started, the one provided
// first starts first, and Stop runs in exactly the reverse order of Start.
// With n <= 0, the default, every component starts as soon as its
// dependencies have started.
func WithConcurrency(n int) Option {
	return func(c *config) { c.concurrency = max(n, 0) }
}

// WithStartTimeout bounds the whole of Start, [DefaultTimeout] by default.
// When it expires, the components still starting see their context done,
// Start stops every component that had started, and returns an error naming
// the ones that were still starting. A d <= 0 means no bound other than the
// context given to Start. [Object.StartTimeout] bounds a single component.
func WithStartTimeout(d time.Duration) Option {
	return func(c *config) { c.startTimeout = max(d, 0) }
}

// WithStopTimeout bounds the whole of Stop and of the rollback of a failed
// Start, [DefaultTimeout] by default. When it expires, the components still
// stopping see their context done; those that do not return shortly after
// are abandoned and named in the error. A d <= 0 means no bound other than
// the context given to Stop. [Object.StopTimeout] bounds a single component.
func WithStopTimeout(d time.Duration) Option {
	return func(c *config) { c.stopTimeout = max(d, 0) }
}
