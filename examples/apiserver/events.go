package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
)

// An Event is one analytics event, as POST /v1/events takes it.
type Event struct {
	ID   string
	Name string
	At   time.Time
	Data []byte // its dimensions: a JSON object, {} if none
}

// Events commits analytics events through a batch.Batcher: group commit.
// Each request waits for its own event's commit (AddWait), so its 202 means
// the event is stored, and the requests that arrive during one commit share
// the next: one transaction, one disk flush, for all of them.
//
// It is a component: Stop closes the batcher, which commits every event it
// accepted, and the graph stops it after the server (which feeds it) and
// before the store (which it writes to).
type Events struct {
	Store Store `inject:""`

	b *batch.Batcher[Event]
}

// Batching: commit as soon as the store is free (NoWait: no added
// latency), up to maxEventBatch events at once, as many commits at a time
// as the store has writers: one for SQLite, several for PostgreSQL.
const maxEventBatch = 512

func (e *Events) Start(ctx context.Context) error {
	commits := 1
	if w, ok := e.Store.(interface{ Writers() int }); ok {
		commits = max(1, w.Writers())
	}
	e.b = batch.New(e.Store.InsertEvents,
		batch.WithMaxSize(maxEventBatch),
		batch.WithMaxWait(batch.NoWait),
		batch.WithConcurrency(commits),
		batch.WithQueueSize(4*maxEventBatch),
	)
	return nil
}

// Stop commits the events accepted so far and refuses new ones.
func (e *Events) Stop(ctx context.Context) error { return e.b.Close(ctx) }

// Add stores ev and returns once it is committed, or why it was not.
// A full queue makes it wait, bounded by ctx: backpressure on the clients.
func (e *Events) Add(ctx context.Context, ev Event) error {
	return errs.Wrap(e.b.AddWait(ctx, ev))
}

// Stats reports the batcher's counters, for tests and the load figures.
func (e *Events) Stats() batch.Stats { return e.b.Stats() }

// decodeEvent parses the body of POST /v1/events: {"name": "signup",
// "dimensions": {...}}, dimensions optional. Other fields are refused.
func decodeEvent(body []byte) (Event, error) {
	m, err := decodeObject(body, "body")
	if err != nil {
		return Event{}, err
	}
	ev := Event{Data: []byte("{}")}
	for k, v := range m {
		switch k {
		case "name":
			if err := json.Unmarshal(v, &ev.Name); err != nil || !validName(ev.Name) {
				return Event{}, errInvalidEvent.with("name must be a string of letters, digits and _, starting with a letter, at most %d", maxNameLen)
			}
		case "dimensions":
			dims, err := decodeFields(v)
			if err != nil {
				return Event{}, errInvalidEvent.with("dimensions: %v", err)
			}
			ev.Data = encodeFields(dims)
		default:
			return Event{}, errInvalidEvent.with("unknown field %q: want name and dimensions", clip(k))
		}
	}
	if ev.Name == "" {
		return Event{}, errInvalidEvent.with("name is missing")
	}
	return ev, nil
}
