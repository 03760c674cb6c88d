package batch

import (
	"context"
	"slices"
	"sync"
	"testing"
)

// recorder is a commit func that keeps a copy of every batch it is given.
// If gate is set, each commit first waits for a value on it and returns
// that value as its error.
type recorder struct {
	gate chan error

	mu      sync.Mutex
	batches [][]int
	running int // commits in progress
	peak    int // the most commits in progress at once
}

func (r *recorder) commit(ctx context.Context, items []int) error {
	r.mu.Lock()
	r.running++
	r.peak = max(r.peak, r.running)
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.running--
		r.mu.Unlock()
	}()
	var err error
	if r.gate != nil {
		select {
		case err = <-r.gate:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	r.mu.Lock()
	r.batches = append(r.batches, slices.Clone(items))
	r.mu.Unlock()
	return err
}

// sizes returns the length of each recorded batch, in commit order.
func (r *recorder) sizes() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n []int
	for _, b := range r.batches {
		n = append(n, len(b))
	}
	return n
}

// items returns every committed item, in commit order.
func (r *recorder) items() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all []int
	for _, b := range r.batches {
		all = append(all, b...)
	}
	return all
}

// addN adds the items first, first+1, ..., first+n-1, failing t on error.
func addN(t *testing.T, b *Batcher[int], first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		if err := b.Add(context.Background(), i); err != nil {
			t.Fatalf("Add(%d) = %v, want nil", i, err)
		}
	}
}

// closeOK closes b, failing t on error.
func closeOK(t *testing.T, b *Batcher[int]) {
	t.Helper()
	if err := b.Close(context.Background()); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
}

// checkBalance checks the accounting identity of Stats.
func checkBalance(t *testing.T, s Stats) {
	t.Helper()
	if got := s.Committed + s.Failed + uint64(s.Queued+s.InFlight); got != s.Added {
		t.Errorf("Stats(): Committed+Failed+Queued+InFlight = %d, want Added = %d (%+v)", got, s.Added, s)
	}
}
