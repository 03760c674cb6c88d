// Package batch groups items into batches by size, bytes and time, and
// commits each batch with one call, so that a service writes a thousand rows
// in one statement or ships a thousand log lines in one request.
//
// A [Batcher] is created with [New] and a commit function, and fed with
// [Batcher.Add] (queue and return) or [Batcher.AddWait] (queue and wait for
// the item's own result):
//
//	b := batch.New(func(ctx context.Context, events []Event) error {
//		return store.InsertEvents(ctx, events)
//	}, batch.WithMaxSize(500), batch.WithMaxWait(50*time.Millisecond))
//	defer b.Close(ctx)
//
//	err := b.Add(ctx, ev)
//
// # Triggers
//
// A batch is committed when it holds [WithMaxSize] items, when it reaches
// [WithMaxBytes], when its first item has waited [WithMaxWait], on
// [Batcher.Flush] and on [Batcher.Close]. [Stats] counts commits by
// trigger. At most [WithConcurrency] commits run at a time; with one, the
// default, batches are committed in the order they were formed.
//
// # Backpressure
//
// Accepted items wait in a bounded queue ([WithQueueSize]) until their
// commit starts. When it is full, the [FullPolicy] decides: [Block] waits
// for room (honouring ctx), [Drop] discards the item and counts it, [Fail]
// returns [ErrFull]. After Close every Add returns [ErrClosed]; nothing
// panics.
//
// # Results
//
// A commit function returns nil, a [*PartialError] naming the items that
// failed, or any other error to fail the whole batch. A panic in commit is
// recovered and becomes a [*PanicError] for each of the batch's items.
// AddWait returns its own item's result, so many concurrent callers share
// one commit (group commit).
//
// Every accepted item is committed exactly once or reported failed, to its
// AddWait caller and in [Stats]. This holds under concurrent Add, Flush and
// Close, and when Close's context ends before the work is done: Close then
// fails the items that never reached a commit, cancels the commits still
// running and returns an error counting what was not committed.
//
// # Lifecycle
//
// A Batcher starts its goroutines only while it has batches to commit, and
// owns them: Close waits for them. It has a Stop method equal to Close so
// that a lifecycle graph stops it after the components that feed it and
// before the ones its commit function uses.
//
// # Cost
//
// Add takes a mutex and appends to a slice: it allocates nothing per item,
// and neither does AddWait unless its item fails. Batches and their slices
// are reused, so the commit function must not keep the slice it is given.
// The Batcher logs nothing unless given a logger with [WithLogger].
package batch
