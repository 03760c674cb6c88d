package batch

import "time"

// Stats is a snapshot of a [Batcher]'s counters, returned by
// [Batcher.Stats]. Item counts start at zero when the Batcher is created and
// only grow, except Queued and InFlight, which are gauges.
//
// Every accepted item is in exactly one of Committed, Failed, Queued and
// InFlight, so Added == Committed + Failed + uint64(Queued+InFlight).
// Dropped and Rejected items were never accepted and are not in Added.
type Stats struct {
	Added     uint64 // items accepted by Add and AddWait
	Dropped   uint64 // items discarded because the queue was full, under [Drop]
	Rejected  uint64 // items refused with [ErrFull] under [Fail]
	Committed uint64 // items whose commit succeeded
	Failed    uint64 // accepted items that failed: by commit error, panic, or Close giving up

	Queued   int // accepted items waiting for their commit to start
	InFlight int // items in commits running now

	Batches BatchCounts // finished commits, by what triggered them
	Panics  uint64      // commits that panicked

	CommitTime    time.Duration // time spent in finished commits, added up
	MaxCommitTime time.Duration // the longest finished commit
}

// BatchCounts counts finished commits by the trigger that formed their
// batch.
type BatchCounts struct {
	Size  uint64 // the batch reached [WithMaxSize]
	Bytes uint64 // the batch reached [WithMaxBytes]
	Time  uint64 // the batch's first item had waited [WithMaxWait] ([NoWait]: a commit could start)
	Flush uint64 // [Batcher.Flush] was called
	Close uint64 // [Batcher.Close] was called
}

// Total returns the number of finished commits.
func (c BatchCounts) Total() uint64 {
	return c.Size + c.Bytes + c.Time + c.Flush + c.Close
}

// A trigger is what formed a batch.
type trigger uint8

const (
	bySize trigger = iota
	byBytes
	byTime
	byFlush
	byClose
)

func (t trigger) String() string {
	switch t {
	case bySize:
		return "size"
	case byBytes:
		return "bytes"
	case byTime:
		return "time"
	case byFlush:
		return "flush"
	case byClose:
		return "close"
	}
	return "unknown"
}

// count adds one finished commit formed by t.
func (c *BatchCounts) count(t trigger) {
	switch t {
	case bySize:
		c.Size++
	case byBytes:
		c.Bytes++
	case byTime:
		c.Time++
	case byFlush:
		c.Flush++
	case byClose:
		c.Close++
	}
}
