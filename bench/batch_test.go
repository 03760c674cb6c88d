package bench

// Benchmarks of batch against facebookgo/muster, the batcher lifekit's
// users run today.
//
// BenchmarkBatchAdd is the workload: 8 producers, batches of 1,000,
// a 10ms wait and a queue of 1,000 items, with b.N items in all. Each
// implementation commits to a function that counts the items, and the
// benchmark fails if the count is not b.N, so a figure is only reported
// for a run that lost nothing. The time includes draining at the end
// (Close, Stop). allocs/op is per item.
//
// BenchmarkBatchAddWait is group commit: callers each wait for the result
// of their own item, and a commit costs a fixed time (a sleep, as a
// database write waits for its disk). It reports items/s and the latency
// of one call at the 50th and 99th percentiles.

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/facebookgo/muster"

	"github.com/lifekit/lifekit/batch"
)

const (
	batchProducers = 8
	batchMaxSize   = 1000
	batchMaxWait   = 10 * time.Millisecond
	batchQueue     = 1000
)

// spread runs f(n) in each of producers goroutines, with n items each and
// total items in all, and returns once they have all returned. The
// goroutines start together.
func spread(producers, total int, f func(p, n int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for p := range producers {
		n := total / producers
		if p < total%producers {
			n++
		}
		wg.Go(func() {
			<-start
			f(p, n)
		})
	}
	close(start)
	wg.Wait()
}

// checkCount fails b unless the commits saw every item.
func checkCount(b *testing.B, committed *atomic.Int64) {
	b.Helper()
	if got := committed.Load(); got != int64(b.N) {
		b.Fatalf("items committed = %d, want %d", got, b.N)
	}
}

func reportRate(b *testing.B, elapsed time.Duration) {
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "items/s")
}

