package batch

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// TestFIFO checks that the sealed queue keeps its order while it reclaims
// the room of the batches it gave out.
func TestFIFO(t *testing.T) {
	var q fifo[int]
	var want, got []int
	next := 0
	for round := range 100 {
		for range round%7 + 1 {
			q.push(&batch[int]{items: []int{next}})
			want = append(want, next)
			next++
			// push reclaims the consumed front once it is half the buffer.
			if len(q.buf) > 2*q.len() {
				t.Fatalf("fifo holds %d slots for %d queued batches, want at most twice as many", len(q.buf), q.len())
			}
		}
		for range round%5 + 1 {
			if bt := q.pop(); bt != nil {
				got = append(got, bt.items[0])
			}
		}
	}
	for _, bt := range q.takeAll() {
		got = append(got, bt.items[0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("fifo order = %v, want %v", got, want)
	}
	if q.len() != 0 || q.pop() != nil {
		t.Errorf("fifo after takeAll: len %d, want empty", q.len())
	}
}

// TestGoexitQueued checks that a commit calling runtime.Goexit does not
// strand the batches queued behind it.
func TestGoexitQueued(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := make(chan struct{})
		var committed []int
		b := New(func(_ context.Context, items []int) error {
			<-gate
			if items[0] == 0 {
				runtime.Goexit()
			}
			committed = append(committed, items...)
			return nil
		}, WithMaxSize(1), WithMaxWait(time.Hour))
		addN(t, b, 0, 3)
		closed := make(chan error)
		go func() { closed <- b.Close(context.Background()) }()
		synctest.Wait() // Close waits for the three batches
		close(gate)
		err := <-closed
		if !errors.Is(err, ErrGoexit) {
			t.Errorf("Close() = %v, want %v", err, ErrGoexit)
		}
		if want := []int{1, 2}; !slices.Equal(committed, want) {
			t.Errorf("committed = %v, want %v", committed, want)
		}
		if s := b.Stats(); s.Failed != 1 || s.Committed != 2 {
			t.Errorf("Stats() Failed, Committed = %d, %d, want 1, 2", s.Failed, s.Committed)
		}
	})
}

func TestTriggerString(t *testing.T) {
	tests := []struct {
		t    trigger
		want string
	}{
		{bySize, "size"}, {byBytes, "bytes"}, {byTime, "time"},
		{byFlush, "flush"}, {byClose, "close"}, {trigger(99), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("trigger(%d).String() = %q, want %q", tt.t, got, tt.want)
		}
	}
}
