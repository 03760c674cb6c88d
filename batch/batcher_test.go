package batch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestTriggers(t *testing.T) {
	size := func(n int) int { return n }
	tests := []struct {
		name  string
		opts  []Option
		run   func(t *testing.T, b *Batcher[int])
		want  []int // batch sizes, in commit order
		count BatchCounts
	}{
		{
			name: "size",
			opts: []Option{WithMaxSize(3), WithMaxWait(time.Hour)},
			run:  func(t *testing.T, b *Batcher[int]) { addN(t, b, 0, 7) },
			want: []int{3, 3}, count: BatchCounts{Size: 2},
		},
		{
			name: "size one",
			opts: []Option{WithMaxSize(1), WithMaxWait(time.Hour)},
			run:  func(t *testing.T, b *Batcher[int]) { addN(t, b, 0, 3) },
			want: []int{1, 1, 1}, count: BatchCounts{Size: 3},
		},
		{
			name: "bytes",
			// 4+4 then 4 would be 12 > 10: sealed before it; 4+6 reaches 10;
			// 20 is over the bound alone and goes alone.
			opts: []Option{WithMaxBytes(10, size), WithMaxSize(100), WithMaxWait(time.Hour)},
			run: func(t *testing.T, b *Batcher[int]) {
				for _, n := range []int{4, 4, 4, 6, 20, 1} {
					if err := b.Add(context.Background(), n); err != nil {
						t.Fatalf("Add(%d) = %v, want nil", n, err)
					}
				}
			},
			want: []int{2, 2, 1}, count: BatchCounts{Bytes: 3},
		},
		{
			name: "bytes negative size",
			// A negative size counts as 0 and does not make room: -100, 6
			// is 6; 6 more would be 12 > 10.
			opts: []Option{WithMaxBytes(10, size), WithMaxSize(100), WithMaxWait(time.Hour)},
			run: func(t *testing.T, b *Batcher[int]) {
				for _, n := range []int{-100, 6, 6, 4} {
					if err := b.Add(context.Background(), n); err != nil {
						t.Fatalf("Add(%d) = %v, want nil", n, err)
					}
				}
			},
			want: []int{2, 2}, count: BatchCounts{Bytes: 2},
		},
		{
			name: "time",
			opts: []Option{WithMaxWait(10 * time.Millisecond)},
			run: func(t *testing.T, b *Batcher[int]) {
				addN(t, b, 0, 2)
				time.Sleep(9 * time.Millisecond)
				synctest.Wait()
				addN(t, b, 2, 1)
				time.Sleep(time.Millisecond) // 10ms after the first item
			},
			want: []int{3}, count: BatchCounts{Time: 1},
		},
		{
			name: "time per batch",
			opts: []Option{WithMaxWait(10 * time.Millisecond)},
			run: func(t *testing.T, b *Batcher[int]) {
				addN(t, b, 0, 1)
				time.Sleep(10 * time.Millisecond)
				synctest.Wait()
				time.Sleep(25 * time.Millisecond) // nothing to commit
				addN(t, b, 1, 2)
				time.Sleep(10 * time.Millisecond)
			},
			want: []int{1, 2}, count: BatchCounts{Time: 2},
		},
		{
			name: "no time trigger",
			opts: []Option{WithMaxWait(-1)},
			run: func(t *testing.T, b *Batcher[int]) {
				addN(t, b, 0, 2)
				time.Sleep(24 * time.Hour)
			},
			want: nil,
		},
		{
			name: "flush",
			opts: []Option{WithMaxWait(time.Hour)},
			run: func(t *testing.T, b *Batcher[int]) {
				addN(t, b, 0, 2)
				if err := b.Flush(context.Background()); err != nil {
					t.Fatalf("Flush() = %v, want nil", err)
				}
			},
			want: []int{2}, count: BatchCounts{Flush: 1},
		},
		{
			name: "flush empty",
			opts: []Option{WithMaxWait(time.Hour)},
			run: func(t *testing.T, b *Batcher[int]) {
				if err := b.Flush(context.Background()); err != nil {
					t.Fatalf("Flush() = %v, want nil", err)
				}
			},
			want: nil,
		},
		{
			name: "close",
			opts: []Option{WithMaxSize(2), WithMaxWait(time.Hour)},
			run: func(t *testing.T, b *Batcher[int]) {
				addN(t, b, 0, 3)
				closeOK(t, b)
			},
			want: []int{2, 1}, count: BatchCounts{Size: 1, Close: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var r recorder
				b := New(r.commit, tt.opts...)
				defer b.Close(context.Background())
				tt.run(t, b)
				synctest.Wait()
				if got := r.sizes(); !slices.Equal(got, tt.want) {
					t.Errorf("batch sizes = %v, want %v", got, tt.want)
				}
				s := b.Stats()
				if s.Batches != tt.count {
					t.Errorf("Stats().Batches = %+v, want %+v", s.Batches, tt.count)
				}
				checkBalance(t, s)
			})
		})
	}
}

