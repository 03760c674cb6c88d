package batch

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"
)

// newCommitContext returns the context a commit goroutine passes to commit.
// It is not derived from any caller's context: a batch mixes items from
// many callers, and a caller that stops waiting must not cancel the others'
// commit. Only Close, when it gives up, cancels it.
func newCommitContext() (context.Context, context.CancelCauseFunc) {
	return context.WithCancelCause(context.Background())
}

// work is a commit goroutine. It commits bt, then every batch it finds
// waiting, and exits when there is none; slot is its place in b.cancels.
func (b *Batcher[T]) work(ctx context.Context, slot int, bt *batch[T]) {
	returned := false
	defer func() {
		if returned {
			return
		}
		// commit called runtime.Goexit: this goroutine is ending. Settle
		// its batch and hand the rest of the work to a new goroutine.
		bt.settle(errGoexit, false)
		b.log(bt, false)
		if next := b.finish(slot, bt, 0, false); next != nil {
			b.wg.Go(func() { b.work(ctx, slot, next) })
		}
	}()
	for bt != nil {
		start := time.Now()
		err, panicked := b.call(ctx, bt.items)
		took := time.Since(start)
		bt.settle(err, panicked)
		b.log(bt, panicked)
		bt = b.finish(slot, bt, took, panicked)
	}
	returned = true
}

// call runs commit, turning a panic into a *PanicError.
func (b *Batcher[T]) call(ctx context.Context, items []T) (err error, panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			err, panicked = &PanicError{Value: v, Stack: debug.Stack()}, true
		}
	}()
	return b.commit(ctx, items), false
}

// settle records the commit's result in the batch.
func (bt *batch[T]) settle(err error, panicked bool) {
	bt.err = err
	if err == nil {
		return
	}
	var pe *PartialError
	if !panicked && errors.As(err, &pe) {
		bt.partial = make(map[int]error, len(pe.Failed))
		first := len(bt.items)
		for i, e := range pe.Failed {
			if e == nil || i < 0 || i >= len(bt.items) {
				continue
			}
			bt.partial[i] = e
			if i < first {
				first = i
				bt.firstErr = e
			}
		}
		bt.failed = len(bt.partial)
		return
	}
	bt.failed = len(bt.items)
	bt.firstErr = err
}

// finish records a settled batch as done and returns the next batch for
// this goroutine to commit. When there is none it frees the slot, and the
// goroutine must exit.
func (b *Batcher[T]) finish(slot int, bt *batch[T], took time.Duration, panicked bool) *batch[T] {
	b.mu.Lock()
	b.completeLocked(bt)
	for i, f := range b.inflight {
		if f == bt {
			last := len(b.inflight) - 1
			b.inflight[i] = b.inflight[last]
			b.inflight[last] = nil
			b.inflight = b.inflight[:last]
			break
		}
	}
	b.stats.Batches.count(bt.trigger)
	b.stats.CommitTime += took
	b.stats.MaxCommitTime = max(b.stats.MaxCommitTime, took)
	if panicked {
		b.stats.Panics++
	}
	next := b.nextLocked()
	var cancel context.CancelCauseFunc
	if next == nil {
		cancel = b.cancels[slot]
		b.cancels[slot] = nil
		b.running--
	}
	b.mu.Unlock()
	b.release(bt)
	if cancel != nil {
		cancel(nil)
	}
	return next
}

// completeLocked counts a settled batch's items and wakes its waiters.
func (b *Batcher[T]) completeLocked(bt *batch[T]) {
	b.stats.Failed += uint64(bt.failed)
	b.stats.Committed += uint64(len(bt.items) - bt.failed)
	if bt.done != nil {
		close(bt.done)
	}
}

// log reports a failed commit to the logger, if there is one.
func (b *Batcher[T]) log(bt *batch[T], panicked bool) {
	if b.logger == nil || bt.failed == 0 {
		return
	}
	attrs := []slog.Attr{
		slog.Int("items", len(bt.items)),
		slog.Int("failed", bt.failed),
		slog.String("trigger", bt.trigger.String()),
		slog.Any("error", bt.firstErr),
	}
	msg := "batch commit failed"
	if panicked {
		msg = "batch commit panicked"
		if pe, ok := bt.err.(*PanicError); ok {
			attrs = append(attrs, slog.String("stack", string(pe.Stack)))
		}
	}
	b.logger.LogAttrs(context.Background(), slog.LevelError, msg, attrs...)
}
