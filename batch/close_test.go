package batch

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// TestCloseInFlight checks that Close commits what is queued and waits for
// the commits running.
func TestCloseInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{gate: make(chan error)}
		b := New(r.commit, WithMaxSize(2), WithMaxWait(time.Hour))
		addN(t, b, 0, 5) // [0 1] in flight, [2 3] sealed, [4] open
		synctest.Wait()
		closed := make(chan error, 1)
		go func() { closed <- b.Close(context.Background()) }()
		synctest.Wait()
		if err := b.Add(context.Background(), 5); !errors.Is(err, ErrClosed) {
			t.Errorf("Add() during Close = %v, want %v", err, ErrClosed)
		}
		for range 3 {
			select {
			case err := <-closed:
				t.Fatalf("Close() = %v before the commits ended, want it to wait", err)
			default:
			}
			r.gate <- nil
			synctest.Wait()
		}
		if err := <-closed; err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
		if got, want := r.items(), []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v", got, want)
		}
		if s := b.Stats(); s.Batches != (BatchCounts{Size: 2, Close: 1}) {
			t.Errorf("Stats().Batches = %+v, want {Size:2 Close:1}", s.Batches)
		}
	})
}

// TestCloseExpired checks that Close with a deadline gives up on what
// has not reached a commit, reports it to its callers, and counts it.
func TestCloseExpired(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := make(chan struct{})
		var committed [][]int
		b := New(func(_ context.Context, items []int) error {
			<-gate // a commit that does not honour its ctx
			committed = append(committed, slices.Clone(items))
			return nil
		}, WithMaxSize(2), WithMaxWait(time.Hour))
		addN(t, b, 0, 2) // in flight
		synctest.Wait()
		results := make(chan error, 3)
		for i := 2; i < 5; i++ { // [2 3] sealed, [4] open
			go func() { results <- b.AddWait(context.Background(), i) }()
			synctest.Wait()
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		err := b.Close(ctx)
		want := "batch: close: 5 items not committed, 2 of them in commits still running: context deadline exceeded"
		if !errors.Is(err, context.DeadlineExceeded) || err.Error() != want {
			t.Errorf("Close(ctx ending first) = %v, want %s", err, want)
		}
		for range 3 {
			err := <-results
			if !errors.Is(err, ErrClosed) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("AddWait() given up by Close = %v, want it to wrap %v and %v", err, ErrClosed, context.DeadlineExceeded)
			}
		}
		s := b.Stats()
		if s.Failed != 3 || s.InFlight != 2 || s.Queued != 0 {
			t.Errorf("Stats() Failed, InFlight, Queued = %d, %d, %d, want 3, 2, 0", s.Failed, s.InFlight, s.Queued)
		}
		close(gate) // the running commit ends after all
		if err := b.Close(context.Background()); err != nil {
			t.Errorf("second Close() = %v, want nil", err)
		}
		if want := [][]int{{0, 1}}; !slices.EqualFunc(committed, want, slices.Equal) {
			t.Errorf("committed = %v, want %v", committed, want)
		}
		s = b.Stats()
		if s.Committed != 2 || s.Failed != 3 {
			t.Errorf("Stats() Committed, Failed = %d, %d, want 2, 3", s.Committed, s.Failed)
		}
		checkBalance(t, s)
	})
}

// TestCloseCancelsCommit checks that a commit running when Close gives up
// sees its context cancelled, with a cause that says why.
func TestCloseCancelsCommit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := make(chan error, 1)
		b := New(func(ctx context.Context, items []int) error {
			<-ctx.Done()
			cause <- context.Cause(ctx)
			return ctx.Err()
		}, WithMaxSize(1))
		addN(t, b, 0, 1)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := b.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close(ctx ending first) = %v, want %v", err, context.DeadlineExceeded)
		}
		if err := <-cause; !errors.Is(err, ErrClosed) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("commit's context.Cause = %v, want it to wrap %v and %v", err, ErrClosed, context.DeadlineExceeded)
		}
		synctest.Wait() // the commit has returned
		if err := b.Close(context.Background()); err != nil {
			t.Errorf("second Close() = %v, want nil", err)
		}
		if s := b.Stats(); s.Failed != 1 {
			t.Errorf("Stats().Failed = %d, want 1", s.Failed)
		}
	})
}

// TestCloseEnded checks that Close with a context that has already ended
// starts no commit and fails every queued item.
func TestCloseEnded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r recorder
		b := New(r.commit, WithMaxSize(2), WithMaxWait(time.Hour))
		addN(t, b, 0, 1)
		result := make(chan error, 1)
		go func() { result <- b.AddWait(context.Background(), 1) }()
		synctest.Wait()
		// [0 1] is committing.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := b.Close(ctx); err != nil {
			t.Errorf("Close(cancelled ctx) once the work is done = %v, want nil", err)
		}
		if err := <-result; err != nil {
			t.Errorf("AddWait() = %v, want nil", err)
		}

		var log strings.Builder
		b = New(r.commit, WithMaxSize(10), WithMaxWait(time.Hour),
			WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
		addN(t, b, 0, 3)
		err := b.Close(ctx)
		if want := "batch: close: 3 items not committed: context canceled"; !errors.Is(err, context.Canceled) || err.Error() != want {
			t.Errorf("Close(cancelled ctx) = %v, want %s", err, want)
		}
		for _, want := range []string{`level=ERROR msg="close gave up" items=3 err.msg="batch: closed before commit: context canceled"`} {
			if !strings.Contains(log.String(), want) {
				t.Errorf("log = %q, want it to hold %s", log.String(), want)
			}
		}
		if s := b.Stats(); s.Failed != 3 || s.Batches.Total() != 0 {
			t.Errorf("Stats() Failed, Batches = %d, %d, want 3, 0", s.Failed, s.Batches.Total())
		}
	})
}