// TestGroupCommit checks that with [NoWait] items go to commit at once and
// batches form only while the commit slot is busy, until the commit ends,
// Flush or Close.
func TestGroupCommit(t *testing.T) {
	tests := []struct {
		name  string
		end   func(b *Batcher[int]) error // ends the wait for the slot
		count BatchCounts
	}{
		{"next commit", func(*Batcher[int]) error { return nil }, BatchCounts{Time: 2}},
		{"flush", func(b *Batcher[int]) error { return b.Flush(context.Background()) }, BatchCounts{Time: 1, Flush: 1}},
		{"close", func(b *Batcher[int]) error { return b.Close(context.Background()) }, BatchCounts{Time: 1, Close: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := recorder{gate: make(chan error)}
				b := New(r.commit, WithMaxWait(NoWait), WithMaxSize(100))
				defer b.Close(context.Background())

				addN(t, b, 0, 1) // starts a commit at once
				synctest.Wait()
				addN(t, b, 1, 5) // wait for the slot
				if s := b.Stats(); s.InFlight != 1 || s.Queued != 5 {
					t.Errorf("Stats() InFlight, Queued = %d, %d, want 1, 5", s.InFlight, s.Queued)
				}
				ended := make(chan error, 1)
				go func() { ended <- tt.end(b) }()
				synctest.Wait() // Flush and Close seal the 5 before the slot frees
				r.gate <- nil   // the first commit ends; the 5 go together
				r.gate <- nil
				if err := <-ended; err != nil {
					t.Errorf("%s = %v, want nil", tt.name, err)
				}
				synctest.Wait()
				if got, want := r.sizes(), []int{1, 5}; !slices.Equal(got, want) {
					t.Errorf("batch sizes = %v, want %v", got, want)
				}
				if s := b.Stats(); s.Batches != tt.count {
					t.Errorf("Stats().Batches = %+v, want %+v", s.Batches, tt.count)
				}
			})
		})
	}
}

// TestCommitContext checks that an AddWait caller whose ctx ends does not
// cancel the commit its item shares with others.
func TestCommitContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started := make(chan context.Context)
		release := make(chan struct{})
		b := New(func(ctx context.Context, items []int) error {
			started <- ctx
			<-release
			return context.Cause(ctx)
		}, WithMaxSize(2), WithMaxWait(time.Hour))
		ctx, cancel := context.WithCancelCause(context.Background())
		result := make(chan error)
		go func() { result <- b.AddWait(ctx, 0) }()
		go func() { result <- b.AddWait(context.Background(), 1) }()
		commitCtx := <-started
		cancel(errBoom)
		synctest.Wait()
		if err := commitCtx.Err(); err != nil {
			t.Errorf("commit's ctx.Err() after a caller's ctx ended = %v, want nil", err)
		}
		close(release)
		for range 2 {
			if err := <-result; err != nil && !errors.Is(err, errBoom) {
				t.Errorf("AddWait() = %v, want nil or %v (the caller's own ctx)", err, errBoom)
			}
		}
		closeOK(t, b)
		if s := b.Stats(); s.Committed != 2 {
			t.Errorf("Stats().Committed = %d, want 2", s.Committed)
		}
	})
}

func TestOrdered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		b := New(r.commit, WithMaxSize(7), WithMaxWait(time.Millisecond))
		for i := range 1000 {
			if err := b.Add(context.Background(), i); err != nil {
				t.Fatalf("Add(%d) = %v, want nil", i, err)
			}
			if i%100 == 0 {
				time.Sleep(time.Millisecond) // let some batches go by time
			}
		}
		closeOK(t, b)
		got := r.items()
		if len(got) != 1000 || !slices.IsSorted(got) {
			t.Errorf("committed items in order = %v, want 0..999 sorted", got)
		}
	})
}

