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
// commit. Close cancels it when it gives up; otherwise the goroutine
// cancels it when it exits, after its last commit has returned.
func newCommitContext() (context.Context, context.CancelCauseFunc) {
	return context.WithCancelCause(context.Background())
}

// work is a commit goroutine. It commits bt, then every batch it finds
// waiting, and exits when there is none; slot is its place in b.cancels.
func (b *Batcher[T]) work(ctx context.Context, slot int, bt *batch[T]) {
	var start time.Time
	returned := false
	defer func() {
		if returned {
			return
		}
		// commit called runtime.Goexit: this goroutine is ending. Settle
		// its batch, over whatever call's deferred func recorded, and hand
		// the rest of the work to a new goroutine.
		took := time.Since(start)
		bt.settle(ErrGoexit, true)
		b.log(bt, false)
		if next := b.finish(slot, bt, took, false); next != nil {
			b.wg.Go(func() { b.work(ctx, slot, next) })
		}
	}()
	for bt != nil {
		start = time.Now()
		panicked := b.call(ctx, bt)
		took := time.Since(start)
		b.log(bt, panicked)
		bt = b.finish(slot, bt, took, panicked)
	}
	returned = true
}

// call passes bt's items to commit and settles bt with the result. A panic
// in commit, or in the methods of the error it returned (settle calls their
// Unwrap, Is and As), settles the whole batch with a *PanicError.
//
// A commit that calls runtime.Goexit does not return here; work's deferred
// func settles its batch.
func (b *Batcher[T]) call(ctx context.Context, bt *batch[T]) (panicked bool) {
	// A flag set on the normal return tells a panic from a return: recover
	// gives nil for panic(nil) under GODEBUG=panicnil=1. During Goexit it
	// gives nil too and does not stop the goroutine, so the PanicError
	// recorded here is then replaced by work.
	ok := false
	defer func() {
		if ok {
			return
		}
		v := recover()
		bt.settle(&PanicError{Value: v, Stack: debug.Stack()}, true)
		panicked = true
	}()
	bt.settle(b.commit(ctx, bt.items), false)
	ok = true
	return false
}

// settle records the commit's result err in the batch, replacing any
// result recorded before. With whole, err fails every item; otherwise a
// *PartialError in err's chain says which items failed.
func (bt *batch[T]) settle(err error, whole bool) {
	// A settle interrupted by a panic in err's methods is redone with a
	// PanicError: start from a clean result.
	bt.err, bt.partial, bt.failed, bt.firstErr = nil, nil, 0, nil
	if err == nil {
		return
	}
	var pe *PartialError
	if !whole && errors.As(err, &pe) {
		if pe == nil {
			return // a typed nil: no item failed
		}
		first := len(bt.items)
		for i, e := range pe.Failed {
			if e == nil || i < 0 || i >= len(bt.items) {
				continue
			}
			if bt.partial == nil {
				bt.partial = make(map[int]error, len(pe.Failed))
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
	bt.err = err
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
		slog.Any("err", bt.firstErr),
	}
	msg := "commit failed"
	if panicked {
		msg = "commit panicked"
		if pe, ok := bt.err.(*PanicError); ok {
			attrs = append(attrs, slog.String("stack", string(pe.Stack)))
		}
	}
	b.logger.LogAttrs(context.Background(), slog.LevelError, msg, attrs...)
}