func TestAfterClose(t *testing.T) {
	var r recorder
	b := New(r.commit)
	addN(t, b, 0, 1)
	closeOK(t, b)
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"Add", func() error { return b.Add(context.Background(), 1) }, ErrClosed},
		{"AddWait", func() error { return b.AddWait(context.Background(), 1) }, ErrClosed},
		{"Flush", func() error { return b.Flush(context.Background()) }, ErrClosed},
		{"Close", func() error { return b.Close(context.Background()) }, nil},
		{"Stop", func() error { return b.Stop(context.Background()) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("%s() after Close = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
	if got, want := r.items(), []int{0}; !slices.Equal(got, want) {
		t.Errorf("committed = %v, want %v", got, want)
	}
}

func TestStop(t *testing.T) {
	var r recorder
	b := New(r.commit, WithMaxWait(time.Hour))
	addN(t, b, 0, 3)
	if err := b.Stop(context.Background()); err != nil {
		t.Fatalf("Stop() = %v, want nil", err)
	}
	if got, want := r.items(), []int{0, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("committed = %v, want %v", got, want)
	}
	if err := b.Add(context.Background(), 3); !errors.Is(err, ErrClosed) {
		t.Errorf("Add() after Stop = %v, want %v", err, ErrClosed)
	}
}

func TestFlushContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{gate: make(chan error)}
		b := New(r.commit, WithMaxWait(time.Hour))
		addN(t, b, 0, 2)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := b.Flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Flush(ctx ending first) = %v, want %v", err, context.DeadlineExceeded)
		}
		r.gate <- nil // the flushed batch still commits
		synctest.Wait()
		if got, want := r.items(), []int{0, 1}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v", got, want)
		}
		closeOK(t, b)
	})
}

// TestCloseExpiresAsCommitEnds checks Close when its ctx ends as the last
// commit returns, with the commit returning at each step of Close in turn.
// Close reports items as not committed only when they were not: never for
// a commit that ended well, however late, and it counts a commit still
// running when it returns. Each order is driven on purpose, with Close's
// step hook, rather than left to the scheduler.
func TestCloseExpiresAsCommitEnds(t *testing.T) {
	// Where the commit returns, relative to Close.
	const (
		beforeClose  = closeStep(-2) // before Close is called, ctx already ended
		whileWaiting = closeStep(-1) // while Close waits, before ctx ends
		afterClose   = closeStep(-3) // after Close has returned
	)
	tests := []struct {
		name      string
		at        closeStep
		fail      bool   // the commit returns its ctx's cause: it honours cancellation
		want      string // Close's error; "" for nil
		cancelled bool   // whether the commit saw its ctx cancelled when it returned
		committed uint64
	}{
		{"before close", beforeClose, false, "", false, 1},
		{"while close waits", whileWaiting, false, "", false, 1},
		{"after ctx ends, before close gives up", beforeAbort, false, "", false, 1},
		{"after close cancels it, committed", afterAbort, false, "", true, 1},
		{"after close cancels it, failed", afterAbort, true,
			"batch: close: 1 items not committed: context deadline exceeded", true, 0},
		{"after close returns", afterClose, false,
			"batch: close: 1 items not committed, 1 of them in commits still running: context deadline exceeded", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				gate := make(chan struct{})
				cancelled := make(chan bool, 1)
				b := New(func(ctx context.Context, _ []int) error {
					<-gate
					cancelled <- ctx.Err() != nil
					if tt.fail {
						return context.Cause(ctx)
					}
					return nil
				}, WithMaxSize(1))
				// release lets the commit return, and waits for its
				// goroutine to settle the batch and exit.
				release := func() {
					close(gate)
					synctest.Wait()
				}
				b.closeHook = func(s closeStep) {
					if s == tt.at {
						release()
					}
				}
				addN(t, b, 0, 1)
				synctest.Wait() // the commit is running
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				if tt.at == beforeClose {
					release()
					time.Sleep(time.Second) // ctx ends
				}
				closed := make(chan error, 1)
				go func() { closed <- b.Close(ctx) }()
				if tt.at == whileWaiting {
					synctest.Wait() // Close waits for the commit
					release()
				}
				err := <-closed
				if tt.want == "" && err != nil {
					t.Errorf("Close() = %v, want nil", err)
				}
				if tt.want != "" && (err == nil || err.Error() != tt.want || !errors.Is(err, context.DeadlineExceeded)) {
					t.Errorf("Close() = %v, want %s", err, tt.want)
				}
				if tt.at == afterClose {
					if s := b.Stats(); s.InFlight != 1 {
						t.Errorf("Stats().InFlight after Close gave up = %d, want 1", s.InFlight)
					}
					release()
				}
				select {
				case got := <-cancelled:
					if got != tt.cancelled {
						t.Errorf("commit's ctx cancelled when it returned = %t, want %t", got, tt.cancelled)
					}
				default:
					t.Errorf("commit did not return")
				}
				if err := b.Close(context.Background()); err != nil {
					t.Errorf("second Close() = %v, want nil", err)
				}
				s := b.Stats()
				if s.Committed != tt.committed || s.Failed != 1-tt.committed || s.InFlight != 0 {
					t.Errorf("Stats() Committed, Failed, InFlight = %d, %d, %d, want %d, %d, 0",
						s.Committed, s.Failed, s.InFlight, tt.committed, 1-tt.committed)
				}
			})
		})
	}
}
