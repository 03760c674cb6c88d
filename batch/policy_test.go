package batch

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// fill returns a Batcher whose commit is held at r.gate with one batch of
// two in flight and its queue of two full.
func fill(t *testing.T, r *recorder, p FullPolicy) *Batcher[int] {
	t.Helper()
	b := New(r.commit, WithMaxSize(2), WithQueueSize(2), WithMaxWait(time.Hour), WithFullPolicy(p))
	addN(t, b, 0, 4)
	synctest.Wait()
	if s := b.Stats(); s.InFlight != 2 || s.Queued != 2 {
		t.Fatalf("Stats() InFlight, Queued = %d, %d, want 2, 2", s.InFlight, s.Queued)
	}
	return b
}

func TestFullPolicy(t *testing.T) {
	tests := []struct {
		policy   FullPolicy
		add      error // Add's result on a full queue
		addWait  error // AddWait's
		dropped  uint64
		rejected uint64
	}{
		{Drop, nil, ErrFull, 2, 0},
		{Fail, ErrFull, ErrFull, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := &recorder{gate: make(chan error)}
				b := fill(t, r, tt.policy)
				if err := b.Add(context.Background(), 100); !errors.Is(err, tt.add) {
					t.Errorf("Add(full queue) = %v, want %v", err, tt.add)
				}
				if err := b.AddWait(context.Background(), 101); !errors.Is(err, tt.addWait) {
					t.Errorf("AddWait(full queue) = %v, want %v", err, tt.addWait)
				}
				r.gate <- nil
				r.gate <- nil
				closeOK(t, b)
				s := b.Stats()
				if s.Dropped != tt.dropped || s.Rejected != tt.rejected || s.Added != 4 || s.Committed != 4 {
					t.Errorf("Stats() Dropped, Rejected, Added, Committed = %d, %d, %d, %d, want %d, %d, 4, 4",
						s.Dropped, s.Rejected, s.Added, s.Committed, tt.dropped, tt.rejected)
				}
				if got, want := r.items(), []int{0, 1, 2, 3}; !slices.Equal(got, want) {
					t.Errorf("committed = %v, want %v", got, want)
				}
			})
		})
	}
}

func TestBlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{gate: make(chan error)}
		b := fill(t, r, Block)
		errc := make(chan error, 1)
		go func() { errc <- b.Add(context.Background(), 4) }()
		synctest.Wait()
		select {
		case err := <-errc:
			t.Fatalf("Add(full queue) = %v before room was made, want it to wait", err)
		default:
		}
		r.gate <- nil // the batch in flight is done; the queued one starts
		if err := <-errc; err != nil {
			t.Errorf("Add(full queue, room made) = %v, want nil", err)
		}
		r.gate <- nil
		r.gate <- nil
		closeOK(t, b)
		if got, want := r.items(), []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v", got, want)
		}
	})
}

func TestBlockContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{gate: make(chan error)}
		b := fill(t, r, Block)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := b.Add(ctx, 4); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Add(full queue, ctx ends) = %v, want %v", err, context.DeadlineExceeded)
		}
		if err := b.AddWait(ctx, 5); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("AddWait(full queue, ctx ended) = %v, want %v", err, context.DeadlineExceeded)
		}
		r.gate <- nil
		r.gate <- nil
		closeOK(t, b)
		if s := b.Stats(); s.Added != 4 {
			t.Errorf("Stats().Added = %d, want 4", s.Added)
		}
	})
}

// TestBlockClose checks that Close releases callers blocked on a full queue.
func TestBlockClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{gate: make(chan error)}
		b := fill(t, r, Block)
		errc := make(chan error, 2)
		go func() { errc <- b.Add(context.Background(), 4) }()
		go func() { errc <- b.AddWait(context.Background(), 5) }()
		synctest.Wait()
		closed := make(chan error, 1)
		go func() { closed <- b.Close(context.Background()) }()
		for range 2 {
			if err := <-errc; !errors.Is(err, ErrClosed) {
				t.Errorf("Add(full queue) during Close = %v, want %v", err, ErrClosed)
			}
		}
		r.gate <- nil
		r.gate <- nil
		if err := <-closed; err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
		if got, want := r.items(), []int{0, 1, 2, 3}; !slices.Equal(got, want) {
			t.Errorf("committed = %v, want %v", got, want)
		}
	})
}

func TestFullPolicyString(t *testing.T) {
	tests := []struct {
		p    FullPolicy
		want string
	}{
		{Block, "block"},
		{Drop, "drop"},
		{Fail, "fail"},
		{FullPolicy(9), "FullPolicy(9)"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("FullPolicy(%d).String() = %q, want %q", int(tt.p), got, tt.want)
		}
	}
}
