package batch

import (
	"context"
	"log/slog"

	"github.com/lifekit/lifekit/errs"
)

// Flush commits every item queued before the call, without waiting for
// their batch to fill up, and waits for those commits and any already
// running. It returns nil when all of them succeeded; otherwise an error
// that counts the failed items and wraps the first one's error.
//
// If ctx ends first, Flush returns ctx's error; the items are still
// committed. Flush returns [ErrClosed] once Close has begun.
func (b *Batcher[T]) Flush(ctx context.Context) error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return ErrClosed
	}
	if b.open != nil {
		b.sealLocked(byFlush)
	}
	bts := b.pendingLocked()
	b.mu.Unlock()
	if err := b.wait(ctx, bts); err != nil {
		b.tally(bts)
		return err
	}
	return b.tally(bts).err("flush")
}

// Close stops the Batcher from accepting items, commits every item it
// accepted and waits for those commits, then for its goroutines to exit.
// Add and AddWait return [ErrClosed] from the moment Close begins, including
// callers blocked on a full queue.
//
// It returns nil when every commit succeeded, and otherwise an error that
// counts the items that failed and wraps the first one's error.
//
// If ctx ends first, Close gives up on the work left, so that a shutdown
// has a bound: items that had not reached a commit are failed, with an
// error wrapping ErrClosed and ctx's error, reported to their AddWait
// callers and counted in [Stats].Failed; commits still running have their
// context cancelled, and report their own result when they return. Close
// then returns without waiting for them, an error wrapping ctx's error that
// says how many items were not committed. None is lost silently. If every
// item turns out committed all the same, because ctx ended only as the last
// commits returned, Close returns as if ctx had not ended.
//
// Close may be called more than once and concurrently; a later call waits
// for the commits still running, if any.
func (b *Batcher[T]) Close(ctx context.Context) error {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		// With ctx already ended, no new commit starts: abort below fails
		// the open batch with the rest.
		if b.open != nil && ctx.Err() == nil {
			b.sealLocked(byClose)
		}
		if b.timer != nil {
			b.timer.Stop()
		}
		b.wakeLocked()
	}
	bts := b.pendingLocked()
	b.mu.Unlock()
	err := b.wait(ctx, bts)
	gaveUp := false
	if err != nil {
		b.step(beforeAbort)
		gaveUp = b.abort(err)
		b.step(afterAbort)
	}
	t := b.tally(bts)
	if t.running > 0 {
		return errs.Errorf("batch: close: %d items not committed, %d of them in commits still running: %w", t.failed+t.running, t.running, err)
	}
	// Every batch is done, so the goroutines have nothing left to do.
	b.wg.Wait()
	// The last commits may have ended between wait's return and abort, or
	// ended well although abort cancelled them: Close then lost nothing,
	// and reports as if ctx had not ended.
	if gaveUp && t.failed > 0 {
		return errs.Errorf("batch: close: %d items not committed: %w", t.failed, err)
	}
	return t.err("close")
}

// Stop is Close, under the name a lifecycle graph calls, so that a Batcher
// registered as a component is closed in dependency order.
func (b *Batcher[T]) Stop(ctx context.Context) error {
	return b.Close(ctx)
}

// A closeStep is a point in Close at which a commit may return while Close
// gives up on it; see the Batcher's closeHook field.
type closeStep int

const (
	beforeAbort closeStep = iota // ctx has ended; the running commits are not yet cancelled
	afterAbort                   // the running commits are cancelled; Close has not yet counted them
)

// step calls the test hook, if any, at step s of Close.
func (b *Batcher[T]) step(s closeStep) {
	if b.closeHook != nil {
		b.closeHook(s)
	}
}

// wait waits until every batch in bts is done, and returns ctx's error if
// it ends first.
func (b *Batcher[T]) wait(ctx context.Context, bts []*batch[T]) error {
	for _, bt := range bts {
		select {
		case <-bt.done:
			continue
		default:
		}
		select {
		case <-bt.done:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	return nil
}

// abort gives up on the batches that have not reached a commit, failing
// their items with an error that wraps cause, and cancels the running
// commits. It reports whether there was anything to give up on: items to
// fail or commits to cancel.
func (b *Batcher[T]) abort(cause error) (gaveUp bool) {
	err := errs.Errorf("%w before commit: %w", ErrClosed, cause)
	b.mu.Lock()
	left := b.sealed.takeAll()
	if b.open != nil {
		left = append(left, b.open)
		b.open = nil
	}
	failed := 0
	for _, bt := range left {
		bt.settle(err, true)
		b.queued -= len(bt.items)
		failed += len(bt.items)
		b.completeLocked(bt)
	}
	gaveUp = failed > 0 || b.running > 0
	for _, cancel := range b.cancels {
		if cancel != nil {
			cancel(err)
		}
	}
	b.wakeLocked()
	b.mu.Unlock()
	for _, bt := range left {
		b.release(bt)
	}
	if b.logger != nil && failed > 0 {
		b.logger.LogAttrs(context.Background(), slog.LevelError, "close gave up",
			slog.Int("items", failed), slog.Any("err", err))
	}
	return gaveUp
}

// A summary is the outcome of the batches a Flush or Close waited for.
type summary struct {
	items, failed int
	running       int // items in batches that were not done
	first         error
}

// tally sums the outcome of bts and drops the references taken on them.
func (b *Batcher[T]) tally(bts []*batch[T]) summary {
	var s summary
	for _, bt := range bts {
		select {
		case <-bt.done:
			s.items += len(bt.items)
			s.failed += bt.failed
			if s.first == nil {
				s.first = bt.firstErr
			}
		default:
			s.running += len(bt.items) // safe unlocked: a sealed batch's items no longer change
		}
		b.release(bt)
	}
	return s
}

// err returns nil if no item failed, and otherwise an error for op that
// counts the failures and wraps the first.
func (s summary) err(op string) error {
	if s.failed == 0 {
		return nil
	}
	return errs.Errorf("batch: %s: %d of %d items failed: %w", op, s.failed, s.items, s.first)
}
