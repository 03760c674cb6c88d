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
//
//	if err := b.Add(ctx, ev); err != nil {
//		return err // ErrClosed, ErrFull or ctx's error: ev was not queued
//	}
//	...
//	if err := b.Close(ctx); err != nil {
//		log.Print(err) // how many items failed or were not committed
//	}
//
// # Triggers
//
// A batch is committed when it holds [WithMaxSize] items, when it reaches
// [WithMaxBytes], when its first item has waited [WithMaxWait], on
// [Batcher.Flush] and on [Batcher.Close]. With [NoWait] a batch is
// committed as soon as a commit can start, and grows only while every
// commit slot is busy: group commit with no added latency. [Stats] counts
// commits by trigger. At most [WithConcurrency] commits run at a time; with
// one, the default, batches are committed in the order they were formed.
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
// recovered and becomes a [*PanicError] for each of the batch's items; a
// commit that calls runtime.Goexit fails them with [ErrGoexit]. AddWait
// returns its own item's result, so many concurrent callers share one
// commit (group commit).
//
// Every accepted item is committed exactly once or reported failed, to its
// AddWait caller and in [Stats]. This holds under concurrent Add, Flush and
// Close, and when Close's context ends before the work is done: Close then
// fails the items that never reached a commit, cancels the commits still
// running and returns an error counting what was not committed.
//
// # Retries
//
// A commit function must not call Add, AddWait, Flush or Close on its own
// Batcher: they wait for room in the queue or for commits, possibly for the
// very commit that calls them, and under [Block] a commit that re-adds its
// failed items into a full queue waits for itself forever. Retry inside
// commit instead, a bounded number of times and honouring ctx, which Close
// cancels when it gives up:
//
//	func(ctx context.Context, rows []Row) error {
//		err := store.Insert(ctx, rows)
//		for try := 1; try < 3 && isTransient(err); try++ {
//			select {
//			case <-ctx.Done():
//				return context.Cause(ctx)
//			case <-time.After(time.Duration(try) * 100 * time.Millisecond):
//			}
//			err = store.Insert(ctx, rows)
//		}
//		return err
//	}
//
// or let each AddWait caller whose item failed decide whether to add it
// again; that call comes from outside the commit and is safe.
//
// # Lifecycle
//
// A Batcher starts its goroutines only while it has batches to commit, and
// owns them: Close waits for them, unless its context ends first. Close then
// returns without waiting for the commits still running, whose goroutines
// exit as those commits return; a later Close waits for them. A Batcher has
// a Stop method equal to Close so that a lifecycle graph stops it after the
// components that feed it and before the ones its commit function uses.
//
// # Cost
//
// Add takes a mutex and appends to a slice: it allocates nothing per item,
// and neither does AddWait unless its item fails. Batches and their slices
// are reused, so the commit function must not keep the slice it is given.
// The Batcher logs nothing unless given a logger with [WithLogger].
package batch
