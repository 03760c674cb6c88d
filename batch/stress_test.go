package batch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ledger is a commit func that counts every item it is given, fails items
// divisible by 97 through a PartialError, and panics on a batch holding an
// item divisible by 1009. It records each item's fate.
type ledger struct {
	mu     sync.Mutex
	seen   map[int]int  // item -> times given to commit
	failed map[int]bool // item -> failed
}

func newLedger() *ledger {
	return &ledger{seen: make(map[int]int), failed: make(map[int]bool)}
}

func (l *ledger) commit(_ context.Context, items []int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	explode := false
	for _, it := range items {
		l.seen[it]++
		explode = explode || it%1009 == 0
	}
	if explode {
		for _, it := range items {
			l.failed[it] = true
		}
		panic(fmt.Sprintf("batch of %d", len(items)))
	}
	var failed map[int]error
	for i, it := range items {
		if it%97 == 0 {
			if failed == nil {
				failed = make(map[int]error)
			}
			failed[i] = errOdd
			l.failed[it] = true
		}
	}
	if failed != nil {
		return &PartialError{Failed: failed}
	}
	return nil
}

// TestStress runs many producers against a Batcher with every trigger,
// per-item failures, panics and concurrent Flush, and checks that every
// item reaches commit exactly once and each AddWait caller gets its own
// item's result.
func TestStress(t *testing.T) {
	const (
		producers = 8
		perProd   = 3000
	)
	l := newLedger()
	b := New(l.commit,
		WithMaxSize(50), WithQueueSize(120), WithMaxWait(50*time.Microsecond),
		WithMaxBytes(250, func(n int) int { return n % 11 }),
		WithConcurrency(3))

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		waitErrs = make(map[int]error)
	)
	stopFlush := make(chan struct{})
	flushed := make(chan struct{})
	go func() {
		defer close(flushed)
		for {
			select {
			case <-stopFlush:
				return
			default:
			}
			if err := b.Flush(context.Background()); err != nil && !errors.Is(err, errOdd) && !errors.As(err, new(*PanicError)) {
				t.Errorf("Flush() = %v, want nil or an item's error", err)
			}
		}
	}()
	for p := range producers {
		wg.Go(func() {
			for i := range perProd {
				item := p*perProd + i
				if item%10 == 0 {
					err := b.AddWait(context.Background(), item)
					mu.Lock()
					waitErrs[item] = err
					mu.Unlock()
					continue
				}
				if err := b.Add(context.Background(), item); err != nil {
					t.Errorf("Add(%d) = %v, want nil", item, err)
				}
			}
		})
	}
	wg.Wait()
	close(stopFlush)
	<-flushed
	b.Close(context.Background())

	const total = producers * perProd
	if len(l.seen) != total {
		t.Errorf("distinct items committed = %d, want %d", len(l.seen), total)
	}
	for it, n := range l.seen {
		if n != 1 {
			t.Errorf("item %d committed %d times, want 1", it, n)
		}
	}
	for it, err := range waitErrs {
		if (err != nil) != l.failed[it] {
			t.Errorf("AddWait(%d) = %v, want an error: %t", it, err, l.failed[it])
		}
	}
	s := b.Stats()
	if s.Added != total || s.Failed != uint64(len(l.failed)) || s.Committed != total-uint64(len(l.failed)) {
		t.Errorf("Stats() Added, Committed, Failed = %d, %d, %d, want %d, %d, %d",
			s.Added, s.Committed, s.Failed, total, total-len(l.failed), len(l.failed))
	}
	// Which triggers fire depends on timing (TestTriggers checks each);
	// panics do not: items 0, 1009, ... make some.
	if s.Panics == 0 {
		t.Errorf("Stats().Panics = 0, want some (%+v)", s)
	}
	checkBalance(t, s)
}

// closeLedger is the commit func of TestStressClose. It records how many
// times each item reached commit and which ones it committed; fails items
// divisible by 97 through a PartialError; panics on a batch holding an item
// divisible by 1009 and calls runtime.Goexit on one holding an item
// divisible by 499. It closes ready once it has seen n items. With stuck
// set, every commit after that blocks until release is closed, and those of
// batches starting with an even item return early with ctx's error if ctx
// is cancelled first.
type closeLedger struct {
	n       int
	stuck   bool
	ready   chan struct{}
	release chan struct{}
	blocked atomic.Int32 // commits that blocked

	mu        sync.Mutex
	seen      map[int]int
	committed map[int]bool
	total     int
}