func BenchmarkBatchAdd(b *testing.B) {
	b.Run("impl=lifekit", func(b *testing.B) {
		var committed atomic.Int64
		bt := batch.New(func(_ context.Context, items []int) error {
			committed.Add(int64(len(items)))
			return nil
		}, batch.WithMaxSize(batchMaxSize), batch.WithMaxWait(batchMaxWait), batch.WithQueueSize(batchQueue))
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		spread(batchProducers, b.N, func(p, n int) {
			for i := range n {
				if err := bt.Add(ctx, p<<32|i); err != nil {
					b.Errorf("Add() = %v, want nil", err)
					return
				}
			}
		})
		if err := bt.Close(ctx); err != nil {
			b.Fatalf("Close() = %v, want nil", err)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		checkCount(b, &committed)
		reportRate(b, elapsed)
	})
	for _, m := range []struct {
		name     string
		capacity uint
	}{
		{"muster", batchQueue},
		{"muster-unbuffered", 0}, // muster's default
	} {
		b.Run("impl="+m.name, func(b *testing.B) {
			var committed atomic.Int64
			c := &muster.Client{
				MaxBatchSize:        batchMaxSize,
				BatchTimeout:        batchMaxWait,
				PendingWorkCapacity: m.capacity,
				BatchMaker: func() muster.Batch {
					return &musterBatch{committed: &committed, items: make([]int, 0, batchMaxSize)}
				},
			}
			if err := c.Start(); err != nil {
				b.Fatalf("Start() = %v, want nil", err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			spread(batchProducers, b.N, func(p, n int) {
				for i := range n {
					c.Work <- p<<32 | i
				}
			})
			if err := c.Stop(); err != nil {
				b.Fatalf("Stop() = %v, want nil", err)
			}
			elapsed := time.Since(start)
			b.StopTimer()
			checkCount(b, &committed)
			reportRate(b, elapsed)
		})
	}
}

// musterBatch is the muster.Batch a user writes for BenchmarkBatchAdd:
// it keeps the items in a typed slice and commits them by counting.
type musterBatch struct {
	committed *atomic.Int64
	items     []int
}

func (m *musterBatch) Add(item any) { m.items = append(m.items, item.(int)) }

func (m *musterBatch) Fire(n muster.Notifier) {
	m.committed.Add(int64(len(m.items)))
	n.Done()
}

// groupCommitCost is what one commit of BenchmarkBatchAddWait costs,
// whatever its size. The sleep takes longer than this on most machines;
// it is the same for every implementation.
const (
	groupCommitCost    = 100 * time.Microsecond
	groupCommitCallers = 256
)

func groupCommit() { time.Sleep(groupCommitCost) }

// latencies records the duration of each call, one slice per caller,
// allocated before the timer starts.
type latencies [][]time.Duration

func newLatencies(callers, total int) latencies {
	l := make(latencies, callers)
	for p := range l {
		l[p] = make([]time.Duration, 0, total/callers+1)
	}
	return l
}

// report adds the 50th and 99th percentiles to b's metrics.
func (l latencies) report(b *testing.B) {
	all := slices.Concat(l...)
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	at := func(q float64) float64 { return float64(all[int(q*float64(len(all)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
}

func BenchmarkBatchAddWait(b *testing.B) {
	for _, l := range []struct {
		name string
		wait time.Duration
	}{
		{"lifekit", batch.NoWait}, // group commit as soon as the commit slot is free
		{"lifekit-wait10ms", batchMaxWait},
	} {
		b.Run("impl="+l.name, func(b *testing.B) {
			var committed atomic.Int64
			bt := batch.New(func(_ context.Context, items []int) error {
				groupCommit()
				committed.Add(int64(len(items)))
				return nil
			}, batch.WithMaxSize(batchMaxSize), batch.WithMaxWait(l.wait), batch.WithQueueSize(batchQueue))
			ctx := context.Background()
			lat := newLatencies(groupCommitCallers, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			spread(groupCommitCallers, b.N, func(p, n int) {
				for i := range n {
					t0 := time.Now()
					if err := bt.AddWait(ctx, i); err != nil {
						b.Errorf("AddWait() = %v, want nil", err)
						return
					}
					lat[p] = append(lat[p], time.Since(t0))
				}
			})
			elapsed := time.Since(start)
			b.StopTimer()
			s := bt.Stats()
			b.ReportMetric(float64(s.Added)/float64(max(s.Batches.Total(), 1)), "items/batch")
			if err := bt.Close(ctx); err != nil {
				b.Fatalf("Close() = %v, want nil", err)
			}
			checkCount(b, &committed)
			reportRate(b, elapsed)
			lat.report(b)
		})
	}
	b.Run("impl=muster", func(b *testing.B) {
		// With muster, each item carries a channel for its result.
		var committed atomic.Int64
		c := &muster.Client{
			MaxBatchSize:        batchMaxSize,
			BatchTimeout:        batchMaxWait,
			PendingWorkCapacity: batchQueue,
			BatchMaker: func() muster.Batch {
				return &musterWaitBatch{committed: &committed, items: make([]musterWaitItem, 0, batchMaxSize)}
			},
		}
		if err := c.Start(); err != nil {
			b.Fatalf("Start() = %v, want nil", err)
		}
		lat := newLatencies(groupCommitCallers, b.N)
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		spread(groupCommitCallers, b.N, func(p, n int) {
			for i := range n {
				t0 := time.Now()
				done := make(chan error, 1)
				c.Work <- musterWaitItem{v: i, done: done}
				if err := <-done; err != nil {
					b.Errorf("muster item = %v, want nil", err)
					return
				}
				lat[p] = append(lat[p], time.Since(t0))
			}
		})
		elapsed := time.Since(start)
		b.StopTimer()
		c.Stop()
		checkCount(b, &committed)
		reportRate(b, elapsed)
		lat.report(b)
	})
}

type musterWaitItem struct {
	v    int
	done chan error
}

type musterWaitBatch struct {
	committed *atomic.Int64
	items     []musterWaitItem
}

func (m *musterWaitBatch) Add(item any) { m.items = append(m.items, item.(musterWaitItem)) }

func (m *musterWaitBatch) Fire(n muster.Notifier) {
	defer n.Done()
	groupCommit()
	m.committed.Add(int64(len(m.items)))
	for _, it := range m.items {
		it.done <- nil
	}
}
