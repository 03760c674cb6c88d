package batch

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

// TestStressClose closes a Batcher while producers are adding, and checks
// that an item is committed once if Add accepted it and never otherwise.
func TestStressClose(t *testing.T) {
	for _, policy := range []FullPolicy{Block, Drop, Fail} {
		t.Run(policy.String(), func(t *testing.T) {
			const producers, perProd = 8, 2000
			var (
				mu   sync.Mutex
				seen = make(map[int]int)
			)
			b := New(func(_ context.Context, items []int) error {
				mu.Lock()
				defer mu.Unlock()
				for _, it := range items {
					seen[it]++
				}
				return nil
			}, WithMaxSize(16), WithQueueSize(32), WithMaxWait(20*time.Microsecond),
				WithConcurrency(2), WithFullPolicy(policy))

			accepted := make([][]int, producers)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for p := range producers {
				wg.Go(func() {
					<-start
					for i := range perProd {
						item := p*perProd + i
						err := b.Add(context.Background(), item)
						switch {
						case err == nil:
							accepted[p] = append(accepted[p], item)
						case errors.Is(err, ErrClosed), policy == Fail && errors.Is(err, ErrFull):
						default:
							t.Errorf("Add(%d) = %v, want nil, ErrClosed or ErrFull", item, err)
						}
					}
				})
			}
			close(start)
			closeOK(t, b) // races with the producers
			wg.Wait()

			s := b.Stats()
			n := 0
			for _, items := range accepted {
				for _, it := range items {
					n++
					if policy != Drop && seen[it] != 1 {
						t.Errorf("accepted item %d committed %d times, want 1", it, seen[it])
					}
				}
			}
			for it, c := range seen {
				if c != 1 {
					t.Errorf("item %d committed %d times, want 1", it, c)
				}
			}
			if uint64(len(seen)) != s.Added || s.Committed != s.Added {
				t.Errorf("Stats() Added, Committed = %d, %d, want both %d (items committed)", s.Added, s.Committed, len(seen))
			}
			if got := s.Added + s.Dropped; got != uint64(n) {
				t.Errorf("Stats() Added+Dropped = %d, want %d (Add returned nil)", got, n)
			}
			checkBalance(t, s)
		})
	}
}