func (l *closeLedger) commit(ctx context.Context, items []int) error {
	l.mu.Lock()
	block := l.stuck && l.total >= l.n
	for _, it := range items {
		l.seen[it]++
	}
	if l.total < l.n && l.total+len(items) >= l.n {
		close(l.ready)
	}
	l.total += len(items)
	l.mu.Unlock()
	if block {
		l.blocked.Add(1)
		if items[0]%2 == 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-l.release:
			}
		} else {
			<-l.release // a commit that does not honour its ctx
		}
	}
	for _, it := range items {
		switch {
		case it%1009 == 0:
			panic(fmt.Sprintf("batch of %d", len(items)))
		case it%499 == 0:
			runtime.Goexit()
		}
	}
	failed := make(map[int]error)
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, it := range items {
		if it%97 == 0 {
			failed[i] = errOdd
			continue
		}
		l.committed[it] = true
	}
	return &PartialError{Failed: failed}
}

// itemFailure reports whether err is an error commit gives items.
func itemFailure(err error) bool {
	return errors.Is(err, errOdd) || errors.Is(err, ErrGoexit) || errors.As(err, new(*PanicError)) ||
		errors.Is(err, context.Canceled)
}

// TestStressClose closes a Batcher once it has committed some items while
// producers still add to it, with Add and AddWait, under each full-queue
// policy, and checks each item's fate: an item is committed at most once;
// AddWait returns nil only for an item committed, and an error wrapping
// ErrClosed only for one that never reached commit; Close with no deadline
// commits every accepted item; Close with a deadline fails what it gives up
// on, and says so; Stats account for every item offered.
func TestStressClose(t *testing.T) {
	const rounds = 20
	modes := []struct {
		name     string
		stuck    bool // commits block once Close is due
		deadline func() time.Duration
	}{
		{"close", false, nil},
		// From already ended to about the time the queue takes to drain.
		{"deadline", false, func() time.Duration { return rand.N(100 * time.Microsecond) }},
		{"stuck", true, func() time.Duration { return 10 * time.Millisecond }},
	}
	configs := [][]Option{
		{WithMaxSize(16), WithQueueSize(32), WithMaxWait(20 * time.Microsecond), WithConcurrency(2)},
		{WithMaxSize(5), WithQueueSize(10), WithMaxWait(NoWait), WithConcurrency(3)},
		// No time trigger: a batch must fill up even when every producer
		// waits in AddWait, so it holds fewer items than there are producers.
		{WithMaxSize(stressProducers - 1), WithQueueSize(64), WithMaxWait(-1), WithConcurrency(1)},
	}
	for pi, policy := range []FullPolicy{Block, Drop, Fail} {
		for mi, mode := range modes {
			t.Run(policy.String()+"/"+mode.name, func(t *testing.T) {
				gaveUp := 0 // rounds where the first Close gave up
				for r := range rounds {
					opts := slices.Concat(configs[(pi+mi+r)%len(configs)], []Option{WithFullPolicy(policy)})
					deadline := time.Duration(-1)
					if mode.deadline != nil {
						deadline = mode.deadline()
					}
					if stressClose(t, policy, mode.stuck, deadline, opts) {
						gaveUp++
					}
					if t.Failed() {
						t.Fatalf("round %d failed: deadline %v, options %d", r, deadline, (pi+mi+r)%len(configs))
					}
				}
				t.Logf("the first Close gave up in %d of %d rounds", gaveUp, rounds)
			})
		}
	}
}

const stressProducers = 6

