package batch

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// The benchmarks commit to a function that does nothing, so that they
// measure the Batcher. They report items/s, counting only the items
// committed; run them with -benchmem, where allocs/op is per item offered.

func nopCommit(context.Context, []int) error { return nil }

// reportItems reports the rate of items committed, n of them, so that
// items a policy dropped do not count.
func reportItems(b *testing.B, n uint64) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkAdd adds from one goroutine.
func BenchmarkAdd(b *testing.B) {
	bt := New(nopCommit, WithMaxSize(1000), WithMaxWait(10*time.Millisecond))
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := bt.Add(ctx, i); err != nil {
			b.Fatalf("Add() = %v, want nil", err)
		}
	}
	if err := bt.Close(ctx); err != nil {
		b.Fatalf("Close() = %v, want nil", err)
	}
	reportItems(b, bt.Stats().Committed)
}

// BenchmarkAddParallel adds from 4 goroutines per CPU, with the issue's
// batch and queue sizes, under each full-queue policy.
func BenchmarkAddParallel(b *testing.B) {
	for _, p := range []FullPolicy{Block, Drop} {
		b.Run("policy="+p.String(), func(b *testing.B) {
			bt := New(nopCommit, WithMaxSize(1000), WithQueueSize(1000),
				WithMaxWait(10*time.Millisecond), WithFullPolicy(p))
			ctx := context.Background()
			b.ReportAllocs()
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					if err := bt.Add(ctx, i); err != nil {
						b.Errorf("Add() = %v, want nil", err)
						return
					}
				}
			})
			if err := bt.Close(ctx); err != nil {
				b.Fatalf("Close() = %v, want nil", err)
			}
			s := bt.Stats()
			reportItems(b, s.Committed)
			if p == Drop {
				b.ReportMetric(float64(s.Dropped)/float64(b.N), "dropped/op")
			}
		})
	}
}

// BenchmarkAddWait is group commit: callers each wait for their item's
// commit, which takes about 100µs, as a small database write does.
func BenchmarkAddWait(b *testing.B) {
	commit := func(context.Context, []int) error {
		time.Sleep(100 * time.Microsecond)
		return nil
	}
	for _, callers := range []int{16, 256} {
		b.Run(fmt.Sprintf("callers=%d", callers), func(b *testing.B) {
			bt := New(commit, WithMaxSize(1000), WithMaxWait(NoWait))
			ctx := context.Background()
			b.ReportAllocs()
			b.SetParallelism((callers + 1) / 2) // on 2 CPUs; approximate elsewhere
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					if err := bt.AddWait(ctx, i); err != nil {
						b.Errorf("AddWait() = %v, want nil", err)
						return
					}
				}
			})
			if err := bt.Close(ctx); err != nil {
				b.Fatalf("Close() = %v, want nil", err)
			}
			s := bt.Stats()
			reportItems(b, s.Committed)
			b.ReportMetric(float64(s.Added)/float64(max(s.Batches.Total(), 1)), "items/batch")
		})
	}
}
