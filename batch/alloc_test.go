package batch

import (
	"context"
	"sync"
	"testing"
)

// TestAllocs checks that Add and AddWait allocate nothing per item: what
// they allocate is per batch (a commit goroutine, its context, a done
// channel), so the allocations of a batch do not grow with its size.
func TestAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("measures allocations")
	}
	nop := func(context.Context, []int) error { return nil }

	// perBatch returns the allocations made to fill and commit one batch
	// of n items, added by Add from one goroutine.
	addPerBatch := func(n int) float64 {
		b := New(nop, WithMaxSize(n), WithMaxWait(-1))
		defer b.Close(context.Background())
		run := func() {
			for range n {
				if err := b.Add(context.Background(), 1); err != nil {
					t.Errorf("Add() = %v, want nil", err)
				}
			}
		}
		run() // warm the pool
		return testing.AllocsPerRun(20, run)
	}
	// addWaitPerBatch is the same with n goroutines each calling AddWait
	// for one item of the batch.
	addWaitPerBatch := func(n int) float64 {
		b := New(nop, WithMaxSize(n), WithMaxWait(-1))
		defer b.Close(context.Background())
		start := make(chan struct{})
		done := make(chan error)
		var wg sync.WaitGroup
		defer wg.Wait()
		defer close(start)
		for range n {
			wg.Go(func() {
				for range start {
					done <- b.AddWait(context.Background(), 1)
				}
			})
		}
		run := func() {
			for range n {
				start <- struct{}{}
			}
			for range n {
				if err := <-done; err != nil {
					t.Errorf("AddWait() = %v, want nil", err)
				}
			}
		}
		run()
		return testing.AllocsPerRun(20, run)
	}

	tests := []struct {
		name     string
		perBatch func(n int) float64
	}{
		{"Add", addPerBatch},
		{"AddWait", addWaitPerBatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			small, large := tt.perBatch(10), tt.perBatch(500)
			t.Logf("%s: %.1f allocations per batch of 10 items, %.1f per batch of 500", tt.name, small, large)
			if large > small+1 || small > 10 {
				t.Errorf("%s() allocations per batch of 10, 500 items = %.1f, %.1f, want at most 10 and the same for both", tt.name, small, large)
			}
		})
	}
}