func TestConcurrency(t *testing.T) {
	for _, n := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := recorder{gate: make(chan error)}
				b := New(r.commit, WithMaxSize(1), WithConcurrency(n), WithQueueSize(100))
				addN(t, b, 0, 10)
				synctest.Wait()
				if s := b.Stats(); s.InFlight != n {
					t.Errorf("Stats().InFlight = %d, want %d", s.InFlight, n)
				}
				for range 10 {
					r.gate <- nil
				}
				closeOK(t, b)
				if r.peak != n {
					t.Errorf("concurrent commits = %d, want %d", r.peak, n)
				}
				if got := len(r.items()); got != 10 {
					t.Errorf("committed items = %d, want 10", got)
				}
			})
		})
	}
}

func TestAddContext(t *testing.T) {
	var r recorder
	b := New(r.commit)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.Add(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Add(cancelled ctx) = %v, want %v", err, context.Canceled)
	}
	if err := b.AddWait(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("AddWait(cancelled ctx) = %v, want %v", err, context.Canceled)
	}
	closeOK(t, b)
	if s := b.Stats(); s.Added != 0 {
		t.Errorf("Stats().Added = %d, want 0", s.Added)
	}
}

// TestAddWaitContext checks that an AddWait caller who stops waiting does
// not take its item back.
func TestAddWaitContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		b := New(r.commit, WithMaxWait(time.Second))
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		if err := b.AddWait(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("AddWait(ctx ending first) = %v, want %v", err, context.DeadlineExceeded)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if got, want := r.items(), []int{1}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v", got, want)
		}
		closeOK(t, b)
	})
}

func TestAddWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		b := New(r.commit, WithMaxSize(3), WithMaxWait(time.Hour))
		defer b.Close(context.Background())
		errc := make(chan error, 3)
		for i := range 3 {
			go func() { errc <- b.AddWait(context.Background(), i) }()
		}
		for range 3 {
			if err := <-errc; err != nil {
				t.Errorf("AddWait() = %v, want nil", err)
			}
		}
		if got, want := r.sizes(), []int{3}; !slices.Equal(got, want) {
			t.Errorf("batch sizes = %v, want %v", got, want)
		}
	})
}

func TestNewPanics(t *testing.T) {
	commit := (&recorder{}).commit
	tests := []struct {
		name string
		new  func()
		want string // in the panic message
	}{
		{"nil commit", func() { New[int](nil) }, "nil commit"},
		{"bytes size of another type", func() {
			New(commit, WithMaxBytes(10, func(s string) int { return len(s) }))
		}, "want a func(int) int"},
		{"bytes nil size", func() { New(commit, WithMaxBytes[int](10, nil)) }, "nil size func"},
		{"invalid policy", func() { New(commit, WithFullPolicy(FullPolicy(7))) }, "invalid FullPolicy(7)"},
		{"negative policy", func() { New(commit, WithFullPolicy(-1)) }, "invalid FullPolicy(-1)"},
		{"nil option", func() { New(commit, WithMaxSize(2), nil) }, "nil Option (option 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				v := recover()
				if msg, _ := v.(string); !strings.HasPrefix(msg, "batch: ") || !strings.Contains(msg, tt.want) {
					t.Errorf("New() panicked with %v, want a message holding %q", v, tt.want)
				}
			}()
			tt.new()
		})
	}
}

// TestHugeOptions checks that the largest values of the options cost
// nothing up front and work.
func TestHugeOptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		b := New(r.commit, WithMaxSize(math.MaxInt), WithQueueSize(math.MaxInt),
			WithConcurrency(math.MaxInt), WithMaxWait(math.MaxInt64),
			WithMaxBytes(math.MaxInt, func(n int) int { return math.MaxInt - n }))
		addN(t, b, 0, 2) // the second takes the first batch over MaxBytes
		if err := b.Flush(context.Background()); err != nil {
			t.Errorf("Flush() = %v, want nil", err)
		}
		addN(t, b, 2, 1)
		closeOK(t, b)
		got := r.items()
		slices.Sort(got) // the two first batches may commit in any order
		if want := []int{0, 1, 2}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v in any order", got, want)
		}
		if s := b.Stats(); s.Batches != (BatchCounts{Bytes: 1, Flush: 1, Close: 1}) {
			t.Errorf("Stats().Batches = %+v, want {Bytes:1 Flush:1 Close:1}", s.Batches)
		}
		// Slots are made per goroutine that ran, not per unit of concurrency.
		if n := len(b.cancels); n > 3 {
			t.Errorf("commit slots = %d after 3 commits, want at most 3", n)
		}
	})
}

