package main

import (
	"context"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
)

// Creates commits the objects of POST /v1/classes/{class} through a
// batch.Batcher, as Events does the events: each request waits for its own
// object's commit (AddWait), so its 201 means the object is stored, and the
// requests that arrive during one commit share the next: one transaction,
// one disk flush, for all of them (group commit).
//
// It is a component: Stop closes the batcher, which commits every object
// it accepted, and the graph stops it after the server (which feeds it)
// and before the store (which it writes to).
type Creates struct {
	Store Store `inject:""`

	b *batch.Batcher[*Object]
}

// maxCreateBatch bounds the objects of one commit.
const maxCreateBatch = 256

func (c *Creates) Start(ctx context.Context) error {
	commits := 1
	if w, ok := c.Store.(interface{ Writers() int }); ok {
		commits = max(1, w.Writers())
	}
	c.b = batch.New(c.Store.CreateMany,
		batch.WithMaxSize(maxCreateBatch),
		batch.WithMaxWait(batch.NoWait), // commit as soon as the store is free: no added latency
		batch.WithConcurrency(commits),
		batch.WithQueueSize(4*maxCreateBatch),
	)
	return nil
}

// Stop commits the objects accepted so far and refuses new ones.
func (c *Creates) Stop(ctx context.Context) error { return c.b.Close(ctx) }

// Add stores o, giving it its id, and returns once it is committed, or why
// it was not. A full queue makes it wait, bounded by ctx: backpressure on
// the clients. In a batch's transaction (Store.InTx), o goes straight into
// it, to commit with the batch.
func (c *Creates) Add(ctx context.Context, o *Object) error {
	if txFrom(ctx) != nil {
		return c.Store.Create(ctx, o)
	}
	return errs.Wrap(c.b.AddWait(ctx, o))
}

// Stats reports the batcher's counters, for tests and the load figures.
func (c *Creates) Stats() batch.Stats { return c.b.Stats() }
