package batch

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"testing/synctest"
	"time"
)

// TestCommitTime checks that Stats adds up the time of every finished
// commit, however it ended.
func TestCommitTime(t *testing.T) {
	tests := []struct {
		name    string
		end     func() error // how a commit ends, after it took its time
		wantErr error        // what Close says of it
	}{
		{"return", func() error { return nil }, nil},
		{"error", func() error { return errBoom }, errBoom},
		{"panic", func() error { panic("kaput") }, new(PanicError)},
		{"goexit", func() error { runtime.Goexit(); return nil }, ErrGoexit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// Item i's commit takes i seconds.
				b := New(func(_ context.Context, items []int) error {
					time.Sleep(time.Duration(items[0]) * time.Second)
					return tt.end()
				}, WithMaxSize(1))
				for _, it := range []int{1, 3, 2} {
					if err := b.Add(context.Background(), it); err != nil {
						t.Fatalf("Add(%d) = %v, want nil", it, err)
					}
				}
				err := b.Close(context.Background())
				if pe := (*PanicError)(nil); errors.As(tt.wantErr, &pe) {
					if !errors.As(err, &pe) {
						t.Errorf("Close() = %v, want a *PanicError", err)
					}
				} else if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
					t.Errorf("Close() = %v, want %v", err, tt.wantErr)
				}
				s := b.Stats()
				if s.CommitTime != 6*time.Second || s.MaxCommitTime != 3*time.Second {
					t.Errorf("Stats() CommitTime, MaxCommitTime = %v, %v, want 6s, 3s", s.CommitTime, s.MaxCommitTime)
				}
				if s.Batches.Total() != 3 {
					t.Errorf("Stats().Batches.Total() = %d, want 3", s.Batches.Total())
				}
			})
		})
	}
}