// stressClose is one round of TestStressClose. The first Close has the
// deadline given, unless it is negative; the last has none. It reports
// whether the first Close gave up.
func stressClose(t *testing.T, policy FullPolicy, stuck bool, deadline time.Duration, opts []Option) (gaveUp bool) {
	t.Helper()
	const (
		perProd = 600
		n       = 300 // items committed before Close
	)
	l := &closeLedger{
		n: n, stuck: stuck,
		ready: make(chan struct{}), release: make(chan struct{}),
		seen: make(map[int]int), committed: make(map[int]bool),
	}
	b := New(l.commit, opts...)

	type call struct {
		item int
		wait bool // AddWait, not Add
		err  error
	}
	calls := make([][]call, stressProducers)
	var wg sync.WaitGroup
	for p := range stressProducers {
		wg.Go(func() {
			for i := range perProd {
				c := call{item: p*perProd + i, wait: i%3 == 0}
				if c.wait {
					c.err = b.AddWait(context.Background(), c.item)
				} else {
					c.err = b.Add(context.Background(), c.item)
				}
				calls[p] = append(calls[p], c)
				if c.err == ErrClosed {
					return // refused: Close has begun
				}
			}
		})
	}
	produced := make(chan struct{})
	go func() { wg.Wait(); close(produced) }()
	// Close once n items were committed, or all were offered if the
	// policy dropped too many for that.
	select {
	case <-l.ready:
	case <-produced:
	}

	var first error
	if deadline >= 0 {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		first = b.Close(ctx)
		cancel()
	}
	close(l.release)
	last := b.Close(context.Background())
	<-produced

	switch {
	case deadline < 0:
		if last != nil && !itemFailure(last) {
			t.Errorf("Close() = %v, want nil or an item's error", last)
		}
	case errors.Is(first, context.DeadlineExceeded):
		if strings.Contains(first.Error(), "close: 0 items") {
			t.Errorf("Close(deadline) = %v, want it to count the items not committed", first)
		}
	case l.blocked.Load() > 0:
		t.Errorf("Close(deadline) = %v with a commit blocked, want %v", first, context.DeadlineExceeded)
	case first != nil && !itemFailure(first):
		t.Errorf("Close(deadline) = %v, want nil, an item's error or %v", first, context.DeadlineExceeded)
	}
	if last != nil && !itemFailure(last) {
		t.Errorf("last Close() = %v, want nil or an item's error", last)
	}
	s := b.Stats()
	if s.Queued != 0 || s.InFlight != 0 {
		t.Errorf("Stats() Queued, InFlight = %d, %d after Close, want 0, 0", s.Queued, s.InFlight)
	}
	checkBalance(t, s)
	if got := uint64(len(l.committed)); s.Committed != got {
		t.Errorf("Stats().Committed = %d, want %d (items commit committed)", s.Committed, got)
	}
	for it, c := range l.seen {
		if c != 1 {
			t.Errorf("item %d reached commit %d times, want 1", it, c)
		}
	}
	var offered, refused, givenUp uint64
	for _, cs := range calls {
		for _, c := range cs {
			offered++
			seen := l.seen[c.item]
			switch {
			case c.err == ErrClosed:
				refused++
				fallthrough
			case errors.Is(c.err, ErrFull):
				if seen != 0 {
					t.Errorf("item %d refused with %v reached commit", c.item, c.err)
				}
			case !c.wait:
				// Add accepted the item, or dropped it under Drop.
				if deadline < 0 && policy != Drop && seen != 1 {
					t.Errorf("Add(%d) = nil, then Close() with no deadline did not commit it", c.item)
				}
			case c.err == nil:
				if !l.committed[c.item] {
					t.Errorf("AddWait(%d) = nil for an item not committed (reached commit %d times)", c.item, seen)
				}
			case errors.Is(c.err, ErrClosed):
				givenUp++
				if deadline < 0 || seen != 0 {
					t.Errorf("AddWait(%d) = %v, after it reached commit %d times, Close deadline %v", c.item, c.err, seen, deadline)
				}
			default:
				if seen != 1 || l.committed[c.item] || !itemFailure(c.err) {
					t.Errorf("AddWait(%d) = %v for an item committed: %t, want an item's error for a failed item",
						c.item, c.err, l.committed[c.item])
				}
			}
		}
	}
	// Every call not refused was counted once: accepted, dropped or
	// rejected. Accepted items that never reached commit were given up on
	// by Close, and counted failed (checkBalance).
	if got, want := s.Added+s.Dropped+s.Rejected, offered-refused; got != want {
		t.Errorf("Stats() Added+Dropped+Rejected = %d, want %d (calls not refused)", got, want)
	}
	abandoned := int64(s.Added) - int64(len(l.seen))
	if abandoned < int64(givenUp) || (deadline < 0 && abandoned != 0) {
		t.Errorf("items accepted but never committed = %d, want at least the %d AddWait given up, and 0 with no Close deadline",
			abandoned, givenUp)
	}
	return errors.Is(first, context.DeadlineExceeded)
}
