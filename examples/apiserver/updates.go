package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
)

// Updates applies the updates of PUT /v1/classes/{class}/{id}. On a store
// with one writer (SQLite), where every write waits for the one before it
// and each commit is a disk flush, it commits them as Creates does the
// creates: each request waits for its own update's commit (AddWait), so
// its 200 means the change is stored, and the updates that arrive during
// one commit share the next transaction, applied in turn, one flush for
// all. An update that fails on its own (no such object, an operation that
// does not fit the field) fails alone; the others commit.
//
// On a store with several writers (PostgreSQL), which applies most
// updates in one statement and whose transactions would hold each other's
// rows, each update goes straight to the store, and so does one made in a
// batch's transaction.
//
// It is a component: Stop commits the updates it accepted and refuses new
// ones, after the server (which feeds it) and before the store.
type Updates struct {
	Store Store `inject:""`

	b *batch.Batcher[*pendingUpdate] // nil: straight to the store
}

// A pendingUpdate is one update waiting for its group's commit, and then
// its result.
type pendingUpdate struct {
	class, id string
	fields    map[string]json.RawMessage
	at        time.Time
	object    *Object // set by the commit
}

// maxUpdateBatch bounds the updates of one commit.
const maxUpdateBatch = 64

func (u *Updates) Start(ctx context.Context) error {
	if w, ok := u.Store.(interface{ Writers() int }); !ok || w.Writers() != 1 {
		return nil
	}
	u.b = batch.New(u.commit,
		batch.WithMaxSize(maxUpdateBatch),
		batch.WithMaxWait(batch.NoWait), // commit as soon as the writer is free
		batch.WithConcurrency(1),
		batch.WithQueueSize(4*maxUpdateBatch),
	)
	return nil
}

// Stop commits the updates accepted so far and refuses new ones.
func (u *Updates) Stop(ctx context.Context) error {
	if u.b == nil {
		return nil
	}
	return u.b.Close(ctx)
}

// Update is Store.Update, through a shared commit where there is one. A
// full queue makes it wait, bounded by ctx.
func (u *Updates) Update(ctx context.Context, class, id string, fields map[string]json.RawMessage, at time.Time) (*Object, error) {
	if u.b == nil || txFrom(ctx) != nil {
		return u.Store.Update(ctx, class, id, fields, at)
	}
	p := &pendingUpdate{class: class, id: id, fields: fields, at: at}
	if err := u.b.AddWait(ctx, p); err != nil {
		if errors.Is(err, batch.ErrClosed) {
			return nil, errUnavailable
		}
		return nil, errs.Wrap(err)
	}
	return p.object, nil
}

// commit applies ps in order in one transaction. An update that fails
// before it writes (errNoObject, or an *apiError of its operation) is named
// in a *batch.PartialError and the others commit; any other error fails
// them all, and nothing of them stays.
func (u *Updates) commit(ctx context.Context, ps []*pendingUpdate) error {
	var failed map[int]error
	err := u.Store.InTx(ctx, func(ctx context.Context) error {
		for i, p := range ps {
			o, err := u.Store.Update(ctx, p.class, p.id, p.fields, p.at)
			var ae *apiError
			switch {
			case err == nil:
				p.object = o
			case errors.Is(err, errNoObject) || errors.As(err, &ae):
				if failed == nil {
					failed = make(map[int]error)
				}
				failed[i] = err
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed != nil {
		return &batch.PartialError{Failed: failed}
	}
	return nil
}

// Stats reports the batcher's counters (zero on a store without one), for
// tests and the load figures.
func (u *Updates) Stats() batch.Stats {
	if u.b == nil {
		return batch.Stats{}
	}
	return u.b.Stats()
}
