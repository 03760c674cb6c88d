package batch

import (
	"context"
	"slices"
	"sync/atomic"
	"time"
)

// A batch is a group of items on its way to commit: open (being filled),
// sealed (waiting for a commit goroutine), in flight, then done.
//
// Batches are pooled. Callers that read a batch's result after it is done
// (AddWait, Flush, Close) hold a reference, so that it is not reused under
// them; the Batcher holds one from creation until the batch is done.
type batch[T any] struct {
	items   []T
	bytes   int       // sum of the items' sizes, with WithMaxBytes
	first   time.Time // when the first item was added, with a time trigger
	trigger trigger
	refs    atomic.Int32

	// done is closed once the fields below are final. It is made only when
	// somebody waits, so that batches nobody waits for cost no channel.
	done chan struct{}

	err      error         // the error of every item, when the whole batch failed; see itemErr
	partial  map[int]error // per-item errors, when a PartialError failed some items
	failed   int           // how many items failed
	firstErr error         // the error of the first failed item
}

// itemErr returns the result of item i. The batch must be done.
func (bt *batch[T]) itemErr(i int) error {
	if bt.partial != nil {
		return bt.partial[i]
	}
	return bt.err
}

// acquireLocked takes a reference for a caller that waits for the batch's
// result. The Batcher's lock must be held, and the batch not done.
func (bt *batch[T]) acquireLocked() {
	bt.refs.Add(1)
	if bt.done == nil {
		bt.done = make(chan struct{})
	}
}

// release drops a reference; the last one returns the batch to the pool.
func (b *Batcher[T]) release(bt *batch[T]) {
	if bt.refs.Add(-1) != 0 {
		return
	}
	clear(bt.items) // let the items be collected
	*bt = batch[T]{items: bt.items[:0]}
	b.pool.Put(bt)
}

// newBatch returns an empty batch holding the Batcher's reference.
func (b *Batcher[T]) newBatch() *batch[T] {
	bt := b.pool.Get().(*batch[T])
	bt.refs.Store(1)
	return bt
}

// appendLocked adds an item of size n to the open batch, opening one if
// needed, and returns the batch and the item's index in it. It seals the
// batch when a trigger fires.
func (b *Batcher[T]) appendLocked(item T, n int) (*batch[T], int) {
	bt := b.open
	if bt != nil && b.maxBytes > 0 && bt.bytes+n > b.maxBytes {
		b.sealLocked(byBytes)
		bt = nil
	}
	if bt == nil {
		bt = b.newBatch()
		b.open = bt
		if b.maxWait > NoWait {
			bt.first = time.Now()
			if b.timer == nil {
				b.timer = time.AfterFunc(b.maxWait, b.onTimer)
			} else {
				b.timer.Reset(b.maxWait)
			}
		}
	}
	bt.items = append(bt.items, item)
	bt.bytes += n
	i := len(bt.items) - 1
	b.queued++
	b.added++
	switch {
	case len(bt.items) >= b.maxSize:
		b.sealLocked(bySize)
	case b.maxBytes > 0 && bt.bytes >= b.maxBytes:
		b.sealLocked(byBytes)
	case b.maxWait == NoWait && b.running < b.concurrency:
		b.sealLocked(byTime)
	}
	return bt, i
}

// onTimer is the time trigger. It may run late or for a batch that is
// already gone, so it checks the open batch's age itself.
func (b *Batcher[T]) onTimer() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open == nil || b.closed {
		return
	}
	if wait := b.maxWait - time.Since(b.open.first); wait > 0 {
		b.timer.Reset(wait)
		return
	}
	b.sealLocked(byTime)
}

// sealLocked moves the open batch to the sealed queue and starts commit
// goroutines for it if there is room.
func (b *Batcher[T]) sealLocked(t trigger) {
	b.open.trigger = t
	b.sealed.push(b.open)
	b.open = nil
	b.startLocked()
}

// startLocked starts commit goroutines while there are free slots and
// batches to commit.
func (b *Batcher[T]) startLocked() {
	for b.running < b.concurrency {
		bt := b.nextLocked()
		if bt == nil {
			return
		}
		// Slots are made as goroutines need them, so that a huge
		// concurrency costs nothing up front.
		slot := slices.IndexFunc(b.cancels, func(c context.CancelCauseFunc) bool { return c == nil })
		if slot < 0 {
			slot = len(b.cancels)
			b.cancels = append(b.cancels, nil)
		}
		ctx, cancel := newCommitContext()
		b.cancels[slot] = cancel
		b.running++
		b.wg.Go(func() { b.work(ctx, slot, bt) })
	}
}

// nextLocked takes the next batch to commit, if any, and moves it in
// flight. With NoWait the open batch goes as soon as it can, without a
// timer: NoWait is the smallest wait, and any batch waiting for a slot has
// waited at least that long.
func (b *Batcher[T]) nextLocked() *batch[T] {
	bt := b.sealed.pop()
	if bt == nil {
		if b.maxWait != NoWait || b.open == nil || b.closed {
			return nil // after Close, an open batch is Close's to abort
		}
		bt, b.open = b.open, nil
		bt.trigger = byTime
	}
	b.inflight = append(b.inflight, bt)
	b.queued -= len(bt.items)
	b.wakeLocked()
	return bt
}

// wakeLocked wakes the callers waiting for room in the queue.
func (b *Batcher[T]) wakeLocked() {
	if b.space != nil {
		close(b.space)
		b.space = nil
	}
}

// pendingLocked returns every batch not yet done, with a reference taken on
// each for the caller to wait on. Callers seal the open batch first, unless
// it is to be aborted.
func (b *Batcher[T]) pendingLocked() []*batch[T] {
	n := b.sealed.len() + len(b.inflight)
	if b.open != nil {
		n++
	}
	if n == 0 {
		return nil
	}
	bts := make([]*batch[T], 0, n)
	bts = append(bts, b.inflight...)
	bts = b.sealed.appendTo(bts)
	if b.open != nil {
		bts = append(bts, b.open)
	}
	for _, bt := range bts {
		bt.acquireLocked()
	}
	return bts
}

// fifo is a queue of batches.
type fifo[T any] struct {
	buf  []*batch[T]
	head int
}

func (q *fifo[T]) len() int { return len(q.buf) - q.head }

func (q *fifo[T]) push(bt *batch[T]) {
	if q.head > 0 && q.head >= len(q.buf)/2 {
		// Reclaim the consumed front rather than grow forever.
		n := copy(q.buf, q.buf[q.head:])
		clear(q.buf[n:])
		q.buf = q.buf[:n]
		q.head = 0
	}
	q.buf = append(q.buf, bt)
}

func (q *fifo[T]) pop() *batch[T] {
	if q.head == len(q.buf) {
		return nil
	}
	bt := q.buf[q.head]
	q.buf[q.head] = nil
	q.head++
	if q.head == len(q.buf) {
		q.buf = q.buf[:0]
		q.head = 0
	}
	return bt
}

// appendTo appends the queued batches to bts, oldest first.
func (q *fifo[T]) appendTo(bts []*batch[T]) []*batch[T] {
	return append(bts, q.buf[q.head:]...)
}

// takeAll empties the queue and returns its batches, oldest first.
func (q *fifo[T]) takeAll() []*batch[T] {
	bts := q.appendTo(nil)
	clear(q.buf)
	q.buf = q.buf[:0]
	q.head = 0
	return bts
}