// TestOptionDefaults checks the documented defaults, that 0 means the
// default for every option and a negative value too where the option cannot
// be switched off, and the raising of a queue smaller than a batch.
func TestOptionDefaults(t *testing.T) {
	commit := (&recorder{}).commit
	tests := []struct {
		name                  string
		opts                  []Option
		size, queue, parallel int
		wait                  time.Duration
	}{
		{"defaults", nil, 1000, 4000, 1, 100 * time.Millisecond},
		{"set", []Option{WithMaxSize(10), WithQueueSize(15), WithConcurrency(3), WithMaxWait(time.Second)}, 10, 15, 3, time.Second},
		{"queue below batch", []Option{WithMaxSize(10), WithQueueSize(5)}, 10, 10, 1, 100 * time.Millisecond},
		{"zero", []Option{WithMaxSize(0), WithQueueSize(0), WithConcurrency(0), WithMaxWait(0)}, 1000, 4000, 1, 100 * time.Millisecond},
		{"negative", []Option{WithMaxSize(-1), WithQueueSize(-1), WithConcurrency(-1), WithMaxWait(-1)}, 1000, 4000, 1, -1},
		{"no wait", []Option{WithMaxWait(NoWait)}, 1000, 4000, 1, NoWait},
		{"zero after a wait", []Option{WithMaxWait(time.Second), WithMaxWait(0)}, 1000, 4000, 1, 100 * time.Millisecond},
		{"last wins", []Option{WithMaxSize(10), WithMaxSize(20)}, 20, 80, 1, 100 * time.Millisecond},
		{"huge batch", []Option{WithMaxSize(math.MaxInt)}, math.MaxInt, math.MaxInt, 1, 100 * time.Millisecond},
		{"batch of a quarter of MaxInt", []Option{WithMaxSize(math.MaxInt / 4)}, math.MaxInt / 4, math.MaxInt / 4 * 4, 1, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(commit, tt.opts...)
			if b.maxSize != tt.size || b.queueSize != tt.queue || b.concurrency != tt.parallel || b.maxWait != tt.wait {
				t.Errorf("New(%s) size, queue, concurrency, wait = %d, %d, %d, %v, want %d, %d, %d, %v",
					tt.name, b.maxSize, b.queueSize, b.concurrency, b.maxWait, tt.size, tt.queue, tt.parallel, tt.wait)
			}
		})
	}
}

// TestMaxWait checks when a lone item is committed for each kind of
// WithMaxWait value: 0 is the default 100ms, NoWait commits at once, and a
// negative wait never commits by time.
func TestMaxWait(t *testing.T) {
	tests := []struct {
		name    string
		wait    time.Duration
		want    time.Duration // when the item is committed; -1: only on Flush
		trigger BatchCounts
	}{
		{"default", 0, 100 * time.Millisecond, BatchCounts{Time: 1}},
		{"set", 30 * time.Millisecond, 30 * time.Millisecond, BatchCounts{Time: 1}},
		{"no wait", NoWait, 0, BatchCounts{Time: 1}},
		{"no time trigger", -1, -1, BatchCounts{Flush: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				at := make(chan time.Duration, 1)
				b := New(func(context.Context, []int) error {
					at <- time.Since(start)
					return nil
				}, WithMaxWait(tt.wait), WithMaxSize(10))
				defer closeOK(t, b)
				addN(t, b, 0, 1)
				time.Sleep(time.Hour) // fake time: every timer due within the hour fires
				if tt.want < 0 {
					select {
					case d := <-at:
						t.Fatalf("WithMaxWait(%v): committed after %v, want no commit before Flush", tt.wait, d)
					default:
					}
					if err := b.Flush(context.Background()); err != nil {
						t.Fatalf("Flush() = %v, want nil", err)
					}
					tt.want = time.Hour
				}
				select {
				case d := <-at:
					if d != tt.want {
						t.Errorf("WithMaxWait(%v): committed after %v, want %v", tt.wait, d, tt.want)
					}
				default:
					t.Fatalf("WithMaxWait(%v): not committed after an hour, want a commit after %v", tt.wait, tt.want)
				}
				if s := b.Stats(); s.Batches != tt.trigger {
					t.Errorf("WithMaxWait(%v): Stats().Batches = %+v, want %+v", tt.wait, s.Batches, tt.trigger)
				}
			})
		})
	}
}
