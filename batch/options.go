package batch

import (
	"fmt"
	"log/slog"
	"time"
)

// Defaults used by [New] for the options a caller does not pass.
const (
	defaultMaxSize      = 1000
	defaultMaxWait      = 100 * time.Millisecond
	defaultConcurrency  = 1
	defaultQueueBatches = 4 // the queue holds this many full batches by default
)

// An Option configures a [Batcher]. Options are applied in order, so when
// the same option is given twice the last one wins.
type Option func(*config)

type config struct {
	maxSize     int
	maxWait     time.Duration
	maxBytes    int
	size        any // func(T) int for the Batcher's T, checked by New
	concurrency int
	queueSize   int
	policy      FullPolicy
	logger      *slog.Logger
}

// WithMaxSize sets how many items a batch holds at most: a batch that
// reaches n items is committed at once. The default is 1,000; 0 and a
// negative n mean the default.
func WithMaxSize(n int) Option {
	return func(c *config) { c.maxSize = n }
}

// NoWait is the smallest wait, for [WithMaxWait]: a batch is committed as
// soon as a commit can start, and grows only while every commit slot (see
// [WithConcurrency]) is busy. This is group commit with no added latency:
// many concurrent AddWait callers share a commit without any of them
// waiting for a timer.
const NoWait time.Duration = 1

// WithMaxWait sets how long a batch may wait for more items after its first
// one before it is committed. The default is 100ms; 0 means the default, and
// a negative d means no time trigger: batches are then committed only when
// they are full, on [Batcher.Flush] and on [Batcher.Close]. [NoWait] commits
// each batch as soon as a commit can start.
func WithMaxWait(d time.Duration) Option {
	return func(c *config) { c.maxWait = d }
}

// WithMaxBytes bounds the size of a batch as measured by size, which must be
// fast and safe for concurrent use. A batch is committed as soon as it
// reaches n; an item that would take it over n goes to the next batch
// instead, so a batch exceeds n only when a single item does. The default
// is no bound; 0 and a negative n mean it. A negative size counts as 0.
//
// T must be the item type of the [Batcher] the option is passed to; [New]
// panics otherwise, and when n > 0 and size is nil.
func WithMaxBytes[T any](n int, size func(T) int) Option {
	return func(c *config) {
		c.maxBytes = n
		c.size = size
	}
}

// WithConcurrency sets how many commits may run at the same time. The
// default is 1, which also commits batches in the order they were formed;
// 0 and a negative n mean the default. With n > 1 batches may commit in any
// order. Any n is cheap: the Batcher starts a commit goroutine only for a
// batch ready to commit, and keeps no state per unused slot.
func WithConcurrency(n int) Option {
	return func(c *config) { c.concurrency = n }
}

// WithQueueSize bounds how many accepted items may wait for their commit to
// start; items being committed do not count. When the queue is full, [FullPolicy]
// decides what Add does. The queue always holds at least one full batch, so
// n is raised to the batch size if it is smaller. The default is four
// batches; 0 and a negative n mean the default.
func WithQueueSize(n int) Option {
	return func(c *config) { c.queueSize = n }
}

// WithFullPolicy sets what Add and AddWait do when the queue is full. The
// default is [Block]. [New] panics if p is not [Block], [Drop] or [Fail].
func WithFullPolicy(p FullPolicy) Option {
	return func(c *config) { c.policy = p }
}

// WithLogger sets a logger for failed and panicking commits ("commit
// failed", "commit panicked") and for items abandoned by Close ("close gave
// up"), each logged at Error level with the error under "err". A nil
// logger, the default, logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// A FullPolicy says what Add and AddWait do with an item when the queue is
// full.
type FullPolicy int

const (
	// Block waits for room in the queue, or until ctx ends or the Batcher
	// is closed.
	Block FullPolicy = iota
	// Drop discards the item and counts it in [Stats].Dropped. Add then
	// returns nil, for callers that prefer losing data to waiting, such as
	// telemetry; AddWait returns [ErrFull], since the item will never be
	// committed.
	Drop
	// Fail refuses the item: Add and AddWait return [ErrFull], and the item
	// is counted in [Stats].Rejected.
	Fail
)

// String returns the policy's name: "block", "drop" or "fail".
func (p FullPolicy) String() string {
	switch p {
	case Block:
		return "block"
	case Drop:
		return "drop"
	case Fail:
		return "fail"
	}
	return fmt.Sprintf("FullPolicy(%d)", int(p))
}
